import type { Offer, TableInfo, TableView } from "../../../shared/index.js";

/**
 * What a scene may know about the match and do to it. Scenes see only this interface, never
 * Colyseus; the Colyseus implementation (colyseus-connection.ts) holds the view the server
 * sends — the engine's `MatchView` for this seat plus the hosting facts (shared/protocol/view.ts).
 */

export type SeatInfo = { playerId: string; side: string; role: string };
export type { TableInfo };
export type ClientMatchView = TableView;

export type ConnectionStatus = "connecting" | "open" | "reconnecting" | "lost" | "closed";

export type ConnectionEvent =
  | { kind: "view"; view: ClientMatchView }
  | { kind: "status"; status: ConnectionStatus }
  | { kind: "error"; code: string; message: string };

export type ChatChannel = "table" | "team";

export interface MatchConnection {
  readonly code: string;
  readonly seat: SeatInfo | null;
  readonly view: ClientMatchView | null;
  readonly status: ConnectionStatus;
  subscribe(listener: (event: ConnectionEvent) => void): () => void;
  ready(): void;
  propose(offer: Offer): void;
  accept(proposalId: string): void;
  walkaway(): void;
  chat(text: string, to: ChatChannel): void;
  /** After the end: the answers to the reflection questions (kept in the match log). */
  reflect(answers: string[]): void;
  /** Leaves for good (the seat is given up for this tab). */
  leave(): Promise<void>;
}

/** How to get a connection: the title screen's four ways in. */
export type SoloOptions = { name: string; side: string; difficulty: string };
export type HostOptions = { name: string; side?: string };

export interface MatchLobby {
  playSolo(options: SoloOptions): Promise<MatchConnection>;
  hostTable(options: HostOptions): Promise<MatchConnection>;
  joinTable(code: string, name: string): Promise<MatchConnection>;
  /** Classroom mode: sit down in the seat the class assigned (its seat token). */
  joinSeat(code: string, seatToken: string): Promise<MatchConnection>;
  /** Watch a class table as a spectator with the watch token the class handed out. */
  watchTable(code: string, watchToken: string): Promise<MatchConnection>;
  /** The seat this tab held before a reload, if any (sessionStorage). */
  savedSeatCode(): string | null;
  resume(): Promise<MatchConnection | null>;
}

/** A failed create or join, in words: the server's `CODE: sentence`, or a network failure. */
export class LobbyError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}
