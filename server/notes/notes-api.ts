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

type EndedMatch = { id: string; log: string; steps: number };

/** The ended match named in the URL, or an error already sent. */
async function endedMatch(storage: Storage, req: HttpRequest, res: HttpResponse): Promise<EndedMatch | undefined> {
  const id = matchCodeSchema.safeParse(req.params.id);
  if (!id.success) return void fail(res, 400, { code: "BAD_ID", message: "A match code is letters, digits, _ or -." });
  const log = await storage.readLog(id.data);
  const summary = log === undefined ? undefined : summarizeLog(id.data, log);
  if (log === undefined || !summary) return void fail(res, 404, { code: "NOT_FOUND", message: `There is no match ${id.data}.` });
  if (summary.status !== "ended") return void fail(res, 409, { code: "MATCH_RUNNING", message: `Match ${id.data} is still running; notes open when it ends.` });
  return { id: id.data, log, steps: summary.seq };
}

export function mountNotesApi(app: NotesHttpApp, storage: Storage): void {
  app.get("/api/matches/:id/notes", async (req, res) => {
    const match = await endedMatch(storage, req, res);
    if (match) res.json(await readNotes(storage, match.id));
  });

  app.post("/api/matches/:id/notes", async (req, res) => {
    const match = await endedMatch(storage, req, res);
    if (!match) return;
    const body = await jsonBody(req);
    if (!body.ok) return fail(res, body.status, body.error);
    const input = noteInputSchema.safeParse(body.value);
    if (!input.success) return fail(res, 400, { code: "BAD_NOTE", message: describeProblems(problemsFromZod(input.error)) });
    if (input.data.step > match.steps) return fail(res, 400, { code: "BAD_STEP", message: `Match ${match.id} has steps 0 to ${match.steps}.` });
    const added = await addNote(storage, match.id, input.data);
    if (!added.ok) return fail(res, 409, { code: added.code, message: added.message });
    res.status(201).json({ note: added.note });
  });

  app.delete("/api/matches/:id/notes/:noteId", async (req, res) => {
    const match = await endedMatch(storage, req, res);
    if (!match) return;
    const noteId = String(req.params.noteId ?? "");
    if (!(await deleteNote(storage, match.id, noteId))) return fail(res, 404, { code: "NOT_FOUND", message: `Match ${match.id} has no note ${noteId}.` });
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
