import type { LogError } from "../../../../shared/index.js";
import { openReplay, type ReplayModel } from "../../view-models/replay-model.js";
import { BrowserNotes, ServerNotes, type NotesStore } from "./replay-notes.js";
import { httpBase } from "./replay-sources.js";

/**
 * The replay being watched, kept outside the scene: the scene restarts on a resize or a
 * language switch and must come back at the same step, playing or not.
 */

export type ReplaySession = { model: ReplayModel; notes: NotesStore; source: "server" | "file"; step: number; playing: boolean; speed: number };

export const speeds = [1, 2, 4, 8] as const;

let current: ReplaySession | null = null;
/** The last refusal, shown on the picker until another log opens. */
let lastError: (LogError & { file: string }) | null = null;

export const replaySession = (): ReplaySession | null => current;
export const replayError = (): (LogError & { file: string }) | null => lastError;

export function closeReplay(): void {
  current = null;
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
  const notes = source === "server" ? new ServerNotes(httpBase(), model.matchId) : new BrowserNotes(model.matchId, safeLocalStorage());
  await notes.load().catch(() => undefined);
  current = { model, notes, source, step: 0, playing: false, speed: 1 };
  return current;
}

function safeLocalStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
