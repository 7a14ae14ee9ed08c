import { describe, expect, it } from "vitest";
import { parseNumberOptions, type NumberOption } from "../../scripts/bench-server/cli-options.js";

/** The load tests' options: defaults, help, and a clear refusal of anything misspelt or out of range. */

const options: NumberOption[] = [
  { name: "matches", fallback: 500, min: 1, max: 2000, help: "concurrent matches" },
  { name: "warmup", fallback: 5, min: 0, max: 120, help: "seconds before the window" },
];
const parse = (...argv: string[]) => parseNumberOptions(argv, "npm run bench:x", "A load test.", options);

describe("load-test options", () => {
  it("gives the defaults, or the values asked for", () => {
    expect(parse()).toEqual({ ok: true, values: { matches: 500, warmup: 5 } });
    expect(parse("--matches", "100", "--warmup", "0")).toEqual({ ok: true, values: { matches: 100, warmup: 0 } });
  });

  it("prints every option with its default for --help, and exits 0", () => {
    const help = parse("--matches", "10", "--help");
    expect(help.ok).toBe(false);
    if (help.ok) return;
    expect(help.exitCode).toBe(0);
    expect(help.text).toContain("Usage: npm run bench:x");
    expect(help.text).toContain("--matches  concurrent matches (default 500)");
    expect(help.text).toContain("--warmup   seconds before the window (default 5)");
  });

  it("refuses an unknown option by name, with the usage, instead of running the defaults", () => {
    const typo = parse("--match", "100");
    expect(typo).toMatchObject({ ok: false, exitCode: 2 });
    if (!typo.ok) expect(typo.text).toMatch(/^Unknown option "--match"\.[\s\S]*Usage:/);
  });

  it("refuses a missing, fractional, non-numeric or out-of-range value, and says what it takes", () => {
    for (const argv of [["--matches"], ["--matches", "2.5"], ["--matches", "x"], ["--matches", ""], ["--matches", "0"], ["--warmup", "121"]]) {
      const result = parse(...argv);
      expect(result, argv.join(" ")).toMatchObject({ ok: false, exitCode: 2 });
      if (!result.ok) expect(result.text).toMatch(/^--(matches|warmup) takes a whole number from \d+ to \d+/);
    }
  });
});
