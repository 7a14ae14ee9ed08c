import { z } from "zod";
import { eventModes, MAX_NAME_LENGTH } from "../engine/actions.js";

/** What a client may say when it creates or joins a `negotiation` room (docs/protocol.md, "Connecting"). */

export const NEGOTIATION_ROOM = "negotiation";

const shortId = z.string().min(1).max(40);
const name = z.string().trim().min(1).max(MAX_NAME_LENGTH);

/** Joining an existing match (unknown keys are ignored). */
export const joinOptionsSchema = z.object({
  name: name.optional(),
  side: shortId.optional(),
  role: shortId.optional(),
  spectator: z.boolean().optional(),
  /** The seat token a previous `view` message granted: takes that seat back (after a restart, or later). */
  seat: z.string().min(1).max(200).optional(),
});
export type JoinOptions = z.infer<typeof joinOptionsSchema>;

/** Creating a match (strict: a misspelt option is refused, not ignored). */
export const createOptionsSchema = z.strictObject({
  scenario: shortId.optional(),
  mode: z.enum(["solo", "pvp"]).default("pvp"),
  bot: z.string().min(1).max(40).optional(),
  seed: z.string().min(1).max(200).optional(),
  rounds: z.number().int().min(1).max(100).optional(),
  /** 0 or absent: no turn clock. */
  turnSeconds: z.number().int().min(0).max(24 * 3600).optional(),
  events: z.enum(eventModes).optional(),
  privateVariant: z.boolean().optional(),
  /** People per side (1 unless asked; at most the server's MAX_PLAYERS_PER_SIDE, 4 by default): a full side refuses SIDE_FULL. */
  seatsPerSide: z.number().int().min(1).max(20).optional(),
  name: name.optional(),
  side: shortId.optional(),
  role: shortId.optional(),
  spectator: z.boolean().optional(),
  /** Start from step `step` of an ended match; `bots` maps a side to a strategy. */
  branch: z
    .strictObject({
      matchId: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/),
      step: z.number().int().min(0),
      seed: z.string().min(1).max(200).optional(),
      bots: z.record(shortId, z.string().min(1).max(40)).optional(),
    })
    .optional(),
});
export type CreateOptions = z.infer<typeof createOptionsSchema>;
