import { spawnSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * `npm run bench:server` itself, at a tiny scale (its figures belong to a quiet machine, not to a
 * test): it plays real matches through SDK clients, prints its table and checks, and with
 * `--profile 1` leaves a CPU profile of the measured window that Chrome's DevTools can open.
 */

const root = path.resolve(import.meta.dirname, "../..");

describe("npm run bench:server", () => {
  it("plays a few matches from two load processes, prints its merged table and checks, and writes a readable CPU profile of the window", () => {
    const run = spawnSync(
      path.join(root, "node_modules/.bin/tsx"),
      ["scripts/bench-server/run.ts", "--matches", "4", "--seconds", "2", "--warmup", "1", "--baseline", "0", "--profile", "1", "--load-processes", "2"],
      { cwd: root, encoding: "utf8", timeout: 170_000 },
    );
    const out = run.stdout;
    expect(run.status, run.stderr).toBe(0);
    expect(out).toContain("4 matches (8 clients, 2 load process(es)) connected");
    // Both processes' clients act (each client about once a second) and their latencies are merged.
    const actionsPerSecond = Number(/actions\/s\s+([\d.]+)/.exec(out)?.[1]);
    expect(actionsPerSecond).toBeGreaterThan(6);
    expect(out).toContain("PASS  no errors or timeouts");
    const samples = Number(/samples\s+(\d+)/.exec(out)?.[1]);
    expect(samples).toBeGreaterThan(10);
    const file = /CPU profile of the window[^:]*: (\S+\.cpuprofile)/.exec(out)?.[1];
    expect(file, out).toBeDefined();
    const profile = JSON.parse(readFileSync(file!, "utf8")) as { nodes: { callFrame: { url: string } }[]; samples: number[] };
    rmSync(file!);
    expect(profile.samples.length).toBeGreaterThan(10);
    // The window's profile sees the game server's own code at work.
    expect(profile.nodes.some((node) => /\/(server|shared)\/.+\.ts$/.test(node.callFrame.url))).toBe(true);
  }, 180_000);
});
