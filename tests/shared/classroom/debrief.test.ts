import { describe, expect, it } from "vitest";
import { analyzeSpace, classChartState, commonEvents, newMatch, packageMetrics, packagePointPair, tableDebrief, type MatchState } from "../../../shared/index.js";
import { mustApply, started, tariffScenario } from "../helpers.js";

/** The class debrief's two spaces: the chart's (events every table had) and each table's own. */

const scenario = tariffScenario();
const deal = scenario.references[0]!.offer;
// Doubles what Japan makes on US car tariffs (issue A) and lowers its no-deal value: a different frontier and Nash point.
const carShock = { id: "car-shock", title: "Car shock", headline: "Toyota warns.", effects: [{ kind: "scale" as const, side: "japan", issue: "A", factor: 2 }, { kind: "reservation" as const, side: "japan", delta: -5 }] };
const snap = { id: "snap", title: "Snap election", headline: "Tokyo votes.", effects: [{ kind: "reservation" as const, side: "us", delta: 3 }] };

function agreed(events: (typeof carShock)[]): MatchState {
  let s = started(scenario, { settings: { events: "none" } });
  for (const event of events) s = mustApply(scenario, s, { type: "inject", event });
  s = mustApply(scenario, s, { type: "propose", by: "j1", offer: deal });
  return mustApply(scenario, s, { type: "accept", by: "u1", proposalId: "p1" });
}

describe("class debrief spaces", () => {
  it("keeps the events every table had, as many times as the table that had them least", () => {
    const a = agreed([snap, carShock, snap]);
    const b = agreed([carShock, snap]);
    expect(commonEvents([a, b]).map((e) => e.id)).toEqual(["snap", "car-shock"]);
    expect(commonEvents([a, agreed([])])).toEqual([]);
    expect(commonEvents([])).toEqual([]);
  });

  it("draws the chart without a table's own event, and measures that table in its own space", () => {
    const shocked = agreed([carShock]);
    const plain = agreed([]);
    const chart = classChartState(scenario, [shocked, plain]);
    const base = newMatch(scenario, { seed: "x", settings: { events: "none" } });
    if (!base.ok) throw new Error();
    // The chart is the space before the event, since only one table had it.
    expect(chart.events).toEqual([]);
    expect(analyzeSpace(scenario, chart).frontier).toEqual(analyzeSpace(scenario, base.value).frontier);

    const row = tableDebrief(scenario, shocked, { tableId: "T1", matchId: "M1" }, chart);
    const own = analyzeSpace(scenario, shocked);
    const ownMetrics = packageMetrics(scenario, shocked, own, deal)!;
    // The event moved this table's space: its frontier and no-deal point are not the chart's.
    expect(own.frontier).not.toEqual(analyzeSpace(scenario, chart).frontier);
    expect(row.own.extraEvents).toEqual(["car-shock"]);
    expect(row.own.noDeal).toEqual(own.reservation);
    expect(row.own.nash).toEqual({ a: own.nash!.a, b: own.nash!.b });
    expect(row.own.dealPoints).toEqual(ownMetrics.points);
    // Its metrics are measured against its own frontier, not the chart's…
    expect(row.jointGainShare).toBeCloseTo(ownMetrics.jointGainShare, 9);
    expect(row.distanceToFrontier).toBeCloseTo(ownMetrics.distanceToFrontier, 9);
    expect(row.jointGainShare).not.toBeCloseTo(packageMetrics(scenario, chart, analyzeSpace(scenario, chart), deal)!.jointGainShare, 3);
    // …while its mark on the chart is the package in the chart's units.
    expect(row.dealPoints).toEqual(packagePointPair(scenario, chart, deal));
    expect(row.dealPoints).not.toEqual(row.own.dealPoints);
    expect(row.agreed).toBe(true);

    // The table without the event sits in the chart's space: both points coincide.
    const plainRow = tableDebrief(scenario, plain, { tableId: "T2", matchId: "M2" }, chart);
    expect(plainRow.dealPoints).toEqual(plainRow.own.dealPoints);
    expect(plainRow.own.extraEvents).toEqual([]);
  });

  it("puts an event every table had into the chart", () => {
    const chart = classChartState(scenario, [agreed([carShock]), agreed([carShock, snap])]);
    expect(chart.events.map((e) => e.id)).toEqual(["car-shock"]);
    expect(analyzeSpace(scenario, chart).frontier).toEqual(analyzeSpace(scenario, agreed([carShock])).frontier);
    expect(tableDebrief(scenario, agreed([carShock, snap]), { tableId: "T2", matchId: "M2" }, chart).own.extraEvents).toEqual(["snap"]);
  });

  it("counts a stopped table as no deal", () => {
    const stopped = mustApply(scenario, started(scenario), { type: "stop", reason: "The instructor ended the class." });
    const row = tableDebrief(scenario, stopped, { tableId: "T1", matchId: "M1" });
    expect([row.outcome, row.agreed, row.dealPoints, row.jointGainShare, row.ratified]).toEqual(["stopped", false, null, null, null]);
    expect(tableDebrief(scenario, started(scenario), { tableId: "T1", matchId: "M1" }).agreed).toBeNull();
  });
});
