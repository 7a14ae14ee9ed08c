import { builtinScenario, DEFAULT_SCENARIO_ID } from "../../shared/index.js";
import { botMove, playBotMatch, resolveBot, strategyNames, type BotSpec } from "../../shared/bots/index.js";
import { tournamentJobs } from "../tournament/jobs.js";
import { runTournament } from "../tournament/run.js";
import { fmt, percentile, row, runWhenMain, sampleMemory } from "./measure.js";

/**
 * Bot benchmarks (issue 4): time per bot decision (p50/p99, every strategy, both sides, on the
 * default scenario with events and private variants), and tournament matches per second.
 */

const settings = { events: "both" as const, privateVariant: true };

function spec(name: string): BotSpec {
  const resolved = resolveBot(name);
  if (!resolved.ok) throw new Error(resolved.error.message);
  return resolved.value;
}

export async function benchBots(): Promise<void> {
  const scenario = builtinScenario(DEFAULT_SCENARIO_ID)!;
  console.log(`Bots (${DEFAULT_SCENARIO_ID})`);

  // Every ordered pairing over a few seeds; time each botMove call as the match plays it, and
  // keep its inputs to time it again on its own.
  const inPlay: number[] = [];
  const decisions: Parameters<typeof botMove>[] = [];
  const timedMove: typeof botMove = (bot, view, ctx) => {
    const start = performance.now();
    const move = botMove(bot, view, ctx);
    inPlay.push(performance.now() - start);
    decisions.push([bot, view, ctx]);
    return move;
  };
  const play = (seed: string) => {
    for (const a of strategyNames) {
      for (const b of strategyNames) playBotMatch(scenario, { seed, settings, seats: { japan: { spec: spec(a) }, us: { spec: spec(b) } }, move: timedMove });
    }
  };
  play("warm-up");
  inPlay.length = 0;
  decisions.length = 0;
  const started = performance.now();
  const seeds = 8;
  for (let k = 0; k < seeds; k++) play(`bench-${k}`);
  const elapsed = (performance.now() - started) / 1000;
  sampleMemory();
  inPlay.sort((a, b) => a - b);
  // The same decisions again, each the median of 5 runs: the cost of deciding, without the
  // garbage-collector pauses and scheduler stalls a busy machine drops into single timings.
  const isolated = decisions
    .map((args) => {
      const runs: number[] = [];
      for (let r = 0; r < 5; r++) {
        const start = performance.now();
        botMove(...args);
        runs.push(performance.now() - start);
      }
      return runs.sort((a, b) => a - b)[2]!;
    })
    .sort((a, b) => a - b);
  row(`bot decision, p50 (${isolated.length} decisions, median of 5 runs each)`, `${fmt(percentile(isolated, 50), 3)} ms`);
  row("bot decision, p99", `${fmt(percentile(isolated, 99), 3)} ms`, "target < 5 ms");
  row("bot decision, max", `${fmt(isolated.at(-1)!, 3)} ms`);
  row("bot decision in play (single timings), p50 / p99", `${fmt(percentile(inPlay, 50), 3)} / ${fmt(percentile(inPlay, 99), 3)} ms`);
  row("bot-vs-bot matches per second, one thread (engine + bots)", fmt((seeds * strategyNames.length ** 2) / elapsed, 0));

  // The tournament as `npm run tournament` runs it: worker threads, metrics for every match.
  const jobs = tournamentJobs(scenario.id, strategyNames, 10, settings);
  const tournamentStart = performance.now();
  await runTournament(jobs);
  const tournamentSeconds = (performance.now() - tournamentStart) / 1000;
  row(`tournament matches/s (${jobs.length}, worker start-up included)`, fmt(jobs.length / tournamentSeconds, 0));
}

runWhenMain(import.meta.url, benchBots);
