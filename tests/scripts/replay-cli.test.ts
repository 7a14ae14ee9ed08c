import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const fixtures = join(root, "tests/fixtures/logs");
const run = (...args: string[]) => spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "scripts/replay/main.ts"), ...args], { cwd: root, encoding: "utf8" });

describe("npm run replay", () => {
  it("prints a transcript and summary of one log", () => {
    const out = run(join(fixtures, "v1-agreement.jsonl"));
    expect(out.status).toBe(0);
    expect(out.stdout).toContain("Sam (United States, Commerce) proposes p5");
    expect(out.stdout).toMatch(/status\s+ended: agreement/);
    expect(out.stdout).toMatch(/integrity\s+ok: 17 actions/);
  });

  it("gives scripts JSON with --json", () => {
    const out = run(join(fixtures, "v1-agreement.jsonl"), "--json");
    const parsed = JSON.parse(out.stdout);
    expect(parsed.integrity).toBe("ok");
    expect(parsed.transcript).toHaveLength(17);
    expect(parsed.summary.outcome.kind).toBe("agreement");
  });

  it("names the damaged line of a tampered log and exits 1", () => {
    const dir = mkdtempSync(join(tmpdir(), "replay-"));
    const lines = readFileSync(join(fixtures, "v1-agreement.jsonl"), "utf8").split("\n");
    expect(lines[8]).toContain("Shall we start with cars?");
    lines[8] = lines[8]!.replace("Shall we start with cars?", "Shall we start with rice?");
    writeFileSync(join(dir, "bad.jsonl"), lines.join("\n"));
    const out = run(join(dir, "bad.jsonl"));
    expect(out.status).toBe(1);
    expect(out.stderr).toContain("line 10: LOG_CHAIN_BROKEN");
  });

  it("summarises a folder into CSV with a progress bar, flagging damaged logs", () => {
    const dir = mkdtempSync(join(tmpdir(), "replay-dir-"));
    for (const f of ["v1-agreement.jsonl", "v1-branch-walkaway.jsonl"]) copyFileSync(join(fixtures, f), join(dir, f));
    writeFileSync(join(dir, "broken.jsonl"), '{"kind":"header"');
    const csv = join(dir, "class.csv");
    const out = run("--dir", dir, "--csv", csv);
    expect(out.status).toBe(1);
    expect(out.stderr).toContain("Summarising logs: 3/3 (100%)");
    expect(out.stderr).toContain("broken: LOG_BAD_JSON at line 1");
    const rows = readFileSync(csv, "utf8").trim().split("\n");
    expect(rows[0]).toMatch(/^matchId,scenario,createdAt,integrity,status,outcome,rounds,proposals,points_japan,points_us,/);
    expect(rows).toHaveLength(4);
    expect(rows.find((r) => r.startsWith("FIXV1A"))).toContain(",ok,ended,agreement,4,5,");
  });

  it("explains its usage on --help and on a bad option", () => {
    expect(run("--help").stdout).toContain("npm run replay -- --dir DIR");
    const bad = run("--frobnicate");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("Unknown option --frobnicate");
  });
});
