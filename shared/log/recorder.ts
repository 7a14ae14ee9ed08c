import type { Action, MatchSettingsInput, Player } from "../engine/actions.js";
import { applyAction, applyValidAction, newMatch } from "../engine/engine.js";
import type { EngineError } from "../engine/errors.js";
import { stateHash } from "../engine/hash.js";
import type { MatchState } from "../engine/state.js";
import { parseScenario } from "../scenario/parse.js";
import type { Scenario } from "../scenario/schema.js";
import { describeProblems } from "../util/problems.js";
import { err, ok, type Result } from "../util/result.js";
import { actionLineAfter, headerLine, lineHash, resultLineAfter, type ResultNotes } from "./format.js";

/**
 * A live match together with its log: every accepted action yields the exact lines to append.
 * The caller (the server, a test, the tournament) does the writing; this stays pure.
 */
/** `lastLineHash`: the chain link the next line carries (the hash, not the line: a server holds one per live match). */
export type RecordedMatch = { scenario: Scenario; state: MatchState; lastLineHash: string };
export type Recording = { match: RecordedMatch; lines: string[] };

export type RecordedMatchOptions = {
  matchId: string;
  /** The scenario as raw JSON: it is stored in the header exactly as given. */
  scenarioSource: unknown;
  seed: string;
  settings?: MatchSettingsInput;
  seats?: Player[];
  createdAt?: string;
  meta?: Record<string, unknown>;
};

export function startRecordedMatch(options: RecordedMatchOptions): Result<Recording, EngineError> {
  const scenario = parseScenario(options.scenarioSource);
  if (!scenario.ok) return err({ code: "BAD_ACTION", message: `The scenario is not valid: ${describeProblems(scenario.error)}` });
  const seats = options.seats ?? [];
  const state = newMatch(scenario.value, { seed: options.seed, settings: options.settings ?? {}, players: seats });
  if (!state.ok) return state;
  const header = headerLine({
    matchId: options.matchId,
    scenario: options.scenarioSource,
    seed: options.seed,
    settings: state.value.settings,
    seats,
    ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    ...(options.meta ? { meta: options.meta } : {}),
  });
  return ok({ match: { scenario: scenario.value, state: state.value, lastLineHash: lineHash(header) }, lines: [header] });
}

/**
 * Applies an action; on success returns the new match and the line(s) to append (a result line
 * when it ends). `notesAtEnd` adds debrief facts to the result line, e.g. the bots' estimates.
 */
export function recordAction(match: RecordedMatch, action: Action, at?: string, notesAtEnd?: (state: MatchState) => ResultNotes | undefined): Result<Recording, EngineError> {
  return record(match, action, applyAction(match.scenario, match.state, action), at, notesAtEnd);
}

/**
 * As `recordAction`, for an action already parsed by `actionSchema` or built from parts that were
 * (the server's player messages share the engine's schemas): skips the second zod parse.
 */
export function recordValidAction(match: RecordedMatch, action: Action, at?: string, notesAtEnd?: (state: MatchState) => ResultNotes | undefined): Result<Recording, EngineError> {
  return record(match, action, applyValidAction(match.scenario, match.state, action), at, notesAtEnd);
}

function record(match: RecordedMatch, action: Action, next: Result<MatchState, EngineError>, at: string | undefined, notesAtEnd: ((state: MatchState) => ResultNotes | undefined) | undefined): Result<Recording, EngineError> {
  if (!next.ok) return next;
  const state = next.value;
  const line = actionLineAfter(match.lastLineHash, { seq: state.seq, round: match.state.round, action, ...(at ? { at } : {}) });
  const lines = [line];
  if (state.phase === "ended" && state.outcome && match.state.phase !== "ended") {
    const notes = notesAtEnd?.(state);
    lines.push(resultLineAfter(lineHash(line), { seq: state.seq, outcome: state.outcome, stateHash: stateHash(state), ...(notes ? { notes } : {}) }));
  }
  return ok({ match: { scenario: match.scenario, state, lastLineHash: lineHash(lines.at(-1)!) }, lines });
}
