import type { MatchConnection } from "../net/match-connection.js";
import { LobbyError } from "../net/match-connection.js";
import type { Button } from "../ui/button.js";
import type { TextField } from "../ui/text-field.js";
import { colors, sideStyle } from "../ui/theme.js";
import { BaseScene, sceneKeys } from "./base-scene.js";
import { enterMatch } from "./boot.js";
import { replayKeys } from "./replay/replay-pick-scene.js";
import { classKeys } from "./class/class-state.js";

/**
 * Title: the ways into a match — against a bot (side and difficulty), a table for two (the
 * code to share appears on the briefing), or joining with a code — and the language switch.
 */

const sides = [
  { id: "japan", name: "Japan", key: "j" },
  { id: "us", name: "United States", key: "u" },
] as const;
const difficulties = [
  { id: "easy", key: "e" },
  { id: "normal", key: "n" },
  { id: "hard", key: "h" },
] as const;

export class TitleScene extends BaseScene {
  private busy = false;
  private actionButtons: Button[] = [];
  private toggles: Button[] = [];
  private codeField: TextField | null = null;

  constructor() {
    super(sceneKeys.title);
  }

  protected build(): void {
    const { W, H, u } = this;
    this.busy = false;
    this.actionButtons = [];
    this.toggles = [];
    this.languageToggle();
    // Instructors: step through a finished match (client/src/scenes/replay).
    this.button({ id: "replay", x: 16 * u, y: 16 * u, width: 220 * u, height: 40 * u, label: this.t("title.replay"), shortcut: "r", fontSize: 15, onPress: () => this.scene.start(replayKeys.pick) });
    // Instructors and students of a class (client/src/scenes/class).
    this.button({ id: "class-mode", x: 246 * u, y: 16 * u, width: 200 * u, height: 40 * u, label: this.t("title.classMode"), shortcut: "k", fontSize: 15, onPress: () => this.scene.start(classKeys.lobby) });

    // Everything below is centred vertically in a 650-unit-tall block.
    const oy = Math.max(0, (H - 650 * u) / 2);
    // Heading between the two flags.
    const headY = oy + 70 * u;
    this.text(W / 2, headY, this.t("app.title"), this.style(60, { heading: true, bold: true })).setOrigin(0.5);
    this.text(W / 2, headY + 56 * u, this.t("app.subtitle"), this.style(20, { color: colors.muted })).setOrigin(0.5);
    const flagH = 70 * u;
    this.add.image(W / 2 - 330 * u, headY + 20 * u, "flag-japan").setDisplaySize(flagH * 1.5, flagH).setOrigin(0.5);
    this.add.image(W / 2 + 330 * u, headY + 20 * u, "flag-us").setDisplaySize(flagH * 1.9, flagH).setOrigin(0.5);

    // Name and side, shared by the solo game and a hosted table.
    const rowY = oy + 190 * u;
    const left = W / 2 - 560 * u;
    this.text(left, rowY + 10 * u, this.t("title.name"), this.style(18, { bold: true }));
    const nameField = this.field({ id: "name", x: left + 150 * u, y: rowY, width: 260 * u, height: 42 * u, placeholder: this.t("title.namePlaceholder"), label: this.t("title.name"), value: this.app.name, maxLength: 40 });
    nameField.element.addEventListener("input", () => this.app.setName(nameField.value));
    this.text(left + 460 * u, rowY + 10 * u, this.t("title.side"), this.style(18, { bold: true }));
    sides.forEach((side, i) => {
      const style = sideStyle(side.id);
      this.toggles.push(
        this.button({
          id: `side-${side.id}`,
          x: left + 600 * u + i * 240 * u,
          y: rowY,
          width: 225 * u,
          height: 42 * u,
          label: `${style.symbol} ${this.c(`side.${side.id}`, side.name)}`,
          kind: "toggle",
          shortcut: side.key,
          selected: () => this.app.soloSide === side.id,
          onPress: () => this.chooseSide(side.id),
        }),
      );
    });

    // Three cards.
    const cardY = oy + 270 * u;
    const cardH = 330 * u;
    const gap = 24 * u;
    const cardW = (1120 * u - 2 * gap) / 3;
    const cardX = (i: number) => W / 2 - 560 * u + i * (cardW + gap);
    const pad = 20 * u;
    ["title.solo", "title.host", "title.join"].forEach((key, i) => {
      this.panel(cardX(i), cardY, cardW, cardH);
      this.text(cardX(i) + pad, cardY + pad, this.t(key as "title.solo"), this.style(24, { heading: true, bold: true, wordWrap: { width: cardW - 2 * pad } }));
      this.text(cardX(i) + pad, cardY + pad + 40 * u, this.t(`${key}.hint` as "title.solo.hint"), this.style(16, { color: colors.muted, wordWrap: { width: cardW - 2 * pad } }));
    });

    // Card 1: difficulty and start.
    const x0 = cardX(0) + pad;
    this.text(x0, cardY + 120 * u, this.t("title.difficulty"), this.style(17, { bold: true }));
    const hint = this.text(x0, cardY + 210 * u, "", this.style(15, { color: colors.muted, wordWrap: { width: cardW - 2 * pad } }));
    const showHint = () => hint.setText(this.t(`title.difficulty.${this.app.difficulty}.hint` as "title.difficulty.easy.hint"));
    const dW = (cardW - 2 * pad - 16 * u) / 3;
    difficulties.forEach((d, i) => {
      this.toggles.push(
        this.button({
          id: `difficulty-${d.id}`,
          x: x0 + i * (dW + 8 * u),
          y: cardY + 152 * u,
          width: dW,
          height: 46 * u,
          label: this.t(`title.difficulty.${d.id}` as "title.difficulty.easy"),
          kind: "toggle",
          fontSize: 15,
          shortcut: d.key,
          selected: () => this.app.difficulty === d.id,
          onPress: () => {
            this.app.difficulty = d.id;
            this.redrawToggles();
            showHint();
          },
        }),
      );
    });
    showHint();
    const actionY = cardY + cardH - pad - 54 * u;
    this.actionButtons.push(
      this.button({ id: "start-solo", x: x0, y: actionY, width: cardW - 2 * pad, height: 54 * u, label: this.t("title.start"), kind: "primary", shortcut: "s", fontSize: 19, onPress: () => this.playSolo() }),
    );

    // Card 2: open a table for two — how it goes, in three steps.
    this.text(cardX(1) + pad, cardY + 120 * u, this.t("title.host.steps"), this.style(16, { color: colors.text, wordWrap: { width: cardW - 2 * pad }, lineSpacing: 8 * u }));
    this.actionButtons.push(
      this.button({ id: "host", x: cardX(1) + pad, y: actionY, width: cardW - 2 * pad, height: 54 * u, label: this.t("title.hostButton"), kind: "primary", shortcut: "o", fontSize: 19, onPress: () => this.host() }),
    );

    // Card 3: join with a code.
    this.codeField = this.field({ id: "code", x: cardX(2) + pad, y: cardY + 150 * u, width: cardW - 2 * pad, height: 48 * u, placeholder: this.t("title.codePlaceholder"), label: this.t("title.join"), maxLength: 40, onEnter: () => this.join() });
    this.codeField.element.style.fontSize = `${Math.round(22 * u)}px`;
    this.codeField.element.style.letterSpacing = "0.1em";
    this.actionButtons.push(
      this.button({ id: "join", x: cardX(2) + pad, y: actionY, width: cardW - 2 * pad, height: 54 * u, label: this.t("title.joinButton"), kind: "primary", fontSize: 19, onPress: () => this.join() }),
    );

    this.text(W / 2, Math.min(H - 40 * u, cardY + cardH + 50 * u), this.t("title.keys"), this.style(14, { color: colors.dim, align: "center", wordWrap: { width: W - 80 * u } })).setOrigin(0.5);
    this.focus!.focus("start-solo");
  }

  private chooseSide(side: string): void {
    this.app.soloSide = side;
    this.redrawToggles();
  }

  private redrawToggles(): void {
    for (const toggle of this.toggles) toggle.redraw();
  }

  private setBusy(busy: boolean): void {
    this.busy = busy;
    for (const b of this.actionButtons) b.setEnabled(!busy);
    if (busy) this.banner.show(this.t("title.connecting"), "status", true);
    else this.banner.clearSticky();
  }

  private async enter(open: () => Promise<MatchConnection>): Promise<void> {
    if (this.busy) return;
    this.setBusy(true);
    try {
      this.scene.start(await enterMatch(await open()));
    } catch (error) {
      this.setBusy(false);
      const e = error instanceof LobbyError ? error : new LobbyError("ERROR", String(error));
      if (e.code === "NO_SERVER") this.banner.show(this.t("error.noServer"), "error");
      else if (e.code === "BAD_CODE") this.banner.show(this.t("error.badCode"), "error");
      else this.showServerError(e.code, e.message);
    }
  }

  private playSolo(): void {
    void this.enter(() => this.app.lobby.playSolo({ name: this.app.playerName(), side: this.app.soloSide, difficulty: this.app.difficulty }));
  }

  private host(): void {
    void this.enter(() => this.app.lobby.hostTable({ name: this.app.playerName(), side: this.app.soloSide }));
  }

  private join(): void {
    const code = this.codeField?.value.trim() ?? "";
    if (!code) {
      this.banner.show(this.t("error.emptyCode"), "error");
      this.codeField?.activate();
      return;
    }
    void this.enter(() => this.app.lobby.joinTable(code, this.app.playerName()));
  }
}
