import type { AttemptLimiter } from "../classroom/attempt-limiter.js";
import type { ServerConfig } from "../config.js";
import type { LogSigner } from "../store/log-signing.js";
import type { SeatTokens } from "../store/seat-tokens.js";
import type { Storage } from "../store/storage.js";
import type { MatchRegistry } from "./match-registry.js";
import type { HostingClaims } from "../cluster/hosting-claims.js";
import type { Heartbeat } from "../heartbeat.js";

/**
 * What every room of this server shares: settings, the storage (logs, classes, notes:
 * server/store/storage.ts), the seat-token secret, the matches this process hosts, the codes
 * only the server itself may open (a log it wrote or found at boot), and which process hosts
 * what (alone: this one; in a cluster: server/cluster/hosting-claims.ts).
 */
export type RoomDeps = {
  config: ServerConfig;
  storage: Storage;
  tokens: SeatTokens;
  matches: MatchRegistry;
  openable: Set<string>;
  claims: HostingClaims;
  /** Wrong secrets (seat tokens, student tokens, instructor keys), counted per source and per target. */
  failures: AttemptLimiter;
  /** Pings every connection of every room, to close the dead ones (server/heartbeat.ts). */
  heartbeat: Heartbeat;
  /** Signs each log when its match ends (server/store/log-signing.ts); absent, logs stay unsigned. */
  signer?: LogSigner;
};
