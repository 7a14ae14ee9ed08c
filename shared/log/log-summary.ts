import { summarizeMatch, type MatchSummary } from "../metrics/summary.js";
import type { Scenario } from "../scenario/schema.js";
import { replayLog, type LogError, type Replay } from "./replay.js";

/** One row per log for a class table or a grading script: what happened, how well, and whether the file is intact. */
export type LogSummaryRow = {
  matchId: string;
  scenario: string;
  createdAt: string;
  /** ok, or the first problem found, e.g. "LOG_CHAIN_BROKEN at line 12". */
  integrity: string;
  status: "ended" | "running" | "unreadable";
  outcome: string;
  rounds: number | null;
  proposals: number | null;
  /** Final points per side (outcome points), in scenario side order. */
  points: Record<string, number>;
  jointGainShare: number | null;
  distanceToFrontier: number | null;
  distanceToNash: number | null;
};

export type SummarizedLog = { row: LogSummaryRow; replay?: Replay; summary?: MatchSummary; error?: LogError };

export function summarizeLog(text: string, fallbackId: string, scenarioCache?: Map<string, Scenario>): SummarizedLog {
  const replay = replayLog(text, scenarioCache ? { scenarioCache } : {});
  if (!replay.ok) {
    const row: LogSummaryRow = {
      matchId: fallbackId,
      scenario: "",
      createdAt: "",
      integrity: `${replay.error.code} at line ${replay.error.line}`,
      status: "unreadable",
      outcome: "",
      rounds: null,
      proposals: null,
      points: {},
      jointGainShare: null,
      distanceToFrontier: null,
      distanceToNash: null,
    };
    return { row, error: replay.error };
  }
  const { header, scenario, final } = replay.value;
  const summary = summarizeMatch(scenario, final);
  const row: LogSummaryRow = {
    matchId: header.matchId,
    scenario: scenario.id,
    createdAt: header.createdAt ?? "",
    integrity: "ok",
    status: final.phase === "ended" ? "ended" : "running",
    outcome: final.outcome?.kind ?? "",
    rounds: final.round,
    proposals: final.proposals.length,
    points: final.outcome?.points ?? {},
    jointGainShare: summary.deal && final.outcome?.kind === "agreement" ? summary.deal.jointGainShare : null,
    distanceToFrontier: summary.deal ? summary.deal.distanceToFrontier : null,
    distanceToNash: summary.deal ? summary.deal.distanceToNash : null,
  };
  return { row, replay: replay.value, summary };
}

const csvCell = (value: unknown): string => {
  const text = value === null || value === undefined ? "" : typeof value === "number" ? String(Math.round(value * 1000) / 1000) : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** CSV with one column per side's points, named points_<side>. */
export function summaryCsv(rows: readonly LogSummaryRow[]): string {
  const sides = [...new Set(rows.flatMap((r) => Object.keys(r.points)))];
  const columns = ["matchId", "scenario", "createdAt", "integrity", "status", "outcome", "rounds", "proposals", ...sides.map((s) => `points_${s}`), "jointGainShare", "distanceToFrontier", "distanceToNash"];
  const lines = [columns.join(",")];
  for (const row of rows) {
    const record = row as unknown as Record<string, unknown>;
    lines.push(columns.map((c) => csvCell(c.startsWith("points_") ? row.points[c.slice(7)] : record[c])).join(","));
  }
  return lines.join("\n") + "\n";
}
