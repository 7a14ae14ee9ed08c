import { colors } from "../../ui/theme.js";
import type { Button } from "../../ui/button.js";
import type { TextField } from "../../ui/text-field.js";
import { sideName } from "../../view-models/names.js";
import type { LobbyError } from "../../net/match-connection.js";
import { BaseScene, sceneKeys } from "../base-scene.js";
import { enterMatch } from "../boot.js";
import { startBranch } from "./replay-branch.js";
import { chartLabels, drawChart, drawLegend } from "../debrief/chart.js";
import { readingButtons } from "../widgets/reading-panels.js";
import { drawTableState, drawTimeline, roundLine, type Words } from "./replay-panels.js";
import { replayKeys } from "./replay-pick-scene.js";
import { installReplayProbe } from "./replay-probe.js";
import { closeReplay, rememberStep, replaySession, speeds, type ReplaySession } from "./replay-session.js";

/**
 * The replay viewer: a timeline of every action, a scrubber, step/play/speed (keyboard too),
 * the table as it stood at the step with both sheets revealed, the points plane with both
 * sides' paths up to that step, the metrics at the end, and notes pinned to steps.
 * Only the parts that change with the step are redrawn when it moves.
 */

const BASE_MS_PER_STEP = 700;

export class ReplayScene extends BaseScene {
  private session!: ReplaySession;
  private dynamic: Phaser.GameObjects.GameObject[] = [];
  private playButton: Button | null = null;
  private speedButton: Button | null = null;
  private unpinButton: Button | null = null;
  private noteField: TextField | null = null;
  private timer: Phaser.Time.TimerEvent | null = null;
  private dragging = false;
  private branchButtons: Button[] = [];

  constructor() {
    super(replayKeys.view);
  }

  protected build(): void {
    const session = replaySession();
    if (!session) {
      this.scene.start(replayKeys.pick);
      return;
    }
    this.session = session;
    const { W, H, u } = this;
    const m = 20 * u;
    this.dynamic = [];
    this.languageToggle();
    this.button({ id: "back", x: W - 330 * u, y: 16 * u, width: 150 * u, height: 40 * u, label: this.t("replay.back"), shortcut: "b", fontSize: 15, onPress: () => this.leave() });
    this.text(m, 14 * u, this.t("replay.header", { id: session.model.matchId }), this.style(26, { heading: true, bold: true }));
    // What the ★ on the chart stands for, issue by issue (the scenario in the log's header).
    readingButtons({ scene: this, focus: this.focus!, u, t: this.t, c: this.c, scenario: session.model.viewAt(0).scenario }, W - 530 * u, 16 * u, 190 * u, 40 * u, ["realDeal"]);

    // Controls along the bottom.
    const by = H - 96 * u;
    const bw = 122 * u;
    const controls: [string, string, string, () => void][] = [
      ["first", this.t("replay.first"), "", () => this.seek(0)],
      ["prev", this.t("replay.prev"), "", () => this.seek(this.session.step - 1)],
      ["play", this.t(session.playing ? "replay.pause" : "replay.play"), "", () => this.togglePlay()],
      ["next", this.t("replay.next"), "", () => this.seek(this.session.step + 1)],
      ["last", this.t("replay.last"), "", () => this.seek(this.session.model.last)],
      ["speed", this.t("replay.speed", { speed: session.speed }), "s", () => this.cycleSpeed()],
    ];
    controls.forEach(([id, label, shortcut, onPress], i) => {
      const b = this.button({ id, x: m + i * (bw + 8 * u), y: by, width: bw, height: 44 * u, label, fontSize: 15, kind: id === "play" ? "primary" : "normal", ...(shortcut ? { shortcut } : {}), onPress });
      if (id === "play") this.playButton = b;
      if (id === "speed") this.speedButton = b;
    });
    // What if: play on from this step (server logs only: the server needs the parent log).
    const bx = m + controls.length * (bw + 8 * u) + 16 * u;
    const brw = (W - m - bx - 8 * u) / 2;
    this.branchButtons = [
      this.button({ id: "branch-bot", x: bx, y: by, width: brw, height: 44 * u, label: this.t("replay.branchBot"), fontSize: 14, shortcut: "k", onPress: () => void this.branch(true) }),
      this.button({ id: "branch-two", x: bx + brw + 8 * u, y: by, width: brw, height: 44 * u, label: this.t("replay.branchTwo"), fontSize: 14, onPress: () => void this.branch(false) }),
    ];
    this.text(m, H - 40 * u, this.t("replay.keys"), this.style(13, { color: colors.dim }));
    // Who signed this log (the server checks: docs/log-format.md, "Signatures").
    this.text(W - m, H - 40 * u, this.t(`replay.signature.${session.signature}`), this.style(13, { bold: true, color: session.signature === "this-server" ? colors.goodCss : colors.warnCss })).setOrigin(1, 0);
    this.drawScrubber(m, H - 126 * u, W - 2 * m);

    // Notes, under the table state on the right.
    const rx = W - 400 * u;
    const rw = 400 * u - m;
    const notesY = H - 280 * u;
    this.noteField = this.field({ id: "note", x: rx, y: notesY + 70 * u, width: rw, height: 38 * u, placeholder: this.t("replay.notePlaceholder"), label: this.t("replay.notes", { step: session.step }), maxLength: 2000, onEnter: () => void this.pin() });
    const hw = (rw - 16 * u) / 3;
    this.button({ id: "pin", x: rx, y: notesY + 114 * u, width: hw, height: 30 * u, label: this.t("replay.pin"), fontSize: 13, onPress: () => void this.pin() });
    this.unpinButton = this.button({ id: "unpin", x: rx + hw + 8 * u, y: notesY + 114 * u, width: hw, height: 30 * u, label: this.t("replay.unpin"), fontSize: 13, onPress: () => void this.unpin() });
    this.button({ id: "download", x: rx + 2 * (hw + 8 * u), y: notesY + 114 * u, width: hw, height: 30 * u, label: this.t(`replay.download.${session.notes.where}`), fontSize: 12, onPress: () => session.notes.download() });

    this.focus!.onKeys((event) => this.onKey(event));
    installReplayProbe(this, session);
    this.redraw();
    if (session.playing) this.schedule();
    this.focus!.focus("play");
  }

  private onKey(event: KeyboardEvent): boolean {
    const step = this.session.step;
    if (event.key === "ArrowRight") this.seek(step + 1);
    else if (event.key === "ArrowLeft") this.seek(step - 1);
    else if (event.key === "Home") this.seek(0);
    else if (event.key === "End") this.seek(this.session.model.last);
    else if (event.key === " ") this.togglePlay();
    else return false;
    return true;
  }

  seek(step: number): void {
    const next = Math.max(0, Math.min(this.session.model.last, Math.round(step)));
    if (next === this.session.step) return;
    this.session.step = next;
    rememberStep();
    if (next === this.session.model.last && this.session.playing) this.togglePlay();
    this.redraw();
  }

  private togglePlay(): void {
    const s = this.session;
    if (!s.playing && s.step === s.model.last) s.step = 0;
    s.playing = !s.playing;
    this.playButton?.setLabel(this.t(s.playing ? "replay.pause" : "replay.play"));
    this.timer?.remove();
    this.timer = null;
    if (s.playing) this.schedule();
    this.redraw();
  }

  private schedule(): void {
    this.timer = this.time.addEvent({ delay: BASE_MS_PER_STEP / this.session.speed, loop: true, callback: () => this.seek(this.session.step + 1) });
  }

  private cycleSpeed(): void {
    const s = this.session;
    s.speed = speeds[(speeds.indexOf(s.speed as (typeof speeds)[number]) + 1) % speeds.length]!;
    this.speedButton?.setLabel(this.t("replay.speed", { speed: s.speed }));
    if (s.playing) {
      this.timer?.remove();
      this.schedule();
    }
  }

  private drawScrubber(x: number, y: number, w: number): void {
    const u = this.u;
    const track = this.add.rectangle(x, y, w, 14 * u, colors.panelRaised).setOrigin(0).setStrokeStyle(1, colors.panelBorder).setInteractive({ useHandCursor: true });
    const stepAt = (px: number) => ((px - x) / w) * this.session.model.last;
    track.on("pointerdown", (p: Phaser.Input.Pointer) => {
      this.dragging = true;
      this.seek(stepAt(p.x));
    });
    this.input.on("pointermove", (p: Phaser.Input.Pointer) => this.dragging && p.isDown && this.seek(stepAt(p.x)));
    this.input.on("pointerup", () => (this.dragging = false));
    // Proposals as ticks on the bar, so a class sees where the offers came.
    const g = this.add.graphics();
    const last = Math.max(1, this.session.model.last);
    for (const step of this.session.model.steps) {
      if (step.type !== "propose" && step.type !== "accept" && step.type !== "walkaway") continue;
      g.fillStyle(step.by?.side === "us" ? colors.us : colors.japan, 1);
      g.fillRect(x + (step.step / last) * w - 1, y - 5 * u, 2 * u, 5 * u);
    }
    this.scrubberBox = { x, y, w };
  }
  private scrubberBox = { x: 0, y: 0, w: 0 };

  private words(): Words {
    return { t: this.t, c: this.c };
  }

  /** Everything that depends on the step. */
  private redraw(): void {
    for (const o of this.dynamic.splice(0)) o.destroy();
    const before = new Set(this.children.list);
    const { W, H, u } = this;
    const m = 20 * u;
    const s = this.session;
    const view = s.model.viewAt(s.step);
    const words = this.words();
    this.text(m, 50 * u, `${this.t("replay.stepOf", { step: s.step, last: s.model.last })} · ${roundLine(view, words)}`, this.style(16, { color: colors.muted }));

    const top = 84 * u;
    const bottom = H - 142 * u;
    const noteSteps = new Set(s.notes.list().map((n) => n.step));
    this.panel(m - 6 * u, top - 6 * u, 372 * u, bottom - top + 12 * u).setDepth(-1);
    drawTimeline(this, { x: m, y: top, w: 360 * u, h: bottom - top }, s.model, s.step, noteSteps, u, words, (k) => this.seek(k));

    const cx = m + 380 * u;
    const cw = W - 400 * u - cx - 10 * u;
    const model = s.model.chartAt(s.step);
    const name = (side: string) => sideName(view.scenario, side, this.c);
    // The replay plots sheet points (before the delay cost) at each step; the axes say so.
    const labels = chartLabels(this.t, model.sides, name, true);
    const legendH = 160 * u;
    this.panel(cx - 6 * u, top - 6 * u, cw + 12 * u, bottom - top + 12 * u).setDepth(-1);
    drawChart(this, { x: cx, y: top, w: cw, h: bottom - top - legendH }, model, u, labels);
    drawLegend(this, cx + 8 * u, bottom - legendH + 8 * u, u, model, labels);

    const rx = W - 400 * u;
    const rw = 400 * u - m;
    this.panel(rx - 10 * u, top - 6 * u, rw + 16 * u, bottom - top + 12 * u).setDepth(-1);
    const stateEnd = drawTableState(this, { x: rx, y: top, w: rw, h: H - 280 * u - top }, view, u, words);
    if (s.step === s.model.last) this.drawMetrics(rx, stateEnd + 2 * u, rw);
    const notes = s.notes.list().filter((n) => n.step === s.step);
    const notesY = H - 280 * u;
    this.text(rx, notesY, `▲ ${this.t("replay.notes", { step: s.step })} — ${this.t(`replay.notesWhere.${s.notes.where}`)}`, this.style(12, { bold: true, wordWrap: { width: rw } }));
    this.text(rx, notesY + 34 * u, notes.map((n) => `• ${n.text}`).join("\n"), this.style(12, { color: colors.focusCss, wordWrap: { width: rw } })).setMaxLines(2);
    this.unpinButton?.setEnabled(notes.length > 0);
    for (const b of this.branchButtons) b.setEnabled(s.source === "server" && view.phase !== "ended");

    const bar = this.scrubberBox;
    const hx = bar.x + (s.step / Math.max(1, s.model.last)) * bar.w;
    this.add.rectangle(bar.x, bar.y, hx - bar.x, 14 * u, colors.good, 0.7).setOrigin(0);
    this.add.circle(hx, bar.y + 7 * u, 11 * u, colors.focus).setStrokeStyle(2, 0x000000);
    for (const k of noteSteps) this.add.text(bar.x + (k / Math.max(1, s.model.last)) * bar.w, bar.y + 14 * u, "▲", this.style(11, { color: colors.focusCss })).setOrigin(0.5, 0);

    this.dynamic = this.children.list.filter((o) => !before.has(o));
  }

  /** At the last step: the outcome and how much of the joint gain it captured. */
  private drawMetrics(x: number, y: number, w: number): void {
    const s = this.session;
    const view = s.model.viewAt(s.model.last);
    const chart = s.model.chartAt(s.model.last);
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    const outcome = view.outcome;
    const lines: string[] = [];
    if (outcome) lines.push(this.t(`result.${outcome.kind}` as "result.agreement", { round: outcome.round, side: outcome.side ? sideName(view.scenario, outcome.side, this.c) : "" }));
    if (chart.deal) lines.push(this.t("result.jointGain", { share: pct(chart.deal.jointGainShare) }), this.t("result.distance", { distance: chart.deal.distanceToFrontier.toFixed(1) }));
    else lines.push(this.t("result.noDealMetrics", { gain: Math.round(chart.maxJointGain) }));
    if (chart.real) lines.push(this.t("result.realMetrics", { share: pct(chart.real.jointGainShare), distance: chart.real.distanceToFrontier.toFixed(1) }));
    this.text(x, y, lines.join("\n"), this.style(12, { color: colors.goodCss, wordWrap: { width: w } }));
  }

  private async pin(): Promise<void> {
    const text = this.noteField?.value.trim() ?? "";
    if (!text) return void this.banner.show(this.t("replay.emptyNote"), "error");
    try {
      await this.session.notes.add(this.session.step, text);
      if (this.noteField) this.noteField.value = "";
      this.redraw();
    } catch (e) {
      this.banner.show(this.t("replay.noteFailed", { message: (e as Error).message }), "error");
    }
  }

  private async unpin(): Promise<void> {
    const last = this.session.notes.list().filter((n) => n.step === this.session.step).at(-1);
    if (!last) return;
    try {
      await this.session.notes.remove(last.id);
      this.redraw();
    } catch (e) {
      this.banner.show(this.t("replay.noteFailed", { message: (e as Error).message }), "error");
    }
  }

  private async branch(vsBot: boolean): Promise<void> {
    const s = this.session;
    if (s.playing) this.togglePlay();
    this.banner.show(this.t("title.connecting"), "status", true);
    try {
      const next = await enterMatch(await startBranch(this.app, s.model.matchId, s.step, vsBot));
      closeReplay();
      this.scene.start(next);
    } catch (e) {
      this.banner.clearSticky();
      const error = e as LobbyError;
      this.showServerError(error.code ?? "ERROR", error.message);
    }
  }

  private leave(): void {
    closeReplay();
    this.scene.start(sceneKeys.title);
  }
}
