import { Client, type Room } from "@colyseus/sdk";
import type { Offer, PublicScenario } from "../../../shared/index.js";
import {
  LobbyError,
  type ChatChannel,
  type ClientMatchView,
  type ConnectionEvent,
  type ConnectionStatus,
  type HostOptions,
  type MatchConnection,
  type MatchLobby,
  type SeatInfo,
  type SoloOptions,
} from "./match-connection.js";
import { SeatStore } from "./seat-store.js";
import { adaptState, type ServerStateJson } from "./state-adapter.js";

/**
 * The Colyseus implementation of MatchConnection / MatchLobby (docs/protocol.md): room
 * `negotiation`, messages ready/propose/accept/walkaway/chat, `seat` and `error` replies.
 */

const ROOM = "negotiation";

type SeatMessage = { spectator: boolean; playerId?: string; side?: string; role?: string; token?: string; scenario?: PublicScenario };

class ColyseusMatchConnection implements MatchConnection {
  seat: SeatInfo | null;
  view: ClientMatchView | null = null;
  status: ConnectionStatus = "open";
  private listeners = new Set<(event: ConnectionEvent) => void>();
  private seatToken = "";
  /** The public scenario, from the `seat` message (it is not in the synced state). */
  private scenario: PublicScenario | null = null;

  constructor(
    private room: Room,
    private store: SeatStore,
    private rejoin: (code: string, seatToken: string) => Promise<Room>,
    seat: SeatInfo | null,
    seatToken = "",
  ) {
    this.seat = seat;
    this.seatToken = seatToken;
    this.attach(room);
  }

  get code(): string {
    return this.room.roomId;
  }

  private attach(room: Room): void {
    this.room = room;
    // A reload or a short network cut should resume at once, however young the room.
    room.reconnection.minUptime = 0;
    room.onMessage("seat", (message: SeatMessage) => {
      if (message.scenario) this.scenario = message.scenario;
      if (!message.spectator && message.playerId && message.side && message.role) {
        this.seat = { playerId: message.playerId, side: message.side, role: message.role };
        this.seatToken = message.token ?? this.seatToken;
        this.persist();
      }
      this.refresh();
    });
    room.onMessage("error", (message: { code?: string; message?: string }) => {
      this.emit({ kind: "error", code: message.code ?? "ERROR", message: message.message ?? "" });
    });
    room.onStateChange(() => this.refresh());
    room.onDrop(() => this.setStatus("reconnecting"));
    room.onReconnect(() => {
      this.setStatus("open");
      this.persist();
    });
    room.onLeave((code: number) => {
      if (this.status === "closed") return;
      // The SDK gave up (or the server closed us): one fresh join with the seat token.
      if (code !== 1000 && this.seatToken) void this.rejoinWithToken();
      else this.setStatus("closed");
    });
    this.persist();
    if (room.state) this.refresh();
  }

  private async rejoinWithToken(): Promise<void> {
    this.setStatus("reconnecting");
    try {
      const room = await this.rejoin(this.room.roomId, this.seatToken);
      this.attach(room);
      this.setStatus("open");
    } catch {
      this.setStatus("lost");
    }
  }

  private persist(): void {
    if (!this.seat) return;
    this.store.save({ code: this.room.roomId, reconnectionToken: this.room.reconnectionToken, seatToken: this.seatToken, seat: this.seat });
  }

  private refresh(): void {
    const state = this.room.state as { toJSON?: () => unknown } | undefined;
    if (!state?.toJSON) return;
    this.view = adaptState(state.toJSON() as ServerStateJson, this.seat, this.scenario);
    this.emit({ kind: "view", view: this.view });
  }

  private setStatus(status: ConnectionStatus): void {
    if (this.status === status) return;
    this.status = status;
    this.emit({ kind: "status", status });
  }

  private emit(event: ConnectionEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  subscribe(listener: (event: ConnectionEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  ready(): void {
    this.room.send("ready", {});
  }
  propose(offer: Offer): void {
    this.room.send("propose", { offer });
  }
  accept(proposalId: string): void {
    this.room.send("accept", { proposalId });
  }
  walkaway(): void {
    this.room.send("walkaway", {});
  }
  chat(text: string, to: ChatChannel): void {
    this.room.send("chat", { text, to });
  }

  async leave(): Promise<void> {
    this.status = "closed";
    this.store.clear();
    await this.room.leave(true).catch(() => undefined);
  }

  /** For the browser tests: cut the socket as a network failure would. */
  simulateDrop(): void {
    (this.room.connection as unknown as { transport?: { ws?: WebSocket } }).transport?.ws?.close(4010, "simulated drop");
  }
}

/** The server's `CODE: sentence` refusal, or a network failure, as a LobbyError. */
export function lobbyError(error: unknown): LobbyError {
  const text = error instanceof Error ? error.message : String(error);
  const match = /^([A-Z_]+): (.*)$/s.exec(text);
  if (match) return new LobbyError(match[1]!, match[2]!);
  if (/fetch|network|ECONNREFUSED|Failed/i.test(text)) return new LobbyError("NO_SERVER", text);
  if (/not found|invalid room id|no rooms found/i.test(text)) return new LobbyError("BAD_CODE", text);
  return new LobbyError("ERROR", text);
}

/** Where the game server is: this page's origin, or port 2567 under the Vite dev server, or ?server=. */
export function serverEndpoint(location: Location, dev: boolean): string {
  const override = new URLSearchParams(location.search).get("server");
  if (override) return override;
  if (dev) return `${location.protocol}//${location.hostname}:2567`;
  return `${location.protocol}//${location.host}`;
}

export class ColyseusLobby implements MatchLobby {
  private client: Client;
  private store: SeatStore;

  constructor(endpoint: string, storage: Storage | null) {
    this.client = new Client(endpoint);
    this.store = new SeatStore(storage);
  }

  private async connect(make: () => Promise<Room>): Promise<ColyseusMatchConnection> {
    let room: Room;
    try {
      room = await make();
    } catch (error) {
      throw lobbyError(error);
    }
    return new ColyseusMatchConnection(room, this.store, (code, seat) => this.client.joinById(code, { seat }), null);
  }

  playSolo(options: SoloOptions): Promise<MatchConnection> {
    return this.connect(() => this.client.create(ROOM, { mode: "solo", name: options.name, side: options.side, bot: options.difficulty }));
  }

  hostTable(options: HostOptions): Promise<MatchConnection> {
    return this.connect(() => this.client.create(ROOM, { mode: "pvp", name: options.name, ...(options.side ? { side: options.side } : {}) }));
  }

  joinTable(code: string, name: string): Promise<MatchConnection> {
    return this.connect(() => this.client.joinById(code.trim(), { name }));
  }

  joinSeat(code: string, seatToken: string): Promise<MatchConnection> {
    return this.connect(() => this.client.joinById(code, { seat: seatToken }));
  }

  watchTable(code: string, watchToken: string): Promise<MatchConnection> {
    return this.connect(() => this.client.joinById(code, { spectator: true, seat: watchToken }));
  }

  savedSeatCode(): string | null {
    return this.store.load()?.code ?? null;
  }

  /** After a reload: the reconnection token first, then the seat token; null if neither works. */
  async resume(): Promise<MatchConnection | null> {
    const saved = this.store.load();
    if (!saved) return null;
    const rejoin = (code: string, seat: string) => this.client.joinById(code, { seat });
    if (saved.reconnectionToken) {
      try {
        const room = await this.client.reconnect(saved.reconnectionToken);
        return new ColyseusMatchConnection(room, this.store, rejoin, saved.seat, saved.seatToken);
      } catch {
        // The server no longer holds that connection: fall through to the seat token.
      }
    }
    if (saved.seatToken) {
      try {
        const room = await rejoin(saved.code, saved.seatToken);
        return new ColyseusMatchConnection(room, this.store, rejoin, saved.seat, saved.seatToken);
      } catch {
        // The match is gone (ended and unloaded, or the token is stale).
      }
    }
    this.store.clear();
    return null;
  }
}
