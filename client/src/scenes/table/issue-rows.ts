import type Phaser from "phaser";
import type { PublicScenario } from "../../../../shared/index.js";
import { colors, symbols, textStyle } from "../../ui/theme.js";
import { formatPoints, issueName, optionLabel, type ContentFn } from "../../view-models/names.js";
import type { TableModel } from "../../view-models/table-model.js";
import { Layer, truncate, type Box } from "../widgets/draw.js";

/**
 * The issues on the table, one row each: the issue, a pip per option (● your draft, ◇ their
 * offer — shapes, not just colours; click a pip to choose it), your draft's option and points,
 * and their standing offer's option and points. The row with keyboard focus has a yellow frame.
 */
export class IssueRows {
  private layer: Layer;

  constructor(
    private scene: Phaser.Scene,
    private box: Box,
    private u: number,
    private content: ContentFn,
    private labels: { issue: string; draft: string; standing: string; noStanding: string },
    private onPick: (issueIndex: number, optionId: string) => void,
  ) {
    this.layer = new Layer(scene, 2);
  }

  render(scenario: PublicScenario, model: TableModel, focusRow: number, mySymbol: string, theirSymbol: string): void {
    this.layer.clear();
    const { x, y, w, h } = this.box;
    const u = this.u;
    const rows = model.rows;
    const headH = 26 * u;
    const rowH = Math.min(52 * u, (h - headH) / Math.max(1, rows.length));
    const nameW = w * 0.26;
    const pipsW = w * 0.2;
    const colW = (w - nameW - pipsW) / 2;
    const draftX = x + nameW + pipsW;
    const theirX = draftX + colW;
    const size = Math.max(11, Math.min(16, rowH / u / 2.9));
    const head = (tx: number, label: string) => this.layer.add(this.scene.add.text(tx, y, label, textStyle(u, 14, { bold: true, color: colors.muted })));
    head(x + 8 * u, this.labels.issue);
    head(draftX + 8 * u, `${mySymbol} ${this.labels.draft}`);
    head(theirX + 8 * u, `${theirSymbol} ${this.labels.standing}`);

    rows.forEach((row, i) => {
      const ry = y + headH + i * rowH;
      const focused = i === focusRow;
      const plate = this.scene.add
        .rectangle(x, ry + 2 * u, w, rowH - 4 * u, focused ? 0x24453a : 0x183a30, 0.9)
        .setOrigin(0)
        .setRounded(Math.round(6 * u))
        .setStrokeStyle(focused ? 3 : 1, focused ? colors.focus : 0x2f6b58);
      this.layer.add(plate);
      const star = row.roleWeight !== 1 ? ` ${symbols.star}` : "";
      const name = this.scene.add.text(x + 8 * u, ry + rowH / 2, `${row.id}. ${issueName(scenario, row.id, this.content)}${star}`, textStyle(u, size, { bold: true, color: row.roleWeight !== 1 ? colors.warnCss : colors.text })).setOrigin(0, 0.5);
      this.layer.add(truncate(name, nameW - 12 * u));

      // Pips: one per option, left = the no-deal end of the list.
      const n = row.options.length;
      const pipGap = Math.min(24 * u, (pipsW - 10 * u) / n);
      const r = Math.min(8 * u, pipGap * 0.38);
      row.options.forEach((option, j) => {
        const px = x + nameW + 6 * u + pipGap * (j + 0.5);
        const py = ry + rowH / 2;
        const chosen = option.id === row.draft;
        const theirs = option.id === row.standing;
        const hit = this.scene.add.rectangle(px, py, pipGap, rowH - 6 * u, 0xffffff, 0.001).setInteractive({ useHandCursor: true });
        hit.on("pointerup", () => this.onPick(i, option.id));
        this.layer.add(hit);
        if (theirs) this.layer.add(this.scene.add.rectangle(px, py, r * 2.6, r * 2.6).setStrokeStyle(2, 0xffffff).setAngle(45));
        const fill = chosen ? colors.focus : option.redLine ? colors.warn : 0x6f8797;
        this.layer.add(this.scene.add.circle(px, py, chosen ? r * 1.15 : r * 0.7, fill, chosen ? 1 : 0.8));
        if (option.redLine) this.layer.add(this.scene.add.text(px, py - r - 2 * u, symbols.redLine, textStyle(u, 10, { color: colors.warnCss })).setOrigin(0.5, 1));
      });

      const cell = (cx: number, optionId: string | null, points: number | null, empty: string, redLine: boolean) => {
        const label = optionId ? optionLabel(scenario, row.id, optionId, this.content) : empty;
        const pts = points === null ? "" : formatPoints(points);
        const value = this.scene.add.text(cx + colW - 10 * u, ry + rowH / 2, pts, textStyle(u, size + 1, { bold: true })).setOrigin(1, 0.5);
        const text = this.scene.add
          .text(cx + 8 * u, ry + rowH / 2, `${redLine ? `${symbols.redLine} ` : ""}${label}`, textStyle(u, size, { color: optionId ? (redLine ? colors.warnCss : colors.text) : colors.dim }))
          .setOrigin(0, 0.5);
        this.layer.add(truncate(text, colW - value.width - 26 * u));
        this.layer.add(value);
      };
      const draftOption = row.options.find((o) => o.id === row.draft);
      const theirOption = row.options.find((o) => o.id === row.standing);
      cell(draftX, row.draft, row.draftPoints, "", Boolean(draftOption?.redLine));
      cell(theirX, row.standing, row.standingPoints, "—", Boolean(theirOption?.redLine));
      if (row.standing !== null && row.standing !== row.draft) {
        // A thin divider marks where the draft and the offer differ.
        this.layer.add(this.scene.add.rectangle(theirX, ry + 8 * u, 2, rowH - 16 * u, colors.warn, 0.8).setOrigin(0));
      }
    });
  }
}
