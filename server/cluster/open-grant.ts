import type { SeatTokens } from "../store/seat-tokens.js";

/**
 * Only the server opens a logged match (`{open: code}`): a restart, a class table, a failover.
 * In a cluster the room may be created on another process (Colyseus picks the least busy one),
 * whose `openable` set never heard of the code, so the request carries a grant: an HMAC of the
 * code under the shared seat-token secret, which no client can make. "~open" is no player id.
 */
const OPEN_ID = "~open";

export const openGrant = (tokens: SeatTokens, code: string): string => tokens.tokenFor(code, OPEN_ID);

export function grantOpens(tokens: SeatTokens, code: string, options: unknown): boolean {
  const grant = (options as { grant?: unknown } | undefined)?.grant;
  return typeof grant === "string" && tokens.playerFor(code, grant) === OPEN_ID;
}
