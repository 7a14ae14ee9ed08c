import { parseArgs } from "node:util";
import { summarizeScenario } from "../../shared/metrics/scenario-summary.js";
import { formatSummary } from "./check.js";
import { loadScenarioFile } from "../../server/scenario-files.js";
import { importGeniusCommand } from "./import-genius-command.js";

const help = `Scenario files: check one, or import one from GENIUS.

Usage:
  npm run scenario -- check FILE [--json]
  npm run scenario -- import-genius DOMAIN.xml PROFILE_A.xml PROFILE_B.xml --out FILE.json [options]
  npm run scenario -- COMMAND --help

check          validates a scenario file (docs/scenario-format.md). A bad file: every problem as
               "path: reason", exit 1. A good one: its sides, issues, outcomes, the size of the
               Pareto frontier, the Nash point and each side's best and worst deal (on the sheets
               as written: no private variant, no events). --json prints the same as JSON.
import-genius  turns a GENIUS/ANAC linear additive domain and two preference profiles into a
               scenario file (see its --help).
`;

const checkHelp = `Usage: npm run scenario -- check FILE [--json]

Validates a scenario file. Problems are printed one a line as "path: reason" (exit 1); a valid
file gets a summary: sides, issues, outcomes (and how many pass every red line), the Pareto
frontier's size, the Nash point, the maximum joint gain and each side's best and worst deal.
--json prints the summary as JSON.
`;

function check(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { json: { type: "boolean", default: false }, help: { type: "boolean", default: false } } });
  if (values.help) {
    process.stdout.write(checkHelp);
    return 0;
  }
  if (positionals.length !== 1) {
    process.stderr.write(`check wants one scenario file.\n\n${checkHelp}`);
    return 2;
  }
  const loaded = loadScenarioFile(positionals[0]!);
  if (!loaded.ok) {
    process.stdout.write(loaded.problems.map((p) => `${p.path}: ${p.message}\n`).join(""));
    process.stderr.write(`${positionals[0]}: ${loaded.problems.length} problem${loaded.problems.length === 1 ? "" : "s"}.\n`);
    return 1;
  }
  const summary = summarizeScenario(loaded.scenario);
  process.stdout.write(values.json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary));
  return 0;
}

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(help);
    return command === undefined ? 2 : 0;
  }
  try {
    if (command === "check") return check(rest);
    if (command === "import-genius") return importGeniusCommand(rest);
  } catch (error) {
    // parseArgs' own messages (an unknown option, a missing value) are clear enough to show as they are.
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\nRun with --help for the options.\n`);
    return 2;
  }
  process.stderr.write(`Unknown command "${command}".\n\n${help}`);
  return 2;
}

process.exitCode = main(process.argv.slice(2));
