import type { LogSigner } from "../store/log-signing.js";
import { sendError } from "./errors.js";
import type { HttpHandler, HttpRequest } from "./express-types.js";

/**
 * Whether a log was signed by this server (docs/log-format.md, "Signatures"). The replay viewer
 * sends the log it shows, from the server's list or from a file, and shows the answer; the
 * public key is published for anyone who checks logs with their own tools.
 */

type App = { get(path: string, h: HttpHandler): unknown; post(path: string, h: HttpHandler): unknown };

/** A match log is its header (the scenario, tens of KB) plus a line per action; logs are capped far below this. */
export const MAX_VERIFY_BYTES = 4 * 1024 * 1024;

async function bodyText(req: HttpRequest, maxBytes: number): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as unknown as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBytes) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function mountVerifyApi(app: App, signer: LogSigner): void {
  app.get("/api/signing-key", (_req, res) => {
    res.json({ alg: "ed25519", publicKey: signer.publicKey });
  });

  app.post("/api/logs/verify", async (req, res) => {
    const text = await bodyText(req, MAX_VERIFY_BYTES);
    if (text === undefined) return sendError(res, 413, "TOO_LARGE", `A log to check holds at most ${MAX_VERIFY_BYTES / 1024 / 1024} MB.`);
    if (text.trim() === "") return sendError(res, 400, "BAD_LOG", "Send the log's text (JSON lines) as the request body.");
    const check = signer.check(text);
    res.json({
      status: check.status,
      text: check.text,
      ...(check.publicKey ? { publicKey: check.publicKey } : {}),
      serverKey: signer.publicKey,
      ...(check.error ? { error: check.error } : {}),
    });
  });
}
