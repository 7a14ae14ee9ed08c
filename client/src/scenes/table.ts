import type Phaser from "phaser";
import type { Offer } from "../../../shared/index.js";
import type { MessageKey } from "../i18n/index.js";
import type { ChatChannel, ClientMatchView } from "../net/match-connection.js";
import type { Button } from "../ui/button.js";
import { openConfirm } from "../ui/dialog.js";
import { acceptRisks, proposeRisks, type Risk } from "../view-models/decision-risk.js";
import type { TextField } from "../ui/text-field.js";
import { colors, MIN_TEXT_PX, sideStyle } from "../ui/theme.js";
import { formatPoints, sideName } from "../view-models/names.js";
import { initialDraft, stepOption, tableModel, type TableModel } from "../view-models/table-model.js";
import { BaseScene, isPaused, sceneKeys } from "./base-scene.js";
import { CalendarStrip } from "./table/calendar.js";
import { ChatLog } from "./table/chat-panel.js";
import { Delegation } from "./table/delegations.js";
import { HistoryFeed, NewsFeed } from "./table/feeds.js";
import { IssueRows } from "./table/issue-rows.js";
import { Meters } from "./table/meters.js";
import { openWalkthrough, type WalkStep } from "./table/walkthrough.js";
import { keysLines, layoutMoves, measuredWidth, sideBySide } from "./table/moves-layout.js";

/**
 * The negotiating table. The player's own delegation sits at the bottom, the other side's at
 * the top; the issues lie on the table between them as rows of a draft package beside the other
 * side's standing offer. Around it: the calendar, meters, proposal history, news and chat.
 * Moves go out as intents through the MatchConnection; the server decides and answers.
 */
export class TableScene extends BaseScene {
  private focusRow = 0;
  private channel: ChatChannel = "table";
  private model: TableModel | null = null;
  private widgets: { render: (view: ClientMatchView) => void }[] = [];
  private buttons: Record<string, Button> = {};
  private chatField: TextField | null = null;
  private turnText: Phaser.GameObjects.Text | null = null;
  /** The parts the walkthrough explains, as laid out by `build`. */
  private tour: WalkStep[] = [];
  private closeTour: (() => void) | null = null;

  constructor() {
    super(sceneKeys.table);
  }

  // Toasts ("United States puts a new offer on the table") go to the foot of the left column,
  // over the news, never over the issue rows or a dialog (which stays in the middle).
  protected override bannerTop(): number {
    return this.H - 190 * this.u;
  }
  protected override bannerArea(): { x: number; width: number } {
    return { x: 16 * this.u + 125 * this.u, width: 236 * this.u };
  }

  private get draft(): Offer {
    return this.app.draft?.offer ?? {};
  }

  private setDraft(offer: Offer): void {
    this.app.draft = { code: this.app.connection?.code ?? "", offer };
    const view = this.app.connection?.view;
    if (view) this.onView(view);
  }

  protected build(): void {
    const { W, H, u } = this;
    const m = 16 * u;
    const view = this.app.connection?.view;
    const seat = this.app.connection?.seat;
    if (!view || !seat) return;
    const mySide = seat.side;
    const theirSide = view.scenario.sides.find((s) => s.id !== mySide)?.id ?? "";
    if (this.app.draft?.code !== this.app.connection?.code) this.app.draft = { code: this.app.connection?.code ?? "", offer: initialDraft(view, mySide) };
    this.widgets = [];
    this.languageToggle();

    const leftW = 250 * u;
    const rightW = 300 * u;
    const cx = m + leftW + m;
    const cw = W - 2 * m - leftW - rightW - 2 * m;
    const rightX = W - m - rightW;
    const topY = 72 * u;

    // Top bar: whose move, then the calendar.
    this.turnText = this.text(m, m, "", this.style(17, { bold: true, wordWrap: { width: leftW } }));
    // Two lines of at least 12 px (the date, then G7 / 1 Aug) even when the unit is small (800×600).
    const calendar = new CalendarStrip(this, { x: cx, y: m - 4 * u, w: cw + m + rightW - 170 * u, h: Math.max(48 * u, 2 * MIN_TEXT_PX + 14) }, u, {
      content: this.c,
      g7: this.t("table.calendar.g7"),
      deadline: this.t("table.calendar.deadline"),
      extra: (n: number) => this.t("table.calendar.extra", { n }),
    });

    // The table and the two delegations. From the foot up: the keys line (one line, or two on
    // small screens), the player's delegation, then the moves (one row, or two when captions would wrap).
    const delegationH = 62 * u;
    const keys = this.text(cx, 0, keysLines(this, this.style(13), this.t("table.keys"), cw), this.style(13, { color: colors.dim }));
    keys.setY(Math.min(H - 30 * u, H - keys.height - 4));
    const meY = Math.min(H - delegationH - 40 * u, keys.y - delegationH - 5 * u);
    const buttonSpecs: [string, string, string, "primary" | "normal" | "danger", () => void][] = [
      ["propose", this.t("table.propose"), "p", "primary", () => this.propose()],
      ["accept", this.t("table.accept"), "a", "primary", () => this.accept()],
      ["match", this.t("table.sameAsStanding"), "m", "normal", () => this.matchStanding()],
      ["reset", this.t("table.resetDraft"), "r", "normal", () => this.setDraft(initialDraft(this.app.connection!.view!, mySide))],
      ["walkaway", this.t("table.walkaway"), "w", "danger", () => this.walkAway()],
    ];
    const moves = buttonSpecs.map(([id, label, key]) => ({ id, caption: `${label}  [${key.toUpperCase()}]` }));
    const { slots, top: buttonsY } = layoutMoves(this, u, 15, moves, [["propose", "accept", "walkaway"], ["match", "reset"]], cx, cw, meY - 6 * u);
    this.add.rectangle(cx - 6 * u, topY + delegationH / 2, cw + 12 * u, buttonsY - topY - delegationH / 2 + 6 * u, colors.tableEdge).setOrigin(0).setRounded(Math.round(22 * u));
    this.add.rectangle(cx + 4 * u, topY + delegationH / 2 + 10 * u, cw - 8 * u, buttonsY - topY - delegationH / 2 - 14 * u, colors.felt).setOrigin(0).setRounded(Math.round(16 * u));
    const labels = { you: this.t("table.you"), bot: this.t("table.bot"), away: this.t("table.away"), thinking: this.t("table.theirTurn", { side: "" }).replace(/^\s*/, "").trim(), yourTurn: this.t("table.yourTurn"), paused: this.t("table.pausedShort") };
    const speech = this.speech();
    const them = new Delegation(this, { x: cx, y: topY, w: cw, h: delegationH }, u, theirSide, this.c, labels, seat.playerId, speech);
    const me = new Delegation(this, { x: cx, y: meY, w: cw, h: delegationH }, u, mySide, this.c, labels, seat.playerId, speech);
    const rows = new IssueRows(
      this,
      { x: cx + 14 * u, y: topY + delegationH + 14 * u, w: cw - 28 * u, h: buttonsY - topY - delegationH - 22 * u },
      u,
      this.c,
      { issue: this.t("table.issue"), draft: this.t("table.draft"), standing: this.t("table.standing"), noStanding: this.t("table.noStanding") },
      (issueIndex, optionId) => {
        this.focusRow = issueIndex;
        const issue = view.scenario.issues[issueIndex];
        if (issue) this.setDraft({ ...this.draft, [issue.id]: optionId });
      },
    );

    // Moves, in the order they are laid out (Tab follows the eye).
    for (const slot of slots) {
      const [id, label, key, kind, onPress] = buttonSpecs.find((b) => b[0] === slot.id)!;
      this.buttons[id] = this.button({ id, x: slot.x, y: slot.y, width: slot.width, height: slot.height, label, shortcut: key, kind, fontSize: 15, onPress });
    }

    // Left column: history and news.
    const colTop = topY;
    const half = (H - colTop - m) / 2;
    this.panel(m - 6 * u, colTop - 6 * u, leftW + 12 * u, H - colTop - m + 12 * u);
    const history = new HistoryFeed(this, { x: m + 6 * u, y: colTop + 4 * u, w: leftW - 12 * u, h: half - 16 * u }, u, {
      title: this.t("table.history"),
      empty: this.t("table.historyEmpty"),
      item: (item, side) => this.t("table.historyItem", { round: item.round, side, points: formatPoints(item.pointsForMe) }),
    }, this.c);
    // The briefing and the walkthrough, a key or a click away, at the foot of the left column.
    const [brief, tour] = sideBySide(this, u, 13, [this.t("table.briefingButton"), this.t("table.helpButton")], m, leftW, H - m, Math.max(36 * u, 34));
    const news = new NewsFeed(this, { x: m + 6 * u, y: colTop + half, w: leftW - 12 * u, h: brief!.y - 18 * u - colTop - half }, u, { title: this.t("table.news"), empty: this.t("table.newsEmpty") }, this.c);
    this.button({ id: "briefing", ...brief!, label: this.t("table.briefingButton"), shortcut: "b", fontSize: 13, onPress: () => this.openBriefing() });
    this.button({ id: "how-to-play", ...tour!, label: this.t("table.helpButton"), shortcut: "h", fontSize: 13, onPress: () => this.openTour() });

    // Right column: meters, then chat.
    this.panel(rightX - 6 * u, colTop - 6 * u, rightW + 12 * u, H - colTop - m + 12 * u);
    const myStyle = sideStyle(mySide);
    const theirStyle = sideStyle(theirSide);
    const meters = new Meters(this, { x: rightX + 8 * u, y: colTop + 6 * u, w: rightW - 16 * u, h: 150 * u }, u, {
      draft: this.t("table.meter.draft"),
      standing: this.t("table.meter.standing"),
      noStanding: this.t("table.noStanding"),
      noDeal: (points) => this.t("table.meter.noDeal", { points }),
      delay: (delay) => this.t("table.meter.delay", { delay }),
      breaks: this.t("table.meter.breaksRedLine"),
    });
    // Under the meters, which keep 12-px type on small screens (800×600) and so need more than 190 units there.
    const chatTop = colTop + Math.max(190 * u, 175);
    const inputH = 42 * u;
    const chatLog = new ChatLog(this, { x: rightX + 14 * u, y: chatTop, w: rightW - 22 * u, h: H - chatTop - m - inputH - 58 * u }, u, {
      title: this.t("table.chat"),
      empty: this.t("table.chatEmpty"),
      team: this.t("table.chatTeam"),
      table: this.t("table.chatTable"),
    }, speech);
    const channelName = () => (this.channel === "team" ? this.t("table.chatTeam") : this.t("table.chatTable"));
    // The field's hint whole: "(Enter sends)" is left out where the field is too narrow for it (the field's type, padding and border).
    const chatHint = (hint = this.t("table.chatPlaceholder", { channel: channelName() })) =>
      measuredWidth(this, hint, this.style(16)) <= rightW - 16 * u - 20 * u - 6 ? hint : this.t("table.chatPlaceholderShort", { channel: channelName() });
    this.buttons.channel = this.button({
      id: "channel",
      x: rightX + 8 * u,
      y: H - m - inputH - 50 * u,
      width: rightW - 16 * u,
      height: 40 * u,
      label: this.t("table.chatSwitch", { channel: channelName() }),
      shortcut: "t",
      fontSize: 14,
      onPress: () => {
        this.channel = this.channel === "table" ? "team" : "table";
        this.buttons.channel?.setLabel(this.t("table.chatSwitch", { channel: channelName() }));
        if (this.chatField) this.chatField.element.placeholder = chatHint();
        this.onView(this.app.connection!.view!);
      },
    });
    this.chatField = this.field({
      id: "chat",
      x: rightX + 8 * u,
      y: H - m - inputH,
      width: rightW - 16 * u,
      height: inputH,
      placeholder: chatHint(),
      label: this.t("table.chat"),
      maxLength: 500,
      onEnter: (value) => this.sendChat(value),
    });

    this.widgets = [
      calendar,
      them,
      me,
      { render: (v) => rows.render(v.scenario, this.model!, this.focusRow, myStyle.symbol, theirStyle.symbol) },
      { render: () => meters.render(this.model!, myStyle.symbol, theirStyle.symbol) },
      { render: (v) => history.render(v, this.model!.history) },
      news,
      { render: (v) => chatLog.render(v, this.channel) },
    ];

    const text = (key: string) => ({ title: this.t(`walk.${key}.title` as MessageKey), body: this.t(`walk.${key}.body` as MessageKey) });
    this.tour = [
      { ...text("rows"), area: { x: cx, y: topY + delegationH, w: cw, h: buttonsY - topY - delegationH } },
      { ...text("meters"), area: { x: rightX, y: colTop, w: rightW, h: 170 * u } },
      { ...text("moves"), area: { x: cx, y: buttonsY, w: cw, h: meY - 6 * u - buttonsY } },
      { ...text("calendar"), area: { x: cx, y: m - 4 * u, w: cw + m + rightW - 170 * u, h: Math.max(48 * u, 2 * MIN_TEXT_PX + 14) } },
      { ...text("chat"), area: { x: rightX, y: chatTop, w: rightW, h: H - chatTop - m } },
    ];

    this.focus!.onKeys((event) => this.onKey(event));
    this.time.addEvent({ delay: 1000, loop: true, callback: () => this.updateTurn() });
    this.announce(view, true);
    this.onView(view);
    this.focusMoves();
    // A first visit opens the walkthrough by itself (skipping counts as seen).
    if (!this.app.walkthroughSeen) this.openTour();
  }

  private focusMoves(): void {
    this.focus!.focus(this.model?.myTurn ? "propose" : "chat");
    if (!this.model?.myTurn) this.chatField?.setFocused(false);
  }

  /** The briefing again, with the match going on (the draft waits in `app.draft`). */
  private openBriefing(): void {
    this.app.reviewingBriefing = true;
    this.scene.start(sceneKeys.briefing);
  }

  private openTour(): void {
    if (this.closeTour) return;
    this.chatField?.setFocused(false);
    this.closeTour = openWalkthrough(this, this.focus!, this.u, this.tour, {
      next: this.t("walk.next"),
      done: this.t("walk.done"),
      skip: this.t("walk.skip"),
      step: (n, total) => this.t("walk.step", { n, total }),
    }, () => {
      this.closeTour = null;
      this.app.markWalkthroughSeen();
      this.focusMoves();
    });
  }

  protected override onView(view: ClientMatchView): void {
    this.model = tableModel(view, this.draft);
    for (const widget of this.widgets) widget.render(view);
    // A paused table takes no moves (the server refuses them too): the buttons say so by being off.
    const paused = isPaused(view);
    this.buttons.propose?.setEnabled(this.model.canPropose && !paused);
    this.buttons.accept?.setEnabled(this.model.canAccept && !paused);
    this.buttons.walkaway?.setEnabled(this.model.canWalkAway && !paused);
    this.buttons.match?.setEnabled(this.model.standing !== null);
    this.announce(view, false);
    this.updateTurn();
  }

  /** Headlines and the other side's new offers, once each, in the banner. */
  private announce(view: ClientMatchView, quiet: boolean): void {
    const seen = this.app.seen;
    for (const event of view.events) {
      const id = `event:${event.id}:${event.round}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (!quiet) this.banner.show(this.t("table.newsFlash", { title: this.c(`event.${event.id}.title`, event.title) }), "status");
    }
    const mySide = this.model?.mySide;
    for (const p of view.proposals) {
      const id = `proposal:${p.id}`;
      if (seen.has(id)) continue;
      seen.add(id);
      if (!quiet && p.side !== mySide) this.banner.show(this.t("table.newOffer", { side: sideName(view.scenario, p.side, this.c) }), "info");
    }
  }

  private updateTurn(): void {
    const view = this.app.connection?.view;
    if (!view || !this.model || !this.turnText) return;
    const round = this.t("table.round", { round: view.round, max: view.maxRounds });
    const paused = isPaused(view);
    const who = paused ? this.t("table.pausedTurn") : this.model.myTurn ? `▶ ${this.t("table.yourTurn")}` : `… ${this.t("table.theirTurn", { side: sideName(view.scenario, view.turn, this.c) })}`;
    // The clock is frozen while paused: no countdown is drawn.
    const left = view.table.turnEndsAt > 0 && !paused ? Math.max(0, Math.ceil((view.table.turnEndsAt - Date.now()) / 1000)) : null;
    const clock = left !== null ? `  ⏱ ${this.t("table.clock", { seconds: left })}` : "";
    this.turnText.setText(`${round}\n${who}${clock}`);
    this.turnText.setColor(this.model.myTurn ? colors.goodCss : colors.muted);
  }

  private onKey(event: KeyboardEvent): boolean {
    const view = this.app.connection?.view;
    if (!view) return false;
    const n = view.scenario.issues.length;
    switch (event.key) {
      case "ArrowUp":
        this.focusRow = (this.focusRow + n - 1) % n;
        this.onView(view);
        return true;
      case "ArrowDown":
        this.focusRow = (this.focusRow + 1) % n;
        this.onView(view);
        return true;
      case "ArrowLeft":
      case "ArrowRight":
        this.setDraft(stepOption(view, this.draft, this.focusRow, event.key === "ArrowLeft" ? -1 : 1));
        return true;
      case "c":
      case "C":
        this.chatField?.activate();
        return true;
      default:
        return false;
    }
  }

  private propose(): void {
    const model = this.model;
    const connection = this.app.connection;
    if (!model || !connection) return;
    const send = () => {
      connection.propose(this.draft);
      this.banner.show(this.t("table.proposed"), "info");
    };
    const risks = proposeRisks(model);
    if (risks.length === 0) return send();
    const view = connection.view;
    openConfirm(this, this.focus!, this.u, {
      alerts: risks.map((risk) => this.riskLine(risk)),
      title: this.t("confirm.proposeTitle"),
      body: this.t("confirm.proposeBody", { side: view ? sideName(view.scenario, model.theirSide, this.c) : model.theirSide, points: formatPoints(model.draftNet) }),
      yes: this.t("table.propose"),
      no: this.t("confirm.cancel"),
      onYes: send,
    });
  }

  private accept(): void {
    const model = this.model;
    const view = this.app.connection?.view;
    if (!model?.standing || !view) return;
    const standing = model.standing;
    const risks = acceptRisks(model);
    openConfirm(this, this.focus!, this.u, {
      ...(risks.length > 0 ? { alerts: risks.map((risk) => this.riskLine(risk)) } : {}),
      title: this.t("confirm.acceptTitle", { side: sideName(view.scenario, standing.side, this.c) }),
      body: this.t("confirm.acceptBody", {
        net: formatPoints(model.standingNet ?? 0),
        gross: formatPoints(model.standingGross ?? 0),
        delay: Math.round(model.delayCost),
        noDeal: formatPoints(model.reservation),
      }),
      yes: this.t("table.accept"),
      no: risks.length > 0 ? this.t("confirm.cancel") : this.t("confirm.no"),
      onYes: () => this.app.connection?.accept(standing.id),
    });
  }

  /** A risk as the first line of a dialog, with both numbers (after the delay cost). */
  private riskLine(risk: Risk): string {
    if (risk.kind === "redLine") return this.t("risk.redLine", { reason: this.c(`redLine.${risk.line.id}`, risk.line.reason), noDeal: formatPoints(risk.noDeal), points: formatPoints(risk.points) });
    if (risk.kind === "belowNoDeal") return this.t("risk.belowNoDeal", { points: formatPoints(risk.points), noDeal: formatPoints(risk.noDeal) });
    return this.t("risk.belowStanding", { points: formatPoints(risk.points), standing: formatPoints(risk.standing) });
  }

  private walkAway(): void {
    const model = this.model;
    if (!model) return;
    openConfirm(this, this.focus!, this.u, {
      title: this.t("confirm.walkTitle"),
      body: this.t("confirm.walkBody", { noDeal: formatPoints(model.reservation) }),
      yes: this.t("table.walkaway"),
      no: this.t("confirm.no"),
      onYes: () => this.app.connection?.walkaway(),
    });
  }

  private matchStanding(): void {
    const standing = this.model?.standing;
    if (standing) this.setDraft({ ...standing.offer });
  }

  private sendChat(value: string): void {
    const text = value.trim();
    if (!text || !this.chatField) return;
    this.app.connection?.chat(text, this.channel);
    this.chatField.value = "";
  }
}
