import type Phaser from "phaser";
import type { MessageKey } from "../i18n/index.js";
import type { ClientMatchView, SeatInfo } from "../net/match-connection.js";
import type { Button } from "../ui/button.js";
import type { FocusManager } from "../ui/focus.js";
import type { TextField, TextFieldOptions } from "../ui/text-field.js";
import { colors, sideStyle, textPx, type TextStyle } from "../ui/theme.js";
import { formatPoints, issueName, optionLabel, roundName, sideName, type ContentFn } from "../view-models/names.js";
import type { ResultModel } from "../view-models/result-model.js";
import { chartLabels, drawChart } from "./debrief/chart.js";
import { bottomOf, type Box } from "./widgets/draw.js";
import { readingButtons } from "./widgets/reading-panels.js";

/**
 * The result screen's three tabs. Every figure is after the delay cost (the chart, the header),
 * except the terms' sheet columns, which say so and add the delay cost up to the header's points.
 */

export type ResultTab = "chart" | "terms" | "reflect";

export type ResultKit = {
  scene: Phaser.Scene;
  focus: FocusManager;
  u: number;
  t: (key: MessageKey, params?: Record<string, string | number>) => string;
  c: ContentFn;
  view: ClientMatchView;
  model: ResultModel;
  seat: SeatInfo | null;
  text: (x: number, y: number, content: string, size: number, options?: Partial<TextStyle> & { heading?: boolean; bold?: boolean }) => Phaser.GameObjects.Text;
  panel: (x: number, y: number, w: number, h: number) => Phaser.GameObjects.Rectangle;
  field: (options: Omit<TextFieldOptions, "u">) => TextField;
  button: (options: Omit<ConstructorParameters<typeof Button>[1], "u">) => Button;
};

const pct = (v: number) => `${Math.round(v * 100)}%`;

/** The chart (after delay) on the left; on the right each mark in one plain sentence, the value left on the table, the reading panels. */
export function drawChartTab(kit: ResultKit, box: Box): void {
  const { u, t, view, model } = kit;
  const chart = model.chart;
  const name = (side: string) => sideName(view.scenario, side, kit.c);
  const chartW = box.w * 0.56;
  kit.panel(box.x, box.y, chartW, box.h);
  const title = kit.text(box.x + 10 * u, box.y + 6 * u, t("result.chartAfterDelay"), 15, { heading: true, bold: true, wordWrap: { width: chartW - 20 * u } });
  const labels = chartLabels(t, chart.sides, name);
  const chartTop = bottomOf(title) + 22 * u;
  drawChart(kit.scene, { x: box.x + 8 * u, y: chartTop, w: chartW - 16 * u, h: box.y + box.h - chartTop - 4 * u }, chart, u, labels);

  const sx = box.x + chartW + 14 * u;
  const sw = box.x + box.w - sx;
  kit.panel(sx, box.y, sw, box.h);
  const [a, b] = chart.sides;
  const rows: [string, string, string][] = [
    ["━", colors.goodCss, t("result.explain.frontier")],
    ["●", sideStyle(a).css, t("result.explain.paths", { a: name(a), b: name(b) })],
    ["✕", colors.text, t("result.explain.noDeal")],
    ["◆", colors.focusCss, t("result.explain.nash")],
    ...(chart.real ? ([["★", colors.neutralCss, t("result.explain.real")]] as [string, string, string][]) : []),
    ...(chart.deal ? ([["◯", colors.text, t("result.explain.deal")]] as [string, string, string][]) : []),
    ...(chart.failed ? ([["◯", colors.warnCss, t("result.explain.failed")]] as [string, string, string][]) : []),
  ];
  const innerX = sx + 12 * u;
  const innerW = sw - 24 * u;
  let y = box.y + 8 * u;
  for (const [glyph, color, sentence] of rows) {
    const mark = kit.text(innerX, y, glyph, 15, { color, bold: true });
    // The paths' row shows both markers, each in its side's colour, one above the other (the sentence takes two lines).
    const second = glyph === "●" ? kit.text(innerX, y + mark.height, "■", 15, { color: sideStyle(b).css, bold: true }) : mark;
    y = Math.max(bottomOf(second), bottomOf(kit.text(innerX + 34 * u, y, sentence, 13, { wordWrap: { width: innerW - 34 * u } }))) + 5 * u;
  }
  const costs = chart.sides.map((side) => `${name(side)} ${formatPoints(-(model.totals[side]?.delay ?? 0))}`).join(", ");
  const metrics = [t("result.valueLeft", { points: Math.round(model.valueLeft) }), t("result.shareAfterDelay", { share: pct(model.jointShare) }), t("result.delayNote", { costs })];
  if (chart.real) metrics.push(t("result.realMetrics", { share: pct(chart.real.jointGainShare), distance: chart.real.distanceToFrontier.toFixed(1) }));
  y += 4 * u;
  kit.text(innerX, y, metrics.join("\n"), 13, { bold: false, color: colors.text, wordWrap: { width: innerW }, lineSpacing: 3 * u });
  // The reading panels (the real deal's notes, the model, the sources), stacked at the panel's foot.
  // Room for a caption on two 12-px lines ("How this model works" in a third of the panel at 800×600).
  const buttonH = Math.max(34 * u, 36);
  readingButtons({ scene: kit.scene, focus: kit.focus, u, t, c: kit.c, scenario: view.scenario }, innerX, box.y + box.h - buttonH - 10 * u, (innerW - 20 * u) / 3, buttonH, ["realDeal", "model", "sources"]);
}

/** The package issue by issue with both sides' revealed points; the bot's guess of the player's weights beside the truth. */
export function drawTermsTab(kit: ResultKit, box: Box): void {
  const { u, t, view, model } = kit;
  const name = (side: string) => sideName(view.scenario, side, kit.c);
  kit.panel(box.x, box.y, box.w, box.h);
  const x0 = box.x + 12 * u;
  const w = box.w - 24 * u;
  const source = model.source;
  const headingKey = `result.terms.${source.kind}` as MessageKey;
  const proposer = source.proposal ? name(source.proposal.side) : "";
  let y = bottomOf(kit.text(x0, box.y + 8 * u, t(headingKey, { side: proposer, round: source.proposal ? roundName(view.scenario, source.proposal.round, kit.c) : "" }), 15, { heading: true, bold: true, wordWrap: { width: w } })) + 8 * u;
  const [a, b] = model.sides;
  const belief = model.guessedSide !== null;
  // Column widths as shares of the table: issue, terms, side A, side B (and guess, truth).
  const shares = belief ? [0.3, 0.32, 0.095, 0.095, 0.095, 0.095] : [0.34, 0.4, 0.13, 0.13];
  const xs: number[] = [];
  shares.reduce((at, share) => (xs.push(at), at + share * w), x0);
  const width = (i: number) => shares[i]! * w - 10 * u;
  const headers = [t("result.terms.issue"), t("result.terms.option"), name(a), name(b), ...(belief ? [t("result.terms.guess"), t("result.terms.truth")] : [])];
  const colours = [colors.muted, colors.muted, sideStyle(a).css, sideStyle(b).css, colors.warnCss, colors.muted];
  const row = (cells: string[], size: number, options: { bold?: boolean; colours?: string[]; rightFrom?: number } = {}) => {
    let bottom = y;
    cells.forEach((cell, i) => {
      const right = i >= (options.rightFrom ?? 2);
      const text = kit.text(right ? xs[i]! + width(i) : xs[i]!, y, cell, size, { bold: options.bold ?? false, color: options.colours?.[i] ?? colors.text, wordWrap: { width: width(i) }, align: right ? "right" : "left" });
      if (right) text.setOrigin(1, 0);
      bottom = Math.max(bottom, bottomOf(text));
    });
    y = bottom + 5 * u;
  };
  row(headers, 13, { bold: true, colours });
  kit.scene.add.rectangle(x0, y - 3 * u, w, 1, colors.panelBorder).setOrigin(0);
  for (const r of model.rows) {
    const cells = [
      `${r.issue}. ${issueName(view.scenario, r.issue, kit.c)}`,
      optionLabel(view.scenario, r.issue, r.option, kit.c),
      formatPoints(r.points[a] ?? 0),
      formatPoints(r.points[b] ?? 0),
      ...(belief ? [r.guess === null ? "–" : pct(r.guess), r.truth === null ? "–" : pct(r.truth)] : []),
    ];
    row(cells, 13);
  }
  if (model.offer) {
    kit.scene.add.rectangle(x0, y - 3 * u, w, 1, colors.panelBorder).setOrigin(0);
    const total = (key: MessageKey, pick: (s: { sheet: number; delay: number; net: number }) => number, bold = false) =>
      row([t(key), "", formatPoints(pick(model.totals[a]!)), formatPoints(pick(model.totals[b]!))], 13, { bold, colours: [colors.text, colors.text, sideStyle(a).css, sideStyle(b).css] });
    total("result.terms.sheet", (s) => s.sheet);
    total("result.terms.delay", (s) => -s.delay);
    total("result.terms.net", (s) => s.net, true);
  }
  if (source.kind !== "agreement") {
    row([t("result.terms.outcome"), "", formatPoints(model.outcomePoints[a] ?? 0), formatPoints(model.outcomePoints[b] ?? 0)], 13, { bold: true, colours: [colors.warnCss, colors.text, sideStyle(a).css, sideStyle(b).css] });
  }
  y += 4 * u;
  if (belief) kit.text(x0, y, t("result.terms.beliefNote", { side: name(model.guessedSide!) }), 13, { color: colors.muted, wordWrap: { width: w } });
  else if (model.plainBot) kit.text(x0, y, t("result.terms.plainBot", { bot: botName(kit, model.plainBot) }), 13, { color: colors.muted, wordWrap: { width: w } });
}

function botName(kit: ResultKit, strategy: string): string {
  const key = `class.bot.${strategy}` as MessageKey;
  const label = kit.t(key);
  return label === key ? strategy : label;
}

/**
 * Three questions, a text field under each, and Save; the answers go into the match log (the
 * `reflect` message). Returns the function that shows whether the table has them (after a step).
 */
export function drawReflectTab(kit: ResultKit, box: Box, answers: string[], save: () => void): (view: ClientMatchView) => void {
  const { u, t } = kit;
  kit.panel(box.x, box.y, box.w, box.h);
  const x0 = box.x + 14 * u;
  const w = box.w - 28 * u;
  let y = bottomOf(kit.text(x0, box.y + 10 * u, t("result.reflect.intro"), 14, { color: colors.muted, wordWrap: { width: w } })) + 10 * u;
  const seat = kit.seat;
  const questions: MessageKey[] = ["result.reflect.q1", "result.reflect.q2", "result.reflect.q3"];
  const fields: TextField[] = [];
  // Boxes as tall as the panel allows (room for a few lines each), questions taken as one line each.
  const questionH = textPx(u, 15) * 1.4 + 6 * u;
  const fieldH = Math.max(40 * u, Math.min(110 * u, (box.y + box.h - y - 3 * (questionH + 12 * u) - 64 * u) / 3));
  questions.forEach((key, i) => {
    y = bottomOf(kit.text(x0, y, `${i + 1}. ${t(key)}`, 15, { bold: true, wordWrap: { width: w } })) + 6 * u;
    const field = kit.field({
      id: `reflect-${i + 1}`,
      x: x0,
      y,
      width: w,
      height: fieldH,
      multiline: true,
      placeholder: t("result.reflect.placeholder"),
      label: t(key),
      value: answers[i] ?? "",
      maxLength: 1000,
      onInput: (value) => (answers[i] = value),
      onEnter: () => (i < questions.length - 1 ? kit.focus.focus(`reflect-${i + 2}`) : save()),
    });
    if (!seat) field.setEnabled(false);
    fields.push(field);
    y += fieldH + 12 * u;
  });
  const button = kit.button({ id: "reflect-save", x: x0, y, width: 240 * u, height: 44 * u, label: t("result.reflect.save"), kind: "primary", fontSize: 16, onPress: save });
  button.setEnabled(seat !== null);
  const status = kit.text(x0 + 256 * u, y + 22 * u, "", 14, { wordWrap: { width: w - 256 * u } }).setOrigin(0, 0.5);
  const refresh = (view: ClientMatchView) => {
    if (!seat) return void status.setText(t("result.reflect.spectator")).setColor(colors.muted);
    const saved = (view.table.reflected ?? []).includes(seat.playerId);
    status.setText(t(saved ? "result.reflect.saved" : "result.reflect.unsaved")).setColor(saved ? colors.goodCss : colors.muted);
  };
  refresh(kit.view);
  if (seat) kit.focus.focus(fields.find((f) => f.value === "")?.id ?? "reflect-save");
  return refresh;
}
