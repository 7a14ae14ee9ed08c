import type { Scenario, ScenarioEvent } from "../scenario/schema.js";
import { drawNumbers } from "../util/rng.js";
import { pressurePerRound, reservationValue } from "./sheets.js";
import type { FiredEvent, MatchState } from "./state.js";

/** Rounds, deadlines and the events they bring. */

export function roundLabel(scenario: Scenario, state: Pick<MatchState, "round" | "maxRounds">): string {
  const label = scenario.rounds[state.round - 1]?.label ?? `Extra round ${state.round - scenario.rounds.length}`;
  return state.round === state.maxRounds ? `${label} — final round` : label;
}

/** The soft deadline counts only when it falls before the match's last round. */
export function softDeadlineRound(scenario: Scenario, maxRounds: number): number | undefined {
  const round = scenario.softDeadline?.round;
  return round !== undefined && round < maxRounds ? round : undefined;
}

/** The news of a missed soft deadline (its English is also the source the client's translations match). */
export const missedSoftDeadlineText = (label: string): { title: string; headline: string } => ({
  title: `Missed: ${label}`,
  headline: `No agreement by ${label}.`,
});

const fired = (event: ScenarioEvent, round: number, origin: FiredEvent["origin"]): FiredEvent => ({
  id: event.id,
  title: event.title,
  headline: event.headline,
  round,
  origin,
  effects: event.effects,
});

/**
 * The functions below advance a draft: a fresh shallow copy of the state that the current action
 * owns. They set its fields and replace (never mutate) its arrays and records, so the state the
 * action started from is untouched, without copying the whole state once per step.
 */

/** Events that arrive as `draft.round` begins: the historical ones for it, then maybe one from the deck. */
export function fireRoundEvents(scenario: Scenario, draft: MatchState): void {
  const mode = draft.settings.events;
  const round = draft.round;
  let events = draft.events;
  const add = (event: FiredEvent) => {
    if (events === draft.events) events = events.slice();
    events.push(event);
  };
  if (mode === "historical" || mode === "both") {
    for (const entry of scenario.events.timeline) {
      if (entry.round === round) add(fired(entry.event, round, "timeline"));
    }
  }
  if ((mode === "random" || mode === "both") && round > 1) {
    const remaining = scenario.events.deck.filter((event) => !events.some((e) => e.origin === "deck" && e.id === event.id));
    if (remaining.length > 0) {
      const draw = drawNumbers(draft.rng, 2);
      draft.rng = draw.rng;
      const [chance, pick] = draw.values as [number, number];
      if (chance < scenario.events.chancePerRound) add(fired(remaining[Math.floor(pick * remaining.length)]!, round, "deck"));
    }
  }
  draft.events = events;
}

/** The move is over: pass the turn, and when both sides have moved, close the round. */
export function endMove(scenario: Scenario, draft: MatchState): void {
  const firstMover = draft.settings.firstMover ?? scenario.firstMover;
  if (draft.movesThisRound === 0) {
    const other = scenario.sides[0]!.id === firstMover ? scenario.sides[1]! : scenario.sides[0]!;
    draft.movesThisRound = 1;
    draft.turn = other.id;
    return;
  }
  draft.movesThisRound = 0;
  draft.turn = firstMover;
  closeRound(scenario, draft);
}

function closeRound(scenario: Scenario, draft: MatchState): void {
  // The round's delay is charged at the pressure that held during it.
  const delayCost = { ...draft.delayCost };
  for (const side of scenario.sides) delayCost[side.id] = (delayCost[side.id] ?? 0) + pressurePerRound(scenario, draft, side.id);
  draft.delayCost = delayCost;
  if (softDeadlineRound(scenario, draft.maxRounds) === draft.round && scenario.softDeadline) {
    const missed: FiredEvent = {
      id: "missed-soft-deadline",
      ...missedSoftDeadlineText(scenario.softDeadline.label),
      round: draft.round,
      origin: "deadline",
      effects: scenario.softDeadline.missedEffects,
    };
    draft.events = [...draft.events, missed];
  }

  if (draft.round >= draft.maxRounds) {
    draft.phase = "ended";
    draft.outcome = { kind: "deadline", round: draft.round, points: Object.fromEntries(scenario.sides.map((side) => [side.id, reservationValue(scenario, draft, side.id)])) };
    return;
  }
  draft.round += 1;
  fireRoundEvents(scenario, draft);
}
