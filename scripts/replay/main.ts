import "../../server/native-hash.js";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { summarizeLog, summaryCsv, transcript, type LogSummaryRow, type Scenario } from "../../shared/index.js";
import { parseArgs, usage } from "./args.js";
import { describeLogError, printTranscript } from "./print.js";
import { notesBeside, printNotes } from "./notes.js";
import { progressBar } from "./progress.js";
import { serverKey, verifyFile } from "./verify.js";

/** `npm run replay`: read match logs as transcripts, summaries and a class table. */

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    console.error(`Cannot read ${path}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder (use --dir)" : code}`);
    return undefined;
  }
}

function replayFile(file: string, json: boolean): number {
  const text = readText(file);
  if (text === undefined) return 1;
  const { replay, summary, error, row } = summarizeLog(text, file);
  if (!replay || !summary) {
    if (json) console.log(JSON.stringify({ file, integrity: row.integrity, error }, null, 2));
    else console.error(`Integrity check failed. ${describeLogError(file, error!)}`);
    return 1;
  }
  const entries = transcript(replay.scenario, replay.states, replay.actions);
  const { notes, problem } = notesBeside(file);
  if (problem) console.error(problem);
  if (json) {
    console.log(JSON.stringify({ file, integrity: "ok", header: { ...replay.header, scenario: replay.scenario.id }, transcript: entries, summary, notes }, null, 2));
  } else {
    printTranscript(replay, entries, summary);
    printNotes(file, notes);
    console.log(`  integrity         ok: ${replay.actions.length} actions, hash chain intact${replay.result ? ", final state hash matches" : ""}`);
    // Intact is not authentic: anyone can rebuild a chain. Who signed it is --verify's question.
    console.log(`  signature         ${replay.signature ? `a signature line (key ${replay.signature.publicKey}); check it with --verify` : "unsigned"}`);
  }
  return 0;
}

function replayDir(dir: string, csv: string | undefined, json: boolean): number {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort();
  } catch {
    console.error(`Cannot read the folder ${dir}.`);
    return 2;
  }
  if (files.length === 0) {
    console.error(`No .jsonl logs in ${dir}.`);
    return 1;
  }
  const cache = new Map<string, Scenario>();
  const rows: LogSummaryRow[] = [];
  const progress = progressBar(files.length, "Summarising logs");
  for (const file of files) {
    const text = readText(join(dir, file));
    rows.push(text === undefined ? { ...summarizeLog("", file).row, integrity: "unreadable file" } : summarizeLog(text, file.replace(/\.jsonl$/, ""), cache).row);
    progress.tick();
  }
  progress.done();
  if (csv) {
    writeFileSync(csv, summaryCsv(rows));
    console.error(`Wrote ${rows.length} rows to ${csv}.`);
  }
  if (json) console.log(JSON.stringify(rows, null, 2));
  else if (!csv) process.stdout.write(summaryCsv(rows));
  const damaged = rows.filter((r) => r.integrity !== "ok");
  for (const row of damaged) console.error(`  ${row.matchId}: ${row.integrity}`);
  console.error(`${rows.length} logs: ${rows.filter((r) => r.status === "ended").length} ended, ${rows.filter((r) => r.status === "running").length} unfinished, ${damaged.length} damaged.`);
  return damaged.length > 0 ? 1 : 0;
}

const parsed = parseArgs(process.argv.slice(2));
if (!parsed.ok) {
  console.error(`${parsed.message}\n\n${usage}`);
  process.exit(2);
}
const { args } = parsed;
if (args.mode === "help") {
  console.log(usage);
  process.exit(0);
}
function verify(file: string, data: string | undefined, json: boolean): number {
  const text = readText(file);
  if (text === undefined) return 1;
  let key;
  try {
    key = serverKey(data);
  } catch (error) {
    console.error(`This server's signing key cannot be read: ${(error as Error).message}`);
    return 2;
  }
  return verifyFile(file, text, key, json);
}

if (args.mode === "verify") process.exit(verify(args.file, args.data, args.json));
process.exit(args.mode === "file" ? replayFile(args.file, args.json) : replayDir(args.dir, args.csv, args.json));
