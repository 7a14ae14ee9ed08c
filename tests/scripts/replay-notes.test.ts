import { spawnSync } from "node:child_process";
import { copyFileSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "../..");
const run = (...args: string[]) => spawnSync(join(root, "node_modules/.bin/tsx"), [join(root, "scripts/replay/main.ts"), ...args], { cwd: root, encoding: "utf8" });

describe("npm run replay with a notes file beside the log", () => {
  it("prints the notes with the transcript and puts them in --json", () => {
    const dir = mkdtempSync(join(tmpdir(), "replay-notes-"));
    const log = join(dir, "FIXV1A.jsonl");
    copyFileSync(join(root, "tests/fixtures/logs/v1-agreement.jsonl"), log);
    const notes = [{ id: "n1", step: 12, text: "Japan moves first on cars here.", author: "Sensei", createdAt: "2026-11-26T10:00:00.000Z" }];
    writeFileSync(join(dir, "FIXV1A.notes.json"), JSON.stringify({ format: "tariff-talks-notes", version: 1, matchId: "FIXV1A", notes }));
    const text = run(log);
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Notes \(1, from .*FIXV1A\.notes\.json\)/);
    expect(text.stdout).toMatch(/step\s+12\s+Sensei: Japan moves first on cars here\./);
    const json = JSON.parse(run(log, "--json").stdout);
    expect(json.notes).toEqual([expect.objectContaining({ step: 12, text: "Japan moves first on cars here." })]);
  });
});
