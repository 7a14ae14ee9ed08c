import { z } from "zod";
import { describeProblems, err, eventModes, MAX_CHAT_LENGTH, MAX_NAME_LENGTH, offerSchema, ok, problemsFromZod, type Action, type Offer, type Result, type Scenario } from "../../shared/index.js";

/**
 * The wire protocol of the `negotiation` room (docs/protocol.md). Every option and payload
 * is parsed here with zod, inside the handler, so a bad one is answered with an `error`
 * message and the sender keeps its seat.
 */

export const ROOM_NAME = "negotiation";

const shortId = z.string().min(1).max(40);
const name = z.string().trim().min(1).max(MAX_NAME_LENGTH);

/** What a client may say when it joins an existing match (unknown keys are ignored). */
export const joinOptionsSchema = z.object({
  name: name.optional(),
  side: shortId.optional(),
  role: shortId.optional(),
  spectator: z.boolean().optional(),
  /** The seat token a previous `seat` message gave: takes that seat back (after a restart, or later). */
  seat: z.string().min(1).max(200).optional(),
});
export type JoinOptions = z.infer<typeof joinOptionsSchema>;

/** What the creator of a match may choose (strict: a misspelt option is refused, not ignored). */
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
  name: name.optional(),
  side: shortId.optional(),
  role: shortId.optional(),
  spectator: z.boolean().optional(),
  /** Start from step `step` of an ended match (server/room/branch-setup.ts); `bots` maps a side to a strategy. */
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

/** Client → server messages. Payloads are strict: an unexpected key is an error, not a surprise. */
export const messageSchemas = {
  ready: z.strictObject({}),
  propose: z.strictObject({ offer: offerSchema }),
  accept: z.strictObject({ proposalId: shortId }),
  walkaway: z.strictObject({}),
  chat: z.strictObject({ text: z.string().trim().min(1), to: z.enum(["table", "team"]).default("table") }),
} as const;
export type MessageType = keyof typeof messageSchemas;
export const messageTypes = Object.keys(messageSchemas) as MessageType[];
export type ClientMessage = { [T in MessageType]: { type: T; payload: z.output<(typeof messageSchemas)[T]> } }[MessageType];

/**
 * `propose` as the room parses it, in two passes. `exact` names every issue's options (z.enum): a
 * valid package passes it with no per-string check, and zod's string checks are what made a
 * move's parse costly (2.6 KB of garbage per propose against 0.6–1.0 KB: tests/server/propose-parse.test.ts).
 * Only an offer that fails it meets `lenient`, the same values as `offerSchema` (every key and
 * option id a short string): what passes that goes on to the engine, which says what is wrong
 * with the package (BAD_OFFER); what fails it is a malformed message (BAD_MESSAGE), as before.
 * Both spell out the issue ids, which zod compiles into one function, where a record is checked
 * key by key. Missing or unknown issues pass both so that the engine names them.
 */
type ProposeSchemas = { exact: z.ZodType<{ offer: Offer }>; lenient: z.ZodType<{ offer: Offer }> };
const proposeSchemas = new WeakMap<Scenario, ProposeSchemas>();
export function proposeSchemasFor(scenario: Scenario): ProposeSchemas {
  let schemas = proposeSchemas.get(scenario);
  if (!schemas) {
    // exactOptional: an issue may be left out (the engine says which), but not sent as undefined.
    const offerOf = (option: (issue: Scenario["issues"][number]) => z.ZodType<string>) =>
      z.strictObject({ offer: z.object(Object.fromEntries(scenario.issues.map((issue) => [issue.id, option(issue).exactOptional()]))).catchall(shortId) }) as unknown as z.ZodType<{ offer: Offer }>;
    schemas = {
      exact: offerOf((issue) => z.enum(issue.options.map((o) => o.id) as [string, ...string[]])),
      lenient: offerOf(() => shortId),
    };
    proposeSchemas.set(scenario, schemas);
  }
  return schemas;
}

function parsePropose(payload: unknown, scenario: Scenario): z.ZodSafeParseResult<{ offer: Offer }> {
  const { exact, lenient } = proposeSchemasFor(scenario);
  const parsed = exact.safeParse(payload);
  return parsed.success ? parsed : lenient.safeParse(payload);
}

/** Parses one message; a payload-less `send("ready")` arrives as `undefined` and reads as `{}`. */
export function parseMessage(type: MessageType, payload: unknown, scenario: Scenario): Result<ClientMessage, ErrorReply> {
  const input = payload === undefined ? {} : payload;
  const parsed = type === "propose" ? parsePropose(input, scenario) : messageSchemas[type].safeParse(input);
  if (parsed.success) return ok({ type, payload: parsed.data } as ClientMessage);
  const problems = problemsFromZod(parsed.error).map((p) => ({ ...p, path: p.path || "(payload)" }));
  return err({ code: "BAD_MESSAGE", message: `Bad "${type}" message: ${describeProblems(problems)}` });
}

/** The engine action a seated player's message stands for; `by` comes from the connection. */
export function toAction(message: ClientMessage, by: string): Action {
  switch (message.type) {
    case "ready":
      return { type: "ready", by };
    case "walkaway":
      return { type: "walkaway", by };
    case "propose":
      return { type: "propose", by, offer: message.payload.offer };
    case "accept":
      return { type: "accept", by, proposalId: message.payload.proposalId };
    case "chat":
      return { type: "chat", by, text: message.payload.text, to: message.payload.to };
  }
}

export { MAX_CHAT_LENGTH };

/** Codes the server adds to the engine's own (shared/engine/errors.ts). */
export const serverErrorCodes = [
  "BAD_MESSAGE",
  "UNKNOWN_MESSAGE",
  "TOO_LONG",
  "SPECTATOR",
  "RATE_LIMITED",
  "SERVER_ERROR",
] as const;
/** Reasons a create or join is refused (the SDK's create/join promise rejects with `CODE: sentence`). */
export const joinErrorCodes = [
  "BAD_OPTIONS",
  "UNKNOWN_SCENARIO",
  "UNKNOWN_BOT",
  "SIDE_FULL",
  "BOT_SIDE",
  "BAD_SEAT_TOKEN",
  "UNKNOWN_MATCH",
  "MATCH_RUNNING",
  "BAD_LOG",
  "BAD_STEP",
] as const;

export type ErrorReply = { code: string; message: string; type?: string };

