import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOG_VERSION, replayLog, stateHash, summarizeLog, transcript } from "../../../shared/index.js";

/** Every released log format keeps replaying: one committed fixture per version and shape. */
const dir = join(import.meta.dirname, "../../fixtures/logs");
const fixtures = readdirSync(dir).filter((f) => f.endsWith(".jsonl"));

describe("committed log fixtures", () => {
  it("cover the current format version", () => {
    expect(fixtures.some((f) => f.startsWith(`v${LOG_VERSION}-`))).toBe(true);
  });

  for (const file of fixtures) {
    it(`${file} replays intact to its recorded result`, () => {
      const replay = replayLog(readFileSync(join(dir, file), "utf8"));
      if (!replay.ok) throw new Error(`${replay.error.code} line ${replay.error.line}: ${replay.error.message}`);
      expect(replay.value.result).toBeDefined();
      expect(replay.value.result!.stateHash).toBe(stateHash(replay.value.final));
    });
  }

  it("the v1 agreement fixture reads as the match that was played", () => {
    const text = readFileSync(join(dir, "v1-agreement.jsonl"), "utf8");
    const replay = replayLog(text);
    if (!replay.ok) throw new Error(replay.error.message);
    const { final, scenario, states, actions } = replay.value;
    expect(final.outcome).toMatchObject({ kind: "agreement", proposalId: "p5", round: 4, by: "j1" });
    expect(final.players.map((p) => p.id)).toEqual(["j1", "j2", "u1", "u2"]);
    const words = transcript(scenario, states, actions);
    expect(words).toHaveLength(17);
    expect(words[12]!.text).toMatch(/Time is up for United States/);
    expect(words[16]!.news.at(-1)).toMatch(/^Agreement on p5 in round 4/);
    expect(words[15]!.points!.us).toBeCloseTo(108.05, 1);
    const { row } = summarizeLog(text, "x");
    expect(row).toMatchObject({ matchId: "FIXV1A", integrity: "ok", status: "ended", outcome: "agreement", rounds: 4, proposals: 5 });
  });
});

describe("result notes", () => {
  it("carries the bots' estimates through replay", async () => {
    const { builtinScenarioSource, startRecordedMatch, recordAction } = await import("../../../shared/index.js");
    const started = startRecordedMatch({ matchId: "N1", scenarioSource: builtinScenarioSource("harbor-lease"), seed: "n", seats: [
      { id: "c1", name: "City", side: "city", role: "mayor" },
      { id: "bot", name: "Bot", side: "line", role: "ceo", bot: "adaptive" },
    ] });
    if (!started.ok) throw new Error(started.error.message);
    let match = started.value.match;
    const lines = [...started.value.lines];
    const estimate = { playerId: "bot", side: "line", strategy: "adaptive", estimate: { rent: 0.5, term: 0.2, power: 0.3 } };
    for (const action of [{ type: "start" }, { type: "walkaway", by: "bot" }] as const) {
      const next = recordAction(match, action, undefined, () => ({ botEstimates: [estimate] }));
      if (!next.ok) throw new Error(next.error.message);
      match = next.value.match;
      lines.push(...next.value.lines);
    }
    const replay = replayLog(lines.join("\n"));
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.value.result?.notes?.botEstimates).toEqual([estimate]);
  });
});
