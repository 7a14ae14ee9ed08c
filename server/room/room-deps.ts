import type { ServerConfig } from "../config.js";
import type { SeatTokens } from "../store/seat-tokens.js";
import type { Storage } from "../store/storage.js";
import type { MatchRegistry } from "./match-registry.js";

/**
 * What every room of this server shares: settings, the storage (logs, classes, notes:
 * server/store/storage.ts), the seat-token secret, the matches this
 * process hosts, and the codes only the server itself may open (a log it wrote or found at boot).
 */
export type RoomDeps = { config: ServerConfig; storage: Storage; tokens: SeatTokens; matches: MatchRegistry; openable: Set<string> };
