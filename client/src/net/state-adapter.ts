import type { ChatLine, Effect, FiredEvent, MatchView, Outcome, Proposal, PublicScenario, RoleSheet, SeatedPlayer, SideSheet } from "../../../shared/index.js";
import type { ClientMatchView, SeatInfo } from "./match-connection.js";

/**
 * The server's synced state (server/room/state-schema.ts, as `toJSON()` gives it) turned into
 * the engine's `MatchView` for this seat. Pure, so it is unit-tested without a server. Private
 * collections hold only what the server's StateView granted this connection. Records travel as
 * JSON strings (docs/protocol.md); the public scenario comes in the `seat` message.
 */

type Json<T> = T | undefined;

export type ServerStateJson = {
  code?: string;
  scenarioId?: string;
  mode?: string;
  phase?: string;
  seq?: number;
  round?: number;
  maxRounds?: number;
  roundLabel?: string;
  turn?: string;
  standingProposalId?: string;
  turnSeconds?: number;
  turnEndsAt?: number;
  spectators?: number;
  players?: Record<string, { id: string; name: string; side: string; role: string; bot?: string; ready?: boolean; connected?: boolean }>;
  /** JSON `{id, side, by, round, offer}` each. */
  proposals?: string[];
  /** JSON `{id, title, headline, round, origin}` each. */
  events?: string[];
  chat?: ChatLineJson[];
  /** JSON outcome, "" while the match runs. */
  outcome?: string;
  sheets?: Record<string, SheetJson>;
  roles?: Record<string, RoleJson>;
  teams?: Record<string, { side: string; chat?: ChatLineJson[] }>;
};

type ChatLineJson = { seq: number; by: string; side: string; to: string; text: string; round: number };

type EventJson = { id: string; title: string; headline: string; round: number; origin: string };
type EffectJson = { eventId: string; round: number; kind: string; issue?: string; factor?: number; delta?: number };
type RedLineJson = { id: string; constituency: string; issue: string; forbiddenOptions?: string[]; reason: string };
type SheetJson = {
  side: string;
  brief?: string;
  /** JSON number array, flat in scenario order. */
  points?: string;
  reservation?: number;
  pressurePerRound?: number;
  delayCost?: number;
  redLines?: string;
  effects?: EffectJson[];
};
type RoleJson = { side: string; role: string; name: string; person?: string; brief: string; issueWeights?: string; points?: string };

const emptyScenario: PublicScenario = {
  id: "",
  title: "",
  summary: "",
  story: "",
  sides: [],
  issues: [],
  noDeal: {},
  rounds: [],
  hardDeadline: { round: 1, label: "" },
  references: [],
};

/**
 * Every record is a JSON string that never changes once sent, and a state change re-adapts all
 * of them: each distinct string is parsed once. Parsed values are shared, so callers copy them.
 */
const parsed = new Map<string, unknown>();
function parseRecord<T>(json: Json<string>, fallback: T): T {
  if (!json) return fallback;
  if (parsed.has(json)) return parsed.get(json) as T;
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    value = fallback;
  }
  if (parsed.size > 5000) parsed.clear();
  parsed.set(json, value);
  return value as T;
}

function pointsOf(json: Json<string>, scenario: PublicScenario): Record<string, Record<string, number>> {
  const points = parseRecord<number[]>(json, []);
  let k = 0;
  return Object.fromEntries(scenario.issues.map((issue) => [issue.id, Object.fromEntries(issue.options.map((o) => [o.id, points[k++] ?? 0]))]));
}

/** An empty points array is a container the StateView has not granted yet (or not yet filled). */
const hasPoints = (json: Json<string>): boolean => parseRecord<number[]>(json, []).length > 0;

function effectOf(side: string, e: EffectJson): Effect {
  if (e.kind === "scale") return { kind: "scale", side, issue: e.issue ?? "", factor: e.factor ?? 1 };
  if (e.kind === "pressure") return { kind: "pressure", side, delta: e.delta ?? 0 };
  return { kind: "reservation", side, delta: e.delta ?? 0 };
}

function proposalOf(json: string): Proposal {
  const p = parseRecord<Partial<Proposal>>(json, {});
  return { id: p.id ?? "", side: p.side ?? "", by: p.by ?? "", round: p.round ?? 0, offer: { ...(p.offer ?? {}) } };
}

const chatOf = (line: ChatLineJson): ChatLine => ({ ...line, to: line.to === "team" ? "team" : "table" });

function outcomeOf(json: Json<string>): Outcome | null {
  const o = parseRecord<Partial<Outcome> | null>(json, null);
  if (!o?.kind) return null;
  return {
    kind: o.kind,
    round: o.round ?? 0,
    ...(o.proposalId ? { proposalId: o.proposalId } : {}),
    ...(o.offer ? { offer: { ...o.offer } } : {}),
    ...(o.by ? { by: o.by } : {}),
    ...(o.side ? { side: o.side } : {}),
    points: { ...(o.points ?? {}) },
    ...(o.brokenRedLines && o.brokenRedLines.length > 0 ? { brokenRedLines: o.brokenRedLines.map((b) => ({ ...b })) } : {}),
    ...(o.reason ? { reason: o.reason } : {}),
  };
}

/** `scenario`: the public scenario from the `seat` message (an empty one until it has come). */
export function adaptState(state: ServerStateJson, seat: SeatInfo | null, scenario: PublicScenario | null): ClientMatchView {
  scenario ??= emptyScenario;
  const sheetsJson = state.sheets ?? {};
  const players: SeatedPlayer[] = Object.values(state.players ?? {}).map((p) => ({
    id: p.id,
    name: p.name,
    side: p.side,
    role: p.role,
    ready: p.ready ?? false,
    ...(p.bot ? { bot: p.bot } : {}),
  }));
  const proposals: Proposal[] = (state.proposals ?? []).map(proposalOf);
  const effects = Object.values(sheetsJson).flatMap((sheet) => (sheet.effects ?? []).map((e) => ({ e, effect: effectOf(sheet.side, e) })));
  const events: FiredEvent[] = (state.events ?? []).map((json) => {
    const event = parseRecord<Partial<EventJson>>(json, {});
    return {
      id: event.id ?? "",
      title: event.title ?? "",
      headline: event.headline ?? "",
      round: event.round ?? 0,
      origin: (["timeline", "deck", "instructor", "deadline"].includes(event.origin ?? "") ? event.origin : "timeline") as FiredEvent["origin"],
      effects: effects.filter(({ e }) => e.eventId === event.id && e.round === event.round).map(({ effect }) => effect),
    };
  });
  const teamChat = Object.values(state.teams ?? {}).flatMap((team) => team.chat ?? []);
  const chat = [...(state.chat ?? []), ...teamChat].map(chatOf).sort((a, b) => a.seq - b.seq);
  const sheets: Record<string, SideSheet> = Object.fromEntries(
    Object.entries(sheetsJson)
      .filter(([, sheet]) => hasPoints(sheet.points))
      .map(([side, sheet]) => [
        side,
        {
          side,
          brief: sheet.brief ?? "",
          points: pointsOf(sheet.points, scenario),
          reservation: sheet.reservation ?? 0,
          pressurePerRound: sheet.pressurePerRound ?? 0,
          delayCost: sheet.delayCost ?? 0,
          redLines: parseRecord<RedLineJson[]>(sheet.redLines, []).map((l) => ({ ...l, forbiddenOptions: [...(l.forbiddenOptions ?? [])] })),
        },
      ]),
  );
  const roles: RoleSheet[] = Object.values(state.roles ?? {})
    .filter((r) => hasPoints(r.points))
    .map((r) => ({
      side: r.side,
      role: r.role,
      name: r.name,
      ...(r.person ? { person: r.person } : {}),
      brief: r.brief,
      issueWeights: { ...parseRecord<Record<string, number>>(r.issueWeights, {}) },
      points: pointsOf(r.points, scenario),
    }));
  const outcome = outcomeOf(state.outcome);
  const viewer: MatchView["viewer"] = seat ? { kind: "seat", side: seat.side, role: seat.role } : { kind: "spectator" };
  return {
    viewer,
    scenario,
    phase: (state.phase ?? "briefing") as MatchView["phase"],
    seq: state.seq ?? 0,
    round: state.round ?? 1,
    maxRounds: state.maxRounds ?? scenario.rounds.length,
    roundLabel: state.roundLabel ?? "",
    turn: state.turn ?? "",
    players,
    proposals,
    standingProposalId: state.standingProposalId ? state.standingProposalId : null,
    chat,
    events,
    outcome,
    sheets,
    roles,
    table: {
      code: state.code ?? "",
      mode: state.mode === "solo" ? "solo" : "pvp",
      turnSeconds: state.turnSeconds ?? 0,
      turnEndsAt: state.turnEndsAt ?? 0,
      connected: Object.fromEntries(Object.values(state.players ?? {}).map((p) => [p.id, p.connected ?? false])),
      spectators: state.spectators ?? 0,
    },
  };
}
