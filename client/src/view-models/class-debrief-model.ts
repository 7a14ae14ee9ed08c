import type { ClassDebrief } from "../net/class-connection.js";
import type { DebriefModel } from "./debrief-model.js";

/**
 * The class debrief for the points-plane chart: the class's space (frontier, Nash, no deal, the
 * real deal) as a DebriefModel the result screen's chart draws, plus one mark per table deal.
 * Numbers come from the server (shared/classroom/debrief.ts); this only arranges them.
 */
export type ClassChartModel = { chart: DebriefModel; deals: { tableId: string; a: number; b: number; ratified: boolean | null }[] };

export function classChartModel(debrief: ClassDebrief): ClassChartModel {
  const deals = debrief.tables.filter((t) => t.dealPoints).map((t) => ({ tableId: t.tableId, a: t.dealPoints!.a, b: t.dealPoints!.b, ratified: t.ratified }));
  const all = [...debrief.frontier, debrief.noDeal, ...deals, ...(debrief.realDeal ? [debrief.realDeal] : [])];
  const as = all.map((p) => p.a);
  const bs = all.map((p) => p.b);
  const [minA, maxA, minB, maxB] = [Math.min(...as), Math.max(...as), Math.min(...bs), Math.max(...bs)];
  const padA = Math.max(5, (maxA - minA) * 0.06);
  const padB = Math.max(5, (maxB - minB) * 0.06);
  const chart: DebriefModel = {
    sides: debrief.sides,
    paths: [],
    frontier: debrief.frontier,
    nash: debrief.nash,
    noDeal: debrief.noDeal,
    maxJointGain: 0,
    real: debrief.realDeal ? { id: "real", label: "July 2025", point: debrief.realDeal, jointGainShare: 0, distanceToFrontier: 0 } : null,
    deal: null,
    failed: null,
    bounds: { minA: minA - padA, maxA: maxA + padA, minB: minB - padB, maxB: maxB + padB },
    belief: null,
    delay: { a: 0, b: 0 },
  };
  return { chart, deals };
}
