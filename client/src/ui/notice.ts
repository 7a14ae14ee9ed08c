import type Phaser from "phaser";
import { Button } from "./button.js";
import type { FocusManager } from "./focus.js";
import { colors, symbols, textStyle } from "./theme.js";

/**
 * A modal notice with one button: a title, a sentence, and a list of lines (a file's problems,
 * `path: reason`). It takes the keyboard while open: Enter, Space or Escape close it.
 */

export type NoticeOptions = { title: string; body: string; lines: string[]; ok: string; onClose?: () => void };

export function openNotice(scene: Phaser.Scene, focus: FocusManager, u: number, options: NoticeOptions): () => void {
  const { width, height } = scene.scale;
  const objects: Phaser.GameObjects.GameObject[] = [];
  let closed = false;
  focus.pushLayer();
  // The scene's text fields are HTML over the canvas: hidden while the notice covers the screen.
  const fields = Array.from(document.querySelectorAll<HTMLInputElement>("input[id^='field-']")).filter((f) => f.style.visibility !== "hidden");
  for (const f of fields) f.style.visibility = "hidden";
  const close = () => {
    if (closed) return;
    closed = true;
    window.removeEventListener("keydown", onEscape, true);
    focus.popLayer();
    for (const f of fields) f.style.visibility = "";
    for (const o of objects) o.destroy();
    ok.destroy();
    options.onClose?.();
  };
  const onEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    close();
  };
  window.addEventListener("keydown", onEscape, true);

  const w = Math.min(width * 0.8, 900 * u);
  const x = (width - w) / 2;
  const pad = 24 * u;
  const wrap = { wordWrap: { width: w - 2 * pad } };
  const shade = scene.add.rectangle(0, 0, width, height, 0x000000, 0.6).setOrigin(0).setDepth(900).setInteractive();
  const title = scene.add.text(x + pad, 0, `${symbols.warn} ${options.title}`, textStyle(u, 22, { heading: true, color: colors.warnCss, ...wrap })).setDepth(902);
  const body = scene.add.text(x + pad, 0, options.body, textStyle(u, 16, { ...wrap, lineSpacing: 4 * u })).setDepth(902);
  const lines = options.lines.map((line) => scene.add.text(x + pad, 0, `• ${line}`, textStyle(u, 15, { ...wrap })).setDepth(902));
  const buttonH = 48 * u;
  const listH = lines.reduce((sum, line) => sum + line.height + 4 * u, 0);
  const h = pad + title.height + 12 * u + body.height + 14 * u + listH + 16 * u + buttonH + pad;
  const y = Math.max(8 * u, (height - h) / 2);
  const panel = scene.add.rectangle(x, y, w, h, colors.panel).setOrigin(0).setStrokeStyle(3, colors.focus).setRounded(Math.round(12 * u)).setDepth(901);
  title.setY(y + pad);
  body.setY(title.y + title.height + 12 * u);
  let lineY = body.y + body.height + 14 * u;
  for (const line of lines) {
    line.setY(lineY);
    lineY += line.height + 4 * u;
  }
  objects.push(shade, panel, title, body, ...lines);
  const buttonW = 220 * u;
  const ok = new Button(scene, { id: "notice-ok", x: x + (w - buttonW) / 2, y: y + h - pad - buttonH, width: buttonW, height: buttonH, label: options.ok, u, kind: "primary", onPress: close });
  ok.setDepth(903);
  focus.add(ok);
  focus.focus("notice-ok");
  return close;
}
