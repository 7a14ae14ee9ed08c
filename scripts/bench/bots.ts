import { pathToFileURL } from "node:url";
import { builtinScenario, DEFAULT_SCENARIO_ID } from "../../shared/index.js";
import { botMove, playBotMatch, resolveBot, strategyNames, type BotSpec } from "../../shared/bots/index.js";
import { tournamentJobs } from "../tournament/jobs.js";
import { runTournament } from "../tournament/run.js";
import { fmt, percentile, row, sampleMemory } from "./measure.js";

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

  // Every ordered pairing over a few seeds; time each botMove call alone.
  const times: number[] = [];
  const timedMove: typeof botMove = (bot, view, ctx) => {
    const start = performance.now();
    const move = botMove(bot, view, ctx);
    times.push(performance.now() - start);
    return move;
  };
  const play = (seed: string) => {
    for (const a of strategyNames) {
      for (const b of strategyNames) playBotMatch(scenario, { seed, settings, seats: { japan: { spec: spec(a) }, us: { spec: spec(b) } }, move: timedMove });
    }
  };
  play("warm-up");
  times.length = 0;
  const started = performance.now();
  const seeds = 8;
  for (let k = 0; k < seeds; k++) play(`bench-${k}`);
  const elapsed = (performance.now() - started) / 1000;
  sampleMemory();
  times.sort((a, b) => a - b);
  row(`bot decision, p50 (${times.length} decisions)`, `${fmt(percentile(times, 50), 3)} ms`);
  row("bot decision, p99", `${fmt(percentile(times, 99), 3)} ms`, "target < 5 ms");
  row("bot decision, max", `${fmt(times.at(-1)!, 3)} ms`);
  row("bot-vs-bot matches per second, one thread (engine + bots)", fmt((seeds * strategyNames.length ** 2) / elapsed, 0));

  // The tournament as `npm run tournament` runs it: worker threads, metrics for every match.
  const jobs = tournamentJobs(scenario.id, strategyNames, 4, settings);
  const tournamentStart = performance.now();
  await runTournament(jobs);
  const tournamentSeconds = (performance.now() - tournamentStart) / 1000;
  row(`tournament matches per second (${jobs.length} matches, worker threads)`, fmt(jobs.length / tournamentSeconds, 0));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchBots();
