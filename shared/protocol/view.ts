import type { MatchView } from "../engine/views.js";
import type { BotEstimate } from "../log/format.js";

/**
 * What a client holds for one match: the engine's `viewFor` output for its seat (or as a
 * spectator), plus the hosting facts the engine does not know (`table`). The server sends it
 * whole in a `view` message and then as `step` changes (./changes.ts); the client folds them.
 */

export type TableInfo = {
  /** The match code (room id), to share with the other player. */
  code: string;
  mode: "solo" | "pvp";
  turnSeconds: number;
  /** Wall-clock ms (server clock) when the turn clock passes the move; 0 = no clock running. */
  turnEndsAt: number;
  /** An instructor paused the class: moves are refused with PAUSED, the clock and bots wait. */
  paused: boolean;
  /**
   * Wall-clock ms (server clock) when the briefing ends by itself and the turn clock starts (a
   * class table's briefing time); 0 = no such deadline: not in the briefing, none set, or paused.
   * Who is ready is the view's own `players[].ready`.
   */
  briefingEndsAt: number;
  /** player id → connected now (bots always are). */
  connected: Record<string, boolean>;
  spectators: number;
  /** After the end, against an adaptive bot: what it believed the other side's issue weights were (the log's `notes.botEstimates`). */
  botEstimates?: BotEstimate[];
  /** After the end: ids of the players who have saved reflection answers (the answers stay in the log). */
  reflected?: string[];
};

export type TableView = MatchView & { table: TableInfo };

/** Who this connection is at the table: a seat (with the token that takes it back) or a spectator. */
export type SeatGrant = { spectator: false; playerId: string; side: string; role: string; token: string } | { spectator: true };
