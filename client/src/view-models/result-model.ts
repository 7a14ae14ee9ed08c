import type { Offer, Proposal, TableView } from "../../../shared/index.js";
import { resolveBot } from "../../../shared/bots/resolve.js";
import { jointGainShareAfterDelay, valueLeftOnTable } from "../../../shared/metrics/after-delay.js";
import { debriefModel, type DebriefModel } from "./debrief-model.js";
import { sumPoints } from "./table-model.js";

/**
 * The result screen, from the ended match's view (every sheet revealed) and the table's end facts
 * (the bots' estimates, who reflected). One convention: points after the delay cost, as the
 * outcome's; the terms table adds the sheet sum and the delay cost so the two meet in plain sight.
 */

/** Which package the terms table shows: the deal, the signed one that failed, or (no deal) the last offer on the table. */
export type TermsSource = { kind: "agreement" | "failed" | "lastOffer"; proposal: Proposal | null } | { kind: "none"; proposal: null };

export type TermsRow = { issue: string; option: string; points: Record<string, number>; guess: number | null; truth: number | null };

export type ResultModel = {
  sides: [string, string];
  chart: DebriefModel;
  source: TermsSource;
  offer: Offer | null;
  rows: TermsRow[];
  /** Per side: the terms' sheet sum, the delay cost, and the sum after it. */
  totals: Record<string, { sheet: number; delay: number; net: number }>;
  /** Both sides' points as the outcome gives them (after delay; no deal = its value). */
  outcomePoints: Record<string, number>;
  /** Both sides together: the largest joint gain still possible at the end minus what the outcome gave. */
  valueLeft: number;
  jointShare: number;
  /** The side whose priorities a bot guessed (the human's), if an adaptive bot played. */
  guessedSide: string | null;
  /** A bot sat at the table that does not model its opponent (so there is no guess to show). */
  plainBot: string | null;
  /** The last round a "try again" may start from (the round the match ended in). */
  lastRound: number;
  /** A bot held a side: "try again" replays against the same bot. */
  hasBot: boolean;
};

function termsSource(view: TableView): TermsSource {
  const outcome = view.outcome;
  const byId = (id: string | undefined) => view.proposals.find((p) => p.id === id) ?? null;
  if (outcome?.kind === "agreement") return { kind: "agreement", proposal: byId(outcome.proposalId) };
  if (outcome?.kind === "ratification-failed") return { kind: "failed", proposal: byId(outcome.proposalId) };
  const last = byId(view.standingProposalId ?? undefined) ?? view.proposals.at(-1) ?? null;
  return last ? { kind: "lastOffer", proposal: last } : { kind: "none", proposal: null };
}

export function resultModel(view: TableView): ResultModel {
  const sides = view.scenario.sides.map((s) => s.id) as [string, string];
  const chart = debriefModel(view, { afterDelay: true, estimates: view.table.botEstimates });
  const source = termsSource(view);
  const offer = source.kind === "agreement" || source.kind === "failed" ? (view.outcome?.offer ?? source.proposal?.offer ?? null) : (source.proposal?.offer ?? null);
  const belief = new Map((chart.belief ?? []).map((b) => [b.issue, b]));
  const rows: TermsRow[] = offer
    ? view.scenario.issues.map((issue) => {
        const option = offer[issue.id] ?? "";
        return {
          issue: issue.id,
          option,
          points: Object.fromEntries(sides.map((side) => [side, view.sheets[side]?.points[issue.id]?.[option] ?? 0])),
          guess: belief.get(issue.id)?.guess ?? null,
          truth: belief.get(issue.id)?.truth ?? null,
        };
      })
    : [];
  const totals = Object.fromEntries(
    sides.map((side) => {
      const sheet = offer ? sumPoints(view.sheets[side]?.points ?? {}, offer) : 0;
      const delay = view.sheets[side]?.delayCost ?? 0;
      return [side, { sheet, delay, net: sheet - delay }];
    }),
  );
  const outcomePoints = Object.fromEntries(sides.map((side) => [side, view.outcome?.points[side] ?? view.sheets[side]?.reservation ?? 0]));
  const outcomePoint = { a: outcomePoints[sides[0]]!, b: outcomePoints[sides[1]]! };
  const bots = view.players.filter((p) => p.bot !== undefined);
  const estimate = view.table.botEstimates?.[0];
  const plain = bots.find((p) => {
    const spec = resolveBot(p.bot!);
    return !spec.ok || spec.value.strategy !== "adaptive";
  });
  return {
    sides,
    chart,
    source,
    offer,
    rows,
    totals,
    outcomePoints,
    // The chart's space is already after delay: the same definitions as the instructor's report.
    valueLeft: valueLeftOnTable(chart, outcomePoint),
    jointShare: jointGainShareAfterDelay(chart, outcomePoint),
    guessedSide: estimate && chart.belief ? (sides.find((s) => s !== estimate.side) ?? null) : null,
    plainBot: estimate ? null : (plain?.bot ?? null),
    lastRound: view.outcome?.round ?? view.round,
    hasBot: bots.length > 0,
  };
}
