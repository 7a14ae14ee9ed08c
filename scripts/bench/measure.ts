import { pathToFileURL } from "node:url";

/** Small timing helpers for the benchmarks: repeat, take percentiles, track peak memory. */

let peakRss = 0;
let peakHeap = 0;

export function sampleMemory(): void {
  const { rss, heapUsed } = process.memoryUsage();
  peakRss = Math.max(peakRss, rss);
  peakHeap = Math.max(peakHeap, heapUsed);
}

export const peakMemory = () => ({ rssMb: peakRss / 2 ** 20, heapMb: peakHeap / 2 ** 20 });

/** Runs `fn` `times` times after `warmup` runs; returns each run's milliseconds, sorted. */
export function timeRuns(fn: () => void, times: number, warmup = 2): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const runs: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    fn();
    runs.push(performance.now() - start);
    sampleMemory();
  }
  return runs.sort((a, b) => a - b);
}

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export function row(label: string, value: string, target = ""): void {
  console.log(`  ${label.padEnd(58)} ${value.padStart(16)}  ${target}`);
}

export const fmt = (n: number, digits = 2) => n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Runs a benchmark section when its file is the script node was started with (e.g. `npm run bench:client`). */
export function runWhenMain(moduleUrl: string, run: () => Promise<void> | void): void {
  if (!process.argv[1] || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  Promise.resolve(run()).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
