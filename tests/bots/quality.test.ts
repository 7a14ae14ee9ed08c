import { describe, expect, it } from "vitest";
import { strategyNames } from "../../shared/bots/index.js";
import { playJob, type MatchResult } from "../../scripts/tournament/match.js";
import { tournamentJobs } from "../../scripts/tournament/jobs.js";
import { strategyRows } from "../../scripts/tournament/table.js";
import { mean, play, scenario, varied } from "./helpers.js";
import { analyzeSpace, packageMetrics } from "../../shared/index.js";

describe("negotiation quality on tariff-talks-2025", () => {
  it("Adaptive vs Adaptive agrees in at least 95% of seeds and captures at least 85% of the maximum joint gain", () => {
    const seeds = 40;
    const shares: number[] = [];
    let agreements = 0;
    for (let k = 0; k < seeds; k++) {
      const { state } = play("adaptive", "adaptive", `quality-${k}`, varied);
      const offer = state.outcome?.kind === "agreement" ? state.outcome.offer : undefined;
      if (offer) agreements++;
      shares.push(offer ? packageMetrics(scenario, state, analyzeSpace(scenario, state), offer)!.jointGainShare : 0);
    }
    expect(agreements / seeds).toBeGreaterThanOrEqual(0.95);
    expect(mean(shares)).toBeGreaterThanOrEqual(0.85);
  });

  it("across all opponents and both sides, Adaptive is first by social welfare and in the top two by its own points", () => {
    // A small tournament (every ordered pairing, 3 seeds); `npm run tournament` runs the full one.
    const results: MatchResult[] = tournamentJobs(scenario.id, strategyNames, 3, varied).map((job) => playJob(scenario, job));
    const rows = strategyRows(results, ["japan", "us"]);
    const adaptive = rows.find((row) => row.strategy === "adaptive")!;
    expect(adaptive["welfare rank"]).toBe(1);
    expect(adaptive.rank).toBeLessThanOrEqual(2);
  });
});
