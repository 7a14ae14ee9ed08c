import { applyAction, builtinScenario, DEFAULT_SCENARIO_ID, newMatch, viewFor, type Action, type MatchState, type MatchView, type Scenario } from "../../shared/index.js";
import type { ClientMatchView } from "../../client/src/net/match-connection.js";

/** A default-scenario match driven by engine actions, seen from a seat: the client's input. */

export const scenario: Scenario = builtinScenario(DEFAULT_SCENARIO_ID)!;

export function match(actions: Action[] = []): MatchState {
  const started = newMatch(scenario, {
    seed: "client-tests",
    players: [
      { id: "jp", name: "Aiko", side: "japan", role: "chief" },
      { id: "us", name: "Sam", side: "us", role: "treasury", bot: "hard" },
    ],
  });
  if (!started.ok) throw new Error(started.error.message);
  let state = started.value;
  // Bots are ready from the start; the person gets ready.
  for (const action of [{ type: "ready", by: "jp" } as Action, ...actions]) {
    const next = applyAction(scenario, state, action);
    if (!next.ok) throw new Error(`${action.type}: ${next.error.message}`);
    state = next.value;
  }
  return state;
}

export function seatView(state: MatchState, side = "japan", role = side === "japan" ? "chief" : "treasury"): ClientMatchView {
  const view: MatchView = viewFor(scenario, state, { kind: "seat", side, role });
  return { ...view, table: { code: "TEST", mode: "solo", turnSeconds: 0, turnEndsAt: 0, paused: false, briefingEndsAt: 0, connected: {}, spectators: 0 } };
}

export const noDeal = (): Record<string, string> => ({ ...scenario.noDeal });
export const realDeal = (): Record<string, string> => ({ ...scenario.references[0]!.offer });
