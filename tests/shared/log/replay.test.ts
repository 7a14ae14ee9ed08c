import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import {
  applyAction,
  builtinScenarioIds,
  builtinScenarioSource,
  recordAction,
  replayLog,
  startRecordedMatch,
  stateHash,
  type MatchState,
  type RecordedMatch,
} from "../../../shared/index.js";
import { twoSeats } from "../helpers.js";
import { randomAction } from "./random-play.js";

type Played = { lines: string[]; states: MatchState[]; refused: number };

function playRandomMatch(scenarioId: string, seed: string, steps: number): Played {
  const seats = scenarioId === "tariff-talks-2025" ? twoSeats : [
    { id: "c1", name: "Mayor", side: "city", role: "mayor" },
    { id: "l1", name: "Line", side: "line", role: "ceo" },
  ];
  const started = startRecordedMatch({
    matchId: `prop-${seed}`,
    scenarioSource: builtinScenarioSource(scenarioId),
    seed,
    settings: { events: "both", privateVariant: seed.length % 2 === 0 },
    seats,
  });
  if (!started.ok) throw new Error(started.error.message);
  let match: RecordedMatch = started.value.match;
  const lines = [...started.value.lines];
  const states = [match.state];
  const random = seedrandom(`actions:${seed}`);
  let refused = 0;
  for (let i = 0; i < steps && match.state.phase !== "ended"; i++) {
    const action = randomAction(match.scenario, match.state, random);
    const before = JSON.stringify(match.state);
    const tried = applyAction(match.scenario, match.state, action);
    if (!tried.ok) {
      refused++;
      expect(JSON.stringify(match.state), `refused ${JSON.stringify(action)} changed the state`).toBe(before);
      continue;
    }
    // The engine advances a copy of its own; the state it was given must stay as it was.
    expect(JSON.stringify(match.state), `accepted ${JSON.stringify(action)} changed the state it was given`).toBe(before);
    const recorded = recordAction(match, action as never, `2025-06-0${(i % 9) + 1}T00:00:00Z`);
    if (!recorded.ok) throw new Error("recordAction refused what applyAction accepted");
    match = recorded.value.match;
    lines.push(...recorded.value.lines);
    states.push(match.state);
  }
  return { lines, states, refused };
}

describe("replay equals the live match (property over many seeds)", () => {
  for (const scenarioId of builtinScenarioIds()) {
    it(`${scenarioId}: random legal and illegal actions, 60 seeds`, () => {
      let ended = 0;
      let refusedTotal = 0;
      for (let seed = 0; seed < 60; seed++) {
        const played = playRandomMatch(scenarioId, `seed-${seed}`, 150);
        refusedTotal += played.refused;
        const replay = replayLog(played.lines.join("\n") + "\n");
        if (!replay.ok) throw new Error(`seed ${seed}: ${replay.error.code} line ${replay.error.line}: ${replay.error.message}`);
        expect(replay.value.states).toHaveLength(played.states.length);
        replay.value.states.forEach((state, k) => {
          expect(state).toEqual(played.states[k]);
          expect(stateHash(state)).toBe(stateHash(played.states[k]!));
        });
        if (replay.value.final.phase === "ended") {
          ended++;
          expect(replay.value.result?.stateHash).toBe(stateHash(replay.value.final));
        }
      }
      // The generator must exercise both paths, or the property says little.
      expect(ended).toBeGreaterThan(10);
      expect(refusedTotal).toBeGreaterThan(500);
    });
  }
});

describe("replayLog refuses a bad log and names the line", () => {
  // The first of these seeds whose random match runs long enough to tamper with.
  const played = Array.from({ length: 20 }, (_, i) => playRandomMatch("tariff-talks-2025", `bad-logs-${i}`, 150)).find((p) => p.lines.length > 20)!;
  const text = played.lines.join("\n");
  const lineCount = played.lines.length;

  const expectError = (input: string, code: string, line: number) => {
    const result = replayLog(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatchObject({ code, line });
    expect(result.error.message).toContain(`${line}`);
  };

  it("has a long enough log to tamper with", () => expect(lineCount).toBeGreaterThan(20));

  it("an empty file", () => expectError("", "LOG_EMPTY", 1));

  it("a truncated line", () => {
    const lines = [...played.lines];
    lines[5] = lines[5]!.slice(0, 40);
    expectError(lines.join("\n"), "LOG_BAD_JSON", 6);
  });

  it("a header that is not a header", () => expectError(played.lines.slice(1).join("\n"), "LOG_BAD_HEADER", 1));

  it("a scenario in the header with an unknown issue in its no-deal package", () => {
    const header = JSON.parse(played.lines[0]!);
    header.scenario.noDeal.Z = "x";
    const result = replayLog([JSON.stringify(header), ...played.lines.slice(1)].join("\n"));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe("LOG_BAD_SCENARIO");
      expect(result.error.message).toContain("scenario.noDeal.Z");
    }
  });

  it("an action line with a wrong type", () => {
    const lines = [...played.lines];
    const entry = JSON.parse(lines[3]!);
    entry.seq = "three";
    lines[3] = JSON.stringify(entry);
    expectError(lines.join("\n"), "LOG_BAD_LINE", 4);
  });

  it("an edited action (the next line's hash no longer matches)", () => {
    const lines = [...played.lines];
    const index = lines.findIndex((l, i) => i > 2 && l.includes('"type":"chat"'));
    expect(index).toBeGreaterThan(0);
    lines[index] = lines[index]!.replace(/"text":"[^"]*"/, '"text":"edited"');
    expectError(lines.join("\n"), "LOG_CHAIN_BROKEN", index + 2);
  });

  it("a removed line", () => {
    const lines = [...played.lines];
    lines.splice(4, 1);
    expectError(lines.join("\n"), "LOG_CHAIN_BROKEN", 5);
  });

  it("a line that no longer replays (an option that does not exist), with its hash chain repaired", async () => {
    const { sha256Hex } = await import("../../../shared/index.js");
    const lines = [...played.lines];
    const index = lines.findIndex((l, i) => i > 0 && l.includes('"type":"propose"') && !l.includes("ghost"));
    const entry = JSON.parse(lines[index]!);
    entry.action.offer.A = "99";
    lines[index] = JSON.stringify(entry);
    for (let i = index + 1; i < lines.length; i++) {
      const next = JSON.parse(lines[i]!);
      next.prev = sha256Hex(lines[i - 1]!);
      lines[i] = JSON.stringify(next);
    }
    expectError(lines.join("\n"), "LOG_ACTION_REFUSED", index + 1);
  });
});
