import type { Scenario, ScenarioEvent } from "../scenario/schema.js";
import { offerIndices } from "../scenario/payoff.js";
import { createRng, drawNumbers } from "../util/rng.js";
import { err, ok, type Result } from "../util/result.js";
import { describeProblems, problemsFromZod } from "../util/problems.js";
import { actionSchema, matchSettingsSchema, type Action, type MatchSettingsInput, type Offer, type Player } from "./actions.js";
import { endMove, fireRoundEvents } from "./calendar.js";
import { engineError, type EngineError } from "./errors.js";
import { brokenRedLines } from "./ratification.js";
import { offerPoints, reservationValue } from "./sheets.js";
import type { MatchState, SeatedPlayer } from "./state.js";

/**
 * The rules: `applyAction(scenario, state, action)` returns the next state or a typed error,
 * and never changes the state it was given. No clock, no I/O, no Math.random: the same
 * scenario, seed and actions give the same states on the server, in the browser and in replay.
 */

export type NewMatch = { seed: string; settings?: MatchSettingsInput; players?: Player[] };
type Step = Result<MatchState, EngineError>;
/** The same ceiling as the `rounds` setting. */
const MAX_ROUNDS = 100;

export function newMatch(scenario: Scenario, options: NewMatch): Step {
  const parsed = matchSettingsSchema.safeParse(options.settings ?? {});
  if (!parsed.success) return err(engineError("BAD_ACTION", `Bad match settings: ${describeProblems(problemsFromZod(parsed.error))}`));
  const settings = parsed.data;
  if (settings.firstMover !== undefined && !scenario.sides.some((s) => s.id === settings.firstMover)) {
    return err(engineError("UNKNOWN_SIDE", `There is no side "${settings.firstMover}" to move first.`));
  }
  let rng = createRng(options.seed);
  let variant: MatchState["variant"] = null;
  if (settings.privateVariant) {
    variant = {};
    for (const side of scenario.sides) {
      const draw = drawNumbers(rng, scenario.issues.length);
      rng = draw.rng;
      // Rounded to two decimals so that a sheet shows clean multipliers.
      variant[side.id] = draw.values.map((u) => Math.round((1 + scenario.variantSpread * (2 * u - 1)) * 100) / 100);
    }
  }
  let state: MatchState = {
    scenarioId: scenario.id,
    seed: options.seed,
    settings,
    seq: 0,
    phase: "briefing",
    round: 1,
    maxRounds: settings.rounds ?? scenario.rounds.length,
    turn: settings.firstMover ?? scenario.firstMover,
    movesThisRound: 0,
    players: [],
    proposals: [],
    standingProposalId: null,
    chat: [],
    events: [],
    delayCost: Object.fromEntries(scenario.sides.map((s) => [s.id, 0])),
    variant,
    rng,
    outcome: null,
  };
  for (const player of options.players ?? []) {
    const seated = seat(scenario, state, player);
    if (!seated.ok) return seated;
    state = seated.value;
  }
  return ok(state);
}

export function applyAction(scenario: Scenario, state: MatchState, input: unknown): Step {
  const parsed = actionSchema.safeParse(input);
  if (!parsed.success) {
    return err(engineError("BAD_ACTION", `That action is not valid: ${describeProblems(problemsFromZod(parsed.error))}`));
  }
  return applyValidAction(scenario, state, parsed.data);
}

/** For actions already parsed by `actionSchema` (a log line, the server's own): skips the second parse. */
export function applyValidAction(scenario: Scenario, state: MatchState, action: Action): Step {
  const result = dispatch(scenario, state, action);
  // Every handler returns a state object of its own (never the one it was given), so setting
  // seq on it in place is safe and saves copying the whole state once more per action.
  if (result.ok) result.value.seq = state.seq + 1;
  return result;
}

function dispatch(scenario: Scenario, state: MatchState, action: Action): Step {
  switch (action.type) {
    case "join":
      return seat(scenario, state, action.player);
    case "start":
      return state.phase === "briefing" ? ok(startNegotiating(scenario, state)) : wrongPhase(state, "start");
    case "ready":
      return markReady(scenario, state, action.by);
    case "propose":
      return propose(scenario, state, action.by, action.offer);
    case "accept":
      return accept(scenario, state, action.by, action.proposalId);
    case "walkaway":
      return walkAway(scenario, state, action.by);
    case "chat": {
      if (state.phase === "ended") return wrongPhase(state, "chat at the table");
      const player = findPlayer(state, action.by);
      if (!player.ok) return player;
      const line = { seq: state.seq + 1, by: action.by, side: player.value.side, to: action.to, text: action.text, round: state.round };
      return ok({ ...state, chat: [...state.chat, line] });
    }
    case "timeout":
      return state.phase === "negotiating" ? ok(advanced(state, (draft) => endMove(scenario, draft))) : wrongPhase(state, "pass the turn");
    case "inject":
      return inject(scenario, state, action.event);
    case "extend":
      if (state.phase === "ended") return wrongPhase(state, "extend the deadline");
      if (state.maxRounds + action.rounds > MAX_ROUNDS) return err(engineError("BAD_ACTION", `A match lasts at most ${MAX_ROUNDS} rounds.`));
      return ok({ ...state, maxRounds: state.maxRounds + action.rounds });
    case "takeover": {
      if (state.phase === "ended") return wrongPhase(state, "take over a seat");
      const seat = state.players.find((p) => p.id === action.playerId);
      if (!seat || seat.bot === undefined) return err(engineError("UNKNOWN_PLAYER", `No bot "${action.playerId}" holds a seat at this table.`));
      const { bot: _bot, ...person } = seat;
      return ok({ ...state, players: state.players.map((p) => (p.id === seat.id ? { ...person, name: action.name } : p)) });
    }
    case "stop": {
      // No deal, scored like a walk-away: each side's reservation value as events have moved it.
      if (state.phase === "ended") return wrongPhase(state, "stop the match");
      const points = Object.fromEntries(scenario.sides.map((side) => [side.id, reservationValue(scenario, state, side.id)]));
      return ok({ ...state, phase: "ended", outcome: { kind: "stopped", round: state.round, reason: action.reason, points } });
    }
    case "branch":
      return state.phase === "ended" ? wrongPhase(state, "branch from here") : ok({ ...state, rng: createRng(action.seed) });
  }
}

const phaseWords: Record<MatchState["phase"], string> = {
  briefing: "is still in the briefing",
  negotiating: "is under way",
  ended: "is over",
};

const wrongPhase = (state: MatchState, what: string): Step =>
  err(engineError("WRONG_PHASE", `You cannot ${what} now: the match ${phaseWords[state.phase]}.`));

function findPlayer(state: MatchState, id: string): Result<SeatedPlayer, EngineError> {
  const player = state.players.find((p) => p.id === id);
  if (player) return ok(player);
  return err(engineError("UNKNOWN_PLAYER", `No player "${id}" is seated at this table.`));
}

function seat(scenario: Scenario, state: MatchState, player: Player): Step {
  if (state.phase === "ended") return wrongPhase(state, "take a seat");
  if (state.players.some((p) => p.id === player.id)) return err(engineError("PLAYER_EXISTS", `Player "${player.id}" is already seated.`));
  const side = scenario.sides.find((s) => s.id === player.side);
  if (!side) return err(engineError("UNKNOWN_SIDE", `There is no side "${player.side}" (sides: ${scenario.sides.map((s) => s.id).join(", ")}).`));
  if (!side.roles.some((r) => r.id === player.role)) {
    return err(engineError("UNKNOWN_ROLE", `${side.name} has no role "${player.role}" (roles: ${side.roles.map((r) => r.id).join(", ")}).`));
  }
  // Bots read their sheet instantly, so they are ready from the start.
  return ok({ ...state, players: [...state.players, { ...player, ready: player.bot !== undefined }] });
}

/** A fresh shallow copy of the state, advanced in place by `step` (see calendar.ts on drafts). */
function advanced(state: MatchState, step: (draft: MatchState) => void): MatchState {
  const draft = { ...state };
  step(draft);
  return draft;
}

function startNegotiating(scenario: Scenario, state: MatchState): MatchState {
  return advanced(state, (draft) => {
    draft.phase = "negotiating";
    fireRoundEvents(scenario, draft);
  });
}

function markReady(scenario: Scenario, state: MatchState, by: string): Step {
  if (state.phase !== "briefing") return wrongPhase(state, "get ready");
  const player = findPlayer(state, by);
  if (!player.ok) return player;
  if (player.value.ready) return err(engineError("ALREADY_READY", "You are already marked ready."));
  const players = state.players.map((p) => (p.id === by ? { ...p, ready: true } : p));
  const next = { ...state, players };
  const everySideSeated = scenario.sides.every((side) => players.some((p) => p.side === side.id));
  return ok(everySideSeated && players.every((p) => p.ready) ? startNegotiating(scenario, next) : next);
}

/** The acting player must be seated, the match under way, and it must be their side's move. */
function moverFor(scenario: Scenario, state: MatchState, by: string, what: string): Result<SeatedPlayer, EngineError> {
  if (state.phase !== "negotiating") return wrongPhase(state, what) as Result<never, EngineError>;
  const player = findPlayer(state, by);
  if (!player.ok) return player;
  if (player.value.side !== state.turn) {
    const turnName = scenario.sides.find((s) => s.id === state.turn)?.name ?? state.turn;
    return err(engineError("NOT_YOUR_TURN", `It is ${turnName}'s move; you cannot ${what} now.`));
  }
  return player;
}

export function checkOffer(scenario: Scenario, offer: Offer): EngineError | undefined {
  for (const key of Object.keys(offer)) {
    if (!scenario.issues.some((issue) => issue.id === key)) return engineError("BAD_OFFER", `There is no issue "${key}" in this scenario.`);
  }
  for (const issue of scenario.issues) {
    const chosen = offer[issue.id];
    if (chosen === undefined) return engineError("BAD_OFFER", `A proposal must choose an option for every issue; "${issue.id}" (${issue.name}) is missing.`);
    if (scenarioOptionId(issue, chosen) === undefined) {
      return engineError("BAD_OFFER", `Issue "${issue.id}" has no option "${chosen}" (options: ${issue.options.map((o) => o.id).join(", ")}).`);
    }
  }
  return undefined;
}

/** The scenario's own id string for a chosen option, not the message's copy: a long match keeps every proposal. */
function scenarioOptionId(issue: Scenario["issues"][number], chosen: string | undefined): string | undefined {
  for (const option of issue.options) if (option.id === chosen) return option.id;
  return undefined;
}

/** The offer in scenario order (so equal packages serialise identically), or undefined when it is not a valid package. */
function orderedOffer(scenario: Scenario, offer: Offer): Offer | undefined {
  const ordered: Offer = {};
  for (const issue of scenario.issues) {
    const option = scenarioOptionId(issue, offer[issue.id]);
    if (option === undefined) return undefined;
    ordered[issue.id] = option;
  }
  // Every issue is there; one key more means an issue the scenario does not have.
  return Object.keys(offer).length === scenario.issues.length ? ordered : undefined;
}

function propose(scenario: Scenario, state: MatchState, by: string, offer: Offer): Step {
  const mover = moverFor(scenario, state, by, "make a proposal");
  if (!mover.ok) return mover;
  const ordered = orderedOffer(scenario, offer);
  if (!ordered) return err(checkOffer(scenario, offer) ?? engineError("BAD_OFFER", "That is not a valid package."));
  const proposal = { id: `p${state.proposals.length + 1}`, side: mover.value.side, by, round: state.round, offer: ordered };
  return ok(advanced(state, (draft) => {
    draft.proposals = [...state.proposals, proposal];
    draft.standingProposalId = proposal.id;
    endMove(scenario, draft);
  }));
}

function accept(scenario: Scenario, state: MatchState, by: string, proposalId: string): Step {
  const mover = moverFor(scenario, state, by, "accept");
  if (!mover.ok) return mover;
  const standing = state.proposals.find((p) => p.id === state.standingProposalId);
  if (!standing) return err(engineError("NO_STANDING_OFFER", "There is no offer on the table to accept."));
  if (standing.id !== proposalId) {
    return err(engineError("STALE_PROPOSAL", `Proposal ${proposalId} is no longer on the table; the standing offer is ${standing.id}.`));
  }
  if (standing.side === mover.value.side) return err(engineError("OWN_PROPOSAL", "You cannot accept your own side's proposal."));

  const broken = brokenRedLines(scenario, standing.offer);
  const base = { round: state.round, proposalId: standing.id, offer: standing.offer, by, side: mover.value.side };
  const points: Record<string, number> = {};
  for (const side of scenario.sides) {
    points[side.id] = broken.length > 0
      ? reservationValue(scenario, state, side.id)
      : offerPoints(scenario, state, side.id, standing.offer)! - (state.delayCost[side.id] ?? 0);
  }
  const outcome = broken.length > 0
    ? { kind: "ratification-failed" as const, ...base, points, brokenRedLines: broken }
    : { kind: "agreement" as const, ...base, points };
  return ok({ ...state, phase: "ended", outcome });
}

function walkAway(scenario: Scenario, state: MatchState, by: string): Step {
  const mover = moverFor(scenario, state, by, "walk away");
  if (!mover.ok) return mover;
  const points = Object.fromEntries(scenario.sides.map((side) => [side.id, reservationValue(scenario, state, side.id)]));
  return ok({ ...state, phase: "ended", outcome: { kind: "walkaway", round: state.round, by, side: mover.value.side, points } });
}

function inject(scenario: Scenario, state: MatchState, event: ScenarioEvent): Step {
  if (state.phase === "ended") return wrongPhase(state, "add an event");
  for (const effect of event.effects) {
    if (!scenario.sides.some((s) => s.id === effect.side)) return err(engineError("BAD_EVENT", `The event names an unknown side "${effect.side}".`));
    if (effect.kind === "scale" && !scenario.issues.some((i) => i.id === effect.issue)) {
      return err(engineError("BAD_EVENT", `The event names an unknown issue "${effect.issue}".`));
    }
    if (effect.kind === "reservation" && effect.fallback) {
      const { issue, option } = effect.fallback;
      if (!scenario.issues.some((i) => i.id === issue && i.options.some((o) => o.id === option))) {
        return err(engineError("BAD_EVENT", `The event's fallback names an unknown option "${option}" of issue "${issue}".`));
      }
    }
  }
  const fired = { id: event.id, title: event.title, headline: event.headline, round: state.round, origin: "instructor" as const, effects: event.effects };
  return ok({ ...state, events: [...state.events, fired] });
}

/** True when an offer names a valid option for every issue. */
export const isCompleteOffer = (scenario: Scenario, offer: Offer): boolean => offerIndices(scenario, offer) !== undefined;
