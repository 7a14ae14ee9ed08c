import type Phaser from "phaser";
import type { ClientMatchView } from "../../net/match-connection.js";
import { colors, sideStyle, textStyle } from "../../ui/theme.js";
import { roleName, sideName, type ContentFn } from "../../view-models/names.js";
import { plainSpeech, type Speech } from "../../view-models/bot-speech.js";
import { Layer, truncateName, type Box } from "../widgets/draw.js";

/**
 * A delegation at its edge of the table: flag, country, who sits there (bots and absent
 * players marked in words), a ▶ when it is their move, and a speech bubble with their latest
 * table line — so a bot's move and its words land together where the eye already is.
 */
export class Delegation {
  private layer: Layer;

  constructor(
    private scene: Phaser.Scene,
    private box: Box,
    private u: number,
    private side: string,
    private content: ContentFn,
    private labels: { you: string; bot: string; away: string; thinking: string; yourTurn: string; paused: string },
    private myId: string | null,
    private speech: Speech = plainSpeech,
  ) {
    this.layer = new Layer(scene, 3);
  }

  render(view: ClientMatchView): void {
    this.layer.clear();
    const { x, y, w, h } = this.box;
    const u = this.u;
    const style = sideStyle(this.side);
    const flagH = Math.min(h - 8 * u, 44 * u);
    const flagW = flagH * (this.side === "us" ? 1.9 : 1.5);
    this.layer.add(this.scene.add.rectangle(x, y, w, h, colors.panel, 0.9).setOrigin(0).setRounded(Math.round(10 * u)).setStrokeStyle(3, style.color));
    this.layer.add(this.scene.add.image(x + 10 * u, y + h / 2, `flag-${this.side}`).setDisplaySize(flagW, flagH).setOrigin(0, 0.5));
    const tx = x + flagW + 22 * u;
    const moving = view.phase === "negotiating" && view.turn === this.side;
    const mine = view.players.some((p) => p.id === this.myId && p.side === this.side);
    // Paused, nobody's move runs: the side to move says "paused", not "your move".
    const paused = (view.table as { paused?: boolean }).paused === true;
    const turn = moving ? (paused ? `  ⏸ ${this.labels.paused}` : `  ▶ ${mine ? this.labels.yourTurn : this.labels.thinking}`) : "";
    this.layer.add(this.scene.add.text(tx, y + 6 * u, `${style.symbol} ${sideName(view.scenario, this.side, this.content)}${turn}`, textStyle(u, 18, { bold: true, color: style.css })));
    const people = view.players
      .filter((p) => p.side === this.side)
      .map((p) => {
        const name = this.speech.name(p);
        // A bot's localised name already says it is one (ボット（ふつう）).
        const tag = p.id === this.myId ? this.labels.you : p.bot ? (name.includes(this.labels.bot) ? "" : this.labels.bot) : view.table.connected[p.id] === false ? this.labels.away : "";
        return `${name}${tag ? ` (${tag})` : ""} · ${roleName(view.scenario, p.side, p.role, this.content)}`;
      })
      .join("   ");
    const last = [...view.chat].reverse().find((line) => line.side === this.side && line.to === "table");
    const bubbled = Boolean(last && !mine);
    // Up to the speech bubble when there is one, else across the delegation.
    this.layer.add(truncateName(this.scene.add.text(tx, y + 30 * u, people, textStyle(u, 14, { color: colors.muted })), bubbled ? x + w * 0.5 - 14 * u - tx : x + w - 10 * u - tx));

    if (last && bubbled) {
      const bx = x + w * 0.5;
      const bubble = this.scene.add.text(bx + 14 * u, y + h / 2, `“${this.speech.line(view, last.by, last.text)}”`, textStyle(u, 15, { color: colors.ink, wordWrap: { width: w * 0.47 - 24 * u } })).setOrigin(0, 0.5);
      // Too long for the bubble: fewer lines rather than smaller type (the chat log has it all).
      if (bubble.height > h - 6 * u) {
        const lineH = bubble.height / Math.max(1, bubble.getWrappedText().length);
        bubble.setMaxLines(Math.max(1, Math.floor((h - 6 * u) / lineH)));
      }
      const plate = this.scene.add.rectangle(bx, y + h / 2, w * 0.49, Math.min(h - 4 * u, bubble.displayHeight + 12 * u), 0xf5f1e8).setOrigin(0, 0.5).setRounded(Math.round(10 * u));
      const tail = this.scene.add.triangle(bx, y + h / 2, 0, 0, -12 * u, 6 * u, 0, 12 * u, 0xf5f1e8).setOrigin(0.5);
      this.layer.add(plate);
      this.layer.add(tail);
      this.layer.add(bubble);
    }
  }
}
