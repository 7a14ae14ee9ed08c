import { classStorageKeys } from "../../view-models/class-dashboard-model.js";

/**
 * This tab's way back to its class after a reload: the code in the address (`#class=CODE`), and
 * in sessionStorage the class, the student's rejoin token or the instructor's key (this tab only).
 */

export function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function rememberClass(code: string, what: { token?: string; key?: string } = {}): void {
  const store = sessionStore();
  store?.setItem(classStorageKeys.current, code);
  if (what.token) store?.setItem(classStorageKeys.token(code), what.token);
  if (what.key) store?.setItem(classStorageKeys.key(code), what.key);
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}#class=${code}`);
}

export function forgetClass(code: string): void {
  const store = sessionStore();
  store?.removeItem(classStorageKeys.current);
  store?.removeItem(classStorageKeys.token(code));
  store?.removeItem(classStorageKeys.key(code));
  window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}`);
}

/** The rejoin token this tab holds for a class, if any. */
export const savedToken = (code: string): string | undefined => sessionStore()?.getItem(classStorageKeys.token(code)) ?? undefined;

/** The instructor's screen in this tab (the class debrief or the dashboard), so a reload comes back to it. */
const SCREEN = "tariffTalks.classScreen";
export const rememberClassScreen = (screen: "dashboard" | "debrief"): void => void sessionStore()?.setItem(SCREEN, screen);
export const savedClassScreen = (): string | null => sessionStore()?.getItem(SCREEN) ?? null;

/** The class landing in the address (`#class`), so that a reload there stays in class mode. */
export function stayInClassMode(): void {
  if (!window.location.hash.startsWith("#class")) window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}#class`);
}

export function leaveClassMode(): void {
  if (window.location.hash.startsWith("#class")) window.history.replaceState(null, "", `${window.location.pathname}${window.location.search}`);
}

/** True when the address says class mode (`#class`, with or without a code). */
export const inClassMode = (): boolean => /^#class(=|$)/.test(window.location.hash);
