import { afterDelay, analyzeSpace, frontierGap, jointGainShareAfterDelay, replayLog, valueLeftOnTable, type Point, type ReflectionLine } from "../../shared/index.js";
import type { RoomDeps } from "../room/room-deps.js";
import type { ClassRecord } from "./class-record.js";

/**
 * One row per seated student of a class, for the instructor's printable per-student report and
 * `students.csv`: side, role, the deal (terms), points against no deal, how far from the frontier,
 * and the student's reflection answers. Read from each table's log (the reflections live there,
 * after the result line). Points follow the result screen's convention: after the delay cost
 * (shared/metrics/after-delay.ts), so the report says what the student saw.
 */

export type StudentReport = {
  studentId: string;
  name: string;
  tableId: string;
  matchCode: string;
  side: string;
  sideName: string;
  role: string;
  roleName: string;
  /** The outcome kind, or "playing". */
  outcome: string;
  /** Issue by issue: the agreed (or failed) package, with option labels; empty without one. */
  terms: { issue: string; issueName: string; option: string }[];
  /** The student's side's points (after delay cost), or null while playing. */
  points: number | null;
  noDealPoints: number;
  /** points − noDealPoints. */
  overNoDeal: number | null;
  delayCost: number;
  /** Both sides together: the largest gain over no deal still possible minus what the outcome gave. */
  valueLeftOnTable: number | null;
  jointGainShare: number | null;
  /** Distance from the outcome's point to the frontier (both after delay), in points. */
  frontierGap: number | null;
  /** The student's answers to the three reflection questions, or null if none were saved. */
  reflection: string[] | null;
};

type TableReplay = NonNullable<ReturnType<typeof replayOk>>;
const replayOk = (text: string) => {
  const replay = replayLog(text);
  return replay.ok ? replay.value : undefined;
};

async function tableReplay(deps: RoomDeps, code: string): Promise<TableReplay | undefined> {
  const text = await deps.storage.readLog(code).catch(() => undefined);
  return text === undefined ? undefined : replayOk(text);
}

/** Each player's latest reflection line. */
export function latestReflections(lines: readonly ReflectionLine[]): Map<string, ReflectionLine> {
  const latest = new Map<string, ReflectionLine>();
  for (const line of lines) latest.set(line.playerId, line);
  return latest;
}

export async function studentReports(deps: RoomDeps, record: ClassRecord): Promise<StudentReport[]> {
  const rows: StudentReport[] = [];
  const names = new Map(record.students.map((s) => [s.id, s.name]));
  for (const table of record.tables) {
    const replay = await tableReplay(deps, table.matchCode);
    if (!replay) continue;
    const { scenario, final: state } = replay;
    const space = analyzeSpace(scenario, state);
    const [sideA, sideB] = space.sides;
    const delay = { a: state.delayCost[sideA] ?? 0, b: state.delayCost[sideB] ?? 0 };
    const plane = afterDelay(space.frontier, space.reservation, delay);
    const outcome = state.outcome;
    const outcomePoint: Point | null = outcome ? { a: outcome.points[sideA] ?? 0, b: outcome.points[sideB] ?? 0 } : null;
    const reflections = latestReflections(replay.reflections);
    const terms = outcome?.offer
      ? scenario.issues.map((issue) => ({ issue: issue.id, issueName: issue.name, option: issue.options.find((o) => o.id === outcome.offer![issue.id])?.label ?? String(outcome.offer![issue.id]) }))
      : [];
    for (const [studentId, playerId] of Object.entries(table.players)) {
      const player = state.players.find((p) => p.id === playerId);
      if (!player) continue;
      const side = scenario.sides.find((s) => s.id === player.side);
      const noDeal = player.side === sideA ? space.reservation.a : space.reservation.b;
      const points = outcome?.points[player.side] ?? null;
      rows.push({
        studentId,
        name: names.get(studentId) ?? player.name,
        tableId: table.tableId,
        matchCode: table.matchCode,
        side: player.side,
        sideName: side?.name ?? player.side,
        role: player.role,
        roleName: side?.roles.find((r) => r.id === player.role)?.name ?? player.role,
        outcome: outcome?.kind ?? "playing",
        terms,
        points,
        noDealPoints: noDeal,
        overNoDeal: points === null ? null : points - noDeal,
        delayCost: state.delayCost[player.side] ?? 0,
        valueLeftOnTable: outcomePoint ? valueLeftOnTable(plane, outcomePoint) : null,
        jointGainShare: outcomePoint ? jointGainShareAfterDelay(plane, outcomePoint) : null,
        frontierGap: outcomePoint ? frontierGap(plane, outcomePoint) : null,
        reflection: reflections.get(playerId)?.answers ?? null,
      });
    }
  }
  return rows.sort((x, y) => x.tableId.localeCompare(y.tableId, "en", { numeric: true }) || x.side.localeCompare(y.side) || x.name.localeCompare(y.name));
}
