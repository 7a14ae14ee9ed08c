import { crossedRedLines, sheetPoints, type MatchView, type Offer, type Proposal, type RedLine } from "../../../shared/index.js";
import { otherSide } from "./names.js";

/**
 * What the table screen shows, derived from the seat's view and the player's draft. No rules:
 * the points are the view's own sheet; whether a move is allowed is the server's call (the
 * buttons only follow whose turn the view says it is, and the server answers in words).
 */

export type OptionCell = { id: string; points: number; redLine: RedLine | null };

export type IssueRow = {
  id: string;
  options: OptionCell[];
  draft: string;
  standing: string | null;
  draftPoints: number;
  standingPoints: number | null;
  /** The role's own weight on this issue (1 = plain). */
  roleWeight: number;
};

/** `pointsForMe` is after today's delay cost, as the meters and the accept dialog count (one convention on the table). */
export type HistoryItem = { id: string; round: number; side: string; mine: boolean; pointsForMe: number; offer: Offer };

export type TableModel = {
  mySide: string;
  theirSide: string;
  myTurn: boolean;
  negotiating: boolean;
  rows: IssueRow[];
  draftGross: number;
  draftNet: number;
  draftRedLines: RedLine[];
  /** The other side's standing offer, if the one on the table is theirs. */
  standing: Proposal | null;
  standingGross: number | null;
  standingNet: number | null;
  standingRedLines: RedLine[];
  ownOfferStanding: boolean;
  reservation: number;
  delayCost: number;
  /** The meter's scale: the worst and best packages on this sheet (net of delay), and no deal. */
  scale: { min: number; max: number };
  canPropose: boolean;
  canAccept: boolean;
  canWalkAway: boolean;
  history: HistoryItem[];
};

/** The engine's own rules for a sheet (shared/engine): the table only shows them. */
export const sumPoints = sheetPoints;
export const brokenLines = (redLines: readonly RedLine[], offer: Offer): RedLine[] => crossedRedLines(redLines, offer);

/** The other side's proposal that is on the table now, if any. */
export function theirStanding(view: MatchView, mySide: string): Proposal | null {
  const standing = view.proposals.find((p) => p.id === view.standingProposalId);
  return standing && standing.side !== mySide ? standing : null;
}

/** Where a new draft starts: my last proposal, else their standing offer, else no deal. */
export function initialDraft(view: MatchView, mySide: string): Offer {
  const mine = [...view.proposals].reverse().find((p) => p.side === mySide);
  const base = mine?.offer ?? theirStanding(view, mySide)?.offer ?? view.scenario.noDeal;
  return Object.fromEntries(view.scenario.issues.map((issue) => [issue.id, base[issue.id] ?? issue.options[0]?.id ?? ""]));
}

/** Moves the draft's option on one issue by `step` (keyboard ←/→), clamped to the list. */
export function stepOption(view: MatchView, draft: Offer, issueIndex: number, step: number): Offer {
  const issue = view.scenario.issues[issueIndex];
  if (!issue) return draft;
  const current = issue.options.findIndex((o) => o.id === draft[issue.id]);
  const next = Math.max(0, Math.min(issue.options.length - 1, current + step));
  return { ...draft, [issue.id]: issue.options[next]!.id };
}

export function tableModel(view: MatchView, draft: Offer): TableModel {
  const mySide = view.viewer.kind === "seat" ? view.viewer.side : (view.scenario.sides[0]?.id ?? "");
  const sheet = view.sheets[mySide];
  const points = sheet?.points ?? {};
  const redLines = sheet?.redLines ?? [];
  const delayCost = sheet?.delayCost ?? 0;
  const reservation = sheet?.reservation ?? 0;
  const role = view.roles.find((r) => r.side === mySide && view.viewer.kind === "seat" && r.role === view.viewer.role);
  const standing = theirStanding(view, mySide);
  const rows: IssueRow[] = view.scenario.issues.map((issue) => {
    const row = points[issue.id] ?? {};
    const chosen = draft[issue.id] ?? issue.options[0]?.id ?? "";
    const standingOption = standing?.offer[issue.id] ?? null;
    return {
      id: issue.id,
      options: issue.options.map((o) => ({
        id: o.id,
        points: row[o.id] ?? 0,
        redLine: redLines.find((l) => l.issue === issue.id && l.forbiddenOptions.includes(o.id)) ?? null,
      })),
      draft: chosen,
      standing: standingOption,
      draftPoints: row[chosen] ?? 0,
      standingPoints: standingOption === null ? null : (row[standingOption] ?? 0),
      roleWeight: role?.issueWeights[issue.id] ?? 1,
    };
  });
  const draftGross = sumPoints(points, draft);
  const standingGross = standing ? sumPoints(points, standing.offer) : null;
  const best = rows.reduce((sum, r) => sum + Math.max(...r.options.map((o) => o.points)), 0);
  const worst = rows.reduce((sum, r) => sum + Math.min(...r.options.map((o) => o.points)), 0);
  const negotiating = view.phase === "negotiating";
  const myTurn = negotiating && view.turn === mySide && view.viewer.kind === "seat";
  const ownStanding = view.proposals.find((p) => p.id === view.standingProposalId);
  return {
    mySide,
    theirSide: otherSide(view.scenario, mySide),
    myTurn,
    negotiating,
    rows,
    draftGross,
    draftNet: draftGross - delayCost,
    draftRedLines: brokenLines(redLines, draft),
    standing,
    standingGross,
    standingNet: standingGross === null ? null : standingGross - delayCost,
    standingRedLines: standing ? brokenLines(redLines, standing.offer) : [],
    ownOfferStanding: ownStanding?.side === mySide,
    reservation,
    delayCost,
    scale: { min: Math.min(worst - delayCost, reservation) - 5, max: Math.max(best, reservation) + 5 },
    canPropose: myTurn,
    canAccept: myTurn && standing !== null,
    canWalkAway: myTurn,
    history: view.proposals.map((p) => ({ id: p.id, round: p.round, side: p.side, mine: p.side === mySide, pointsForMe: sumPoints(points, p.offer) - delayCost, offer: p.offer })),
  };
}
