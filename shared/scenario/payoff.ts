import type { Issue, Scenario, TariffModel } from "./schema.js";

/**
 * Payoff model: every option's points, computed from the scenario's parameters.
 * A table is indexed [issue index][option index] in scenario order, and measured
 * against the no-deal package (its options score 0 on every issue).
 */
export type PointTable = number[][];

type TariffWeights = Pick<TariffModel, "revenueWeight" | "buyerCostWeight" | "protectionWeight">;

/**
 * Partial-equilibrium tariff model (see docs/scenario-format.md):
 *   M(t) = M0 · ((1+φt)/(1+φt0))^(−ε)
 *   R = t·M − t0·M0,  D = ½·φ·(t−t0)·(M0−M),  C = φ·(t−t0)·M + D,  L = (1−φ)·(t−t0)·M + m·(M0−M)
 *   importer: wR·R − wC·C + wP·(M0−M);  exporter: −w·L
 * Returns points (not $bn) for the given side; sides not in the trade score 0.
 */
export function tariffPoints(model: TariffModel, goodId: string, rate: number, sideId: string, weights: TariffWeights = model): number {
  const good = model.goods[goodId];
  if (!good) throw new Error(`unknown good ${goodId}`); // parseScenario rules this out
  const { baseImports: m0, normalRate: t0, passThrough: phi } = good;
  const imports = m0 * Math.pow((1 + phi * rate) / (1 + phi * t0), -model.elasticity);
  const lostTrade = m0 - imports;
  if (sideId === model.importer) {
    const revenue = rate * imports - t0 * m0;
    const deadweight = 0.5 * phi * (rate - t0) * lostTrade;
    const buyersCost = phi * (rate - t0) * imports + deadweight;
    const value = weights.revenueWeight * revenue - weights.buyerCostWeight * buyersCost + weights.protectionWeight * lostTrade;
    return value / model.bnPerPoint;
  }
  if (sideId === model.exporter) {
    const exportersLoss = (1 - phi) * (rate - t0) * imports + model.lostTradeMargin * lostTrade;
    return (-good.exporterWeight * exportersLoss) / model.bnPerPoint;
  }
  return 0;
}

function rawOptionPoints(scenario: Scenario, issue: Issue, optionIndex: number, sideId: string, weights?: Partial<TariffWeights>): number {
  const option = issue.options[optionIndex]!;
  if (issue.payoff.kind === "tariff") {
    const model = scenario.models.tariff!;
    return tariffPoints(model, issue.payoff.good, option.rate!, sideId, { ...model, ...weights });
  }
  if (issue.payoff.kind === "given") {
    const evaluation = issue.payoff.evaluations[sideId]?.[option.id];
    return evaluation === undefined ? 0 : (issue.payoff.weights[sideId] ?? 1) * evaluation;
  }
  const perUnit = issue.payoff.coefficients[sideId] ?? {};
  let points = 0;
  for (const [name, amount] of Object.entries(option.quantities ?? {})) points += (perUnit[name] ?? 0) * amount;
  return points;
}

/**
 * A side's points for every option of every issue: computed models relative to the no-deal
 * option, given utilities as written (a point table already says what no deal is worth: the
 * side's reservation).
 */
export function sidePointTable(scenario: Scenario, sideId: string, weights?: Partial<TariffWeights>): PointTable {
  return scenario.issues.map((issue) => {
    const noDealIndex = issue.options.findIndex((o) => o.id === scenario.noDeal[issue.id]);
    const base = issue.payoff.kind === "given" ? 0 : rawOptionPoints(scenario, issue, noDealIndex, sideId, weights);
    return issue.options.map((_, j) => rawOptionPoints(scenario, issue, j, sideId, weights) - base);
  });
}

/** A role's own points: its side's model with the role's overrides, times its issue weights. */
export function rolePointTable(scenario: Scenario, sideId: string, roleId: string): PointTable {
  const side = scenario.sides.find((s) => s.id === sideId);
  const role = side?.roles.find((r) => r.id === roleId);
  if (!role) throw new Error(`unknown role ${sideId}/${roleId}`);
  const table = sidePointTable(scenario, sideId, role.tariffOverrides);
  return table.map((row, i) => {
    const weight = role.issueWeights[scenario.issues[i]!.id] ?? 1;
    return row.map((points) => points * weight);
  });
}

/** Option indices of a package given as { issueId: optionId }; undefined where an id is unknown. */
export function offerIndices(scenario: Scenario, offer: Record<string, string>): number[] | undefined {
  const indices: number[] = [];
  for (const issue of scenario.issues) {
    const chosen = offer[issue.id];
    const index = issue.options.findIndex((o) => o.id === chosen);
    if (index < 0) return undefined;
    indices.push(index);
  }
  return indices;
}

export function packagePoints(table: PointTable, indices: readonly number[]): number {
  let total = 0;
  indices.forEach((optionIndex, issueIndex) => {
    total += table[issueIndex]![optionIndex]!;
  });
  return total;
}
