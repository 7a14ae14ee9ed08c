import { z } from "zod";

export const usage = `Usage: npm run soak -- [options]

Soak test of the game server (issue 19), against real server processes (server/main.ts) on
loopback, each with its own temporary data folder. Not part of npm test. Two parts:

  1. fuzz: many SDK clients in live matches send random and malformed messages (valid moves,
     unknown types, bad payloads, wrong turns, hidden characters, floods). Counted: crashes of
     the server, messages answered (an error reply, an applied move, a view for "sync"),
     rate-limited, unanswered; actions in the logs that no accepted message accounts for (a
     refused message that changed state); logs that do not replay or are not signed.
  2. kill: rounds of kill -9 at a random moment during live play, then a restart. Counted:
     acknowledged actions (a client saw its chat line or proposal applied) missing from the logs
     after the restart, and matches that do not resume (a seat token no longer seats its player,
     or the resumed state differs from the log).

Prints the counts; exit status 0 when every failure count is 0, 1 otherwise, 2 on a usage error.

Options:
  --seed TEXT          seed of every random choice (default "soak")
  --messages N         part 1: messages to send in all (default 100000)
  --matches N          part 1: live matches at once, each with two players and a spectator (default 30)
  --seconds N          part 1: time limit; sending stops when it runs out (default 600)
  --rounds N           part 2: kill -9 rounds (default 100)
  --kill-matches N     part 2: live matches during each round (default 4)
  --only fuzz|kill     run one part
  --keep               keep the data folders (their paths are printed)
  --help               this text

A small run: npm run soak -- --messages 5000 --rounds 5`;

const argsSchema = z.strictObject({
  seed: z.string().min(1).default("soak"),
  messages: z.number().int().min(1).max(10_000_000).default(100_000),
  matches: z.number().int().min(1).max(500).default(30),
  seconds: z.number().positive().max(24 * 3600).default(600),
  rounds: z.number().int().min(1).max(100_000).default(100),
  killMatches: z.number().int().min(1).max(100).default(4),
  only: z.enum(["fuzz", "kill"]).optional(),
  keep: z.boolean().default(false),
});
export type SoakArgs = z.infer<typeof argsSchema>;

const numeric = new Set(["messages", "matches", "seconds", "rounds", "killMatches"]);
const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

export function parseArgs(argv: readonly string[]): { ok: true; args: SoakArgs } | { ok: true; help: true } | { ok: false; message: string } {
  const input: Record<string, unknown> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return { ok: true, help: true };
    if (arg === "--keep") {
      input.keep = true;
      continue;
    }
    if (!arg.startsWith("--")) return { ok: false, message: `Unexpected argument ${arg}.` };
    const key = camel(arg.slice(2));
    if (!(key in argsSchema.shape) || key === "keep") return { ok: false, message: `Unknown option ${arg}.` };
    const value = argv[++i];
    if (value === undefined || value.startsWith("--")) return { ok: false, message: `${arg} needs a value after it.` };
    input[key] = numeric.has(key) ? Number(value) : value;
  }
  const parsed = argsSchema.safeParse(input);
  if (!parsed.success) return { ok: false, message: parsed.error.issues.map((i) => `--${String(i.path[0] ?? "").replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`).join("; ") };
  return { ok: true, args: parsed.data };
}
