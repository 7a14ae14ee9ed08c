import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

/** The engine must run the same everywhere: no I/O, no clock, no unseeded randomness, no framework. */
const forbidden: [RegExp, string][] = [
  [/from\s+["'](node:)?(fs|path|os|child_process|net|http|worker_threads)["']/, "Node I/O module"],
  [/from\s+["']@colyseus\//, "Colyseus"],
  [/from\s+["']phaser["']/, "Phaser"],
  [/Math\.random\s*\(/, "Math.random()"],
  [/Date\.now\s*\(|new Date\s*\(/, "the wall clock"],
  [/performance\.now\s*\(/, "the wall clock"],
  [/\bprocess\./, "process"],
  [/\bset(Timeout|Interval)\s*\(/, "timers"],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

describe("shared/ is a pure engine", () => {
  const root = join(import.meta.dirname, "../../shared");
  const files = sourceFiles(root);

  it("has source files to check", () => expect(files.length).toBeGreaterThan(15));

  for (const file of files) {
    it(`${relative(root, file)} uses no I/O, clock, Math.random or framework`, () => {
      const text = readFileSync(file, "utf8");
      for (const [pattern, what] of forbidden) expect(pattern.test(text), `${what} in ${file}`).toBe(false);
    });
  }
});
