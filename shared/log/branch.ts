import type { EngineError } from "../engine/errors.js";
import { stateHash } from "../engine/hash.js";
import { err, ok, type Result } from "../util/result.js";
import { headerLine, lineHash } from "./format.js";
import { recordAction, type Recording } from "./recorder.js";
import type { Replay } from "./replay.js";

/**
 * "What if": a new match that starts in exactly the state of step `step` of a replayed match.
 * Its log repeats the parent's first `step` actions (so it replays on its own), then a
 * `branch` action that names the parent and reseeds the random stream, so the branch
 * diverges deterministically for its own seed.
 */
export type BranchOptions = { matchId: string; step: number; seed: string; createdAt?: string; meta?: Record<string, unknown> };

export function branchFromReplay(parent: Replay, options: BranchOptions): Result<Recording, EngineError> {
  const { step } = options;
  if (!Number.isInteger(step) || step < 0 || step >= parent.states.length) {
    return err({ code: "BAD_ACTION", message: `Step ${step} is not in this match (it has steps 0 to ${parent.states.length - 1}).` });
  }
  if (parent.states[step]!.phase === "ended") {
    return err({ code: "WRONG_PHASE", message: `The match is over at step ${step}; branch from an earlier step.` });
  }
  const parentInfo = { matchId: parent.header.matchId, step, stateHash: stateHash(parent.states[step]!) };
  const header = headerLine({
    matchId: options.matchId,
    scenario: parent.header.scenario,
    seed: parent.header.seed,
    settings: parent.header.settings,
    seats: parent.header.seats,
    ...(options.createdAt ? { createdAt: options.createdAt } : {}),
    meta: { ...options.meta, parent: parentInfo },
  });
  let recording: Recording = { match: { scenario: parent.scenario, state: parent.states[0]!, lastLineHash: lineHash(header) }, lines: [header] };
  const lines = [header];
  const replayed = [...parent.actions.slice(0, step).map((entry) => ({ action: entry.action, at: entry.at }))];
  replayed.push({ action: { type: "branch", parent: { matchId: parent.header.matchId, step }, seed: options.seed }, at: options.createdAt });
  for (const { action, at } of replayed) {
    const next = recordAction(recording.match, action, at);
    if (!next.ok) return next;
    recording = next.value;
    lines.push(...next.value.lines);
  }
  return ok({ match: recording.match, lines });
}
