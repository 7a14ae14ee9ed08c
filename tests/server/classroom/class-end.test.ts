import { promises as fs } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayLog, reservationValue, stateHash } from "../../../shared/index.js";
import { logPath } from "../../../server/store/match-catalog.js";
import { act, join, leaveAll, refused, scenario, sdk, sleep, startServer, until, type Player, type TestServer } from "../helpers.js";
import { command, getClass, member, sitAtTable, startedClass, student, type Assignment } from "./class-helpers.js";

/** Issue 6: ending the class stops every table still playing (engine `stop`, logged, no deal); latecomers with no seat watch. */

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ botDelayMs: 60_000 });
});
afterAll(async () => server.close());

const snap = { id: "snap-election", title: "Snap election", headline: "Tokyo calls a snap election.", effects: [{ kind: "reservation", side: "japan", delta: -6 }] };

async function logOf(matchCode: string) {
  const replay = replayLog(await fs.readFile(logPath(server.dataDir, matchCode), "utf8"));
  if (!replay.ok) throw new Error(replay.error.message);
  return replay.value;
}

describe("ending a class", () => {
  it("stops the running tables (loaded or not), leaves ended ones alone, and the debrief counts them as no deal", async () => {
    const { code, key, teacher, kids, at } = await startedClass(server, { playersPerSide: 1, bots: false, events: "historical" }, ["Aki", "Sam", "Kei", "Lee", "Mio", "Ren"]);
    const tableOf = (id: string) => at.filter((a) => a.table === id);
    const seated = async (id: string) => {
      const [x, y] = tableOf(id);
      const players = [await sitAtTable(server, x!), await sitAtTable(server, y!)];
      return { japan: players[x!.side === "japan" ? 0 : 1]!, us: players[x!.side === "japan" ? 1 : 0]!, matchCode: x!.matchCode! };
    };
    const t1 = await seated("T1");
    const t2 = await seated("T2");
    const t3Code = tableOf("T3")[0]!.matchCode!;

    // T1 plays a move and gets an event that moves Japan's no-deal value; T2 ends with a deal.
    await act(t1.japan, "propose", { offer: scenario.references[0]!.offer });
    await command(teacher, "inject", { table: "T1", event: snap });
    await until(t1.us, (s) => s.events.some((e: any) => e.id === "snap-election"), 5000, "the event");
    await act(t2.japan, "propose", { offer: scenario.references[0]!.offer });
    await act(t2.us, "accept", { proposalId: "p1" });
    // T3's room is unloaded while it still plays (as after an idle spell): ending must reopen it to stop it.
    await server.room(t3Code).disconnect();
    for (let i = 0; i < 200 && server.game.deps.matches.has(t3Code); i++) await sleep(10);
    expect(server.game.deps.matches.has(t3Code)).toBe(false);
    // Only the server stops a match: a player's "stop" is no message of the room, and changes nothing.
    const seqBefore = t1.us.state().seq;
    expect((await refused(t1.us, "stop", { reason: "I am bored" })).code).toBe("UNKNOWN_MESSAGE");
    expect([t1.us.state().seq, t1.us.state().phase]).toEqual([seqBefore, "negotiating"]);
    const t1Before = server.match(t1.matchCode).state;

    await command(teacher, "pause");
    const done = await command(teacher, "end");
    expect(done.result.tables).toEqual(["T1", "T3"]);

    // The players see the end at once: stopped, no deal, each side's reservation value as the event moved it.
    for (const p of [t1.japan, t1.us]) await until(p, (s) => s.phase === "ended", 5000, "T1 to end");
    const outcome = t1.us.state().outcome!;
    expect(outcome.kind).toBe("stopped");
    expect(outcome.points.japan).toBe(reservationValue(scenario, t1Before, "japan"));
    // The injected −6 on top of what the scenario's own events had made Japan's no deal.
    const withoutSnap = { ...t1Before, events: t1Before.events.filter((e) => e.id !== "snap-election") };
    expect(outcome.points.japan).toBeCloseTo(reservationValue(scenario, withoutSnap, "japan") - 6, 9);
    expect(outcome.points.us).toBe(reservationValue(scenario, t1Before, "us"));
    // …and the other side's sheet, now that the match is over.
    expect(t1.us.state().sheets["japan"]).toBeDefined();
    expect((await refused(t1.us, "accept", { proposalId: "p1" })).code).toBe("WRONG_PHASE");
    expect(t2.us.state().outcome!.kind).toBe("agreement");

    // Logged like any action, and the logs replay to the servers' states.
    for (const code of [t1.matchCode, t3Code]) {
      const log = await logOf(code);
      expect(log.actions.at(-1)!.action).toEqual({ type: "stop", reason: "The instructor ended the class." });
      expect(log.result?.outcome.kind).toBe("stopped");
      expect(log.result?.stateHash).toBe(stateHash(log.final));
    }
    expect((await logOf(t1.matchCode)).result?.stateHash).toBe(stateHash(server.match(t1.matchCode).state));
    expect((await logOf(t2.matchCode)).result?.outcome.kind).toBe("agreement");
    // An ended table's log is published.
    expect((await fetch(`${server.url}/api/matches/${t1.matchCode}/log`)).status).toBe(200);

    // The class record, the dashboard and the students' assignments say the class ended.
    const record = JSON.parse(await fs.readFile(`${server.dataDir}/classes/${code}.json`, "utf8"));
    expect([record.status, record.paused, typeof record.endedAt]).toEqual(["ended", false, "string"]);
    const dashboard = await (await getClass(server, code, key)).json();
    expect([dashboard.status, dashboard.endedAt]).toEqual(["ended", record.endedAt]);
    expect(dashboard.tables.map((t: any) => [t.tableId, t.phase, t.outcome?.kind])).toEqual([["T1", "ended", "stopped"], ["T2", "ended", "agreement"], ["T3", "ended", "stopped"]]);
    expect((await kids[0]!.next("assignment", (a) => a.status === "ended")).matchCode).toBe(at[0]!.matchCode);
    const debrief = await (await getClass(server, code, key, "/debrief")).json();
    expect(debrief.status).toBe("ended");
    expect(debrief.counts).toEqual({ tables: 3, playing: 0, agreements: 1, noDeal: 2, stopped: 2 });
    expect(debrief.tables.map((t: any) => [t.tableId, t.outcome, t.agreed, t.dealPoints === null])).toEqual([["T1", "stopped", false, true], ["T2", "agreement", true, false], ["T3", "stopped", false, true]]);
    const csv = (await (await getClass(server, code, key, "/debrief.csv")).text()).trim().split("\r\n");
    expect(csv[1]).toMatch(/^T1,\w+,stopped,/);

    // Nothing more to end; nobody new gets in.
    await expect(command(teacher, "end")).rejects.toThrow(/WRONG_PHASE/);
    await expect(student(server, code, "Late")).rejects.toThrow(/CLASS_ENDED/);
    await leaveAll(t1.japan, t1.us, t2.japan, t2.us);
  });

  it("seats a latecomer with no seat left as a spectator of a table still playing, who sees it stopped", async () => {
    const { code, teacher, kids, at } = await startedClass(server, { playersPerSide: 1, bots: false, events: "none" }, ["Aki", "Sam", "Kei", "Lee"]);
    // T1 ends with a walk-away, so latecomers are sent to T2, the table still playing.
    const t1 = at.filter((a) => a.table === "T1");
    const t1Japan = await sitAtTable(server, t1.find((a) => a.side === "japan")!);
    await act(t1Japan, "walkaway");

    const late = await student(server, code, "Late");
    const lateAt: Assignment = await late.next("assignment");
    const t2Code = at.find((a) => a.table === "T2")!.matchCode!;
    expect(lateAt).toMatchObject({ spectator: true, table: "T2", matchCode: t2Code, seatToken: null, side: "", role: "", status: "running" });
    expect(lateAt.watchToken).toMatch(/^~watch\./);
    const roster = (await command(teacher, "dashboard")).result.roster;
    expect(roster.find((r: any) => r.name === "Late")).toMatchObject({ table: null, watching: "T2" });

    // The watch token opens only that table, and only to watch.
    await expect(join(server, t1Japan.room.roomId, { spectator: true, seat: lateAt.watchToken! })).rejects.toThrow(/BAD_SEAT_TOKEN/);
    await expect(join(server, t2Code, { spectator: true })).rejects.toThrow(/CLASS_TABLE/);
    const watcher: Player = await join(server, t2Code, { spectator: true, seat: lateAt.watchToken! });
    expect(await watcher.seat).toEqual({ spectator: true });
    expect(watcher.state().scenario.id).toBe(scenario.id);
    expect(watcher.state().phase).toBe("negotiating");
    expect(Object.keys(watcher.state().sheets)).toHaveLength(0);
    expect((await refused(watcher, "walkaway")).code).toBe("SPECTATOR");
    await until(watcher, (s) => s.table.spectators === 1, 5000, "the spectator count");
    expect((await command(teacher, "dashboard")).result.tables.find((t: any) => t.tableId === "T2").spectators).toBe(1);
    // A second latecomer is spread to the table with fewer watchers among those playing: T2 again (T1 has ended).
    const later = await student(server, code, "Later");
    expect((await later.next("assignment")).table).toBe("T2");
    // Coming back with the rejoin token gives the same spectator assignment.
    const { token } = await late.next("welcome");
    const back = member(await sdk(server).joinById(code, { token }));
    expect(await back.next("assignment")).toMatchObject({ spectator: true, table: "T2", watchToken: lateAt.watchToken });

    await command(teacher, "end");
    await until(watcher, (s) => s.phase === "ended" && s.outcome!.kind === "stopped", 5000, "the watched table to stop");
    // Once it is over the spectator sees both sheets, as at any ended match.
    await until(watcher, (s) => s && Object.keys(s.sheets).length === 2, 5000, "both sheets");
    await leaveAll(watcher, t1Japan);
    await Promise.all([late, later, back, teacher, ...kids].map((m) => m.room.leave().catch(() => undefined)));
  });
});
