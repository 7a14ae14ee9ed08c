import type Phaser from "phaser";
import { colors, sideStyle, textPx, textStyle } from "../../ui/theme.js";
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

type Translate = (key: "result.axisA" | "result.axisB" | "result.axisA.sheet" | "result.axisB.sheet" | "result.legend.frontier" | "result.legend.nash" | "result.legend.noDeal" | "result.legend.real" | "result.legend.realShort" | "result.legend.deal" | "result.legend.failed" | "result.legend.path", params?: Record<string, string>) => string;

/** The chart's words from the message catalogue, the same on the result and replay screens. */
/** `sheetPoints`: the chart plots sheet points before the delay cost (the replay), and its axes say so. */
export function chartLabels(t: Translate, sides: readonly [string, string], sideName: (side: string) => string, sheetPoints = false): ChartLabels {
  return {
    axisA: t(sheetPoints ? "result.axisA.sheet" : "result.axisA", { side: sideName(sides[0]) }),
    axisB: t(sheetPoints ? "result.axisB.sheet" : "result.axisB", { side: sideName(sides[1]) }),
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

/**
 * Where the plot sits in its box and how points map onto it: 54 units on the left for the tick
 * numbers, and under the plot a row of tick numbers then the axis name, as tall as they are drawn
 * (12 px at least). The class debrief places its table marks with the same mapping.
 */
export function plotFrame(box: Box, bounds: DebriefModel["bounds"], u: number) {
  const { x, y, w, h } = box;
  const { minA, maxA, minB, maxB } = bounds;
  const left = x + 54 * u;
  const tickH = textPx(u, 12) * 1.3;
  const axisH = textPx(u, 14) * 1.3;
  const bottom = y + h - (6 * u + tickH + axisH);
  const top = y + 10 * u;
  const right = x + w - 10 * u;
  const px = (a: number) => left + ((a - minA) / (maxA - minA)) * (right - left);
  const py = (b: number) => bottom - ((b - minB) / (maxB - minB)) * (bottom - top);
  return { left, right, top, bottom, tickH, px, py };
}

export function drawChart(scene: Phaser.Scene, box: Box, model: DebriefModel, u: number, labels: ChartLabels): void {
  const { x } = box;
  const { minA, maxA, minB, maxB } = model.bounds;
  const { left, right, top, bottom, tickH, px, py } = plotFrame(box, model.bounds, u);
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
  scene.add.text(right, bottom + 4 * u + tickH, labels.axisA, textStyle(u, 14, { bold: true, color: sideStyle(sideA).css })).setOrigin(1, 0);
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

  // The marks first, then their labels where they collide with nothing already drawn (LabelPlacer).
  const placer = new LabelPlacer({ x: left, y: top, w: right - left, h: bottom - top });
  const glyphs: { p: { a: number; b: number }; glyph: string; color: string; size: number }[] = [
    { p: model.noDeal, glyph: "✕", color: colors.text, size: 22 },
    ...(model.nash ? [{ p: model.nash, glyph: "◆", color: colors.focusCss, size: 22 }] : []),
    ...(model.real ? [{ p: model.real.point, glyph: "★", color: colors.neutralCss, size: 26 }] : []),
  ];
  // Each label keeps clear of its own mark: the gap is the mark's drawn half-size (on a small screen the 12 px floor makes marks bigger than the layout unit says).
  const clearance = new Map<{ a: number; b: number }, number>();
  for (const m of glyphs) {
    const t = scene.add.text(px(m.p.a), py(m.p.b), m.glyph, textStyle(u, m.size, { color: m.color, bold: true })).setOrigin(0.5);
    placer.reserve({ x: t.x - t.width / 2, y: t.y - t.height / 2, w: t.width, h: t.height });
    clearance.set(m.p, Math.max(t.width, t.height) / 2 + 2 * u);
  }
  const rings: { p: { a: number; b: number }; color: number; label: string; css: string }[] = [
    ...(model.deal ? [{ p: model.deal.point, color: 0xffffff, label: labels.deal, css: colors.text }] : []),
    ...(model.failed ? [{ p: model.failed, color: colors.warn, label: `⚠ ${labels.failed}`, css: colors.warnCss }] : []),
  ];
  for (const ring of rings) {
    g.lineStyle(3 * u, ring.color, 1);
    g.strokeCircle(px(ring.p.a), py(ring.p.b), 13 * u);
    placer.reserve({ x: px(ring.p.a) - 14 * u, y: py(ring.p.b) - 14 * u, w: 28 * u, h: 28 * u });
  }
  for (const ring of rings) placer.place(scene.add.text(0, 0, ring.label, textStyle(u, 13, { bold: true, color: ring.css })), px(ring.p.a), py(ring.p.b), 16 * u);
  const named: [{ a: number; b: number } | null | undefined, string, string][] = [
    [model.noDeal, labels.noDeal, colors.text],
    [model.nash, labels.nash, colors.focusCss],
    [model.real?.point, labels.realShort, colors.neutralCss],
  ];
  for (const [p, label, color] of named) if (p) placer.place(scene.add.text(0, 0, label, textStyle(u, 12, { color, bold: true })), px(p.a), py(p.b), Math.max(11 * u, clearance.get(p) ?? 0));
}

type Rect = { x: number; y: number; w: number; h: number };
const overlap = (a: Rect, b: Rect): number => Math.max(0, Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x)) * Math.max(0, Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y));

/**
 * Puts each label beside its mark at the first of eight spots that overlaps nothing placed before
 * and stays inside the plot; failing that, where it overlaps least ("Real deal" and "Agreed deal"
 * often sit on the same spot).
 */
export class LabelPlacer {
  private taken: Rect[] = [];
  constructor(private area: Rect) {}

  reserve(rect: Rect): void {
    this.taken.push(rect);
  }

  place(text: Phaser.GameObjects.Text, cx: number, cy: number, gap: number): void {
    const w = text.width;
    const h = text.height;
    const spots: [number, number][] = [
      [cx + gap, cy - gap - h + h / 2],
      [cx + gap, cy + gap - h / 2],
      [cx - gap - w, cy - gap - h + h / 2],
      [cx - gap - w, cy + gap - h / 2],
      [cx - w / 2, cy + gap],
      [cx - w / 2, cy - gap - h],
      [cx + gap, cy - h / 2],
      [cx - gap - w, cy - h / 2],
    ];
    let best: Rect | undefined;
    let bestCost = Infinity;
    for (const [x, y] of spots) {
      const rect = { x, y, w, h };
      const outside = w * h - overlap(rect, this.area);
      const cost = outside * 2 + this.taken.reduce((sum, t) => sum + overlap(rect, t), 0);
      if (cost < bestCost) {
        best = rect;
        bestCost = cost;
        if (cost === 0) break;
      }
    }
    text.setOrigin(0).setPosition(best!.x, best!.y);
    this.reserve(best!);
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
