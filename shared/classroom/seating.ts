import type { Scenario } from "../scenario/schema.js";

/**
 * Seating a class: students fill whole tables first, each table balanced between the sides and,
 * within a side, across its roles. Pure, so the server, the dashboard and the tests agree.
 */

export type Seat = { side: string; role: string; studentId: string | null };
export type Table = { id: string; seats: Seat[] };
export type SeatingPlan = { playersPerSide: number; rolesOn: boolean; tables: Table[] };

export type SeatingError = { code: "UNKNOWN_STUDENT" | "UNKNOWN_TABLE" | "SEAT_TAKEN" | "ALREADY_SEATED"; message: string };

export const tableId = (index: number) => `T${index + 1}`;

/** The seats of one table: per side, the roles in order, cycling when a side has more players than roles. */
function emptyTable(scenario: Scenario, index: number, playersPerSide: number, rolesOn: boolean): Table {
  const seats: Seat[] = [];
  for (let k = 0; k < playersPerSide; k++) {
    for (const side of scenario.sides) {
      const role = rolesOn ? side.roles[k % side.roles.length]! : side.roles[0]!;
      seats.push({ side: side.id, role: role.id, studentId: null });
    }
  }
  return { id: tableId(index), seats };
}

export function emptyPlan(playersPerSide: number, rolesOn: boolean): SeatingPlan {
  return { playersPerSide, rolesOn, tables: [] };
}

export function findStudent(plan: SeatingPlan, studentId: string): { table: Table; seat: Seat } | undefined {
  for (const table of plan.tables) {
    const seat = table.seats.find((s) => s.studentId === studentId);
    if (seat) return { table, seat };
  }
  return undefined;
}

/**
 * Seats a newly arrived student at the first table with a free seat (opening a new table when all
 * are full). Seats are ordered side by side (Japan 1, US 1, Japan 2, US 2…), so the sides stay
 * balanced as a table fills.
 */
export function seatStudent(scenario: Scenario, plan: SeatingPlan, studentId: string): SeatingPlan {
  if (findStudent(plan, studentId)) return plan;
  const tables = plan.tables.map((t) => ({ ...t, seats: [...t.seats] }));
  let table = tables.find((t) => t.seats.some((s) => s.studentId === null));
  if (!table) {
    table = emptyTable(scenario, tables.length, plan.playersPerSide, plan.rolesOn);
    tables.push(table);
  }
  const index = table.seats.findIndex((s) => s.studentId === null);
  table.seats[index] = { ...table.seats[index]!, studentId };
  return { ...plan, tables };
}

/** Moves a seated student to a free seat (before the class starts). */
export function moveStudent(plan: SeatingPlan, studentId: string, target: { table: string; side: string; role: string }): { ok: true; plan: SeatingPlan } | { ok: false; error: SeatingError } {
  if (!findStudent(plan, studentId)) return { ok: false, error: { code: "UNKNOWN_STUDENT", message: `Student ${studentId} is not seated in this class.` } };
  const destination = plan.tables.find((t) => t.id === target.table);
  if (!destination) return { ok: false, error: { code: "UNKNOWN_TABLE", message: `There is no table ${target.table}.` } };
  const free = destination.seats.findIndex((s) => s.side === target.side && s.role === target.role && s.studentId === null);
  if (free < 0) return { ok: false, error: { code: "SEAT_TAKEN", message: `Table ${target.table} has no free ${target.side} seat as ${target.role}.` } };
  const tables = plan.tables.map((t) => ({
    ...t,
    seats: t.seats.map((s, i) => {
      if (s.studentId === studentId) return { ...s, studentId: null };
      if (t.id === target.table && i === free) return { ...s, studentId };
      return s;
    }),
  }));
  return { ok: true, plan: { ...plan, tables } };
}

/** Tables with nobody seated are dropped when the class starts; the others keep their empty seats for bots. */
export function occupiedTables(plan: SeatingPlan): Table[] {
  return plan.tables.filter((t) => t.seats.some((s) => s.studentId !== null));
}
