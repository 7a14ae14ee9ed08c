import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sideSheet } from "../../shared/index.js";
import { carries, sideNumbers } from "./secrets.js";
import { act, join, leaveAll, offerOf, scenario, sleep, startedPvp, startServer, until, type Player, type TestServer } from "./helpers.js";

/**
 * A Japan seat must not receive the US sheet in any form while the match runs: not in its
 * view, and not in the raw bytes on its socket — on join, on rejoin with its seat token, and
 * (restart.test.ts) after a restart. Messages travel as msgpack, where a fractional number is a
 * float64 in big-endian order after the byte 0xcb: that is what is looked for.
 */

let server: TestServer;
beforeAll(async () => {
  // 40 long team lines in a row: faster than the per-seat chat pace a person needs (tests/server/limits-bounded.test.ts checks that pace).
  server = await startServer({ chatPerMinute: 6000, chatBurst: 100 });
});
afterAll(async () => {
  await server.close();
});

/** Texts only the US may read: its roles' briefs and its red lines' reasons. */
const usTexts = () => {
  const us = scenario.sides.find((s) => s.id === "us")!;
  return [...us.roles.map((r) => r.brief), ...us.redLines.map((r) => r.reason)];
};

const received = (player: Player): Buffer => Buffer.concat(player.frames.map((f) => Buffer.from(f)));

const plain = (state: unknown): any => JSON.parse(JSON.stringify(state));

/** Asks for the whole view again and waits for it: its bytes then pass through the socket being watched. */
async function resync(player: Player): Promise<void> {
  const count = player.messages.length;
  player.room.send("sync", {});
  await until(player, () => player.messages.slice(count).some((m: any) => "view" in m), 5000, "a whole view");
}

describe("secrecy", () => {
  it("keeps the US sheet from Japan and spectators while running, and reveals both at the end", async () => {
    const { code, japan, us } = await startedPvp(server);
    const watcher = await join(server, code, { spectator: true });
    await act(us, "chat", { text: "TEAM-US-SECRET: our floor is the rice quota", to: "team" });
    await act(japan, "chat", { text: "TEAM-JP-SECRET: hold on cars", to: "team" });
    await act(japan, "propose", { offer: offerOf("last") });
    await act(us, "propose", { offer: offerOf("first") });
    await until(japan, (s) => s.seq === us.state().seq);
    await until(watcher, (s) => s.seq === us.state().seq);

    const live = server.match(code).state;
    // Japan's own numbers as its sheet stood in each round so far (round 2's events rescale some of them).
    const japanNumbers = new Set([...sideNumbers(live, "japan"), ...sideNumbers({ ...live, round: 1, events: live.events.filter((e) => e.round === 1) }, "japan")]);
    const usOnly = [...sideNumbers(live, "us")].filter((n) => !japanNumbers.has(n));
    expect(usOnly.length).toBeGreaterThan(10);

    // The view: Japan has its own sheet, role and team channel, nothing of the US.
    const jp = plain(japan.state());
    expect(Object.keys(jp.sheets)).toEqual(["japan"]);
    expect(jp.roles.map((r: any) => `${r.side}/${r.role}`)).toEqual([`japan/${(await japan.seat).role}`]);
    expect(jp.chat.filter((l: any) => l.to === "team").map((l: any) => l.side)).toEqual(["japan"]);
    expect(JSON.stringify(jp)).not.toContain("TEAM-US-SECRET");
    for (const text of usTexts()) expect(JSON.stringify(jp)).not.toContain(text.slice(0, 60));
    const spectator = plain(watcher.state());
    expect(Object.keys(spectator.sheets)).toEqual([]);
    expect(spectator.roles).toEqual([]);
    expect(spectator.chat.filter((l: any) => l.to === "team")).toEqual([]);

    // A whole view again (as on join), and Japan back through its seat token on a new connection.
    await resync(japan);
    await resync(watcher);
    const japanAgain = await join(server, code, { seat: (await japan.seat).token });
    await resync(japanAgain);

    // Raw bytes: none of the US-only numbers or texts ever reached Japan's or the spectator's socket.
    for (const player of [japan, watcher, japanAgain]) {
      expect(player.frames.length).toBeGreaterThan(0);
      const bytes = received(player);
      for (const n of usOnly) expect(carries(bytes, n), `US number ${n} leaked`).toBe(false);
      for (const text of usTexts()) expect(bytes.includes(Buffer.from(text.slice(0, 40)))).toBe(false);
      expect(bytes.includes(Buffer.from("TEAM-US-SECRET"))).toBe(false);
    }
    // The search does find numbers where they belong (so the test could fail).
    expect([...japanNumbers].filter((n) => carries(received(japan), n)).length).toBeGreaterThan(10);
    await resync(us);
    const usRole = (await us.seat).role!;
    const usSeatNumbers = [...sideNumbers(live, "us", usRole)].filter((n) => !japanNumbers.has(n));
    expect(usSeatNumbers.filter((n) => carries(received(us), n)).length).toBe(usSeatNumbers.length);
    expect(received(us).includes(Buffer.from("TEAM-JP-SECRET"))).toBe(false);

    // HTTP does not leak it either.
    const listing = await (await fetch(`${server.url}/api/matches`)).text();
    for (const text of usTexts()) expect(listing).not.toContain(text.slice(0, 40));
    const log = await fetch(`${server.url}/api/matches/${code}/log`);
    expect(log.status).toBe(409);
    expect(await log.json()).toMatchObject({ code: "MATCH_RUNNING" });

    // The end reveals everything to everyone at the table.
    await act(japan, "walkaway");
    for (const player of [japan, us, watcher]) {
        await until(player, (s) => s.phase === "ended" && Object.keys(s.sheets).length === 2 && s.roles.length === 6 && new Set(s.chat.filter((l) => l.to === "team").map((l) => l.side)).size === 2, 5000, "the reveal");
    }
    const revealed = plain(japan.state());
    const ended = server.match(code).state;
    const usSheet = sideSheet(scenario, ended, "us");
    expect(revealed.sheets.us.reservation).toBe(usSheet.reservation);
    expect(revealed.sheets.us.points).toEqual(usSheet.points);
    expect(revealed.chat.map((l: { text: string }) => l.text)).toContain("TEAM-US-SECRET: our floor is the rice quota");
    expect(plain(watcher.state()).sheets.japan.reservation).toBe(sideSheet(scenario, ended, "japan").reservation);
    const published = await fetch(`${server.url}/api/matches/${code}/log`);
    expect(published.status).toBe(200);
    await leaveAll(japan, us, watcher, japanAgain);
  });

  it("reveals a long team channel whole at the end", async () => {
    const { japan, us } = await startedPvp(server);
    // 40 lines of 490 characters: 19.6 KB of team chat, more than one reveal buffer holds.
    for (let i = 0; i < 40; i++) {
      if (i >= 25) await sleep(110); // within the default rate limit (10/s after a burst of 30)
      await act(us, "chat", { text: `${i} `.padEnd(490, "x"), to: "team" });
    }
    await act(japan, "walkaway");
    await until(japan, (s) => s.phase === "ended" && s.chat.filter((l) => l.side === "us" && l.to === "team").length === 40, 5000, "the US team channel");
    const lines = japan.state().chat.filter((l) => l.side === "us" && l.to === "team");
    expect(lines.map((l) => l.text.split(" ")[0])).toEqual(Array.from({ length: 40 }, (_, i) => String(i)));
    expect(lines.every((l) => l.text.length === 490)).toBe(true);
    await leaveAll(japan, us);
  });
});
