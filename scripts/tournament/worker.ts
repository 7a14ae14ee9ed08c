import { parentPort } from "node:worker_threads";
import { builtinScenario } from "../../shared/scenarios/index.js";
import { playJob, type MatchJob } from "./match.js";

/** A worker thread: plays the matches it is sent and posts each result back. */
parentPort?.on("message", (jobs: MatchJob[] | null) => {
  if (jobs === null) {
    parentPort?.close();
    return;
  }
  for (const job of jobs) {
    const scenario = builtinScenario(job.scenarioId);
    if (!scenario) throw new Error(`unknown scenario ${job.scenarioId}`);
    parentPort?.postMessage(playJob(scenario, job));
  }
  parentPort?.postMessage("batch-done");
});
