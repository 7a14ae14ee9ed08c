import { replayLog } from "../../../shared/index.js";
import type { ClientMatchView, LobbyError } from "../net/match-connection.js";
import { bottomOf } from "./widgets/draw.js";
import { colors, sideStyle } from "../ui/theme.js";
import { formatPoints, sideName } from "../view-models/names.js";
import { resultModel, type ResultModel } from "../view-models/result-model.js";
import { BaseScene, sceneKeys } from "./base-scene.js";
import { enterMatch } from "./boot.js";
import { startBranch } from "./replay/replay-branch.js";
import { replayKeys } from "./replay/replay-pick-scene.js";
import { openLog } from "./replay/replay-session.js";
import { serverLog } from "./replay/replay-sources.js";
import { drawChartTab, drawReflectTab, drawTermsTab, type ResultKit, type ResultTab } from "./result-tabs.js";

/**
 * The result: the outcome and both sides' points (after the delay cost, like everything on this
 * screen), then three tabs — the chart with every mark explained and the value left on the table;
 * the terms issue by issue with both revealed sheets (and, against the adaptive bot, its guess of
 * your priorities beside the truth); three reflection questions kept with the match. Below: the
 * replay, "try again from round N" against the same bot, and the way back to the title.
 */

/** Kept across restarts of the scene (language switch, resize, the sheets arriving). */
const screen = { match: "", tab: "chart" as ResultTab, round: 0, answers: ["", "", ""] };

export class ResultScene extends BaseScene {
  private drawnSheets = -1;
  private refreshReflect: ((view: ClientMatchView) => void) | null = null;

  constructor() {
    super(sceneKeys.result);
  }

  protected build(): void {
    this.drawnSheets = -1;
    this.refreshReflect = null;
    const view = this.app.connection?.view;
    if (view) this.draw(view);
  }

  protected override onView(view: ClientMatchView): void {
    // The sheets are revealed in the same step as the end or the next one; redraw once they are all here.
    if (Object.keys(view.sheets).length !== this.drawnSheets) this.scene.restart();
    else this.refreshReflect?.(view);
  }

  private draw(view: ClientMatchView): void {
    const { W, H, u } = this;
    const code = this.app.connection?.code ?? "";
    if (screen.match !== code) Object.assign(screen, { match: code, tab: "chart", round: 0, answers: ["", "", ""] });
    this.drawnSheets = Object.keys(view.sheets).length;
    this.languageToggle();
    const model = resultModel(view);
    if (screen.round === 0) screen.round = Math.max(1, model.lastRound - 1);
    const m = 20 * u;
    const top = this.drawHeader(view, model, m);

    // Tabs, 1–3.
    const tabs: [ResultTab, string][] = [["chart", this.t("result.tab.chart")], ["terms", this.t("result.tab.terms")], ["reflect", this.t("result.tab.reflect")]];
    const tabW = Math.min(300 * u, (W - 2 * m - 20 * u) / 3);
    tabs.forEach(([id, label], i) => {
      this.button({ id: `tab-${id}`, x: m + i * (tabW + 10 * u), y: top, width: tabW, height: 42 * u, label, kind: "toggle", shortcut: String(i + 1), fontSize: 16, selected: () => screen.tab === id, onPress: () => this.showTab(id) });
    });
    const bodyTop = top + 54 * u;
    const bottomH = 48 * u;
    const bottomY = H - bottomH - 14 * u;
    const box = { x: m, y: bodyTop, w: W - 2 * m, h: bottomY - bodyTop - 12 * u };
    const kit = this.kit(view, model);
    if (screen.tab === "chart") drawChartTab(kit, box);
    else if (screen.tab === "terms") drawTermsTab(kit, box);
    else this.refreshReflect = drawReflectTab(kit, box, screen.answers, () => this.saveAnswers());

    this.drawBottom(model, m, bottomY, bottomH);
  }

  /** Title, outcome and each side's points after delay cost; returns where the tabs go. */
  private drawHeader(view: ClientMatchView, model: ResultModel, m: number): number {
    const { W, u } = this;
    const name = (side: string) => sideName(view.scenario, side, this.c);
    const outcome = view.outcome;
    const scoresX = W - 2 * 250 * u - 176 * u;
    let bottom = bottomOf(this.text(m, m - 4 * u, this.t("result.title"), this.style(28, { heading: true, bold: true })));
    if (outcome) {
      const sentence = this.t(`result.${outcome.kind}` as "result.agreement", { round: outcome.round, side: outcome.side ? name(outcome.side) : "" });
      const line = this.text(m, bottom + 4 * u, `${outcome.kind === "agreement" ? "✓" : "⚠"} ${sentence}`, this.style(17, { color: outcome.kind === "agreement" ? colors.goodCss : colors.warnCss, bold: true, wordWrap: { width: scoresX - m - 16 * u } }));
      bottom = bottomOf(line);
      const broken = (outcome.brokenRedLines ?? []).map((b) => `⚠ ${this.t("result.brokenRedLine", { side: name(b.side), reason: this.c(`redLine.${b.id}`, b.reason) })}`);
      if (broken.length) bottom = bottomOf(this.text(m, bottom + 4 * u, broken.join("\n"), this.style(13, { color: colors.warnCss, wordWrap: { width: scoresX - m - 16 * u } })));
    }
    const seat = this.app.connection?.seat;
    view.scenario.sides.forEach((side, i) => {
      const style = sideStyle(side.id);
      const you = seat?.side === side.id ? ` (${this.t("table.you")})` : "";
      const x = scoresX + i * 250 * u;
      const flagW = side.id === "us" ? 48 * u : 38 * u;
      this.add.image(x, m, `flag-${side.id}`).setOrigin(0).setDisplaySize(flagW, 25 * u);
      const label = this.text(x + 56 * u, m - 4 * u, `${style.symbol} ${name(side.id)}${you}`, this.style(15, { color: style.css, bold: true, wordWrap: { width: 190 * u } }));
      const points = this.text(x + 56 * u, bottomOf(label), this.t("table.pts", { points: formatPoints(model.outcomePoints[side.id] ?? 0) }), this.style(26, { bold: true }));
      const delay = model.totals[side.id]?.delay ?? 0;
      const note = this.text(x + 56 * u, bottomOf(points), this.t("result.afterDelay", { delay: formatPoints(-delay) }), this.style(12, { color: colors.muted }));
      bottom = Math.max(bottom, bottomOf(note));
    });
    return bottom + 10 * u;
  }

  private drawBottom(model: ResultModel, m: number, y: number, h: number): void {
    const { W, u } = this;
    const replay = this.button({ id: "replay", x: m, y, width: 170 * u, height: h, label: this.t("result.replay"), shortcut: "r", fontSize: 16, onPress: () => void this.openReplay() });
    // Against a bot, a seated player may replay the match from a round of their choice (P/N choose it).
    if (model.hasBot && this.app.connection?.seat) {
      const x = replay.bounds().x + replay.bounds().width + 16 * u;
      const small = 150 * u;
      this.button({ id: "round-earlier", x, y, width: small, height: h, label: this.t("result.roundEarlier"), shortcut: "p", fontSize: 14, onPress: () => this.moveRound(-1, model.lastRound) }).setEnabled(screen.round > 1);
      this.button({ id: "try-again", x: x + small + 8 * u, y, width: 300 * u, height: h, label: this.t("result.tryFrom", { round: screen.round }), kind: "primary", shortcut: "t", fontSize: 16, onPress: () => void this.tryAgain() });
      this.button({ id: "round-later", x: x + small + 316 * u, y, width: small, height: h, label: this.t("result.roundLater"), shortcut: "n", fontSize: 14, onPress: () => this.moveRound(1, model.lastRound) }).setEnabled(screen.round < model.lastRound);
    }
    const back = this.button({ id: "again", x: W - m - 240 * u, y, width: 240 * u, height: h, label: this.t("result.again"), shortcut: "b", fontSize: 16, onPress: () => void this.backToTitle() });
    if (screen.tab !== "reflect") this.focus!.focus(back.id);
  }

  private kit(view: ClientMatchView, model: ResultModel): ResultKit {
    return {
      scene: this,
      focus: this.focus!,
      u: this.u,
      t: this.t,
      c: this.c,
      view,
      model,
      seat: this.app.connection?.seat ?? null,
      text: (x, y, content, size, options) => this.text(x, y, content, this.style(size, options)),
      panel: (x, y, w, h) => this.panel(x, y, w, h),
      field: (options) => this.field(options),
      button: (options) => this.button(options),
    };
  }

  private showTab(tab: ResultTab): void {
    if (screen.tab === tab) return;
    screen.tab = tab;
    this.scene.restart();
  }

  private moveRound(step: number, last: number): void {
    screen.round = Math.max(1, Math.min(last, screen.round + step));
    this.scene.restart();
  }

  private saveAnswers(): void {
    this.app.connection?.reflect(screen.answers.map((a) => a.trim()));
  }

  private async openReplay(): Promise<void> {
    const code = this.app.connection?.code;
    if (!code) return;
    this.banner.show(this.t("title.connecting"), "status", true);
    try {
      const opened = await openLog(await serverLog(code), "server", code);
      if ("code" in opened) throw new Error(opened.message);
      await this.app.connection?.leave();
      this.app.setConnection(null);
      this.scene.start(replayKeys.view);
    } catch (e) {
      this.banner.clearSticky();
      this.banner.show(this.t("error.generic", { message: (e as Error).message }), "error");
    }
  }

  /** A branch of this match from the start of round N, the same bot holding the other side (server/room/branch-setup.ts). */
  private async tryAgain(): Promise<void> {
    const old = this.app.connection;
    if (!old) return;
    this.banner.show(this.t("title.connecting"), "status", true);
    try {
      const replay = replayLog(await serverLog(old.code));
      if (!replay.ok) throw new Error(replay.error.message);
      const states = replay.value.states;
      let step = states.findIndex((s) => s.phase === "negotiating" && s.round >= screen.round);
      if (step < 0) step = states.length - 1;
      const next = await startBranch(this.app, old.code, step, false);
      await old.leave();
      this.scene.start(await enterMatch(next));
    } catch (e) {
      this.banner.clearSticky();
      const error = e as LobbyError;
      this.showServerError(error.code ?? "ERROR", error.message);
    }
  }

  private async backToTitle(): Promise<void> {
    await this.app.connection?.leave();
    this.app.setConnection(null);
    this.scene.start(sceneKeys.title);
  }
}
