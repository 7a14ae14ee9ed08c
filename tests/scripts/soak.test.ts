import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../scripts/soak/args.js";

/** `npm run soak`: its options, and a short real run against real server processes that prints the counts. */

const root = path.resolve(import.meta.dirname, "../..");

describe("npm run soak", () => {
  it("takes its options, explains them on --help, and refuses a typo or a bad value", () => {
    const defaults = parseArgs([]);
    expect(defaults.ok && "args" in defaults && defaults.args).toMatchObject({ seed: "soak", messages: 100_000, rounds: 100, keep: false });
    const small = parseArgs(["--messages", "5000", "--rounds", "5", "--seed", "x", "--kill-matches", "2", "--only", "kill"]);
    expect(small.ok && "args" in small && small.args).toMatchObject({ messages: 5000, rounds: 5, seed: "x", killMatches: 2, only: "kill" });
    expect(parseArgs(["--rounds", "5", "--help"])).toEqual({ ok: true, help: true });
    expect(parseArgs(["--round", "5"])).toEqual({ ok: false, message: "Unknown option --round." });
    const bad = parseArgs(["--messages", "0"]);
    expect(bad.ok ? "accepted" : bad.message).toMatch(/^--messages: /);
    expect(parseArgs(["--only", "both"]).ok).toBe(false);
    expect(parseArgs(["--rounds"])).toEqual({ ok: false, message: "--rounds needs a value after it." });
  });

  it("runs both parts at a small scale and prints the counts, all failure counts 0", () => {
    const run = spawnSync(path.join(root, "node_modules/.bin/tsx"), ["scripts/soak/main.ts", "--messages", "600", "--matches", "2", "--rounds", "2", "--kill-matches", "2", "--seed", "test"], { cwd: root, encoding: "utf8", timeout: 170_000 });
    const out = run.stdout;
    expect(out, run.stderr).toContain("Soak passed: every failure count is 0.");
    expect(run.status).toBe(0);
    const count = (label: string) => Number(new RegExp(`${label}\\s+([\\d,]+)`).exec(out)?.[1]?.replace(/,/g, "") ?? NaN);
    expect(count("messages sent")).toBeGreaterThanOrEqual(600);
    expect(count("unanswered")).toBe(0);
    expect(count("state changed by a refusal")).toBe(0);
    expect(count("server crashes")).toBe(0);
    expect(count("rounds \\(kill -9, restart\\)")).toBe(2);
    expect(count("acknowledged actions")).toBeGreaterThan(0);
    expect(count("acknowledged, missing in logs")).toBe(0);
  }, 180_000);
});
