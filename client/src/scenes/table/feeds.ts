import type Phaser from "phaser";
import type { ClientMatchView } from "../../net/match-connection.js";
import { colors, sideStyle, textStyle } from "../../ui/theme.js";
import { formatPoints, sideName, type ContentFn } from "../../view-models/names.js";
import type { HistoryItem } from "../../view-models/table-model.js";
import { Layer, type Box } from "../widgets/draw.js";

/** Lists that fill a box from the top, newest first, and stop when the box is full. */

export class HistoryFeed {
  private layer: Layer;
  constructor(
    private scene: Phaser.Scene,
    private box: Box,
    private u: number,
    private labels: { title: string; empty: string; item: (item: HistoryItem, side: string) => string },
    private content: ContentFn,
  ) {
    this.layer = new Layer(scene, 2);
  }

  render(view: ClientMatchView, items: HistoryItem[]): void {
    this.layer.clear();
    const { x, y, w, h } = this.box;
    const u = this.u;
    this.layer.add(this.scene.add.text(x, y, this.labels.title, textStyle(u, 17, { heading: true, bold: true })));
    let cy = y + 28 * u;
    if (items.length === 0) this.layer.add(this.scene.add.text(x, cy, this.labels.empty, textStyle(u, 14, { color: colors.dim })));
    for (const item of [...items].reverse()) {
      const style = sideStyle(item.side);
      // Wrapped, not cut: a long side name takes a second line rather than losing the points.
      const line = this.scene.add.text(x, cy, `${style.symbol} ${this.labels.item(item, sideName(view.scenario, item.side, this.content))}`, textStyle(u, 14, { color: style.css, wordWrap: { width: w } }));
      if (cy + line.height > y + h) {
        line.destroy();
        break;
      }
      this.layer.add(line);
      cy += line.height + 4 * u;
    }
  }
}

export class NewsFeed {
  private layer: Layer;
  constructor(
    private scene: Phaser.Scene,
    private box: Box,
    private u: number,
    private labels: { title: string; empty: string },
    private content: ContentFn,
  ) {
    this.layer = new Layer(scene, 2);
  }

  render(view: ClientMatchView): void {
    this.layer.clear();
    const { x, y, w, h } = this.box;
    const u = this.u;
    this.layer.add(this.scene.add.text(x, y, `📰 ${this.labels.title}`.replace("📰 ", "▤ "), textStyle(u, 17, { heading: true, bold: true })));
    let cy = y + 28 * u;
    if (view.events.length === 0) this.layer.add(this.scene.add.text(x, cy, this.labels.empty, textStyle(u, 14, { color: colors.dim })));
    for (const event of [...view.events].reverse()) {
      if (cy + 30 * u > y + h) break;
      const title = this.scene.add.text(x, cy, `R${event.round} · ${this.content(`event.${event.id}.title`, event.title)}`, textStyle(u, 14, { bold: true, color: colors.warnCss, wordWrap: { width: w } }));
      this.layer.add(title);
      cy += title.height + 2 * u;
      const body = this.scene.add.text(x, cy, this.content(`event.${event.id}.headline`, event.headline), textStyle(u, 13, { color: colors.muted, wordWrap: { width: w } }));
      if (cy + body.height > y + h) {
        body.destroy();
        break;
      }
      this.layer.add(body);
      cy += body.height + 10 * u;
    }
  }
}

export { formatPoints };
