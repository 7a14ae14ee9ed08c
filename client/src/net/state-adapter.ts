import type { ChatLine, Effect, FiredEvent, MatchView, Offer, Outcome, Proposal, PublicScenario, RoleSheet, SeatedPlayer, SideSheet } from "../../../shared/index.js";
import type { ClientMatchView, SeatInfo } from "./match-connection.js";

/**
 * The server's synced state (server/room/state-schema.ts, as `toJSON()` gives it) turned into
 * the engine's `MatchView` for this seat. Pure, so it is unit-tested without a server. Private
 * collections hold only what the server's StateView granted this connection.
 */

type Json<T> = T | undefined;
/** Either flat in scenario order (issue by issue, option by option) or keyed by issue and option. */
type PointsJson = number[] | Record<string, { options?: Record<string, number> }>;

export type ServerStateJson = {
  code?: string;
  scenarioId?: string;
  scenario?: string;
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
  /** `offer`: the package as a JSON object string (docs/protocol.md). */
  proposals?: { id: string; side: string; by: string; round: number; offer?: string }[];
  events?: { id: string; title: string; headline: string; round: number; origin: string }[];
  chat?: ChatLineJson[];
  outcome?: {
    kind?: string;
    round?: number;
    proposalId?: string;
    offer?: string;
    by?: string;
    side?: string;
    points?: Record<string, number>;
    brokenRedLines?: { side: string; id: string; constituency: string; reason: string }[];
  };
  sheets?: Record<string, SheetJson>;
  roles?: Record<string, RoleJson>;
  teams?: Record<string, { side: string; chat?: ChatLineJson[] }>;
};

type ChatLineJson = { seq: number; by: string; side: string; to: string; text: string; round: number };
type EffectJson = { eventId: string; round: number; kind: string; issue?: string; factor?: number; delta?: number };
type SheetJson = {
  side: string;
  brief?: string;
  points?: PointsJson;
  reservation?: number;
  pressurePerRound?: number;
  delayCost?: number;
  redLines?: { id: string; constituency: string; issue: string; forbiddenOptions?: string[]; reason: string }[];
  effects?: EffectJson[];
};
type RoleJson = { side: string; role: string; name: string; person?: string; brief: string; issueWeights?: Record<string, number>; points?: PointsJson };

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

/** The public scenario is static for a match: parse its JSON once per text. */
let cachedScenario: { text: string; value: PublicScenario } | null = null;
export function parsePublicScenario(text: Json<string>): PublicScenario {
  if (!text) return emptyScenario;
  if (cachedScenario?.text === text) return cachedScenario.value;
  try {
    const value = { ...emptyScenario, ...(JSON.parse(text) as Partial<PublicScenario>) };
    cachedScenario = { text, value };
    return value;
  } catch {
    return emptyScenario;
  }
}

function pointsOf(points: Json<PointsJson>, scenario: PublicScenario): Record<string, Record<string, number>> {
  if (Array.isArray(points)) {
    if (points.length === 0) return {};
    let k = 0;
    return Object.fromEntries(scenario.issues.map((issue) => [issue.id, Object.fromEntries(issue.options.map((o) => [o.id, points[k++] ?? 0]))]));
  }
  return Object.fromEntries(Object.entries(points ?? {}).map(([issue, row]) => [issue, { ...(row.options ?? {}) }]));
}

const hasPoints = (points: Json<PointsJson>): boolean => (Array.isArray(points) ? points.length > 0 : Object.keys(points ?? {}).length > 0);

function effectOf(side: string, e: EffectJson): Effect {
  if (e.kind === "scale") return { kind: "scale", side, issue: e.issue ?? "", factor: e.factor ?? 1 };
  if (e.kind === "pressure") return { kind: "pressure", side, delta: e.delta ?? 0 };
  return { kind: "reservation", side, delta: e.delta ?? 0 };
}

/** Offers travel as JSON strings; a state change re-adapts every proposal, so each string is parsed once. */
const parsedOffers = new Map<string, Offer>();
function offerOf(json: string | undefined): Offer {
  if (!json) return {};
  let offer = parsedOffers.get(json);
  if (!offer) {
    try {
      offer = JSON.parse(json) as Offer;
    } catch {
      offer = {};
    }
    if (parsedOffers.size > 2000) parsedOffers.clear();
    parsedOffers.set(json, offer);
  }
  return { ...offer };
}

const chatOf = (line: ChatLineJson): ChatLine => ({ ...line, to: line.to === "team" ? "team" : "table" });

export function adaptState(state: ServerStateJson, seat: SeatInfo | null): ClientMatchView {
  const scenario = parsePublicScenario(state.scenario);
  const sheetsJson = state.sheets ?? {};
  const players: SeatedPlayer[] = Object.values(state.players ?? {}).map((p) => ({
    id: p.id,
    name: p.name,
    side: p.side,
    role: p.role,
    ready: p.ready ?? false,
    ...(p.bot ? { bot: p.bot } : {}),
  }));
  const proposals: Proposal[] = (state.proposals ?? []).map((p) => ({ id: p.id, side: p.side, by: p.by, round: p.round, offer: offerOf(p.offer) }));
  const events: FiredEvent[] = (state.events ?? []).map((event) => ({
    id: event.id,
    title: event.title,
    headline: event.headline,
    round: event.round,
    origin: (["timeline", "deck", "instructor", "deadline"].includes(event.origin) ? event.origin : "timeline") as FiredEvent["origin"],
    effects: Object.values(sheetsJson).flatMap((sheet) =>
      (sheet.effects ?? []).filter((e) => e.eventId === event.id && e.round === event.round).map((e) => effectOf(sheet.side, e)),
    ),
  }));
  const teamChat = Object.values(state.teams ?? {}).flatMap((team) => team.chat ?? []);
  const chat = [...(state.chat ?? []), ...teamChat].map(chatOf).sort((a, b) => a.seq - b.seq);
  const sheets: Record<string, SideSheet> = Object.fromEntries(
    Object.entries(sheetsJson)
      // An empty container is one the StateView has not granted yet (or not yet filled).
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
          redLines: (sheet.redLines ?? []).map((l) => ({ ...l, forbiddenOptions: [...(l.forbiddenOptions ?? [])] })),
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
      issueWeights: { ...(r.issueWeights ?? {}) },
      points: pointsOf(r.points, scenario),
    }));
  const o = state.outcome;
  const outcome: Outcome | null =
    o?.kind
      ? {
          kind: o.kind as Outcome["kind"],
          round: o.round ?? 0,
          ...(o.proposalId ? { proposalId: o.proposalId } : {}),
          ...(o.offer ? { offer: offerOf(o.offer) } : {}),
          ...(o.by ? { by: o.by } : {}),
          ...(o.side ? { side: o.side } : {}),
          points: { ...(o.points ?? {}) },
          ...(o.brokenRedLines && o.brokenRedLines.length > 0 ? { brokenRedLines: o.brokenRedLines.map((b) => ({ ...b })) } : {}),
        }
      : null;
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
