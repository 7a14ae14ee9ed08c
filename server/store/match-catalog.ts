import { randomInt } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";
import { z } from "zod";
import type { Storage } from "./storage.js";

/**
 * The match logs (in file mode `<dataDir>/matches/<code>.jsonl`): naming, new codes, and the public
 * summary of each match for `GET /api/matches`. A summary holds nothing confidential: the
 * scenario id, seats (names, sides, roles), status and, once ended, the outcome.
 */

export const matchCodeSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "a match code is letters, digits, _ or -");

/** No 0/O or 1/I/L: codes are read aloud and typed by hand. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 6;

export const matchesDir = (dataDir: string): string => path.join(dataDir, "matches");
export const logPath = (dataDir: string, code: string): string => path.join(matchesDir(dataDir), `${code}.jsonl`);

/**
 * A match nobody ever started and nobody stayed in is abandoned: its room closes and this
 * marker (`<code>.abandoned`, beside the log, which is kept untouched) says it must not be
 * resumed at restart nor listed (docs/log-format.md).
 */
export const abandonedPath = (dataDir: string, code: string): string => path.join(matchesDir(dataDir), `${code}.abandoned`);

export async function markAbandoned(dataDir: string, code: string): Promise<void> {
  await fs.writeFile(abandonedPath(dataDir, code), `${JSON.stringify({ abandonedAt: new Date().toISOString() })}\n`);
}

export async function isAbandoned(dataDir: string, code: string): Promise<boolean> {
  return fs.access(abandonedPath(dataDir, code)).then(() => true, () => false);
}

export async function ensureMatchesDir(dataDir: string): Promise<void> {
  await fs.mkdir(matchesDir(dataDir), { recursive: true });
}

/** A fresh code that names neither a stored log nor a code in `taken`. */
export async function newMatchCode(storage: Storage, taken: (code: string) => boolean): Promise<string> {
  for (;;) {
    let code = "";
    for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
    if (taken(code)) continue;
    if (!(await storage.hasLog(code))) return code;
  }
}

export type MatchSummary = {
  id: string;
  scenario: string;
  createdAt: string | null;
  mode: string | null;
  /** `abandoned`: never started, closed with nobody in it (a marker beside the log; see markAbandoned). */
  status: "running" | "ended" | "abandoned";
  seq: number;
  players: { id: string; name: string; side: string; role: string; bot?: string }[];
  outcome: { kind: string; round: number; points: Record<string, number> } | null;
};

const looseLine = z.looseObject({ kind: z.string() });

/** Reads what a summary needs from the log text; undefined for a file that is not a match log. */
export function summarizeLog(id: string, text: string): MatchSummary | undefined {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  const summary: MatchSummary = { id, scenario: "", createdAt: null, mode: null, status: "running", seq: 0, players: [], outcome: null };
  for (const [index, raw] of lines.entries()) {
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      continue; // a torn last line; the rest still summarises
    }
    const line = looseLine.safeParse(json);
    if (!line.success) continue;
    const data = line.data as Record<string, any>;
    if (index === 0) {
      if (data.kind !== "header") return undefined;
      summary.scenario = String(data.scenario?.id ?? "");
      summary.createdAt = typeof data.createdAt === "string" ? data.createdAt : null;
      summary.mode = typeof data.meta?.mode === "string" ? data.meta.mode : null;
      for (const seat of Array.isArray(data.seats) ? data.seats : []) summary.players.push(publicSeat(seat));
    } else if (data.kind === "action") {
      summary.seq = Number(data.seq) || summary.seq;
      if (data.action?.type === "join") summary.players.push(publicSeat(data.action.player));
    } else if (data.kind === "result") {
      summary.status = "ended";
      const outcome = data.outcome ?? {};
      summary.outcome = { kind: String(outcome.kind), round: Number(outcome.round), points: outcome.points ?? {} };
    }
  }
  return lines.length > 0 ? summary : undefined;
}

function publicSeat(seat: any): MatchSummary["players"][number] {
  return { id: String(seat?.id), name: String(seat?.name), side: String(seat?.side), role: String(seat?.role), ...(seat?.bot ? { bot: String(seat.bot) } : {}) };
}

/** Summaries are cached by file size and mtime: a listing rereads only the logs that grew. */
const cache = new Map<string, { size: number; mtimeMs: number; summary: MatchSummary | undefined }>();

export async function listMatches(dataDir: string): Promise<MatchSummary[]> {
  const dir = matchesDir(dataDir);
  const names = await fs.readdir(dir).catch(() => [] as string[]);
  const abandoned = new Set(names.filter((n) => n.endsWith(".abandoned")).map((n) => n.slice(0, -".abandoned".length)));
  const summaries: MatchSummary[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    if (!name.endsWith(".jsonl")) continue;
    const file = path.join(dir, name);
    const stat = await fs.stat(file).catch(() => undefined);
    if (!stat) continue;
    let entry = cache.get(file);
    if (!entry || entry.size !== stat.size || entry.mtimeMs !== stat.mtimeMs) {
      const text = await fs.readFile(file, "utf8").catch(() => "");
      entry = { size: stat.size, mtimeMs: stat.mtimeMs, summary: summarizeLog(name.slice(0, -".jsonl".length), text) };
      cache.set(file, entry);
    }
    seen.add(file);
    if (!entry.summary) continue;
    const status = entry.summary.status === "running" && abandoned.has(entry.summary.id) ? "abandoned" : entry.summary.status;
    summaries.push(status === entry.summary.status ? entry.summary : { ...entry.summary, status });
  }
  // Forget the summaries of files no longer there, so the cache stays as big as the folder.
  for (const file of cache.keys()) if (path.dirname(file) === dir && !seen.has(file)) cache.delete(file);
  return summaries.sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || a.id.localeCompare(b.id));
}
