import type { LogError, SignatureStatus } from "../../../../shared/index.js";
import { classStorageKeys } from "../../view-models/class-dashboard-model.js";
import { openReplay, type ReplayModel } from "../../view-models/replay-model.js";
import { BrowserNotes, ServerNotes, type NotesStore } from "./replay-notes.js";
import { httpBase, logSignature } from "./replay-sources.js";

/**
 * The replay being watched, kept outside the scene: the scene restarts on a resize or a
 * language switch and must come back at the same step, playing or not.
 */

export type ReplaySession = {
  model: ReplayModel;
  notes: NotesStore;
  source: "server" | "file";
  /** Who signed the log, as the server says (`unknown` when it could not be asked). */
  signature: SignatureStatus | "unknown";
  step: number;
  playing: boolean;
  speed: number;
};

export const speeds = [1, 2, 4, 8] as const;

let current: ReplaySession | null = null;
/** The last refusal, shown on the picker until another log opens. */
let lastError: (LogError & { file: string }) | null = null;

export const replaySession = (): ReplaySession | null => current;
export const replayError = (): (LogError & { file: string }) | null => lastError;

export function closeReplay(): void {
  current = null;
  storage()?.removeItem(SAVED);
}

/**
 * The replay this tab is watching, in sessionStorage, so a reload comes back to the same log at
 * the same step: a server log by its match code, a file by its text (if it fits).
 */
const SAVED = "tariffTalks.replay";
const MAX_SAVED_TEXT = 2_000_000;
type Saved = { source: "server"; matchId: string; step: number } | { source: "file"; file: string; text: string; step: number };
let savedText: { file: string; text: string } | null = null;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** Remembers the step shown now (called on every seek). */
export function rememberStep(): void {
  if (!current) return;
  const step = current.step;
  const saved: Saved | null =
    current.source === "server" ? { source: "server", matchId: current.model.matchId, step } : savedText ? { source: "file", ...savedText, step } : null;
  try {
    if (saved) storage()?.setItem(SAVED, JSON.stringify(saved));
  } catch {
    // Storage full or refused: a reload will start from the picker instead.
  }
}

/** After a reload: reopens the replay this tab was watching, at its step; false if there was none (or it no longer opens). */
export async function restoreReplay(serverLog: (matchId: string) => Promise<string>): Promise<boolean> {
  let saved: Saved;
  try {
    const raw = storage()?.getItem(SAVED);
    if (!raw) return false;
    saved = JSON.parse(raw) as Saved;
  } catch {
    return false;
  }
  const text = saved.source === "server" ? await serverLog(saved.matchId).catch(() => null) : saved.text;
  if (text === null) return false;
  const opened = await openLog(text, saved.source, saved.source === "server" ? saved.matchId : saved.file);
  if ("code" in opened) return false;
  opened.step = Math.max(0, Math.min(opened.model.last, saved.step));
  return true;
}

/** Replays the text; on a broken log nothing is kept but the error (nothing half-loads). */
export async function openLog(text: string, source: "server" | "file", file: string): Promise<ReplaySession | LogError> {
  const opened = openReplay(text);
  if (!opened.ok) {
    lastError = { ...opened.error, file };
    return opened.error;
  }
  lastError = null;
  const model = opened.value;
  const notes = source === "server" ? new ServerNotes(httpBase(), model.matchId, instructorKey(model)) : new BrowserNotes(model.matchId, safeLocalStorage());
  const [signature] = await Promise.all([logSignature(text), notes.load().catch(() => undefined)]);
  current = { model, notes, source, signature, step: 0, playing: false, speed: 1 };
  savedText = source === "file" && text.length <= MAX_SAVED_TEXT ? { file, text } : null;
  rememberStep();
  return current;
}

/** The key this tab holds for the class the match was a table of (only that class's instructor writes its notes). */
function instructorKey(model: ReplayModel): string | undefined {
  const classCode = model.replay.header.meta?.class;
  if (typeof classCode !== "string") return undefined;
  return storage()?.getItem(classStorageKeys.key(classCode)) ?? undefined;
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
