import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { availableParallelism } from "node:os";
import { eventModes, type MatchSettingsInput } from "../../shared/engine/actions.js";
import { builtinScenarioIds, DEFAULT_SCENARIO_ID } from "../../shared/scenarios/index.js";
import { resolveBot, strategyNames } from "../../shared/bots/index.js";
import { tournamentJobs } from "./jobs.js";
import { runTournament } from "./run.js";
import { formatTable, pairingRows, strategyRows, toCsv } from "./table.js";
import { progressBar } from "./progress.js";
import { resolveTournamentScenario } from "./scenario.js";
import { formatLostMoves, isExternal, runExternalJobs, type ExternalBot } from "./external.js";
import { parseExternalBots, parseLimits } from "./external-options.js";
import { killAllStdioBots } from "../stdio-bot/stdio-bot.js";

const help = `Bot tournament: every pair of strategies, both ways round on both sides, over N seeds.

Usage: npm run tournament -- [options]

Options:
  --scenario ID|FILE   built-in scenario (${builtinScenarioIds().join(", ")}; default ${DEFAULT_SCENARIO_ID})
                       or a scenario file (.json), e.g. one made by npm run scenario -- import-genius
  --seeds N            matches per ordered pairing (default 20)
  --strategies LIST    comma-separated strategies or difficulty presets
                       (default: ${strategyNames.join(",")})
  --events MODE        ${eventModes.join(" | ")} (default both: the historical timeline plus the seeded deck)
  --no-variant         play the sheets as written (default: seeded private variant of each side's weights)
  --bot NAME=COMMAND   enter an external bot: a program that speaks the stdio protocol of
                       docs/bots.md, e.g. --bot mine="python3 examples/bots/python/bot.py";
                       repeat for more bots. They play every strategy, as the built-ins do
  --move-ms N          an external bot's time to answer a view (default 1000)
  --startup-ms N       extra time for its first answer, while the program loads (default 5000)
  --budget-ms N        its total answering time per match (default 60000)
  --bot-logs DIR       where each external match's log and stderr go
                       (default data/bot-logs/<date and time>)
  --workers N          worker threads (default: one per core)
  --csv FILE           write the per-strategy table as CSV
  --pairs-csv FILE     write the per-pairing table as CSV
  --help               this text

Columns: agreement rate; mean final points (package minus delay costs, or no-deal value);
welfare = both sides' points; distance of the outcome to the Pareto frontier and to the Nash
point (points); joint gain = share of the maximum joint gain captured (0 without agreement);
rounds = mean round of agreement. Ranked by own points; "welfare rank" ranks by welfare.
With external bots: "lost moves" = moves lost per match (timeout, crash, garbage, an illegal
action: the turn passes), and a list of each bot's lost moves by reason.
`;

function fail(message: string): never {
  process.stderr.write(`${message}\n\nRun with --help for the options.\n`);
  process.exit(2);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      scenario: { type: "string", default: DEFAULT_SCENARIO_ID },
      seeds: { type: "string", default: "20" },
      strategies: { type: "string", default: strategyNames.join(",") },
      events: { type: "string", default: "both" },
      "no-variant": { type: "boolean", default: false },
      workers: { type: "string" },
      csv: { type: "string" },
      "pairs-csv": { type: "string" },
      bot: { type: "string", multiple: true, default: [] },
      "move-ms": { type: "string" },
      "startup-ms": { type: "string" },
      "budget-ms": { type: "string" },
      "bot-logs": { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(help);
    return;
  }
  const resolved = resolveTournamentScenario(values.scenario);
  if (!resolved.ok) fail(`Unknown scenario: ${resolved.message} (built in: ${builtinScenarioIds().join(", ")}).`);
  const scenario = resolved.scenario;
  const seeds = Number(values.seeds);
  if (!Number.isInteger(seeds) || seeds < 1) fail(`--seeds must be a whole number of at least 1, not "${values.seeds}".`);
  const builtins = values.strategies.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const name of builtins) {
    const resolved = resolveBot(name);
    if (!resolved.ok) fail(resolved.error.message);
  }
  const externalBots = parseExternalBots(values.bot);
  if (!externalBots.ok) fail(externalBots.error);
  const limits = parseLimits(values);
  if (!limits.ok) fail(limits.error);
  const bots: ExternalBot[] = externalBots.value;
  const strategies = [...builtins, ...bots.map((b) => b.name)];
  if (!(eventModes as readonly string[]).includes(values.events)) fail(`--events must be one of ${eventModes.join(", ")}.`);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) fail(`--workers must be a whole number of at least 1.`);

  const settings: MatchSettingsInput = { events: values.events as MatchSettingsInput["events"], privateVariant: !values["no-variant"] };
  let externalDone = 0;
  const jobs = tournamentJobs(values.scenario, strategies, seeds, settings);
  const internalJobs = jobs.filter((job) => !isExternal(bots, job.a) && !isExternal(bots, job.b));
  const externalJobs = jobs.filter((job) => isExternal(bots, job.a) || isExternal(bots, job.b));
  const logDir = bots.length === 0 ? undefined : (values["bot-logs"] ?? `data/bot-logs/${new Date().toISOString().replace(/[:.]/g, "-")}`);
  const started = performance.now();
  const bar = progressBar(process.stderr, jobs.length);
  const results = await runTournament(internalJobs, { ...(workers ? { workers } : {}), onResult: bar.update });
  // A Ctrl-C must not leave bot programs behind.
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.once(signal, () => (killAllStdioBots(), process.exit(130)));
  const external = await runExternalJobs(scenario, externalJobs, {
    bots,
    limits: limits.value,
    concurrency: workers ?? availableParallelism(),
    ...(logDir ? { logDir } : {}),
    onResult: () => bar.update(results.length + ++externalDone),
  });
  results.push(...external.results);
  const seconds = (performance.now() - started) / 1000;
  bar.finish(`${jobs.length} matches in ${seconds.toFixed(1)} s (${(jobs.length / seconds).toFixed(0)} matches/s)`);

  const sideNames = scenario.sides.map((s) => s.id) as [string, string];
  const byStrategy = strategyRows(results, sideNames, { lostMoves: bots.length > 0 });
  const byPairing = pairingRows(results, sideNames);
  process.stdout.write(
    `Tournament on ${scenario.id}: ${strategies.length} strategies, ${seeds} seeds per ordered pairing, events ${settings.events}, ` +
      `private variant ${settings.privateVariant ? "on" : "off"}.\n\n` +
      `By strategy (all its matches, both sides):\n\n${formatTable(byStrategy)}\n\n` +
      `By pairing (${sideNames[0]} first, ${sideNames[1]} second):\n\n${formatTable(byPairing)}\n` +
      (bots.length > 0 ? `\nExternal bots' lost moves:\n${formatLostMoves(external.lostMoves, logDir)}\n` : ""),
  );
  if (values.csv) writeFileSync(values.csv, toCsv(byStrategy));
  if (values["pairs-csv"]) writeFileSync(values["pairs-csv"], toCsv(byPairing));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
