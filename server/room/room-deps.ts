import type { AttemptLimiter } from "../classroom/attempt-limiter.js";
import type { ServerConfig } from "../config.js";
import type { SeatTokens } from "../store/seat-tokens.js";
import type { MatchRegistry } from "./match-registry.js";

/**
 * What every room of this server shares: settings, the seat-token secret, the matches this
 * process hosts, and the codes only the server itself may open (a log it wrote or found at boot).
 */
export type RoomDeps = {
  config: ServerConfig;
  tokens: SeatTokens;
  matches: MatchRegistry;
  openable: Set<string>;
  /** Wrong secrets (seat tokens, student tokens, instructor keys), counted per source and per target. */
  failures: AttemptLimiter;
};
