import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { act, join, scenario, startServer, until, type TestServer } from "../helpers.js";
import { builtinScenario, DEFAULT_SCENARIO_ID } from "../../../shared/index.js";
import { command, instructor, openClass, sitAtTable, student, type Assignment } from "./class-helpers.js";

/** The instructor's controls: move before the start, extend, a deck event by id, end; and their refusals. */

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ botDelayMs: 60_000 });
});
afterAll(async () => server.close());

describe("instructor controls", () => {
  it("moves a student before the start only, extends one table, injects a deck event, ends the class", async () => {
    const { code, key } = await openClass(server, { playersPerSide: 1, bots: true, events: "none" });
    const teacher = await instructor(server, code, key);
    const aki = await student(server, code, "Aki");
    const sam = await student(server, code, "Sam");
    expect((await aki.next("assignment")).table).toBe("T1");
    const samAt: Assignment = await sam.next("assignment");
    expect([samAt.table, samAt.side]).toEqual(["T1", "us"]);
    // Sam cannot sit where Aki sits, but can move to a free seat of a table that exists.
    await expect(command(teacher, "move", { studentId: "s2", table: "T1", side: "japan", role: "chief" })).rejects.toThrow(/SEAT_TAKEN/);
    await expect(command(teacher, "move", { studentId: "s9", table: "T1", side: "us", role: "treasury" })).rejects.toThrow(/UNKNOWN_STUDENT/);
    const kei = await student(server, code, "Kei");
    expect((await kei.next("assignment")).table).toBe("T2");
    await command(teacher, "move", { studentId: "s2", table: "T2", side: "us", role: samAt.role });
    expect((await sam.next("assignment", (a) => a.table === "T2")).side).toBe("us");

    await command(teacher, "start");
    await expect(command(teacher, "move", { studentId: "s2", table: "T1", side: "us", role: samAt.role })).rejects.toThrow(/WRONG_PHASE/);
    await expect(command(teacher, "start")).rejects.toThrow(/WRONG_PHASE/);
    const akiAt: Assignment = await aki.next("assignment", (a) => a.matchCode);
    const table = await sitAtTable(server, akiAt);
    const before = table.state().maxRounds;
    await command(teacher, "extend", { table: "T1", rounds: 2 });
    await until(table, (s) => s.maxRounds === before + 2, 5000, "the deadline to move");
    await expect(command(teacher, "extend", { table: "T9", rounds: 1 })).rejects.toThrow(/UNKNOWN_TABLE/);
    await expect(command(teacher, "inject", { table: "T1", eventId: "no-such-event" })).rejects.toThrow(/UNKNOWN_EVENT/);
    // The dashboard lists every event the instructor can inject by id: the deck, then the timeline.
    const dashboard = await teacher.next("dashboard");
    const events = builtinScenario(DEFAULT_SCENARIO_ID)!.events;
    expect(dashboard.deck.map((e: { id: string }) => e.id)).toEqual([...events.deck.map((e) => e.id), ...events.timeline.map((t) => t.event.id)]);
    expect(dashboard.deck.map((e: { id: string }) => e.id)).toContain("steel-50");
    const done = await command(teacher, "inject", { table: "T1", eventId: "steel-50" });
    expect(done.result.tables).toEqual(["T1"]);
    await until(table, (s) => s.events.some((e: any) => e.id === "steel-50" && e.origin === "instructor"), 5000, "the deck event");

    await command(teacher, "end");
    await expect(student(server, code, "Late")).rejects.toThrow(/CLASS_ENDED/);
    await table.room.leave();
  });

  it("gives a latecomer a bot's seat (logged takeover), and plays on", async () => {
    const { code, key } = await openClass(server, { playersPerSide: 1, bots: true });
    const teacher = await instructor(server, code, key);
    const aki = await student(server, code, "Aki");
    await command(teacher, "start");
    const akiAt: Assignment = await aki.next("assignment", (a) => a.matchCode);
    const late = await student(server, code, "Late Sam");
    const lateAt: Assignment = await late.next("assignment", (a) => a.matchCode);
    expect([lateAt.table, lateAt.side, lateAt.matchCode]).toEqual(["T1", "us", akiAt.matchCode]);
    const japan = await sitAtTable(server, akiAt);
    const us = await sitAtTable(server, lateAt);
    expect((await us.seat).playerId).toBe("bot-us-1");
    await until(us, (s) => s.players.find((p) => p.id === "bot-us-1")?.bot === undefined && s.players.find((p) => p.id === "bot-us-1")?.name === "Late Sam", 5000, "the seat to be a person's");
    await act(japan, "propose", { offer: scenario.references[0]!.offer });
    await until(us, (s) => s.standingProposalId === "p1");
    await act(us, "accept", { proposalId: "p1" });
    expect(us.state().phase).toBe("ended");
    // A second latecomer finds no bot seat left: they watch a table (here the only one, ended) as a spectator.
    const later = await student(server, code, "Later");
    const laterAt: Assignment = await later.next("assignment");
    expect([laterAt.spectator, laterAt.table, laterAt.matchCode, laterAt.seatToken, laterAt.side]).toEqual([true, "T1", akiAt.matchCode, null, ""]);
    const watcher = await join(server, laterAt.matchCode!, { spectator: true, seat: laterAt.watchToken! });
    expect(await watcher.seat).toEqual({ spectator: true });
    expect(watcher.state().scenario.id).toBe(scenario.id);
    await Promise.all([japan.room.leave(), us.room.leave(), watcher.room.leave()]);
  });
});
