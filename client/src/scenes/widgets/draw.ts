import type Phaser from "phaser";

/** Small drawing helpers shared by the widgets. */

export type Box = { x: number; y: number; w: number; h: number };

/** Cuts a one-line text with "…" until it fits `maxWidth` (the whole text stays in its data as "cut", for the test hook). */
export function truncate(text: Phaser.GameObjects.Text, maxWidth: number): Phaser.GameObjects.Text {
  if (text.width <= maxWidth) return text;
  let content = text.text;
  text.setData("cut", content);
  while (content.length > 1 && text.width > maxWidth) {
    content = content.slice(0, -1);
    text.setText(`${content.trimEnd()}…`);
  }
  return text;
}

/** `truncate` for a name from the scenario or a seat (an issue, an option, a player): names may be cut, a screen's own labels may not. */
export function truncateName(text: Phaser.GameObjects.Text, maxWidth: number): Phaser.GameObjects.Text {
  return truncate(text, maxWidth).setData("name", true);
}

/** Marks the box a text must stay inside (its row or card), which the test hook reports with it. */
export function keepWithin(text: Phaser.GameObjects.Text, box: () => { x: number; y: number; width: number; height: number }): Phaser.GameObjects.Text {
  return text.setData("within", box);
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
