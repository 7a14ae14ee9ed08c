import type { ClassDebrief } from "../../shared/index.js";
import type { StudentReport } from "../classroom/student-report.js";

/** The class debrief's table of tables as CSV (RFC 4180 quoting), one row per table. */
const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? "" : typeof value === "number" ? String(Math.round(value * 1000) / 1000) : String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** A side's students' answers at one table: "Name: 1) … 2) … 3) …", several students joined by " || ". */
function sideReflections(students: readonly StudentReport[], tableId: string, side: string): string {
  return students
    .filter((s) => s.tableId === tableId && s.side === side && s.reflection)
    .map((s) => `${s.name}: ${s.reflection!.map((answer, i) => `${i + 1}) ${answer}`).join(" ")}`)
    .join(" || ");
}

/** `students` (server/classroom/student-report.ts) adds the value left on the table and each side's reflection answers. */
export function debriefCsv(debrief: ClassDebrief, students: readonly StudentReport[] = []): string {
  const [a, b] = debrief.sides;
  // deal_points: in the class chart's space; own_deal_points and the metrics: in the table's own space (docs/protocol.md).
  const header = ["table", "match", "outcome", `${a}_points`, `${b}_points`, `${a}_deal_points`, `${b}_deal_points`, "joint_gain_share", "distance_to_frontier", "rounds", "proposals", "first_concession", "ratified", "agreed", "distance_to_nash", `${a}_own_deal_points`, `${b}_own_deal_points`, "extra_events"];
  header.push("value_left_on_table", `${a}_reflections`, `${b}_reflections`);
  const rows = debrief.tables.map((t) => [t.tableId, t.matchId, t.outcome, t.points?.[a], t.points?.[b], t.dealPoints?.a, t.dealPoints?.b, t.jointGainShare, t.distanceToFrontier, t.rounds, t.proposals, t.firstConcession, t.ratified, t.agreed, t.distanceToNash, t.own.dealPoints?.a, t.own.dealPoints?.b, t.own.extraEvents.join(" "),
    students.find((s) => s.tableId === t.tableId)?.valueLeftOnTable, sideReflections(students, t.tableId, a), sideReflections(students, t.tableId, b)]);
  return [header, ...rows].map((r) => r.map(cell).join(",")).join("\r\n") + "\r\n";
}
