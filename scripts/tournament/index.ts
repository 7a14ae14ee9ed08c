import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { eventModes, type MatchSettingsInput } from "../../shared/engine/actions.js";
import { builtinScenario, builtinScenarioIds, DEFAULT_SCENARIO_ID } from "../../shared/scenarios/index.js";
import { resolveBot, strategyNames } from "../../shared/bots/index.js";
import { tournamentJobs } from "./jobs.js";
import { runTournament } from "./run.js";
import { formatTable, pairingRows, strategyRows, toCsv } from "./table.js";
import { progressBar } from "./progress.js";

const help = `Bot tournament: every pair of strategies, both ways round on both sides, over N seeds.

Usage: npm run tournament -- [options]

Options:
  --scenario ID        built-in scenario (${builtinScenarioIds().join(", ")}; default ${DEFAULT_SCENARIO_ID})
  --seeds N            matches per ordered pairing (default 20)
  --strategies LIST    comma-separated strategies or difficulty presets
                       (default: ${strategyNames.join(",")})
  --events MODE        ${eventModes.join(" | ")} (default both: the historical timeline plus the seeded deck)
  --no-variant         play the sheets as written (default: seeded private variant of each side's weights)
  --workers N          worker threads (default: one per core)
  --csv FILE           write the per-strategy table as CSV
  --pairs-csv FILE     write the per-pairing table as CSV
  --help               this text

Columns: agreement rate; mean final points (package minus delay costs, or no-deal value);
welfare = both sides' points; distance of the outcome to the Pareto frontier and to the Nash
point (points); joint gain = share of the maximum joint gain captured (0 without agreement);
rounds = mean round of agreement. Ranked by own points; "welfare rank" ranks by welfare.
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
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(help);
    return;
  }
  const scenario = builtinScenario(values.scenario);
  if (!scenario) fail(`Unknown scenario "${values.scenario}" (built in: ${builtinScenarioIds().join(", ")}).`);
  const seeds = Number(values.seeds);
  if (!Number.isInteger(seeds) || seeds < 1) fail(`--seeds must be a whole number of at least 1, not "${values.seeds}".`);
  const strategies = values.strategies.split(",").map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const name of strategies) {
    const resolved = resolveBot(name);
    if (!resolved.ok) fail(resolved.error.message);
  }
  if (!(eventModes as readonly string[]).includes(values.events)) fail(`--events must be one of ${eventModes.join(", ")}.`);
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 1)) fail(`--workers must be a whole number of at least 1.`);

  const settings: MatchSettingsInput = { events: values.events as MatchSettingsInput["events"], privateVariant: !values["no-variant"] };
  const jobs = tournamentJobs(scenario.id, strategies, seeds, settings);
  const started = performance.now();
  const bar = progressBar(process.stderr, jobs.length);
  const results = await runTournament(jobs, { ...(workers ? { workers } : {}), onResult: bar.update });
  const seconds = (performance.now() - started) / 1000;
  bar.finish(`${jobs.length} matches in ${seconds.toFixed(1)} s (${(jobs.length / seconds).toFixed(0)} matches/s)`);

  const sideNames = scenario.sides.map((s) => s.id) as [string, string];
  const byStrategy = strategyRows(results, sideNames);
  const byPairing = pairingRows(results, sideNames);
  process.stdout.write(
    `Tournament on ${scenario.id}: ${strategies.length} strategies, ${seeds} seeds per ordered pairing, events ${settings.events}, ` +
      `private variant ${settings.privateVariant ? "on" : "off"}.\n\n` +
      `By strategy (all its matches, both sides):\n\n${formatTable(byStrategy)}\n\n` +
      `By pairing (${sideNames[0]} first, ${sideNames[1]} second):\n\n${formatTable(byPairing)}\n`,
  );
  if (values.csv) writeFileSync(values.csv, toCsv(byStrategy));
  if (values["pairs-csv"]) writeFileSync(values["pairs-csv"], toCsv(byPairing));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
