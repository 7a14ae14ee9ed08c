import Phaser from "phaser";
import { Button } from "./button.js";
import type { FocusManager } from "./focus.js";
import { colors, symbols, textStyle } from "./theme.js";

/**
 * A modal yes/no question (accept, walk away, propose). It takes the keyboard while open: Y or
 * Enter on "Yes", N or Escape closes, Tab moves between the two. A risky decision (`alerts`: worse
 * than no deal, across a red line…) says so in its first lines, with the numbers, and starts
 * on the safe answer, so Enter cancels.
 */

export type ConfirmOptions = {
  title: string;
  body: string;
  warning?: string;
  /** First lines, above the title, in the warning colour; the dialog then focuses "no". */
  alerts?: string[];
  yes: string;
  no: string;
  onYes: () => void;
};

export function openConfirm(scene: Phaser.Scene, focus: FocusManager, u: number, options: ConfirmOptions): () => void {
  const { width, height } = scene.scale;
  const objects: Phaser.GameObjects.GameObject[] = [];
  const buttons: Button[] = [];
  focus.pushLayer();
  const close = () => {
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

  const shade = scene.add.rectangle(0, 0, width, height, 0x000000, 0.6).setOrigin(0).setDepth(900).setInteractive();
  const w = Math.min(width * 0.6, 720 * u);
  const x = (width - w) / 2;
  const pad = 24 * u;
  const alertText = options.alerts?.length
    ? scene.add
        .text(x + pad, 0, options.alerts.map((a) => `${symbols.warn} ${a}`).join("\n"), textStyle(u, 18, { color: colors.warnCss, bold: true, wordWrap: { width: w - 2 * pad }, lineSpacing: 4 * u }))
        .setDepth(902)
    : null;
  const title = scene.add.text(x + pad, 0, options.title, textStyle(u, 24, { heading: true, wordWrap: { width: w - 2 * pad } })).setDepth(902);
  const body = scene.add.text(x + pad, 0, options.body, textStyle(u, 18, { wordWrap: { width: w - 2 * pad }, lineSpacing: 4 * u })).setDepth(902);
  const warning = options.warning
    ? scene.add
        .text(x + pad, 0, `${symbols.warn} ${options.warning}`, textStyle(u, 17, { color: colors.warnCss, bold: true, wordWrap: { width: w - 2 * pad } }))
        .setDepth(902)
    : null;
  const buttonH = 48 * u;
  const alertH = alertText ? alertText.height + 14 * u : 0;
  const h = pad + alertH + title.height + 14 * u + body.height + (warning ? warning.height + 14 * u : 0) + 20 * u + buttonH + pad;
  const y = (height - h) / 2;
  const panel = scene.add.rectangle(x, y, w, h, colors.panel).setOrigin(0).setStrokeStyle(3, colors.focus).setRounded(Math.round(12 * u)).setDepth(901);
  alertText?.setY(y + pad);
  title.setY(y + pad + alertH);
  body.setY(title.y + title.height + 14 * u);
  warning?.setY(body.y + body.height + 14 * u);
  objects.push(shade, panel, ...(alertText ? [alertText] : []), title, body, ...(warning ? [warning] : []));

  const buttonW = (w - 2 * pad - 16 * u) / 2;
  const buttonY = y + h - pad - buttonH;
  const yes = new Button(scene, { id: "confirm-yes", x: x + pad, y: buttonY, width: buttonW, height: buttonH, label: options.yes, u, kind: alertText ? "danger" : "primary", shortcut: "y", onPress: () => (close(), options.onYes()) });
  const no = new Button(scene, { id: "confirm-no", x: x + pad + buttonW + 16 * u, y: buttonY, width: buttonW, height: buttonH, label: options.no, u, shortcut: "n", onPress: close });
  for (const b of [yes, no]) {
    b.setDepth(903);
    buttons.push(b);
    focus.add(b);
  }
  focus.focus(alertText ? "confirm-no" : "confirm-yes");
  return close;
}
