import { promises as fs } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { matchesDir } from "../store/match-catalog.js";
import type { Storage } from "../store/storage.js";

/**
 * Instructors' notes on a match, kept apart from its log (in the storage, server/store/storage.ts;
 * in file mode `<dataDir>/matches/<code>.notes.json`) and never inside the `.jsonl`: the log is a hash-chained record of play and stays byte for
 * byte what the match wrote. Writes go to a temporary file renamed into place, one at a time
 * per match, so a crash leaves the old notes or the new ones, never half a file.
 */

export const MAX_NOTE_LENGTH = 2000;
export const MAX_NOTES = 500;

export const noteInputSchema = z.strictObject({
  step: z.number().int().min(0),
  text: z.string().trim().min(1).max(MAX_NOTE_LENGTH),
  author: z.string().trim().min(1).max(40).optional(),
});
export type NoteInput = z.infer<typeof noteInputSchema>;

export const noteSchema = noteInputSchema.extend({ id: z.string().min(1).max(40), createdAt: z.string() });
export type Note = z.infer<typeof noteSchema>;

export const notesFileSchema = z.object({
  format: z.literal("tariff-talks-notes"),
  version: z.literal(1),
  matchId: z.string(),
  notes: z.array(noteSchema),
});
export type NotesFile = z.infer<typeof notesFileSchema>;

export const notesPath = (dataDir: string, code: string): string => path.join(matchesDir(dataDir), `${code}.notes.json`);

export const emptyNotes = (matchId: string): NotesFile => ({ format: "tariff-talks-notes", version: 1, matchId, notes: [] });

export function readNotes(storage: Storage, code: string): Promise<NotesFile> {
  return storage.readNotes(code);
}

/** File mode: the notes file beside the log (server/store/file-storage.ts). */
export async function readNotesFile(dataDir: string, code: string): Promise<NotesFile> {
  const text = await fs.readFile(notesPath(dataDir, code), "utf8").catch(() => undefined);
  if (text === undefined) return emptyNotes(code);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const parsed = notesFileSchema.safeParse(raw);
  return parsed.success ? parsed.data : emptyNotes(code);
}

/** Sorted by step, then in the order they were written. */
const byStep = (notes: Note[]): Note[] => [...notes].sort((a, b) => a.step - b.step);

/** File mode: a temporary file renamed over the old one. */
export async function writeNotesFile(dataDir: string, file: NotesFile): Promise<void> {
  const target = notesPath(dataDir, file.matchId);
  const temp = `${target}.${process.pid}.tmp`;
  try {
    await fs.writeFile(temp, JSON.stringify(file, null, 2) + "\n", "utf8");
    await fs.rename(temp, target);
  } catch (error) {
    // A full disk leaves no temporary file behind; the old notes stay as they were.
    await fs.unlink(temp).catch(() => undefined);
    throw error;
  }
}

export type AddResult = { ok: true; note: Note } | { ok: false; code: "TOO_MANY_NOTES"; message: string };

/** Changes to one match's notes run one after another (storage's `updateNotes`): two tabs saving at once lose nothing. */
export function addNote(storage: Storage, code: string, input: NoteInput): Promise<AddResult> {
  return storage.updateNotes(code, (file): { next?: NotesFile; result: AddResult } => {
    if (file.notes.length >= MAX_NOTES) return { result: { ok: false as const, code: "TOO_MANY_NOTES" as const, message: `A match holds at most ${MAX_NOTES} notes.` } };
    const last = file.notes.reduce((n, note) => Math.max(n, Number(note.id.slice(1)) || 0), 0);
    const note: Note = { id: `n${last + 1}`, ...input, createdAt: new Date().toISOString() };
    return { next: { ...file, notes: byStep([...file.notes, note]) }, result: { ok: true as const, note } };
  });
}

/** True when the note existed. */
export function deleteNote(storage: Storage, code: string, noteId: string): Promise<boolean> {
  return storage.updateNotes(code, (file) => {
    const notes = file.notes.filter((n) => n.id !== noteId);
    if (notes.length === file.notes.length) return { result: false };
    return { next: { ...file, notes }, result: true };
  });
}
