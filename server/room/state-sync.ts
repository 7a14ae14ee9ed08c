import { baseRoleTable, baseSideTable, issueFactors, scaleTable, pressurePerRound, reservationValue, roundLabel, type MatchState, type PointTable, type Scenario } from "../../shared/index.js";
import { ChatLineState, EffectState, PlayerState, RoleSheetState, SideSheetState, TeamState, type NegotiationState } from "./state-schema.js";
import { eventRecord, outcomeRecord, proposalRecord, redLinesRecord } from "./wire-records.js";

/**
 * Copies the engine's MatchState into the Colyseus schema state. One direction only: the
 * schema is a projection, never read back. Append-only parts (proposals, chat, events) are
 * appended from where the last sync stopped (proposals and events as JSON records, wire-records.ts); sheets are
 * recomputed only when something they depend on changed.
 */

export type SyncCursor = {
  chat: number;
  events: number;
  proposals: number;
  sheetEvents: number;
  /** The engine replaces these objects when they change, so comparing references is enough. */
  delayCost: MatchState["delayCost"] | null;
  players: MatchState["players"] | null;
  connected: ReadonlySet<string> | null;
  /** The round label was last drawn for these (it names the final round). */
  round: number;
  maxRounds: number;
};
export const newCursor = (): SyncCursor => ({ chat: 0, events: 0, proposals: 0, sheetEvents: -1, delayCost: null, players: null, connected: null, round: 0, maxRounds: 0 });

export const roleKey = (side: string, role: string): string => `${side}/${role}`;

export function syncState(root: NegotiationState, scenario: Scenario, state: MatchState, connected: ReadonlySet<string>, cursor: SyncCursor): void {
  root.phase = state.phase;
  root.seq = state.seq;
  root.round = state.round;
  root.maxRounds = state.maxRounds;
  if (state.round !== cursor.round || state.maxRounds !== cursor.maxRounds) {
    cursor.round = state.round;
    cursor.maxRounds = state.maxRounds;
    root.roundLabel = roundLabel(scenario, state);
  }
  root.turn = state.turn;
  root.standingProposalId = state.standingProposalId ?? "";
  if (state.players !== cursor.players || connected !== cursor.connected) {
    cursor.players = state.players;
    cursor.connected = connected;
    syncPlayers(root, state, connected);
  }

  for (; cursor.proposals < state.proposals.length; cursor.proposals++) root.proposals.push(proposalRecord(state.proposals[cursor.proposals]!));
  for (; cursor.chat < state.chat.length; cursor.chat++) {
    const line = state.chat[cursor.chat]!;
    const chatLine = new ChatLineState({ seq: line.seq, by: line.by, side: line.side, to: line.to, text: line.text, round: line.round });
    if (line.to === "table") root.chat.push(chatLine);
    else root.teams.get(line.side)?.chat.push(chatLine);
  }
  for (; cursor.events < state.events.length; cursor.events++) {
    const event = state.events[cursor.events]!;
    root.events.push(eventRecord(event));
    for (const effect of event.effects) {
      const effectState = new EffectState({ eventId: event.id, round: event.round, kind: effect.kind });
      if (effect.kind === "scale") effectState.assign({ issue: effect.issue, factor: effect.factor });
      else effectState.delta = effect.delta;
      root.sheets.get(effect.side)?.effects.push(effectState);
    }
  }
  // Points and reservations move only with events; time pressure and delay costs with the round
  // (the engine charges the delay and moves the round in the same step).
  if (state.events.length !== cursor.sheetEvents) {
    cursor.sheetEvents = state.events.length;
    cursor.delayCost = state.delayCost;
    syncSheets(root, scenario, state);
  } else if (state.delayCost !== cursor.delayCost) {
    cursor.delayCost = state.delayCost;
    root.sheets.forEach((sheet) => {
      sheet.pressurePerRound = pressurePerRound(scenario, state, sheet.side);
      sheet.delayCost = state.delayCost[sheet.side] ?? 0;
    });
  }
  if (state.outcome && root.outcome === "") root.outcome = outcomeRecord(state.outcome);
}

function syncPlayers(root: NegotiationState, state: MatchState, connected: ReadonlySet<string>): void {
  for (const p of state.players) {
    let player = root.players.get(p.id);
    if (!player) {
      player = new PlayerState({ id: p.id, name: p.name, side: p.side, role: p.role, bot: p.bot ?? "" });
      root.players.set(p.id, player);
    }
    // A classroom latecomer can take over a bot's seat (engine `takeover`): name and bot change.
    player.name = p.name;
    player.bot = p.bot ?? "";
    player.ready = p.ready;
    player.connected = p.bot !== undefined || connected.has(p.id);
  }
}

/** Creates each side's private containers (filled by the first sync), so visibility can be granted at once. */
export function createPrivateContainers(root: NegotiationState, scenario: Scenario): void {
  for (const side of scenario.sides) {
    const sheet = { side: side.id, brief: side.brief, points: "[]", reservation: 0, pressurePerRound: 0, delayCost: 0, redLines: redLinesRecord(side.redLines) };
    root.sheets.set(side.id, new SideSheetState(sheet));
    root.teams.set(side.id, new TeamState({ side: side.id }));
  }
}

/**
 * A role's sheet, created the first time someone may see it (its seat joins, or the match
 * ends): a two-person match then holds two role sheets, not all six.
 */
export function roleContainer(root: NegotiationState, scenario: Scenario, state: MatchState, side: string, role: string): RoleSheetState | undefined {
  const key = roleKey(side, role);
  const existing = root.roles.get(key);
  if (existing) return existing;
  const definition = scenario.sides.find((s) => s.id === side)?.roles.find((r) => r.id === role);
  if (!definition) return undefined;
  const container = new RoleSheetState({ side, role, name: definition.name, person: definition.person ?? "", brief: definition.brief, issueWeights: JSON.stringify(definition.issueWeights), points: "[]" });
  fillRole(container, scenario, state);
  root.roles.set(key, container);
  return container;
}

// Sheets are filled from the engine's point tables scaled by the side's issue factors (the
// numbers `sideSheet` and `roleSheet` present by id), flattened in scenario order: no per-option
// objects. Most events move no points (only no-deal values or pressure): a sheet's points are
// rebuilt only when its factors changed.

function fillRole(target: RoleSheetState, scenario: Scenario, state: MatchState, factors = issueFactors(scenario, state, target.side)): void {
  if (factorsChanged(target, factors)) target.points = flatScaledPoints(baseRoleTable(scenario, target.side, target.role), factors);
}

/** The per-issue multipliers each sheet's points were last computed with. */
const computedWith = new WeakMap<object, readonly number[]>();

function factorsChanged(target: object, factors: readonly number[]): boolean {
  const previous = computedWith.get(target);
  if (previous && previous.length === factors.length && previous.every((factor, i) => factor === factors[i])) return false;
  computedWith.set(target, factors);
  return true;
}

/** The engine's own scaling (`scaleTable`), flattened in scenario order to one JSON array. */
const flatScaledPoints = (table: PointTable, factors: readonly number[]): string => JSON.stringify(scaleTable(table, factors).flat());

function syncSheets(root: NegotiationState, scenario: Scenario, state: MatchState): void {
  const factorsBySide = new Map<string, number[]>();
  for (const side of scenario.sides) {
    const target = root.sheets.get(side.id)!;
    const factors = issueFactors(scenario, state, side.id);
    factorsBySide.set(side.id, factors);
    if (factorsChanged(target, factors)) target.points = flatScaledPoints(baseSideTable(scenario, side.id), factors);
    target.reservation = reservationValue(scenario, state, side.id);
    target.pressurePerRound = pressurePerRound(scenario, state, side.id);
    target.delayCost = state.delayCost[side.id] ?? 0;
  }
  root.roles.forEach((role) => fillRole(role, scenario, state, factorsBySide.get(role.side)));
}
