import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import type { Action } from "../../shared/engine/actions.js";
import type { MatchView, PublicScenario } from "../../shared/engine/views.js";
import { excerpt, fault, MAX_LINE_LENGTH, mustAct, parseReply, replyToAction, type Fault } from "./protocol.js";

/**
 * Drives one external bot program for one match: the public scenario on its first stdin line,
 * then its seat's views, one JSON object per line; on a view where it must act it answers with
 * one JSON action per line on stdout (protocol in docs/bots.md). Whatever the program does —
 * hang, crash, write garbage — `move` resolves in bounded time with an action or a fault, and
 * never throws: the caller then lets the turn time out. Used by the tournament and meant for a
 * live table too (`move` takes the view the server sends and gives back the engine action).
 */

export type StdioBotLimits = {
  /** Time to answer a view on which the bot must act. */
  moveMs: number;
  /** Extra time for the first such view, for the program to load (node, python, a JVM). */
  startupMs: number;
  /** Total time the bot may spend answering over the match; past it, every move is lost. */
  budgetMs: number;
  /** Stderr kept per match (the last bytes); the rest is counted, not kept. */
  stderrBytes: number;
};

export const defaultStdioBotLimits: StdioBotLimits = { moveMs: 1000, startupMs: 5000, budgetMs: 60_000, stderrBytes: 64 * 1024 };

export type StdioBotOptions = {
  /** A shell command line, e.g. `python3 examples/bots/python/bot.py`. */
  command: string;
  cwd?: string;
  limits?: Partial<StdioBotLimits>;
};

export type StdioMove =
  | { kind: "move"; action: Action; chat?: string; ms: number }
  | { kind: "lost"; fault: Fault; ms: number };

/** A line of the bot's log: a lost move (fault) or a note (an ignored line, the exit). */
export type StdioLogEntry = { seq: number | null; kind: Fault["kind"] | "note"; message: string };

type Pending = { view: MatchView; resolve: (line: string | Fault) => void };

const running = new Set<StdioBot>();
const MAX_NOTES = 50;

/** Kills every bot program still running (for a CLI's SIGINT handler and process exit). */
export function killAllStdioBots(): void {
  for (const bot of running) bot.kill();
}
process.once("exit", killAllStdioBots);

export class StdioBot {
  readonly limits: StdioBotLimits;
  readonly log: StdioLogEntry[] = [];
  private child: ChildProcessWithoutNullStreams | null = null;
  private exit: { code: number | null; signal: string | null } | null = null;
  private spawnError: string | null = null;
  private exited: Promise<void>;
  private stdoutBuffer = "";
  private stderrTail = "";
  private stderrDropped = 0;
  private pending: Pending | null = null;
  private spentMs = 0;
  private overBudget = false;
  private notes = 0;
  private asked = 0;

  constructor(options: StdioBotOptions, scenario: PublicScenario) {
    this.limits = { ...defaultStdioBotLimits, ...options.limits };
    let markExited: () => void = () => {};
    this.exited = new Promise((resolve) => (markExited = resolve));
    try {
      // A process group of its own (detached), so that killing it also kills what the shell started.
      const child = spawn(options.command, { shell: true, detached: true, cwd: options.cwd, stdio: ["pipe", "pipe", "pipe"] });
      this.child = child;
      running.add(this);
      child.stdin.on("error", () => {}); // EPIPE when the program is gone: its exit is reported instead
      child.stdout.setEncoding("utf8");
      child.stdout.on("data", (chunk: string) => this.onStdout(chunk));
      child.stderr.setEncoding("utf8");
      child.stderr.on("data", (chunk: string) => this.onStderr(chunk));
      child.on("error", (error) => {
        this.spawnError = error.message;
        this.onExit(null, null);
        markExited();
      });
      // "close", not "exit": it comes after stdout has been read to the end, so a last answer is not lost.
      child.on("close", (code, signal) => {
        this.onExit(code, signal);
        markExited();
      });
      this.write(scenario);
    } catch (error) {
      this.spawnError = error instanceof Error ? error.message : String(error);
      markExited();
    }
  }

  /** Stderr kept for this match (its last `stderrBytes`), with a note of what was dropped. */
  get stderr(): string {
    return this.stderrDropped > 0 ? `[… ${this.stderrDropped} earlier bytes dropped]\n${this.stderrTail}` : this.stderrTail;
  }

  get faults(): StdioLogEntry[] {
    return this.log.filter((entry) => entry.kind !== "note");
  }

  /**
   * Sends the view. When the seat must act on it, waits for the answer and returns the engine
   * action (`by` = playerId) or the reason the move is lost; otherwise returns null at once.
   */
  async move(view: MatchView, playerId: string): Promise<StdioMove | null> {
    if (!mustAct(view)) {
      this.notify(view);
      return null;
    }
    const started = performance.now();
    const lost = (f: Fault): StdioMove => {
      this.log.push({ seq: view.seq, kind: f.kind, message: f.message });
      return { kind: "lost", fault: f, ms: performance.now() - started };
    };
    const left = this.limits.budgetMs - this.spentMs;
    if (this.overBudget || left <= 0) {
      // No more time this match: stop the program so that it costs no more CPU.
      this.overBudget = true;
      this.kill();
      return lost(fault("budget", `used up its time budget of ${this.limits.budgetMs} ms`));
    }
    const gone = this.goneFault();
    if (gone) return lost(gone);
    const nominal = this.limits.moveMs + (this.asked === 0 ? this.limits.startupMs : 0);
    const limit = Math.min(left, nominal);
    this.asked++;
    // A newer view while an answer is awaited (at a live table, the server moved on): the older move is lost.
    this.pending?.resolve(fault("superseded", "a newer view came before its answer"));
    const answer = await new Promise<string | Fault>((resolve) => {
      const timer = setTimeout(() => {
        this.pending = null;
        resolve(limit < nominal ? fault("budget", `used up its time budget of ${this.limits.budgetMs} ms`) : fault("timeout", `did not answer within ${limit} ms`));
      }, limit);
      this.pending = {
        view,
        resolve: (line) => {
          clearTimeout(timer);
          this.pending = null;
          resolve(line);
        },
      };
      this.write(view);
    });
    this.spentMs += performance.now() - started;
    if (typeof answer !== "string") return lost(answer);
    const parsed = parseReply(answer);
    if (!parsed.ok) return lost(parsed.fault);
    const converted = replyToAction(parsed.reply, view, playerId);
    if (!converted.ok) return lost(converted.fault);
    const ms = performance.now() - started;
    return parsed.reply.chat ? { kind: "move", action: converted.action, chat: parsed.reply.chat, ms } : { kind: "move", action: converted.action, ms };
  }

  /** Sends a view the bot need not answer (the other side's move, the end of the match). */
  notify(view: MatchView): void {
    this.write(view);
  }

  /** The engine or the server refused the bot's action: the move is lost, and the log says why. */
  refused(view: MatchView, message: string): void {
    this.log.push({ seq: view.seq, kind: "refused", message: `its action was refused: ${message}` });
  }

  /** Closes stdin (the bot's cue to exit), waits up to graceMs, then kills it. */
  async close(graceMs = 500): Promise<void> {
    if (this.child && !this.exit) {
      this.child.stdin.end();
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([this.exited, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
      clearTimeout(timer);
    }
    this.kill();
  }

  /** Kills the bot's whole process group now. */
  kill(): void {
    const pid = this.child?.pid;
    running.delete(this);
    if (pid === undefined) return;
    try {
      process.kill(-pid, "SIGKILL");
    } catch {
      // already gone
    }
  }

  private goneFault(): Fault | null {
    if (this.spawnError !== null) return fault("spawn", `could not be started: ${this.spawnError}`);
    if (this.exit) {
      const how = this.exit.signal ? `was killed (${this.exit.signal})` : `exited (code ${this.exit.code})`;
      const last = this.stderrTail.trim().split("\n").at(-1);
      return fault("exited", `${how}${last ? `; its last stderr line: ${excerpt(last, 160)}` : ""}`);
    }
    return null;
  }

  private write(message: unknown): void {
    if (!this.child || this.exit || !this.child.stdin.writable) return;
    this.child.stdin.write(`${JSON.stringify(message)}\n`);
  }

  private onStdout(chunk: string): void {
    this.stdoutBuffer += chunk;
    let newline: number;
    while ((newline = this.stdoutBuffer.indexOf("\n")) >= 0) {
      const line = this.stdoutBuffer.slice(0, newline).replace(/\r$/, "");
      this.stdoutBuffer = this.stdoutBuffer.slice(newline + 1);
      if (line.trim() !== "") this.onLine(line);
    }
    if (this.stdoutBuffer.length > MAX_LINE_LENGTH) {
      this.stdoutBuffer = "";
      this.onLine(`(a line longer than ${MAX_LINE_LENGTH} characters)`);
    }
  }

  private onLine(line: string): void {
    const pending = this.pending;
    if (!pending) {
      this.note(`ignored a line written when no answer was due: ${excerpt(line)}`);
      return;
    }
    // An answer that echoes an older view's seq came too late for that view: drop it, keep waiting.
    const parsed = parseReply(line);
    if (parsed.ok && parsed.reply.seq !== undefined && parsed.reply.seq !== pending.view.seq) {
      this.note(`ignored a late answer to view ${parsed.reply.seq}`, pending.view.seq);
      return;
    }
    pending.resolve(line);
  }

  /** Notes are capped: a program that floods stdout must not fill memory with them. */
  private note(message: string, seq: number | null = null): void {
    if (this.notes < MAX_NOTES) this.log.push({ seq, kind: "note", message });
    else if (this.notes === MAX_NOTES) this.log.push({ seq, kind: "note", message: "more ignored lines: not logged" });
    this.notes++;
  }

  private onStderr(chunk: string): void {
    this.stderrTail += chunk;
    const over = this.stderrTail.length - this.limits.stderrBytes;
    if (over > 0) {
      this.stderrTail = this.stderrTail.slice(over);
      this.stderrDropped += over;
    }
  }

  private onExit(code: number | null, signal: string | null): void {
    if (this.exit) return;
    this.exit = { code, signal };
    running.delete(this);
    this.log.push({ seq: null, kind: "note", message: this.spawnError ? `could not be started: ${this.spawnError}` : `exited (code ${code}${signal ? `, ${signal}` : ""})` });
    // A move waiting for an answer is lost now rather than at its deadline.
    const gone = this.goneFault();
    if (this.pending && gone) this.pending.resolve(gone);
  }
}

/** Starts a bot program for one match (see StdioBot). */
export function startStdioBot(options: StdioBotOptions, scenario: PublicScenario): StdioBot {
  return new StdioBot(options, scenario);
}
