import type { Action, ErrorReply, MatchState, Result, TableInfo } from "../../shared/index.js";

/**
 * The matches this process hosts, by code: how the classroom reaches its tables without knowing
 * a room class. A `negotiation` room adds itself once its match is open and removes itself when
 * it closes. `open` (set by the server) loads an unfinished match from its log on demand.
 */
export interface HostedMatch {
  readonly code: string;
  readonly state: MatchState;
  readonly table: TableInfo;
  /** A system action (inject, extend, stop, takeover) through the engine and the log. */
  systemAction(action: Action): Promise<Result<MatchState, ErrorReply>>;
  /** A classroom latecomer takes over a bot's seat; the bot stops playing it. */
  takeOverBot(playerId: string, name: string): Promise<Result<MatchState, ErrorReply>>;
  /** Remote in a cluster (server/cluster/cluster-registry.ts): await it. */
  setPaused(paused: boolean): void | Promise<void>;
}

export class MatchRegistry {
  private readonly hosted = new Map<string, HostedMatch>();
  /** Opens a logged match in this process (the server sets it: a `negotiation` room created with `{open: code}`). */
  open: (code: string) => Promise<void> = async () => {};

  add(match: HostedMatch): void {
    this.hosted.set(match.code, match);
  }

  remove(code: string): void {
    this.hosted.delete(code);
  }

  get(code: string): HostedMatch | undefined {
    return this.hosted.get(code);
  }

  has(code: string): boolean {
    return this.hosted.has(code);
  }

  /** The match wherever it is hosted (in a cluster maybe another process), not opening it; undefined when no process hosts it. */
  async find(code: string): Promise<HostedMatch | undefined> {
    return this.hosted.get(code);
  }

  /** The hosted match, opened from its log first if it is not loaded; undefined if it cannot be (ended, missing). */
  async live(code: string): Promise<HostedMatch | undefined> {
    if (!this.hosted.has(code)) await this.open(code).catch(() => undefined);
    return this.hosted.get(code);
  }
}
