import type { MatchView, PublicScenario, SideSheet } from "../engine/views.js";

/**
 * What a bot knows at its move, read from a seat's view and nothing else: its own side's sheet
 * as a [issue][option] table, its own red lines, the offers on record and where the clock stands.
 * Everything a strategy needs is recomputed from here on each move, so bots keep no memory.
 */

export type Situation = {
  side: string;
  opponent: string;
  issues: PublicScenario["issues"];
  /** Own points per [issue][option], before delay costs. */
  table: number[][];
  /** false where one of the bot's own red lines forbids the option (the other side's are unknown to it). */
  allowed: boolean[][];
  reservation: number;
  delayCost: number;
  /** Best gross points over packages the bot's own red lines allow (-Infinity if none). */
  bestGross: number;
  /** Negotiation time in [0, 1]: 0 at the first move of the match, 1 at the very last one. */
  t: number;
  /** Whether the bot moves second in this round (inferred, see `isSecondMover`). */
  secondMover: boolean;
  /** Final round, second move: after this the deadline falls. */
  lastMove: boolean;
  /** The other side's proposals as option indices, oldest first. */
  opponentOffers: number[][];
  /** The bot's own side's proposals, oldest first. */
  myOffers: number[][];
  /** The other side's proposal on the table, if any. */
  standing: { id: string; choice: number[] } | null;
};

/** Throws unless the view is a seat's view that shows no other side's sheet: bots must never see more. */
export function seatSide(view: MatchView): string {
  if (view.viewer.kind !== "seat") throw new Error("A bot can only play from a seat's view (viewFor with {kind: \"seat\"}).");
  const side = view.viewer.side;
  if (view.phase !== "ended" && Object.keys(view.sheets).some((s) => s !== side)) {
    throw new Error(`A bot for ${side} was given another side's sheet; pass it viewFor(scenario, state, its seat).`);
  }
  return side;
}

export function optionIndices(issues: PublicScenario["issues"], offer: Record<string, string>): number[] | undefined {
  const choice: number[] = [];
  for (const issue of issues) {
    const index = issue.options.findIndex((o) => o.id === offer[issue.id]);
    if (index < 0) return undefined;
    choice.push(index);
  }
  return choice;
}

export const choiceOffer = (issues: PublicScenario["issues"], choice: readonly number[]): Record<string, string> =>
  Object.fromEntries(issues.map((issue, i) => [issue.id, issue.options[choice[i]!]!.id]));

export function grossPoints(table: readonly (readonly number[])[], choice: readonly number[]): number {
  let total = 0;
  for (let i = 0; i < choice.length; i++) total += table[i]![choice[i]!]!;
  return total;
}

/** What an agreement on this package would score for the bot now (package minus delay so far). */
export const netPoints = (s: Situation, choice: readonly number[]): number => grossPoints(s.table, choice) - s.delayCost;

export const isAllowed = (s: Situation, choice: readonly number[]): boolean => choice.every((option, issue) => s.allowed[issue]?.[option] === true);

/**
 * The view does not say who moved first. The other side having proposed in this round means we
 * are second; otherwise any earlier round where both sides proposed shows the order. With no
 * evidence we assume we are first. (Only a timed-out first move can fool this, and then merely
 * shifts the bot's clock by half a round.)
 */
export function isSecondMover(view: MatchView, side: string): boolean {
  const others = view.proposals.filter((p) => p.side !== side);
  if (others.some((p) => p.round === view.round)) return true;
  for (let round = view.round - 1; round >= 1; round--) {
    const inRound = view.proposals.filter((p) => p.round === round);
    if (inRound.some((p) => p.side === side) && inRound.some((p) => p.side !== side)) return inRound[0]!.side !== side;
  }
  return false;
}

function sheetTable(issues: PublicScenario["issues"], sheet: SideSheet): number[][] {
  return issues.map((issue) => issue.options.map((option) => sheet.points[issue.id]?.[option.id] ?? 0));
}

export function situate(view: MatchView, side: string): Situation {
  const sheet = view.sheets[side];
  if (!sheet) throw new Error(`The view has no sheet for ${side}.`);
  const issues = view.scenario.issues;
  const opponent = view.scenario.sides.find((s) => s.id !== side)?.id ?? "";
  const table = sheetTable(issues, sheet);
  const allowed = issues.map((issue) =>
    issue.options.map((option) => !sheet.redLines.some((line) => line.issue === issue.id && line.forbiddenOptions.includes(option.id))),
  );
  let bestGross = 0;
  for (let i = 0; i < issues.length; i++) {
    let best = -Infinity;
    table[i]!.forEach((points, j) => {
      if (allowed[i]![j]) best = Math.max(best, points);
    });
    bestGross += best;
  }
  const secondMover = isSecondMover(view, side);
  const totalMoves = view.maxRounds * 2;
  const moveIndex = (view.round - 1) * 2 + (secondMover ? 1 : 0);
  const offersOf = (mine: boolean) =>
    view.proposals
      .filter((p) => (p.side === side) === mine)
      .map((p) => optionIndices(issues, p.offer))
      .filter((c): c is number[] => c !== undefined);
  const standingProposal = view.proposals.find((p) => p.id === view.standingProposalId && p.side !== side);
  const standingChoice = standingProposal ? optionIndices(issues, standingProposal.offer) : undefined;
  return {
    side,
    opponent,
    issues,
    table,
    allowed,
    reservation: sheet.reservation,
    delayCost: sheet.delayCost,
    bestGross,
    t: totalMoves > 1 ? Math.min(1, moveIndex / (totalMoves - 1)) : 1,
    secondMover,
    lastMove: view.round >= view.maxRounds && secondMover,
    opponentOffers: offersOf(false),
    myOffers: offersOf(true),
    standing: standingProposal && standingChoice ? { id: standingProposal.id, choice: standingChoice } : null,
  };
}
