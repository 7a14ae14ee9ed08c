import type { Bounds, Focusable } from "../ui/focus.js";
import { colors, fonts, symbols, textPx } from "../ui/theme.js";

/**
 * The canvas kit's look (client/src/ui/button.ts, banner.ts, BaseScene.panel) in plain DOM, for
 * the title page, which is drawn before Phaser is loaded. Everything is placed in the same
 * layout units as the scenes, in page pixels, inside one fixed root element.
 */

const hex = (n: number) => `#${n.toString(16).padStart(6, "0")}`;

export type DomButtonKind = "normal" | "primary" | "toggle";

export type DomButtonOptions = {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  label: string;
  u: number;
  kind?: DomButtonKind;
  shortcut?: string;
  fontSize?: number;
  onPress: () => void;
  selected?: () => boolean;
};

const fills: Record<DomButtonKind, [number, number]> = {
  normal: [colors.button, colors.buttonHover],
  primary: [colors.buttonPrimary, colors.buttonPrimaryHover],
  toggle: [colors.panelRaised, colors.buttonHover],
};

/** A button as the canvas draws one (plate, caption with [key], ✓ when selected, a yellow focus ring). */
export class DomButton implements Focusable {
  readonly id: string;
  readonly shortcut: string | undefined;
  readonly element: HTMLButtonElement;
  label: string;
  private hovered = false;
  private focused = false;
  private isEnabled = true;

  constructor(
    parent: HTMLElement,
    private options: DomButtonOptions,
  ) {
    this.id = options.id;
    this.label = options.label;
    this.shortcut = options.shortcut?.toLowerCase();
    const { x, y, width, height, u } = options;
    const button = document.createElement("button");
    button.type = "button";
    button.id = `button-${options.id}`;
    // The focus manager owns the keyboard (Tab, Enter, shortcuts), as on the canvas.
    button.tabIndex = -1;
    Object.assign(button.style, {
      position: "absolute",
      left: `${x}px`,
      top: `${y}px`,
      width: `${width}px`,
      height: `${height}px`,
      boxSizing: "border-box",
      borderRadius: `${Math.round(8 * u)}px`,
      font: `${textPx(u, options.fontSize ?? 17)}px ${fonts.body}`,
      padding: `0 ${Math.round(6 * u)}px`,
      cursor: "pointer",
      lineHeight: "1.2",
    } satisfies Partial<CSSStyleDeclaration>);
    button.addEventListener("mousedown", (event) => event.preventDefault());
    button.addEventListener("mouseenter", () => ((this.hovered = true), this.redraw()));
    button.addEventListener("mouseleave", () => ((this.hovered = false), this.redraw()));
    button.addEventListener("click", () => this.activate());
    this.element = button;
    parent.appendChild(button);
    this.redraw();
  }

  caption(): string {
    const tick = this.options.kind === "toggle" && this.options.selected?.() ? `${symbols.good} ` : "";
    const key = this.shortcut ? `  [${this.shortcut.toUpperCase()}]` : "";
    return `${tick}${this.label}${key}`;
  }

  redraw(): void {
    const kind = this.options.kind ?? "normal";
    const selected = kind === "toggle" && (this.options.selected?.() ?? false);
    const [base, hover] = fills[kind];
    const fill = !this.isEnabled ? colors.buttonDisabled : selected ? colors.buttonPrimary : this.hovered ? hover : base;
    const u = this.options.u;
    const ring = this.focused ? `${Math.max(3, 3 * u)}px solid ${colors.focusCss}` : selected ? `${Math.max(2, 2 * u)}px solid rgba(255,255,255,0.9)` : `1px solid ${hex(colors.panelBorder)}`;
    Object.assign(this.element.style, { background: hex(fill), border: ring, color: this.isEnabled ? colors.text : colors.dim });
    this.element.disabled = !this.isEnabled;
    this.element.textContent = this.caption();
    // As on the canvas (ui/button.ts): a caption that wraps past its plate drops the "[K]" hint first; the key still works.
    if (this.shortcut && this.element.isConnected && this.element.scrollHeight > this.element.clientHeight + 1) this.element.textContent = this.caption().replace(/\s+\[[^\]]+\]$/, "");
  }

  setFocused(focused: boolean): void {
    this.focused = focused;
    this.redraw();
  }

  setEnabled(enabled: boolean): void {
    this.isEnabled = enabled;
    this.redraw();
  }

  enabled(): boolean {
    return this.isEnabled;
  }

  activate(): void {
    if (this.isEnabled) this.options.onPress();
  }

  bounds(): Bounds {
    const { x, y, width, height } = this.options;
    return { x, y, width, height };
  }
}

export type DomTextOptions = { size: number; u: number; color?: string; bold?: boolean; heading?: boolean; width?: number; align?: "left" | "center"; origin?: "top-left" | "center" };

/** A line or paragraph of text at (x, y); `origin: "center"` centres it on the point, as setOrigin(0.5) does. */
export function domText(parent: HTMLElement, x: number, y: number, content: string, options: DomTextOptions): HTMLDivElement {
  const div = document.createElement("div");
  div.className = "tt-text";
  div.textContent = content;
  Object.assign(div.style, {
    position: "absolute",
    left: `${x}px`,
    top: `${y}px`,
    font: `${options.bold ? "bold " : ""}${textPx(options.u, options.size)}px ${options.heading ? fonts.heading : fonts.body}`,
    color: options.color ?? colors.text,
    whiteSpace: options.width ? "pre-line" : "pre",
    width: options.width ? `${options.width}px` : "",
    textAlign: options.align ?? "left",
    transform: options.origin === "center" ? "translate(-50%, -50%)" : "",
    lineHeight: "1.3",
  } satisfies Partial<CSSStyleDeclaration>);
  parent.appendChild(div);
  return div;
}

/** The panel plate of BaseScene.panel. */
export function domPanel(parent: HTMLElement, x: number, y: number, w: number, h: number, u: number): HTMLDivElement {
  const div = document.createElement("div");
  Object.assign(div.style, {
    position: "absolute",
    left: `${x}px`,
    top: `${y}px`,
    width: `${w}px`,
    height: `${h}px`,
    boxSizing: "border-box",
    background: hex(colors.panel),
    border: `1px solid ${hex(colors.panelBorder)}`,
    borderRadius: `${Math.round(10 * u)}px`,
  } satisfies Partial<CSSStyleDeclaration>);
  parent.appendChild(div);
  return div;
}

/** The message strip (ui/banner.ts): errors stay 6 s, other messages 3 s, status until cleared. */
export class DomBanner {
  private element: HTMLDivElement;
  private timer = 0;
  private sticky = false;

  constructor(parent: HTMLElement, u: number, top: number, private onShow: (message: string) => void) {
    const div = document.createElement("div");
    div.setAttribute("role", "status");
    Object.assign(div.style, {
      position: "absolute",
      left: "50%",
      top: `${top}px`,
      transform: "translateX(-50%)",
      maxWidth: "70%",
      padding: `${Math.round(10 * u)}px ${Math.round(16 * u)}px`,
      border: "2px solid rgba(255,255,255,0.6)",
      borderRadius: `${Math.round(8 * u)}px`,
      font: `bold ${textPx(u, 18)}px ${fonts.body}`,
      color: colors.text,
      textAlign: "center",
      zIndex: "10",
      display: "none",
    } satisfies Partial<CSSStyleDeclaration>);
    this.element = div;
    parent.appendChild(div);
  }

  show(message: string, kind: "error" | "info" | "status", sticky = false): void {
    this.onShow(message);
    window.clearTimeout(this.timer);
    this.sticky = sticky;
    const look = { error: ["#8a3b12", symbols.warn], info: ["#0b6b52", symbols.good], status: ["#6b5300", "⟳"] }[kind];
    this.element.style.background = look[0]!;
    this.element.textContent = `${look[1]}  ${message}`;
    this.element.style.display = "block";
    if (!sticky) this.timer = window.setTimeout(() => this.hide(), kind === "error" ? 6000 : 3000);
  }

  clearSticky(): void {
    if (this.sticky) this.hide();
  }

  hide(): void {
    this.sticky = false;
    this.element.style.display = "none";
  }

  text(): string | null {
    return this.element.style.display === "none" ? null : this.element.textContent;
  }
}
