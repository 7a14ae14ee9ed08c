import { existsSync, readFileSync, rmSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { createGameServer } from "../../server/app.js";
import { serverConfig, type ServerConfigInput } from "../../server/config.js";
import { abandonedPath, logPath } from "../../server/store/match-catalog.js";
import { replayLog } from "../../shared/index.js";
import { act, create, join, leaveAll, offerOf, refused, sleep, startedPvp, startServer, type Player, type TestServer } from "./helpers.js";
import { getClass, openClass, student } from "./classroom/class-helpers.js";

/**
 * Issue 19, finding 4: everything is bounded. Chat is limited per seat (ten tabs are one seat),
 * a match has a cap on chat lines and on its log's size (moves go on), a class on its roster
 * (returning students still get in), and a match that never started and has nobody in it is
 * closed within `abandonMinutes`, marked abandoned beside its kept log, and not resumed.
 */

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const start = async (config: ServerConfigInput) => (server = await startServer({ botDelayMs: 60_000, ...config }));

/** Sends `n` chat lines from each of `players` at once; counts the accepted ones by the match's state. */
async function chatFlood(s: TestServer, code: string, players: Player[], n: number): Promise<{ accepted: number; codes: Set<string> }> {
  const before = s.match(code).state.chat.length;
  const errorsBefore = players.map((p) => p.errors.length);
  for (let i = 0; i < n; i++) for (const p of players) p.room.send("chat", { text: `line ${i}` });
  // Every message is answered: an accepted line shows in the state, a refused one as an error.
  const answered = () => s.match(code).state.chat.length - before + players.reduce((sum, p, k) => sum + p.errors.length - errorsBefore[k]!, 0);
  for (let t = 0; t < 500 && answered() < n * players.length; t++) await sleep(10);
  const codes = new Set(players.flatMap((p, k) => p.errors.slice(errorsBefore[k]).map((e) => e.code)));
  return { accepted: s.match(code).state.chat.length - before, codes };
}

describe("everything is bounded", () => {
  it("limits chat per seat, not per connection: ten tabs of one seat get one seat's lines; the other seat still chats", async () => {
    const s = await start({ chatPerMinute: 6, chatBurst: 5 });
    const { code, japan, us } = await startedPvp(s);
    const token = (await us.seat).token;
    const tabs = [us];
    for (let i = 0; i < 9; i++) tabs.push(await join(s, code, { seat: token }));
    const flood = await chatFlood(s, code, tabs, 5);
    expect(flood.accepted).toBeLessThanOrEqual(6);
    expect(flood.codes).toEqual(new Set(["RATE_LIMITED"]));
    await act(japan, "chat", { text: "still heard" });
    await leaveAll(japan, ...tabs);
  });

  it("caps a match's chat lines (CHAT_FULL); moves go on", async () => {
    const s = await start({ chatPerMinute: 100_000, chatBurst: 10_000, maxChatLines: 4 });
    const { code, japan, us } = await startedPvp(s);
    for (let i = 0; i < 4; i++) await act(japan, "chat", { text: `line ${i}` });
    const seq = s.match(code).state.seq;
    expect((await refused(us, "chat", { text: "one more" })).code).toBe("CHAT_FULL");
    expect(s.match(code).state.seq).toBe(seq);
    await act(japan, "propose", { offer: offerOf("first") });
    await leaveAll(japan, us);
  });

  it("caps a match's log size: chat refused with LOG_FULL once the log is that big, moves still accepted", async () => {
    const s = await start({ chatPerMinute: 100_000, chatBurst: 10_000, ratePerSecond: 10_000, rateBurst: 10_000, maxLogBytes: 64 * 1024 });
    const { code, japan, us } = await startedPvp(s);
    const line = "x".repeat(490);
    let full: string | undefined;
    for (let i = 0; i < 400 && !full; i++) {
      const before = japan.errors.length;
      const seq = japan.state().seq;
      japan.room.send("chat", { text: line });
      for (let t = 0; t < 1000 && japan.state().seq === seq && japan.errors.length === before; t++) await sleep(5);
      if (japan.errors.length > before) full = japan.errors.at(-1)!.code;
    }
    expect(full).toBe("LOG_FULL");
    const size = readFileSync(logPath(s.dataDir, code)).length;
    expect(size).toBeGreaterThanOrEqual(64 * 1024);
    expect(size).toBeLessThan(64 * 1024 + 4096);
    await act(japan, "propose", { offer: offerOf("first") });
    await leaveAll(japan, us);
  });

  it("caps a class's roster (CLASS_FULL); a returning student with their token still gets in", async () => {
    const s = await start({ maxClassStudents: 3 });
    const { code, key } = await openClass(s);
    const kids = [await student(s, code, "A"), await student(s, code, "B"), await student(s, code, "C")];
    const token = (await kids[0]!.next("welcome")).token as string;
    await kids[0]!.room.leave();
    const { Client } = await import("@colyseus/sdk");
    await expect(new Client(`ws://127.0.0.1:${s.port}`).joinById(code, { name: "D" })).rejects.toThrow(/^CLASS_FULL/);
    const back = await new Client(`ws://127.0.0.1:${s.port}`).joinById(code, { token });
    const welcome = await new Promise<any>((resolve) => back.onMessage("welcome", resolve));
    expect(welcome.studentId).toBe("s1");
    const roster = ((await (await getClass(s, code, key)).json()) as { roster: unknown[] }).roster;
    expect(roster).toHaveLength(3);
    await Promise.all([back.leave(), kids[1]!.room.leave(), kids[2]!.room.leave()]);
  });

  it("closes a never-started match nobody is in within abandonMinutes, marks it abandoned, keeps its log, and does not resume it", async () => {
    const s = await start({ abandonMinutes: 0.01, reconnectSeconds: 0 });
    const left = await create(s, { side: "japan" });
    const code = left.room.roomId;
    const waiting = await create(s, { side: "japan" });
    const playing = await startedPvp(s);
    // A "what if" branch of an ended match, opened mid-negotiation, that nobody sat down in.
    const parent = await startedPvp(s);
    await act(parent.japan, "walkaway");
    await leaveAll(parent.japan, parent.us);
    const branchWatcher = await create(s, { spectator: true, branch: { matchId: parent.code, step: 4 } });
    const branch = branchWatcher.room.roomId;
    expect(s.match(branch).state.phase).toBe("negotiating");
    await leaveAll(left, branchWatcher);
    await leaveAll(playing.japan, playing.us);
    for (let t = 0; t < 300 && s.game.deps.matches.has(code); t++) await sleep(20);
    expect(s.game.deps.matches.has(code)).toBe(false);
    expect(existsSync(abandonedPath(s.dataDir, code))).toBe(true);
    expect(replayLog(readFileSync(logPath(s.dataDir, code), "utf8")).ok).toBe(true);
    for (let t = 0; t < 300 && s.game.deps.matches.has(branch); t++) await sleep(20);
    expect(existsSync(abandonedPath(s.dataDir, branch))).toBe(true);
    // Someone waiting for their guest is not abandoned; a started match waits for idleMinutes (hours), not this.
    await sleep(1500);
    expect(s.game.deps.matches.has(waiting.room.roomId)).toBe(true);
    expect(s.game.deps.matches.has(playing.code)).toBe(true);
    expect(existsSync(abandonedPath(s.dataDir, playing.code))).toBe(false);
    await leaveAll(waiting);

    // A restart on the same data folder resumes the started match, not the abandoned one.
    const dataDir = s.dataDir;
    await s.game.shutdown();
    const again = await createGameServer(serverConfig({ port: 0, host: "127.0.0.1", dataDir, clientDir: `${dataDir}/none`, botDelayMs: 60_000 }));
    await again.listen();
    try {
      const resumed = await again.resumeUnfinished();
      expect(resumed).toContain(playing.code);
      expect(resumed).not.toContain(code);
      expect(resumed).not.toContain(branch);
      const listing = (await (await fetch(`http://127.0.0.1:${(again.server.transport.server!.address() as { port: number }).port}/api/matches`)).json()) as { matches: { id: string }[] };
      expect(listing.matches.map((m) => m.id)).not.toContain(code);
    } finally {
      await again.shutdown();
      rmSync(dataDir, { recursive: true, force: true });
    }
    server = undefined;
  });
});
