import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import type { GcPauses } from "./gc-pauses.js";
import { cpuSeconds, percentile } from "./stats.js";

/**
 * The load of bench:server in several processes (load.ts each), played as one. Thousands of SDK
 * clients in one process share its event loop and its garbage collector: every pause of that one
 * process delays every client's messages at once, which real clients (each in its own browser)
 * never do. So the matches can be dealt out to several processes (`--load-processes`); each
 * connects its share, all start together on `go`, and their latencies are merged before the
 * percentiles are taken.
 */

export type LoadResult = {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  actionsPerSecond: number;
  errors: number;
  timeouts: number;
  connectSeconds: number;
  gc: GcPauses;
};

type Share = { child: ChildProcess; result?: LoadResult & { latencies: number[] } };

export type LoadEvents = {
  /** Every process has connected its matches (they start playing now). */
  connected(): void;
  /** The measured window begins (the first process to say so) and ends (the last). */
  windowStart(): void;
  windowEnd(): void;
};

export class LoadProcesses {
  private readonly shares: Share[];

  constructor(
    root: string,
    options: { port: number; room: string; matches: number; warmupSeconds: number; seconds: number; processes: number },
    nodeArgsFor: (matches: number) => string[],
  ) {
    const per = Math.ceil(options.matches / options.processes);
    this.shares = [];
    for (let first = 0; first < options.matches; first += per) {
      const matches = Math.min(per, options.matches - first);
      const args = { port: options.port, room: options.room, matches, warmupSeconds: options.warmupSeconds, seconds: options.seconds, chatEvery: 5, first, waitForGo: true };
      const child = spawn(process.execPath, [...nodeArgsFor(matches), "--import", "tsx", "scripts/bench-server/load.ts", JSON.stringify(args)], {
        cwd: root,
        stdio: ["pipe", "pipe", "inherit"],
      });
      this.shares.push({ child });
    }
  }

  get count(): number {
    return this.shares.length;
  }

  /** CPU seconds of every load process together. */
  cpuSeconds(): number {
    return this.shares.reduce((sum, share) => sum + cpuSeconds(share.child.pid!), 0);
  }

  kill(signal: NodeJS.Signals): void {
    for (const share of this.shares) share.child.kill(signal);
  }

  /** Runs the load to its result, reporting its moments on the way. */
  run(events: LoadEvents): Promise<LoadResult> {
    return new Promise((resolve, reject) => {
      let connected = 0;
      let started = 0;
      let ended = 0;
      let results = 0;
      for (const share of this.shares) {
        share.child.once("exit", (code) => code !== 0 && reject(new Error(`a load generator exited with ${code}`)));
        createInterface({ input: share.child.stdout! }).on("line", (line) => {
          if (line === "connected" && ++connected === this.shares.length) {
            events.connected();
            for (const { child } of this.shares) child.stdin!.write("go\n");
          }
          if (line === "measure-start" && ++started === 1) events.windowStart();
          if (line === "measure-end" && ++ended === this.shares.length) events.windowEnd();
          if (line.startsWith("result ")) {
            share.result = JSON.parse(line.slice(7)) as Share["result"];
            if (++results === this.shares.length) resolve(this.merged());
          }
        });
      }
    });
  }

  private merged(): LoadResult {
    const results = this.shares.map((share) => share.result!);
    const latencies = results.flatMap((r) => r.latencies).sort((a, b) => a - b);
    const sum = (pick: (r: LoadResult) => number) => results.reduce((total, r) => total + pick(r), 0);
    return {
      samples: latencies.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
      actionsPerSecond: sum((r) => r.actionsPerSecond),
      errors: sum((r) => r.errors),
      timeouts: sum((r) => r.timeouts),
      connectSeconds: Math.max(...results.map((r) => r.connectSeconds)),
      gc: {
        minor: sum((r) => r.gc.minor),
        minorMs: sum((r) => r.gc.minorMs),
        major: sum((r) => r.gc.major),
        majorMs: sum((r) => r.gc.majorMs),
        longestMs: Math.max(...results.map((r) => r.gc.longestMs)),
      },
    };
  }
}
