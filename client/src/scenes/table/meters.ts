import type Phaser from "phaser";
import { colors, symbols, textPx, textStyle } from "../../ui/theme.js";
import { formatPoints } from "../../view-models/names.js";
import type { TableModel } from "../../view-models/table-model.js";
import { Layer, type Box } from "../widgets/draw.js";

/**
 * Live points meters: what the draft and the other side's standing offer are worth to this seat
 * if agreed now (after delay), against the no-deal line. Each bar carries its number and a
 * ✓ / ⚠ against no deal, so nothing depends on telling the colours apart.
 */
export class Meters {
  private layer: Layer;

  constructor(
    private scene: Phaser.Scene,
    private box: Box,
    private u: number,
    private labels: { draft: string; standing: string; noStanding: string; noDeal: (points: string) => string; delay: (delay: string) => string; breaks: string },
  ) {
    this.layer = new Layer(scene, 2);
  }

  render(model: TableModel, mySymbol: string, theirSymbol: string): void {
    this.layer.clear();
    const { x, y, w, h } = this.box;
    const u = this.u;
    const { min, max } = model.scale;
    const span = Math.max(1, max - min);
    const toX = (v: number) => x + ((Math.max(min, Math.min(max, v)) - min) / span) * w;
    const barH = Math.min(22 * u, h * 0.16);
    const rows: { label: string; value: number | null; broken: boolean; symbol: string }[] = [
      { label: this.labels.draft, value: model.draftNet, broken: model.draftRedLines.length > 0, symbol: mySymbol },
      { label: this.labels.standing, value: model.standingNet, broken: model.standingRedLines.length > 0, symbol: theirSymbol },
    ];
    let cy = y;
    // The foot of the lowest red-line warning: the no-deal label goes under it.
    let below = 0;
    // Where each bar is drawn, for the no-deal mark across it.
    const bars: { top: number; shown: boolean }[] = [];
    for (const row of rows) {
      let broken: Phaser.GameObjects.Text | null = null;
      const head = `${row.symbol} ${row.label}`;
      const label = this.layer.add(this.scene.add.text(x, cy, head, textStyle(u, 14, { bold: true, color: colors.muted })));
      // Spaced by the drawn type (never under 12 px), so small screens do not stack lines on bars.
      cy += Math.max(20 * u, label.height + 2);
      this.layer.add(this.scene.add.rectangle(x, cy, w, barH, 0x0b1622).setOrigin(0).setStrokeStyle(1, colors.panelBorder));
      bars.push({ top: cy, shown: row.value !== null });
      if (row.value === null) {
        this.layer.add(this.scene.add.text(x + 6 * u, cy + barH / 2, this.labels.noStanding, textStyle(u, 13, { color: colors.dim })).setOrigin(0, 0.5));
      } else {
        const effective = row.broken ? model.reservation : row.value;
        const better = effective > model.reservation;
        const zero = toX(model.reservation);
        const end = toX(row.value);
        this.layer.add(
          this.scene.add.rectangle(Math.min(zero, end), cy + 2, Math.max(2, Math.abs(end - zero)), barH - 4, row.broken ? colors.warn : better ? colors.good : colors.japan).setOrigin(0),
        );
        const mark = row.broken || effective < model.reservation ? symbols.warn : better ? symbols.good : "=";
        this.layer.add(this.scene.add.text(x + w, cy + barH / 2, `${mark} ${formatPoints(row.value)}`, textStyle(u, 15, { bold: true })).setOrigin(1, 0.5));
        // Wrapped in the panel (a narrow one at 800×600 takes two lines), the next label kept below it.
        if (row.broken) broken = this.layer.add(this.scene.add.text(x, cy + barH + 3 * u, `${symbols.warn} ${this.labels.breaks}`, textStyle(u, 12, { color: colors.warnCss, wordWrap: { width: w } })));
      }
      if (broken) below = broken.y + broken.height;
      cy += barH + Math.max(22 * u, textPx(u, 12) + 8, broken ? 3 * u + broken.height + 4 : 0);
    }
    // The no-deal mark across each bar that has a value (never through the labels or the "no offer" words),
    // and under the bars its label, its ▲ under the mark where the label fits.
    const nx = toX(model.reservation);
    for (const bar of bars.filter((b) => b.shown)) this.layer.add(this.scene.add.rectangle(nx, bar.top - 3, 3, barH + 6, 0xffffff, 0.9).setOrigin(0.5, 0));
    const noDeal = `▲ ${this.labels.noDeal(formatPoints(model.reservation))}`;
    const delay = model.delayCost > 0 ? ` · ${this.labels.delay(formatPoints(-model.delayCost))}` : "";
    const label = this.layer.add(this.scene.add.text(x, Math.max(cy - 8 * u, below + 1), `${noDeal}${delay}`, textStyle(u, 12, { color: colors.text })));
    // Too wide for the panel (800×600): the delay goes onto a line of its own, so the ▲ can stay under the mark.
    const rest = label.width > w && delay ? this.layer.add(this.scene.add.text(x, 0, delay.replace(/^ · /, ""), textStyle(u, 12, { color: colors.text, wordWrap: { width: w } }))) : null;
    if (rest) rest.setY(label.setText(noDeal).y + label.height);
    const arrow = this.scene.add.text(0, 0, "▲", textStyle(u, 12));
    const arrowHalf = arrow.width / 2;
    arrow.destroy();
    label.setX(Math.max(x, Math.min(x + w - label.width, nx - arrowHalf)));
  }
}
