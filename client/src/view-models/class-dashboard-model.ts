import type { PublicScenario, ScenarioEvent } from "../../../shared/index.js";
import type { ClassSummary, EventChoice, ServerError } from "../net/class-connection.js";

/**
 * The instructor's dashboard as data: the seating plan with names, where a student may be moved,
 * which tables an event or an extension can reach, the event written on the spot, and the
 * server's refusals as `{code, message}`. Pure: the scene draws these, the tests check them.
 */

export type SeatCell = { table: string; index: number; side: string; role: string; studentId: string | null; name: string | null };
export type SeatingCard = { id: string; seats: SeatCell[] };

export function seatingCards(summary: ClassSummary): SeatingCard[] {
  const names = new Map(summary.roster.map((s) => [s.id, s.name]));
  return summary.seating.map((t) => ({
    id: t.id,
    seats: t.seats.map((s, index) => ({ table: t.id, index, side: s.side, role: s.role, studentId: s.studentId, name: s.studentId ? (names.get(s.studentId) ?? s.studentId) : null })),
  }));
}

/** The `move` message for a student and a free seat, or null when the seat is not free or is theirs. */
export function moveMessage(summary: ClassSummary, studentId: string, target: SeatCell): { studentId: string; table: string; side: string; role: string } | null {
  if (summary.status !== "seating" || target.studentId !== null) return null;
  if (!summary.roster.some((s) => s.id === studentId)) return null;
  return { studentId, table: target.table, side: target.side, role: target.role };
}

/** What must redraw the whole screen (widgets come and go); other changes (clock, points) redraw the cards only. */
export function structureKey(summary: ClassSummary | null): string {
  if (!summary) return "none";
  const seats = summary.seating.map((t) => `${t.id}:${t.seats.map((s) => s.studentId ?? "-").join(",")}`).join(";");
  const tables = summary.tables.map((t) => `${t.tableId}:${t.phase === "ended" ? "e" : "r"}`).join(",");
  const roster = summary.roster.map((s) => `${s.id}=${s.name}@${s.table ?? ""}`).join(",");
  return [summary.status, summary.paused, seats, tables, roster].join("|");
}

/** The tables an inject or extend may name: "all", then each table that has not ended. */
export function actionTargets(summary: ClassSummary | null): string[] {
  const open = (summary?.tables ?? []).filter((t) => t.phase !== "ended" && t.phase !== "missing").map((t) => t.tableId);
  return ["all", ...open];
}

/** The scenario events an instructor can pick by id, as the server lists them (public texts only: the server holds the effects). */
export function eventChoices(summary: ClassSummary | null): EventChoice[] {
  if (!summary) return [];
  return summary.deck ?? [];
}

export type EffectKind = "scale" | "reservation" | "pressure";
export type EventDraft = { title: string; headline: string; kind: EffectKind; side: string; issue: string; value: string };
export type DraftProblem = "title" | "value" | "side" | "issue";

export const effectRanges: Record<EffectKind, { min: number; max: number; example: string }> = {
  scale: { min: 0, max: 10, example: "1.5" },
  reservation: { min: -500, max: 500, example: "-5" },
  pressure: { min: -100, max: 100, example: "2" },
};

export function emptyDraft(scenario: PublicScenario | undefined): EventDraft {
  return { title: "", headline: "", kind: "scale", side: scenario?.sides[0]?.id ?? "", issue: scenario?.issues[0]?.id ?? "", value: "" };
}

/** A number as people type it: "1.5", "1,5", "+5", "−5" (the minus sign too). */
export function parseNumber(text: string): number | null {
  const cleaned = text.trim().replace(/[−–]/g, "-").replace(",", ".").replace(/^\+/, "");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/**
 * The event written on the spot, in the `inject` message's `event` form (shared/scenario/schema.ts
 * `eventSchema`): one effect, an id of its own (`instructor-N`, N after the class's earlier injects).
 */
export function draftEvent(draft: EventDraft, scenario: PublicScenario | undefined, injectedSoFar: number): { ok: true; event: ScenarioEvent } | { ok: false; problem: DraftProblem } {
  const title = draft.title.trim();
  if (title === "" || title.length > 200) return { ok: false, problem: "title" };
  if (scenario && !scenario.sides.some((s) => s.id === draft.side)) return { ok: false, problem: "side" };
  if (draft.kind === "scale" && scenario && !scenario.issues.some((i) => i.id === draft.issue)) return { ok: false, problem: "issue" };
  const value = parseNumber(draft.value);
  const range = effectRanges[draft.kind];
  if (value === null || value < range.min || value > range.max || (draft.kind !== "scale" && value === 0)) return { ok: false, problem: "value" };
  const effect =
    draft.kind === "scale" ? { kind: "scale" as const, side: draft.side, issue: draft.issue, factor: value } : { kind: draft.kind, side: draft.side, delta: value };
  const headline = draft.headline.trim() || title;
  return { ok: true, event: { id: `instructor-${injectedSoFar + 1}`, title, headline, effects: [effect] } };
}

/** A refusal from the SDK (`"CODE: sentence"`) or from fetch, as `{code, message}`. */
export function parseServerError(error: unknown): ServerError {
  const text = error instanceof Error ? error.message : String(error);
  const match = /^([A-Z][A-Z0-9_]+): ([\s\S]*)$/.exec(text);
  if (match) return { code: match[1]!, message: match[2]! };
  // Colyseus's own refusal of a room id that does not exist.
  if (/not found/i.test(text)) return { code: "UNKNOWN_CLASS", message: text };
  if (/fetch|network|ECONNREFUSED|WebSocket/i.test(text)) return { code: "NO_SERVER", message: text };
  return { code: "UNKNOWN", message: text };
}

/** Where a reloaded page goes back to: the class in the address (`#class=CODE`) or the one this tab was in. */
export function classInAddress(hash: string): string | null {
  const match = /(?:^#|&)class=([A-Za-z0-9]{8})(?:&|$)/.exec(hash);
  return match ? match[1]!.toUpperCase() : null;
}

export const classStorageKeys = {
  current: "tt-class-current",
  token: (code: string) => `tt-class-${code}`,
  key: (code: string) => `tt-class-key-${code}`,
} as const;

export type Resume = { code: string; token: string | null; key: string | null };

/** The class to go back to after a reload, with what this tab holds for it (a student's token, or the instructor's key). */
export function resumeTarget(hash: string, session: Pick<Storage, "getItem"> | null): Resume | null {
  const code = classInAddress(hash) ?? session?.getItem(classStorageKeys.current) ?? null;
  if (!code) return null;
  return { code, token: session?.getItem(classStorageKeys.token(code)) ?? null, key: session?.getItem(classStorageKeys.key(code)) ?? null };
}
