import { applyAction, builtinScenario, newMatch, type Action, type MatchSettingsInput, type MatchState, type Scenario } from "../../shared/index.js";
import { playBotMatch, resolveBot, type BotMatch, type BotMatchOptions, type BotSpec } from "../../shared/bots/index.js";

export const scenario: Scenario = builtinScenario("tariff-talks-2025")!;

/** Tournament conditions: the historical timeline plus the seeded deck, private variants on. */
export const varied: MatchSettingsInput = { events: "both", privateVariant: true };

export function spec(name: string): BotSpec {
  const resolved = resolveBot(name);
  if (!resolved.ok) throw new Error(resolved.error.message);
  return resolved.value;
}

/** A bot match: `first` plays the scenario's first side (Japan), `second` the other. */
export function play(
  first: string,
  second: string,
  seed: string,
  settings: MatchSettingsInput = varied,
  extra: Partial<BotMatchOptions> = {},
  on: Scenario = scenario,
): BotMatch {
  const [a, b] = on.sides.map((s) => s.id) as [string, string];
  return playBotMatch(on, { seed, settings, seats: { [a]: { spec: spec(first) }, [b]: { spec: spec(second) } }, ...extra });
}

/** Replays a bot match from scratch, calling `check` with each action and the state it meets. */
export function replay(match: BotMatch, settings: MatchSettingsInput, check: (state: MatchState, action: Action) => void, on: Scenario = scenario): void {
  const players = match.state.players.map(({ ready: _ready, ...player }) => player);
  const created = newMatch(on, { seed: match.state.seed, settings, players });
  if (!created.ok) throw new Error(created.error.message);
  let state = created.value;
  for (const action of match.actions) {
    check(state, action);
    const next = applyAction(on, state, action);
    if (!next.ok) throw new Error(next.error.message);
    state = next.value;
  }
}

export const mean = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0) / values.length;
