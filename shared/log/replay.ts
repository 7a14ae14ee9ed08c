import { applyValidAction, newMatch } from "../engine/engine.js";
import { stateHash } from "../engine/hash.js";
import type { MatchState } from "../engine/state.js";
import { parseScenario } from "../scenario/parse.js";
import type { Scenario } from "../scenario/schema.js";
import { describeProblems, problemsFromZod } from "../util/problems.js";
import { err, ok, type Result } from "../util/result.js";
import { sha256Hex } from "../util/sha256.js";
import { stableStringify } from "../util/stable-json.js";
import { actionLineSchema, headerSchema, reflectionLineSchema, resultLineSchema, type ActionLine, type LogHeader, type ReflectionLine, type ResultLine } from "./format.js";
import { signatureLineSchema, type SignatureLine } from "./signature.js";

/** Replay is a fold of the logged actions over the initial state; any line that does not fit stops it, named. */

export const logErrorCodes = [
  "LOG_EMPTY",
  "LOG_BAD_JSON",
  "LOG_BAD_HEADER",
  "LOG_BAD_SCENARIO",
  "LOG_BAD_LINE",
  "LOG_CHAIN_BROKEN",
  "LOG_OUT_OF_SEQUENCE",
  "LOG_ACTION_REFUSED",
  "LOG_RESULT_MISMATCH",
  "LOG_AFTER_END",
] as const;
export type LogErrorCode = (typeof logErrorCodes)[number];
/** `line` is 1-based, as an editor shows it. */
export type LogError = { code: LogErrorCode; line: number; message: string };

export type Replay = {
  header: LogHeader;
  scenario: Scenario;
  /** states[0] is the match before any action; states[k] follows action line k. */
  states: MatchState[];
  actions: ActionLine[];
  result?: ResultLine;
  /** The server's signature after the result line (shared/log/signature.ts); its cryptography is checked on the server or by the replay command, not here. */
  signature?: SignatureLine;
  /** The players' reflection lines after the result, in log order (a later one of a player replaces an earlier). */
  reflections: ReflectionLine[];
  final: MatchState;
};

const fail = (code: LogErrorCode, line: number, message: string) => err<LogError>({ code, line, message });

function parseJsonLine(text: string, line: number): Result<unknown, LogError> {
  try {
    return ok(JSON.parse(text));
  } catch {
    return fail("LOG_BAD_JSON", line, `Line ${line} is not valid JSON (truncated or edited?).`);
  }
}

export type ReplayOptions = {
  /** Parsed scenarios by their JSON text: a folder of logs from one class parses its scenario once. */
  scenarioCache?: Map<string, Scenario>;
};

function scenarioOf(raw: unknown, cache: Map<string, Scenario> | undefined): ReturnType<typeof parseScenario> {
  const key = cache ? JSON.stringify(raw) : "";
  const cached = cache?.get(key);
  if (cached) return ok(cached);
  const parsed = parseScenario(raw);
  if (parsed.ok) cache?.set(key, parsed.value);
  return parsed;
}

export function replayLog(text: string, options: ReplayOptions = {}): Result<Replay, LogError> {
  const lines = text.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines.length === 0 || lines[0]!.trim() === "") return fail("LOG_EMPTY", 1, "Line 1: the log is empty; a log starts with its header line.");

  const headerJson = parseJsonLine(lines[0]!, 1);
  if (!headerJson.ok) return headerJson;
  const header = headerSchema.safeParse(headerJson.value);
  if (!header.success) return fail("LOG_BAD_HEADER", 1, `Line 1 is not a valid log header: ${describeProblems(problemsFromZod(header.error))}`);
  const scenario = scenarioOf(header.data.scenario, options.scenarioCache);
  if (!scenario.ok) return fail("LOG_BAD_SCENARIO", 1, `The scenario in the header is not valid: ${describeProblems(scenario.error.map((p) => ({ ...p, path: `scenario.${p.path}` })))}`);
  const initial = newMatch(scenario.value, { seed: header.data.seed, settings: header.data.settings, players: header.data.seats });
  if (!initial.ok) return fail("LOG_BAD_HEADER", 1, `The header cannot start a match: ${initial.error.message}`);

  const states = [initial.value];
  const actions: ActionLine[] = [];
  let result: ResultLine | undefined;
  let signature: SignatureLine | undefined;
  const reflections: ReflectionLine[] = [];
  for (let i = 1; i < lines.length; i++) {
    const lineNo = i + 1;
    const json = parseJsonLine(lines[i]!, lineNo);
    if (!json.ok) return json;
    const expectedPrev = sha256Hex(lines[i - 1]!);
    const kind = (json.value as { kind?: unknown } | null)?.kind;
    if (result) {
      // After the result: the server's signature (right after it), then the players' reflections
      // (they change nothing in the match, and the signature does not cover them).
      if (kind === "signature" && !signature && reflections.length === 0) {
        const parsed = signatureLineSchema.safeParse(json.value);
        if (!parsed.success) return fail("LOG_BAD_LINE", lineNo, `Line ${lineNo} is not a valid signature line: ${describeProblems(problemsFromZod(parsed.error))}`);
        if (parsed.data.prev !== expectedPrev) return fail("LOG_CHAIN_BROKEN", lineNo, `Line ${lineNo} does not follow line ${i}: the line before it was altered or removed.`);
        signature = parsed.data;
        continue;
      }
      if (kind !== "reflection") return fail("LOG_AFTER_END", lineNo, `Line ${lineNo} comes after the result line; only the signature line, then reflection lines, may follow it.`);
      const parsed = reflectionLineSchema.safeParse(json.value);
      if (!parsed.success) return fail("LOG_BAD_LINE", lineNo, `Line ${lineNo} is not a valid reflection line: ${describeProblems(problemsFromZod(parsed.error))}`);
      if (parsed.data.prev !== expectedPrev) return fail("LOG_CHAIN_BROKEN", lineNo, `Line ${lineNo} does not follow line ${i}: the line before it was altered or removed.`);
      reflections.push(parsed.data);
      continue;
    }
    const state = states.at(-1)!;

    if (kind === "signature") return fail("LOG_BAD_LINE", lineNo, `Line ${lineNo} is a signature line, which belongs right after the result line.`);

    if (kind === "result") {
      const parsed = resultLineSchema.safeParse(json.value);
      if (!parsed.success) return fail("LOG_BAD_LINE", lineNo, `Line ${lineNo} is not a valid result line: ${describeProblems(problemsFromZod(parsed.error))}`);
      if (parsed.data.prev !== expectedPrev) return fail("LOG_CHAIN_BROKEN", lineNo, `Line ${lineNo} does not follow line ${i}: the line before it was altered or removed.`);
      if (state.phase !== "ended" || parsed.data.seq !== state.seq) {
        return fail("LOG_RESULT_MISMATCH", lineNo, `Line ${lineNo} records a result, but the replayed match has not ended at action ${parsed.data.seq}.`);
      }
      if (parsed.data.stateHash !== stateHash(state) || stableStringify(parsed.data.outcome) !== stableStringify(state.outcome)) {
        return fail("LOG_RESULT_MISMATCH", lineNo, `Line ${lineNo}: the recorded result differs from the replayed final state.`);
      }
      result = parsed.data as ResultLine;
      continue;
    }

    const parsed = actionLineSchema.safeParse(json.value);
    if (!parsed.success) return fail("LOG_BAD_LINE", lineNo, `Line ${lineNo} is not a valid action line: ${describeProblems(problemsFromZod(parsed.error))}`);
    const entry = parsed.data;
    if (entry.prev !== expectedPrev) return fail("LOG_CHAIN_BROKEN", lineNo, `Line ${lineNo} does not follow line ${i}: the line before it was altered or removed.`);
    if (entry.seq !== state.seq + 1) return fail("LOG_OUT_OF_SEQUENCE", lineNo, `Line ${lineNo} has seq ${entry.seq}; expected ${state.seq + 1}.`);
    if (entry.round !== state.round) return fail("LOG_OUT_OF_SEQUENCE", lineNo, `Line ${lineNo} says round ${entry.round}, but the match is in round ${state.round}.`);
    const next = applyValidAction(scenario.value, state, entry.action);
    if (!next.ok) return fail("LOG_ACTION_REFUSED", lineNo, `Line ${lineNo} does not replay: ${next.error.code}: ${next.error.message}`);
    states.push(next.value);
    actions.push(entry);
  }
  return ok({ header: header.data, scenario: scenario.value, states, actions, ...(result ? { result } : {}), ...(signature ? { signature } : {}), reflections, final: states.at(-1)! });
}
