import type { DealSummary, ScenarioSummary } from "../../shared/metrics/scenario-summary.js";

/** The text `npm run scenario -- check` prints for a valid scenario. */

const points = (value: number): string => (Math.round(value * 10) / 10).toString();

export function formatSummary(summary: ScenarioSummary): string {
  const [a, b] = summary.sides.map((s) => s.id) as [string, string];
  const pair = (deal: DealSummary) => `${a} ${points(deal.points[a]!)}, ${b} ${points(deal.points[b]!)}`;
  const offer = (deal: DealSummary) => Object.entries(deal.offer).map(([issue, option]) => `${issue}=${option}`).join(", ");
  const lines = [
    `${summary.id}: ${summary.title}`,
    "",
    "Sides:",
    ...summary.sides.map(
      (s) => `  ${s.id} (${s.name}): ${s.roles} role${s.roles === 1 ? "" : "s"}, no deal ${points(s.reservation)} points, ${s.redLines} red line${s.redLines === 1 ? "" : "s"}`,
    ),
    `Issues (${summary.issues.length}):`,
    ...summary.issues.map((i) => `  ${i.id} (${i.name}): ${i.options} options, ${i.payoff} payoff`),
    `Rounds: ${summary.rounds}`,
    `Outcomes: ${summary.outcomes.toLocaleString("en")} (${summary.ratifiableOutcomes.toLocaleString("en")} ratifiable)`,
    `Pareto frontier: ${summary.frontierSize} outcome${summary.frontierSize === 1 ? "" : "s"}`,
    summary.nash ? `Nash point: ${pair(summary.nash)} — ${offer(summary.nash)}` : "Nash point: none (no ratifiable package beats no deal for both sides)",
    `Maximum joint gain over no deal: ${points(summary.maxJointGain)} points`,
  ];
  for (const side of summary.sides) {
    const { best, worst } = summary.extremes[side.id]!;
    lines.push(`Best deal for ${side.id}: ${pair(best)} — ${offer(best)}`, `Worst deal for ${side.id}: ${pair(worst)} — ${offer(worst)}`);
  }
  return `${lines.join("\n")}\n`;
}
