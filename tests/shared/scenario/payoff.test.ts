import { describe, expect, it } from "vitest";
import golden from "../../fixtures/brief-golden.json";
import {
  builtinScenario,
  builtinScenarioSource,
  newMatch,
  analyzeSpace,
  offerIndices,
  packagePoints,
  parseScenario,
  sidePointTable,
  rolePointTable,
  type Scenario,
} from "../../../shared/index.js";

const scenario = builtinScenario("tariff-talks-2025")!;

function optionPoints(s: Scenario, side: string, issueId: string, optionId: string): number {
  const i = s.issues.findIndex((issue) => issue.id === issueId);
  const j = s.issues[i]!.options.findIndex((o) => o.id === optionId);
  return sidePointTable(s, side)[i]![j]!;
}

function withSource(edit: (raw: any) => void): Scenario {
  const raw = builtinScenarioSource("tariff-talks-2025") as any;
  edit(raw);
  const parsed = parseScenario(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
  return parsed.value;
}

const historical = scenario.references.find((r) => r.id === "july-2025")!.offer;

/**
 * The US-selected investment options follow the September MOU: cash flows 50/50 until Japan recoups,
 * then 90/10. With projects that pay back `paybackMultiple` times their cost, Japan's share of all
 * cash flows is the recouped half plus 10% of the rest. The brief's two anchors (90/10 from the start,
 * and Japan-led pro rata) differ only in Japan's share of the cash flows, so each point of share is worth
 * the same transfer between the sides; the recoup-first value lies on that line.
 */
function recoupFirstPer100bn(): [number, number] {
  const { usSelected9010: [us9010, jp9010], japanLedProRata: [usProRata], japanShare9010, japanShareProRata, paybackMultiple } = golden.investmentAnchors;
  // Per unit of cost: Japan takes half of the flows until it has its unit back (flows of 2), then a tenth.
  const flows = paybackMultiple;
  const japanFlows = flows <= 2 ? flows / 2 : 1 + japanShare9010 * (flows - 2);
  const japanShare = japanFlows / flows;
  const perShare = (us9010! - usProRata!) / (japanShareProRata - japanShare9010);
  const transfer = perShare * (japanShare - japanShare9010);
  return [us9010! - transfer, jp9010! + transfer];
}

/** The real deal as written, issue by issue from the golden rows and the re-derived investment value. */
function realDealFromRows(side: 0 | 1): number {
  const rowA = golden.A.find((r) => r.option === historical.A)!;
  const rowB = golden.B.find((r) => r.option === historical.B)!;
  const nonTariff = (issue: "C" | "D" | "E" | "G" | "H") => (golden.nonTariff[issue] as [string, number, number][]).find(([o]) => o === historical[issue])![side + 1] as number;
  const investmentBn = Number(historical.F!.replace(/^us-/, ""));
  return (
    (side === 0 ? rowA.us + rowB.us : rowA.japan + rowB.japan) +
    nonTariff("C") + nonTariff("D") + nonTariff("E") + nonTariff("G") + nonTariff("H") +
    (recoupFirstPer100bn()[side] * investmentBn) / 100
  );
}
const packageFor = (s: Scenario, side: string) => packagePoints(sidePointTable(s, side), offerIndices(s, historical)!);

describe("tariff-talks-2025 payoff model against the brief's golden table", () => {
  for (const issueId of ["A", "B"] as const) {
    for (const row of golden[issueId]) {
      it(`issue ${issueId}, option ${row.option}: US ${row.us} / Japan ${row.japan} (±${golden.tolerance})`, () => {
        expect(Math.abs(optionPoints(scenario, "us", issueId, row.option) - row.us)).toBeLessThanOrEqual(golden.tolerance);
        expect(Math.abs(optionPoints(scenario, "japan", issueId, row.option) - row.japan)).toBeLessThanOrEqual(golden.tolerance);
      });
    }
  }

  for (const [issueId, rows] of Object.entries(golden.nonTariff).filter(([key]) => key !== "tolerance")) {
    it(`issue ${issueId} matches the brief's teaching assumptions`, () => {
      for (const [option, us, japan] of rows as [string, number, number][]) {
        expect(Math.abs(optionPoints(scenario, "us", issueId, option) - us)).toBeLessThanOrEqual(golden.nonTariff.tolerance);
        expect(Math.abs(optionPoints(scenario, "japan", issueId, option) - japan)).toBeLessThanOrEqual(golden.nonTariff.tolerance);
      }
    });
  }

  it("values US-selected investment by the MOU's split: 50/50 until Japan recoups, then 90/10", () => {
    const [us, japan] = recoupFirstPer100bn();
    // Half the cash flows go to Japan instead of a tenth: four ninths of the way from 90/10 to pro rata.
    expect(us).toBeCloseTo(17 - (4 / 9) * 8, 9);
    for (const size of [100, 300, 550]) {
      expect(Math.abs(optionPoints(scenario, "us", "F", `us-${size}`) - (us * size) / 100)).toBeLessThanOrEqual(0.05);
      expect(Math.abs(optionPoints(scenario, "japan", "F", `us-${size}`) - (japan * size) / 100)).toBeLessThanOrEqual(0.05);
    }
  });

  it("the real deal is the package as written: 15%, 15% all-in, rice +75% in the quota, $8bn, safety certification, $550bn recoup-first, no minerals, no written snap-back", () => {
    expect(historical).toEqual({ A: "15", B: "15-all-in", C: "plus75", D: "8", E: "safety", F: "us-550", G: "none", H: "none" });
    const notes = scenario.references[0]!.notes ?? {};
    expect(Object.keys(notes).sort()).toEqual(scenario.issues.map((i) => i.id).sort());
  });

  it("scores the real deal as re-derived from the rows: about US +66 / Japan +48", () => {
    const us = realDealFromRows(0);
    const japan = realDealFromRows(1);
    // The rows are rounded to whole points; seven of them add up.
    expect(Math.abs(packageFor(scenario, "us") - us)).toBeLessThanOrEqual(2);
    expect(Math.abs(packageFor(scenario, "japan") - japan)).toBeLessThanOrEqual(2);
    expect(Math.round(packageFor(scenario, "us"))).toBe(66);
    expect(Math.round(packageFor(scenario, "japan"))).toBe(48);
  });

  it("has a joint maximum near 190, of which the real deal captures about 59%", () => {
    const state = newMatch(scenario, { seed: "golden" });
    if (!state.ok) throw new Error(state.error.message);
    const analysis = analyzeSpace(scenario, state.value);
    expect(analysis.outcomes).toBe(120_960);
    expect(Math.abs(analysis.maxJointGain - golden.jointMaximum.near)).toBeLessThanOrEqual(golden.jointMaximum.tolerance);
    const share = (packageFor(scenario, "us") + packageFor(scenario, "japan")) / analysis.maxJointGain;
    expect(Math.abs(share - golden.historicalShareOfJointMaximum.near)).toBeLessThanOrEqual(golden.historicalShareOfJointMaximum.tolerance);
  });

  it("with full pass-through on cars (φ = 1) Japan's gain from the same deal shrinks to about a fifth", () => {
    const fullPassThrough = withSource((raw) => {
      raw.models.tariff.goods.cars.passThrough = 1;
    });
    // Only issue A moves: Japan's exporters then lose only the margin on lost trade.
    const carsIndex = scenario.issues.findIndex((i) => i.id === "A");
    const carsOption = scenario.issues[carsIndex]!.options.findIndex((o) => o.id === historical.A);
    const lostOnCars = sidePointTable(scenario, "japan")[carsIndex]![carsOption]! - sidePointTable(fullPassThrough, "japan")[carsIndex]![carsOption]!;
    expect(packageFor(fullPassThrough, "japan")).toBeCloseTo(packageFor(scenario, "japan") - lostOnCars, 9);
    expect(packageFor(fullPassThrough, "japan")).toBeGreaterThan(0);
    expect(packageFor(fullPassThrough, "japan")).toBeLessThan(0.3 * packageFor(scenario, "japan"));
  });
});

describe("points are computed from parameters, not typed in", () => {
  it("a changed elasticity moves the tariff rows", () => {
    const elastic = withSource((raw) => {
      raw.models.tariff.elasticity = 4;
    });
    expect(optionPoints(elastic, "japan", "A", "15")).not.toBeCloseTo(optionPoints(scenario, "japan", "A", "15"), 3);
  });

  it("a changed coefficient moves a non-tariff row", () => {
    const pricier = withSource((raw) => {
      raw.issues.find((i: any) => i.id === "D").payoff.coefficients.us.pledgeBn = 10;
    });
    expect(optionPoints(pricier, "us", "D", "8")).toBeCloseTo(80, 6);
  });

  it("the no-deal package scores zero for both sides on every issue", () => {
    const nd = offerIndices(scenario, scenario.noDeal)!;
    for (const side of ["us", "japan"]) expect(packagePoints(sidePointTable(scenario, side), nd)).toBe(0);
  });

  it("a role's sheet applies its issue weights and model overrides", () => {
    const chief = rolePointTable(scenario, "japan", "chief");
    const japan = sidePointTable(scenario, "japan");
    expect(chief[0]![3]).toBeCloseTo(2 * japan[0]![3]!, 9);
    expect(chief[1]![3]).toBeCloseTo(japan[1]![3]!, 9);
    // Treasury counts revenue double: a car tariff cut costs it more than it costs the US side.
    const treasury = rolePointTable(scenario, "us", "treasury");
    expect(treasury[0]![3]!).toBeLessThan(sidePointTable(scenario, "us")[0]![3]!);
  });
});
