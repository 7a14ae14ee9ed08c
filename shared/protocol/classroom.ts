import { z } from "zod";
import { eventModes, MAX_NAME_LENGTH } from "../engine/actions.js";
import type { MatchState } from "../engine/state.js";
import type { TableDebrief } from "../classroom/debrief.js";
import type { PublicScenario } from "../engine/views.js";
import { eventSchema, type ScenarioEvent } from "../scenario/schema.js";

/**
 * The `classroom` room and the class endpoints (docs/protocol.md, "Classroom"): every payload
 * schema and every message body, shared by the server that sends them and the client that draws them.
 */

export const CLASSROOM_ROOM = "classroom";

/** Body of `POST /api/classes` (strict: a misspelt setting is refused, not ignored). */
export const classSettingsSchema = z.strictObject({
  scenario: z.string().min(1).max(40).default("tariff-talks-2025"),
  playersPerSide: z.number().int().min(1).max(4).default(2),
  roles: z.boolean().default(true),
  rounds: z.number().int().min(1).max(100).optional(),
  turnSeconds: z.number().int().min(0).max(3600).default(0),
  /** Tables open in the briefing; the clock starts when every student is ready, the instructor starts it, or after this long (0 = no briefing). */
  briefingSeconds: z.number().int().min(0).max(3600).default(300),
  events: z.enum(eventModes).default("historical"),
  privateVariant: z.boolean().default(false),
  bots: z.boolean().default(true),
  botStrategy: z.string().min(1).max(40).default("normal"),
});
export type ClassSettings = z.output<typeof classSettingsSchema>;
export type ClassSettingsBody = z.input<typeof classSettingsSchema>;

/** Students send `name` (first time) or `token` (coming back); the instructor sends `key`. */
export const classJoinSchema = z.union([
  z.strictObject({ key: z.string().min(1).max(200) }),
  z.strictObject({ name: z.string().trim().min(1).max(MAX_NAME_LENGTH), token: z.string().min(1).max(200).optional() }),
  z.strictObject({ token: z.string().min(1).max(200) }),
]);

const target = z.union([z.literal("all"), z.string().regex(/^T\d{1,3}$/)]);

export const instructorMessages = {
  dashboard: z.strictObject({}),
  debrief: z.strictObject({}),
  move: z.strictObject({ studentId: z.string().min(1).max(20), table: z.string().min(1).max(8), side: z.string().min(1).max(40), role: z.string().min(1).max(40) }),
  start: z.strictObject({}),
  pause: z.strictObject({}),
  resume: z.strictObject({}),
  /** `eventId`: one of the scenario's deck or timeline events; `event`: written on the spot. */
  inject: z.strictObject({ table: target, eventId: z.string().min(1).max(40).optional(), event: eventSchema.optional() }).refine((m) => (m.eventId === undefined) !== (m.event === undefined), "give exactly one of eventId and event"),
  extend: z.strictObject({ table: target, rounds: z.number().int().min(1).max(20) }),
  /** Ends the briefing of one table or all: their turn clocks start now. */
  startClock: z.strictObject({ table: target }),
  end: z.strictObject({}),
} as const;
export type InstructorMessage = keyof typeof instructorMessages;
export const instructorMessageTypes = Object.keys(instructorMessages) as InstructorMessage[];

export const classErrorCodes = ["BAD_OPTIONS", "UNKNOWN_CLASS", "FORBIDDEN", "RATE_LIMITED", "BAD_STUDENT_TOKEN", "CLASS_ENDED", "CLASS_FULL", "INVITE_ONLY", "NOT_INSTRUCTOR", "BAD_MESSAGE", "UNKNOWN_MESSAGE", "WRONG_PHASE", "UNKNOWN_TABLE", "UNKNOWN_STUDENT", "SEAT_TAKEN", "UNKNOWN_EVENT", "NO_STUDENTS", "BAD_EVENT", "SERVER_ERROR", "OFFLINE"] as const;

export type ClassStatus = "seating" | "running" | "ended";

/**
 * What a student is told (`assignment`): their table, side, role, the table's match code and
 * their seat token. A latecomer with no seat left watches a table: `spectator` true, `watchToken`
 * to join it (`{spectator: true, seat: watchToken}`); `side`, `role` empty, `seatToken` null.
 */
export type Assignment = {
  classCode: string; studentId: string; name: string; table: string; side: string; role: string; status: ClassStatus;
  matchCode: string | null; seatToken: string | null; spectator: boolean; watchToken: string | null;
  /** The seat's side and role by name in the class's scenario ("" when watching): an uploaded scenario is in no public list. */
  sideName?: string; roleName?: string;
};

/** One table at a glance on the dashboard (the instructor sees the standing offer on both sheets). */
export type TableRow = {
  tableId: string;
  matchCode: string;
  phase: MatchState["phase"] | "missing";
  round: number;
  maxRounds: number;
  turn: string;
  standing: { id: string; side: string; points: Record<string, number> } | null;
  turnEndsAt: number;
  /** While the table is in its briefing: when it ends by itself (server clock, Unix ms; 0 = none or paused). */
  briefingEndsAt: number;
  paused: boolean;
  events: string[];
  /** Spectators watching the table (latecomers with no seat left). */
  spectators: number;
  players: { id: string; name: string; side: string; role: string; bot: string | null; connected: boolean; ready: boolean }[];
  outcome: { kind: string; points: Record<string, number> } | null;
};

export type SeatingTable = { id: string; seats: { side: string; role: string; studentId: string | null }[] };
export type RosterEntry = { id: string; name: string; table: string | null; side: string | null; role: string | null; watching: string | null };
/** A scenario event the instructor may inject by id: the random deck, then the timeline. Public texts only. */
export type EventChoice = { id: string; title: string; headline: string; origin: "deck" | "timeline" };

/** The `dashboard` message and `GET /api/classes/:code`. */
export type ClassSummary = {
  code: string;
  status: ClassStatus;
  paused: boolean;
  createdAt: string;
  /** When the instructor ended the class (its running tables were stopped then); null before. */
  endedAt: string | null;
  settings: ClassSettings;
  roster: RosterEntry[];
  seating: SeatingTable[];
  tables: TableRow[];
  injected: { at: string; target: string; event: ScenarioEvent }[];
  /** The class's scenario, public part (an uploaded one is not in GET /api/scenarios). */
  scenario: PublicScenario;
  deck: EventChoice[];
};

/** The class debrief (`debrief` message, `GET /api/classes/:code/debrief`). */
export type ClassDebrief = {
  code: string;
  status: ClassStatus;
  sides: [string, string];
  /** The chart's space: the scenario's sheets with the events that fired at every table, no private variant. */
  space: { events: { id: string; title: string }[]; privateVariant: boolean };
  frontier: { a: number; b: number }[];
  nash: { a: number; b: number } | null;
  noDeal: { a: number; b: number };
  realDeal: { a: number; b: number } | null;
  /** Tables by how they ended; a table the instructor stopped counts as no deal. */
  counts: { tables: number; playing: number; agreements: number; noDeal: number; stopped: number };
  tables: TableDebrief[];
};
