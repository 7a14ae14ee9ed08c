import type { ServerConfig } from "../config.js";
import type { LogSigner } from "../store/log-signing.js";
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
  /** Signs each log when its match ends (server/store/log-signing.ts); absent, logs stay unsigned. */
  signer?: LogSigner;
};
