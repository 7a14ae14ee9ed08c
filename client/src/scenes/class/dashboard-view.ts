import type Phaser from "phaser";
import { fetchClassFile, type ClassFile, type ClassSummary, type InstructorLink } from "../../net/class-connection.js";
import { openConfirm } from "../../ui/dialog.js";
import { saveBlob } from "../../ui/download.js";
import type { FocusManager } from "../../ui/focus.js";
import { colors, sideStyle, textPx } from "../../ui/theme.js";
import { clockLabel } from "../../view-models/class-form.js";
import { moveMessage, seatingCards, type SeatCell } from "../../view-models/class-dashboard-model.js";
import type { ClassKit } from "./class-kit.js";
import { classState } from "./class-state.js";
import { drawControlPanel } from "./control-panel.js";
import { drawSeatingCard, seatingCardHeight } from "./seating-card.js";
import { drawTableCard, type CardLabels } from "./table-card.js";

/**
 * The instructor's dashboard: the class code (and the key, once), the class-wide actions and
 * downloads, the seating plan before the start or one card per table after it, and the control
 * panel. The table cards are redrawn on every dashboard (clock, points, who is connected)
 * without rebuilding the widgets.
 */
export class ClassDashboard {
  private live: Phaser.GameObjects.GameObject[] = [];
  private grid = { x: 0, y: 0, w: 0, h: 0 };

  constructor(private kit: ClassKit, private link: InstructorLink, private focus: FocusManager, private endpoint: string, private onDebrief: () => void, private onLeave: () => void) {}

  draw(): void {
    const { u, W, H, t } = this.kit;
    const d = this.link.dashboard;
    this.kit.text(20 * u, 66 * u, t("class.codeIs", { code: this.link.code }), this.kit.style(24, { bold: true, color: colors.focusCss }));
    this.kit.button({ id: "leave-dashboard", x: 20 * u, y: 100 * u, width: Math.max(200 * u, 180), height: Math.max(26 * u, 20), label: t("class.leaveDashboard"), fontSize: 12, onPress: () => this.confirmLeave() });
    const headerRight = 400 * u;
    if (classState.keyVisible) this.drawKey(headerRight, 62 * u, W - headerRight - 20 * u);
    else if (d) this.kit.text(headerRight, 70 * u, this.settingsLine(d), this.kit.style(13, { color: colors.muted, wordWrap: { width: W - headerRight - 20 * u } }));
    const actionsY = 134 * u;
    // Two lines of 12-px caption where a label wraps in its seventh of a small screen.
    const actionsH = Math.max(40 * u, 2 * (textPx(u, 14) + 3) + 6);
    this.drawActions(actionsY, actionsH);
    const top = actionsY + actionsH + 12 * u;
    // On a small screen (800×600) the panel takes 40% of the width, up to 320 px: an event's name fits one 12-px line.
    const panelW = Math.max(Math.min(420 * u, W * 0.36), Math.min(W * 0.4, 320));
    const panelX = W - panelW - 10 * u;
    drawControlPanel(this.kit, this.link, panelX, top, panelW, H - top - 10 * u);
    this.grid = { x: 10 * u, y: top, w: panelX - 20 * u, h: H - top - 10 * u };
    if (d?.status === "seating") this.drawSeating(d);
    else if (d) {
      const { pages, rows, ch } = this.tableLayout(d);
      classState.page = Math.min(classState.page, pages - 1);
      if (pages > 1) this.pager(pages, this.grid.y + 26 * u + rows * (ch + 10 * u));
    }
    this.redrawLive();
  }

  private settingsLine(d: ClassSummary): string {
    const { t } = this.kit;
    const s = d.settings;
    const scenario = this.kit.scenario();
    const parts = [
      scenario ? this.kit.c("title", scenario.title) : s.scenario,
      t("class.summary.perSide", { n: s.playersPerSide }),
      s.roles ? t("class.form.rolesOn") : t("class.form.rolesOff"),
      t("class.summary.rounds", { n: s.rounds ?? scenario?.rounds.length ?? "?" }),
      `${t("class.form.clock")}: ${clockLabel(s.turnSeconds, { off: t("class.form.clockOff"), seconds: t("class.form.seconds"), minutes: t("class.form.minutes") })}`,
      `${t("class.form.briefing")}: ${clockLabel(s.briefingSeconds ?? 0, { off: t("class.form.briefingOff"), seconds: t("class.form.seconds"), minutes: t("class.form.minutes") })}`,
      `${t("class.form.events")}: ${t(`class.form.events.${s.events}`)}`,
      ...(s.privateVariant ? [t("class.summary.variant")] : []),
      s.bots ? `${t("class.summary.bots")}: ${t(`class.bot.${s.botStrategy}` as Parameters<typeof t>[0])}` : t("class.form.botsOff"),
    ];
    return parts.join(" · ");
  }

  /** The key, once: big enough to copy by hand, in a field to copy with the mouse, with a button to hide it. */
  private drawKey(x: number, y: number, w: number): void {
    const { u, t } = this.kit;
    this.kit.panel(x, y, w, 66 * u, 0x3a2f00).setStrokeStyle(2, colors.focus);
    const fieldW = 350 * u;
    const textW = w - fieldW - 140 * u;
    this.kit.text(x + 10 * u, y + 6 * u, t("class.key.title"), this.kit.style(13, { bold: true, color: colors.focusCss, wordWrap: { width: textW } }));
    this.kit.text(x + 10 * u, y + 26 * u, t("class.key.hint"), this.kit.style(11, { color: colors.text, wordWrap: { width: textW } }));
    const field = this.kit.field({ id: "class-key-shown", x: x + w - fieldW - 120 * u, y: y + 16 * u, width: fieldW, height: 34 * u, placeholder: "", label: t("class.key.title"), value: this.link.key, maxLength: 200 });
    field.element.readOnly = true;
    field.element.style.fontFamily = "monospace";
    field.element.style.fontSize = `${textPx(u, 15)}px`;
    field.element.addEventListener("focus", () => field.element.select());
    this.kit.button({ id: "key-copy", x: x + w - 110 * u, y: y + 7 * u, width: 100 * u, height: 24 * u, label: t("class.key.copy"), fontSize: 12, onPress: () => void this.copyKey() });
    this.kit.button({ id: "key-done", x: x + w - 110 * u, y: y + 35 * u, width: 100 * u, height: 24 * u, label: t("class.key.done"), fontSize: 12, onPress: () => ((classState.keyVisible = false), this.kit.redraw()) });
  }

  private async copyKey(): Promise<void> {
    try {
      await navigator.clipboard.writeText(this.link.key);
      this.kit.banner.show(this.kit.t("class.key.copied"), "info");
    } catch {
      this.kit.banner.show(this.kit.t("class.key.noClipboard"), "error");
    }
  }

  private drawActions(y: number, height: number): void {
    const { u, W, t } = this.kit;
    const d = this.link.dashboard;
    const link = this.link;
    const status = d?.status;
    const actions: { id: string; label: string; kind?: "primary" | "danger"; shortcut?: string; enabled: boolean; onPress: () => void }[] = [
      { id: "start", label: t("class.start"), kind: "primary", shortcut: "s", enabled: status === "seating" && (d?.roster.length ?? 0) > 0, onPress: () => link.send("start") },
      d?.paused
        ? { id: "resume", label: t("class.resume"), shortcut: "p", enabled: status === "running", onPress: () => link.send("resume") }
        : { id: "pause", label: t("class.pause"), shortcut: "p", enabled: status === "running", onPress: () => link.send("pause") },
      // Tables in their briefing: start every clock now rather than wait for the last student or the briefing time.
      { id: "start-clocks", label: t("class.startClocks"), enabled: status === "running" && (d?.tables.some((r) => r.phase === "briefing") ?? false), onPress: () => link.send("startClock", { table: "all" }) },
      { id: "end", label: t("class.end"), kind: "danger", enabled: status !== "ended" && status !== undefined, onPress: () => this.confirmEnd() },
      { id: "debrief", label: t("class.debrief"), shortcut: "d", enabled: (d?.tables.length ?? 0) > 0, onPress: this.onDebrief },
      { id: "csv", label: t("class.download.csv"), enabled: (d?.tables.length ?? 0) > 0, onPress: () => void this.download("debrief.csv") },
      { id: "logs", label: t("class.download.logs"), enabled: (d?.tables.length ?? 0) > 0, onPress: () => void this.download("logs.zip") },
    ];
    const gap = 8 * u;
    const bw = Math.min(200 * u, (W - 20 * u - gap * (actions.length - 1)) / actions.length);
    actions.forEach((a, i) =>
      this.kit.button({ id: `class-${a.id}`, x: 10 * u + i * (bw + gap), y, width: bw, height, label: a.label, fontSize: 14, ...(a.kind ? { kind: a.kind } : {}), ...(a.shortcut ? { shortcut: a.shortcut } : {}), onPress: a.onPress }).setEnabled(a.enabled),
    );
  }

  private confirmLeave(): void {
    const { u, t } = this.kit;
    openConfirm(this.kit.scene, this.focus, u, { title: t("class.leaveConfirm.title"), body: t("class.leaveConfirm.body", { code: this.link.code }), yes: t("class.leaveConfirm.yes"), no: t("class.leaveConfirm.no"), onYes: this.onLeave });
  }

  private confirmEnd(): void {
    const { u, t } = this.kit;
    openConfirm(this.kit.scene, this.focus, u, { title: t("class.endConfirm.title"), body: t("class.endConfirm.body"), yes: t("class.endConfirm.yes"), no: t("class.endConfirm.no"), onYes: () => this.link.send("end") });
  }

  /** Fetched with the key (the endpoints want it in a header, which a plain link cannot send), saved through a Blob link. */
  private async download(file: ClassFile): Promise<void> {
    try {
      const { blob, filename } = await fetchClassFile(this.endpoint, this.link.code, this.link.key, file);
      saveBlob(blob, filename);
      this.kit.banner.show(this.kit.t("class.download.done", { file: filename }), "info");
    } catch (error) {
      this.kit.showError(error);
    }
  }

  /** Before the start: every table's seats as buttons (pick a student, then a free seat). */
  private drawSeating(d: ClassSummary): void {
    const { u, t } = this.kit;
    const cards = seatingCards(d);
    const g = this.grid;
    const legend = this.kit.scenario()?.sides.map((s) => `${sideStyle(s.id).symbol} ${this.kit.sideName(s.id)}`).join("    ") ?? "";
    this.kit.text(g.x + 4 * u, g.y, `${legend}    ·    ${t("class.status", { status: t(`class.status.${d.status}`), students: d.roster.length, tables: cards.length })}`, this.kit.style(13, { color: colors.muted }));
    if (cards.length === 0) {
      // Big enough to project: the code, and a link that fills it in for the students.
      const cx = g.x + g.w / 2;
      this.kit.text(cx, g.y + 50 * u, t("class.nobody"), this.kit.style(16, { color: colors.muted })).setOrigin(0.5, 0);
      this.kit.text(cx, g.y + 90 * u, this.link.code, this.kit.style(64, { bold: true, color: colors.focusCss })).setOrigin(0.5, 0);
      const link = `${window.location.origin}${window.location.pathname}#class=${this.link.code}`;
      this.kit.text(cx, g.y + 190 * u, t("class.shareCode", { link }), this.kit.style(16, { align: "center", wordWrap: { width: g.w - 40 * u }, lineSpacing: 6 * u })).setOrigin(0.5, 0);
      return;
    }
    const cols = Math.max(1, Math.floor(g.w / (250 * u)));
    const cw = (g.w - (cols - 1) * 10 * u) / cols;
    const ch = seatingCardHeight(cards[0]!.seats.length, u);
    const top = g.y + 26 * u;
    const rows = Math.max(1, Math.floor((g.h - 26 * u - 40 * u + 10 * u) / (ch + 10 * u)));
    const perPage = rows * cols;
    const pages = Math.ceil(cards.length / perPage);
    classState.page = Math.min(classState.page, pages - 1);
    const shown = cards.slice(classState.page * perPage, (classState.page + 1) * perPage);
    shown.forEach((card, i) => {
      const x = g.x + (i % cols) * (cw + 10 * u);
      const y = top + Math.floor(i / cols) * (ch + 10 * u);
      drawSeatingCard(this.kit, x, y, cw, card, classState.picked, (seat) => this.onSeat(d, seat));
    });
    if (pages > 1) this.pager(pages, top + rows * (ch + 10 * u));
  }

  private pager(pages: number, y: number): void {
    const { u, t } = this.kit;
    const g = this.grid;
    const go = (delta: number) => () => ((classState.page = Math.min(pages - 1, Math.max(0, classState.page + delta))), this.kit.redraw());
    this.kit.button({ id: "page-prev", x: g.x, y, width: 44 * u, height: 30 * u, label: "◀", fontSize: 14, onPress: go(-1) }).setEnabled(classState.page > 0);
    this.kit.text(g.x + 56 * u, y + 6 * u, t("class.page", { page: classState.page + 1, pages }), this.kit.style(13, { color: colors.muted }));
    this.kit.button({ id: "page-next", x: g.x + 170 * u, y, width: 44 * u, height: 30 * u, label: "▶", fontSize: 14, onPress: go(1) }).setEnabled(classState.page < pages - 1);
  }

  private onSeat(d: ClassSummary, seat: SeatCell): void {
    if (seat.studentId) {
      classState.picked = classState.picked === seat.studentId ? null : seat.studentId;
      return this.kit.redraw();
    }
    if (!classState.picked) return this.kit.banner.show(this.kit.t("class.move.pickFirst"), "error");
    const message = moveMessage(d, classState.picked, seat);
    if (!message) return;
    this.link.send("move", message);
    classState.picked = null;
  }

  /** The status line and the table cards: redrawn on every dashboard. */
  redrawLive(): void {
    for (const o of this.live.splice(0)) o.destroy();
    const d = this.link.dashboard;
    if (!d || d.status === "seating") return;
    const { u, t, scene } = this.kit;
    const g = this.grid;
    const unseated = d.roster.filter((s) => !s.table).length;
    const status = t("class.status", { status: t(`class.status.${d.status}`), students: d.roster.length, tables: d.tables.length }) + (d.paused ? ` · ${t("class.paused")}` : "") + (unseated ? ` · ${t("class.unseated", { n: unseated })}` : "");
    this.live.push(this.kit.text(g.x + 4 * u, g.y, status, this.kit.style(14, { color: d.paused ? colors.warnCss : colors.text })));
    const { cols, cw, ch, perPage } = this.tableLayout(d);
    const tables = d.tables.slice(classState.page * perPage, (classState.page + 1) * perPage);
    const top = g.y + 26 * u;
    const labels: CardLabels = {
      phase: (p: string) => t(`class.phase.${p}` as Parameters<typeof t>[0]),
      round: t("class.round"), turn: t("class.turn"), standing: t("class.standing"), none: t("class.noOffer"),
      secondsLeft: t("class.secondsLeft"), readyCount: t("class.readyCount"), briefingLeft: t("class.briefingLeft"), paused: t("class.paused"), bot: t("class.bot"), away: t("class.away"), events: t("class.eventsFired"),
      outcome: (kind: string) => t(`class.outcome.${kind}` as Parameters<typeof t>[0]),
      sideName: this.kit.sideName,
    };
    tables.forEach((row, i) => {
      const y = top + Math.floor(i / cols) * (ch + 10 * u);
      this.live.push(...drawTableCard(scene, g.x + (i % cols) * (cw + 10 * u), y, cw, ch, u, row, labels));
    });
  }

  /** Cards as large as fit (150–190 units high), then pages of them. */
  private tableLayout(d: ClassSummary): { cols: number; cw: number; ch: number; rows: number; perPage: number; pages: number } {
    const { u } = this.kit;
    const g = this.grid;
    // At least 230 px wide: a card's 12-px lines ("Offer on the table: no offer yet") fit on small screens.
    const cols = Math.max(1, Math.floor(g.w / Math.max(250 * u, 230)));
    const cw = (g.w - (cols - 1) * 10 * u) / cols;
    const avail = g.h - 26 * u;
    const rowsNeeded = Math.max(1, Math.ceil(d.tables.length / cols));
    // At least 130 px: on a small screen the cards' 12-px type needs more than 150 units.
    const floor = Math.max(150 * u, 130);
    const ch = Math.max(floor, Math.min(Math.max(190 * u, floor), avail / rowsNeeded - 10 * u));
    let rows = Math.max(1, Math.floor((avail + 10 * u) / (ch + 10 * u)));
    if (rows * cols < d.tables.length) rows = Math.max(1, Math.floor((avail - 30 * u) / (ch + 10 * u)));
    const perPage = rows * cols;
    return { cols, cw, ch, rows, perPage, pages: Math.max(1, Math.ceil(d.tables.length / perPage)) };
  }
}
