import os from "node:os";
import { benchBots } from "./bots.js";
import { benchClient } from "./client.js";
import { benchDelivery } from "./delivery.js";
import { benchEngine } from "./engine.js";
import { benchReplayCli } from "./replay.js";
import { benchReplayBrowser } from "./replay-browser.js";
import { fmt, peakMemory, row } from "./measure.js";

/** `npm run bench [section…]`: prints the numbers the issues set targets for, on this machine. */
const sections: Record<string, () => Promise<void> | void> = {
  engine: benchEngine,
  "replay-cli": benchReplayCli,
  bots: benchBots,
  client: benchClient,
  "replay-browser": benchReplayBrowser,
  delivery: benchDelivery,
};
const asked = process.argv.slice(2);
if (asked.includes("--help") || asked.includes("-h")) {
  console.log(`Usage: npm run bench [-- section…]\nRuns every benchmark section, or only those named: ${Object.keys(sections).join(", ")}.`);
  process.exit(0);
}
const unknown = asked.filter((name) => !(name in sections));
if (unknown.length > 0) {
  console.error(`No benchmark section "${unknown.join('", "')}". Sections: ${Object.keys(sections).join(", ")}.`);
  process.exit(2);
}
console.log(`Tariff Talks benchmarks — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}`);
for (const [name, run] of Object.entries(sections)) {
  if (asked.length === 0 || asked.includes(name)) await run();
}

const memory = peakMemory();
console.log("Memory");
row("peak RSS of the benchmark process", `${fmt(memory.rssMb, 0)} MB`);
row("peak heap used", `${fmt(memory.heapMb, 0)} MB`);
