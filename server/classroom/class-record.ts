import { createHash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { classSettingsSchema, eventSchema } from "../../shared/index.js";

/**
 * A class as it lives in `<dataDir>/classes/<code>.json`: settings, roster, seating plan,
 * tables ↔ match codes, injected events. The instructor key is kept only as a salted SHA-256.
 */

export { classSettingsSchema, type ClassSettings } from "../../shared/index.js";

const seatSchema = z.object({ side: z.string(), role: z.string(), studentId: z.string().nullable() });
const planSchema = z.object({
  playersPerSide: z.number(),
  rolesOn: z.boolean(),
  tables: z.array(z.object({ id: z.string(), seats: z.array(seatSchema) })),
});

export const classRecordSchema = z.object({
  code: z.string(),
  salt: z.string(),
  keyHash: z.string(),
  createdAt: z.string(),
  status: z.enum(["seating", "running", "ended"]),
  /** When the instructor ended the class (every running table was stopped then). */
  endedAt: z.string().optional(),
  paused: z.boolean(),
  settings: classSettingsSchema,
  /** `tokenHash`: the student's rejoin token, hashed like the key. */
  students: z.array(z.object({ id: z.string(), name: z.string(), tokenHash: z.string() })),
  plan: planSchema,
  /** One match per occupied table once the class started; `players`: student id → match player id. */
  tables: z.array(z.object({ tableId: z.string(), matchCode: z.string(), players: z.record(z.string(), z.string()) })),
  /** Latecomers with no seat left: student id → the table they watch as spectators. */
  watching: z.record(z.string(), z.string()).default({}),
  injected: z.array(z.object({ at: z.string(), target: z.string(), event: eventSchema })),
  /** A scenario file the instructor uploaded for this class (checked when uploaded); `settings.scenario` is its id. */
  scenarioSource: z.unknown().optional(),
});
export type ClassRecord = z.infer<typeof classRecordSchema>;

/** No 0/O or 1/I/L, as match codes; 8 symbols (31⁸ ≈ 8.5·10¹¹) and rate-limited attempts make guessing hopeless. */
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CLASS_CODE_LENGTH = 8;
export const classCodeSchema = z.string().regex(new RegExp(`^[${CODE_ALPHABET}]{${CLASS_CODE_LENGTH}}$`), "a class code is 8 letters and digits");

export function newClassCode(): string {
  let code = "";
  for (let i = 0; i < CLASS_CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

export const newSecret = (): string => randomBytes(24).toString("base64url");
export const hashSecret = (salt: string, secret: string): string => createHash("sha256").update(`${salt}\n${secret}`).digest("hex");

/** Constant-time comparison of a presented secret with a stored hash. */
export function secretMatches(salt: string, storedHash: string, presented: string): boolean {
  const a = Buffer.from(hashSecret(salt, presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
