import type { HttpRequest, HttpResponse } from "./express-types.js";

/**
 * The last two handlers of the HTTP app: whatever no route answered, and whatever a route or
 * Express itself threw (a malformed `%` escape in a path, a body parser's error, a bug), is
 * answered as JSON `{code, message}`. Never Express's HTML page, a stack trace or a file path:
 * the details go to the server's own log, where the operator reads them.
 */

export type HttpErrorReply = { code: string; message: string };

export function sendError(res: HttpResponse, status: number, code: string, message: string): void {
  res.status(status).json({ code, message } satisfies HttpErrorReply);
}

/** Unknown paths under /api and elsewhere (a built client serves its files before this). */
export function notFound(req: HttpRequest, res: HttpResponse): void {
  const where = req.path.startsWith("/api") ? "No such API endpoint." : "There is no such page or file.";
  sendError(res, 404, "NOT_FOUND", where);
}

type ThrownHttpError = { status?: unknown; statusCode?: unknown; type?: unknown; message?: unknown };

/** What a thrown error becomes: a client's mistake (4xx) named by kind, anything else a plain 500. */
export function replyFor(error: unknown): { status: number } & HttpErrorReply {
  const e = (error ?? {}) as ThrownHttpError;
  const status = Number(e.status ?? e.statusCode);
  if (e.type === "entity.parse.failed" || error instanceof SyntaxError) return { status: 400, code: "BAD_JSON", message: "The request body is not JSON." };
  if (e.type === "entity.too.large" || status === 413) return { status: 413, code: "TOO_LARGE", message: "The request body is too large." };
  if (error instanceof URIError) return { status: 400, code: "BAD_REQUEST", message: "The address holds a malformed %-escape." };
  if (Number.isInteger(status) && status >= 400 && status < 500) return { status, code: "BAD_REQUEST", message: "The request could not be read." };
  return { status: 500, code: "SERVER_ERROR", message: "The server could not complete this request; try again." };
}

/** Express's error handler: it is recognised by its four parameters, so `next` stays even unused. */
export function errorHandler(error: unknown, req: HttpRequest, res: HttpResponse, next: (error?: unknown) => void): void {
  const reply = replyFor(error);
  if (reply.status >= 500) console.error(`HTTP ${req.method} ${req.path} failed: ${(error as Error)?.stack ?? String(error)}`);
  if (res.headersSent) return void next(error);
  sendError(res, reply.status, reply.code, reply.message);
}
