import type Phaser from "phaser";
import type { ChatChannel, ClientMatchView } from "../../net/match-connection.js";
import { colors, sideStyle, textStyle } from "../../ui/theme.js";
import { plainSpeech, type Speech } from "../../view-models/bot-speech.js";
import { Layer, type Box } from "../widgets/draw.js";

/**
 * The chat log: newest at the bottom, each line with its speaker's side symbol and name; team
 * lines are marked [Team]. The input field and the channel switch belong to the scene (they are
 * focusable widgets); this only draws the log above them.
 */
export class ChatLog {
  private layer: Layer;

  constructor(
    private scene: Phaser.Scene,
    private box: Box,
    private u: number,
    private labels: { title: string; empty: string; team: string; table: string },
    private speech: Speech = plainSpeech,
  ) {
    this.layer = new Layer(scene, 2);
  }

  render(view: ClientMatchView, channel: ChatChannel): void {
    this.layer.clear();
    const { x, y, w, h } = this.box;
    const u = this.u;
    const channelName = channel === "team" ? this.labels.team : this.labels.table;
    this.layer.add(this.scene.add.text(x, y, `✉ ${this.labels.title} · ${channelName}`, textStyle(u, 17, { heading: true, bold: true })));
    const top = y + 28 * u;
    const names = new Map(view.players.map((p) => [p.id, this.speech.name(p)]));
    const lines = view.chat.slice(-30);
    if (lines.length === 0) {
      this.layer.add(this.scene.add.text(x, top, this.labels.empty, textStyle(u, 14, { color: colors.dim })));
      return;
    }
    // Lay out from the bottom up, so the newest line sits just above the input.
    let bottom = y + h;
    for (const line of [...lines].reverse()) {
      const style = sideStyle(line.side);
      const prefix = line.to === "team" ? `[${this.labels.team}] ` : "";
      const text = this.scene.add.text(x, 0, `${style.symbol} ${names.get(line.by) ?? line.by}: ${prefix}${this.speech.line(view, line.by, line.text)}`, textStyle(u, 14, { color: colors.text, wordWrap: { width: w } }));
      text.setY(bottom - text.height);
      if (text.y < top) {
        text.destroy();
        break;
      }
      const bar = this.scene.add.rectangle(x - 8 * u, text.y, 4 * u, text.height, style.color).setOrigin(0);
      this.layer.add(bar);
      this.layer.add(text);
      bottom = text.y - 6 * u;
    }
  }
}
