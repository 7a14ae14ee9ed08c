import { matchMaker } from "@colyseus/core";
import { analyzeSpace, builtinScenario, newMatch, offerPoints, packagePointPair, type MatchState, type Scenario } from "../../shared/index.js";
import { tableDebrief, type TableDebrief } from "../../shared/classroom/debrief.js";
import { findStudent } from "../../shared/classroom/seating.js";
import type { NegotiationRoom, RoomDeps } from "../room/NegotiationRoom.js";
import type { ClassRecord } from "./class-record.js";
import { tableState } from "./class-tables.js";

/**
 * What the instructor sees: the roster and every table at a glance (both sheets: the instructor
 * sees the points of the standing offer for each side), and the class debrief. Read-only views
 * over the class record and the tables' engine states; every number comes from shared/.
 */

export type TableRow = {
  tableId: string;
  matchCode: string;
  phase: MatchState["phase"] | "missing";
  round: number;
  maxRounds: number;
  turn: string;
  standing: { id: string; side: string; points: Record<string, number> } | null;
  turnEndsAt: number;
  paused: boolean;
  events: string[];
  players: { id: string; name: string; side: string; role: string; bot: string | null; connected: boolean }[];
  outcome: { kind: string; points: Record<string, number> } | null;
};

export type ClassSummary = {
  code: string;
  status: ClassRecord["status"];
  paused: boolean;
  createdAt: string;
  settings: ClassRecord["settings"];
  roster: { id: string; name: string; table: string | null; side: string | null; role: string | null }[];
  seating: ClassRecord["plan"]["tables"];
  tables: TableRow[];
  injected: ClassRecord["injected"];
};

function row(scenario: Scenario, table: ClassRecord["tables"][number], state: MatchState | undefined, paused: boolean): TableRow {
  const room = matchMaker.getLocalRoomById(table.matchCode) as unknown as NegotiationRoom | undefined;
  if (!state) return { tableId: table.tableId, matchCode: table.matchCode, phase: "missing", round: 0, maxRounds: 0, turn: "", standing: null, turnEndsAt: 0, paused, events: [], players: [], outcome: null };
  const standing = state.proposals.find((p) => p.id === state.standingProposalId);
  const synced = room?.state.players;
  return {
    tableId: table.tableId,
    matchCode: table.matchCode,
    phase: state.phase,
    round: state.round,
    maxRounds: state.maxRounds,
    turn: state.turn,
    standing: standing ? { id: standing.id, side: standing.side, points: Object.fromEntries(scenario.sides.map((s) => [s.id, offerPoints(scenario, state, s.id, standing.offer) ?? 0])) } : null,
    turnEndsAt: room?.state.turnEndsAt ?? 0,
    paused: room?.isPaused ?? paused,
    events: state.events.map((e) => e.id),
    players: state.players.map((p) => ({ id: p.id, name: p.name, side: p.side, role: p.role, bot: p.bot ?? null, connected: p.bot !== undefined || (synced?.get(p.id)?.connected ?? false) })),
    outcome: state.outcome ? { kind: state.outcome.kind, points: state.outcome.points } : null,
  };
}

export async function classSummary(deps: RoomDeps, record: ClassRecord): Promise<ClassSummary> {
  const scenario = builtinScenario(record.settings.scenario)!;
  const tables = await Promise.all(record.tables.map(async (t) => row(scenario, t, await tableState(deps, t.matchCode), record.paused)));
  return {
    code: record.code,
    status: record.status,
    paused: record.paused,
    createdAt: record.createdAt,
    settings: record.settings,
    roster: record.students.map((s) => {
      const seat = findStudent(record.plan, s.id);
      return { id: s.id, name: s.name, table: seat?.table.id ?? null, side: seat?.seat.side ?? null, role: seat?.seat.role ?? null };
    }),
    seating: record.plan.tables,
    tables,
    injected: record.injected,
  };
}

export type ClassDebrief = {
  code: string;
  sides: [string, string];
  /** The class's bargaining space before any event: frontier, Nash, no deal, the real deal. */
  frontier: { a: number; b: number }[];
  nash: { a: number; b: number } | null;
  noDeal: { a: number; b: number };
  realDeal: { a: number; b: number } | null;
  tables: TableDebrief[];
};

export async function classDebrief(deps: RoomDeps, record: ClassRecord): Promise<ClassDebrief> {
  const scenario = builtinScenario(record.settings.scenario)!;
  const base = newMatch(scenario, { seed: record.code, settings: { events: "none" } });
  const space = base.ok ? analyzeSpace(scenario, base.value) : undefined;
  const reference = scenario.references[0]?.offer;
  const real = base.ok && reference ? packagePointPair(scenario, base.value, reference) : undefined;
  const tables: TableDebrief[] = [];
  for (const table of record.tables) {
    const state = await tableState(deps, table.matchCode);
    if (state) tables.push(tableDebrief(scenario, state, { tableId: table.tableId, matchId: table.matchCode }));
  }
  return {
    code: record.code,
    sides: space?.sides ?? [scenario.sides[0]!.id, scenario.sides[1]!.id],
    frontier: space?.frontier.map((p) => ({ a: p.a, b: p.b })) ?? [],
    nash: space?.nash ? { a: space.nash.a, b: space.nash.b } : null,
    noDeal: space ? { a: space.reservation.a, b: space.reservation.b } : { a: 0, b: 0 },
    realDeal: real ? { a: real.a, b: real.b } : null,
    tables,
  };
}
