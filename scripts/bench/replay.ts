import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import seedrandom from "seedrandom";
import { builtinScenarioSource, recordAction, startRecordedMatch, type Action } from "../../shared/index.js";
import { fmt, row } from "./measure.js";

/** Replay benchmarks (issue 7): the command line summarising a class-sized folder of logs. */

const seats = [
  { id: "j1", name: "Aki", side: "japan", role: "chief" },
  { id: "u1", name: "Sam", side: "us", role: "treasury" },
];

/** A finished match of a few dozen actions, different for each seed. */
function playedLog(seed: number): string {
  const started = startRecordedMatch({ matchId: `BENCH${seed}`, scenarioSource: builtinScenarioSource("tariff-talks-2025"), seed: `bench-${seed}`, settings: { events: "both", privateVariant: seed % 2 === 0 }, seats, createdAt: "2026-11-26T09:00:00.000Z" });
  if (!started.ok) throw new Error(started.error.message);
  let match = started.value.match;
  const lines = [...started.value.lines];
  const random = seedrandom(`bench-play-${seed}`);
  const step = (action: Action) => {
    const next = recordAction(match, action, "2026-11-26T09:01:00.000Z");
    if (!next.ok) throw new Error(next.error.message);
    match = next.value.match;
    lines.push(...next.value.lines);
  };
  step({ type: "start" });
  while (match.state.phase !== "ended") {
    const by = match.state.turn === "japan" ? "j1" : "u1";
    if (random() < 0.5) step({ type: "chat", by, text: "What about cars?", to: random() < 0.5 ? "table" : "team" });
    if (match.state.standingProposalId && random() < 0.08) step({ type: "accept", by, proposalId: match.state.standingProposalId });
    else {
      const offer = Object.fromEntries(match.scenario.issues.map((issue) => [issue.id, issue.options[Math.floor(random() * issue.options.length)]!.id]));
      step({ type: "propose", by, offer });
    }
  }
  return lines.join("\n") + "\n";
}

export async function benchReplayCli(): Promise<void> {
  console.log("Replay command line");
  const dir = mkdtempSync(join(tmpdir(), "bench-logs-"));
  try {
    let actions = 0;
    for (let i = 0; i < 1000; i++) {
      const text = playedLog(i);
      actions += text.split("\n").length - 3;
      writeFileSync(join(dir, `m${String(i).padStart(4, "0")}.jsonl`), text);
    }
    const start = performance.now();
    const out = spawnSync(join("node_modules", ".bin", "tsx"), ["scripts/replay/main.ts", "--dir", dir, "--csv", join(dir, "out.csv")], { encoding: "utf8" });
    const seconds = (performance.now() - start) / 1000;
    if (out.status !== 0) throw new Error(`replay --dir failed: ${out.stderr}`);
    row(`npm run replay -- --dir: 1,000 logs (${fmt(actions / 1000, 0)} actions each on average), whole command`, `${fmt(seconds)} s`, "target < 5 s");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
