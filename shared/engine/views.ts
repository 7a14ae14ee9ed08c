import { storyText, type Assumption, type Effect, type Scenario, type Source } from "../scenario/schema.js";
import type { PointTable } from "../scenario/payoff.js";
import { roundLabel } from "./calendar.js";
import { effectiveRoleTable, effectiveSideTable, issueFactors, pressurePerRound, reservationValue } from "./sheets.js";
import type { Offer } from "./actions.js";
import type { ChatLine, FiredEvent, MatchState, Outcome, Proposal, SeatedPlayer } from "./state.js";

/**
 * The one place that decides who sees what. A seat sees its own side's sheet and its own role's
 * priorities; nobody sees the other side's numbers until the match ends; the instructor sees all.
 * The server's StateView, the bots and the client all go through `viewFor`.
 */

export type Viewer =
  | { kind: "seat"; side: string; role: string }
  | { kind: "spectator" }
  | { kind: "instructor" };

export type OptionPoints = Record<string, Record<string, number>>;

export type SideSheet = {
  side: string;
  /** The side's confidential brief: what the delegation is told before the talks. */
  brief: string;
  /** issue id → option id → points (computed models: relative to the no-deal package; given utilities: as written), private variant and events applied. */
  points: OptionPoints;
  /** Points of no deal (walk-away, deadline, failed ratification). */
  reservation: number;
  /** Points lost for each further round without agreement. */
  pressurePerRound: number;
  /** Points lost to delay so far; subtracted from any agreement. */
  delayCost: number;
  redLines: Scenario["sides"][number]["redLines"];
};

export type RoleSheet = {
  side: string;
  role: string;
  name: string;
  person?: string;
  brief: string;
  issueWeights: Record<string, number>;
  points: OptionPoints;
};

export type PublicScenario = {
  id: string;
  title: string;
  summary: string;
  story: string;
  sides: { id: string; name: string; delegation: string; roles: { id: string; name: string; person?: string }[] }[];
  issues: { id: string; name: string; description?: string; options: { id: string; label: string }[] }[];
  noDeal: Record<string, string>;
  rounds: string[];
  softDeadline?: { round: number; label: string };
  hardDeadline: { round: number; label: string };
  references: Scenario["references"];
  /** What the model assumes, for the "How this model works" panel (absent from older servers). */
  assumptions?: Assumption[];
  /** The published sources the story, events, references and assumptions cite. */
  sources?: Source[];
  /** Per event id: whether it is hypothetical, its date and the source ids it cites. */
  eventNotes?: Record<string, { hypothetical: boolean; date?: string; sources: string[] }>;
  /** Source ids of the story's sentences, in order. */
  storySources?: string[];
};

export type MatchView = {
  viewer: Viewer;
  scenario: PublicScenario;
  phase: MatchState["phase"];
  seq: number;
  round: number;
  maxRounds: number;
  roundLabel: string;
  turn: string;
  players: SeatedPlayer[];
  proposals: Proposal[];
  standingProposalId: string | null;
  /** Table chat, plus the viewer's own team channel. */
  chat: ChatLine[];
  /** Headlines for all; effects only for the sides the viewer may see. */
  events: FiredEvent[];
  outcome: Outcome | null;
  /** Side id → sheet, only for sides the viewer may see. */
  sheets: Record<string, SideSheet>;
  /** The viewer's own role sheet (seats); every role after the end and for the instructor. */
  roles: RoleSheet[];
};

/** A package's points on a sheet as a view holds it (before delay costs): the sum the engine's `offerPoints` makes. */
export function sheetPoints(points: OptionPoints, offer: Offer): number {
  let total = 0;
  for (const [issue, option] of Object.entries(offer)) total += points[issue]?.[option] ?? 0;
  return total;
}

function pointsById(scenario: Scenario, table: PointTable): OptionPoints {
  const byIssue: OptionPoints = {};
  scenario.issues.forEach((issue, i) => {
    const byOption: Record<string, number> = (byIssue[issue.id] = {});
    issue.options.forEach((option, j) => (byOption[option.id] = table[i]![j]!));
  });
  return byIssue;
}

const publicParts = new WeakMap<Scenario, PublicScenario>();

/** The public part of a scenario: one object per scenario, shared by every view of it (treat it as read-only). */
export function publicScenario(scenario: Scenario): PublicScenario {
  let known = publicParts.get(scenario);
  if (!known) {
    known = publicPart(scenario);
    publicParts.set(scenario, known);
  }
  return known;
}

function publicPart(scenario: Scenario): PublicScenario {
  const soft = scenario.softDeadline;
  return {
    id: scenario.id,
    title: scenario.title,
    summary: scenario.summary,
    story: storyText(scenario.story),
    sides: scenario.sides.map((s) => ({
      id: s.id,
      name: s.name,
      delegation: s.delegation,
      roles: s.roles.map((r) => ({ id: r.id, name: r.name, ...(r.person ? { person: r.person } : {}) })),
    })),
    issues: scenario.issues.map((i) => ({
      id: i.id,
      name: i.name,
      ...(i.description ? { description: i.description } : {}),
      options: i.options.map((o) => ({ id: o.id, label: o.label })),
    })),
    noDeal: scenario.noDeal,
    rounds: scenario.rounds.map((r) => r.label),
    ...(soft ? { softDeadline: { round: soft.round, label: soft.label } } : {}),
    hardDeadline: scenario.hardDeadline,
    references: scenario.references,
    assumptions: scenario.assumptions,
    sources: scenario.sources,
    eventNotes: Object.fromEntries(
      [...scenario.events.timeline.map((t) => t.event), ...scenario.events.deck].map((e) => [
        e.id,
        { hypothetical: e.hypothetical ?? false, ...(e.date ? { date: e.date } : {}), sources: e.sources ?? [] },
      ]),
    ),
    storySources: typeof scenario.story === "string" ? [] : [...new Set(scenario.story.flatMap((s) => s.sources))],
  };
}

/**
 * Sheets depend on a few parts of the state only, so views of one match share their objects until
 * one of those changes: the server compares a viewer's views each move (shared/protocol/changes.ts),
 * and an unchanged part is then the same object, passed over at once. Point tables and role sheets
 * depend on the fired events and the private variant; a side sheet also on the round and delay cost,
 * and keeps the same `points` object when only those move. Treat view objects as read-only.
 */
type Memo = Map<string, { stamp: string; value: unknown }>;
const memos = new WeakMap<Scenario, WeakMap<object, WeakMap<object, Memo>>>();
const NO_VARIANT = {};

/** `key` names the value, `stamp` what else it depends on: only the latest stamp is kept (a match moves forward). */
function memoised<T>(scenario: Scenario, state: MatchState, key: string, stamp: string, make: () => T): T {
  let byEvents = memos.get(scenario);
  if (!byEvents) memos.set(scenario, (byEvents = new WeakMap()));
  let byVariant = byEvents.get(state.events);
  if (!byVariant) byEvents.set(state.events, (byVariant = new WeakMap()));
  const variant = state.variant ?? NO_VARIANT;
  let known = byVariant.get(variant);
  if (!known) byVariant.set(variant, (known = new Map()));
  const entry = known.get(key);
  if (entry?.stamp === stamp) return entry.value as T;
  const value = make();
  known.set(key, { stamp, value });
  return value;
}

/**
 * Across matches: a side's point table and a role's sheet depend only on the scenario and the
 * side's issue factors (private variant times scale events), so every match with the same factors
 * shares one object, and an event that moves no factor leaves them as they were. Bounded: past
 * `MAX_SHARED` entries for a scenario (private variants make many), its cache starts over.
 */
const byFactors = new WeakMap<Scenario, Map<string, unknown>>();
const MAX_SHARED = 2000;
function sharedByFactors<T>(scenario: Scenario, state: MatchState, side: string, key: string, make: () => T): T {
  let cache = byFactors.get(scenario);
  if (!cache) byFactors.set(scenario, (cache = new Map()));
  const fullKey = `${key}|${issueFactors(scenario, state, side).join(",")}`;
  let value = cache.get(fullKey) as T | undefined;
  if (value === undefined) {
    if (cache.size >= MAX_SHARED) cache.clear();
    value = make();
    cache.set(fullKey, value);
  }
  return value;
}

export function sideSheet(scenario: Scenario, state: MatchState, side: string): SideSheet {
  return memoised(scenario, state, `side:${side}`, `${state.round}:${state.delayCost[side] ?? 0}`, () => freshSideSheet(scenario, state, side));
}

function freshSideSheet(scenario: Scenario, state: MatchState, side: string): SideSheet {
  return {
    side,
    brief: scenario.sides.find((s) => s.id === side)?.brief ?? "",
    points: memoised(scenario, state, `side-points:${side}`, "", () =>
      sharedByFactors(scenario, state, side, `side:${side}`, () => pointsById(scenario, effectiveSideTable(scenario, state, side))),
    ),
    reservation: reservationValue(scenario, state, side),
    pressurePerRound: pressurePerRound(scenario, state, side),
    delayCost: state.delayCost[side] ?? 0,
    redLines: scenario.sides.find((s) => s.id === side)?.redLines ?? [],
  };
}

export function roleSheet(scenario: Scenario, state: MatchState, side: string, role: string): RoleSheet {
  return memoised(scenario, state, `role:${side}:${role}`, "", () =>
    sharedByFactors(scenario, state, side, `role:${side}:${role}`, () => freshRoleSheet(scenario, state, side, role)),
  );
}

function freshRoleSheet(scenario: Scenario, state: MatchState, side: string, role: string): RoleSheet {
  const definition = scenario.sides.find((s) => s.id === side)?.roles.find((r) => r.id === role);
  if (!definition) throw new Error(`unknown role ${side}/${role}`);
  return {
    side,
    role,
    name: definition.name,
    ...(definition.person ? { person: definition.person } : {}),
    brief: definition.brief,
    issueWeights: definition.issueWeights,
    points: pointsById(scenario, effectiveRoleTable(scenario, state, side, role)),
  };
}

/** Side ids whose confidential numbers this viewer may see now. */
export function visibleSides(scenario: Scenario, state: MatchState, viewer: Viewer): string[] {
  if (viewer.kind === "instructor" || state.phase === "ended") return scenario.sides.map((s) => s.id);
  return viewer.kind === "seat" ? [viewer.side] : [];
}

/** An effect as a view shows it: a fallback's worth is already in the sheet's reservation, so the view leaves it out. */
function visibleEffect(effect: Effect): Effect {
  if (effect.kind !== "reservation" || !effect.fallback) return effect;
  const { fallback: _fallback, ...shown } = effect;
  return shown;
}

/** The fired events with the effects on `sides` only; one array per events list and set of sides, as sheets are. */
const eventsMemo = new WeakMap<MatchState["events"], Map<string, FiredEvent[]>>();
function visibleEvents(events: MatchState["events"], sides: string[]): FiredEvent[] {
  let bySides = eventsMemo.get(events);
  if (!bySides) eventsMemo.set(events, (bySides = new Map()));
  const key = sides.join(",");
  let shown = bySides.get(key);
  if (!shown) bySides.set(key, (shown = events.map((event) => ({ ...event, effects: event.effects.filter((effect) => sides.includes(effect.side)).map(visibleEffect) }))));
  return shown;
}

/**
 * One record or list per combination of sheet objects: a view whose sheets did not change holds the
 * very same `sheets` and `roles` as the view before, and the server's diff passes over them at once.
 */
const groups = new WeakMap<object, Map<number, { parts: readonly object[]; value: unknown }>>();
function sameGroup<P extends object, V>(parts: P[], make: (parts: P[]) => V): V {
  const first = parts[0];
  if (!first) return make(parts);
  let bySize = groups.get(first);
  if (!bySize) groups.set(first, (bySize = new Map()));
  const known = bySize.get(parts.length);
  if (known && known.parts.every((part, i) => part === parts[i])) return known.value as V;
  const value = make(parts);
  bySize.set(parts.length, { parts, value });
  return value;
}

/** Table chat, plus team lines for the team's own seats, the instructor, and everyone once the match is over. */
const seesLine = (line: ChatLine, viewer: Viewer, ended: boolean): boolean =>
  line.to === "table" || ended || viewer.kind === "instructor" || (viewer.kind === "seat" && viewer.side === line.side);

/** The state's own list when every line is for this viewer (no copy per viewer and move). */
function visibleChat(state: MatchState, viewer: Viewer): ChatLine[] {
  const ended = state.phase === "ended";
  const hidden = state.chat.findIndex((line) => !seesLine(line, viewer, ended));
  return hidden < 0 ? state.chat : state.chat.filter((line) => seesLine(line, viewer, ended));
}

export function viewFor(scenario: Scenario, state: MatchState, viewer: Viewer): MatchView {
  const sides = visibleSides(scenario, state, viewer);
  const everything = sides.length === scenario.sides.length;
  const roles =
    everything
      ? scenario.sides.flatMap((s) => s.roles.map((r) => roleSheet(scenario, state, s.id, r.id)))
      : viewer.kind === "seat"
        ? [roleSheet(scenario, state, viewer.side, viewer.role)]
        : [];
  return {
    viewer,
    scenario: publicScenario(scenario),
    phase: state.phase,
    seq: state.seq,
    round: state.round,
    maxRounds: state.maxRounds,
    roundLabel: roundLabel(scenario, state),
    turn: state.turn,
    players: state.players,
    proposals: state.proposals,
    standingProposalId: state.standingProposalId,
    chat: visibleChat(state, viewer),
    events: visibleEvents(state.events, sides),
    outcome: state.outcome,
    sheets: sameGroup(
      sides.map((side) => sideSheet(scenario, state, side)),
      (sheets) => Object.fromEntries(sheets.map((sheet) => [sheet.side, sheet])),
    ),
    roles: sameGroup(roles, (list) => list),
  };
}

