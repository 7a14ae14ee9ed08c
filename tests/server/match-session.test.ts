import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { MatchSession } from "../../server/room/match-session.js";
import { FileStorage } from "../../server/store/file-storage.js";
import { builtinScenarioSource, replayLog, startRecordedMatch } from "../../shared/index.js";
import { scenario } from "./helpers.js";

/** A move applied at once (no turn through the queue) must be the same move, and only when nothing else is under way. */

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function session(syncMs: number): Promise<{ session: MatchSession; file: string }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tt-session-"));
  dirs.push(dir);
  const storage = await FileStorage.open(dir, syncMs);
  const file = path.join(dir, "matches", "M1.jsonl");
  const started = startRecordedMatch({ matchId: "M1", scenarioSource: builtinScenarioSource(scenario.id), seed: "s" });
  if (!started.ok) throw new Error(started.error.message);
  writeFileSync(file, started.value.lines.map((line) => `${line}\n`).join(""));
  const created = await MatchSession.open(storage, "M1");
  if (!created.ok) throw new Error(created.error.message);
  return { session: created.value, file };
}

const join = (id: string, side: string) => ({ type: "join" as const, player: { id, name: id, side, role: scenario.sides.find((s) => s.id === side)!.roles[0]!.id } });

describe("MatchSession.applyAtOnce", () => {
  it("applies and logs a move before it returns when the session is idle, and waits its turn when it is not", async () => {
    const { session: s, file } = await session(200);
    const changes: number[] = [];
    s.onChange = (state) => changes.push(state.seq);

    const first = s.applyAtOnce(join("a", "japan"));
    expect(first?.ok).toBe(true); // a result, not a promise
    expect(changes).toEqual([1]);
    expect(readFileSync(file, "utf8").trimEnd().split("\n")).toHaveLength(2);

    // While a job is queued or running, a move must go through the queue after it.
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const job = s.serial(() => gate);
    expect(s.applyAtOnce(join("b", "us"))).toBeUndefined();
    expect(changes).toEqual([1]);
    const queued = s.serial(() => s.apply(join("b", "us")));
    release();
    await job;
    expect((await queued).ok).toBe(true);
    expect(changes).toEqual([1, 2]);

    // Idle again: at once again. A refused move is refused the same way and writes nothing.
    const refused = s.applyAtOnce({ type: "ready", by: "nobody" });
    expect(refused?.ok).toBe(false);
    expect(s.applyAtOnce({ type: "ready", by: "a" })?.ok).toBe(true);
    await s.close();
    const replay = replayLog(readFileSync(file, "utf8"));
    expect(replay.ok && replay.value.final.seq).toBe(3);
  });

  it("never applies at once when the log waits for the device on every append (LOG_SYNC_MS=0)", async () => {
    const { session: s } = await session(0);
    expect(s.applyAtOnce(join("a", "japan"))).toBeUndefined();
    expect(s.state.players).toHaveLength(0);
    const applied = await s.serial(() => s.apply(join("a", "japan")));
    expect(applied.ok).toBe(true);
    await s.close();
  });
});
