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

const fired = (event: ScenarioEvent, round: number, origin: FiredEvent["origin"]): FiredEvent => ({
  id: event.id,
  title: event.title,
  headline: event.headline,
  round,
  origin,
  effects: event.effects,
});

/** Events that arrive as `state.round` begins: the historical ones for it, then maybe one from the deck. */
export function fireRoundEvents(scenario: Scenario, state: MatchState): MatchState {
  const mode = state.settings.events;
  const events = [...state.events];
  let rng = state.rng;
  if (mode === "historical" || mode === "both") {
    for (const entry of scenario.events.timeline) {
      if (entry.round === state.round) events.push(fired(entry.event, state.round, "timeline"));
    }
  }
  if ((mode === "random" || mode === "both") && state.round > 1) {
    const drawnIds = new Set(events.filter((e) => e.origin === "deck").map((e) => e.id));
    const remaining = scenario.events.deck.filter((event) => !drawnIds.has(event.id));
    if (remaining.length > 0) {
      const draw = drawNumbers(rng, 2);
      rng = draw.rng;
      const [chance, pick] = draw.values as [number, number];
      if (chance < scenario.events.chancePerRound) {
        events.push(fired(remaining[Math.floor(pick * remaining.length)]!, state.round, "deck"));
      }
    }
  }
  return { ...state, events, rng };
}

/** The move is over: pass the turn, and when both sides have moved, close the round. */
export function endMove(scenario: Scenario, state: MatchState): MatchState {
  const [first, second] = scenario.sides.map((s) => s.id) as [string, string];
  const firstMover = state.settings.firstMover ?? scenario.firstMover;
  const secondMover = firstMover === first ? second : first;
  if (state.movesThisRound === 0) return { ...state, movesThisRound: 1, turn: secondMover };
  return closeRound(scenario, { ...state, movesThisRound: 0, turn: firstMover });
}

function closeRound(scenario: Scenario, state: MatchState): MatchState {
  // The round's delay is charged at the pressure that held during it.
  const delayCost = { ...state.delayCost };
  for (const side of scenario.sides) delayCost[side.id] = (delayCost[side.id] ?? 0) + pressurePerRound(scenario, state, side.id);
  let next: MatchState = { ...state, delayCost };
  if (softDeadlineRound(scenario, state.maxRounds) === state.round && scenario.softDeadline) {
    const missed: FiredEvent = {
      id: "missed-soft-deadline",
      title: `Missed: ${scenario.softDeadline.label}`,
      headline: `No agreement by ${scenario.softDeadline.label}.`,
      round: state.round,
      origin: "deadline",
      effects: scenario.softDeadline.missedEffects,
    };
    next = { ...next, events: [...next.events, missed] };
  }

  if (next.round >= next.maxRounds) {
    const points = Object.fromEntries(scenario.sides.map((side) => [side.id, reservationValue(scenario, next, side.id)]));
    return { ...next, phase: "ended", outcome: { kind: "deadline", round: next.round, points } };
  }
  return fireRoundEvents(scenario, { ...next, round: next.round + 1 });
}
