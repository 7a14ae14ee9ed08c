import { z } from "zod";
import { eventSchema, MAX_NAME_LENGTH } from "../../shared/index.js";

/** The `classroom` room's wire protocol (docs/protocol.md, "Classroom"); every payload parsed here. */

export const CLASSROOM_ROOM = "classroom";

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
  end: z.strictObject({}),
} as const;
export type InstructorMessage = keyof typeof instructorMessages;
export const instructorMessageTypes = Object.keys(instructorMessages) as InstructorMessage[];

export const classErrorCodes = ["BAD_OPTIONS", "UNKNOWN_CLASS", "FORBIDDEN", "RATE_LIMITED", "BAD_STUDENT_TOKEN", "CLASS_ENDED", "NOT_INSTRUCTOR", "BAD_MESSAGE", "UNKNOWN_MESSAGE", "WRONG_PHASE", "UNKNOWN_TABLE", "UNKNOWN_STUDENT", "SEAT_TAKEN", "UNKNOWN_EVENT", "NO_STUDENTS", "BAD_EVENT", "SERVER_ERROR"] as const;
