import { ErrorCode, Room, ServerError, type AuthContext, type Client } from "@colyseus/core";
import {
  clientMessageTypes,
  NEGOTIATION_ROOM,
  describeProblems,
  joinOptionsSchema,
  parseClientMessage,
  problemsFromZod,
  refusalText,
  toAction,
  type Action,
  type ClientMessageType,
  type ErrorReply,
  type MatchState,
  type Result,
  type SeatGrant,
  type TableInfo,
  type Viewer,
} from "../../shared/index.js";
import type { BotSpec } from "../../shared/bots/index.js";
import { botEstimateNotes } from "./bot-estimates.js";
import { takeInheritedSeat } from "./branch-setup.js";
import type { MatchSession } from "./match-session.js";
import { MatchTimers } from "./match-timers.js";
import { planMatch } from "./match-setup.js";
import { openMatch, writeMatchLog, type HostSettings } from "./open-match.js";
import { TokenBucket } from "./rate-limit.js";
import { SeatLimits } from "./seat-limits.js";
import type { RoomDeps } from "./room-deps.js";
import { chooseSeat } from "./seating.js";
import { admit, type GateRules, type JoinAuth } from "./matchmake-gate.js";
import { ViewPublisher, viewerKey } from "./view-publisher.js";
import { deliverSteps } from "./step-delivery.js";
import { answerRemote, type RemoteOp } from "../cluster/cluster-registry.js";
import { grantOpens } from "../cluster/open-grant.js";

type Seat = { playerId: string; side: string; role: string };
type ClientData = { seat: Seat | null; viewer: Viewer; bucket: TokenBucket; connected: boolean; attached: boolean };

/** The refusal a create or join promise rejects with, as `CODE: sentence`. */
export const refusal = (reply: ErrorReply): ServerError => new ServerError(ErrorCode.APPLICATION_ERROR, refusalText(reply));

/**
 * The `negotiation` room: a thin authority with no synced state. Messages become engine actions
 * (MatchSession, which logs each before it counts); after every change each viewer gets the
 * step from its last view to its next (view-publisher.ts); a connection that arrives, comes back
 * or asks (`sync`) gets its whole view. Timers (turn clock, briefing, bot pauses, idle unload): match-timers.ts.
 */
export class NegotiationRoom extends Room {
  protected deps!: RoomDeps;
  private session!: MatchSession;
  private host!: HostSettings;
  private publisher!: ViewPublisher;
  private bots = new Map<string, BotSpec>();
  /** Open connections per player id (one person may have two tabs open). */
  private connections = new Map<string, number>();
  private spectatorCount = 0;
  /**
   * Per seat, not per connection (one person with ten tabs is still one seat): every message
   * the seat's connections send together, and its chat lines.
   */
  private seatLimits!: SeatLimits;
  /** Branch matches: the parent's seats not yet taken over by someone joining. */
  private inheritable = new Set<string>();
  private classCode: string | null = null;
  private timers!: MatchTimers;
  /** Created by a client in this process (not reopened from a log), and whether a player has connected since. */
  private fresh = false;
  private everSeated = false;

  /** The engine state (read-only; tests compare it with replays). */
  get matchState(): MatchState {
    return this.session.state;
  }

  override async onCreate(options: unknown): Promise<void> {
    const code = await this.logFor(options);
    // One process hosts a match (server/cluster/hosting-claims.ts); always true alone.
    if (!(await this.deps.claims.claim(code))) throw refusal({ code: "SERVER_ERROR", message: `Match ${code} is already open on another server process.` });
    const opened = await openMatch(this.deps, code);
    if (!opened.ok) throw refusal(opened.error);
    const { session, host, bots, inheritable, classCode } = opened.value;
    this.roomId = code;
    this.session = session;
    this.host = host;
    this.bots = bots;
    this.inheritable = new Set(inheritable);
    this.classCode = classCode;
    this.timers = new MatchTimers(this.clock, session, { code, turnSeconds: host.turnSeconds, botDelayMs: this.deps.config.botDelayMs, bots, briefingEndsAt: host.briefingEndsAt });
    this.publisher = new ViewPublisher(session.scenario);
    this.seatLimits = new SeatLimits(this.deps.config);
    session.notesAtEnd = (state) => botEstimateNotes(session.scenario, state, this.bots);
    session.onChange = () => this.commit();
    this.autoDispose = false;
    // No schema state: every view and step is sent the moment it changes (commit), so the patch tick
    // only drives `this.clock`. A quarter second is fine enough for its timers (turn clock, bot
    // pauses, briefing, idle unload) and spares each room 16 of Colyseus's 20 ticks a second.
    this.patchRate = 250;
    // Far above seats + spectators (each capped on its own in onJoin): reservations that never connect cannot fill it.
    this.maxClients = this.deps.config.maxRoomClients;
    // Invitations only: the matchmaker's join/joinOrCreate never find this room, joinById(code) does.
    await this.setPrivate(true);
    for (const type of clientMessageTypes) this.onMessage(type, (client: Client, payload: unknown) => this.onClientMessage(client, type, payload));
    this.onMessage("*", (client: Client, type: string | number) => this.onUnknownMessage(client, String(type)));
    this.deps.matches.add(this.hosted());
    this.commit();
  }

  /** `{open: code}` from the server itself (a log it wrote or found), else a client's create options, planned and written here. */
  private async logFor(options: unknown): Promise<string> {
    const open = (options as { open?: unknown } | undefined)?.open;
    if (open !== undefined) {
      if (typeof open !== "string" || !(this.deps.openable.delete(open) || grantOpens(this.deps.tokens, open, options))) throw refusal({ code: "BAD_OPTIONS", message: "There is no such option: open." });
      return open;
    }
    this.fresh = true;
    const planned = await planMatch(this.deps, options, (code) => this.deps.matches.has(code));
    if (!planned.ok) throw refusal(planned.error);
    const written = await writeMatchLog(this.deps, planned.value.code, planned.value.lines);
    if (!written.ok) throw refusal(written.error);
    return planned.value.code;
  }

  /** How the classroom (and anything else in the server) reaches this match: match-registry.ts. */
  private hosted() {
    const room = this;
    return {
      code: this.roomId,
      get state() {
        return room.session.state;
      },
      get table() {
        return room.tableInfo();
      },
      systemAction: (action: Action) => this.session.serial(() => this.session.apply(action)),
      takeOverBot: (playerId: string, name: string) => this.takeOverBot(playerId, name),
      setPaused: (paused: boolean) => this.setPaused(paused),
    };
  }

  /** The classroom on another process reaches this match here, through `matchMaker.remoteRoomCall` (server/cluster/cluster-registry.ts). */
  remoteHosted(op: RemoteOp, args: unknown[]): Promise<unknown> {
    return answerRemote(this.hosted(), op, args);
  }

  private async takeOverBot(playerId: string, name: string): Promise<Result<MatchState, ErrorReply>> {
    const result = await this.session.serial(() => this.session.apply({ type: "takeover", playerId, name }));
    if (result.ok) {
      this.bots.delete(playerId);
      this.commit();
    }
    return result;
  }

  /** Set by a classroom's instructor: moves are refused, the clocks and bots wait. */
  private setPaused(paused: boolean): void {
    if (this.timers.setPaused(paused)) this.commit();
  }

  override async onJoin(client: Client, options: unknown, auth?: JoinAuth): Promise<void> {
    this.deps.heartbeat.watch(client);
    const parsed = joinOptionsSchema.safeParse(options ?? {});
    if (!parsed.success) throw refusal({ code: "BAD_OPTIONS", message: describeProblems(problemsFromZod(parsed.error)) });
    const wanted = parsed.data;
    // A classroom table is entered only with the seat or watch token its class handed out.
    if (wanted.seat === undefined && this.classCode !== null) {
      throw refusal({ code: "CLASS_TABLE", message: "This table belongs to a class; join your class with its class code." });
    }
    let seat: Seat | null = null;
    if (wanted.seat !== undefined) seat = this.deps.tokens.isWatchToken(this.roomId, wanted.seat) ? null : this.reclaimSeat(wanted.seat, auth?.source ?? "?");
    else if (!wanted.spectator) seat = await this.takeSeat(wanted);
    if (seat === null && this.spectatorCount >= this.deps.config.maxSpectators) {
      throw refusal({ code: "SPECTATORS_FULL", message: `This match already has ${this.deps.config.maxSpectators} spectators; try again later.` });
    }
    const data: ClientData = { seat, viewer: viewerOf(seat), bucket: new TokenBucket(this.deps.config.ratePerSecond, this.deps.config.rateBurst), connected: false, attached: false };
    client.userData = data;
    this.setConnected(data, true);
    // Everyone already here learns of the newcomer first, so the newcomer's whole view is current.
    this.commit();
    const { rev, view } = this.publisher.attach(data.viewer, this.session.state, this.tableInfo());
    data.attached = true;
    client.send("view", { rev, seat: this.grant(seat), view });
  }

  override onDrop(client: Client): void {
    const data = client.userData as ClientData | undefined;
    if (!data?.connected) return;
    this.setConnected(data, false);
    this.commit();
    if (this.deps.config.reconnectSeconds > 0) this.allowReconnection(client, this.deps.config.reconnectSeconds).catch(() => undefined);
  }

  /** Back after a drop: steps may have been missed meanwhile, so the whole view again. */
  override onReconnect(client: Client): void {
    this.deps.heartbeat.watch(client);
    const data = client.userData as ClientData | undefined;
    if (!data) return;
    if (!data.connected) {
      this.setConnected(data, true);
      this.commit();
    }
    this.sendView(client, data);
  }

  override onLeave(client: Client): void {
    const data = client.userData as ClientData | undefined;
    if (!data) return;
    if (data.connected) {
      this.setConnected(data, false);
      this.commit();
    }
    if (data.attached) this.publisher.detach(data.viewer);
    data.attached = false;
  }

  override async onDispose(): Promise<void> {
    this.deps.matches.remove(this.roomId);
    if (this.session) void this.deps.claims.release(this.roomId).catch(() => undefined);
    // Let a move that is being written finish before the file closes.
    await this.session?.serial(() => this.session.close());
  }

  private grant(seat: Seat | null): SeatGrant {
    return seat ? { spectator: false, ...seat, token: this.deps.tokens.tokenFor(this.roomId, seat.playerId) } : { spectator: true };
  }

  private sendView(client: Client, data: ClientData): void {
    const held = this.publisher.current(data.viewer);
    if (held) client.send("view", { rev: held.rev, seat: this.grant(data.seat), view: held.view });
  }

  private reclaimSeat(token: string, source: string): Seat {
    const playerId = this.deps.tokens.playerFor(this.roomId, token);
    const player = this.session.state.players.find((p) => p.id === playerId && p.bot === undefined);
    if (!player) {
      // Counted per source and per match; past the limit the answer changes, the check does not (a right token always works).
      if (this.deps.failures.fail([`source:${source}`, `match:${this.roomId}`])) {
        throw refusal({ code: "RATE_LIMITED", message: "Too many wrong seat tokens; wait a minute." });
      }
      throw refusal({ code: "BAD_SEAT_TOKEN", message: "That seat token does not belong to a seat in this match." });
    }
    return { playerId: player.id, side: player.side, role: player.role };
  }

  private async takeSeat(wanted: { name?: string | undefined; side?: string | undefined; role?: string | undefined }): Promise<Seat> {
    const seated = await this.session.serial(async () => {
      const state = this.session.state;
      const choice = chooseSeat(this.session.scenario, state, wanted, { humanSides: this.host.humanSides, maxPerSide: this.host.seatsPerSide, vacant: this.inheritable });
      if (!choice.ok) return choice;
      const inherited = takeInheritedSeat(state, this.inheritable, choice.value.side, wanted.role);
      if (inherited) return { ok: true as const, value: inherited };
      const n = state.players.length + 1;
      const player = { id: `p${n}`, name: wanted.name ?? `Player ${n}`, ...choice.value };
      const joined = await this.session.apply({ type: "join", player });
      return joined.ok ? { ok: true as const, value: player } : joined;
    });
    if (!seated.ok) {
      if (seated.error.code === "SERVER_ERROR") this.dropUnsaved();
      throw refusal(seated.error.code === "SERVER_ERROR" ? { code: "SERVER_ERROR", message: "The server could not save the match; try again." } : seated.error);
    }
    return { playerId: seated.value.id, side: seated.value.side, role: seated.value.role };
  }

  /** The first person's seat could not be written (disk full): a match nobody ever sat in is closed and its log removed, not left behind. */
  private dropUnsaved(): void {
    if (this.session.state.players.some((p) => p.bot === undefined)) return;
    // After the refusal has reached the creator (closing at once would cut it off).
    this.clock.setTimeout(() => void this.disconnect().then(() => this.deps.storage.discardLog(this.roomId).catch(() => undefined)), 1000);
  }

  /** A client message: rate limit, payload, seat, then the engine decides (inside the queue). */
  private onClientMessage(client: Client, type: ClientMessageType, payload: unknown): void {
    const data = client.userData as ClientData | undefined;
    if (!data || !data.bucket.take()) return this.refuse(client, { code: "RATE_LIMITED", message: "Too many messages; slow down." }, type);
    const message = parseClientMessage(type, payload);
    if (!message.ok) return this.refuse(client, message.error, type);
    if (message.value.type === "sync") return this.sendView(client, data);
    if (!data.seat) return this.refuse(client, { code: "SPECTATOR", message: "Spectators watch; they cannot act or chat." }, type);
    const limited = this.seatLimits.check(data.seat.playerId, message.value.type === "chat", { chatLines: this.session.state.chat.length, logBytes: this.session.logBytes });
    if (limited) return this.refuse(client, limited, type);
    if (message.value.type === "reflect") return void this.reflect(client, data.seat, message.value.payload.answers);
    if (this.timers.isPaused && message.value.type !== "chat") {
      return this.refuse(client, { code: "PAUSED", message: "The instructor has paused the tables; wait until play resumes." }, type);
    }
    const action = toAction(message.value, data.seat.playerId);
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

  /** Reflection answers go into the log after the result; every viewer learns only that this player answered. */
  private async reflect(client: Client, seat: Seat, answers: string[]): Promise<void> {
    const saved = await this.session.serial(() => this.session.reflect(seat, answers));
    if (!saved.ok) return this.refuse(client, saved.error, "reflect");
    this.commit();
  }

  private onUnknownMessage(client: Client, type: string): void {
    const data = client.userData as ClientData | undefined;
    if (!data || !data.bucket.take()) this.refuse(client, { code: "RATE_LIMITED", message: "Too many messages; slow down." }, type);
    else this.refuse(client, { code: "UNKNOWN_MESSAGE", message: `There is no message "${type.slice(0, 64)}" (messages: ${clientMessageTypes.join(", ")}).` }, type);
  }

  private refuse(client: Client, reply: ErrorReply, type: string): void {
    client.send("error", { ...reply, type: type.slice(0, 64) });
  }

  /** The hosting facts every viewer sees beside the engine's view. */
  private tableInfo(): TableInfo {
    const connected: Record<string, boolean> = {};
    for (const p of this.session.state.players) connected[p.id] = p.bot !== undefined || (this.connections.get(p.id) ?? 0) > 0;
    return {
      code: this.roomId,
      mode: this.host.mode,
      turnSeconds: this.host.turnSeconds,
      turnEndsAt: this.timers.turnEndsAt,
      paused: this.timers.isPaused,
      briefingEndsAt: this.session.state.phase === "briefing" ? this.timers.briefingEndsAt : 0,
      connected,
      spectators: this.spectatorCount,
      ...(this.session.state.phase === "ended" ? this.endFacts() : {}),
    };
  }

  /** What the table adds once the match is over: the bots' estimates from the result line, who has reflected. */
  private endFacts(): Pick<TableInfo, "botEstimates" | "reflected"> {
    const estimates = this.session.resultNotes?.botEstimates;
    return { ...(estimates ? { botEstimates: estimates } : {}), reflected: [...this.session.reflections.keys()] };
  }

  /** After every change: rearm timers, then send each viewer its step. */
  private commit(): void {
    const state = this.session.state;
    if (state.phase === "ended") this.autoDispose = true;
    this.timers.armClocks(state);
    const steps = this.publisher.publish(state, this.tableInfo());
    // Each attached, connected client gets its viewer's step.
    if (steps.size > 0) deliverSteps(this, (client) => {
      const data = client.userData as ClientData | undefined;
      return data?.attached && data.connected ? steps.get(viewerKey(data.viewer)) : undefined;
    });
    this.timers.armBot(state);
    this.armIdle();
  }

  private setConnected(data: ClientData, connected: boolean): void {
    data.connected = connected;
    const delta = connected ? 1 : -1;
    if (connected && data.seat) this.everSeated = true;
    if (!data.seat) this.spectatorCount += delta;
    else this.connections.set(data.seat.playerId, (this.connections.get(data.seat.playerId) ?? 0) + delta);
  }

  /**
   * With nobody connected, the room unloads after a while; an unfinished match resumes from its
   * log on restart. One never played (neverPlayed) is abandoned sooner: marked so, never
   * resumed, its log kept.
   */
  private armIdle(): void {
    const someone = [...this.connections.values()].some((n) => n > 0) || this.spectatorCount > 0;
    if (someone) return this.timers.cancelIdle();
    const abandon = this.neverPlayed();
    const ms = this.session.state.phase === "ended" ? 5_000 : abandon ? this.deps.config.abandonMinutes * 60_000 : this.deps.config.idleMinutes * 60_000;
    this.timers.armIdle(ms, () => void this.unload(abandon));
  }

  /** Never started (still in the briefing), or a branch made here that nobody ever sat down in; never a class table. */
  private neverPlayed(): boolean {
    if (this.classCode !== null) return false;
    return this.session.state.phase === "briefing" || (this.fresh && !this.everSeated && this.session.state.phase !== "ended");
  }

  private async unload(abandon: boolean): Promise<void> {
    if (abandon && this.neverPlayed()) {
      await this.deps.storage.markAbandoned(this.roomId).catch((error: Error) => console.warn(`Could not mark ${this.roomId} abandoned: ${error.message}`));
    }
    await this.disconnect();
  }
}

const viewerOf = (seat: Seat | null): Viewer => (seat ? { kind: "seat", side: seat.side, role: seat.role } : { kind: "spectator" });

/** A room class bound to this server's shared pieces (Colyseus instantiates rooms itself). */
export function negotiationRoom(deps: RoomDeps, gate: GateRules): typeof NegotiationRoom {
  return class extends NegotiationRoom {
    protected override deps = deps;
    /** The matchmaking door (matchmake-gate.ts): where the request comes from, for onJoin; who sits where is decided there. */
    static override onAuth(_token: string, options: unknown, context: AuthContext): Promise<JoinAuth> {
      return admit(gate, NEGOTIATION_ROOM, options, context);
    }
  };
}
