import { describe, expect, it } from "vitest";
import { analyzeSpace, builtinScenarioSource, recordAction, replayLog, startRecordedMatch, summarizeMatch } from "../../../shared/index.js";
import { tariffScenario, twoSeats } from "../helpers.js";

describe("summarizeMatch", () => {
  it("reproduces every figure of a finished match from its log alone", () => {
    const scenario = tariffScenario();
    const historical = scenario.references[0]!.offer;
    const started = startRecordedMatch({ matchId: "sum", scenarioSource: builtinScenarioSource(scenario.id), seed: "sum", settings: { privateVariant: true }, seats: twoSeats });
    if (!started.ok) throw new Error(started.error.message);
    let match = started.value.match;
    const lines = [...started.value.lines];
    for (const action of [
      { type: "start" },
      { type: "propose", by: "j1", offer: { ...historical, A: "10" } },
      { type: "propose", by: "u1", offer: historical },
      { type: "accept", by: "j1", proposalId: "p2" },
    ] as const) {
      const next = recordAction(match, action as never);
      if (!next.ok) throw new Error(next.error.message);
      match = next.value.match;
      lines.push(...next.value.lines);
    }
    const live = summarizeMatch(match.scenario, match.state);
    const replay = replayLog(lines.join("\n"));
    if (!replay.ok) throw new Error(replay.error.message);
    const fromLog = summarizeMatch(replay.value.scenario, replay.value.final);
    expect(fromLog).toEqual(live);

    expect(live.outcome?.kind).toBe("agreement");
    expect(live.deal?.ratifiable).toBe(true);
    expect(live.deal!.jointGainShare).toBeGreaterThan(0.5);
    expect(live.deal!.jointGainShare).toBeLessThan(1);
    expect(live.deal!.distanceToFrontier).toBeGreaterThan(0);
    expect(live.references[0]!.metrics!.points).toEqual(live.deal!.points);
    const analysis = analyzeSpace(match.scenario, match.state);
    expect(live.space.maxJointGain).toBe(analysis.maxJointGain);
    expect(live.nashOffer).not.toBeNull();
  });
});
