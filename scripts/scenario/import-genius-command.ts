import { readFileSync, writeFileSync } from "node:fs";
import { basename } from "node:path";
import { parseArgs } from "node:util";
import { summarizeScenario } from "../../shared/metrics/scenario-summary.js";
import { importGenius, safeId } from "../../shared/scenario/genius/index.js";
import { parseScenario } from "../../shared/scenario/parse.js";
import { describeProblems } from "../../shared/util/problems.js";
import { formatSummary } from "./check.js";

export const importGeniusHelp = `Usage: npm run scenario -- import-genius DOMAIN.xml PROFILE_A.xml PROFILE_B.xml --out FILE.json [options]

Turns a GENIUS/ANAC linear additive domain and its two preference profiles into a scenario file.
Profile A plays side "a" (it moves first), profile B side "b".

  --out FILE      the scenario file to write (required)
  --id ID         scenario id (default: from the domain's file name)
  --title TEXT    title (default: from the domain's file name)
  --names A,B     the sides' names (default: the profiles' file names)
  --rounds N      rounds of offers, 2-100 (default 10): GENIUS sets deadlines per session
  --help          this text

Mapping (docs/scenario-format.md): points = 100 × GENIUS utility (weights × evaluations, the
evaluations divided by the issue's largest when one is above 1); no deal = 100 × reservation
value; delay cost per round = 100 × (1 − discount factor) / (rounds − 1). Refused with a message:
integer and real issues, nested objectives, nonlinear or constraint utilities, negative
evaluations, a profile that does not match the domain.
`;

function readText(file: string): string {
  try {
    return readFileSync(file, "utf8");
  } catch (error) {
    throw new Error(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

const stem = (file: string) => basename(file).replace(/\.xml$/i, "");

export function importGeniusCommand(args: string[]): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      out: { type: "string" },
      id: { type: "string" },
      title: { type: "string" },
      names: { type: "string" },
      rounds: { type: "string", default: "10" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    process.stdout.write(importGeniusHelp);
    return 0;
  }
  if (positionals.length !== 3 || !values.out) {
    process.stderr.write(`import-genius wants a domain, two profiles and --out.\n\n${importGeniusHelp}`);
    return 2;
  }
  const [domainFile, profileA, profileB] = positionals as [string, string, string];
  const names = values.names ? values.names.split(",").map((n) => n.trim()) : [stem(profileA), stem(profileB)];
  if (names.length !== 2 || names.some((n) => n === "")) {
    process.stderr.write(`--names wants two names separated by a comma, not "${values.names}".\n`);
    return 2;
  }
  const domainStem = stem(domainFile).replace(/[-_ ]?domain$/i, "") || stem(domainFile);
  const imported = importGenius(readText(domainFile), [readText(profileA), readText(profileB)], {
    id: values.id ?? safeId(domainStem.toLowerCase(), "genius-domain", new Set()),
    title: values.title ?? `${domainStem} (GENIUS)`,
    sideNames: names as [string, string],
    rounds: Number(values.rounds),
    source: basename(domainFile),
  });
  if (!imported.ok) {
    process.stdout.write(imported.problems.map((p) => `${p}\n`).join(""));
    process.stderr.write(`Nothing written: ${imported.problems.length} problem${imported.problems.length === 1 ? "" : "s"}.\n`);
    return 1;
  }
  // The same checks as any scenario file (an --id with a bad character, say).
  const parsed = parseScenario(imported.scenario);
  if (!parsed.ok) {
    process.stdout.write(parsed.error.map((p) => `${p.path}: ${p.message}\n`).join(""));
    process.stderr.write(`Nothing written: ${describeProblems(parsed.error, 1)}\n`);
    return 1;
  }
  writeFileSync(values.out, `${JSON.stringify(imported.scenario, null, 2)}\n`);
  for (const note of imported.notes) process.stderr.write(`note: ${note}\n`);
  process.stdout.write(`Wrote ${values.out}.\n\n${formatSummary(summarizeScenario(parsed.value))}`);
  return 0;
}
