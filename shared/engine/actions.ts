import { z } from "zod";
import { eventSchema } from "../scenario/schema.js";
import { isCleanChatText } from "../util/chat-text.js";

/**
 * Everything that can happen in a match is one of these actions. Player actions carry `by`,
 * the id of the seated player who acts (the server fills it in from the connection, never from
 * the payload). System actions come from the server itself: seating, forced start, the turn
 * clock, an instructor's event.
 */

export const MAX_CHAT_LENGTH = 500;
export const MAX_NAME_LENGTH = 40;

const playerId = z.string().min(1).max(64);
const shortId = z.string().min(1).max(40);

export const offerSchema = z.record(shortId, shortId);

export const playerSchema = z.strictObject({
  id: playerId,
  name: z.string().trim().min(1).max(MAX_NAME_LENGTH),
  side: shortId,
  role: shortId,
  /** Strategy name when a bot holds the seat. */
  bot: z.string().min(1).max(40).optional(),
});

export const actionSchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("join"), player: playerSchema }),
  z.strictObject({ type: z.literal("ready"), by: playerId }),
  z.strictObject({ type: z.literal("start") }),
  z.strictObject({ type: z.literal("propose"), by: playerId, offer: offerSchema }),
  z.strictObject({ type: z.literal("accept"), by: playerId, proposalId: shortId }),
  z.strictObject({ type: z.literal("walkaway"), by: playerId }),
  z.strictObject({
    type: z.literal("chat"),
    by: playerId,
    /** Cleaned (shared/util/chat-text.ts): NFC, no control, bidirectional-override or zero-width characters. */
    text: z.string().trim().min(1).max(MAX_CHAT_LENGTH).refine(isCleanChatText, "chat text must be NFC without control, bidirectional-override or zero-width characters"),
    to: z.enum(["table", "team"]),
  }),
  z.strictObject({ type: z.literal("timeout") }),
  z.strictObject({ type: z.literal("inject"), event: eventSchema }),
  /** An instructor moves the hard deadline `rounds` rounds later (classroom mode). */
  z.strictObject({ type: z.literal("extend"), rounds: z.number().int().min(1).max(20) }),
  /** A person takes over a bot's seat (classroom latecomers): same id, side and role, no longer a bot. */
  z.strictObject({ type: z.literal("takeover"), playerId, name: z.string().trim().min(1).max(MAX_NAME_LENGTH) }),
  /** The server ends a running match with no deal (an instructor ended the class); never sent by a player. */
  z.strictObject({ type: z.literal("stop"), reason: z.string().trim().min(1).max(200) }),
  /** Opens a "what if" branch of another match: from here on, draws come from `seed`. */
  z.strictObject({
    type: z.literal("branch"),
    parent: z.strictObject({ matchId: z.string().min(1).max(64), step: z.number().int().min(0) }),
    seed: z.string().min(1).max(200),
  }),
]);

export type Action = z.infer<typeof actionSchema>;
export type ActionType = Action["type"];
export type Player = z.infer<typeof playerSchema>;
export type Offer = z.infer<typeof offerSchema>;

export const eventModes = ["historical", "random", "both", "none"] as const;

export const matchSettingsSchema = z.strictObject({
  /** Number of rounds; defaults to the scenario's calendar. The last round is the hard deadline. */
  rounds: z.number().int().min(1).max(100).optional(),
  events: z.enum(eventModes).default("historical"),
  /** Seeded perturbation of each side's confidential weights. */
  privateVariant: z.boolean().default(false),
  /** Side that makes the first offer; defaults to the scenario's. */
  firstMover: shortId.optional(),
});

export type MatchSettingsInput = z.input<typeof matchSettingsSchema>;
export type MatchSettings = z.output<typeof matchSettingsSchema>;
