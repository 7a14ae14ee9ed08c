import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { act, refused, scenario, startServer, until, type TestServer } from "../helpers.js";
import { command, instructor, openClass, sitAtTable, student, type Assignment, type Member } from "./class-helpers.js";

/**
 * Class tables open in the briefing: no turn clock runs and no move is taken until every seated
 * student is ready, the instructor starts the clock, or the class's briefing time runs out
 * (frozen while the class is paused).
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ botDelayMs: 60_000 });
});
afterAll(async () => server.close());

/** A started class of `names` (1 per side, no bots) with its instructor and each student's assignment. */
async function classOf(settings: Record<string, unknown>, names: string[]): Promise<{ teacher: Member; at: Assignment[] }> {
  const { code, key } = await openClass(server, { playersPerSide: 1, bots: false, events: "none", ...settings });
  const teacher = await instructor(server, code, key);
  const kids: Member[] = [];
  for (const name of names) kids.push(await student(server, code, name));
  await command(teacher, "start");
  const at = await Promise.all(kids.map((k) => k.next("assignment", (a: Assignment) => Boolean(a.matchCode))));
  return { teacher, at };
}

describe("the class briefing", () => {
  it("holds the clock until every student is ready (default briefing time 5 min)", async () => {
    const before = Date.now();
    const { teacher, at } = await classOf({ briefingSeconds: undefined, turnSeconds: 60 }, ["Aki", "Sam"]);
    const [aki, sam] = await Promise.all(at.map((a) => sitAtTable(server, a)));
    const view = aki!.state();
    expect([view.phase, view.table.turnEndsAt]).toEqual(["briefing", 0]);
    // The briefing ends by itself five minutes after the table opened.
    expect(view.table.briefingEndsAt).toBeGreaterThanOrEqual(before + 300_000);
    expect(view.table.briefingEndsAt).toBeLessThanOrEqual(Date.now() + 300_000);
    expect((await refused(aki!, "propose", { offer: scenario.references[0]!.offer })).code).toBe("WRONG_PHASE");
    const dashboard = await teacher.next("dashboard", (d) => d.tables.length === 1);
    expect(dashboard.settings.briefingSeconds).toBe(300);
    expect(dashboard.tables[0]).toMatchObject({ phase: "briefing", turnEndsAt: 0 });
    expect(dashboard.tables[0].players.map((p: { ready: boolean }) => p.ready)).toEqual([false, false]);

    await act(aki!, "ready");
    await until(sam!, (s) => s.players.find((p) => p.name === "Aki")?.ready === true, 5000, "Sam to see Aki ready");
    expect(sam!.state().phase).toBe("briefing");
    await act(sam!, "ready");
    await until(aki!, (s) => s.phase === "negotiating" && s.table.turnEndsAt > 0, 5000, "the clock to start");
    expect(aki!.state().table.briefingEndsAt).toBe(0);
    expect(aki!.state().table.turnEndsAt).toBeGreaterThan(Date.now() + 50_000);
    await teacher.next("dashboard", (d) => d.tables[0].phase === "negotiating" && d.tables[0].turnEndsAt > 0);
    await Promise.all([aki!.room.leave(), sam!.room.leave()]);
  });

  it("lets the instructor start one table's clock, then all", async () => {
    const { teacher, at } = await classOf({ briefingSeconds: 300 }, ["A", "B", "C", "D"]);
    const t1 = await sitAtTable(server, at.find((a) => a.table === "T1")!);
    const t2 = await sitAtTable(server, at.find((a) => a.table === "T2")!);
    expect([t1.state().phase, t2.state().phase]).toEqual(["briefing", "briefing"]);
    const done = await command(teacher, "startClock", { table: "T1" });
    expect(done.result.tables).toEqual(["T1"]);
    await until(t1, (s) => s.phase === "negotiating", 5000, "T1 to start");
    expect(t2.state().phase).toBe("briefing");
    await expect(command(teacher, "startClock", { table: "T1" })).rejects.toThrow(/WRONG_PHASE T1 is not in its briefing/);
    await expect(command(teacher, "startClock", { table: "T7" })).rejects.toThrow(/UNKNOWN_TABLE/);
    expect((await command(teacher, "startClock", { table: "all" })).result.tables).toEqual(["T2"]);
    await until(t2, (s) => s.phase === "negotiating", 5000, "T2 to start");
    await expect(command(teacher, "startClock", { table: "all" })).rejects.toThrow(/No table is in its briefing/);
    await Promise.all([t1.room.leave(), t2.room.leave()]);
  });

  it("starts by itself when the class's briefing time is over, and a pause freezes that countdown", async () => {
    const { at } = await classOf({ briefingSeconds: 1 }, ["Aki", "Sam"]);
    const aki = await sitAtTable(server, at[0]!);
    expect(aki.state().phase).toBe("briefing");
    await until(aki, (s) => s.phase === "negotiating", 5000, "the briefing time to run out");
    await aki.room.leave();

    const paused = await classOf({ briefingSeconds: 2 }, ["Kei", "Mia"]);
    const kei = await sitAtTable(server, paused.at[0]!);
    await command(paused.teacher, "pause");
    await until(kei, (s) => s.table.paused && s.table.briefingEndsAt === 0, 5000, "the pause");
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(kei.state().phase).toBe("briefing");
    await command(paused.teacher, "resume");
    await until(kei, (s) => !s.table.paused && s.table.briefingEndsAt > Date.now(), 5000, "the countdown to resume");
    await until(kei, (s) => s.phase === "negotiating", 5000, "the rest of the briefing time to run out");
    await kei.room.leave();
  });
});
