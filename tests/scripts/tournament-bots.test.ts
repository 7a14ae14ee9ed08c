import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/** `npm run tournament -- --bot NAME=COMMAND` end to end: real processes, the real CLI. */

const root = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "tournament-bots-"));
const tournament = (...args: string[]) =>
  spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "scripts/tournament/index.ts"), ...args], { cwd: root, encoding: "utf8", timeout: 170_000 });

function csvRows(file: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(file, "utf8").trim().split("\n");
  const keys = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [keys[i]!, cell])));
}

/** The example and test bots need python3 (`apt-get install -y python3`); without it these are skipped. */
const suite = spawnSync("python3", ["--version"]).status === 0 ? describe : describe.skip;

suite("tournament with external bots", () => {
  it("ranks both example bots beside the built-ins; they make deals and lose no move", { timeout: 180_000 }, () => {
    const csv = join(dir, "examples.csv");
    const out = tournament(
      "--seeds", "1", "--strategies", "linear,adaptive,hardliner",
      "--bot", "py=python3 examples/bots/python/bot.py",
      "--bot", "ts=node --import tsx examples/bots/typescript/bot.ts",
      // Generous limits: the test checks the bots' play, not the machine's load (the limits have tests of their own).
      "--move-ms", "3000", "--startup-ms", "10000", "--csv", csv, "--bot-logs", join(dir, "logs-examples"),
    );
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain("Tournament on tariff-talks-2025: 5 strategies");
    const rows = csvRows(csv);
    expect(rows.map((r) => r.strategy).sort()).toEqual(["adaptive", "hardliner", "linear", "py", "ts"]);
    expect(rows.map((r) => Number(r.rank))).toEqual([1, 2, 3, 4, 5]);
    for (const name of ["py", "ts"]) {
      const row = rows.find((r) => r.strategy === name)!;
      expect(Number(row.matches)).toBe(10); // 5 opponents (itself included), on both sides
      expect(Number(row["lost moves"])).toBe(0);
      // Every match without the Hardliner (whose best package is below the other side's no deal) ends in a deal.
      expect(Number(row.agreement)).toBeGreaterThanOrEqual(0.8 - 1e-9);
      expect(Number(row.own)).toBeGreaterThan(0);
    }
    expect(out.stdout).toMatch(/- py: no lost moves\n- ts: no lost moves/);
    expect(readdirSync(join(dir, "logs-examples"))).toHaveLength(5 * 5 - 3 * 3);
  });

  it("scores a bot that sleeps forever, one that exits at once and one that prints garbage, with reasons, and goes on", { timeout: 120_000 }, () => {
    const garbage = join(dir, "garbage.py");
    writeFileSync(garbage, "import sys\nfor line in sys.stdin:\n    print('hello, I am not JSON', flush=True)\n");
    const csv = join(dir, "bad.csv");
    const logs = join(dir, "logs-bad");
    const out = tournament(
      "--scenario", "harbor-lease", "--seeds", "1", "--strategies", "linear",
      "--bot", "sleepy=sleep 611", "--bot", "quitter=exit 0", "--bot", `garbage=python3 ${garbage}`,
      "--move-ms", "200", "--startup-ms", "200", "--budget-ms", "800", "--csv", csv, "--bot-logs", logs,
    );
    expect(out.status, out.stderr).toBe(0);
    const rows = csvRows(csv);
    expect(rows.map((r) => r.strategy).sort()).toEqual(["garbage", "linear", "quitter", "sleepy"]);
    const linear = rows.find((r) => r.strategy === "linear")!;
    expect(linear.rank).toBe("1");
    for (const name of ["sleepy", "quitter", "garbage"]) {
      const row = rows.find((r) => r.strategy === name)!;
      expect(Number(row.agreement)).toBe(0);
      // Every move of every match is lost: 3 moves a side over harbor-lease's 6 rounds… twice as many in self-play.
      expect(Number(row["lost moves"])).toBeGreaterThanOrEqual(6);
    }
    // Each bot's lost moves by reason (the order of the reasons depends on the machine's speed).
    const section = (name: string) => out.stdout.split(`- ${name}: `)[1]!.split(/\n- |\nEach match/)[0]!;
    expect(section("sleepy")).toMatch(/^\d+ lost moves\n/);
    expect(section("sleepy")).toMatch(/ {4}timeout × \d+, e\.g\. match \d+: did not answer within 400 ms/);
    expect(section("sleepy")).toMatch(/ {4}budget × \d+, e\.g\. match \d+: used up its time budget of 800 ms/);
    expect(section("quitter")).toMatch(/ {4}exited × \d+, e\.g\. match \d+: exited \(code 0\)/);
    expect(section("garbage")).toMatch(/ {4}not-json × \d+, e\.g\. match \d+: wrote a line that is not JSON: "hello, I am not JSON"/);
    const files = readdirSync(logs);
    expect(files).toHaveLength(4 * 4 - 1);
    const quitterLog = readFileSync(join(logs, files.find((f) => f.includes("linear-vs-quitter"))!), "utf8");
    expect(quitterLog).toContain("== quitter (side line): exit 0");
    expect(quitterLog).toMatch(/view \d+: lost move \(exited\): exited \(code 0\)/);
    // No program outlives the tournament: the sleeping bot's whole process group was killed.
    expect(execFileSync("ps", ["-eo", "args"], { encoding: "utf8" })).not.toContain("sleep 611");
  });

  it("plays a scenario file (given utilities) with an external bot", { timeout: 60_000 }, () => {
    const csv = join(dir, "file.csv");
    const out = tournament("--scenario", "examples/scenarios/job-offer.json", "--seeds", "2", "--strategies", "linear", "--bot", "py=python3 examples/bots/python/bot.py", "--csv", csv, "--bot-logs", join(dir, "logs-file"));
    expect(out.status, out.stderr).toBe(0);
    expect(out.stdout).toContain("Tournament on job-offer: 2 strategies, 2 seeds");
    const py = csvRows(csv).find((r) => r.strategy === "py")!;
    expect(Number(py.matches)).toBe(8); // self-play counts once per side
    expect(Number(py.agreement)).toBe(1);
    expect(Number(py["lost moves"])).toBe(0);
    expect(tournament("--scenario", "nowhere.json").stderr).toContain("Unknown scenario: nowhere.json: (file): cannot read nowhere.json: ENOENT");
  });

});

describe("tournament --bot", () => {
  it("refuses a malformed --bot with a message", () => {
    const out = tournament("--bot", "python3 bot.py");
    expect(out.status).toBe(2);
    expect(out.stderr).toContain('--bot wants NAME=COMMAND, e.g. --bot mine="python3 bot.py", not "python3 bot.py".');
    expect(tournament("--bot", "linear=python3 bot.py").stderr).toContain('Bot name "linear" is a built-in bot\'s name');
  });
});
