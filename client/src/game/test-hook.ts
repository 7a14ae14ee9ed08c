import type { ClientMatchView, ConnectionStatus, SeatInfo } from "../net/match-connection.js";
import type { FocusManager } from "../ui/focus.js";

/**
 * `window.__tariffTalks`: what the browser tests (and the benchmark) read, since canvas text is
 * not in the DOM. Buttons are listed with their boxes in page pixels so a test can click them.
 */

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

type SceneProbe = { key: string; focus: FocusManager | null; texts: () => string[] };

export function installHook(source: {
  scene: () => SceneProbe | null;
  language: () => string;
  view: () => ClientMatchView | null;
  seat: () => SeatInfo | null;
  status: () => ConnectionStatus | "none";
  code: () => string | null;
  canvasOffset: () => { left: number; top: number; scale: number };
}): TariffTalksHook {
  const hook: TariffTalksHook = {
    scene: "boot",
    get language() {
      return source.language();
    },
    interactive: false,
    buttons() {
      const probe = source.scene();
      const { left, top, scale } = source.canvasOffset();
      return (probe?.focus?.visible() ?? []).map((item) => {
        const b = item.bounds();
        return { id: item.id, label: item.label, x: left + b.x * scale, y: top + b.y * scale, width: b.width * scale, height: b.height * scale, enabled: item.enabled() };
      });
    },
    focused: () => source.scene()?.focus?.focusedId() ?? null,
    texts: () => source.scene()?.texts() ?? [],
    view: source.view,
    seat: source.seat,
    status: source.status,
    code: source.code,
    messages: [],
  };
  window.__tariffTalks = hook;
  return hook;
}
