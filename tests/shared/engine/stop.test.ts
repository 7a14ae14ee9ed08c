import { describe, expect, it } from "vitest";
import {
  builtinScenarioSource,
  newMatch,
  recordAction,
  replayLog,
  reservationValue,
  startRecordedMatch,
  stateHash,
  transcript,
  type Action,
  type RecordedMatch,
} from "../../../shared/index.js";
import { expectRefused, mustApply, started, tariffScenario, twoSeats } from "../helpers.js";

const scenario = tariffScenario();
const reason = "The instructor ended the class.";
const shock = {
  id: "shock",
  title: "Shock",
  headline: "Markets fall.",
  effects: [
    { kind: "reservation" as const, side: "japan", delta: -7 },
    { kind: "reservation" as const, side: "us", delta: 3 },
  ],
};

describe("stop (the server ends a match with no deal)", () => {
  it("ends a running match as stopped, each side at its reservation value as events moved it", () => {
    let s = started(scenario);
    s = mustApply(scenario, s, { type: "propose", by: "j1", offer: scenario.noDeal });
    s = mustApply(scenario, s, { type: "inject", event: shock });
    const stopped = mustApply(scenario, s, { type: "stop", reason });
    expect(stopped.phase).toBe("ended");
    expect(stopped.outcome).toEqual({
      kind: "stopped",
      round: s.round,
      reason,
      points: { japan: reservationValue(scenario, s, "japan"), us: reservationValue(scenario, s, "us") },
    });
    // Round 1: the shock's deltas on top of the reservation the opening's fallback (other goods at normal + 24%) gives.
    const beforeShock = mustApply(scenario, s, { type: "stop", reason }).outcome!.points;
    expect(beforeShock).toEqual({ japan: reservationValue(scenario, s, "japan"), us: reservationValue(scenario, s, "us") });
    const unshocked = mustApply(scenario, mustApply(scenario, started(scenario), { type: "propose", by: "j1", offer: scenario.noDeal }), { type: "stop", reason }).outcome!.points;
    expect(stopped.outcome?.points.japan).toBeCloseTo(unshocked.japan! - 7, 9);
    expect(stopped.outcome?.points.us).toBeCloseTo(unshocked.us! + 3, 9);
    // No agreement points sneak in from the standing offer.
    expect(stopped.outcome?.proposalId).toBeUndefined();
  });

  it("is legal in the briefing and refused once the match has ended (by a deal, a walk-away or a stop)", () => {
    const created = newMatch(scenario, { seed: "s", players: twoSeats });
    if (!created.ok) throw new Error(created.error.message);
    expect(mustApply(scenario, created.value, { type: "stop", reason }).outcome?.kind).toBe("stopped");
    const walked = mustApply(scenario, started(scenario), { type: "walkaway", by: "j1" });
    expectRefused(scenario, walked, { type: "stop", reason }, "WRONG_PHASE");
    const stopped = mustApply(scenario, started(scenario), { type: "stop", reason });
    expectRefused(scenario, stopped, { type: "stop", reason }, "WRONG_PHASE");
    expectRefused(scenario, stopped, { type: "propose", by: "u1", offer: scenario.noDeal }, "WRONG_PHASE");
  });

  it("refuses a malformed stop (no reason, blank, too long, a stray key)", () => {
    const s = started(scenario);
    expectRefused(scenario, s, { type: "stop" }, "BAD_ACTION");
    expectRefused(scenario, s, { type: "stop", reason: "   " }, "BAD_ACTION");
    expectRefused(scenario, s, { type: "stop", reason: "x".repeat(201) }, "BAD_ACTION");
    expectRefused(scenario, s, { type: "stop", reason, by: "j1" }, "BAD_ACTION");
  });

  it("is logged with a result line and replays to the same state hash", () => {
    const recording = startRecordedMatch({ matchId: "STOP01", scenarioSource: builtinScenarioSource("tariff-talks-2025"), seed: "stop-seed", settings: { events: "both" }, seats: twoSeats });
    if (!recording.ok) throw new Error(recording.error.message);
    let match: RecordedMatch = recording.value.match;
    const lines = [...recording.value.lines];
    const actions: Action[] = [
      { type: "start" },
      { type: "propose", by: "j1", offer: scenario.noDeal },
      { type: "inject", event: shock },
      { type: "timeout" },
      { type: "stop", reason },
    ];
    for (const action of actions) {
      const step = recordAction(match, action);
      if (!step.ok) throw new Error(step.error.message);
      match = step.value.match;
      lines.push(...step.value.lines);
    }
    const last = JSON.parse(lines.at(-1)!);
    expect(last.kind).toBe("result");
    expect(last.outcome.kind).toBe("stopped");
    expect(JSON.parse(lines.at(-2)!).action).toEqual({ type: "stop", reason });
    const replay = replayLog(lines.join("\n") + "\n");
    if (!replay.ok) throw new Error(replay.error.message);
    expect(stateHash(replay.value.final)).toBe(stateHash(match.state));
    expect(replay.value.result?.stateHash).toBe(stateHash(match.state));
    const text = transcript(replay.value.scenario, replay.value.states, replay.value.actions);
    expect(text.at(-1)?.text).toContain(reason);
    expect(text.at(-1)?.news.join(" ")).toMatch(/stopped/);
  });
});
