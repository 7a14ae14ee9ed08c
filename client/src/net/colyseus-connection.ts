import { Client, type Room } from "@colyseus/sdk";
import {
  errorMessageSchema,
  NEGOTIATION_ROOM,
  parseRefusal,
  stepMessageSchema,
  viewMessageSchema,
  ViewFold,
  type ClientMessageType,
  type Offer,
} from "../../../shared/index.js";
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
import { rejoin, SDK_RECONNECT_RETRIES } from "./rejoin.js";
import { SeatStore } from "./seat-store.js";

/**
 * The Colyseus implementation of MatchConnection / MatchLobby (docs/protocol.md): room
 * `negotiation`; the server sends the whole view (`view`, on every join and reconnection) and
 * then its changes (`step`), folded here with the protocol's own ViewFold. A step that does not
 * follow what is held asks for `sync`. While the connection is away, a move is refused in words
 * (`OFFLINE`), never queued or dropped silently.
 */

class ColyseusMatchConnection implements MatchConnection {
  status: ConnectionStatus = "open";
  private readonly fold = new ViewFold();
  private listeners = new Set<(event: ConnectionEvent) => void>();
  private seatToken = "";
  private savedSeat: SeatInfo | null;

  constructor(
    private room: Room,
    private store: SeatStore,
    private rejoin: (code: string, options: { seat: string; spectator?: boolean }) => Promise<Room>,
    seat: SeatInfo | null,
    seatToken = "",
    /** A spectator's way back in (a classroom latecomer's watch token). */
    private readonly watchToken = "",
  ) {
    this.savedSeat = seat;
    this.seatToken = seatToken;
    this.attach(room);
  }

  get code(): string {
    return this.room.roomId;
  }

  get view(): ClientMatchView | null {
    return this.fold.view;
  }

  get seat(): SeatInfo | null {
    const grant = this.fold.seat;
    if (grant && !grant.spectator) return { playerId: grant.playerId, side: grant.side, role: grant.role };
    return grant ? null : this.savedSeat;
  }

  private attach(room: Room): void {
    this.room = room;
    // A reload or a short network cut should resume at once, however young the room; after some
    // seconds of failed attempts (a restarted server does not know this connection) the seat token takes over.
    room.reconnection.minUptime = 0;
    room.reconnection.maxRetries = SDK_RECONNECT_RETRIES;
    room.onMessage("view", (raw: unknown) => {
      const message = viewMessageSchema.safeParse(raw);
      if (!message.success) return this.emit({ kind: "error", code: "BAD_SERVER_MESSAGE", message: "The server sent a view this client cannot read." });
      this.fold.take(message.data);
      if (!message.data.seat.spectator) this.seatToken = message.data.seat.token;
      this.persist();
      this.emitView();
    });
    room.onMessage("step", (raw: unknown) => {
      const message = stepMessageSchema.safeParse(raw);
      if (!message.success || !this.fold.step(message.data)) return this.room.send("sync", {});
      this.emitView();
    });
    room.onMessage("error", (raw: unknown) => {
      const message = errorMessageSchema.safeParse(raw);
      this.emit({ kind: "error", code: message.success ? message.data.code : "ERROR", message: message.success ? message.data.message : "" });
    });
    room.onDrop(() => this.setStatus("reconnecting"));
    room.onReconnect(() => {
      this.setStatus("open");
      this.persist();
    });
    room.onLeave((code: number) => {
      if (this.status === "closed") return;
      // The SDK gave up (or the server closed us): one fresh join with the seat token.
      if (code !== 1000 && (this.seatToken || this.watchToken)) void this.rejoinWithToken();
      else this.setStatus("closed");
    });
    this.persist();
  }

  private async rejoinWithToken(): Promise<void> {
    this.setStatus("reconnecting");
    const options = this.seatToken ? { seat: this.seatToken } : { spectator: true, seat: this.watchToken };
    const room = await rejoin(() => this.rejoin(this.room.roomId, options), () => this.status === "closed");
    if (this.status === "closed") return void room?.leave().catch(() => undefined);
    if (!room) return this.setStatus("lost");
    this.attach(room);
    this.setStatus("open");
  }

  private persist(): void {
    const seat = this.seat;
    if (!seat) return;
    this.store.save({ code: this.room.roomId, reconnectionToken: this.room.reconnectionToken, seatToken: this.seatToken, seat });
  }

  private emitView(): void {
    if (this.fold.view) this.emit({ kind: "view", view: this.fold.view });
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

  /** Sends now, or says why it cannot: the SDK would queue it for later, which a player cannot see. */
  private send(type: ClientMessageType, payload: object): void {
    if (this.status !== "open") {
      this.emit({ kind: "error", code: "OFFLINE", message: "You are offline; nothing was sent. Try again once the connection is back." });
      return;
    }
    this.room.send(type, payload);
  }

  ready(): void {
    this.send("ready", {});
  }
  propose(offer: Offer): void {
    this.send("propose", { offer });
  }
  accept(proposalId: string): void {
    this.send("accept", { proposalId });
  }
  walkaway(): void {
    this.send("walkaway", {});
  }
  chat(text: string, to: ChatChannel): void {
    this.send("chat", { text, to });
  }
  reflect(answers: string[]): void {
    this.send("reflect", { answers });
  }

  async leave(): Promise<void> {
    this.status = "closed";
    this.store.clear();
    await this.room.leave(true).catch(() => undefined);
  }
}

/** The server's `CODE: sentence` refusal, or a network failure, as a LobbyError. */
export function lobbyError(error: unknown): LobbyError {
  const text = error instanceof Error ? error.message : String(error);
  const refusal = parseRefusal(text, "");
  if (refusal.code) return new LobbyError(refusal.code, refusal.message);
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

  private readonly joinAgain = (code: string, options: { seat: string; spectator?: boolean }) => this.client.joinById(code, options);

  private async connect(make: () => Promise<Room>, watchToken = ""): Promise<ColyseusMatchConnection> {
    let room: Room;
    try {
      room = await make();
    } catch (error) {
      throw lobbyError(error);
    }
    return new ColyseusMatchConnection(room, this.store, this.joinAgain, null, "", watchToken);
  }

  playSolo(options: SoloOptions): Promise<MatchConnection> {
    return this.connect(() => this.client.create(NEGOTIATION_ROOM, { mode: "solo", name: options.name, side: options.side, bot: options.difficulty }));
  }

  hostTable(options: HostOptions): Promise<MatchConnection> {
    return this.connect(() => this.client.create(NEGOTIATION_ROOM, { mode: "pvp", name: options.name, ...(options.side ? { side: options.side } : {}) }));
  }

  joinTable(code: string, name: string): Promise<MatchConnection> {
    return this.connect(() => this.client.joinById(code.trim().toUpperCase(), { name }));
  }

  joinSeat(code: string, seatToken: string): Promise<MatchConnection> {
    return this.connect(() => this.client.joinById(code, { seat: seatToken }));
  }

  watchTable(code: string, watchToken: string): Promise<MatchConnection> {
    return this.connect(() => this.client.joinById(code, { spectator: true, seat: watchToken }), watchToken);
  }

  savedSeatCode(): string | null {
    return this.store.load()?.code ?? null;
  }

  /** After a reload: the reconnection token first, then the seat token; null if neither works. */
  async resume(): Promise<MatchConnection | null> {
    const saved = this.store.load();
    if (!saved) return null;
    const rejoin = this.joinAgain;
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
        const room = await rejoin(saved.code, { seat: saved.seatToken });
        return new ColyseusMatchConnection(room, this.store, rejoin, saved.seat, saved.seatToken);
      } catch {
        // The match is gone (ended and unloaded, or the token is stale).
      }
    }
    this.store.clear();
    return null;
  }
}
