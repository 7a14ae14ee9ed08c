import type { FrontierPoint } from "./frontier.js";
import { distanceToFrontier, maxJointGain, nashPoint, type Point } from "./solutions.js";

/**
 * The points plane as the result screen shows it: after the delay cost. A package agreed at the
 * end is worth its sheet points minus each side's delay cost so far (the engine's `accept`), so
 * every package moves by the same amount; no deal does not move (it is the reservation). The
 * frontier of the moved packages is the moved frontier; Nash and the largest joint gain are found
 * again against no deal. The result screen and the instructor's per-student report both use this,
 * so the figures a student sees and the report agree with the outcome's points.
 */

export type DelaySpace = {
  /** Each side's delay cost (side A, side B), subtracted from every package. */
  delay: Point;
  frontier: FrontierPoint[];
  noDeal: Point;
  nash: FrontierPoint | null;
  /** The largest gain over no deal both sides together could still have had. */
  maxJointGain: number;
};

export function afterDelay(frontier: readonly FrontierPoint[], noDeal: Point, delay: Point): DelaySpace {
  const moved = frontier.map((p) => ({ ...p, a: p.a - delay.a, b: p.b - delay.b }));
  return { delay, frontier: moved, noDeal, nash: nashPoint(moved, noDeal) ?? null, maxJointGain: maxJointGain(moved, noDeal).gain };
}

/** A package's sheet points (before delay) moved into the space. */
export const afterDelayPoint = (space: DelaySpace, p: Point): Point => ({ a: p.a - space.delay.a, b: p.b - space.delay.b });

/**
 * The value left on the table: the largest joint gain still possible minus the joint gain the
 * outcome gave (its points are after delay; no deal gives none). Never negative.
 */
export function valueLeftOnTable(space: Pick<DelaySpace, "maxJointGain" | "noDeal">, outcomePoints: Point): number {
  const gained = outcomePoints.a - space.noDeal.a + (outcomePoints.b - space.noDeal.b);
  return Math.max(0, space.maxJointGain - gained);
}

/** Share of the largest joint gain the outcome captured (0 when there was none to capture). */
export function jointGainShareAfterDelay(space: Pick<DelaySpace, "maxJointGain" | "noDeal">, outcomePoints: Point): number {
  const gained = outcomePoints.a - space.noDeal.a + (outcomePoints.b - space.noDeal.b);
  return space.maxJointGain > 0 ? Math.max(0, gained) / space.maxJointGain : 0;
}

export const frontierGap = (space: DelaySpace, p: Point): number => distanceToFrontier(space.frontier, p);
