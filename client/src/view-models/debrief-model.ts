import type { MatchView, Offer } from "../../../shared/index.js";
import { paretoFrontier, type FrontierPoint } from "../../../shared/metrics/frontier.js";
import { distanceToFrontier, maxJointGain, nashPoint, type Point } from "../../../shared/metrics/solutions.js";
import { estimateOpponentWeights, issueWeightsFromPoints } from "../../../shared/bots/adaptive.js";
import { resolveBot } from "../../../shared/bots/resolve.js";
import { sumPoints } from "./table-model.js";

/**
 * The debrief, from the ended match's view (every sheet is revealed then). The numbers come from
 * the shared metrics code run on the revealed sheets: the ratifiable frontier (red lines of both
 * sides left out), the Nash point, joint gain and distance to the frontier — as analyzeSpace does
 * on the server. Side A is the scenario's first side (x axis), side B its second (y axis).
 */

export type PackageStats = { point: Point; jointGainShare: number; distanceToFrontier: number };
export type ChartPath = { side: string; points: (Point & { round: number })[] };

export type DebriefModel = {
  sides: [string, string];
  paths: ChartPath[];
  frontier: Point[];
  nash: Point | null;
  noDeal: Point;
  maxJointGain: number;
  real: (PackageStats & { label: string; id: string }) | null;
  deal: PackageStats | null;
  /** A package signed but refused at home (ratification failed): drawn, though it scores as no deal. */
  failed: Point | null;
  /** The chart's bounds, with a margin. */
  bounds: { minA: number; maxA: number; minB: number; maxB: number };
  /** In solo play against the adaptive bot: its estimate of the player's issue weights beside the truth. */
  belief: { issue: string; guess: number; truth: number }[] | null;
};

function tableOf(view: MatchView, side: string): number[][] {
  const points = view.sheets[side]?.points ?? {};
  return view.scenario.issues.map((issue) => issue.options.map((o) => points[issue.id]?.[o.id] ?? 0));
}

function allowedOptions(view: MatchView): boolean[][] {
  const lines = Object.values(view.sheets).flatMap((s) => s.redLines);
  return view.scenario.issues.map((issue) => issue.options.map((o) => !lines.some((l) => l.issue === issue.id && l.forbiddenOptions.includes(o.id))));
}

function pointOf(view: MatchView, sides: [string, string], offer: Offer): Point {
  return { a: sumPoints(view.sheets[sides[0]]?.points ?? {}, offer), b: sumPoints(view.sheets[sides[1]]?.points ?? {}, offer) };
}

function stats(point: Point, frontier: FrontierPoint[], noDeal: Point, joint: number): PackageStats {
  const gain = point.a - noDeal.a + (point.b - noDeal.b);
  return { point, jointGainShare: joint > 0 ? gain / joint : 0, distanceToFrontier: distanceToFrontier(frontier, point) };
}

/** What the adaptive bot believed about the human side, from the bot seat's view of the ended match. */
function beliefOf(view: MatchView): DebriefModel["belief"] {
  const bot = view.players.find((p) => p.bot !== undefined);
  if (!bot?.bot) return null;
  const spec = resolveBot(bot.bot);
  if (!spec.ok || spec.value.strategy !== "adaptive") return null;
  const human = view.scenario.sides.find((s) => s.id !== bot.side)?.id;
  const truthSheet = human ? view.sheets[human] : undefined;
  if (!truthSheet || !view.sheets[bot.side]) return null;
  const botView: MatchView = { ...view, viewer: { kind: "seat", side: bot.side, role: bot.role } };
  const guess = estimateOpponentWeights(botView, spec.value.params).weights;
  const truth = issueWeightsFromPoints(truthSheet.points);
  return view.scenario.issues.map((issue) => ({ issue: issue.id, guess: guess[issue.id] ?? 0, truth: truth[issue.id] ?? 0 }));
}

export function debriefModel(view: MatchView): DebriefModel {
  const sides = view.scenario.sides.map((s) => s.id) as [string, string];
  const frontier = paretoFrontier(tableOf(view, sides[0]), tableOf(view, sides[1]), allowedOptions(view));
  const noDeal = { a: view.sheets[sides[0]]?.reservation ?? 0, b: view.sheets[sides[1]]?.reservation ?? 0 };
  const joint = maxJointGain(frontier, noDeal).gain;
  const nash = nashPoint(frontier, noDeal) ?? null;
  const paths = sides.map((side) => ({
    side,
    points: view.proposals.filter((p) => p.side === side).map((p) => ({ ...pointOf(view, sides, p.offer), round: p.round })),
  }));
  const reference = view.scenario.references[0];
  const real = reference ? { ...stats(pointOf(view, sides, reference.offer), frontier, noDeal, joint), label: reference.label, id: reference.id } : null;
  const agreed = view.outcome?.kind === "agreement" && view.outcome.offer ? stats(pointOf(view, sides, view.outcome.offer), frontier, noDeal, joint) : null;
  const all: Point[] = [...frontier, noDeal, ...paths.flatMap((p) => p.points), ...(real ? [real.point] : [])];
  const minA = Math.min(...all.map((p) => p.a));
  const maxA = Math.max(...all.map((p) => p.a));
  const minB = Math.min(...all.map((p) => p.b));
  const maxB = Math.max(...all.map((p) => p.b));
  const padA = Math.max(5, (maxA - minA) * 0.06);
  const padB = Math.max(5, (maxB - minB) * 0.06);
  return {
    sides,
    paths,
    frontier: frontier.map((p) => ({ a: p.a, b: p.b })),
    nash: nash ? { a: nash.a, b: nash.b } : null,
    noDeal,
    maxJointGain: joint,
    real,
    deal: agreed,
    failed: view.outcome?.kind === "ratification-failed" && view.outcome.offer ? pointOf(view, sides, view.outcome.offer) : null,
    bounds: { minA: minA - padA, maxA: maxA + padA, minB: minB - padB, maxB: maxB + padB },
    belief: beliefOf(view),
  };
}
