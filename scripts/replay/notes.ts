import { readFileSync } from "node:fs";
import { z } from "zod";

/**
 * Instructors' notes kept beside a log (`X.jsonl` → `X.notes.json`, docs/log-format.md): the
 * command line prints them with the transcript, so a log and its notes travel as one export.
 */

const notesFileSchema = z.object({
  format: z.literal("tariff-talks-notes"),
  notes: z.array(z.object({ step: z.number().int().min(0), text: z.string(), author: z.string().optional() })),
});
export type LogNote = z.infer<typeof notesFileSchema>["notes"][number];

export const notesPathFor = (logFile: string): string => logFile.replace(/\.jsonl$/, "") + ".notes.json";

/** The notes beside `logFile`: none when there is no notes file; an error sentence when it is unreadable. */
export function notesBeside(logFile: string): { notes: LogNote[]; problem?: string } {
  let text: string;
  try {
    text = readFileSync(notesPathFor(logFile), "utf8");
  } catch {
    return { notes: [] };
  }
  try {
    const parsed = notesFileSchema.safeParse(JSON.parse(text));
    if (parsed.success) return { notes: parsed.data.notes };
  } catch {
    // fall through: not JSON
  }
  return { notes: [], problem: `${notesPathFor(logFile)} is not a notes file; its notes are not shown.` };
}

export function printNotes(logFile: string, notes: LogNote[]): void {
  if (notes.length === 0) return;
  console.log(`\nNotes (${notes.length}, from ${notesPathFor(logFile)}):`);
  for (const note of notes) console.log(`  step ${String(note.step).padStart(3)}  ${note.author ? `${note.author}: ` : ""}${note.text}`);
}
