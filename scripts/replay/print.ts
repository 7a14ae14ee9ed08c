import type { LogError, MatchSummary, Replay, TranscriptEntry } from "../../shared/index.js";

/** Human-readable output of one replayed log. */
const pts = (n: number | null | undefined) => (n === null || n === undefined ? "–" : (Math.round(n * 10) / 10).toFixed(1));
const pct = (n: number | null | undefined) => (n === null || n === undefined ? "–" : `${Math.round(n * 1000) / 10}%`);

export function printTranscript(replay: Replay, entries: readonly TranscriptEntry[], summary: MatchSummary): void {
  const { header, scenario } = replay;
  const sides = scenario.sides;
  console.log(`Match ${header.matchId} — ${scenario.title}`);
  console.log(`Created ${header.createdAt ?? "(unknown)"}; seed "${header.seed}"; events ${header.settings.events}; private variant ${header.settings.privateVariant ? "on" : "off"}`);
  if (header.meta?.parent) console.log(`Branch of ${JSON.stringify(header.meta.parent)}`);
  console.log("");
  let lastRound = 0;
  for (const entry of entries) {
    if (entry.round !== lastRound) {
      console.log(`— Round ${entry.round}: ${entry.roundLabel}`);
      lastRound = entry.round;
    }
    const points = entry.points ? `   [${sides.map((s) => `${s.name} ${pts(entry.points![s.id])}`).join(" / ")}]` : "";
    console.log(`  ${String(entry.step).padStart(3)}. ${entry.text}${points}`);
    for (const line of entry.news) console.log(`       ▸ ${line}`);
  }
  console.log("");
  printSummary(summary, sides.map((s) => ({ id: s.id, name: s.name })));
}

export function printSummary(summary: MatchSummary, sides: { id: string; name: string }[]): void {
  const outcome = summary.outcome;
  console.log("Summary");
  console.log(`  status            ${summary.phase === "ended" ? `ended: ${outcome?.kind}` : "still running (no result line)"}`);
  if (outcome) console.log(`  final points      ${sides.map((s) => `${s.name} ${pts(outcome.points[s.id])}`).join(", ")}`);
  console.log(`  rounds            ${summary.rounds}, proposals ${summary.proposals}`);
  console.log(`  outcome space     ${summary.space.outcomes.toLocaleString()} packages, ${summary.space.ratifiableOutcomes.toLocaleString()} ratifiable, ${summary.space.frontierSize} on the Pareto frontier`);
  const nash = summary.space.nash;
  console.log(`  max joint gain    ${pts(summary.space.maxJointGain)} points; Nash point ${nash ? `${sides[0]?.name} ${pts(nash.a)}, ${sides[1]?.name} ${pts(nash.b)}` : "none"}`);
  const pair = (p: { a: number; b: number }) => `${sides[0]?.name} ${pts(p.a)}, ${sides[1]?.name} ${pts(p.b)}`;
  if (summary.deal) {
    console.log(`  the deal          ${pair(summary.deal.points)} before delay; joint gain share ${pct(summary.deal.jointGainShare)}`);
    console.log(`                    distance to frontier ${pts(summary.deal.distanceToFrontier)}, to Nash ${pts(summary.deal.distanceToNash)}${summary.deal.ratifiable ? "" : "; NOT ratifiable"}`);
  }
  for (const ref of summary.references) {
    if (ref.metrics) console.log(`  ${ref.label}: ${pair(ref.metrics.points)}, joint gain share ${pct(ref.metrics.jointGainShare)}`);
  }
}

export const describeLogError = (file: string, error: LogError) => `${file}: line ${error.line}: ${error.code}: ${error.message}`;
