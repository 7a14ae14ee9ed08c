import Phaser from "phaser";
import type { Bounds, Focusable } from "./focus.js";
import { colors, textStyle } from "./theme.js";

/**
 * A canvas button: a rounded plate, a label and its shortcut key in brackets, hover and
 * keyboard-focus states (a thick yellow ring, not a colour change alone), and a disabled look.
 */

export type ButtonKind = "normal" | "primary" | "danger" | "toggle";

export type ButtonOptions = {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  u: number;
  kind?: ButtonKind;
  shortcut?: string;
  fontSize?: number;
  onPress: () => void;
  /** Toggles: drawn selected (with ✓) while this returns true. */
  selected?: () => boolean;
};

const fills: Record<ButtonKind, [number, number]> = {
  normal: [colors.button, colors.buttonHover],
  primary: [colors.buttonPrimary, colors.buttonPrimaryHover],
  danger: [colors.buttonDanger, colors.buttonDangerHover],
  toggle: [colors.panelRaised, colors.buttonHover],
};

export class Button implements Focusable {
  readonly id: string;
  readonly shortcut: string | undefined;
  label: string;
  private plate: Phaser.GameObjects.Rectangle;
  private text: Phaser.GameObjects.Text;
  private hovered = false;
  private focused = false;
  private isEnabled = true;
  private options: ButtonOptions;

  constructor(
    private scene: Phaser.Scene,
    options: ButtonOptions,
  ) {
    this.options = options;
    this.id = options.id;
    this.label = options.label;
    this.shortcut = options.shortcut?.toLowerCase();
    const { x, y, width, height, u } = options;
    this.plate = scene.add.rectangle(x, y, width, height, fills[options.kind ?? "normal"][0]).setOrigin(0).setRounded(Math.round(8 * u));
    this.plate.setInteractive({ useHandCursor: true });
    this.plate.on("pointerover", () => this.setHovered(true));
    this.plate.on("pointerout", () => this.setHovered(false));
    this.plate.on("pointerup", () => {
      if (this.isEnabled) options.onPress();
    });
    this.text = scene.add
      .text(x + width / 2, y + height / 2, "", textStyle(u, options.fontSize ?? 17, { align: "center", wordWrap: { width: width - 12 * u } }))
      .setOrigin(0.5)
      // The test hook checks that the caption stays on its plate.
      .setData("within", () => this.bounds());
    this.redraw();
  }

  private caption(): string {
    const tick = this.options.kind === "toggle" && this.options.selected?.() ? "✓ " : "";
    const key = this.shortcut ? `  [${this.shortcut.toUpperCase()}]` : "";
    return `${tick}${this.label}${key}`;
  }

  redraw(): void {
    if (!this.plate.scene) return; // destroyed with its dialog or scene
    const kind = this.options.kind ?? "normal";
    const selected = kind === "toggle" && (this.options.selected?.() ?? false);
    const [base, hover] = fills[kind];
    const fill = !this.isEnabled ? colors.buttonDisabled : selected ? colors.buttonPrimary : this.hovered ? hover : base;
    this.plate.setFillStyle(fill);
    if (this.focused) this.plate.setStrokeStyle(Math.max(3, 3 * this.options.u), colors.focus);
    else if (selected) this.plate.setStrokeStyle(Math.max(2, 2 * this.options.u), 0xffffff, 0.9);
    else this.plate.setStrokeStyle(1, colors.panelBorder, 0.8);
    this.text.setText(this.caption());
    // A caption taller than its plate (small screens) drops the "[K]" hint first; the key still works.
    // So does one the hint pushes onto a second line that leaves no room around it, when the label alone fits on one.
    const bare = this.caption().replace(/\s+\[[^\]]+\]$/, "");
    const cramped = this.text.height > this.options.height - 6 && this.text.getWrappedText().length > 1 && this.text.getWrappedText(bare).length === 1;
    if (this.shortcut && (this.text.height > this.options.height || cramped)) this.text.setText(bare);
    this.text.setColor(this.isEnabled ? colors.text : colors.dim);
  }

  private setHovered(hovered: boolean): void {
    this.hovered = hovered;
    this.redraw();
  }

  setFocused(focused: boolean): void {
    this.focused = focused;
    this.redraw();
  }

  setEnabled(enabled: boolean): this {
    if (enabled !== this.isEnabled) {
      this.isEnabled = enabled;
      this.redraw();
    }
    return this;
  }

  setLabel(label: string): this {
    this.label = label;
    this.redraw();
    return this;
  }

  setVisible(visible: boolean): this {
    this.plate.setVisible(visible);
    this.text.setVisible(visible);
    if (!visible) this.isEnabled = false;
    return this;
  }

  enabled(): boolean {
    return this.isEnabled && this.plate.visible;
  }

  activate(): void {
    if (this.enabled()) this.options.onPress();
  }

  bounds(): Bounds {
    return { x: this.plate.x, y: this.plate.y, width: this.plate.width, height: this.plate.height };
  }

  destroy(): void {
    this.plate.destroy();
    this.text.destroy();
  }

  setDepth(depth: number): this {
    this.plate.setDepth(depth);
    this.text.setDepth(depth + 1);
    return this;
  }
}
