import { parseRefusal } from "../../../shared/index.js";

/**
 * Joining again after the SDK gave up reconnecting: the server may be restarting (a crash, a
 * deploy), so a refused connection is tried again with growing pauses for up to two minutes. A
 * refusal in words (`CODE: sentence`: the seat token no longer fits, the class ended) is final.
 */

const PAUSES_MS = [250, 500, 1000, 2000, 3000, 5000];
const GIVE_UP_AFTER_MS = 120_000;

/** How long the SDK itself keeps trying before it hands over to `rejoin` (0.2 + 0.4 + … ≈ 11 s). */
export const SDK_RECONNECT_RETRIES = 6;

export async function rejoin<T>(attempt: () => Promise<T>, cancelled: () => boolean = () => false): Promise<T | null> {
  const started = Date.now();
  for (let i = 0; !cancelled() && Date.now() - started < GIVE_UP_AFTER_MS; i++) {
    try {
      return await attempt();
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      if (parseRefusal(text, "").code !== "") return null;
      await new Promise((resolve) => setTimeout(resolve, PAUSES_MS[Math.min(i, PAUSES_MS.length - 1)]));
    }
  }
  return null;
}
