import type Phaser from "phaser";
import { textStyle } from "../../ui/theme.js";

/**
 * Where the table's five moves go: one row when every caption fits its fifth of the table (on two
 * lines at most, 1280×720 and up), else two rows — the three moves that end or answer an offer, then the
 * two that edit the draft — so no caption wraps or is cut at 800×600 (12-px type stays 12 px).
 */

export type MoveSpec = { id: string; caption: string };
export type MoveSlot = { id: string; x: number; y: number; width: number; height: number };

/** The width `content` takes on one line in a text style (measured with a throwaway text object). */
export function measuredWidth(scene: Phaser.Scene, content: string, style: ReturnType<typeof textStyle>): number {
  const probe = scene.add.text(0, 0, content, style);
  const width = probe.width;
  probe.destroy();
  return width;
}

/** The moves laid out in the box above the player's delegation (x, width; `bottom` is where they must end). */
export function layoutMoves(scene: Phaser.Scene, u: number, fontSize: number, moves: MoveSpec[], twoRowOrder: string[][], x: number, width: number, bottom: number): { slots: MoveSlot[]; top: number } {
  const gap = 10 * u;
  const tall = 50 * u;
  const oneRowW = (width - (moves.length - 1) * gap) / moves.length;
  // As the button wraps it (12 units in from the plate's sides), with 3 px clear above and below.
  const fits = (caption: string) => {
    const probe = scene.add.text(0, 0, caption, textStyle(u, fontSize, { align: "center", wordWrap: { width: oneRowW - 12 * u } }));
    const ok = probe.width <= oneRowW - 12 * u && probe.height <= tall - 6;
    probe.destroy();
    return ok;
  };
  const rows = moves.every((m) => fits(m.caption)) ? [moves.map((m) => m.id)] : twoRowOrder;
  // One row keeps the tall buttons of the big screens (a caption may take two lines there); two rows take one line each.
  const height = rows.length === 1 ? tall : Math.max(28, 34 * u);
  const rowGap = 6 * u;
  const top = bottom - rows.length * height - (rows.length - 1) * rowGap;
  const slots = rows.flatMap((ids, r) => {
    const w = (width - (ids.length - 1) * gap) / ids.length;
    return ids.map((id, i) => ({ id, x: x + i * (w + gap), y: top + r * (height + rowGap), width: w, height }));
  });
  return { slots, top };
}

/**
 * Two buttons side by side at the foot of a column, or one above the other when a label would
 * break inside a word there ("ブリーフィ/ング" at 800×600). `bottom` is where the lower one ends.
 */
export function sideBySide(scene: Phaser.Scene, u: number, fontSize: number, labels: string[], x: number, width: number, bottom: number, height: number): { x: number; y: number; width: number; height: number }[] {
  const gap = 8 * u;
  const half = (width - gap) / 2;
  const style = textStyle(u, fontSize);
  if (labels.every((label) => measuredWidth(scene, label, style) <= half - 12 * u)) return labels.map((_, i) => ({ x: x + i * (half + gap), y: bottom - height, width: half, height }));
  const rowH = Math.max(28, height * 0.8);
  return labels.map((_, i) => ({ x, y: bottom - (labels.length - i) * rowH - (labels.length - 1 - i) * gap, width, height: rowH }));
}

/** The keys line broken between its items ("P propose · A accept"), never inside one, to fit `width`. */
export function keysLines(scene: Phaser.Scene, style: ReturnType<typeof textStyle>, text: string, width: number): string {
  const parts = text.split(/( · |・)/);
  const lines: string[] = [];
  let line = parts[0] ?? "";
  for (let i = 1; i + 1 < parts.length; i += 2) {
    const candidate = `${line}${parts[i]}${parts[i + 1]}`;
    if (measuredWidth(scene, candidate, style) > width) {
      lines.push(parts[i] === "・" ? line : `${line} ·`);
      line = parts[i + 1]!;
    } else line = candidate;
  }
  return [...lines, line].join("\n");
}
