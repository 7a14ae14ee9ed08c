import type Phaser from "phaser";
import type { PublicScenario } from "../../../../shared/index.js";
import { colors, symbols, textStyle } from "../../ui/theme.js";
import { formatPoints, issueName, optionLabel, type ContentFn } from "../../view-models/names.js";
import type { TableModel } from "../../view-models/table-model.js";
import { Layer, truncateName, type Box } from "../widgets/draw.js";

/**
 * The issues on the table, one row each: the issue, a pip per option (● your draft, ◇ their
 * offer — shapes, not just colours; click a pip to choose it), your draft's option and points,
 * and their standing offer's option and points. The row the arrow keys move has a white frame.
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
    const pipsW = Math.min(w * 0.3, 200 * u);
    const colW = w / 2;
    // The column heads wrap onto a second line in a narrow column (800×600) rather than being cut.
    const head = (tx: number, label: string) => this.layer.add(this.scene.add.text(tx, y, label, textStyle(u, 14, { bold: true, color: colors.muted, wordWrap: { width: colW - 14 * u } })));
    const theirs = head(x + colW + 10 * u, `${theirSymbol} ${this.labels.standing}${model.standing ? "" : ` — ${this.labels.noStanding}`}`);
    // Too long for one line: "— no offer on the table" goes whole onto the second, not a word or two of it.
    if (theirs.getWrappedText().length > 1) theirs.setText(`${theirSymbol} ${this.labels.standing}\n${this.labels.noStanding}`);
    const heads = [head(x + 10 * u, `${mySymbol} ${this.labels.draft}`), theirs];
    const headH = Math.max(24 * u, ...heads.map((t) => t.height + 2 * u));
    const rowH = Math.min(60 * u, (h - headH) / Math.max(1, rows.length));
    const size = Math.max(11, Math.min(16, rowH / u / 3.3));

    rows.forEach((row, i) => {
      const ry = y + headH + i * rowH;
      const focused = i === focusRow;
      const plate = this.scene.add
        .rectangle(x, ry + 2 * u, w, rowH - 4 * u, focused ? 0x24453a : 0x183a30, 0.92)
        .setOrigin(0)
        .setRounded(Math.round(6 * u))
        // White, not the focus yellow: the row the arrows move is a cursor; yellow frames only the widget Tab is on.
        .setStrokeStyle(focused ? 3 : 1, focused ? 0xffffff : 0x2f6b58);
      this.layer.add(plate);
      const line1 = ry + 4 * u + rowH * 0.26;
      const line2 = ry + rowH * 0.7;
      const star = row.roleWeight !== 1 ? ` ${symbols.star}` : "";
      const name = this.scene.add
        .text(x + 10 * u, line1, `${row.id}. ${issueName(scenario, row.id, this.content)}${star}`, textStyle(u, size, { bold: true, color: row.roleWeight !== 1 ? colors.warnCss : colors.text }))
        .setOrigin(0, 0.5);
      this.layer.add(truncateName(name, w - pipsW - 24 * u));

      // Pips: one per option, from the no-deal end of the list; click one to choose it.
      const n = row.options.length;
      const pipGap = Math.min(26 * u, pipsW / n);
      const r = Math.min(7 * u, pipGap * 0.34);
      const pipsX = x + w - 10 * u - pipGap * n;
      row.options.forEach((option, j) => {
        const px = pipsX + pipGap * (j + 0.5);
        const py = line1;
        const chosen = option.id === row.draft;
        const theirs = option.id === row.standing;
        const hit = this.scene.add.rectangle(px, ry + rowH / 2, pipGap, rowH - 6 * u, 0xffffff, 0.001).setInteractive({ useHandCursor: true });
        hit.on("pointerup", () => this.onPick(i, option.id));
        this.layer.add(hit);
        if (theirs) this.layer.add(this.scene.add.rectangle(px, py, r * 2.4, r * 2.4).setStrokeStyle(2, 0xffffff).setAngle(45));
        const fill = chosen ? colors.focus : option.redLine ? colors.warn : 0x6f8797;
        // A red line's option is a warning triangle, not a dot (its shape says it, not only its colour); a "⚠" drawn
        // under the dot ran into the offer's points at the row's end. The option's words carry "⚠" too.
        if (option.redLine) {
          const s = chosen ? r * 2.6 : r * 1.9;
          this.layer.add(this.scene.add.triangle(px, py, 0, s, s / 2, 0, s, s, fill, chosen ? 1 : 0.95));
        } else this.layer.add(this.scene.add.circle(px, py, chosen ? r * 1.1 : r * 0.6, fill, chosen ? 1 : 0.85));
      });

      const cell = (cx: number, optionId: string | null, points: number | null, redLine: boolean) => {
        if (!optionId) return;
        const value = this.scene.add.text(cx + colW - 12 * u, line2, formatPoints(points ?? 0), textStyle(u, size + 1, { bold: true })).setOrigin(1, 0.5);
        const label = this.scene.add
          .text(cx + 10 * u, line2, `${redLine ? `${symbols.redLine} ` : ""}${optionLabel(scenario, row.id, optionId, this.content)}`, textStyle(u, size - 1, { color: redLine ? colors.warnCss : colors.muted }))
          .setOrigin(0, 0.5);
        this.layer.add(truncateName(label, colW - value.width - 30 * u));
        this.layer.add(value);
      };
      const draftOption = row.options.find((o) => o.id === row.draft);
      const theirOption = row.options.find((o) => o.id === row.standing);
      cell(x, row.draft, row.draftPoints, Boolean(draftOption?.redLine));
      cell(x + colW, row.standing, row.standingPoints, Boolean(theirOption?.redLine));
      // A divider between draft and offer: thick where they differ, faint where they agree (the texts say it too).
      const differs = row.standing !== null && row.standing !== row.draft;
      this.layer.add(this.scene.add.rectangle(x + colW, line2 - 9 * u, differs ? 3 : 1, 18 * u, differs ? colors.warn : 0xffffff, differs ? 1 : 0.3).setOrigin(0.5, 0));
    });
  }
}
