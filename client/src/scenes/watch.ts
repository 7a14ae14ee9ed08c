import type { ClientMatchView } from "../net/match-connection.js";
import { colors, sideStyle } from "../ui/theme.js";
import { issueName, optionLabel, sideName } from "../view-models/names.js";
import { BaseScene, sceneKeys } from "./base-scene.js";
import { roundLine } from "./replay/replay-panels.js";
import { ChatLog } from "./table/chat-panel.js";

/**
 * A spectator's table (a class latecomer, or anyone who joined with `spectator: true`): the
 * public state only — round, whose move, the offer on the table option by option, the news,
 * who sits where, the table chat. No points: the sheets are revealed to everyone at the end,
 * when the result screen takes over.
 */
export class WatchScene extends BaseScene {
  constructor() {
    super(sceneKeys.watch);
  }

  protected override onView(_view: ClientMatchView): void {
    this.scene.restart();
  }

  protected build(): void {
    const { u, W, H } = this;
    const view = this.app.connection?.view;
    this.languageToggle();
    this.button({ id: "watch-leave", x: 16 * u, y: 16 * u, width: 150 * u, height: 40 * u, label: this.t("watch.leave"), fontSize: 15, onPress: () => void this.leave() });
    this.text(W / 2, 22 * u, this.t("watch.title", { code: this.app.connection?.code ?? "" }), this.style(24, { bold: true })).setOrigin(0.5, 0);
    if (!view) return;
    const words = { t: this.t, c: this.c };
    const m = 24 * u;
    this.text(W / 2, 58 * u, roundLine(view, words), this.style(16, { color: colors.focusCss })).setOrigin(0.5, 0);
    this.text(W / 2, 82 * u, this.t("watch.hint"), this.style(13, { color: colors.muted })).setOrigin(0.5, 0);

    const leftW = W * 0.58 - m * 1.5;
    const top = 116 * u;
    this.panel(m, top, leftW, H - top - m);
    let y = top + 14 * u;
    const standing = view.proposals.find((p) => p.id === view.standingProposalId);
    const heading = standing
      ? this.t("replay.standing", { id: standing.id, side: sideName(view.scenario, standing.side, this.c) })
      : this.t("replay.noStanding");
    this.text(m + 16 * u, y, heading, this.style(17, { bold: true, color: standing ? sideStyle(standing.side).css : colors.muted }));
    y += 30 * u;
    for (const issue of view.scenario.issues) {
      const option = standing?.offer[issue.id];
      const label = `${issue.id}. ${issueName(view.scenario, issue.id, this.c)}`;
      this.text(m + 16 * u, y, label, this.style(13, { color: colors.muted }));
      if (option) this.text(m + leftW * 0.5, y, optionLabel(view.scenario, issue.id, option, this.c), this.style(13, { wordWrap: { width: leftW * 0.5 - 16 * u } }));
      y += 22 * u;
    }
    y += 10 * u;
    this.text(m + 16 * u, y, this.t("watch.proposals", { count: view.proposals.length }), this.style(14));
    y += 26 * u;
    for (const event of view.events.slice(-3)) {
      this.text(m + 16 * u, y, this.t("replay.news", { title: this.c(`event.${event.id}.title`, event.title) }), this.style(13, { color: colors.warnCss, wordWrap: { width: leftW - 32 * u } }));
      y += 22 * u;
    }

    const rightX = m + leftW + m;
    const rightW = W - rightX - m;
    this.panel(rightX, top, rightW, H - top - m);
    let py = top + 14 * u;
    for (const side of view.scenario.sides) {
      const style = sideStyle(side.id);
      const names = view.players.filter((p) => p.side === side.id).map((p) => (p.bot ? `${this.speech().name(p)} (${this.t("watch.bot")})` : p.name));
      this.text(rightX + 16 * u, py, `${style.symbol} ${sideName(view.scenario, side.id, this.c)}: ${names.join(", ") || "—"}`, this.style(14, { color: style.css, wordWrap: { width: rightW - 32 * u } }));
      py += 24 * u;
    }
    const chatTop = py + 12 * u;
    new ChatLog(this, { x: rightX + 16 * u, y: chatTop, w: rightW - 28 * u, h: H - chatTop - m - 12 * u }, u, {
      title: this.t("table.chat"),
      empty: this.t("table.chatEmpty"),
      team: this.t("table.chatTeam"),
      table: this.t("table.chatTable"),
    }, this.speech()).render(view, "table");
  }

  private async leave(): Promise<void> {
    await this.app.connection?.leave();
    this.app.setConnection(null);
    this.scene.start(sceneKeys.title);
  }
}
