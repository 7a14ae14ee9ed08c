import {
  builtinScenario,
  builtinScenarioSource,
  err,
  lineHash,
  ok,
  recordAction,
  recordValidAction,
  replayLog,
  resultLine,
  stableStringify,
  stateHash,
  type Action,
  type ErrorReply,
  type LogHeader,
  type MatchState,
  type RecordedMatch,
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
  private readonly notesAtEndOf = (state: MatchState): ResultNotes | undefined => this.notesAtEnd(state);

  /** Bytes in the log file so far (a match's log has a size limit: config `maxLogBytes`). */
  logBytes = 0;

  private constructor(
    private match: RecordedMatch,
    private readonly log: MatchLogWriter,
    readonly header: LogHeader | undefined,
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
    } else if (final.phase === "ended" && replay.value.result && !replay.value.signature && signer) {
      // Ended, but the crash cut the signature line written with the result: sign it now.
      lastLine = signer.signatureLineAfter(lineHash(lastLine));
      await log.append([lastLine]);
    }
    const session = new MatchSession({ scenario: sharedScenario(replay.value.header.scenario) ?? replay.value.scenario, state: final, lastLineHash: lineHash(lastLine) }, log, replay.value.header, signer);
    session.logBytes = Buffer.byteLength(text);
    return ok(session);
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
    for (const line of recorded.value.lines) this.logBytes += Buffer.byteLength(line) + 1;
    const match = recorded.value.match;
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
