import { describeProblems, problemsFromZod } from "../../shared/index.js";
import type { HttpApp, HttpHandler, HttpRequest, HttpResponse } from "../http/express-types.js";
import { matchCodeSchema, summarizeLog } from "../store/match-catalog.js";
import type { Storage } from "../store/storage.js";
import { addNote, deleteNote, noteInputSchema, readNotes } from "./notes-store.js";

/**
 * Annotations over HTTP (docs/protocol.md, "Notes"): list, add and delete an ended match's
 * notes, and export its log together with them. Like the log itself, notes exist only once
 * the match has ended (409 before), since a note would discuss both sides' sheets.
 */

export type NotesHttpApp = HttpApp & { post(path: string, handler: HttpHandler): unknown; delete(path: string, handler: HttpHandler): unknown };

type ApiError = { code: string; message: string };
const fail = (res: HttpResponse, status: number, error: ApiError) => res.status(status).json(error);

const MAX_BODY_BYTES = 16_384;

/** The request body as JSON (Colyseus' Express app parses none itself). */
async function jsonBody(req: HttpRequest): Promise<{ ok: true; value: unknown } | { ok: false; error: ApiError; status: number }> {
  const stream = req as unknown as AsyncIterable<Buffer> & { body?: unknown };
  if (stream.body !== undefined) return { ok: true, value: stream.body };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, error: { code: "TOO_LARGE", message: `A request body holds at most ${MAX_BODY_BYTES} bytes.` } };
    chunks.push(chunk);
  }
  try {
    return { ok: true, value: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false, status: 400, error: { code: "BAD_JSON", message: "The request body is not JSON." } };
  }
}

type EndedMatch = { id: string; log: string; steps: number; classCode: string | undefined };

/** True when `key` is the instructor key of class `classCode` (server/classroom/class-service.ts). */
export type InstructorCheck = (classCode: string, key: string | undefined) => boolean;

const bearer = (req: HttpRequest): string | undefined => {
  const header = req.headers.authorization;
  return typeof header === "string" && header.startsWith("Bearer ") ? header.slice(7).trim() : undefined;
};

/** The class a match was a table of, from its header's `meta.class` (open-match.ts writes it). */
function classOfLog(log: string): string | undefined {
  try {
    const header = JSON.parse(log.split("\n", 1)[0]!) as { meta?: { class?: unknown } };
    return typeof header.meta?.class === "string" ? header.meta.class : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Writing and deleting is the instructor's: the key of the class the match was played in. A
 * match of no class has no instructor, so its notes are read-only here (the replay viewer keeps
 * notes on such a match in the browser). A missing key, a wrong one and a match of no class
 * all answer alike, so a key cannot be used to learn which match belongs to a class.
 */
function instructorOnly(match: EndedMatch, req: HttpRequest, res: HttpResponse, isInstructor: InstructorCheck): boolean {
  const key = bearer(req);
  if (key === undefined || key === "") {
    fail(res, 401, { code: "UNAUTHORIZED", message: "Only the class's instructor writes notes: send the class key as `Authorization: Bearer KEY`." });
    return false;
  }
  if (match.classCode === undefined || !isInstructor(match.classCode, key)) {
    fail(res, 403, { code: "FORBIDDEN", message: "That key does not open notes on this match; only the instructor of its class writes them." });
    return false;
  }
  return true;
}

/** A failed write: said plainly, the details only in the server's log. */
const unsaved = (res: HttpResponse, error: unknown) => {
  console.error(`Could not save notes: ${(error as Error).message}`);
  fail(res, 500, { code: "SERVER_ERROR", message: "The server could not save the note; try again." });
};

/** The ended match named in the URL, or an error already sent. */
async function endedMatch(storage: Storage, req: HttpRequest, res: HttpResponse): Promise<EndedMatch | undefined> {
  const id = matchCodeSchema.safeParse(req.params.id);
  if (!id.success) return void fail(res, 400, { code: "BAD_ID", message: "A match code is letters, digits, _ or -." });
  const log = await storage.readLog(id.data);
  const summary = log === undefined ? undefined : summarizeLog(id.data, log);
  if (log === undefined || !summary) return void fail(res, 404, { code: "NOT_FOUND", message: `There is no match ${id.data}.` });
  if (summary.status !== "ended") return void fail(res, 409, { code: "MATCH_RUNNING", message: `Match ${id.data} is still running; notes open when it ends.` });
  return { id: id.data, log, steps: summary.seq, classCode: classOfLog(log) };
}

export function mountNotesApi(app: NotesHttpApp, storage: Storage, isInstructor: InstructorCheck = () => false): void {
  app.get("/api/matches/:id/notes", async (req, res) => {
    const match = await endedMatch(storage, req, res);
    if (match) res.json(await readNotes(storage, match.id));
  });

  app.post("/api/matches/:id/notes", async (req, res) => {
    const match = await endedMatch(storage, req, res);
    if (!match || !instructorOnly(match, req, res, isInstructor)) return;
    const body = await jsonBody(req);
    if (!body.ok) return fail(res, body.status, body.error);
    const input = noteInputSchema.safeParse(body.value);
    if (!input.success) return fail(res, 400, { code: "BAD_NOTE", message: describeProblems(problemsFromZod(input.error)) });
    if (input.data.step > match.steps) return fail(res, 400, { code: "BAD_STEP", message: `Match ${match.id} has steps 0 to ${match.steps}.` });
    const added = await addNote(storage, match.id, input.data).catch((error: unknown) => error as Error);
    if (added instanceof Error) return unsaved(res, added);
    if (!added.ok) return fail(res, 409, { code: added.code, message: added.message });
    res.status(201).json({ note: added.note });
  });

  app.delete("/api/matches/:id/notes/:noteId", async (req, res) => {
    const match = await endedMatch(storage, req, res);
    if (!match || !instructorOnly(match, req, res, isInstructor)) return;
    const noteId = String(req.params.noteId ?? "");
    const deleted = await deleteNote(storage, match.id, noteId).catch((error: unknown) => error as Error);
    if (deleted instanceof Error) return unsaved(res, deleted);
    if (!deleted) return fail(res, 404, { code: "NOT_FOUND", message: `Match ${match.id} has no note ${noteId}.` });
    res.json({ deleted: noteId });
  });

  /** The log and its notes in one file: what an instructor archives or hands to a colleague. */
  app.get("/api/matches/:id/export", async (req, res) => {
    const match = await endedMatch(storage, req, res);
    if (!match) return;
    const notes = await readNotes(storage, match.id);
    res.setHeader("Content-Disposition", `attachment; filename="${match.id}.export.json"`);
    res.json({ format: "tariff-talks-export", version: 1, matchId: match.id, log: match.log, notes: notes.notes });
  });
}
