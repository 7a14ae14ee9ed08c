import type { BotEstimate, MatchView, Offer } from "../../../shared/index.js";
import { paretoFrontier, type FrontierPoint } from "../../../shared/metrics/frontier.js";
import { distanceToFrontier, maxJointGain, nashPoint, type Point } from "../../../shared/metrics/solutions.js";
import { afterDelay } from "../../../shared/metrics/after-delay.js";
import { issueWeightsFromPoints } from "../../../shared/bots/adaptive.js";
import { sumPoints } from "./table-model.js";

/**
 * The debrief, from the ended match's view (every sheet is revealed then). The numbers come from
 * the shared metrics code run on the revealed sheets: the ratifiable frontier (red lines of both
 * sides left out), the Nash point, joint gain and distance to the frontier — as analyzeSpace does
 * on the server. Side A is the scenario's first side (x axis), side B its second (y axis).
 * With `afterDelay` (the result screen) every package is moved by each side's delay cost at the
 * end, as the outcome's points are (shared/metrics/after-delay.ts): the agreed deal then sits at
 * the points the header shows. Without it (the replay), packages are sheet points before delay.
 */

export type DebriefOptions = {
  /** Move every package by the sides' delay cost (the result screen's convention). */
  afterDelay?: boolean;
  /** The log's `notes.botEstimates` (the table sends them after the end): what each adaptive bot believed. */
  estimates?: readonly BotEstimate[];
};

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
  /** Against an adaptive bot: its estimate of the other side's issue weights beside the truth (from the log's notes). */
  belief: { issue: string; guess: number; truth: number }[] | null;
  /** The delay cost each side had paid at the end (side A, side B): subtracted from every package when `afterDelay`, else 0. */
  delay: Point;
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

/**
 * What an adaptive bot believed about the other side (the log's estimate, as the table sent it),
 * beside that side's real weights from its revealed sheet. The human's side when there is one bot.
 */
function beliefOf(view: MatchView, estimates: readonly BotEstimate[] | undefined): DebriefModel["belief"] {
  const estimate = estimates?.[0];
  if (!estimate) return null;
  const other = view.scenario.sides.find((s) => s.id !== estimate.side)?.id;
  const truthSheet = other ? view.sheets[other] : undefined;
  if (!truthSheet) return null;
  const truth = issueWeightsFromPoints(truthSheet.points);
  return view.scenario.issues.map((issue) => ({ issue: issue.id, guess: estimate.estimate[issue.id] ?? 0, truth: truth[issue.id] ?? 0 }));
}

export function debriefModel(view: MatchView, options: DebriefOptions = {}): DebriefModel {
  const sides = view.scenario.sides.map((s) => s.id) as [string, string];
  const sheetFrontier = paretoFrontier(tableOf(view, sides[0]), tableOf(view, sides[1]), allowedOptions(view));
  const noDeal = { a: view.sheets[sides[0]]?.reservation ?? 0, b: view.sheets[sides[1]]?.reservation ?? 0 };
  const delay = options.afterDelay ? { a: view.sheets[sides[0]]?.delayCost ?? 0, b: view.sheets[sides[1]]?.delayCost ?? 0 } : { a: 0, b: 0 };
  const space = afterDelay(sheetFrontier, noDeal, delay);
  const frontier = space.frontier;
  const joint = space.maxJointGain;
  const nash = space.nash;
  const at = (offer: Offer): Point => {
    const p = pointOf(view, sides, offer);
    return { a: p.a - delay.a, b: p.b - delay.b };
  };
  const paths = sides.map((side) => ({
    side,
    points: view.proposals.filter((p) => p.side === side).map((p) => ({ ...at(p.offer), round: p.round })),
  }));
  const reference = view.scenario.references[0];
  const real = reference ? { ...stats(at(reference.offer), frontier, noDeal, joint), label: reference.label, id: reference.id } : null;
  const agreed = view.outcome?.kind === "agreement" && view.outcome.offer ? stats(at(view.outcome.offer), frontier, noDeal, joint) : null;
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
    failed: view.outcome?.kind === "ratification-failed" && view.outcome.offer ? at(view.outcome.offer) : null,
    bounds: { minA: minA - padA, maxA: maxA + padA, minB: minB - padB, maxB: maxB + padB },
    belief: beliefOf(view, options.estimates),
    delay,
  };
}
