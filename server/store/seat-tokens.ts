import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { promises as fs } from "node:fs";
import path from "node:path";

/**
 * Seat tokens let a person take their seat back after the reconnection window or a server
 * restart. A token is an HMAC of (match code, player id) under a secret kept in the data
 * folder, so it survives restarts without being written into the (eventually public) log.
 */
/** The id a watch token is issued for: no player id has a "~" (people are p1, p2…, bots bot-…). */
const WATCH_ID = "~watch";

export class SeatTokens {
  private constructor(private readonly secret: Buffer) {}

  static async load(dataDir: string, attempts = 20): Promise<SeatTokens> {
    const file = path.join(dataDir, "secret");
    try {
      const existing = await fs.readFile(file);
      if (existing.length >= 32) return new SeatTokens(existing);
    } catch {
      // none yet
    }
    const secret = randomBytes(32);
    try {
      // "wx": processes of a cluster sharing the folder may start together; the first secret written wins.
      await fs.writeFile(file, secret, { mode: 0o600, flag: "wx" });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      // Another process is writing it: read it again shortly. A file that stays too short is replaced, as before.
      if (attempts > 0) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        return SeatTokens.load(dataDir, attempts - 1);
      }
      await fs.writeFile(file, secret, { mode: 0o600 });
    }
    return new SeatTokens(secret);
  }

  tokenFor(code: string, playerId: string): string {
    return `${playerId}.${createHmac("sha256", this.secret).update(`${code}\n${playerId}`).digest("base64url")}`;
  }

  /** A token that lets its holder watch this match as a spectator (classroom latecomers; class tables refuse a bare spectator). */
  watchTokenFor(code: string): string {
    return this.tokenFor(code, WATCH_ID);
  }

  isWatchToken(code: string, token: string): boolean {
    return this.playerFor(code, token) === WATCH_ID;
  }

  /** The player id the token was issued for in this match, or undefined. */
  playerFor(code: string, token: string): string | undefined {
    const playerId = token.slice(0, token.indexOf("."));
    if (playerId === "") return undefined;
    const expected = Buffer.from(this.tokenFor(code, playerId));
    const given = Buffer.from(token);
    return expected.length === given.length && timingSafeEqual(expected, given) ? playerId : undefined;
  }
}
