import { serverEndpoint } from "../../net/colyseus-connection.js";
import { InstructorLink, joinClass, openClass, type Assignment } from "../../net/class-connection.js";
import { colors } from "../../ui/theme.js";
import type { TextField } from "../../ui/text-field.js";
import { BaseScene, sceneForView, sceneKeys } from "../base-scene.js";
import { firstView } from "../boot.js";
import { classKeys, classState } from "./class-state.js";
import { drawTableCard } from "./table-card.js";

/**
 * Class mode: an instructor opens a class and runs its dashboard (every table at a glance,
 * start, pause, inject, extend, end, debrief); a student joins with the class code and is
 * taken to their table's briefing as soon as the class starts.
 */
export class ClassScene extends BaseScene {
  private perSide = 2;
  private bots = true;
  private codeField: TextField | null = null;
  private keyField: TextField | null = null;
  private redrawTimer = 0;

  constructor() {
    super(classKeys.lobby);
  }

  private endpoint(): string {
    return serverEndpoint(window.location, import.meta.env.DEV);
  }

  protected build(): void {
    const { u, W } = this;
    this.languageToggle();
    this.button({ id: "back", x: 16 * u, y: 16 * u, width: 150 * u, height: 40 * u, label: this.t("class.back"), fontSize: 15, onPress: () => this.scene.start(sceneKeys.title) });
    this.text(W / 2, 30 * u, this.t("class.title"), this.style(26, { bold: true })).setOrigin(0.5, 0);
    if (classState.link) return this.buildDashboard(classState.link);
    if (classState.student) return this.buildWaiting(classState.assignment);
    this.buildLanding();
  }

  private buildLanding(): void {
    const { u, W } = this;
    const cardW = Math.min(520 * u, (W - 60 * u) / 2);
    const x1 = W / 2 - cardW - 10 * u;
    const x2 = W / 2 + 10 * u;
    const y = 100 * u;
    this.panel(x1, y, cardW, 380 * u);
    this.panel(x2, y, cardW, 380 * u);
    this.text(x1 + 20 * u, y + 16 * u, this.t("class.open"), this.style(20, { bold: true }));
    this.text(x1 + 20 * u, y + 56 * u, this.t("class.perSide"), this.style(15));
    [1, 2, 3, 4].forEach((n, i) => this.button({ id: `per-side-${n}`, x: x1 + 20 * u + i * 70 * u, y: y + 84 * u, width: 60 * u, height: 40 * u, label: String(n), kind: "toggle", selected: () => this.perSide === n, onPress: () => ((this.perSide = n), this.scene.restart()) }));
    this.button({ id: "bots", x: x1 + 20 * u, y: y + 144 * u, width: cardW - 40 * u, height: 40 * u, label: this.t("class.bots"), kind: "toggle", selected: () => this.bots, onPress: () => ((this.bots = !this.bots), this.scene.restart()) });
    this.button({ id: "open-class", x: x1 + 20 * u, y: y + 300 * u, width: cardW - 40 * u, height: 54 * u, label: this.t("class.openButton"), kind: "primary", fontSize: 19, onPress: () => void this.open() });
    this.text(x2 + 20 * u, y + 16 * u, this.t("class.join"), this.style(20, { bold: true }));
    this.codeField = this.field({ id: "class-code", x: x2 + 20 * u, y: y + 84 * u, width: cardW - 40 * u, height: 44 * u, placeholder: "ABCD2345", label: this.t("class.code"), maxLength: 8, onEnter: () => void this.join() });
    this.text(x2 + 20 * u, y + 140 * u, this.t("class.joinHint", { name: this.app.playerName() }), this.style(14, { color: colors.muted, wordWrap: { width: cardW - 40 * u } }));
    // An instructor comes back to their class with its key instead of a name.
    this.keyField = this.field({ id: "class-key", x: x2 + 20 * u, y: y + 210 * u, width: cardW - 40 * u, height: 40 * u, placeholder: this.t("class.keyField"), label: this.t("class.keyField"), maxLength: 64, onEnter: () => void this.join() });
    this.button({ id: "join-class", x: x2 + 20 * u, y: y + 300 * u, width: cardW - 40 * u, height: 54 * u, label: this.t("class.joinButton"), kind: "primary", fontSize: 19, onPress: () => void this.join() });
  }

  private async open(): Promise<void> {
    try {
      const { code, key } = await openClass(this.endpoint(), { playersPerSide: this.perSide, roles: true, bots: this.bots, events: "historical", turnSeconds: 0 });
      classState.link = await InstructorLink.open(this.endpoint(), code, key);
      this.scene.restart();
    } catch (error) {
      this.banner.show(this.t("error.generic", { message: (error as Error).message }), "error");
    }
  }

  private async join(): Promise<void> {
    const code = this.codeField?.value.trim().toUpperCase() ?? "";
    if (code.length !== 8) return this.banner.show(this.t("class.badCode"), "error");
    const key = this.keyField?.value.trim() ?? "";
    try {
      if (key !== "") {
        classState.link = await InstructorLink.open(this.endpoint(), code, key);
        this.scene.restart();
        return;
      }
      classState.student = await joinClass(this.endpoint(), code, this.app.playerName(), (a) => this.onAssignment(a));
      this.scene.restart();
    } catch (error) {
      this.banner.show(this.t("error.generic", { message: (error as Error).message }), "error");
    }
  }

  private onAssignment(a: Assignment): void {
    classState.assignment = a;
    if (a.matchCode && a.seatToken) void this.sitDown(a.matchCode, a.seatToken);
    else if (this.scene.isActive()) this.scene.restart();
  }

  private async sitDown(code: string, token: string): Promise<void> {
    if (this.app.connection) return;
    const connection = await this.app.lobby.joinSeat(code, token);
    this.app.setConnection(connection);
    const view = await firstView(connection);
    this.scene.start(view ? sceneForView(view) : sceneKeys.briefing);
  }

  private buildWaiting(a: Assignment | null): void {
    const { u, W } = this;
    const text = a ? this.t("class.seated", { table: a.table, side: a.side, role: a.role }) : this.t("class.joining");
    this.text(W / 2, 160 * u, text, this.style(20, { wordWrap: { width: W - 80 * u } })).setOrigin(0.5, 0);
    this.text(W / 2, 220 * u, this.t("class.waitStart"), this.style(15, { color: colors.muted })).setOrigin(0.5, 0);
  }

  private buildDashboard(link: InstructorLink): void {
    const { u, W, H } = this;
    link.onChange = () => {
      // Redraw at most twice a second: dashboards arrive every second and after each change.
      if (this.redrawTimer) return;
      this.redrawTimer = window.setTimeout(() => ((this.redrawTimer = 0), this.scene.isActive() && this.scene.restart()), 500);
    };
    link.onError = (code, message) => this.showServerError(code, message);
    this.events.once("shutdown", () => (window.clearTimeout(this.redrawTimer), (this.redrawTimer = 0)));
    const d = link.dashboard;
    this.text(20 * u, 70 * u, this.t("class.codeIs", { code: link.code }), this.style(20, { bold: true, color: colors.focusCss }));
    this.text(20 * u, 98 * u, this.t("class.keyIs", { key: link.key }), this.style(13, { color: colors.muted }));
    this.text(20 * u, 118 * u, this.t("class.status", { status: d?.status ?? "…", students: d?.roster.length ?? 0, tables: d?.tables.length ?? 0 }), this.style(15));
    const actions: [string, string, () => void][] = [
      ["start", this.t("class.start"), () => link.send("start")],
      [d?.paused ? "resume" : "pause", d?.paused ? this.t("class.resume") : this.t("class.pause"), () => link.send(d?.paused ? "resume" : "pause")],
      ["inject", this.t("class.inject"), () => link.send("inject", { table: "all", eventId: "steel-50" })],
      ["extend", this.t("class.extend"), () => link.send("extend", { table: "all", rounds: 1 })],
      ["end", this.t("class.end"), () => link.send("end")],
      ["debrief", this.t("class.debrief"), () => this.scene.start(classKeys.debrief)],
    ];
    const bw = Math.min(170 * u, (W - 40 * u) / actions.length - 8 * u);
    actions.forEach(([id, label, onPress], i) => this.button({ id: `class-${id}`, x: 20 * u + i * (bw + 8 * u), y: 148 * u, width: bw, height: 40 * u, label, fontSize: 14, kind: id === "start" ? "primary" : id === "end" ? "danger" : "normal", onPress }));
    const top = 204 * u;
    const tables = d?.tables ?? [];
    const cols = Math.max(1, Math.floor((W - 20 * u) / (250 * u)));
    const cw = (W - 20 * u) / cols - 10 * u;
    const ch = 190 * u;
    const labels = {
      phase: (p: string) => this.t(`class.phase.${p}` as Parameters<typeof this.t>[0]),
      round: this.t("class.round"), turn: this.t("class.turn"), standing: this.t("class.standing"), none: this.t("class.noOffer"),
      secondsLeft: this.t("class.secondsLeft"), paused: this.t("class.paused"), bot: this.t("class.bot"),
      sideName: (s: string) => this.c(`side.${s}`, s === "japan" ? "Japan" : s === "us" ? "US" : s),
    };
    tables.forEach((row, i) => {
      const y = top + Math.floor(i / cols) * (ch + 10 * u);
      if (y + ch > H) return;
      drawTableCard(this, 10 * u + (i % cols) * (cw + 10 * u), y, cw, ch, u, row, labels);
    });
    if (tables.length === 0 && d) {
      const seated = d.roster.map((s) => `${s.name}${s.table ? ` → ${s.table}` : ""}`).join("   ");
      this.text(20 * u, top, seated || this.t("class.nobody"), this.style(14, { wordWrap: { width: W - 40 * u } }));
    }
  }
}
