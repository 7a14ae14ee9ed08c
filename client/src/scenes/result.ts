import type { ClientMatchView } from "../net/match-connection.js";
import { colors, sideStyle } from "../ui/theme.js";
import { debriefModel, type DebriefModel } from "../view-models/debrief-model.js";
import { formatPoints, issueName, sideName } from "../view-models/names.js";
import { BaseScene, sceneKeys } from "./base-scene.js";
import { chartLabels, drawChart, drawLegend } from "./debrief/chart.js";
import { readingButtons } from "./widgets/reading-panels.js";

/**
 * Result and debrief: the outcome and both sides' points (now revealed), every proposal in the
 * points plane with the frontier, Nash, no deal and the real July 2025 deal, the share of joint
 * gain captured, and — against the adaptive bot — what it believed the player cared about.
 */
export class ResultScene extends BaseScene {
  private drawnSeq = -1;

  constructor() {
    super(sceneKeys.result);
  }

  protected build(): void {
    this.drawnSeq = -1;
    const view = this.app.connection?.view;
    if (view) this.draw(view);
  }

  protected override onView(view: ClientMatchView): void {
    // The sheets are revealed in the same patch or the next one; redraw once they are all here.
    if (Object.keys(view.sheets).length !== this.drawnSeq) this.scene.restart();
  }

  private draw(view: ClientMatchView): void {
    const { W, H, u } = this;
    this.drawnSeq = Object.keys(view.sheets).length;
    this.languageToggle();
    const outcome = view.outcome;
    const name = (side: string) => sideName(view.scenario, side, this.c);
    const m = 24 * u;
    this.text(m, m, this.t("result.title"), this.style(34, { heading: true, bold: true }));
    if (outcome) {
      const sentence = this.t(`result.${outcome.kind}` as "result.agreement", { round: outcome.round, side: outcome.side ? name(outcome.side) : "" });
      this.text(m, m + 48 * u, `${outcome.kind === "agreement" ? "✓" : "⚠"} ${sentence}`, this.style(20, { color: outcome.kind === "agreement" ? colors.goodCss : colors.warnCss, bold: true }));
      const seat = this.app.connection?.seat;
      view.scenario.sides.forEach((side, i) => {
        const style = sideStyle(side.id);
        const you = seat?.side === side.id ? ` (${this.t("table.you")})` : "";
        const x = W - 740 * u + i * 270 * u;
        this.add.image(x, m + 6 * u, `flag-${side.id}`).setOrigin(0).setDisplaySize(side.id === "us" ? 57 * u : 45 * u, 30 * u);
        this.text(x + 66 * u, m, `${style.symbol} ${name(side.id)}${you}`, this.style(16, { color: style.css, bold: true }));
        this.text(x + 66 * u, m + 22 * u, this.t("table.pts", { points: formatPoints(outcome.points[side.id] ?? 0) }), this.style(28, { bold: true }));
      });
      const broken = (outcome.brokenRedLines ?? []).map((b) => `⚠ ${this.t("result.brokenRedLine", { side: name(b.side), reason: this.c(`redLine.${b.id}`, b.reason) })}`);
      if (broken.length) this.text(m, m + 78 * u, broken.join("\n"), this.style(14, { color: colors.warnCss, wordWrap: { width: W - 2 * m } }));
    }

    const model = debriefModel(view);
    const chartTop = 130 * u;
    const chartW = W * 0.58;
    const chartH = H - chartTop - 90 * u;
    this.panel(m - 8 * u, chartTop - 36 * u, chartW + 16 * u, chartH + 44 * u);
    this.text(m, chartTop - 30 * u, this.t("result.chart"), this.style(18, { heading: true, bold: true }));
    const labels = chartLabels(this.t, model.sides, name);
    drawChart(this, { x: m, y: chartTop, w: chartW, h: chartH }, model, u, labels);

    const sx = m + chartW + 30 * u;
    const sw = W - sx - m;
    this.panel(sx - 12 * u, chartTop - 36 * u, sw + 24 * u, chartH + 44 * u);
    let y = drawLegend(this, sx, chartTop - 26 * u, u, model, labels) + 10 * u;
    y = this.drawMetrics(sx, y, sw, model);
    if (model.belief) this.drawBelief(view, sx, y + 12 * u, sw, chartTop + chartH - y - 12 * u, model.belief);

    const back = this.button({ id: "again", x: W - m - 280 * u, y: H - 70 * u, width: 280 * u, height: 52 * u, label: this.t("result.again"), kind: "primary", shortcut: "b", fontSize: 18, onPress: () => void this.backToTitle() });
    // The real deal's notes (what the ★ stands for), the model's assumptions and the sources.
    readingButtons({ scene: this, focus: this.focus!, u, t: this.t, c: this.c, scenario: view.scenario }, m, H - 70 * u, 210 * u, 52 * u, ["realDeal", "model", "sources"]);
    this.focus!.focus(back.id);
  }

  private drawMetrics(x: number, y: number, w: number, model: DebriefModel): number {
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    const lines: string[] = [];
    if (model.deal) {
      lines.push(this.t("result.jointGain", { share: pct(model.deal.jointGainShare) }), this.t("result.distance", { distance: model.deal.distanceToFrontier.toFixed(1) }));
    } else {
      lines.push(this.t("result.noDealMetrics", { gain: Math.round(model.maxJointGain) }));
    }
    if (model.real) lines.push(this.t("result.realMetrics", { share: pct(model.real.jointGainShare), distance: model.real.distanceToFrontier.toFixed(1) }), this.t("result.realNotes"));
    const text = this.text(x, y, lines.join("\n"), this.style(15, { wordWrap: { width: w }, lineSpacing: 5 * this.u }));
    return y + text.height;
  }

  /** Two bars per issue: the bot's guess (outlined) and the truth (filled), each with its percentage. */
  private drawBelief(view: ClientMatchView, x: number, y: number, w: number, h: number, belief: NonNullable<DebriefModel["belief"]>): void {
    const u = this.u;
    this.text(x, y, this.t("result.belief"), this.style(16, { heading: true, bold: true }));
    this.text(x, y + 24 * u, `▭ ${this.t("result.beliefGuess")}   ▬ ${this.t("result.beliefTruth")}`, this.style(13, { color: colors.muted }));
    const rowH = Math.min(30 * u, (h - 50 * u) / belief.length);
    const labelW = w * 0.38;
    const barW = w - labelW - 50 * u;
    const max = Math.max(0.01, ...belief.flatMap((b) => [b.guess, b.truth]));
    belief.forEach((b, i) => {
      const ry = y + 48 * u + i * rowH;
      const label = this.text(x, ry, `${b.issue}. ${issueName(view.scenario, b.issue, this.c)}`, this.style(12, { color: colors.text }));
      if (label.width > labelW - 6 * u) label.setScale((labelW - 6 * u) / label.width, 1);
      const bx = x + labelW;
      const half = rowH * 0.38;
      this.add.rectangle(bx, ry, Math.max(2, (b.guess / max) * barW), half, colors.warn, 0).setOrigin(0).setStrokeStyle(2, colors.warn);
      this.add.rectangle(bx, ry + half + 2 * u, Math.max(2, (b.truth / max) * barW), half, colors.us).setOrigin(0);
      this.text(x + w, ry - 2 * u, `${Math.round(b.guess * 100)}% / ${Math.round(b.truth * 100)}%`, this.style(11, { color: colors.muted })).setOrigin(1, 0);
    });
  }

  private async backToTitle(): Promise<void> {
    await this.app.connection?.leave();
    this.app.setConnection(null);
    this.scene.start(sceneKeys.title);
  }
}
