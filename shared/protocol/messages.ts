import { z } from "zod";
import { MAX_CHAT_LENGTH, offerSchema, type Action, type Offer } from "../engine/actions.js";
import { phases } from "../engine/state.js";
import { MAX_REFLECTION_LENGTH, REFLECTION_QUESTIONS } from "../log/format.js";
import type { Scenario } from "../scenario/schema.js";
import { cleanChatText } from "../util/chat-text.js";
import { describeProblems, problemsFromZod } from "../util/problems.js";
import { err, ok, type Result } from "../util/result.js";
import type { Change } from "./changes.js";
import type { ErrorReply } from "./errors.js";
import type { SeatGrant, TableView } from "./view.js";

/**
 * Every message of the `negotiation` room, both ways. The room parses what clients send with
 * these schemas (inside its handlers, so a bad message is answered, never a disconnect); the
 * client parses what the server sends with the envelope schemas below.
 */

const shortId = z.string().min(1).max(40);

/** Client → server. Payloads are strict: an unexpected key is an error, not a surprise. */
export const clientMessageSchemas = {
  ready: z.strictObject({}),
  propose: z.strictObject({ offer: offerSchema }),
  accept: z.strictObject({ proposalId: shortId }),
  walkaway: z.strictObject({}),
  /** The text is cleaned first (shared/util/chat-text.ts); a line of nothing but hidden characters is empty, so refused. */
  chat: z.strictObject({ text: z.string().overwrite(cleanChatText).min(1), to: z.enum(["table", "team"]).default("table") }),
  /** Asks for the whole view again (a client that missed a step, or wants to be sure). */
  sync: z.strictObject({}),
  /** A seated player's answers to the result screen's reflection questions, once the match has ended (kept in its log). */
  reflect: z.strictObject({ answers: z.array(z.string().trim().max(MAX_REFLECTION_LENGTH)).length(REFLECTION_QUESTIONS) }),
} as const;
export type ClientMessageType = keyof typeof clientMessageSchemas;
export const clientMessageTypes = Object.keys(clientMessageSchemas) as ClientMessageType[];
export type ClientMessage = { [T in ClientMessageType]: { type: T; payload: z.output<(typeof clientMessageSchemas)[T]> } }[ClientMessageType];
/** The messages that become engine actions. */
export type MoveMessage = Exclude<ClientMessage, { type: "sync" } | { type: "reflect" }>;

/** Parses one message; a payload-less `send("ready")` arrives as `undefined` and reads as `{}`. */
export function parseClientMessage(type: ClientMessageType, payload: unknown): Result<ClientMessage, ErrorReply> {
  const parsed = clientMessageSchemas[type].safeParse(payload === undefined ? {} : payload);
  if (parsed.success) {
    if (type === "chat" && (parsed.data as { text: string }).text.length > MAX_CHAT_LENGTH) {
      return err({ code: "TOO_LONG", message: `A chat line holds at most ${MAX_CHAT_LENGTH} characters.` });
    }
    return ok({ type, payload: parsed.data } as ClientMessage);
  }
  const problems = problemsFromZod(parsed.error).map((p) => ({ ...p, path: p.path || "(payload)" }));
  return err({ code: "BAD_MESSAGE", message: `Bad "${type}" message: ${describeProblems(problems)}` });
}

/** The engine action a seated player's message stands for; `by` comes from the connection, never the payload. */
export function toAction(message: MoveMessage, by: string): Action {
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

/** A full package in scenario order, every issue with its first option: a start for a client's draft. */
export const firstOptions = (scenario: Pick<Scenario, "issues">): Offer => Object.fromEntries(scenario.issues.map((i) => [i.id, i.options[0]!.id]));

// Server → client envelopes. `rev` counts the room's published changes; a `step` applies to the view of revision `from`.

/** Object keys and array indices. One check over the whole path: a union per element would cost a parse attempt per key on every step a client folds. */
const isPathKey = (key: unknown): boolean => typeof key === "string" || (Number.isInteger(key) && (key as number) >= 0);
const pathSchema = z
  .array(z.unknown())
  .max(16)
  .refine((path) => path.every(isPathKey), "A path holds object keys (strings) and array indices (whole numbers ≥ 0).") as unknown as z.ZodType<(string | number)[]>;
export const changeSchema: z.ZodType<Change> = z.discriminatedUnion("op", [
  z.strictObject({ op: z.literal("set"), path: pathSchema, value: z.unknown() }),
  z.strictObject({ op: z.literal("push"), path: pathSchema, values: z.array(z.unknown()) }),
  z.strictObject({ op: z.literal("del"), path: pathSchema }),
]) as z.ZodType<Change>;

export const seatGrantSchema: z.ZodType<SeatGrant> = z.union([
  z.strictObject({ spectator: z.literal(false), playerId: z.string(), side: z.string(), role: z.string(), token: z.string() }),
  z.strictObject({ spectator: z.literal(true) }),
]);

/** The parts of a view a client relies on to draw anything; the rest is the engine's `MatchView` as documented. */
const tableViewSchema = z.looseObject({
  phase: z.enum(phases),
  seq: z.number().int().min(0),
  scenario: z.looseObject({ id: z.string(), issues: z.array(z.looseObject({ id: z.string(), options: z.array(z.looseObject({ id: z.string() })) })) }),
  table: z.looseObject({ code: z.string() }),
}) as unknown as z.ZodType<TableView>;

export const viewMessageSchema = z.strictObject({ rev: z.number().int().min(0), seat: seatGrantSchema, view: tableViewSchema });
export const stepMessageSchema = z.strictObject({ from: z.number().int().min(0), rev: z.number().int().min(0), changes: z.array(changeSchema) });
export const errorMessageSchema = z.object({ code: z.string(), message: z.string(), type: z.string().optional() });

export type ViewMessage = z.infer<typeof viewMessageSchema>;
export type StepMessage = z.infer<typeof stepMessageSchema>;
