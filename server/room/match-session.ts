import {
  builtinScenario,
  builtinScenarioSource,
  err,
  lineHash,
  ok,
  recordAction,
  recordValidAction,
  reflectionLineAfter,
  replayLog,
  resultLine,
  stableStringify,
  stateHash,
  type Action,
  type ErrorReply,
  type LogHeader,
  type MatchState,
  type RecordedMatch,
  type ReflectionLine,
  type Result,
  type ResultNotes,
  type Scenario,
} from "../../shared/index.js";
import type { MatchLogWriter, Storage } from "../store/storage.js";
import type { LogSigner } from "../store/log-signing.js";

/** The built-in scenario object when a log's scenario is exactly that built-in file. */
function sharedScenario(raw: unknown): Scenario | undefined {
  const id = (raw as { id?: unknown } | null)?.id;
  if (typeof id !== "string") return undefined;
  const source = builtinScenarioSource(id);
  return source !== undefined && stableStringify(source) === stableStringify(raw) ? builtinScenario(id) : undefined;
}

/** How often one player may save reflection answers (each save is a log line). */
export const MAX_REFLECTIONS_PER_PLAYER = 20;

/**
 * The authority's core, free of Colyseus: the engine's recorded match plus its log (storage).
 * Actions run one at a time (`serial`); each is checked by the engine and appended to the log
 * (safe against a crash of this process at least: server/store/match-log.ts), and only then
 * does the state advance and `onChange` run (which broadcasts). A refused
 * action changes nothing and writes nothing.
 */
export class MatchSession {
  private queue: Promise<unknown> = Promise.resolve();
  /** Jobs given to `serial` that have not settled yet. */
  private jobs = 0;
  private readonly jobSettled = () => {
    this.jobs--;
  };
  /** Set when a write failed: the file may hold a line the state does not, so nothing more is accepted. */
  private broken = false;
  onChange: (state: MatchState, previous: MatchState) => void = () => {};
  /** Debrief facts for the result line when the match ends (the room adds the bots' estimates). */
  notesAtEnd: (state: MatchState) => ResultNotes | undefined = () => undefined;
  /** `notesAtEnd` as the room sets it later; one function for every move rather than a closure each. */
  private readonly notesAtEndOf = (state: MatchState): ResultNotes | undefined => (this.resultNotes = this.notesAtEnd(state));
  /** The notes the result line carries (as written, or as read back from the log). */
  resultNotes: ResultNotes | undefined;
  /** Each player's latest reflection (kept with the match: reflection lines after the result). */
  readonly reflections = new Map<string, ReflectionLine>();
  /** Reflection lines written per player, bounded by MAX_REFLECTIONS_PER_PLAYER. */
  private readonly reflectionCounts = new Map<string, number>();

  /** Bytes in the log file so far (a match's log has a size limit: config `maxLogBytes`). */
  logBytes = 0;

  private constructor(
    private match: RecordedMatch,
    private readonly log: MatchLogWriter,
    /** The header's facts without its scenario (the session holds the parsed scenario, shared for a built-in one): the raw copy would stay alive with every match. */
    readonly header: Omit<LogHeader, "scenario"> | undefined,
    private readonly signer: LogSigner | undefined,
  ) {}

  /** Replays a stored log and carries on appending to it: the one way a match is opened. `signer` signs it when it ends. */
  static async open(storage: Storage, code: string, signer?: LogSigner): Promise<Result<MatchSession, ErrorReply>> {
    const opened = await storage.openLog(code);
    if (!opened) throw new Error(`There is no log of match ${code} (storage: ${storage.description}).`);
    const { text, writer: log } = opened;
    const replay = replayLog(text);
    if (!replay.ok) {
      await log.close();
      return err({ code: "BAD_LOG", message: `${log.name} line ${replay.error.line}: ${replay.error.message}` });
    }
    const lines = text.split("\n").filter((line) => line !== "");
    let lastLine = lines.at(-1)!;
    const final = replay.value.final;
    if (final.phase === "ended" && !replay.value.result && final.outcome) {
      // The crash cut the result line that belongs with the last action: write it again.
      lastLine = resultLine(lastLine, { seq: final.seq, outcome: final.outcome, stateHash: stateHash(final) });
      const lines = [lastLine];
      if (signer) lines.push((lastLine = signer.signatureLineAfter(lineHash(lastLine))));
      await log.append(lines);
    } else if (final.phase === "ended" && replay.value.result && !replay.value.signature && replay.value.reflections.length === 0 && signer) {
      // Ended, but the crash cut the signature line written with the result: sign it now.
      lastLine = signer.signatureLineAfter(lineHash(lastLine));
      await log.append([lastLine]);
    }
    const { scenario: rawScenario, ...headerFacts } = replay.value.header;
    const session = new MatchSession({ scenario: sharedScenario(rawScenario) ?? replay.value.scenario, state: final, lastLineHash: lineHash(lastLine) }, log, headerFacts, signer);
    session.logBytes = Buffer.byteLength(text);
    session.resultNotes = replay.value.result?.notes;
    for (const line of replay.value.reflections) session.keepReflection(line);
    return ok(session);
  }

  private keepReflection(line: ReflectionLine): void {
    this.reflections.set(line.playerId, line);
    this.reflectionCounts.set(line.playerId, (this.reflectionCounts.get(line.playerId) ?? 0) + 1);
  }

  /**
   * A player's answers to the reflection questions, appended after the result line (call it inside
   * `serial`). Only once the match has ended, and at most MAX_REFLECTIONS_PER_PLAYER times each.
   */
  async reflect(player: { playerId: string; side: string }, answers: string[]): Promise<Result<ReflectionLine, ErrorReply>> {
    if (this.broken) return err({ code: "SERVER_ERROR", message: "This match cannot record anything right now." });
    if (this.match.state.phase !== "ended") return err({ code: "WRONG_PHASE", message: "Reflections open when the match has ended." });
    if ((this.reflectionCounts.get(player.playerId) ?? 0) >= MAX_REFLECTIONS_PER_PLAYER) {
      return err({ code: "TOO_MANY_REFLECTIONS", message: `Your answers were saved ${MAX_REFLECTIONS_PER_PLAYER} times already; the last ones are kept.` });
    }
    const text = reflectionLineAfter(this.match.lastLineHash, { playerId: player.playerId, side: player.side, answers, at: new Date().toISOString() });
    try {
      await this.log.append([text]);
    } catch (error) {
      return this.writeFailed(error as Error);
    }
    this.match = { ...this.match, lastLineHash: lineHash(text) };
    this.logBytes += Buffer.byteLength(text) + 1;
    const line = JSON.parse(text) as ReflectionLine;
    this.keepReflection(line);
    return ok(line);
  }

  get state(): MatchState {
    return this.match.state;
  }

  get scenario(): Scenario {
    return this.match.scenario;
  }

  /** Runs jobs one after another, so each sees the state the previous one left. */
  serial<T>(job: () => Promise<T> | T): Promise<T> {
    this.jobs++;
    const run = this.queue.then(job);
    this.queue = run.then(this.jobSettled, this.jobSettled);
    return run;
  }

  /**
   * `apply` without a turn through `serial`, when that is the same thing: no job is queued or
   * running, and the log writes synchronously, so `apply` is done before it returns. Undefined
   * when that is not the case (then use `serial`). A room at a move per second is nearly always
   * idle, and a move then costs no promise: fewer objects that live just long enough to be
   * copied by the garbage collector.
   */
  applyAtOnce(action: Action, options: { parsed?: boolean } = {}): Result<MatchState, ErrorReply> | undefined {
    if (this.jobs > 0 || !this.log.writesSynchronously) return undefined;
    return this.apply(action, options) as Result<MatchState, ErrorReply>;
  }

  /**
   * Engine check, the append to the log, then the state change. Call it inside `serial` (or
   * through `applyAtOnce`). It returns a promise only when the log does. `parsed`: the action came
   * from a player message parsed with the engine's own schemas (server/room/protocol.ts), so the
   * engine need not parse it again; every other action is parsed here.
   */
  apply(action: Action, options: { parsed?: boolean } = {}): Result<MatchState, ErrorReply> | Promise<Result<MatchState, ErrorReply>> {
    if (this.broken) return err({ code: "SERVER_ERROR", message: "This match cannot record moves right now; it resumes from its log after a server restart." });
    const record = options.parsed ? recordValidAction : recordAction;
    const recorded = record(this.match, action, new Date().toISOString(), this.notesAtEndOf);
    if (!recorded.ok) return recorded;
    const lines = recorded.value.match.state.phase === "ended" && this.match.state.phase !== "ended" ? this.signed(recorded.value.lines) : recorded.value.lines;
    let written: Promise<void> | void;
    try {
      written = this.log.append(lines);
    } catch (error) {
      return this.writeFailed(error as Error);
    }
    for (const line of lines) this.logBytes += Buffer.byteLength(line) + 1;
    // A signature line, when added, is now the last line: the next one (a reflection) chains to it.
    const match = lines === recorded.value.lines ? recorded.value.match : { ...recorded.value.match, lastLineHash: lineHash(lines.at(-1)!) };
    return written ? written.then(() => this.advance(match), (error: Error) => this.writeFailed(error)) : this.advance(match);
  }

  /** The lines that end the match, with the signature line after the result line, in the same write. */
  private signed(lines: string[]): string[] {
    if (!this.signer) return lines;
    return [...lines, this.signer.signatureLineAfter(lineHash(lines.at(-1)!))];
  }

  private advance(match: RecordedMatch): Result<MatchState, ErrorReply> {
    const previous = this.match.state;
    this.match = match;
    this.onChange(match.state, previous);
    return ok(match.state);
  }

  private writeFailed(error: Error): Result<never, ErrorReply> {
    this.broken = true;
    console.error(`Could not write ${this.log.name}: ${error.message}`);
    return err({ code: "SERVER_ERROR", message: "The move could not be saved, so it did not happen." });
  }

  close(): Promise<void> {
    return this.log.close();
  }
}
