import type { ErrorReply } from "../../shared/index.js";
import type { ServerConfig } from "../config.js";
import { TokenBucket } from "./rate-limit.js";

/**
 * A match's limits per seat, not per connection (one seat with ten tabs open gets what one tab
 * gets), and for chat the match's own: its number of lines and its log's size (docs/protocol.md,
 * "Limits"). Moves are never refused for the match's chat or log size.
 */
export class SeatLimits {
  private readonly buckets = new Map<string, { messages: TokenBucket; chat: TokenBucket }>();

  constructor(private readonly config: ServerConfig) {}

  /** A refusal for this message of `playerId`'s, or undefined; `chatLines` and `logBytes` are the match's now. */
  check(playerId: string, chat: boolean, match: { chatLines: number; logBytes: number }): ErrorReply | undefined {
    const config = this.config;
    let buckets = this.buckets.get(playerId);
    if (!buckets) {
      buckets = { messages: new TokenBucket(config.ratePerSecond, config.rateBurst), chat: new TokenBucket(config.chatPerMinute / 60, config.chatBurst) };
      this.buckets.set(playerId, buckets);
    }
    if (!buckets.messages.take()) return { code: "RATE_LIMITED", message: "Too many messages from your seat; slow down." };
    if (!chat) return undefined;
    if (match.chatLines >= config.maxChatLines) return { code: "CHAT_FULL", message: `This match has reached its ${config.maxChatLines} chat lines; moves still work.` };
    if (match.logBytes >= config.maxLogBytes) return { code: "LOG_FULL", message: "This match's log has reached its size limit; chat is closed, moves still work." };
    if (!buckets.chat.take()) return { code: "RATE_LIMITED", message: `Your seat may chat ${config.chatPerMinute} lines a minute; slow down.` };
    return undefined;
  }
}
