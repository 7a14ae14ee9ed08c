/** Why the engine refused an action: a stable code for programs and a sentence for people. */
export const engineErrorCodes = [
  "BAD_ACTION",
  "WRONG_PHASE",
  "UNKNOWN_PLAYER",
  "PLAYER_EXISTS",
  "UNKNOWN_SIDE",
  "UNKNOWN_ROLE",
  "NOT_YOUR_TURN",
  "BAD_OFFER",
  "NO_STANDING_OFFER",
  "STALE_PROPOSAL",
  "OWN_PROPOSAL",
  "ALREADY_READY",
  "BAD_EVENT",
] as const;

export type EngineErrorCode = (typeof engineErrorCodes)[number];
export type EngineError = { code: EngineErrorCode; message: string };

export const engineError = (code: EngineErrorCode, message: string): EngineError => ({ code, message });
