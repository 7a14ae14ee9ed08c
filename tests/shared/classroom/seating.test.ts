import { describe, expect, it } from "vitest";
import { emptyPlan, findStudent, moveStudent, occupiedTables, seatStudent, type SeatingPlan } from "../../../shared/index.js";
import { mustApply, started, tariffScenario } from "../helpers.js";
import { tableDebrief, firstConcession, offerPoints } from "../../../shared/index.js";

const scenario = tariffScenario();

const seatAll = (plan: SeatingPlan, count: number) => {
  let p = plan;
  for (let i = 0; i < count; i++) p = seatStudent(scenario, p, `s${i + 1}`);
  return p;
};

describe("seating a class", () => {
  it("fills whole tables first, alternating sides, and spreads roles", () => {
    const plan = seatAll(emptyPlan(2, true), 9);
    expect(plan.tables.map((t) => t.id)).toEqual(["T1", "T2", "T3"]);
    const t1 = plan.tables[0]!;
    expect(t1.seats.map((s) => `${s.side}/${s.role}/${s.studentId}`)).toEqual([
      "japan/chief/s1",
      "us/treasury/s2",
      "japan/maff/s3",
      "us/commerce/s4",
    ]);
    expect(plan.tables[2]!.seats.map((s) => s.studentId)).toEqual(["s9", null, null, null]);
  });

  it("gives everyone the side's first role when roles are off, and cycles roles past the third player", () => {
    expect(seatAll(emptyPlan(2, false), 4).tables[0]!.seats.map((s) => s.role)).toEqual(["chief", "treasury", "chief", "treasury"]);
    const four = seatAll(emptyPlan(4, true), 8).tables[0]!.seats.filter((s) => s.side === "japan").map((s) => s.role);
    expect(four).toEqual(["chief", "maff", "finance", "chief"]);
  });

  it("seats a returning student once", () => {
    const plan = seatAll(emptyPlan(1, true), 2);
    expect(seatStudent(scenario, plan, "s1")).toBe(plan);
  });

  it("moves a student to a free seat, and refuses a taken or unknown one", () => {
    const plan = seatAll(emptyPlan(1, true), 3);
    const moved = moveStudent(plan, "s1", { table: "T2", side: "us", role: "treasury" });
    expect(moved.ok).toBe(true);
    if (moved.ok) {
      expect(findStudent(moved.plan, "s1")?.table.id).toBe("T2");
      expect(moved.plan.tables[0]!.seats[0]!.studentId).toBeNull();
    }
    expect(moveStudent(plan, "s1", { table: "T1", side: "us", role: "treasury" })).toMatchObject({ ok: false, error: { code: "SEAT_TAKEN" } });
    expect(moveStudent(plan, "s9", { table: "T2", side: "us", role: "treasury" })).toMatchObject({ ok: false, error: { code: "UNKNOWN_STUDENT" } });
    expect(moveStudent(plan, "s1", { table: "T7", side: "us", role: "treasury" })).toMatchObject({ ok: false, error: { code: "UNKNOWN_TABLE" } });
  });

  it("keeps only tables with someone at them", () => {
    const plan = seatAll(emptyPlan(1, true), 3);
    const moved = moveStudent(plan, "s3", { table: "T1", side: "japan", role: "chief" });
    expect(moved.ok).toBe(false);
    expect(occupiedTables(plan).map((t) => t.id)).toEqual(["T1", "T2"]);
  });
});

describe("a table's debrief row", () => {
  it("reports the outcome, the metrics and who conceded first", () => {
    const historical = scenario.references[0]!.offer;
    let s = started(scenario, { settings: { events: "none" } });
    s = mustApply(scenario, s, { type: "propose", by: "j1", offer: { ...historical, A: "2.5", B: "normal" } });
    s = mustApply(scenario, s, { type: "propose", by: "u1", offer: { ...historical, A: "25" } });
    expect(firstConcession(scenario, s)).toBeNull();
    s = mustApply(scenario, s, { type: "propose", by: "j1", offer: { ...historical, A: "10" } });
    expect(firstConcession(scenario, s)).toBe("japan");
    s = mustApply(scenario, s, { type: "accept", by: "u1", proposalId: "p3" });
    const row = tableDebrief(scenario, s, { tableId: "T1", matchId: "M1" });
    expect(row).toMatchObject({ tableId: "T1", matchId: "M1", phase: "ended", outcome: "agreement", rounds: 2, proposals: 3, firstConcession: "japan", ratified: true });
    expect(row.jointGainShare).toBeGreaterThan(0.5);
    expect(row.dealPoints).toEqual({ a: offerPoints(scenario, s, "japan", s.outcome!.offer!), b: offerPoints(scenario, s, "us", s.outcome!.offer!) });
  });
});
