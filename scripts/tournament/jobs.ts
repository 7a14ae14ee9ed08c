import type { MatchSettingsInput } from "../../shared/engine/actions.js";
import type { MatchJob } from "./match.js";

/** Every ordered pair of strategies (so each meets each on both sides, itself included) over N seeds. */
export function tournamentJobs(scenarioId: string, strategies: readonly string[], seeds: number, settings: MatchSettingsInput): MatchJob[] {
  const jobs: MatchJob[] = [];
  for (const a of strategies) {
    for (const b of strategies) {
      for (let k = 0; k < seeds; k++) jobs.push({ index: jobs.length, scenarioId, seed: `tournament-${k}`, settings, a, b });
    }
  }
  return jobs;
}
