import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { importGenius } from "../../shared/scenario/genius/index.js";
import { analyzeSpace, newMatch, offerIndices, packagePoints, parseScenario, sidePointTable, type Scenario } from "../../shared/index.js";

/** `npm run scenario -- check` and `import-genius`, through the real CLI on files written here. */

const root = join(import.meta.dirname, "../..");
const dir = mkdtempSync(join(tmpdir(), "scenario-cli-"));
const cli = (...args: string[]) => spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "scripts/scenario/main.ts"), ...args], { cwd: root, encoding: "utf8" });

// A GENIUS domain as data: issue → values; and two profiles (weights, evaluations, reservation, discount).
const domain = { Price: ["low", "medium", "high & rising"], Delivery: ["1 week", "2 weeks", "1 month", "2 months"], Warranty: ["none", "1 year"] };
type Profile = { weights: number[]; evals: number[][]; reservation: number; discount: number };
// Buyer: evaluations above 1, so GENIUS divides each by the issue's largest.
const buyer: Profile = { weights: [0.5, 0.3, 0.2], evals: [[10, 6, 2], [8, 6, 4, 1], [3, 9]], reservation: 0.35, discount: 0.8 };
// Seller: evaluations already in [0, 1], kept as they are (the largest is not 1 on every issue).
const seller: Profile = { weights: [0.6, 0.15, 0.25], evals: [[0.1, 0.6, 1], [0.2, 0.5, 0.9, 1], [0.8, 0.3]], reservation: 0.4, discount: 0.9 };

const issueXml = (name: string, values: string[], i: number, evals?: number[]) =>
  `    <issue index="${i + 1}" name="${name}" etype="discrete" type="discrete" vtype="discrete">\n` +
  values.map((v, j) => `      <item index="${j + 1}" value="${v.replace(/&/g, "&amp;")}"${evals ? ` evaluation="${evals[j]}" cost="0.0"` : ""}></item>\n`).join("") +
  `    </issue>\n`;

const domainXml = () =>
  `<?xml version="1.0"?>\n<negotiation_template>\n  <utility_space number_of_issues="3">\n    <objective index="0" name="root" etype="objective" type="objective">\n` +
  Object.entries(domain).map(([name, values], i) => issueXml(name, values, i)).join("") +
  `    </objective>\n  </utility_space>\n</negotiation_template>\n`;

const profileXml = (p: Profile) =>
  `<?xml version="1.0"?>\n<!-- a profile -->\n<utility_space>\n  <objective index="0" name="root" etype="objective" type="objective">\n` +
  Object.entries(domain).map(([name, values], i) => issueXml(name, values, i, p.evals[i])).join("") +
  p.weights.map((w, i) => `    <weight index="${i + 1}" value="${w}"/>\n`).join("") +
  `  </objective>\n  <discount_factor value="${p.discount}"/>\n  <reservation value="${p.reservation}"/>\n</utility_space>\n`;

/** GENIUS's utility of a package (value index per issue), straight from the profile's numbers. */
function geniusUtility(p: Profile, choice: number[]): number {
  return choice.reduce((u, j, i) => {
    const evals = p.evals[i]!;
    const largest = Math.max(...evals);
    return u + p.weights[i]! * (largest > 1 ? evals[j]! / largest : evals[j]!);
  }, 0);
}

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function allChoices(sizes: number[]): number[][] {
  return sizes.reduce<number[][]>((acc, n) => acc.flatMap((c) => Array.from({ length: n }, (_, j) => [...c, j])), [[]]);
}

describe("npm run scenario -- import-genius", () => {
  const files = [write("Shop-domain.xml", domainXml()), write("buyer.xml", profileXml(buyer)), write("seller.xml", profileXml(seller))];
  const out = join(dir, "shop.json");
  const run = cli("import-genius", ...files, "--out", out, "--rounds", "6");

  it("writes a scenario file that the loader accepts, and prints its summary", () => {
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`Wrote ${out}.`);
    expect(run.stdout).toContain("shop: Shop (GENIUS)");
    expect(run.stdout).toContain("Outcomes: 24 (24 ratifiable)");
    const scenario = JSON.parse(readFileSync(out, "utf8"));
    expect(parseScenario(scenario).ok).toBe(true);
    expect(scenario.sides.map((s: { name: string }) => s.name)).toEqual(["buyer", "seller"]);
    expect(scenario.issues[0].options.map((o: { label: string }) => o.label)).toEqual(["low", "medium", "high & rising"]);
  });

  const scenario = (): Scenario => {
    const parsed = parseScenario(JSON.parse(readFileSync(out, "utf8")));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    return parsed.value;
  };
  const sizes = Object.values(domain).map((v) => v.length);

  it("gives every package 100 × its GENIUS utility for each side, as computed from the XML", () => {
    const s = scenario();
    const [tableA, tableB] = [sidePointTable(s, "a"), sidePointTable(s, "b")];
    const choices = allChoices(sizes);
    expect(choices).toHaveLength(24);
    for (const choice of choices) {
      const offer = Object.fromEntries(s.issues.map((issue, i) => [issue.id, issue.options[choice[i]!]!.id]));
      const indices = offerIndices(s, offer)!;
      expect(packagePoints(tableA, indices)).toBeCloseTo(100 * geniusUtility(buyer, choice), 9);
      expect(packagePoints(tableB, indices)).toBeCloseTo(100 * geniusUtility(seller, choice), 9);
    }
  });

  it("maps the reservation value to no deal and the discount factor to a delay cost per round", () => {
    const s = scenario();
    expect(s.sides.map((side) => side.reservation)).toEqual([35, 40]);
    // 100 × (1 − δ) / (rounds − 1): an agreement in the last round has lost what δ takes from utility 1.
    expect(s.rounds).toHaveLength(6);
    for (const round of s.rounds) expect(round.pressure).toEqual({ a: 4, b: 2 });
    expect(s.variantSpread).toBe(0);
  });

  it("has the Pareto frontier and Nash point of a brute-force computation over the GENIUS utilities", () => {
    const s = scenario();
    const created = newMatch(s, { seed: "x" });
    if (!created.ok) throw new Error(created.error.message);
    const analysis = analyzeSpace(s, created.value);
    const outcomes = allChoices(sizes).map((choice) => ({ choice, a: 100 * geniusUtility(buyer, choice), b: 100 * geniusUtility(seller, choice) }));
    const dominated = (p: { a: number; b: number }) => outcomes.some((q) => q.a >= p.a - 1e-9 && q.b >= p.b - 1e-9 && (q.a > p.a + 1e-9 || q.b > p.b + 1e-9));
    const frontier = outcomes.filter((p) => !dominated(p));
    const distinct = [...new Map(frontier.map((p) => [`${p.a.toFixed(6)}|${p.b.toFixed(6)}`, p])).values()].sort((p, q) => q.a - p.a);
    expect(analysis.frontier.map((p) => [p.a, p.b])).toEqual(distinct.map((p) => [expect.closeTo(p.a, 9), expect.closeTo(p.b, 9)]));
    const rational = outcomes.filter((p) => p.a >= 35 && p.b >= 40);
    const nash = rational.reduce((best, p) => ((p.a - 35) * (p.b - 40) > (best.a - 35) * (best.b - 40) ? p : best));
    expect(analysis.nash?.choice).toEqual(nash.choice);
    expect(analysis.nash?.a).toBeCloseTo(nash.a, 9);
    expect(analysis.nash?.b).toBeCloseTo(nash.b, 9);
  });

  it("refuses what it cannot carry over, with the file, line and reason, and writes nothing", () => {
    const cases: [string, (xml: string) => string, RegExp][] = [
      ["integer issue", (x) => x.replace('name="Warranty" etype="discrete" type="discrete" vtype="discrete"', 'name="Warranty" etype="integer" type="integer" vtype="integer" lowerbound="0" upperbound="3"'), /profile A line \d+: issue "Warranty" is etype="integer": only discrete issues can be imported/],
      ["nonlinear utility", (x) => x.replace("</objective>", '<utility maxutility="5"><ufun type="PlainUfun"/></utility></objective>'), /profile A line \d+: <utility> is not part of a linear additive utility space/],
      ["nested objective", (x) => x.replace("</objective>", '<objective index="9" name="extras" etype="objective"></objective></objective>'), /profile A line \d+: nested objective "extras"/],
      ["negative evaluation", (x) => x.replace('evaluation="8"', 'evaluation="-8"'), /value "1 week" of issue "Delivery" needs an evaluation ≥ 0, not "-8"/],
      ["missing evaluation", (x) => x.replace(/<item index="2" value="2 weeks"[^>]*><\/item>/, ""), /profile A: issue "Delivery" has no evaluation for "2 weeks"/],
      ["renamed issue", (x) => x.replace('name="Price"', 'name="Cost"'), /profile A line \d+: issue 1 is "Cost" here but "Price" in the domain/],
      ["broken XML", (x) => x.replace("</objective>", ""), /profile A: not well-formed XML \(line \d+: <\/utility_space> does not close <objective>\)/],
    ];
    for (const [what, edit, message] of cases) {
      const imported = importGenius(domainXml(), [edit(profileXml(buyer)), profileXml(seller)], { id: "x", title: "x", sideNames: ["a", "b"], rounds: 5 });
      expect(imported.ok, what).toBe(false);
      expect(imported.ok ? [] : imported.problems, what).toContainEqual(expect.stringMatching(message));
    }
    // Through the CLI: exit 1, the problems on stdout, no file.
    const bad = write("bad-integer.xml", cases[0]![1](profileXml(buyer)));
    const target = join(dir, "never.json");
    const result = cli("import-genius", files[0]!, bad, files[2]!, "--out", target);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(cases[0]![2]);
    expect(result.stderr).toContain("Nothing written: 1 problem.");
    expect(existsSync(target)).toBe(false);
  });

});

describe("npm run scenario -- check", () => {
  it("prints a valid file's summary: sides, issues, outcomes, frontier, Nash point, best and worst deals", () => {
    const result = cli("check", join(root, "examples/scenarios/job-offer.json"));
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("firm (Kestrel Robotics): 1 role, no deal 20 points, 0 red lines");
    expect(result.stdout).toContain("remote (Remote days a week): 4 options, given payoff");
    expect(result.stdout).toContain("Outcomes: 48 (48 ratifiable)");
    expect(result.stdout).toMatch(/Pareto frontier: \d+ outcomes/);
    expect(result.stdout).toContain("Nash point: firm 55, candidate 64 — salary=130k, remote=3, start=now");
    expect(result.stdout).toContain("Best deal for firm: firm 100, candidate 0 — salary=110k, remote=0, start=now");
    expect(result.stdout).toContain("Worst deal for candidate: firm 100, candidate 0");
  });

  it("prints every problem of a bad file as path: reason and exits 1", () => {
    const raw = JSON.parse(readFileSync(join(root, "examples/scenarios/job-offer.json"), "utf8"));
    delete raw.issues[1].payoff.evaluations.firm["2"];
    raw.noDeal.start = "6m";
    const result = cli("check", write("bad.json", JSON.stringify(raw)));
    expect(result.status).toBe(1);
    expect(result.stdout.trim().split("\n").sort()).toEqual([
      'issues[1].payoff.evaluations.firm: no evaluation for option "2" of issue remote',
      'noDeal.start: issue start has no option "6m"',
    ]);
  });

  it("says when a file is not JSON or missing, and has --help", () => {
    expect(cli("check", write("nope.json", "{ not json")).stdout).toMatch(/^\(file\): .*nope\.json is not JSON: /);
    expect(cli("check", join(dir, "missing.json")).stdout).toMatch(/^\(file\): cannot read .*missing\.json: ENOENT/);
    expect(cli("--help").stdout).toContain("npm run scenario -- check FILE");
    expect(cli("check", "--help").stdout).toContain("Usage: npm run scenario -- check FILE");
    expect(cli("import-genius", "--help").stdout).toContain("--rounds N");
  });
});
