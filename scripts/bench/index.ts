import os from "node:os";
import { benchBots } from "./bots.js";
import { benchClient } from "./client.js";
import { benchEngine } from "./engine.js";
import { benchReplayCli } from "./replay.js";
import { benchReplayBrowser } from "./replay-browser.js";
import { fmt, peakMemory, row } from "./measure.js";

/** `npm run bench`: prints the numbers the issues set targets for, on this machine. */
console.log(`Tariff Talks benchmarks — node ${process.version}, ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}`);
await benchEngine();
await benchReplayCli();
await benchBots();
await benchClient();
await benchReplayBrowser();

const memory = peakMemory();
console.log("Memory");
row("peak RSS of the benchmark process", `${fmt(memory.rssMb, 0)} MB`);
row("peak heap used", `${fmt(memory.heapMb, 0)} MB`);
