import { ErrorCode, Room, ServerError, type Client, type Delayed } from "@colyseus/core";
import { describeProblems, problemsFromZod, type Action, type MatchState, type Result, type Viewer } from "../../shared/index.js";
import type { BotSpec } from "../../shared/bots/index.js";
import type { ServerConfig } from "../config.js";
import type { SeatTokens } from "../store/seat-tokens.js";
import { botActions, botToMove } from "./bot-driver.js";
import { botEstimateNotes } from "./bot-estimates.js";
import { takeInheritedSeat } from "./branch-setup.js";
import { createMatch, resumeMatch, sharedPublicScenario, type HostSettings } from "./match-setup.js";
import type { MatchSession } from "./match-session.js";
import { joinOptionsSchema, MAX_CHAT_LENGTH, messageTypes, parseMessage, toAction, type ErrorReply, type MessageType } from "./protocol.js";
import { TokenBucket } from "./rate-limit.js";
import { patchPublicChangesOnce } from "./public-patch.js";
import { shareScratchBuffers, usePatchScratch, usesSharedScratch } from "./scratch-buffers.js";
import { chooseSeat } from "./seating.js";
import { NegotiationState } from "./state-schema.js";
import { createPrivateContainers, newCursor, syncState } from "./state-sync.js";
import { grantVisibility, newVisibility, type Visibility } from "./visibility.js";

/** What every room of this server shares: settings, the seat-token secret, logs waiting to resume. */
export type RoomDeps = { config: ServerConfig; tokens: SeatTokens; resumable: Set<string> };

type Seat = { playerId: string; side: string; role: string };
type ClientData = { seat: Seat | null; bucket: TokenBucket; visibility: Visibility; connected: boolean };

/** The refusal a create or join promise rejects with, as `CODE: sentence`. */
export const refusal = (reply: ErrorReply): ServerError => new ServerError(ErrorCode.APPLICATION_ERROR, `${reply.code}: ${reply.message}`);

/**
 * The `negotiation` room: a thin authority. Messages become engine actions (MatchSession),
 * accepted actions become schema state (state-sync) and visibility (visibility), then one
 * immediate patch. Timers (turn clock, bot pauses, idle unload) run on `this.clock`.
 */
export class NegotiationRoom extends Room<{ state: NegotiationState }> {
  protected deps!: RoomDeps;
  private session!: MatchSession;
  private host!: HostSettings;
  private bots = new Map<string, BotSpec>();
  private cursor = newCursor();
  /** Open connections per player id (one person may have two tabs open). */
  private connections = new Map<string, number>();
  private connectedIds: Set<string> | null = null;
  private spectatorCount = 0;
  /** Branch matches: the parent's seats not yet taken over by someone joining. */
  private inheritable = new Set<string>();
  private revealed = false;
  private turnKey = "";
  private turnTimer: Delayed | undefined;
  private botTimer: Delayed | undefined;
  private idleTimer: Delayed | undefined;
  /** Set by a classroom's instructor: moves are refused, the clock and bots wait. */
  private paused = false;
  /** True between a change to the synced state and the patch that sends it. */
  private unsent = false;

  /** The engine state behind the synced one (read-only; tests compare it with replays). */
  get matchState(): MatchState {
    return this.session.state;
  }

  /**
   * Classroom hooks (server/classroom): called in-process on the room instance, never reachable
   * by a client message. A system action (`inject`, `extend`) goes through the engine and the log.
   */
  systemAction(action: Action): Promise<Result<MatchState, ErrorReply>> {
    return this.session.serial(() => this.session.apply(action));
  }

  /** A classroom latecomer takes over a bot's seat (engine `takeover`, logged); the bot stops playing it. */
  async takeOverBot(playerId: string, name: string): Promise<Result<MatchState, ErrorReply>> {
    const result = await this.systemAction({ type: "takeover", playerId, name });
    if (result.ok) {
      this.bots.delete(playerId);
      this.commit();
    }
    return result;
  }

  setPaused(paused: boolean): void {
    if (this.paused === paused) return;
    this.paused = paused;
    this.commit();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  override async onCreate(options: unknown): Promise<void> {
    const resume = (options as { resume?: unknown } | undefined)?.resume;
    const setup = resume !== undefined ? await resumeMatch(this.deps, resume) : await createMatch(this.deps, options, (code) => code === this.roomId);
    if (!setup.ok) throw refusal(setup.error);
    const { session, host, code } = setup.value;
    this.roomId = code;
    this.session = session;
    this.host = host;
    this.bots = setup.value.bots;
    session.notesAtEnd = (state) => botEstimateNotes(session.scenario, state, this.bots);
    this.inheritable = new Set(setup.value.inheritable ?? []);
    this.autoDispose = false;
    this.maxClients = 64;
    const scenario = session.scenario;
    const state = session.state;
    this.state = new NegotiationState({
      code,
      scenarioId: scenario.id,
      mode: host.mode,
      phase: state.phase,
      seq: state.seq,
      round: state.round,
      maxRounds: state.maxRounds,
      roundLabel: "",
      turn: state.turn,
      turnSeconds: host.turnSeconds,
    });
    shareScratchBuffers(this);
    patchPublicChangesOnce(this);
    createPrivateContainers(this.state, scenario);
    session.onChange = () => this.commit();
    for (const type of messageTypes) this.onMessage(type, (client: Client, payload: unknown) => this.onPlayerMessage(client, type, payload));
    this.onMessage("*", (client: Client, type: string | number) => this.onUnknownMessage(client, String(type)));
    this.commit();
    this.armIdle();
  }

  override async onJoin(client: Client, options: unknown): Promise<void> {
    const data: ClientData = { seat: null, bucket: new TokenBucket(this.deps.config.ratePerSecond, this.deps.config.rateBurst), visibility: newVisibility(), connected: false };
    client.userData = data;
    client.view = data.visibility.view;
    const parsed = joinOptionsSchema.safeParse(options ?? {});
    if (!parsed.success) throw refusal({ code: "BAD_OPTIONS", message: describeProblems(problemsFromZod(parsed.error)) });
    const wanted = parsed.data;
    // A classroom table (server/classroom) is entered only with the seat token its class handed out.
    if (wanted.seat === undefined && typeof this.session.header?.meta?.class === "string") {
      throw refusal({ code: "CLASS_TABLE", message: "This table belongs to a class; join your class with its class code." });
    }
    // A watch token (a classroom latecomer's) opens the table to a spectator; any other token is a seat's.
    if (wanted.seat !== undefined) data.seat = this.deps.tokens.isWatchToken(this.roomId, wanted.seat) ? null : this.reclaimSeat(wanted.seat);
    else if (!wanted.spectator) data.seat = await this.takeSeat(wanted);
    this.setConnected(data, true);
    grantVisibility(data.visibility, this.state, this.session.scenario, this.session.state, viewerOf(data.seat));
    const seat = data.seat;
    // The public scenario is static, so it comes once, here, rather than in the synced state.
    const scenario = sharedPublicScenario(this.session.scenario);
    client.send("seat", seat ? { spectator: false, ...seat, token: this.deps.tokens.tokenFor(this.roomId, seat.playerId), scenario } : { spectator: true, scenario });
    this.commit();
  }

  override onDrop(client: Client): void {
    const data = client.userData as ClientData | undefined;
    if (!data?.connected) return;
    this.setConnected(data, false);
    this.commit();
    if (this.deps.config.reconnectSeconds > 0) this.allowReconnection(client, this.deps.config.reconnectSeconds).catch(() => undefined);
  }

  override onReconnect(client: Client): void {
    const data = client.userData as ClientData | undefined;
    if (!data || data.connected) return;
    this.setConnected(data, true);
    this.commit();
  }

  override onLeave(client: Client): void {
    const data = client.userData as ClientData | undefined;
    if (!data) return;
    if (data.connected) {
      this.setConnected(data, false);
      this.commit();
    }
    data.visibility.view.dispose();
  }

  override async onDispose(): Promise<void> {
    // Let a move that is being written finish before the file closes.
    await this.session?.serial(() => this.session.close());
  }

  private reclaimSeat(token: string): Seat {
    const playerId = this.deps.tokens.playerFor(this.roomId, token);
    const player = this.session.state.players.find((p) => p.id === playerId && p.bot === undefined);
    if (!player) throw refusal({ code: "BAD_SEAT_TOKEN", message: "That seat token does not belong to a seat in this match." });
    return { playerId: player.id, side: player.side, role: player.role };
  }

  private async takeSeat(wanted: { name?: string | undefined; side?: string | undefined; role?: string | undefined }): Promise<Seat> {
    const seated = await this.session.serial(async () => {
      const state = this.session.state;
      const choice = chooseSeat(this.session.scenario, state, wanted, { humanSides: this.host.humanSides, maxPerSide: this.deps.config.maxPlayersPerSide });
      if (!choice.ok) return choice;
      const inherited = takeInheritedSeat(state, this.inheritable, choice.value.side, wanted.role);
      if (inherited) return { ok: true as const, value: inherited };
      const n = state.players.length + 1;
      const player = { id: `p${n}`, name: wanted.name ?? `Player ${n}`, ...choice.value };
      const joined = await this.session.apply({ type: "join", player });
      return joined.ok ? { ok: true as const, value: player } : joined;
    });
    if (!seated.ok) throw refusal(seated.error);
    return { playerId: seated.value.id, side: seated.value.side, role: seated.value.role };
  }

  /** A client message: rate limit, payload, seat, then the engine decides (inside the queue). */
  private onPlayerMessage(client: Client, type: MessageType, payload: unknown): void {
    const data = client.userData as ClientData | undefined;
    if (!data || !data.bucket.take()) {
      this.refuse(client, { code: "RATE_LIMITED", message: "Too many messages; slow down." }, type);
      return;
    }
    const message = parseMessage(type, payload, this.session.scenario);
    if (!message.ok) {
      this.refuse(client, message.error, type);
      return;
    }
    if (!data.seat) {
      this.refuse(client, { code: "SPECTATOR", message: "Spectators watch; they cannot act or chat." }, type);
      return;
    }
    if (this.paused && message.value.type !== "chat") {
      this.refuse(client, { code: "PAUSED", message: "The instructor has paused the tables; wait until play resumes." }, type);
      return;
    }
    const action = toAction(message.value, data.seat.playerId);
    if (action.type === "chat" && action.text.length > MAX_CHAT_LENGTH) {
      this.refuse(client, { code: "TOO_LONG", message: `A chat line holds at most ${MAX_CHAT_LENGTH} characters.` }, type);
      return;
    }
    const atOnce = this.session.applyAtOnce(action, { parsed: true });
    if (atOnce) {
      if (!atOnce.ok) this.refuse(client, atOnce.error, type);
      return;
    }
    void this.session.serial(async () => {
      const result = await this.session.apply(action, { parsed: true });
      if (!result.ok) this.refuse(client, result.error, type);
    });
  }

  private onUnknownMessage(client: Client, type: string): void {
    const data = client.userData as ClientData | undefined;
    if (!data || !data.bucket.take()) this.refuse(client, { code: "RATE_LIMITED", message: "Too many messages; slow down." }, type);
    else this.refuse(client, { code: "UNKNOWN_MESSAGE", message: `There is no message "${type}" (messages: ${messageTypes.join(", ")}).` }, type);
  }

  private refuse(client: Client, reply: ErrorReply, type?: string): void {
    client.send("error", type === undefined ? reply : { ...reply, type: type.slice(0, 64) });
  }

  /** After every change: project the state, reveal at the end, rearm timers, patch at once. */
  private commit(): void {
    const state = this.session.state;
    syncState(this.state, this.session.scenario, state, this.connectedPlayers(), this.cursor);
    this.state.spectators = this.spectatorCount;
    if (state.phase === "ended" && !this.revealed) {
      this.revealed = true;
      this.autoDispose = true;
      for (const client of this.clients) {
        const data = client.userData as ClientData | undefined;
        if (data) grantVisibility(data.visibility, this.state, this.session.scenario, state, viewerOf(data.seat));
      }
    }
    this.armTurnClock(state);
    this.unsent = true;
    this.broadcastPatch();
    this.armBot(state);
    this.armIdle();
  }

  /**
   * Every change is patched at once by `commit`, so the 50 ms patch interval has nothing to send:
   * there it only ticks the clock (turn clock, bot pauses). Skipping the serializer's empty pass
   * matters with hundreds of rooms: it walks every client's view twenty times a second.
   */
  override broadcastPatch(): boolean {
    if (!this.unsent) {
      this.clock.tick();
      return false;
    }
    this.unsent = false;
    const sent = super.broadcastPatch();
    // A patch too big for the shared scratch grew the encoder a buffer of its own: back to the scratch.
    usePatchScratch(this);
    return sent;
  }

  /** True when this room encodes into the scratch buffers all negotiation rooms share (scratch-buffers.ts; tested). */
  get usesSharedScratch(): boolean {
    return usesSharedScratch(this);
  }

  private setConnected(data: ClientData, connected: boolean): void {
    data.connected = connected;
    this.connectedIds = null;
    const delta = connected ? 1 : -1;
    if (!data.seat) this.spectatorCount += delta;
    else this.connections.set(data.seat.playerId, (this.connections.get(data.seat.playerId) ?? 0) + delta);
  }

  /** The same Set until a connection comes or goes (state-sync redraws the players only then). */
  private connectedPlayers(): Set<string> {
    this.connectedIds ??= new Set([...this.connections].filter(([, n]) => n > 0).map(([id]) => id));
    return this.connectedIds;
  }

  /** The turn clock runs per move: a new move (round or mover changed) restarts it. */
  private armTurnClock(state: MatchState): void {
    const key = state.phase === "negotiating" && this.host.turnSeconds > 0 && !this.paused ? `${state.round}/${state.movesThisRound}` : "";
    if (key === this.turnKey) return;
    this.turnKey = key;
    this.turnTimer?.clear();
    this.turnTimer = undefined;
    this.state.turnEndsAt = 0;
    if (key === "") return;
    const ms = this.host.turnSeconds * 1000;
    this.state.turnEndsAt = Date.now() + ms;
    this.turnTimer = this.clock.setTimeout(() => {
      void this.session.serial(async () => {
        if (this.turnKey === key) await this.session.apply({ type: "timeout" });
      });
    }, ms);
  }

  /** When a bot's side is to move, it moves after `botDelayMs`, if nothing happened meanwhile. */
  private armBot(state: MatchState): void {
    this.botTimer?.clear();
    this.botTimer = undefined;
    const botId = this.paused ? undefined : botToMove(state, this.bots);
    if (botId === undefined) return;
    const seq = state.seq;
    this.botTimer = this.clock.setTimeout(() => {
      void this.session.serial(async () => {
        if (this.session.state.seq !== seq) return;
        for (const action of botActions(this.session.scenario, this.session.state, botId, this.bots.get(botId)!)) {
          const result = await this.session.apply(action);
          if (result.ok) continue;
          // A bot that cannot move must not stall a solo match: its turn passes, and the log says so.
          console.warn(`Bot ${botId} in ${this.roomId} was refused (${result.error.code}: ${result.error.message}); passing its turn.`);
          if (action.type !== "chat") await this.session.apply({ type: "timeout" });
          return;
        }
      });
    }, this.deps.config.botDelayMs);
  }

  /** With nobody connected, the room unloads after a while; an unfinished match resumes from its log on restart. */
  private armIdle(): void {
    const someone = this.connections.size > 0 && [...this.connections.values()].some((n) => n > 0);
    if (someone || this.spectatorCount > 0) {
      this.idleTimer?.clear();
      this.idleTimer = undefined;
      return;
    }
    if (this.idleTimer) return;
    const ms = this.session.state.phase === "ended" ? 5_000 : this.deps.config.idleMinutes * 60_000;
    this.idleTimer = this.clock.setTimeout(() => void this.disconnect(), ms);
  }
}

const viewerOf = (seat: Seat | null): Viewer => (seat ? { kind: "seat", side: seat.side, role: seat.role } : { kind: "spectator" });

/** A room class bound to this server's shared pieces (Colyseus instantiates rooms itself). */
export function negotiationRoom(deps: RoomDeps): typeof NegotiationRoom {
  return class extends NegotiationRoom {
    protected override deps = deps;
  };
}
