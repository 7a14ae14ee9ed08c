import { parentPort } from "node:worker_threads";
import { tournamentScenario } from "./scenario.js";
import { playJob, type MatchJob } from "./match.js";

/** A worker thread: plays the matches it is sent and posts each result back. */
parentPort?.on("message", (jobs: MatchJob[] | null) => {
  if (jobs === null) {
    parentPort?.close();
    return;
  }
  for (const job of jobs) {
    parentPort?.postMessage(playJob(tournamentScenario(job.scenarioId), job));
  }
  parentPort?.postMessage("batch-done");
});
