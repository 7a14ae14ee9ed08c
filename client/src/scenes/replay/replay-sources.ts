import type { SignatureStatus } from "../../../../shared/index.js";
import { serverEndpoint } from "../../net/colyseus-connection.js";

/**
 * Where logs come from: the server's list of ended matches, one match's log, or a `.jsonl`
 * file the instructor picks or drops on the page (a real <input type=file> and a drop zone
 * over the canvas, so the browser's own file dialog and drag and drop work).
 */

export type EndedMatch = { id: string; createdAt: string | null; players: { name: string; side: string }[]; outcome: { kind: string; round: number } | null };

/** The HTTP API's origin: the page's own, except under the Vite dev server (port 5173), as the lobby does. */
export const httpBase = (): string => serverEndpoint(window.location, window.location.port === "5173").replace(/^ws/, "http");

export async function endedMatches(): Promise<EndedMatch[]> {
  const response = await fetch(`${httpBase()}/api/matches`);
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const body = (await response.json()) as { matches: (EndedMatch & { status: string })[] };
  return body.matches.filter((m) => m.status === "ended");
}

export async function serverLog(id: string): Promise<string> {
  const response = await fetch(`${httpBase()}/api/matches/${encodeURIComponent(id)}/log`);
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { message?: string };
    throw new Error(body.message ?? `HTTP ${response.status}`);
  }
  return response.text();
}

/**
 * Who signed the log, as this server sees it (`POST /api/logs/verify`, docs/log-format.md): the
 * key is the server's, so the page asks it rather than guessing. "unknown" when it cannot be asked.
 */
export async function logSignature(text: string): Promise<SignatureStatus | "unknown"> {
  try {
    const response = await fetch(`${httpBase()}/api/logs/verify`, { method: "POST", headers: { "content-type": "application/x-ndjson" }, body: text });
    if (!response.ok) return "unknown";
    return ((await response.json()) as { status: SignatureStatus }).status;
  } catch {
    return "unknown";
  }
}

export type FileDrop = { pick(): void; destroy(): void };

/** A hidden file input (id `replay-file`, which tests fill) plus drop handling on the whole page. */
export function fileDrop(onFile: (name: string, text: string) => void, onHover: (hovering: boolean) => void): FileDrop {
  const input = document.createElement("input");
  input.type = "file";
  input.id = "replay-file";
  input.accept = ".jsonl,.ndjson,application/x-ndjson,text/plain";
  input.style.display = "none";
  document.body.append(input);
  const read = (file: File | undefined) => {
    if (file) void file.text().then((text) => onFile(file.name, text));
  };
  input.addEventListener("change", () => {
    read(input.files?.[0]);
    input.value = "";
  });
  const over = (event: DragEvent) => {
    event.preventDefault();
    onHover(true);
  };
  const leave = () => onHover(false);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    onHover(false);
    read(event.dataTransfer?.files?.[0]);
  };
  window.addEventListener("dragover", over);
  window.addEventListener("dragleave", leave);
  window.addEventListener("drop", drop);
  return {
    pick: () => input.click(),
    destroy: () => {
      input.remove();
      window.removeEventListener("dragover", over);
      window.removeEventListener("dragleave", leave);
      window.removeEventListener("drop", drop);
    },
  };
}
