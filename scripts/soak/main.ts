import "../../server/native-hash.js";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs, usage } from "./args.js";
import { fuzz, type FuzzCounts } from "./fuzz.js";
import { killRounds, type KillCounts } from "./kill.js";
import { freePort, ServerProcess } from "./server-process.js";

/** `npm run soak`: see ./args.ts for what it does and its options. */

const n = (value: number) => value.toLocaleString("en-US");

function printFuzz(c: FuzzCounts): number {
  const failures = c.crashes + c.unanswered + c.refusedButChanged + c.logsDamaged + c.logsNotSigned;
  console.log(`Part 1, random and malformed messages (${c.seconds} s, ${n(c.matches)} matches):`);
  console.log(`  messages sent                  ${n(c.messages)}`);
  console.log(`  answered with an error         ${n(c.answeredWithError)}  (of which rate-limited ${n(c.rateLimited)})`);
  console.log(`  answered with a view (sync)    ${n(c.answeredWithView)}`);
  console.log(`  applied (actions in the logs)  ${n(c.applied)}`);
  console.log(`  unanswered                     ${n(c.unanswered)}`);
  console.log(`  state changed by a refusal     ${n(c.refusedButChanged)}`);
  console.log(`  server crashes                 ${n(c.crashes)}`);
  console.log(`  logs replayed                  ${n(c.logs)} (${n(c.logsEnded)} ended), damaged ${n(c.logsDamaged)}, ended but not signed by the server ${n(c.logsNotSigned)}`);
  console.log(`  error codes                    ${Object.entries(c.errorsByCode).sort((a, b) => b[1] - a[1]).map(([code, k]) => `${code} ${n(k)}`).join(", ")}`);
  return failures;
}

function printKill(c: KillCounts): number {
  const failures = c.crashes + c.missing + c.notResumed;
  console.log(`Part 2, kill -9 during live play (${c.seconds} s):`);
  console.log(`  rounds (kill -9, restart)      ${n(c.rounds)}`);
  console.log(`  matches started                ${n(c.matchesStarted)}`);
  console.log(`  acknowledged actions           ${n(c.acknowledged)}`);
  console.log(`  acknowledged, missing in logs  ${n(c.missing)}`);
  console.log(`  resumptions checked            ${n(c.resumeChecks)}, not resumed ${n(c.notResumed)}`);
  console.log(`  unexpected server exits        ${n(c.crashes)}`);
  return failures;
}

async function main(): Promise<number> {
  const parsed = parseArgs(process.argv.slice(2));
  if (!parsed.ok) {
    console.error(`${parsed.message}\n\n${usage}`);
    return 2;
  }
  if ("help" in parsed) {
    console.log(usage);
    return 0;
  }
  const args = parsed.args;
  console.log(`Soak test, seed "${args.seed}"`);
  let failures = 0;
  const problems: string[] = [];
  const folders: string[] = [];
  const folder = (name: string) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), `tt-soak-${name}-`));
    folders.push(dir);
    return dir;
  };
  try {
    if (args.only !== "kill") {
      const server = new ServerProcess(folder("fuzz"), await freePort());
      await server.start();
      try {
        const counts = await fuzz(server, { seed: args.seed, messages: args.messages, matches: args.matches, seconds: args.seconds });
        failures += printFuzz(counts);
        if (counts.messages < args.messages) console.log(`  (the time limit of ${args.seconds} s stopped it before ${n(args.messages)} messages)`);
        problems.push(...counts.problems);
      } finally {
        await server.stop();
      }
    }
    if (args.only !== "fuzz") {
      const server = new ServerProcess(folder("kill"), await freePort());
      try {
        const counts = await killRounds(server, { seed: args.seed, rounds: args.rounds, matches: args.killMatches });
        failures += printKill(counts);
        problems.push(...counts.problems);
      } finally {
        await server.stop();
      }
    }
  } finally {
    if (args.keep) console.log(`Data folders kept: ${folders.join(", ")}`);
    else for (const dir of folders) rmSync(dir, { recursive: true, force: true });
  }
  for (const problem of problems.slice(0, 20)) console.log(`  problem: ${problem}`);
  if (problems.length > 20) console.log(`  … and ${problems.length - 20} more`);
  console.log(failures === 0 && problems.length === 0 ? "Soak passed: every failure count is 0." : `Soak FAILED: ${failures} failure(s), ${problems.length} problem(s).`);
  return failures === 0 && problems.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`The soak test stopped: ${error.message}`);
    process.exit(1);
  },
);
