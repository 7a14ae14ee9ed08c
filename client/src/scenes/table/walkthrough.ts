import type Phaser from "phaser";
import { Button } from "../../ui/button.js";
import type { FocusManager } from "../../ui/focus.js";
import { colors, textStyle } from "../../ui/theme.js";
import type { Box } from "../widgets/draw.js";

/**
 * "How to play": a short tour of the table, one part at a time (about a minute in all). Each
 * step darkens the screen around one part, frames it, and explains it beside it. It takes the
 * keyboard like a dialog: Enter goes on, Escape (or "Skip") ends it at once. The table opens
 * it on a first visit and with H or its button at any time.
 */

export type WalkStep = { title: string; body: string; area: Box };
export type WalkLabels = { next: string; done: string; skip: string; step: (n: number, total: number) => string };

export function openWalkthrough(scene: Phaser.Scene, focus: FocusManager, u: number, steps: WalkStep[], labels: WalkLabels, onClose: () => void): () => void {
  const { width: W, height: H } = scene.scale;
  let objects: Phaser.GameObjects.GameObject[] = [];
  let buttons: Button[] = [];
  let index = 0;
  let open = true;
  focus.pushLayer();
  const clear = () => {
    for (const o of objects) o.destroy();
    for (const b of buttons) b.destroy();
    objects = [];
    buttons = [];
  };
  const close = () => {
    if (!open) return;
    open = false;
    window.removeEventListener("keydown", onEscape, true);
    clear();
    focus.popLayer();
    onClose();
  };
  const onEscape = (event: KeyboardEvent) => {
    if (event.key !== "Escape") return;
    event.stopPropagation();
    close();
  };
  window.addEventListener("keydown", onEscape, true);

  const draw = () => {
    clear();
    focus.popLayer();
    focus.pushLayer();
    const step = steps[index]!;
    const pad = 8 * u;
    const a = { x: Math.max(0, step.area.x - pad), y: Math.max(0, step.area.y - pad), w: step.area.w + 2 * pad, h: step.area.h + 2 * pad };
    // The screen darkened everywhere but the part explained (four plates around it), which is framed.
    const shade = (x: number, y: number, w: number, h: number) => objects.push(scene.add.rectangle(x, y, Math.max(0, w), Math.max(0, h), 0x000000, 0.62).setOrigin(0).setDepth(950).setInteractive());
    shade(0, 0, W, a.y);
    shade(0, a.y + a.h, W, H - a.y - a.h);
    shade(0, a.y, a.x, a.h);
    shade(a.x + a.w, a.y, W - a.x - a.w, a.h);
    objects.push(scene.add.rectangle(a.x, a.y, a.w, a.h).setOrigin(0).setStrokeStyle(3, 0xffffff).setDepth(951));

    // The card beside the part: right of it if there is room, else left, else below or above.
    const cardW = Math.min(380 * u, W - 32 * u);
    const inner = cardW - 36 * u;
    const counter = scene.add.text(0, 0, labels.step(index + 1, steps.length), textStyle(u, 13, { color: colors.muted })).setDepth(953);
    const title = scene.add.text(0, 0, step.title, textStyle(u, 20, { heading: true, bold: true, wordWrap: { width: inner } })).setDepth(953);
    const body = scene.add.text(0, 0, step.body, textStyle(u, 15, { wordWrap: { width: inner }, lineSpacing: 3 * u })).setDepth(953);
    const buttonH = 42 * u;
    const cardH = 18 * u + counter.height + 6 * u + title.height + 10 * u + body.height + 18 * u + buttonH + 18 * u;
    let cx: number;
    let cy: number;
    if (a.x + a.w + 16 * u + cardW <= W) (cx = a.x + a.w + 16 * u), (cy = a.y);
    else if (a.x - 16 * u - cardW >= 0) (cx = a.x - 16 * u - cardW), (cy = a.y);
    else (cx = (W - cardW) / 2), (cy = a.y + a.h + 16 * u + cardH <= H ? a.y + a.h + 16 * u : a.y - 16 * u - cardH);
    cy = Math.max(12 * u, Math.min(cy, H - cardH - 12 * u));
    const card = scene.add.rectangle(cx, cy, cardW, cardH, colors.panel).setOrigin(0).setStrokeStyle(3, colors.focus).setRounded(Math.round(12 * u)).setDepth(952).setInteractive();
    counter.setPosition(cx + 18 * u, cy + 18 * u);
    title.setPosition(cx + 18 * u, counter.y + counter.height + 6 * u);
    body.setPosition(cx + 18 * u, title.y + title.height + 10 * u);
    objects.push(card, counter, title, body);

    const last = index === steps.length - 1;
    const bw = (cardW - 36 * u - 12 * u) / 2;
    const by = cy + cardH - 18 * u - buttonH;
    const skip = new Button(scene, { id: "walk-skip", x: cx + 18 * u, y: by, width: bw, height: buttonH, label: labels.skip, u, fontSize: 15, shortcut: "s", onPress: close });
    const next = new Button(scene, {
      id: "walk-next", x: cx + 18 * u + bw + 12 * u, y: by, width: bw, height: buttonH, label: last ? labels.done : labels.next, u, kind: "primary", fontSize: 15, shortcut: "n",
      onPress: () => (last ? close() : ((index += 1), draw())),
    });
    for (const b of [skip, next]) {
      b.setDepth(953);
      buttons.push(b);
      focus.add(b);
    }
    focus.focus("walk-next");
  };
  draw();
  return close;
}
