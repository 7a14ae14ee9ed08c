import type { MessageKey } from "../../i18n/index.js";
import { serverEndpoint } from "../../net/colyseus-connection.js";
import { fetchScenarios, InstructorLink, openClass, StudentLink, uploadClassScenario, type Assignment, type LinkStatus } from "../../net/class-connection.js";
import type { MatchConnection } from "../../net/match-connection.js";
import { pickTextFile } from "../../ui/file-picker.js";
import { openNotice } from "../../ui/notice.js";
import type { TextField } from "../../ui/text-field.js";
import { colors } from "../../ui/theme.js";
import { classSettingsBody, defaultClassForm } from "../../view-models/class-form.js";
import { parseServerError, resumeTarget, structureKey } from "../../view-models/class-dashboard-model.js";
import { roleName, sideName } from "../../view-models/names.js";
import { MAX_SCENARIO_BYTES, problemLines, readScenarioFile } from "../../view-models/scenario-upload.js";
import type { Problem } from "../../../../shared/util/problems.js";
import { BaseScene, sceneKeys } from "../base-scene.js";
import { enterMatch } from "../boot.js";
import type { ClassKit } from "./class-kit.js";
import { drawClassForm } from "./class-form-view.js";
import { forgetClass, leaveClassMode, rememberClass, savedClassScreen, savedToken, sessionStore, stayInClassMode } from "./class-session.js";
import { classKeys, classState } from "./class-state.js";
import { ClassDashboard } from "./dashboard-view.js";
import { drawWaiting } from "./waiting-view.js";

/** What to focus after a redraw (the widget that had the keyboard), and a message to show, across the scene restart. */
let refocus: string | null = null;
let pendingNote: { text: string; kind: "info" | "error" } | null = null;


/**
 * Class mode: an instructor opens a class (every setting on one form) and runs its dashboard
 * (client/src/scenes/class/dashboard-view.ts); a student joins with the class code, waits with
 * their table, side and role, and is taken to their table when the class starts. A reloaded page
 * comes back by itself: the class code is in the address (`#class=CODE`) and this tab's
 * sessionStorage holds the student's rejoin token (or the instructor's key).
 */
export class ClassScene extends BaseScene {
  private codeField: TextField | null = null;
  private keyField: TextField | null = null;
  private nameField: TextField | null = null;
  private redrawTimer = 0;
  private drawnShape = "";
  private dashboard: ClassDashboard | null = null;

  constructor() {
    super(classKeys.lobby);
  }

  private endpoint(): string {
    return serverEndpoint(window.location, import.meta.env.DEV);
  }

  protected build(): void {
    const { u, W } = this;
    this.languageToggle();
    this.button({ id: "back", x: 16 * u, y: 16 * u, width: 150 * u, height: 40 * u, label: this.t("class.back"), fontSize: 15, onPress: () => (leaveClassMode(), this.scene.start(sceneKeys.title)) });
    // The form draws its own title.
    if (!(classState.view === "form" && !classState.link && !classState.student)) this.text(W / 2, 24 * u, this.t("class.title"), this.style(24, { bold: true })).setOrigin(0.5, 0);
    this.events.once("shutdown", () => (window.clearTimeout(this.redrawTimer), (this.redrawTimer = 0)));
    if (classState.scenarios.length === 0) void this.loadScenarios();
    if (classState.link) this.buildDashboard(classState.link);
    else if (classState.student) this.buildWaiting(classState.assignment);
    else if (classState.view === "form") this.buildForm();
    else this.buildLanding();
    if (refocus) {
      const id = refocus;
      refocus = null;
      this.focus?.focus(id);
    }
    if (pendingNote) {
      this.banner.show(pendingNote.text, pendingNote.kind);
      pendingNote = null;
    }
  }

  protected override bannerTop(): number {
    return 14 * this.u;
  }

  private async loadScenarios(): Promise<void> {
    try {
      classState.scenarios = await fetchScenarios(this.endpoint());
      if (this.scene.isActive() && classState.scenarios.length > 0) this.redraw();
    } catch (error) {
      this.showError(error);
    }
  }

  /** Draws again, keeping the keyboard where it was (form values live in classState). */
  private redraw(): void {
    const active = document.activeElement;
    refocus = active instanceof HTMLInputElement && active.id.startsWith("field-") ? active.id.slice("field-".length) : (this.focus?.focusedId() ?? null);
    if (this.scene.isActive()) this.scene.restart();
  }

  private kit(): ClassKit {
    // A class's own scenario (uploaded) is in its dashboard only, not in the public list.
    const scenario = () => classState.link?.dashboard?.scenario ?? classState.scenarios.find((s) => s.id === (classState.link?.dashboard?.settings.scenario ?? classState.form?.scenario ?? "tariff-talks-2025")) ?? classState.scenarios[0];
    return {
      scene: this, u: this.u, W: this.W, H: this.H, t: this.t, c: this.c,
      button: (spec) => this.button(spec),
      field: (options) => this.field(options),
      text: (x, y, content, style) => this.text(x, y, content, style),
      style: (size, options) => this.style(size, options),
      panel: (x, y, w, h, fill) => this.panel(x, y, w, h, fill),
      banner: this.banner,
      showError: (error) => this.showError(error),
      redraw: () => this.redraw(),
      scenario,
      sideName: (side) => { const s = scenario(); return s ? sideName(s, side, this.c) : side; },
      roleName: (side, role) => { const s = scenario(); return s ? roleName(s, side, role, this.c) : role; },
    };
  }

  /** A refusal in words: our sentence for its code when the catalogue has one, the server's otherwise. */
  private showError(error: unknown): void {
    const { code, message } = parseServerError(error);
    const own = (key: string) => {
      const text = this.app.i18n.t(key as MessageKey);
      return text !== key ? text : null;
    };
    this.banner.show(own(`class.error.${code}`) ?? own(`error.${code}`) ?? this.t("error.generic", { message: message || code }), "error");
  }

  // ---- Landing: open a class, or join one ----

  private buildLanding(): void {
    const { u, W } = this;
    const resume = resumeTarget(window.location.hash, sessionStore());
    if (!classState.resumeTried && resume && (resume.token || resume.key)) {
      classState.resumeTried = true;
      this.text(W / 2, 200 * u, this.t("class.resuming", { code: resume.code }), this.style(20)).setOrigin(0.5, 0);
      void this.resume(resume.code, resume.token, resume.key);
      return;
    }
    stayInClassMode();
    const cardW = Math.min(520 * u, (W - 60 * u) / 2);
    const x1 = W / 2 - cardW - 10 * u;
    const x2 = W / 2 + 10 * u;
    const y = 90 * u;
    const h = 420 * u;
    this.panel(x1, y, cardW, h);
    this.panel(x2, y, cardW, h);
    this.text(x1 + 20 * u, y + 16 * u, this.t("class.open"), this.style(20, { bold: true }));
    const hint = this.text(x1 + 20 * u, y + 60 * u, this.t("class.openHint"), this.style(15, { color: colors.muted, wordWrap: { width: cardW - 40 * u }, lineSpacing: 4 * u }));
    this.text(x1 + 20 * u, hint.y + hint.height + 18 * u, this.t("class.openFeatures"), this.style(15, { wordWrap: { width: cardW - 40 * u }, lineSpacing: 8 * u }));
    this.button({ id: "class-setup", x: x1 + 20 * u, y: y + h - 74 * u, width: cardW - 40 * u, height: 54 * u, label: this.t("class.setupButton"), kind: "primary", fontSize: 19, shortcut: "o", onPress: () => ((classState.view = "form"), this.redraw()) });

    this.text(x2 + 20 * u, y + 16 * u, this.t("class.join"), this.style(20, { bold: true }));
    const fw = cardW - 40 * u;
    this.text(x2 + 20 * u, y + 58 * u, this.t("class.code"), this.style(14, { bold: true }));
    this.codeField = this.field({ id: "class-code", x: x2 + 20 * u, y: y + 80 * u, width: fw, height: 44 * u, placeholder: "ABCD2345", label: this.t("class.code"), value: classState.typedCode || (resume?.code ?? ""), maxLength: 8, onInput: (v) => (classState.typedCode = v), onEnter: () => void this.join() });
    this.text(x2 + 20 * u, y + 136 * u, this.t("title.name"), this.style(14, { bold: true }));
    this.nameField = this.field({ id: "class-name", x: x2 + 20 * u, y: y + 158 * u, width: fw, height: 40 * u, placeholder: this.t("title.namePlaceholder"), label: this.t("title.name"), value: this.app.name, maxLength: 40, onInput: (v) => this.app.setName(v), onEnter: () => void this.join() });
    // An instructor comes back to their class with its key instead of a name.
    this.text(x2 + 20 * u, y + 218 * u, this.t("class.keyField"), this.style(14, { bold: true, color: colors.muted }));
    this.keyField = this.field({ id: "class-key", x: x2 + 20 * u, y: y + 240 * u, width: fw, height: 40 * u, placeholder: this.t("class.keyPlaceholder"), label: this.t("class.keyField"), maxLength: 64, onEnter: () => void this.join() });
    this.text(x2 + 20 * u, y + 290 * u, this.t("class.joinHint"), this.style(13, { color: colors.muted, wordWrap: { width: fw } }));
    this.button({ id: "join-class", x: x2 + 20 * u, y: y + h - 74 * u, width: fw, height: 54 * u, label: this.t("class.joinButton"), kind: "primary", fontSize: 19, onPress: () => void this.join() });
  }

  private buildForm(): void {
    drawClassForm(this.kit(), () => void this.open(), () => ((classState.view = "landing"), this.redraw()), () => void this.pickScenario());
  }

  /** The instructor's own scenario file: checked here at once; a bad one is listed problem by problem and changes nothing. */
  private async pickScenario(): Promise<void> {
    const picked = await pickTextFile(".json,application/json", MAX_SCENARIO_BYTES);
    if (!picked || !this.scene.isActive()) return;
    const reading = readScenarioFile(picked.name, picked.text, classState.scenarios.map((s) => s.id));
    if (!reading.ok) return this.showProblems(this.t("class.form.uploadBad", { file: reading.fileName }), this.t("class.form.uploadBadBody", { n: reading.problems.length }), reading.problems);
    const form = (classState.form ??= defaultClassForm(classState.scenarios[0]?.id));
    form.upload = reading.upload;
    form.rounds = "";
    pendingNote = { text: this.t("class.form.uploadReady", { title: reading.upload.scenario.title }), kind: "info" };
    this.redraw();
  }

  private showProblems(title: string, body: string, problems: readonly Problem[]): void {
    const { lines, more } = problemLines(problems);
    if (more > 0) lines.push(this.t("class.form.uploadMore", { n: more }));
    const back = this.focus?.focusedId() ?? null;
    openNotice(this, this.focus!, this.u, { title, body, lines, ok: this.t("class.form.noticeOk"), onClose: () => back && this.focus?.focus(back) });
  }

  private async open(): Promise<void> {
    const form = (classState.form ??= defaultClassForm());
    const body = classSettingsBody(form);
    if (!body.ok) {
      this.banner.show(this.t("class.form.badRounds"), "error");
      this.focus?.focus("form-rounds");
      return;
    }
    try {
      const { code, key } = await openClass(this.endpoint(), body.body);
      if (form.upload) {
        // The server checks the file again; if it refuses, this class is left unused and the form stays as it was.
        const uploaded = await uploadClassScenario(this.endpoint(), code, key, form.upload.source);
        if (!uploaded.ok) return this.showProblems(this.t("class.form.uploadRefused", { file: form.upload.fileName }), this.t("class.form.uploadRefusedBody", { n: uploaded.problems.length }), uploaded.problems);
      }
      classState.link = await InstructorLink.open(this.endpoint(), code, key);
      classState.keyVisible = true;
      classState.view = "landing";
      rememberClass(code, { key });
      this.redraw();
    } catch (error) {
      this.showError(error);
    }
  }

  private async join(): Promise<void> {
    const code = this.codeField?.value.trim().toUpperCase() ?? "";
    if (!/^[A-Z0-9]{8}$/.test(code)) {
      this.banner.show(this.t("class.badCode"), "error");
      this.focus?.focus("class-code");
      return;
    }
    const key = this.keyField?.value.trim() ?? "";
    try {
      if (key !== "") {
        classState.link = await InstructorLink.open(this.endpoint(), code, key);
        classState.keyVisible = false;
        rememberClass(code, { key });
      } else {
        const name = this.nameField?.value.trim() || this.app.playerName();
        // A token this tab already holds for the class keeps the same seat.
        const token = savedToken(code);
        await this.joinAsStudent(code, token ? { name, token } : { name });
      }
      this.redraw();
    } catch (error) {
      this.showError(error);
    }
  }

  private async joinAsStudent(code: string, who: { name?: string; token?: string }): Promise<void> {
    classState.student = await StudentLink.join(this.endpoint(), code, who, {
      onWelcome: (_id, token) => rememberClass(code, { token }),
      onAssignment: (a) => this.onAssignment(a),
      onError: (e) => this.showError(new Error(`${e.code}: ${e.message}`)),
      onStatus: (status) => this.showLinkStatus(status),
    });
    classState.studentCode = code;
    rememberClass(code, {});
  }

  /** After a reload: the token (student) or the key (instructor) this tab kept. */
  private async resume(code: string, token: string | null, key: string | null): Promise<void> {
    try {
      if (key) {
        classState.link = await InstructorLink.open(this.endpoint(), code, key);
        classState.keyVisible = false;
        // Back to the screen the instructor was on: the debrief comes back as the debrief.
        if (savedClassScreen() === "debrief") {
          this.scene.start(classKeys.debrief);
          return;
        }
      } else if (token) await this.joinAsStudent(code, { token });
    } catch (error) {
      // The saved seat no longer opens the class: start over from the landing, the code kept.
      forgetClass(code);
      classState.typedCode = code;
      const { code: why } = parseServerError(error);
      pendingNote = { text: this.app.i18n.t(`class.error.${why}` as MessageKey) !== `class.error.${why}` ? this.app.i18n.t(`class.error.${why}` as MessageKey) : this.t("class.error.resumeFailed"), kind: "error" };
      this.redraw();
      return;
    }
    this.redraw();
  }

  private onAssignment(a: Assignment): void {
    classState.assignment = a;
    if (a.matchCode && a.seatToken) void this.sitDown(() => this.app.lobby.joinSeat(a.matchCode!, a.seatToken!));
    // A latecomer with no seat left watches a table (server: `spectator` with a watch token).
    else if (a.matchCode && a.spectator && a.watchToken) void this.sitDown(() => this.app.lobby.watchTable(a.matchCode!, a.watchToken!));
    else if (this.scene.isActive()) this.redraw();
  }

  private async sitDown(open: () => Promise<MatchConnection>): Promise<void> {
    if (this.app.connection) return;
    try {
      this.scene.start(await enterMatch(await open()));
    } catch (error) {
      this.showError(error);
    }
  }

  // ---- Student: waiting for the start ----

  private buildWaiting(a: Assignment | null): void {
    const code = classState.studentCode ?? a?.classCode ?? "";
    drawWaiting(this.kit(), a, code, this.app.playerName(), () => this.leaveAsStudent(code));
  }

  private leaveAsStudent(code: string): void {
    classState.student?.leave();
    classState.student = null;
    classState.assignment = null;
    classState.studentCode = null;
    forgetClass(code);
    this.redraw();
  }

  // ---- Instructor: the dashboard ----

  private buildDashboard(link: InstructorLink): void {
    const dashboard = new ClassDashboard(this.kit(), link, this.focus!, this.endpoint(), () => this.scene.start(classKeys.debrief), () => this.leaveDashboard(link));
    this.dashboard = dashboard;
    this.drawnShape = structureKey(link.dashboard);
    link.onChange = () => {
      if (!this.scene.isActive()) return;
      // Widgets come and go only when the class changes shape; the cards redraw every second.
      if (structureKey(link.dashboard) === this.drawnShape) return this.dashboard?.redrawLive();
      if (this.redrawTimer) return;
      this.redrawTimer = window.setTimeout(() => ((this.redrawTimer = 0), this.redraw()), 250);
    };
    link.onError = (code, message) => this.showError(new Error(`${code}: ${message}`));
    link.onDone = (type, result) => this.onDone(type, result);
    link.onStatus = (status) => this.showLinkStatus(status);
    dashboard.draw();
    if (link.status !== "open") this.showLinkStatus(link.status);
  }

  /** The class connection's state, in the banner: away (every command refused in words meanwhile), back, or lost. */
  private showLinkStatus(status: LinkStatus): void {
    if (!this.scene.isActive()) return;
    if (status === "reconnecting") this.banner.show(this.t("status.reconnecting"), "status", true);
    else if (status === "open") this.banner.show(this.t("status.reconnected"), "info");
    else this.banner.show(this.t("status.lost"), "error", true);
  }

  /** The class goes on without this browser; the code and the key bring it back. */
  private leaveDashboard(link: InstructorLink): void {
    link.onChange = () => undefined;
    link.leave();
    classState.link = null;
    classState.keyVisible = false;
    classState.picked = null;
    forgetClass(link.code);
    this.redraw();
  }

  private onDone(type: string, result: unknown): void {
    const tables = (result as { tables?: string[] } | undefined)?.tables?.join(", ") ?? "";
    const said: Partial<Record<string, string>> = {
      start: this.t("class.done.start"), pause: this.t("class.done.pause"), resume: this.t("class.done.resume"), end: this.t("class.done.end"),
      move: this.t("class.done.move"), inject: this.t("class.done.inject", { tables }), extend: this.t("class.done.extend", { tables }),
    };
    const text = said[type];
    if (text) this.banner.show(text, "info");
    if (type === "inject" && classState.injectSource === "custom") {
      // The event went out: a clean form for the next one.
      classState.draft = null;
      if (text) pendingNote = { text, kind: "info" };
      this.redraw();
    }
  }
}
