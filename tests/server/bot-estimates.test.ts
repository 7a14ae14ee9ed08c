import { describe, expect, it } from "vitest";
import { resolveBot } from "../../shared/bots/index.js";
import { builtinScenario, newMatch, applyAction, type MatchState } from "../../shared/index.js";
import { botEstimateNotes } from "../../server/room/bot-estimates.js";

describe("the adaptive bot's estimate in the result line", () => {
  it("is given for adaptive bots only, as weights over every issue", () => {
    const scenario = builtinScenario("tariff-talks-2025")!;
    const hard = resolveBot("hard");
    const easy = resolveBot("easy");
    if (!hard.ok || !easy.ok) throw new Error("presets missing");
    const created = newMatch(scenario, { seed: "e", players: [
      { id: "j1", name: "Aki", side: "japan", role: "chief" },
      { id: "bot-us", name: "Bot", side: "us", role: "treasury", bot: "hard" },
    ] });
    if (!created.ok) throw new Error(created.error.message);
    let state: MatchState = created.value;
    for (const action of [
      { type: "start" },
      { type: "propose", by: "j1", offer: { ...scenario.noDeal, A: "2.5", B: "normal" } },
      { type: "propose", by: "bot-us", offer: scenario.references[0]!.offer },
      { type: "walkaway", by: "j1" },
    ]) {
      const next = applyAction(scenario, state, action);
      if (!next.ok) throw new Error(next.error.message);
      state = next.value;
    }
    const notes = botEstimateNotes(scenario, state, new Map([["bot-us", hard.value]]));
    expect(notes?.botEstimates).toHaveLength(1);
    const estimate = notes!.botEstimates![0]!;
    expect(estimate).toMatchObject({ playerId: "bot-us", side: "us", strategy: "hard" });
    expect(Object.keys(estimate.estimate).sort()).toEqual(scenario.issues.map((i) => i.id).sort());
    expect(Object.values(estimate.estimate).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(botEstimateNotes(scenario, state, new Map([["bot-us", easy.value]]))).toBeUndefined();
  });
});
