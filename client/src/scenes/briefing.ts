import type Phaser from "phaser";
import type { ClientMatchView } from "../net/match-connection.js";
import type { Button } from "../ui/button.js";
import { colors, sideStyle } from "../ui/theme.js";
import { briefingModel } from "../view-models/briefing-model.js";
import { formatPoints, sideName } from "../view-models/names.js";
import { BaseScene, sceneForView, sceneKeys } from "./base-scene.js";
import { drawIssueSheet, drawParagraphs, splitIssues } from "./widgets/issue-sheet.js";
import { readingButtons } from "./widgets/reading-panels.js";
import { ScrollColumn } from "./widgets/scroll-column.js";

/**
 * Briefing: the seat's confidential sheet (side, role, the story, every option's points, red
 * lines, no deal, deadlines), who is at the table and who is ready, the code to share, a class
 * table's countdown to the clock, and "ready". Reopened from the table (B) while the match runs,
 * it shows the same sheet with "back to the table" instead (the draft waits in `app.draft`).
 */
export class BriefingScene extends BaseScene {
  private readyButton: Button | null = null;
  private status: Phaser.GameObjects.Text | null = null;
  private codeText: Phaser.GameObjects.Text | null = null;
  private content: Phaser.GameObjects.Container[] = [];
  private drawnFor = "";
  /** The story and briefs, scrolled when they are longer than their column at the smallest type. */
  private column: ScrollColumn | null = null;

  constructor() {
    super(sceneKeys.briefing);
  }

  /** Reopened from the table: the match is under way and the player reads their sheet again. */
  private get reviewing(): boolean {
    return this.app.reviewingBriefing && this.app.connection?.view?.phase === "negotiating";
  }

  protected override sceneFor(view: ClientMatchView): string {
    if (view.phase !== "negotiating") this.app.reviewingBriefing = false;
    return this.app.reviewingBriefing && view.viewer.kind === "seat" && view.phase === "negotiating" ? sceneKeys.briefing : sceneForView(view);
  }

  protected build(): void {
    const { W, H, u } = this;
    this.drawnFor = "";
    this.content = [];
    this.languageToggle();
    const by = H - 76 * u;
    this.readyButton = this.reviewing
      ? this.button({ id: "back-to-table", x: W - 300 * u, y: by, width: 270 * u, height: 56 * u, label: this.t("briefing.back"), kind: "primary", shortcut: "b", fontSize: 18, onPress: () => this.backToTable() })
      : this.button({ id: "ready", x: W - 300 * u, y: by, width: 270 * u, height: 56 * u, label: this.t("briefing.ready"), kind: "primary", shortcut: "r", fontSize: 20, onPress: () => this.ready() });
    this.status = this.text(30 * u, by - 8 * u, "", this.style(16, { color: colors.text, wordWrap: { width: W - 720 * u }, lineSpacing: 3 * u }));
    // The code to share, large enough to read out to a class.
    this.codeText = this.text(W - 330 * u, by + 28 * u, "", this.style(34, { bold: true, color: colors.focusCss })).setOrigin(1, 0.5);
    this.focus!.focus(this.readyButton.id);
    this.column = null;
    const scroll = (dy: number) => this.column?.scrollBy(dy) ?? false;
    this.focus!.onKeys((event) => (event.key === "PageDown" || event.key === "PageUp" ? (scroll((event.key === "PageDown" ? 1 : -1) * 200 * this.u), true) : false));
    this.input.on("wheel", (pointer: Phaser.Input.Pointer, _over: unknown, _dx: number, dy: number) => {
      if (this.column?.contains(pointer.x, pointer.y)) scroll(dy);
    });
    // A class table's countdown to its clock, redrawn every second.
    this.time.addEvent({ delay: 1000, loop: true, callback: () => this.app.connection?.view && this.drawFooter(this.app.connection.view) });
    const view = this.app.connection?.view;
    if (view) {
      // How the model works and its sources, between the footer's status and "ready".
      readingButtons({ scene: this, focus: this.focus!, u, t: this.t, c: this.c, scenario: view.scenario }, W - 680 * u, by, 180 * u, 56 * u, ["model", "sources"]);
      this.onView(view);
    }
  }

  protected override onView(view: ClientMatchView): void {
    const seat = this.app.connection?.seat;
    // The sheet is drawn once the seat and its numbers are known; the footer follows every change.
    // The sheet's numbers may arrive over several patches: redraw whenever they change.
    const key = `${seat?.side ?? ""}|${JSON.stringify(seat ? view.sheets[seat.side] : null)}|${JSON.stringify(view.roles)}`;
    if (key !== this.drawnFor && seat && view.sheets[seat.side]) {
      this.drawnFor = key;
      this.drawSheet(view);
    }
    this.drawFooter(view);
  }

  private drawSheet(view: ClientMatchView): void {
    for (const c of this.content) c.destroy();
    this.content = [];
    const model = briefingModel(view, this.c);
    if (!model) return;
    const { W, H, u } = this;
    const style = sideStyle(model.side);
    const top = 20 * u;
    const flag = this.add.image(30 * u, top, `flag-${model.side}`).setOrigin(0).setDisplaySize(model.side === "us" ? 76 * u : 60 * u, 40 * u);
    const title = this.text(flag.x + flag.displayWidth + 16 * u, top - 4 * u, this.t("briefing.title"), this.style(30, { heading: true, bold: true }));
    const who = this.text(title.x, top + 36 * u, `${style.symbol} ${this.t("briefing.youAre", { side: model.sideName, role: model.roleName })}${model.person ? ` — ${model.person}` : ""}`, this.style(17, { color: style.css, bold: true }));
    const stamp = this.text(W - 360 * u, top + 6 * u, this.t("briefing.title").toUpperCase(), this.style(16, { color: colors.warnCss, bold: true })).setAngle(-4);
    stamp.setVisible(false);
    const header = this.add.container(0, 0, [flag, title, who, stamp]);

    const bodyY = 100 * u;
    const bodyH = H - bodyY - 100 * u;
    const colGap = 24 * u;
    const leftW = (W - 60 * u) * 0.36;
    const sheetW = (W - 60 * u - leftW - 2 * colGap) / 2;
    const leftX = 30 * u;
    const noDeal = this.t("briefing.noDeal", { points: formatPoints(model.reservation), pressure: model.pressure });
    const deadlines = model.softDeadline ? this.t("briefing.deadlines", { soft: model.softDeadline, hard: model.hardDeadline }) : this.t("briefing.deadlineHard", { hard: model.hardDeadline });
    const redLines = model.redLines.length > 0 ? model.redLines.map((l) => `⚠ ${this.t("briefing.redLineItem", l)}`).join("\n") : this.t("briefing.noRedLines");
    const panelL = this.panel(leftX - 12 * u, bodyY - 12 * u, leftW + 24 * u, bodyH + 24 * u);
    const left = drawParagraphs(this, { x: leftX, y: bodyY, w: leftW, h: bodyH }, [
      { heading: this.t("briefing.story"), text: model.story },
      { heading: this.t("briefing.roleBrief"), text: [model.sideBrief, model.roleBrief].filter(Boolean).join("\n\n"), color: colors.text },
      { heading: this.t("briefing.redLines"), text: redLines, color: colors.warnCss },
      { text: `${noDeal}\n${deadlines}`, color: colors.text },
    ], u);
    this.column = new ScrollColumn(left, { x: leftX, y: bodyY, w: leftW, h: bodyH });
    if (this.column.overflow > 0) {
      // The foot of the column says the rest is a key or a wheel away.
      const hint = this.text(leftX, bodyY + bodyH, `▼ ${this.t("briefing.scroll")}`, this.style(12, { color: colors.focusCss, wordWrap: { width: leftW } })).setOrigin(0, 1);
      this.column = new ScrollColumn(left, { x: leftX, y: bodyY, w: leftW, h: bodyH - hint.height - 6 * u });
      this.content.push(this.add.container(0, 0, [hint]));
    }
    const sheetX = leftX + leftW + colGap;
    const panelR = this.panel(sheetX - 12 * u, bodyY - 12 * u, 2 * sheetW + colGap + 24 * u, bodyH + 24 * u, colors.panelRaised);
    const heading = this.text(sheetX, bodyY, this.t("briefing.issues"), this.style(18, { heading: true, bold: true }));
    const sheetTop = bodyY + heading.height + 10 * u;
    const labels = { priority: (weight: number) => this.t("briefing.priority", { weight }).replace(/^★\s*/, ""), redLine: this.t("table.redLine") };
    const [first, second] = splitIssues(model.issues);
    const boxA = { x: sheetX, y: sheetTop, w: sheetW, h: bodyH - (sheetTop - bodyY) };
    const boxB = { ...boxA, x: sheetX + sheetW + colGap };
    // Both columns in one type size: the smaller of the two that fit.
    let a = drawIssueSheet(this, boxA, first, u, labels);
    let b = drawIssueSheet(this, boxB, second, u, labels);
    const size = Math.min(a.fittedSize ?? 15, b.fittedSize ?? 15);
    if (a.fittedSize !== size) (a.destroy(), (a = drawIssueSheet(this, boxA, first, u, labels, size)));
    if (b.fittedSize !== size) (b.destroy(), (b = drawIssueSheet(this, boxB, second, u, labels, size)));
    const panels = this.add.container(0, 0, [panelL, panelR, heading]);
    panels.setDepth(-1);
    this.content.push(header, left, a, b, panels);
  }

  private drawFooter(view: ClientMatchView): void {
    const seat = this.app.connection?.seat;
    const me = view.players.find((p) => p.id === seat?.playerId);
    const names = view.players.map((p) => `${sideStyle(p.side).symbol} ${this.speech().name(p)}${p.id === seat?.playerId ? ` (${this.t("table.you")})` : p.bot ? ` (${this.t("table.bot")})` : ""} — ${sideName(view.scenario, p.side, this.c)}${p.ready ? " ✓" : ""}`);
    const lines = [this.t("briefing.players", { names: names.join(" · ") })];
    const sides = new Set(view.players.map((p) => p.side));
    this.codeText?.setText("");
    const endsAt = view.table.briefingEndsAt ?? 0;
    if (this.reviewing) {
      lines.push(this.t("briefing.reviewing"));
    } else if (view.table.mode === "pvp" && sides.size < view.scenario.sides.length) {
      lines.push(this.t("briefing.share", { code: view.table.code }), this.t("briefing.waitingPlayer"));
      this.codeText?.setText(view.table.code);
    } else if (endsAt > 0) {
      // A class table: the clock starts when everyone is ready, when the instructor starts it, or at the end of the briefing time.
      const left = Math.max(0, Math.ceil((endsAt - Date.now()) / 1000));
      const time = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, "0")}`;
      lines.push(this.t(me?.ready ? "briefing.classWaiting" : "briefing.classClock", { time }));
    } else if (me?.ready) {
      lines.push(this.t("briefing.waitingReady"));
    }
    this.status?.setText(lines.join("\n"));
    if (!this.reviewing) this.readyButton?.setEnabled(!me?.ready);
  }

  private ready(): void {
    this.app.connection?.ready();
  }

  private backToTable(): void {
    this.app.reviewingBriefing = false;
    this.scene.start(sceneForView(this.app.connection!.view!));
  }
}
