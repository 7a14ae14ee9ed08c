import { z } from "zod";
import { actionSchema, matchSettingsSchema, playerSchema } from "../engine/actions.js";
import type { Action, MatchSettings, Player } from "../engine/actions.js";
import type { Outcome } from "../engine/state.js";
import { sha256Hex } from "../util/sha256.js";

/**
 * The match log: JSON Lines (docs/log-format.md). Line 1 is the header with everything needed
 * to rebuild the match (the full scenario as played, seed, settings, seats); then one line per
 * accepted action; a final `result` line when the match ends. Every line after the header
 * carries `prev`, the SHA-256 of the previous line's exact text, so an edit or a removed line
 * is found by replay.
 */

export const LOG_FORMAT = "tariff-talks-log";
export const LOG_VERSION = 1;

const hash = z.string().regex(/^[0-9a-f]{64}$/, "expected a 64-digit hex SHA-256");

export const headerSchema = z.strictObject({
  kind: z.literal("header"),
  format: z.literal(LOG_FORMAT),
  version: z.literal(LOG_VERSION),
  matchId: z.string().min(1).max(64),
  /** Wall-clock time the match was created (ISO 8601), for people; replay ignores it. */
  createdAt: z.string().max(40).optional(),
  /** The scenario exactly as played (the raw file, parsed again on replay). */
  scenario: z.unknown(),
  seed: z.string().min(1).max(200),
  settings: matchSettingsSchema,
  seats: z.array(playerSchema).max(64),
  /** Free-form facts about how the match was hosted (mode, turn clock, parent log…); replay ignores it. */
  meta: z.record(z.string(), z.unknown()).optional(),
});

export const actionLineSchema = z.strictObject({
  kind: z.literal("action"),
  /** 1 for the first action, then consecutive. */
  seq: z.number().int().min(1),
  /** The round the action was taken in. */
  round: z.number().int().min(1),
  action: actionSchema,
  /** Wall-clock time the server accepted it (ISO 8601); replay ignores it. */
  at: z.string().max(40).optional(),
  prev: hash,
});

/** The adaptive bot's estimate of the other side's issue weights (they sum to 1), next to the truth in the debrief. */
export const botEstimateSchema = z.strictObject({
  playerId: z.string().min(1).max(64),
  side: z.string().min(1).max(40),
  strategy: z.string().min(1).max(40),
  /** Estimated weight of each issue for the other side. */
  estimate: z.record(z.string(), z.number()),
});
export type BotEstimate = z.infer<typeof botEstimateSchema>;
export type ResultNotes = { botEstimates?: BotEstimate[] };

export const resultLineSchema = z.strictObject({
  kind: z.literal("result"),
  /** seq of the last action. */
  seq: z.number().int().min(0),
  outcome: z.unknown(),
  /** stateHash() of the final state. */
  stateHash: hash,
  /** Facts for the debrief that are not part of the state, e.g. what each bot learned of its opponent. */
  notes: z.strictObject({ botEstimates: z.array(botEstimateSchema).max(16).optional() }).optional(),
  prev: hash,
});

/** Longest answer to one reflection question, in characters. */
export const MAX_REFLECTION_LENGTH = 1000;
/** The debrief asks three reflection questions; a student answers them in one line of the log. */
export const REFLECTION_QUESTIONS = 3;

/**
 * A student's answers to the result screen's reflection questions, written after the result line
 * (the match is over; replay skips them). A later line of the same player replaces an earlier one.
 */
export const reflectionLineSchema = z.strictObject({
  kind: z.literal("reflection"),
  playerId: z.string().min(1).max(64),
  side: z.string().min(1).max(40),
  /** One answer per question, in the order asked ("" = left blank). */
  answers: z.array(z.string().max(MAX_REFLECTION_LENGTH)).length(REFLECTION_QUESTIONS),
  /** Wall-clock time the server wrote it (ISO 8601). */
  at: z.string().max(40).optional(),
  prev: hash,
});
export type ReflectionLine = z.infer<typeof reflectionLineSchema>;

export function reflectionLineAfter(prev: string, entry: Omit<ReflectionLine, "kind" | "prev">): string {
  const line: ReflectionLine = { kind: "reflection", ...entry, prev };
  return JSON.stringify(line);
}

export type LogHeader = z.infer<typeof headerSchema>;
export type ActionLine = z.infer<typeof actionLineSchema>;
export type ResultLine = Omit<z.infer<typeof resultLineSchema>, "outcome"> & { outcome: Outcome };

export type HeaderInput = {
  matchId: string;
  scenario: unknown;
  seed: string;
  settings: MatchSettings;
  seats: Player[];
  createdAt?: string;
  meta?: Record<string, unknown>;
};

export function headerLine(input: HeaderInput): string {
  const header: LogHeader = { kind: "header", format: LOG_FORMAT, version: LOG_VERSION, ...input };
  return JSON.stringify(header);
}

type ActionEntry = { seq: number; round: number; action: Action; at?: string };
type ResultEntry = { seq: number; outcome: Outcome; stateHash: string; notes?: ResultNotes };

export const actionLine = (previousLine: string, entry: ActionEntry): string => actionLineAfter(lineHash(previousLine), entry);
export const resultLine = (previousLine: string, entry: ResultEntry): string => resultLineAfter(lineHash(previousLine), entry);

/** The chain link: what the next line's `prev` holds. */
export const lineHash = (line: string): string => sha256Hex(line);

/** As `actionLine`, given the previous line's hash (a live match keeps the hash, not the whole line). */
export function actionLineAfter(prev: string, entry: ActionEntry): string {
  const line: ActionLine = { kind: "action", ...entry, prev };
  return JSON.stringify(line);
}

export function resultLineAfter(prev: string, entry: ResultEntry): string {
  const line: ResultLine = { kind: "result", ...entry, prev };
  return JSON.stringify(line);
}
