import type { Clock, Delayed } from "@colyseus/core";
import type { MatchState } from "../../shared/index.js";
import type { BotSpec } from "../../shared/bots/index.js";
import { botActions, botToMove } from "./bot-driver.js";
import type { MatchSession } from "./match-session.js";

/** What the timers of one match need to know of its room. */
export type TimerSettings = {
  /** For log lines. */
  code: string;
  turnSeconds: number;
  botDelayMs: number;
  /** The match's bots by player id (the room removes one when a person takes its seat). */
  bots: Map<string, BotSpec>;
  /** When a class table's briefing ends by itself (0 = no deadline). */
  briefingEndsAt: number;
};

/**
 * The clocks of one match, on the room's `this.clock`: the turn clock, a class table's briefing
 * deadline, a bot's pause before it moves, and the unload of a room nobody is in. Each acts through
 * the session like any action (inside its queue, logged), and only if nothing changed meanwhile.
 * The room re-arms them after every change (`armClocks` before it sends the views, which show their
 * deadlines; `armBot` after); a pause stops all three match clocks.
 */
export class MatchTimers {
  /** When the current move's turn clock runs out (0 = no clock running): shown to every viewer. */
  turnEndsAt = 0;
  /** When the briefing ends by itself (0 = no deadline, or paused): shown to every viewer. */
  briefingEndsAt: number;
  private paused = false;
  private turnKey = "";
  private turnTimer: Delayed | undefined;
  private briefingArmedFor = 0;
  private briefingTimer: Delayed | undefined;
  private briefingLeftWhilePaused: number | null = null;
  private botTimer: Delayed | undefined;
  private idleTimer: Delayed | undefined;

  constructor(
    private readonly clock: Clock,
    private readonly session: MatchSession,
    private readonly settings: TimerSettings,
  ) {
    this.briefingEndsAt = settings.briefingEndsAt;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** The instructor's pause: the briefing's countdown freezes and later resumes with the time it had left. Returns false when nothing changed. */
  setPaused(paused: boolean): boolean {
    if (this.paused === paused) return false;
    this.paused = paused;
    if (paused && this.briefingEndsAt > 0) {
      this.briefingLeftWhilePaused = Math.max(0, this.briefingEndsAt - Date.now());
      this.briefingEndsAt = 0;
    } else if (!paused && this.briefingLeftWhilePaused !== null) {
      this.briefingEndsAt = Date.now() + this.briefingLeftWhilePaused;
      this.briefingLeftWhilePaused = null;
    }
    return true;
  }

  /** After every change of the match: the deadlines every viewer sees (`turnEndsAt`, `briefingEndsAt`). */
  armClocks(state: MatchState): void {
    this.armTurnClock(state);
    this.armBriefing(state);
  }

  /** The turn clock runs per move: a new move (round or mover changed) restarts it. */
  private armTurnClock(state: MatchState): void {
    const key = state.phase === "negotiating" && this.settings.turnSeconds > 0 && !this.paused ? `${state.round}/${state.movesThisRound}` : "";
    if (key === this.turnKey) return;
    this.turnKey = key;
    this.turnTimer?.clear();
    this.turnTimer = undefined;
    this.turnEndsAt = 0;
    if (key === "") return;
    const ms = this.settings.turnSeconds * 1000;
    this.turnEndsAt = Date.now() + ms;
    this.turnTimer = this.clock.setTimeout(() => {
      void this.session.serial(async () => {
        if (this.turnKey === key) await this.session.apply({ type: "timeout" });
      });
    }, ms);
  }

  /** A class table's briefing ends by itself at its deadline (unless paused): the engine's `start`, logged like any action. */
  private armBriefing(state: MatchState): void {
    const due = state.phase === "briefing" && !this.paused ? this.briefingEndsAt : 0;
    if (due === this.briefingArmedFor) return;
    this.briefingArmedFor = due;
    this.briefingTimer?.clear();
    this.briefingTimer = undefined;
    if (due === 0) return;
    this.briefingTimer = this.clock.setTimeout(() => {
      void this.session.serial(async () => {
        if (this.session.state.phase === "briefing" && !this.paused && this.briefingArmedFor === due) await this.session.apply({ type: "start" });
      });
    }, Math.max(0, due - Date.now()));
  }

  /** When a bot's side is to move, it moves after `botDelayMs`, if nothing happened meanwhile. */
  armBot(state: MatchState): void {
    this.botTimer?.clear();
    this.botTimer = undefined;
    const { bots } = this.settings;
    const botId = this.paused ? undefined : botToMove(state, bots);
    if (botId === undefined) return;
    const seq = state.seq;
    this.botTimer = this.clock.setTimeout(() => {
      void this.session.serial(async () => {
        if (this.session.state.seq !== seq) return;
        for (const action of botActions(this.session.scenario, this.session.state, botId, bots.get(botId)!)) {
          const result = await this.session.apply(action);
          if (result.ok) continue;
          // A bot that cannot move must not stall a solo match: its turn passes, and the log says so.
          console.warn(`Bot ${botId} in ${this.settings.code} was refused (${result.error.code}: ${result.error.message}); passing its turn.`);
          if (action.type !== "chat") await this.session.apply({ type: "timeout" });
          return;
        }
      });
    }, this.settings.botDelayMs);
  }

  /** Nobody is connected: `unload` runs after `ms` unless `cancelIdle` comes first (already armed: left as it is). */
  armIdle(ms: number, unload: () => void): void {
    this.idleTimer ??= this.clock.setTimeout(unload, ms);
  }

  /** Somebody is connected: no unload is due. */
  cancelIdle(): void {
    this.idleTimer?.clear();
    this.idleTimer = undefined;
  }
}
