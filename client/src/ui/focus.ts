/**
 * Keyboard access for a scene: Tab / Shift+Tab walk the focusable widgets, Enter or Space
 * presses the focused one, a letter presses the widget it is the shortcut of, and a scene may
 * claim other keys (arrows on the table). A modal dialog pushes a layer: only its widgets are
 * reachable until it closes. Text fields (DOM inputs) take part in the Tab order.
 */

export type Bounds = { x: number; y: number; width: number; height: number };

export interface Focusable {
  readonly id: string;
  readonly label: string;
  /** A single key (lower case) that presses it, if any. */
  readonly shortcut?: string;
  enabled(): boolean;
  setFocused(focused: boolean): void;
  activate(): void;
  bounds(): Bounds;
  /** DOM text fields keep the keyboard while focused. */
  readonly isTextField?: boolean;
}

export type KeyHandler = (event: KeyboardEvent) => boolean;

const isTyping = (): boolean => {
  const el = document.activeElement;
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement;
};

export class FocusManager {
  private layers: Focusable[][] = [[]];
  private index = -1;
  private handlers: KeyHandler[] = [];
  private listener = (event: KeyboardEvent) => this.onKey(event);

  constructor(private target: Window = window) {
    target.addEventListener("keydown", this.listener);
  }

  destroy(): void {
    this.target.removeEventListener("keydown", this.listener);
    this.layers = [[]];
    this.handlers = [];
  }

  private get items(): Focusable[] {
    return this.layers[this.layers.length - 1]!;
  }

  add<T extends Focusable>(item: T): T {
    this.items.push(item);
    return item;
  }

  /** Every widget of every layer (the test hook lists the top layer's only). */
  visible(): Focusable[] {
    return [...this.items];
  }

  pushLayer(): void {
    this.blurCurrent();
    this.layers.push([]);
    this.index = -1;
  }

  popLayer(): void {
    if (this.layers.length <= 1) return;
    this.blurCurrent();
    this.layers.pop();
    this.index = -1;
  }

  onKeys(handler: KeyHandler): void {
    this.handlers.push(handler);
  }

  focus(id: string): void {
    const i = this.items.findIndex((item) => item.id === id);
    if (i >= 0) this.moveTo(i);
  }

  focusedId(): string | null {
    return this.items[this.index]?.id ?? null;
  }

  private blurCurrent(): void {
    this.items[this.index]?.setFocused(false);
  }

  private moveTo(i: number): void {
    this.blurCurrent();
    this.index = i;
    this.items[i]?.setFocused(true);
  }

  private step(direction: 1 | -1): void {
    const items = this.items;
    if (items.length === 0) return;
    for (let k = 1; k <= items.length; k++) {
      const i = (((this.index + direction * k) % items.length) + items.length) % items.length;
      if (items[i]!.enabled()) {
        this.moveTo(i);
        return;
      }
    }
  }

  private onKey(event: KeyboardEvent): void {
    if (event.key === "Tab") {
      event.preventDefault();
      this.step(event.shiftKey ? -1 : 1);
      return;
    }
    if (isTyping()) {
      if (event.key === "Escape") (document.activeElement as HTMLElement).blur();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    // A dialog on top owns the keyboard: the scene's own keys wait until it closes.
    if (this.layers.length === 1) for (const handler of this.handlers) if (handler(event)) return void event.preventDefault();
    const focused = this.items[this.index];
    if ((event.key === "Enter" || event.key === " ") && focused?.enabled()) {
      event.preventDefault();
      focused.activate();
      return;
    }
    const key = event.key.toLowerCase();
    const match = this.items.find((item) => item.shortcut === key && item.enabled());
    if (match) {
      event.preventDefault();
      match.activate();
    }
  }
}
