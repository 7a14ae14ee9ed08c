import type { Bounds, Focusable } from "./focus.js";
import { colors, fonts, textPx } from "./theme.js";

/**
 * A text field: a real <input> laid over the canvas (typing, IME for Japanese, screen readers
 * and the clipboard all work), placed in canvas coordinates and removed with its scene.
 */

export type TextFieldOptions = {
  id: string;
  x: number;
  y: number;
  width: number;
  height: number;
  u: number;
  placeholder: string;
  label: string;
  value?: string;
  maxLength?: number;
  onEnter?: (value: string) => void;
  onInput?: (value: string) => void;
  /** A <textarea> that wraps its text over several lines (Enter still calls `onEnter`). */
  multiline?: boolean;
};

export class TextField implements Focusable {
  readonly id: string;
  readonly label: string;
  readonly isTextField = true;
  readonly element: HTMLInputElement | HTMLTextAreaElement;

  constructor(
    private overlay: HTMLElement,
    private canvas: HTMLElement,
    /** The game's width in canvas coordinates (the camera width). */
    private logicalWidth: number,
    private options: TextFieldOptions,
  ) {
    this.id = options.id;
    this.label = options.label;
    const input: HTMLInputElement | HTMLTextAreaElement = options.multiline ? document.createElement("textarea") : Object.assign(document.createElement("input"), { type: "text" });
    input.id = `field-${options.id}`;
    input.placeholder = options.placeholder;
    input.setAttribute("aria-label", options.label);
    input.autocomplete = "off";
    input.spellcheck = false;
    input.maxLength = options.maxLength ?? 200;
    input.value = options.value ?? "";
    Object.assign(input.style, {
      position: "absolute",
      boxSizing: "border-box",
      font: `${textPx(options.u, 16)}px ${fonts.body}`,
      color: colors.text,
      background: "#0b1622",
      border: `2px solid #35597a`,
      borderRadius: `${Math.round(6 * options.u)}px`,
      padding: options.multiline ? `${Math.round(6 * options.u)}px ${Math.round(10 * options.u)}px` : `0 ${Math.round(10 * options.u)}px`,
      resize: "none",
      outline: "none",
      pointerEvents: "auto",
    } satisfies Partial<CSSStyleDeclaration>);
    input.addEventListener("focus", () => (input.style.borderColor = colors.focusCss));
    input.addEventListener("blur", () => (input.style.borderColor = "#35597a"));
    input.addEventListener("keydown", (event) => {
      if ((event as KeyboardEvent).key === "Enter") {
        event.preventDefault();
        options.onEnter?.(input.value);
      }
    });
    input.addEventListener("input", () => options.onInput?.(input.value));
    this.element = input;
    overlay.appendChild(input);
    this.place();
  }

  /** Canvas coordinates → page pixels (the canvas may be scaled by CSS). */
  place(): void {
    const rect = this.canvas.getBoundingClientRect();
    const scaleX = rect.width / Math.max(1, this.logicalWidth);
    const { x, y, width, height } = this.options;
    Object.assign(this.element.style, {
      left: `${rect.left + window.scrollX + x * scaleX}px`,
      top: `${rect.top + window.scrollY + y * scaleX}px`,
      width: `${width * scaleX}px`,
      height: `${height * scaleX}px`,
    });
  }

  get value(): string {
    return this.element.value;
  }

  set value(value: string) {
    this.element.value = value;
  }

  enabled(): boolean {
    return !this.element.disabled;
  }

  setEnabled(enabled: boolean): void {
    this.element.disabled = !enabled;
  }

  setFocused(focused: boolean): void {
    if (focused) this.element.focus();
    else this.element.blur();
  }

  activate(): void {
    this.element.focus();
  }

  bounds(): Bounds {
    const { x, y, width, height } = this.options;
    return { x, y, width, height };
  }

  destroy(): void {
    this.element.remove();
  }
}
