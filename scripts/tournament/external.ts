import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Scenario } from "../../shared/scenario/schema.js";
import { playMixedMatch, type MatchSeat, type StdioSeatReport } from "../stdio-bot/match.js";
import type { StdioBotLimits } from "../stdio-bot/stdio-bot.js";
import { matchResult, specFor, type MatchJob, type MatchResult } from "./match.js";

/**
 * Matches with an external (stdio) bot on at least one side. They mostly wait on other
 * processes, so they run as concurrent promises in this thread rather than on the workers.
 * Each match's log (lost moves, notes, the program's stderr) is written to `logDir`.
 */

export type ExternalBot = { name: string; command: string };

export type ExternalRunOptions = {
  bots: readonly ExternalBot[];
  limits?: Partial<StdioBotLimits>;
  /** Matches at once (default 2). */
  concurrency?: number;
  logDir?: string;
  onResult?: (result: MatchResult) => void;
};

/** Lost moves of the external bots over the tournament: name → fault kind → count, and one example each. */
export type LostMoveSummary = Map<string, Map<string, { count: number; example: string; match: number }>>;

export type ExternalRun = { results: MatchResult[]; lostMoves: LostMoveSummary };

export const isExternal = (bots: readonly ExternalBot[], name: string): boolean => bots.some((bot) => bot.name === name);

export async function runExternalJobs(scenario: Scenario, jobs: readonly MatchJob[], options: ExternalRunOptions): Promise<ExternalRun> {
  const results: MatchResult[] = [];
  const lostMoves: LostMoveSummary = new Map(options.bots.map((bot) => [bot.name, new Map()]));
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  const seatFor = (name: string): MatchSeat => {
    const bot = options.bots.find((b) => b.name === name);
    return bot ? { kind: "stdio", name, command: bot.command } : { kind: "builtin", name, spec: specFor(name) };
  };
  const [sideA, sideB] = scenario.sides.map((s) => s.id) as [string, string];
  let next = 0;
  const runOne = async (): Promise<void> => {
    while (next < jobs.length) {
      const job = jobs[next++]!;
      const match = await playMixedMatch(scenario, {
        seed: job.seed,
        settings: job.settings,
        seats: { [sideA]: seatFor(job.a), [sideB]: seatFor(job.b) },
        ...(options.limits ? { limits: options.limits } : {}),
      });
      const lostOn = (side: string) => match.external.find((r) => r.side === side)?.log.filter((e) => e.kind !== "note").length ?? 0;
      const result = matchResult(scenario, job, match.state, { a: lostOn(sideA), b: lostOn(sideB) });
      for (const report of match.external) {
        const perKind = lostMoves.get(report.name)!;
        for (const entry of report.log) {
          if (entry.kind === "note") continue;
          const seen = perKind.get(entry.kind);
          if (seen) seen.count++;
          else perKind.set(entry.kind, { count: 1, example: entry.message, match: job.index });
        }
      }
      if (options.logDir) writeFileSync(join(options.logDir, logFileName(job)), formatMatchLog(job, match.state.outcome?.kind ?? "?", match.external));
      results.push(result);
      options.onResult?.(result);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 2) }, runOne));
  results.sort((p, q) => p.index - q.index);
  return { results, lostMoves };
}

export const logFileName = (job: MatchJob): string => `${String(job.index).padStart(5, "0")}-${job.a}-vs-${job.b}-${job.seed}.log`;

function formatMatchLog(job: MatchJob, outcome: string, reports: readonly StdioSeatReport[]): string {
  const lines = [`match ${job.index}: ${job.a} vs ${job.b}, seed ${job.seed}, outcome ${outcome}`];
  for (const report of reports) {
    lines.push("", `== ${report.name} (side ${report.side}): ${report.command}`);
    if (report.log.length === 0) lines.push("no lost moves");
    for (const entry of report.log) lines.push(`${entry.seq === null ? "-" : `view ${entry.seq}`}: ${entry.kind === "note" ? "note" : `lost move (${entry.kind})`}: ${entry.message}`);
    lines.push(`-- stderr (${report.stderr.length} characters kept)`, report.stderr);
  }
  return `${lines.join("\n")}\n`;
}

/** A few lines for the end of the tournament: each external bot's lost moves by reason. */
export function formatLostMoves(summary: LostMoveSummary, logDir: string | undefined): string {
  const lines: string[] = [];
  for (const [name, perKind] of summary) {
    if (perKind.size === 0) {
      lines.push(`- ${name}: no lost moves`);
      continue;
    }
    const total = [...perKind.values()].reduce((n, k) => n + k.count, 0);
    lines.push(`- ${name}: ${total} lost moves`);
    for (const [kind, { count, example, match }] of perKind) lines.push(`    ${kind} × ${count}, e.g. match ${match}: ${example}`);
  }
  if (logDir) lines.push(`Each match's log and stderr: ${logDir}`);
  return lines.join("\n");
}
