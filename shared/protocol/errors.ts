/** The refusals of the wire (docs/protocol.md lists each with its meaning). */

export type ErrorReply = { code: string; message: string; type?: string };

/** Codes a room adds to the engine's own (shared/engine/errors.ts) when it refuses a message. */
export const serverErrorCodes = ["BAD_MESSAGE", "UNKNOWN_MESSAGE", "TOO_LONG", "SPECTATOR", "RATE_LIMITED", "PAUSED", "CHAT_FULL", "LOG_FULL", "SERVER_ERROR", "TOO_MANY_REFLECTIONS"] as const;

/** Codes the client itself gives when it cannot send (it never drops a message silently). */
export const clientErrorCodes = ["OFFLINE"] as const;

/** Reasons a create or join is refused (the SDK's promise rejects with `CODE: sentence`). */
export const joinErrorCodes = [
  "BAD_OPTIONS",
  "UNKNOWN_SCENARIO",
  "UNKNOWN_BOT",
  "UNKNOWN_SIDE",
  "UNKNOWN_ROLE",
  "SIDE_FULL",
  "SPECTATORS_FULL",
  "INVITE_ONLY",
  "RATE_LIMITED",
  "BOT_SIDE",
  "BAD_SEAT_TOKEN",
  "WRONG_PHASE",
  "CLASS_TABLE",
  "UNKNOWN_MATCH",
  "MATCH_RUNNING",
  "BAD_LOG",
  "BAD_STEP",
  "SERVER_ERROR",
] as const;

/** `CODE: sentence`, the form a refused create or join takes (Colyseus carries one string). */
export const refusalText = (reply: ErrorReply): string => `${reply.code}: ${reply.message}`;

/** The reply back from `CODE: sentence`; a text of another form is kept whole under `fallback`. */
export function parseRefusal(text: string, fallback = "ERROR"): ErrorReply {
  const match = /^([A-Z_]+): (.*)$/s.exec(text);
  return match ? { code: match[1]!, message: match[2]! } : { code: fallback, message: text };
}
