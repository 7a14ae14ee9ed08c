import type { ClassKit } from "./class-kit.js";

/**
 * The rows of the inject panel's event list: each as tall as its caption needs (one line, or two
 * for a long name in a narrow panel at 800×600), so no caption spills out of its row. One column
 * when it fits the room; two columns (rows as tall as the taller of the pair) when it does not.
 */

export type DeckRow = { id: string; x: number; y: number; width: number; height: number };

/** Positions relative to the list's top-left corner. */
export function deckRows(kit: ClassKit, items: { id: string; caption: string }[], width: number, room: number): DeckRow[] {
  const { u } = kit;
  const gap = Math.max(2, 4 * u);
  // A caption as the button draws it: 12-px type wrapped 12 units inside the plate, clear of its edges.
  const heightIn = (w: number, caption: string) => {
    const probe = kit.text(0, 0, caption, kit.style(12, { align: "center", wordWrap: { width: w - 12 * u } }));
    const h = probe.height;
    probe.destroy();
    return Math.max(28 * u, h + 3);
  };
  const layout = (columns: number): DeckRow[] => {
    const colW = (width - (columns - 1) * 6 * u) / columns;
    const perColumn = Math.ceil(items.length / columns);
    const heights = items.map((item) => heightIn(colW, item.caption));
    const rows: DeckRow[] = [];
    let y = 0;
    for (let r = 0; r < perColumn; r++) {
      const inRow = Array.from({ length: columns }, (_, c) => c * perColumn + r).filter((i) => i < items.length);
      const h = Math.max(...inRow.map((i) => heights[i]!));
      inRow.forEach((i, c) => rows.push({ id: items[i]!.id, x: c * (colW + 6 * u), y, width: colW, height: h }));
      y += h + gap;
    }
    return rows;
  };
  const bottom = (rows: DeckRow[]) => Math.max(0, ...rows.map((r) => r.y + r.height));
  const one = layout(1);
  if (bottom(one) <= room) return one;
  const two = layout(2);
  return bottom(two) < bottom(one) ? two : one;
}
