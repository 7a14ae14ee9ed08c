import type Phaser from "phaser";
import { colors, sideStyle, textStyle } from "../../ui/theme.js";
import type { DebriefModel } from "../../view-models/debrief-model.js";
import type { Box } from "../widgets/draw.js";

/**
 * The points plane: side A across, side B up. The Pareto frontier as a line, each side's
 * proposals as a path of its own marker shape (● / ■), the no-deal point (✕), the Nash point
 * (◆), the real July 2025 deal (★) and the agreed deal (a ring). A legend names every mark.
 */

export type ChartLabels = {
  axisA: string;
  axisB: string;
  frontier: string;
  nash: string;
  noDeal: string;
  real: string;
  /** The real deal's mark on the chart (the legend gives the long name). */
  realShort: string;
  deal: string;
  failed: string;
  path: (side: string) => string;
  sideName: (side: string) => string;
};

type Translate = (key: "result.axisA" | "result.axisB" | "result.legend.frontier" | "result.legend.nash" | "result.legend.noDeal" | "result.legend.real" | "result.legend.realShort" | "result.legend.deal" | "result.legend.failed" | "result.legend.path", params?: Record<string, string>) => string;

/** The chart's words from the message catalogue, the same on the result and replay screens. */
export function chartLabels(t: Translate, sides: readonly [string, string], sideName: (side: string) => string): ChartLabels {
  return {
    axisA: t("result.axisA", { side: sideName(sides[0]) }),
    axisB: t("result.axisB", { side: sideName(sides[1]) }),
    frontier: t("result.legend.frontier"),
    nash: t("result.legend.nash"),
    noDeal: t("result.legend.noDeal"),
    real: t("result.legend.real"),
    realShort: t("result.legend.realShort"),
    deal: t("result.legend.deal"),
    failed: t("result.legend.failed"),
    path: (side) => t("result.legend.path", { side }),
    sideName,
  };
}

export function drawChart(scene: Phaser.Scene, box: Box, model: DebriefModel, u: number, labels: ChartLabels): void {
  const { x, y, w, h } = box;
  const left = x + 54 * u;
  const bottom = y + h - 40 * u;
  const top = y + 10 * u;
  const right = x + w - 10 * u;
  const { minA, maxA, minB, maxB } = model.bounds;
  const px = (a: number) => left + ((a - minA) / (maxA - minA)) * (right - left);
  const py = (b: number) => bottom - ((b - minB) / (maxB - minB)) * (bottom - top);
  const g = scene.add.graphics();

  // Grid and axes, with ticks every "nice" step.
  const step = (span: number) => [10, 20, 25, 50, 100, 200].find((s) => span / s <= 8) ?? 500;
  g.lineStyle(1, 0xffffff, 0.12);
  const sa = step(maxA - minA);
  for (let a = Math.ceil(minA / sa) * sa; a <= maxA; a += sa) {
    g.lineBetween(px(a), top, px(a), bottom);
    scene.add.text(px(a), bottom + 4 * u, `${a}`, textStyle(u, 12, { color: colors.muted })).setOrigin(0.5, 0);
  }
  const sb = step(maxB - minB);
  for (let b = Math.ceil(minB / sb) * sb; b <= maxB; b += sb) {
    g.lineBetween(left, py(b), right, py(b));
    scene.add.text(left - 6 * u, py(b), `${b}`, textStyle(u, 12, { color: colors.muted })).setOrigin(1, 0.5);
  }
  g.lineStyle(2, 0xffffff, 0.7);
  g.lineBetween(left, bottom, right, bottom);
  g.lineBetween(left, top, left, bottom);
  const [sideA, sideB] = model.sides;
  scene.add.text(right, bottom + 20 * u, labels.axisA, textStyle(u, 14, { bold: true, color: sideStyle(sideA).css })).setOrigin(1, 0);
  scene.add.text(x + 4 * u, top - 4 * u, labels.axisB, textStyle(u, 14, { bold: true, color: sideStyle(sideB).css })).setOrigin(0, 1).setAngle(0);

  // Frontier: a thick light line through the frontier points (sorted by A).
  const frontier = [...model.frontier].sort((p, q) => p.a - q.a);
  g.lineStyle(4 * u, colors.good, 0.9);
  g.beginPath();
  frontier.forEach((p, i) => (i === 0 ? g.moveTo(px(p.a), py(p.b)) : g.lineTo(px(p.a), py(p.b))));
  g.strokePath();

  // Proposal paths, one marker shape per side.
  for (const path of model.paths) {
    const style = sideStyle(path.side);
    g.lineStyle(2 * u, style.color, 0.9);
    g.beginPath();
    path.points.forEach((p, i) => (i === 0 ? g.moveTo(px(p.a), py(p.b)) : g.lineTo(px(p.a), py(p.b))));
    g.strokePath();
    const first = path.side === sideA;
    for (const p of path.points) {
      g.fillStyle(style.color, 1);
      g.lineStyle(1.5, 0xffffff, 1);
      if (first) {
        g.fillCircle(px(p.a), py(p.b), 5.5 * u);
        g.strokeCircle(px(p.a), py(p.b), 5.5 * u);
      } else {
        g.fillRect(px(p.a) - 5 * u, py(p.b) - 5 * u, 10 * u, 10 * u);
        g.strokeRect(px(p.a) - 5 * u, py(p.b) - 5 * u, 10 * u, 10 * u);
      }
    }
  }

  const mark = (p: { a: number; b: number }, glyph: string, color: string, size: number, label: string) => {
    scene.add.text(px(p.a), py(p.b), glyph, textStyle(u, size, { color, bold: true })).setOrigin(0.5);
    scene.add.text(px(p.a) + 10 * u, py(p.b) - 10 * u, label, textStyle(u, 12, { color, bold: true })).setOrigin(0, 1);
  };
  mark(model.noDeal, "✕", colors.text, 22, labels.noDeal);
  if (model.nash) mark(model.nash, "◆", colors.focusCss, 22, labels.nash);
  if (model.real) mark(model.real.point, "★", colors.neutralCss, 26, labels.realShort);
  if (model.failed) {
    g.lineStyle(3 * u, colors.warn, 1);
    g.strokeCircle(px(model.failed.a), py(model.failed.b), 13 * u);
    scene.add.text(px(model.failed.a), py(model.failed.b) + 16 * u, `⚠ ${labels.failed}`, textStyle(u, 13, { bold: true, color: colors.warnCss })).setOrigin(0.5, 0);
  }
  if (model.deal) {
    g.lineStyle(3 * u, 0xffffff, 1);
    g.strokeCircle(px(model.deal.point.a), py(model.deal.point.b), 13 * u);
    scene.add.text(px(model.deal.point.a), py(model.deal.point.b) + 16 * u, labels.deal, textStyle(u, 13, { bold: true })).setOrigin(0.5, 0);
  }
}

/** The legend, as rows of "mark — meaning". */
export function drawLegend(scene: Phaser.Scene, x: number, y: number, u: number, model: DebriefModel, labels: ChartLabels): number {
  const [sideA, sideB] = model.sides;
  const rows: [string, string, string][] = [
    ["━", colors.goodCss, labels.frontier],
    ["●", sideStyle(sideA).css, labels.path(labels.sideName(sideA))],
    ["■", sideStyle(sideB).css, labels.path(labels.sideName(sideB))],
    ["✕", colors.text, labels.noDeal],
    ["◆", colors.focusCss, labels.nash],
    // Only a scenario with a reference deal has a star to explain (the default one's real July 2025 deal).
    ...(model.real ? ([["★", colors.neutralCss, labels.real]] as [string, string, string][]) : []),
    ...(model.deal ? ([["◯", colors.text, labels.deal]] as [string, string, string][]) : []),
    ...(model.failed ? ([["◯", colors.warnCss, `⚠ ${labels.failed}`]] as [string, string, string][]) : []),
  ];
  let cy = y;
  for (const [glyph, color, text] of rows) {
    scene.add.text(x, cy, glyph, textStyle(u, 16, { color, bold: true }));
    scene.add.text(x + 26 * u, cy + 1 * u, text, textStyle(u, 14, { color: colors.text }));
    cy += 22 * u;
  }
  return cy;
}
