import type Phaser from "phaser";

/** Small drawing helpers shared by the widgets. */

export type Box = { x: number; y: number; w: number; h: number };

/** Cuts a one-line text with "…" until it fits `maxWidth`. */
export function truncate(text: Phaser.GameObjects.Text, maxWidth: number): Phaser.GameObjects.Text {
  if (text.width <= maxWidth) return text;
  let content = text.text;
  while (content.length > 1 && text.width > maxWidth) {
    content = content.slice(0, -1);
    text.setText(`${content.trimEnd()}…`);
  }
  return text;
}

/** "Week of 30 May (G7 summit …)" → "30 May"; "5月30日の週（…）" → "5月30日". */
export function shortWeek(label: string): string {
  return label
    .replace(/\s*[(（].*$/, "")
    .replace(/\s*—.*$/, "")
    .replace(/^Week of\s+/i, "")
    .replace(/の週$/, "")
    .trim();
}

/** A container whose children are replaced wholesale on each render. */
export class Layer {
  readonly container: Phaser.GameObjects.Container;
  constructor(scene: Phaser.Scene, depth = 0) {
    this.container = scene.add.container(0, 0).setDepth(depth);
  }
  clear(): void {
    this.container.removeAll(true);
  }
  add<T extends Phaser.GameObjects.GameObject>(object: T): T {
    this.container.add(object);
    return object;
  }
}

/** Where a text drawn with its origin at the top ends (for stacking texts by their measured height). */
export const bottomOf = (text: Phaser.GameObjects.Text): number => text.y + (1 - text.originY) * text.displayHeight;
