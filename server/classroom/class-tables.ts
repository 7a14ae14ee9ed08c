import { randomBytes } from "node:crypto";
import { recordAction, replayLog, startRecordedMatch, type Action, type ErrorReply, type MatchState, type Player, type Result, type Scenario } from "../../shared/index.js";
import { occupiedTables, type Table } from "../../shared/classroom/seating.js";
import { resolveBot } from "../../shared/bots/index.js";
import { classScenario, classScenarioSource } from "./class-scenario.js";
import { newMatchCode } from "../store/match-catalog.js";
import type { HostedMatch } from "../room/match-registry.js";
import { writeMatchLog } from "../room/open-match.js";
import type { RoomDeps } from "../room/room-deps.js";
import type { ClassRecord } from "./class-record.js";

/**
 * A class's tables as negotiation matches. A table's match is written to its log with every
 * seat already taken (students by name, bots in the empty seats) and started, then opened like
 * any logged match (server/room/open-match.ts), so no client option can ever seat anyone at a
 * class table. The tables are reached through the match registry, never as room objects.
 */

export type ClassTable = ClassRecord["tables"][number];

function tablePlayers(record: ClassRecord, table: Table, scenario: Scenario): { players: Player[]; ids: Record<string, string> } {
  const players: Player[] = [];
  const ids: Record<string, string> = {};
  const botsPerSide = new Map<string, number>();
  table.seats.forEach((seat, index) => {
    if (seat.studentId !== null) {
      const id = `p${index + 1}`;
      ids[seat.studentId] = id;
      const name = record.students.find((s) => s.id === seat.studentId)?.name ?? id;
      players.push({ id, name, side: seat.side, role: seat.role });
    } else if (record.settings.bots) {
      const n = (botsPerSide.get(seat.side) ?? 0) + 1;
      botsPerSide.set(seat.side, n);
      const side = scenario.sides.find((s) => s.id === seat.side)?.name ?? seat.side;
      players.push({ id: `bot-${seat.side}-${n}`, name: `${side} bot ${n}`, side: seat.side, role: seat.role, bot: record.settings.botStrategy });
    }
  });
  return { players, ids };
}

/** Writes one match per occupied table (in its briefing, or started when the class has no briefing time) and opens its room; returns the table ↔ match list. */
export async function startTables(deps: RoomDeps, record: ClassRecord, live: (code: string) => boolean): Promise<Result<ClassTable[], ErrorReply>> {
  const scenario = classScenario(record);
  const tables: ClassTable[] = [];
  // Tables open in the briefing (the room starts them: server/room/NegotiationRoom.ts), unless the class set no briefing time.
  const briefing = record.settings.briefingSeconds;
  for (const table of occupiedTables(record.plan)) {
    const { players, ids } = tablePlayers(record, table, scenario);
    const code = await newMatchCode(deps.storage, live);
    const settings = { events: record.settings.events, privateVariant: record.settings.privateVariant, ...(record.settings.rounds ? { rounds: record.settings.rounds } : {}) };
    const started = startRecordedMatch({
      matchId: code,
      scenarioSource: classScenarioSource(record),
      seed: randomBytes(8).toString("hex"),
      settings,
      createdAt: new Date().toISOString(),
      meta: { mode: "pvp", turnSeconds: record.settings.turnSeconds, class: record.code, table: table.id, seatsPerSide: record.settings.playersPerSide, ...(briefing > 0 ? { briefingSeconds: briefing } : {}) },
    });
    if (!started.ok) return { ok: false, error: started.error };
    let match = started.value.match;
    const lines = [...started.value.lines];
    const actions: Action[] = players.map((player) => ({ type: "join", player }));
    if (briefing === 0) actions.push({ type: "start" });
    for (const action of actions) {
      const applied = recordAction(match, action, new Date().toISOString());
      if (!applied.ok) return applied;
      match = applied.value.match;
      lines.push(...applied.value.lines);
    }
    const written = await writeMatchLog(deps, code, lines);
    if (!written.ok) return written;
    tables.push({ tableId: table.id, matchCode: code, players: ids });
  }
  return { ok: true, value: tables };
}

/** The table's match, reopened from its log if it was unloaded (idle) while unfinished; undefined once it has ended and unloaded. */
export async function liveTable(deps: RoomDeps, code: string): Promise<HostedMatch | undefined> {
  const hosted = await deps.matches.find(code);
  if (hosted) return hosted;
  const state = await loggedState(deps, code);
  if (!state || state.phase === "ended") return undefined;
  return deps.matches.live(code);
}

/** The state a table's log holds (for tables whose room is gone: ended, or not loaded). */
export async function loggedState(deps: RoomDeps, code: string): Promise<MatchState | undefined> {
  const text = await deps.storage.readLog(code);
  if (text === undefined) return undefined;
  const replay = replayLog(text);
  return replay.ok ? replay.value.final : undefined;
}

/** The current state of a table: from its live room if loaded, else from its log. */
export async function tableState(deps: RoomDeps, code: string): Promise<MatchState | undefined> {
  return (await deps.matches.find(code))?.state ?? loggedState(deps, code);
}

/** True when the bot strategy exists (checked when the class is created). */
export const knownBot = (name: string): boolean => resolveBot(name).ok;

/** Hands a latecomer the first seat a bot holds at a running table; the class record with them seated, or undefined. */
export async function takeBotSeat(deps: RoomDeps, record: ClassRecord, studentId: string, name: string): Promise<ClassRecord | undefined> {
  for (const table of record.tables) {
    const state = await tableState(deps, table.matchCode);
    const bot = state?.phase === "ended" ? undefined : state?.players.find((p) => p.bot !== undefined);
    if (!bot) continue;
    const room = await liveTable(deps, table.matchCode);
    if (!room || !(await room.takeOverBot(bot.id, name)).ok) continue;
    let placed = false;
    const plan = {
      ...record.plan,
      tables: record.plan.tables.map((t) => t.id !== table.tableId ? t : {
        ...t,
        seats: t.seats.map((seat) => {
          if (placed || seat.studentId !== null || seat.side !== bot.side || seat.role !== bot.role) return seat;
          placed = true;
          return { ...seat, studentId };
        }),
      }),
    };
    const tables = record.tables.map((t) => (t === table ? { ...t, players: { ...t.players, [studentId]: bot.id } } : t));
    return { ...record, plan, tables };
  }
  return undefined;
}

/** What a stopped table's log says, and the players' result screens after it. */
export const CLASS_ENDED_REASON = "The instructor ended the class.";

/**
 * Ends every table still playing with the engine's `stop` (logged, broadcast: no deal at each
 * side's reservation value). A table unloaded while unfinished is reopened from its log first.
 * Returns the ids of the tables it stopped.
 */
export async function stopTables(deps: RoomDeps, record: ClassRecord): Promise<string[]> {
  const stopped: string[] = [];
  for (const table of record.tables) {
    const room = await liveTable(deps, table.matchCode);
    if (!room || room.state.phase === "ended") continue;
    const result = await room.systemAction({ type: "stop", reason: CLASS_ENDED_REASON });
    await room.setPaused(false);
    if (result.ok) stopped.push(table.tableId);
    else console.warn(`Table ${table.tableId} (${table.matchCode}) of class ${record.code} could not be stopped: ${result.error.code} ${result.error.message}`);
  }
  return stopped;
}

/**
 * The table a latecomer with no seat left watches: the unfinished table with the fewest watchers
 * (all tables if every one has ended), the first such in table order; undefined before any table.
 */
export async function tableToWatch(deps: RoomDeps, record: ClassRecord): Promise<string | undefined> {
  const watchers = new Map<string, number>();
  for (const tableId of Object.values(record.watching)) watchers.set(tableId, (watchers.get(tableId) ?? 0) + 1);
  const playing: string[] = [];
  for (const table of record.tables) {
    const state = await tableState(deps, table.matchCode);
    if (state && state.phase !== "ended") playing.push(table.tableId);
  }
  const candidates = playing.length > 0 ? playing : record.tables.map((t) => t.tableId);
  let best: string | undefined;
  for (const id of candidates) if (best === undefined || (watchers.get(id) ?? 0) < (watchers.get(best) ?? 0)) best = id;
  return best;
}
