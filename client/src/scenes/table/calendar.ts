import type Phaser from "phaser";
import type { ClientMatchView } from "../../net/match-connection.js";
import { colors, textStyle } from "../../ui/theme.js";
import { roundName } from "../../view-models/names.js";
import { keepWithin, Layer, shortWeek, type Box } from "../widgets/draw.js";

/**
 * The calendar strip: one cell per round (a week of 2025), the current one raised and marked ▶,
 * past ones ticked ✓, the soft deadline (G7) and the hard deadline (1 August) flagged by name.
 */
export class CalendarStrip {
  private layer: Layer;

  constructor(
    private scene: Phaser.Scene,
    private box: Box,
    private u: number,
    private labels: { content: (key: string, fallback: string) => string; g7: string; deadline: string; extra: (n: number) => string },
  ) {
    this.layer = new Layer(scene);
  }

  render(view: ClientMatchView): void {
    this.layer.clear();
    const { x, y, w, h } = this.box;
    const u = this.u;
    const n = Math.max(1, view.maxRounds);
    const gap = 4 * u;
    const cellW = (w - gap * (n - 1)) / n;
    const soft = view.scenario.softDeadline?.round;
    const hard = view.scenario.hardDeadline.round;
    for (let r = 1; r <= n; r++) {
      const cx = x + (r - 1) * (cellW + gap);
      const current = r === view.round;
      const past = r < view.round;
      const plate = this.scene.add
        .rectangle(cx, y, cellW, h, current ? colors.panelRaised : colors.panel, past ? 0.55 : 1)
        .setOrigin(0)
        .setRounded(Math.round(6 * u))
        // White, not the focus yellow: only what the keyboard is on is framed in yellow.
        .setStrokeStyle(current ? 3 : 1, current ? 0xffffff : colors.panelBorder);
      this.layer.add(plate);
      const mark = current ? "▶ " : past ? "✓ " : "";
      // A deadline extended past the scenario's calendar has no date of its own: "Extra wk 1", not "10".
      const weeks = view.scenario.rounds.length;
      const date = r > weeks ? this.labels.extra(r - weeks) : shortWeek(roundName(view.scenario, r, this.labels.content));
      // The test hook checks that a week's texts stay on its tab.
      const onTab = () => ({ x: cx, y, width: cellW, height: h });
      const label = this.layer.add(
        keepWithin(this.scene.add
          .text(cx + cellW / 2, y + 5 * u, `${mark}${date}`, textStyle(u, 13, { bold: current, color: past ? colors.dim : colors.text }))
          .setOrigin(0.5, 0), onTab),
      );
      // A narrow tab (800×600) keeps the date whole and lets the frame (current) or the dimmed type (past) tell the rest.
      if (label.width > cellW - 4) label.setText(date);
      const tag = r === soft ? `◆ ${this.labels.g7}` : r === hard ? `■ ${this.labels.deadline}` : "";
      if (tag) {
        this.layer.add(
          this.scene.add
            .text(cx + cellW / 2, y + h - 4 * u, tag, textStyle(u, 12, { bold: true, color: r === hard ? colors.warnCss : colors.neutralCss }))
            .setOrigin(0.5, 1)
            .setData("within", onTab),
        );
      }
    }
  }
}
