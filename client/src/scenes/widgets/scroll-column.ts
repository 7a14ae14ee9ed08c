import Phaser from "phaser";

/**
 * A column of texts taller than its box, scrolled instead of shrunk below the smallest type
 * size: each text is moved by the offset and cropped to the box (no mask needed), and one wholly
 * outside it is hidden. `overflow` is how far it can scroll (0 = it fits).
 */
export class ScrollColumn {
  private offset = 0;
  private readonly texts: { text: Phaser.GameObjects.Text; y: number }[];
  readonly overflow: number;

  constructor(container: Phaser.GameObjects.Container, private readonly box: { x: number; y: number; w: number; h: number }) {
    this.texts = container.list.filter((o): o is Phaser.GameObjects.Text => o instanceof Phaser.GameObjects.Text).map((text) => ({ text, y: text.y }));
    const bottom = Math.max(box.y, ...this.texts.map((t) => t.y + t.text.height));
    this.overflow = Math.max(0, Math.ceil(bottom - (box.y + box.h)));
    this.apply();
  }

  contains(x: number, y: number): boolean {
    return x >= this.box.x && x <= this.box.x + this.box.w && y >= this.box.y && y <= this.box.y + this.box.h;
  }

  /** Scrolls by `dy` pixels (positive: further down the text); true if it moved. */
  scrollBy(dy: number): boolean {
    const next = Math.min(this.overflow, Math.max(0, this.offset + dy));
    if (next === this.offset) return false;
    this.offset = next;
    this.apply();
    return true;
  }

  private apply(): void {
    const top = this.box.y;
    const bottom = this.box.y + this.box.h;
    for (const { text, y } of this.texts) {
      const at = y - this.offset;
      text.setY(at);
      const from = Math.max(0, top - at);
      const to = Math.min(text.height, bottom - at);
      if (to <= from) {
        text.setVisible(false);
        continue;
      }
      // Crops are in the text's texture pixels, which are drawn at its resolution.
      const r = text.style.resolution || 1;
      text.setVisible(true).setCrop(0, from * r, text.width * r, (to - from) * r);
      // What is left in view, for the test hook (a crop does not change a text's bounds).
      text.setData("shown", { x: text.x, y: at + from, width: text.width, height: to - from });
    }
  }
}
