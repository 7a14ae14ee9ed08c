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

  it("scores the July 2025 package at about US +111 / Japan +21", () => {
    expect(Math.abs(packageFor(scenario, "us") - golden.historicalDeal.us)).toBeLessThanOrEqual(golden.historicalDeal.tolerance);
    expect(Math.abs(packageFor(scenario, "japan") - golden.historicalDeal.japan)).toBeLessThanOrEqual(golden.historicalDeal.tolerance);
  });

  it("has a joint maximum near 190, of which the real deal captures about 70%", () => {
    const state = newMatch(scenario, { seed: "golden" });
    if (!state.ok) throw new Error(state.error.message);
    const analysis = analyzeSpace(scenario, state.value);
    expect(analysis.outcomes).toBe(120_960);
    expect(Math.abs(analysis.maxJointGain - golden.jointMaximum.near)).toBeLessThanOrEqual(golden.jointMaximum.tolerance);
    const share = (packageFor(scenario, "us") + packageFor(scenario, "japan")) / analysis.maxJointGain;
    expect(Math.abs(share - golden.historicalShareOfJointMaximum.near)).toBeLessThanOrEqual(golden.historicalShareOfJointMaximum.tolerance);
  });

  it("with full pass-through on cars (φ = 1) the same deal falls below Japan's no-deal point", () => {
    const fullPassThrough = withSource((raw) => {
      raw.models.tariff.goods.cars.passThrough = 1;
    });
    expect(packageFor(fullPassThrough, "japan")).toBeLessThan(0);
    expect(packageFor(fullPassThrough, "japan")).toBeGreaterThan(-25);
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
