import Phaser from "phaser";
import { Button } from "./button.js";
import type { FocusManager } from "./focus.js";
import { colors, textStyle } from "./theme.js";

/**
 * A modal reading panel (assumptions, sources, the real deal's notes): a title and blocks of text,
 * laid out into pages that fit the screen, with ◀ ▶ (P, N) to turn pages and a close button (X). It takes the
 * keyboard while open (Escape closes, like the confirm dialog). A block with a link opens it in a new
 * tab when clicked, so a teacher can check a source from the screen.
 */

export type InfoPanelOptions = {
  title: string;
  blocks: { heading?: string; text: string; link?: string }[];
  close: string;
  prev: string;
  next: string;
  /** "page {page} of {pages}". */
  page: (page: number, pages: number) => string;
  /** A line under the title, e.g. "click a source to open it". */
  hint?: string;
};

export function openInfoPanel(scene: Phaser.Scene, focus: FocusManager, u: number, options: InfoPanelOptions): () => void {
  const { width, height } = scene.scale;
  const objects: Phaser.GameObjects.GameObject[] = [];
  const buttons: Button[] = [];
  focus.pushLayer();
  let closed = false;
  const close = () => {
    if (closed) return;
    closed = true;
    window.removeEventListener("keydown", onEscape, true);
    focus.popLayer();
    for (const o of objects) o.destroy();
    for (const b of buttons) b.destroy();
  };
  const onEscape = (event: KeyboardEvent) => {
    if (event.key === "Escape") {
      event.stopPropagation();
      close();
    }
  };
  window.addEventListener("keydown", onEscape, true);

  const w = Math.min(width - 80 * u, 1100 * u);
  const h = height - 60 * u;
  const x = (width - w) / 2;
  const y = 30 * u;
  const pad = 22 * u;
  objects.push(scene.add.rectangle(0, 0, width, height, 0x000000, 0.65).setOrigin(0).setDepth(900).setInteractive());
  objects.push(scene.add.rectangle(x, y, w, h, colors.panel).setOrigin(0).setStrokeStyle(3, colors.focus).setRounded(Math.round(12 * u)).setDepth(901));
  const title = scene.add.text(x + pad, y + pad, options.title, textStyle(u, 24, { heading: true, bold: true })).setDepth(902);
  objects.push(title);
  let top = title.y + title.height + 8 * u;
  if (options.hint) {
    const hint = scene.add.text(x + pad, top, options.hint, textStyle(u, 13, { color: colors.muted })).setDepth(902);
    objects.push(hint);
    top += hint.height + 6 * u;
  }
  const buttonH = 44 * u;
  const bottom = y + h - pad - buttonH - 12 * u;
  const textW = w - 2 * pad;

  // Lay the blocks out into pages: a block that would cross the bottom starts the next page.
  const pages: Phaser.GameObjects.Container[] = [];
  let page = scene.add.container(0, 0).setDepth(902);
  let cy = top;
  for (const block of options.blocks) {
    const parts: Phaser.GameObjects.Text[] = [];
    let by = 0;
    if (block.heading) {
      const heading = scene.add.text(x + pad, 0, block.heading, textStyle(u, 16, { bold: true, color: colors.focusCss, wordWrap: { width: textW } }));
      parts.push(heading);
      by += heading.height + 2 * u;
    }
    if (block.text) {
      const body = scene.add.text(x + pad, by, block.text, textStyle(u, block.link ? 13 : 14, { color: colors.text, wordWrap: { width: textW }, lineSpacing: 3 * u }));
      parts.push(body);
      by += body.height;
      if (block.link) {
        const link = block.link;
        body.setInteractive({ useHandCursor: true }).on("pointerup", () => window.open(link, "_blank", "noopener"));
        const url = scene.add.text(x + pad + 16 * u, by, link, textStyle(u, 11, { color: colors.muted, wordWrap: { width: textW - 16 * u } }));
        url.setInteractive({ useHandCursor: true }).on("pointerup", () => window.open(link, "_blank", "noopener"));
        parts.push(url);
        by += url.height;
      }
    }
    if (cy + by > bottom && page.length > 0) {
      pages.push(page);
      page = scene.add.container(0, 0).setDepth(902);
      cy = top;
    }
    for (const part of parts) {
      part.setY(part.y + cy);
      page.add(part);
    }
    cy += by + (block.link ? 7 : 12) * u;
  }
  pages.push(page);
  objects.push(...pages);

  const pageLabel = scene.add.text(x + w / 2, bottom + 12 * u + buttonH / 2, "", textStyle(u, 14, { color: colors.muted })).setOrigin(0.5).setDepth(902);
  objects.push(pageLabel);
  let current = 0;
  const show = (index: number) => {
    current = Math.max(0, Math.min(pages.length - 1, index));
    pages.forEach((p, i) => p.setVisible(i === current));
    pageLabel.setText(pages.length > 1 ? options.page(current + 1, pages.length) : "");
    prev?.setEnabled(current > 0);
    next?.setEnabled(current < pages.length - 1);
  };
  const by = bottom + 12 * u;
  const prev = pages.length > 1 ? new Button(scene, { id: "panel-prev", x: x + pad, y: by, width: 150 * u, height: buttonH, label: options.prev, u, shortcut: "p", onPress: () => show(current - 1) }) : null;
  const next = pages.length > 1 ? new Button(scene, { id: "panel-next", x: x + pad + 160 * u, y: by, width: 150 * u, height: buttonH, label: options.next, u, shortcut: "n", onPress: () => show(current + 1) }) : null;
  const closeButton = new Button(scene, { id: "panel-close", x: x + w - pad - 200 * u, y: by, width: 200 * u, height: buttonH, label: options.close, u, kind: "primary", shortcut: "x", onPress: close });
  for (const b of [prev, next, closeButton]) {
    if (!b) continue;
    b.setDepth(903);
    buttons.push(b);
    focus.add(b);
  }
  show(0);
  focus.focus("panel-close");
  return close;
}
