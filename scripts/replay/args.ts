import { z } from "zod";

export const usage = `Usage:
  npm run replay -- FILE.jsonl [--json]
      Print a match log as a readable transcript with both sides' points, then the outcome,
      the metrics (joint gain share, distance to the Pareto frontier and to the Nash point)
      and an integrity check. --json prints the same as one JSON object for scripts.

  npm run replay -- --dir DIR [--csv OUT.csv] [--json]
      Summarise every *.jsonl log in DIR (a whole class) in one table, with a progress bar.
      --csv writes the table to OUT.csv for spreadsheets; --json prints the rows as JSON.

  npm run replay -- --verify FILE.jsonl [--data DIR] [--json]
      Check who signed a match log: "signed by this server", "signed by another key" or
      "unsigned"; a log changed after it was signed (even with its hash chain and result line
      recomputed) fails. "This server" is the key in LOG_SIGNING_KEY, else the one in the data
      folder: DIR, else DATA_DIR, else ./data (DIR/log-signing-key.pem). Exit status 0 only for a
      log signed by this server.

  npm run replay -- --help

Exit status: 0 when every log replays intact (with --verify: and is signed by this server), 1 when a
log is damaged, unreadable or (with --verify) not signed by this server, 2 on a usage error.`;

const argsSchema = z.union([
  z.strictObject({ mode: z.literal("file"), file: z.string().min(1), json: z.boolean() }),
  z.strictObject({ mode: z.literal("dir"), dir: z.string().min(1), csv: z.string().min(1).optional(), json: z.boolean() }),
  z.strictObject({ mode: z.literal("verify"), file: z.string().min(1), data: z.string().min(1).optional(), json: z.boolean() }),
  z.strictObject({ mode: z.literal("help") }),
]);
export type ReplayArgs = z.infer<typeof argsSchema>;

export function parseArgs(argv: readonly string[]): { ok: true; args: ReplayArgs } | { ok: false; message: string } {
  const flags = new Map<string, string | true>();
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--help" || arg === "-h") return { ok: true, args: { mode: "help" } };
    if (arg === "--json") flags.set("json", true);
    else if (arg === "--verify") flags.set("verify", true);
    else if (arg === "--dir" || arg === "--csv" || arg === "--data") {
      const value = argv[++i];
      if (!value || value.startsWith("--")) return { ok: false, message: `${arg} needs a path after it.` };
      flags.set(arg.slice(2), value);
    } else if (arg.startsWith("-")) return { ok: false, message: `Unknown option ${arg}.` };
    else positional.push(arg);
  }
  const json = flags.get("json") === true;
  const dir = flags.get("dir");
  const csv = flags.get("csv");
  const data = flags.get("data");
  let candidate: unknown;
  if (flags.get("verify") === true) {
    if (typeof dir === "string" || csv) return { ok: false, message: "--verify checks one FILE; --dir and --csv do not go with it." };
    if (positional.length !== 1) return { ok: false, message: "--verify needs one log file: npm run replay -- --verify FILE.jsonl" };
    candidate = { mode: "verify", file: positional[0], json, ...(typeof data === "string" ? { data } : {}) };
  } else if (typeof data === "string") {
    return { ok: false, message: "--data goes with --verify." };
  } else if (typeof dir === "string") {
    if (positional.length > 0) return { ok: false, message: "Give either a FILE or --dir DIR, not both." };
    candidate = { mode: "dir", dir, json, ...(typeof csv === "string" ? { csv } : {}) };
  } else {
    if (csv) return { ok: false, message: "--csv goes with --dir DIR." };
    if (positional.length !== 1) return { ok: false, message: positional.length === 0 ? "Name a log file, or --dir DIR." : "Give one log file at a time (or --dir DIR)." };
    candidate = { mode: "file", file: positional[0], json };
  }
  const parsed = argsSchema.safeParse(candidate);
  return parsed.success ? { ok: true, args: parsed.data } : { ok: false, message: "Those arguments do not fit together." };
}
