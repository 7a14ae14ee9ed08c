import type { ClientMatchView, ConnectionStatus, SeatInfo } from "../net/match-connection.js";
import type { FocusManager } from "../ui/focus.js";

/**
 * `window.__tariffTalks`: what the browser tests (and the benchmark) read, since canvas text is
 * not in the DOM. Buttons are listed with their boxes in page pixels so a test can click them.
 */

/** A box in screen coordinates at scale 1. */
export type HookBox = { x: number; y: number; width: number; height: number };

/**
 * A text as drawn: its size in pixels, its font stack, and its box (screen coordinates at scale 1).
 * `within` is the box it must stay inside when it has one (its button's plate, its list row or
 * card); `cut` is the whole text when it was drawn cut short with "…", and `name` says the cut one
 * is a name from the scenario or a seat (which may be cut), not a label of the screen (which may not).
 * `floating` marks a toast, which lies over the screen for a moment by design.
 */
export type HookTextStyle = HookBox & { text: string; size: number; family: string; within?: HookBox; cut?: string; name?: boolean; floating?: boolean };

export type HookButton = { id: string; label: string; x: number; y: number; width: number; height: number; enabled: boolean };

export type TariffTalksHook = {
  scene: string;
  language: string;
  /** Set when the current scene has finished drawing and takes input. */
  interactive: boolean;
  buttons(): HookButton[];
  /** The id of the widget that has the keyboard focus, if any. */
  focused(): string | null;
  texts(): string[];
  /** Every text shown with the size it is drawn at (page pixels at scale 1) and its font stack. */
  textStyles(): HookTextStyle[];
  view(): ClientMatchView | null;
  seat(): SeatInfo | null;
  status(): ConnectionStatus | "none";
  code(): string | null;
  /** Cuts the socket as a network failure would (reconnection test). */
  /** Banner messages shown so far (errors, status), newest last. */
  messages: string[];
};

declare global {
  interface Window {
    __tariffTalks?: TariffTalksHook;
  }
}

/** What the hook reads a screen through; `offset` maps its coordinates to page pixels (the canvas's by default). */
export type SceneProbe = {
  key: string;
  focus: FocusManager | null;
  texts: () => string[];
  textStyles?: () => HookTextStyle[];
  offset?: () => { left: number; top: number; scale: number };
};

export type HookSource = {
  scene: () => SceneProbe | null;
  language: () => string;
  view: () => ClientMatchView | null;
  seat: () => SeatInfo | null;
  status: () => ConnectionStatus | "none";
  code: () => string | null;
  canvasOffset: () => { left: number; top: number; scale: number };
};

/**
 * Installs the hook once (the title page does, before the game is loaded); later calls replace
 * the parts of its source they name (the game adds its scenes, the connection and the canvas).
 */
export function installHook(parts: Partial<HookSource>): TariffTalksHook {
  Object.assign(source, parts);
  if (window.__tariffTalks) return window.__tariffTalks;
  return createHook();
}

const source: HookSource = {
  scene: () => null,
  language: () => "en",
  view: () => null,
  seat: () => null,
  status: () => "none",
  code: () => null,
  canvasOffset: () => ({ left: 0, top: 0, scale: 1 }),
};

function createHook(): TariffTalksHook {
  const hook: TariffTalksHook = {
    scene: "boot",
    get language() {
      return source.language();
    },
    interactive: false,
    buttons() {
      const probe = source.scene();
      const { left, top, scale } = (probe?.offset ?? source.canvasOffset)();
      return (probe?.focus?.visible() ?? []).map((item) => {
        const b = item.bounds();
        return { id: item.id, label: item.label, x: left + b.x * scale, y: top + b.y * scale, width: b.width * scale, height: b.height * scale, enabled: item.enabled() };
      });
    },
    focused: () => source.scene()?.focus?.focusedId() ?? null,
    texts: () => source.scene()?.texts() ?? [],
    textStyles: () => source.scene()?.textStyles?.() ?? [],
    view: () => source.view(),
    seat: () => source.seat(),
    status: () => source.status(),
    code: () => source.code(),
    messages: [],
  };
  window.__tariffTalks = hook;
  return hook;
}
