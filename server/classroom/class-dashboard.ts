import { analyzeSpace, offerPoints, packagePointPair, publicScenario, type ClassDebrief, type ClassSummary, type MatchState, type Scenario, type TableInfo, type TableRow } from "../../shared/index.js";
import { classChartState, tableDebrief } from "../../shared/classroom/debrief.js";
import { findStudent } from "../../shared/classroom/seating.js";
import type { RoomDeps } from "../room/room-deps.js";
import { classScenario } from "./class-scenario.js";
import type { ClassRecord } from "./class-record.js";
import { loggedState, tableState } from "./class-tables.js";

/**
 * What the instructor sees: the roster and every table at a glance (both sheets: the instructor
 * sees the points of the standing offer for each side), and the class debrief. Read-only views
 * over the class record and the tables' engine states; every number comes from shared/.
 */

function row(scenario: Scenario, table: ClassRecord["tables"][number], state: MatchState | undefined, paused: boolean, live: TableInfo | undefined): TableRow {
  if (!state) return { tableId: table.tableId, matchCode: table.matchCode, phase: "missing", round: 0, maxRounds: 0, turn: "", standing: null, turnEndsAt: 0, briefingEndsAt: 0, paused, events: [], spectators: 0, players: [], outcome: null };
  const standing = state.proposals.find((p) => p.id === state.standingProposalId);
  return {
    tableId: table.tableId,
    matchCode: table.matchCode,
    phase: state.phase,
    round: state.round,
    maxRounds: state.maxRounds,
    turn: state.turn,
    standing: standing ? { id: standing.id, side: standing.side, points: Object.fromEntries(scenario.sides.map((s) => [s.id, offerPoints(scenario, state, s.id, standing.offer) ?? 0])) } : null,
    turnEndsAt: live?.turnEndsAt ?? 0,
    briefingEndsAt: live?.briefingEndsAt ?? 0,
    paused: live?.paused ?? paused,
    events: state.events.map((e) => e.id),
    spectators: live?.spectators ?? 0,
    players: state.players.map((p) => ({ id: p.id, name: p.name, side: p.side, role: p.role, bot: p.bot ?? null, connected: p.bot !== undefined || (live?.connected[p.id] ?? false), ready: p.ready })),
    outcome: state.outcome ? { kind: state.outcome.kind, points: state.outcome.points } : null,
  };
}

export async function classSummary(deps: RoomDeps, record: ClassRecord): Promise<ClassSummary> {
  const scenario = classScenario(record);
  const tables = await Promise.all(record.tables.map(async (t) => {
    // Wherever the table is hosted (in a cluster maybe another process); its log once it is not.
    const hosted = await deps.matches.find(t.matchCode);
    return row(scenario, t, hosted?.state ?? (await loggedState(deps, t.matchCode)), record.paused, hosted?.table);
  }));
  return {
    code: record.code,
    status: record.status,
    paused: record.paused,
    createdAt: record.createdAt,
    endedAt: record.endedAt ?? null,
    settings: record.settings,
    scenario: publicScenario(scenario),
    roster: record.students.map((s) => {
      const seat = findStudent(record.plan, s.id);
      return { id: s.id, name: s.name, table: seat?.table.id ?? null, side: seat?.seat.side ?? null, role: seat?.seat.role ?? null, watching: seat ? null : (record.watching[s.id] ?? null) };
    }),
    seating: record.plan.tables,
    tables,
    injected: record.injected,
    deck: [
      ...scenario.events.deck.map((e) => ({ id: e.id, title: e.title, headline: e.headline, origin: "deck" as const })),
      ...scenario.events.timeline.map(({ event: e }) => ({ id: e.id, title: e.title, headline: e.headline, origin: "timeline" as const })),
    ],
  };
}

export async function classDebrief(deps: RoomDeps, record: ClassRecord): Promise<ClassDebrief> {
  const scenario = classScenario(record);
  const states: { table: ClassRecord["tables"][number]; state: MatchState }[] = [];
  for (const table of record.tables) {
    const state = await tableState(deps, table.matchCode);
    if (state) states.push({ table, state });
  }
  const chart = classChartState(scenario, states.map((s) => s.state));
  const space = analyzeSpace(scenario, chart);
  const reference = scenario.references[0]?.offer;
  const real = reference ? packagePointPair(scenario, chart, reference) : undefined;
  const tables = states.map(({ table, state }) => tableDebrief(scenario, state, { tableId: table.tableId, matchId: table.matchCode }, chart));
  return {
    code: record.code,
    status: record.status,
    sides: space.sides,
    space: { events: chart.events.map((e) => ({ id: e.id, title: e.title })), privateVariant: record.settings.privateVariant },
    frontier: space.frontier.map((p) => ({ a: p.a, b: p.b })),
    nash: space.nash ? { a: space.nash.a, b: space.nash.b } : null,
    noDeal: { a: space.reservation.a, b: space.reservation.b },
    realDeal: real ? { a: real.a, b: real.b } : null,
    counts: {
      tables: tables.length,
      playing: tables.filter((t) => t.agreed === null).length,
      agreements: tables.filter((t) => t.agreed === true).length,
      noDeal: tables.filter((t) => t.agreed === false).length,
      stopped: tables.filter((t) => t.outcome === "stopped").length,
    },
    tables,
  };
}
