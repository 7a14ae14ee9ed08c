import type Phaser from "phaser";
import { textStyle } from "../../ui/theme.js";

/**
 * Where the table's five moves go: one row when every caption fits its fifth of the table on one
 * line (1280×720 and up), else two rows — the three moves that end or answer an offer, then the
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
  const pad = 16 * u;
  const style = textStyle(u, fontSize);
  const oneRowW = (width - (moves.length - 1) * gap) / moves.length;
  const fitsIn = (w: number, ids: string[]) => ids.every((id) => measuredWidth(scene, moves.find((m) => m.id === id)?.caption ?? "", style) + pad <= w);
  const rows = fitsIn(oneRowW, moves.map((m) => m.id)) ? [moves.map((m) => m.id)] : twoRowOrder;
  // One row keeps the tall buttons of the big screens; two rows take a one-line caption with room around it.
  const height = rows.length === 1 ? 50 * u : Math.max(28, 34 * u);
  const rowGap = 6 * u;
  const top = bottom - rows.length * height - (rows.length - 1) * rowGap;
  const slots = rows.flatMap((ids, r) => {
    const w = (width - (ids.length - 1) * gap) / ids.length;
    return ids.map((id, i) => ({ id, x: x + i * (w + gap), y: top + r * (height + rowGap), width: w, height }));
  });
  return { slots, top };
}
