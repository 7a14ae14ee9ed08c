import seedrandom from "seedrandom";
import {
  analyzeSpace,
  computeAnalysis,
  applyAction,
  applyValidAction,
  builtinScenario,
  builtinScenarioSource,
  nashPoint,
  newMatch,
  paretoFrontier,
  paretoFrontierBruteForce,
  recordAction,
  replayLog,
  startRecordedMatch,
  effectiveSideTable,
  ratifiableOptions,
  type MatchState,
  type PointTable,
  type Scenario,
} from "../../shared/index.js";
import { fmt, percentile, row, sampleMemory, timeRuns } from "./measure.js";

/** Engine benchmarks (issue 2): actions/s, replay, Pareto frontier + Nash, peak memory. */

const seats = [
  { id: "j1", name: "Aki", side: "japan", role: "chief" },
  { id: "u1", name: "Sam", side: "us", role: "treasury" },
];

/** A scripted match of `actions` accepted actions: proposals both ways, chat between them. */
function scriptedActions(scenario: Scenario, actions: number): unknown[] {
  const random = seedrandom("bench-script");
  const offer = () => Object.fromEntries(scenario.issues.map((issue) => [issue.id, issue.options[Math.floor(random() * issue.options.length)]!.id]));
  const list: unknown[] = [{ type: "start" }];
  let japanMoves = true;
  while (list.length < actions) {
    if (list.length % 3 === 0) list.push({ type: "chat", by: japanMoves ? "j1" : "u1", text: "Let us keep talking.", to: "table" });
    else {
      list.push({ type: "propose", by: japanMoves ? "j1" : "u1", offer: offer() });
      japanMoves = !japanMoves;
    }
  }
  return list;
}

function benchActionsPerSecond(scenario: Scenario): void {
  const actions = scriptedActions(scenario, 200);
  const runs = timeRuns(() => {
    const created = newMatch(scenario, { seed: "bench", settings: { rounds: 100, events: "both", privateVariant: true }, players: seats });
    if (!created.ok) throw new Error(created.error.message);
    let state: MatchState = created.value;
    for (const action of actions) {
      const next = applyAction(scenario, state, action);
      if (!next.ok) throw new Error(next.error.message);
      state = next.value;
    }
  }, 50);
  const total = runs.reduce((a, b) => a + b, 0);
  row("engine: actions applied per second (200-action matches)", fmt((50 * actions.length) / (total / 1000), 0));
}

function benchReplay(scenario: Scenario): void {
  const started = startRecordedMatch({ matchId: "bench", scenarioSource: builtinScenarioSource(scenario.id), seed: "bench", settings: { rounds: 100, events: "both" }, seats });
  if (!started.ok) throw new Error(started.error.message);
  let match = started.value.match;
  const lines = [...started.value.lines];
  for (const action of scriptedActions(scenario, 200)) {
    const next = recordAction(match, action as never, "2025-06-01T00:00:00.000Z");
    if (!next.ok) throw new Error(next.error.message);
    match = next.value.match;
    lines.push(...next.value.lines);
  }
  const text = lines.join("\n") + "\n";
  const parsed = replayLog(text);
  if (!parsed.ok || parsed.value.actions.length !== 200) throw new Error("replay failed");
  const { scenario: played, states, actions } = parsed.value;
  // 300 warm-up folds first: the rate of a replay tool that has settled, not of the JIT's first tiers.
  const fold = timeRuns(() => {
    let state = states[0]!;
    for (const entry of actions) {
      const next = applyValidAction(played, state, entry.action);
      if (!next.ok) throw new Error(next.error.message);
      state = next.value;
    }
  }, 500, 300);
  const foldP50 = percentile(fold, 50);
  row("replay: fold 200 logged actions into every state, p50", `${fmt(foldP50, 3)} ms`);
  row("replay: fold rate, actions per second", fmt(200 / (foldP50 / 1000), 0), "target > 200,000");
  const full = timeRuns(() => {
    const replay = replayLog(text);
    if (!replay.ok) throw new Error("replay failed");
  }, 50, 5);
  const fullP50 = percentile(full, 50);
  row("replay: whole file (JSON + zod + hash chain + scenario + fold), p50", `${fmt(fullP50)} ms`);
  row("replay: whole-file rate, actions per second", fmt(200 / (fullP50 / 1000), 0));
}

function benchFrontier(scenario: Scenario): void {
  const created = newMatch(scenario, { seed: "bench", players: seats });
  if (!created.ok) throw new Error(created.error.message);
  const state = created.value;
  const runs = timeRuns(() => computeAnalysis(scenario, state), 30);
  row(`frontier + Nash + KS, ${scenario.id} (${analyzeSpace(scenario, state).outcomes.toLocaleString()} outcomes), p50`, `${fmt(percentile(runs, 50))} ms`, "target < 50 ms");
  const a = effectiveSideTable(scenario, state, "japan");
  const b = effectiveSideTable(scenario, state, "us");
  const brute = timeRuns(() => paretoFrontierBruteForce(a, b, ratifiableOptions(scenario)), 5, 1);
  row("  same frontier by brute-force enumeration, p50", `${fmt(percentile(brute, 50))} ms`);
}

function syntheticTables(issues: number, options: number): [PointTable, PointTable] {
  const random = seedrandom("synthetic");
  const table = () => Array.from({ length: issues }, () => Array.from({ length: options }, () => random() * 40 - 20));
  return [table(), table()];
}

function benchSynthetic(): void {
  const [a, b] = syntheticTables(6, 10);
  const runs = timeRuns(() => nashPoint(paretoFrontier(a, b), { a: 0, b: 0 }), 10);
  row("frontier + Nash, synthetic 10^6 outcomes (6 issues × 10), p50", `${fmt(percentile(runs, 50))} ms`, "target < 1 s");
  const brute = timeRuns(() => nashPoint(paretoFrontierBruteForce(a, b), { a: 0, b: 0 }), 3, 1);
  row("  same by brute-force enumeration of all 10^6, p50", `${fmt(percentile(brute, 50))} ms`);
  sampleMemory();
}

export async function benchEngine(): Promise<void> {
  const scenario = builtinScenario("tariff-talks-2025")!;
  console.log("Engine");
  benchActionsPerSecond(scenario);
  benchReplay(scenario);
  benchFrontier(scenario);
  benchSynthetic();
}
