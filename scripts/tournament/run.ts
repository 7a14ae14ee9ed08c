import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { tournamentScenario } from "./scenario.js";
import { playJob, type MatchJob, type MatchResult } from "./match.js";

/**
 * Plays the jobs on worker threads (one per core) in small batches handed out as workers come
 * free, or in this thread when one worker is asked for. Results come back in job order.
 */

export type RunOptions = { workers?: number; onResult?: (done: number, total: number) => void };

const BATCH = 6;

export async function runTournament(jobs: readonly MatchJob[], options: RunOptions = {}): Promise<MatchResult[]> {
  const workers = Math.max(1, Math.min(options.workers ?? availableParallelism(), Math.ceil(jobs.length / BATCH)));
  const results: MatchResult[] = new Array(jobs.length);
  // Job indices are the tournament's; these jobs may be only some of them (the rest have external bots).
  const position = new Map(jobs.map((job, i) => [job.index, i]));
  let done = 0;
  const record = (result: MatchResult) => {
    results[position.get(result.index)!] = result;
    done++;
    options.onResult?.(done, jobs.length);
  };
  if (workers === 1 || jobs.length === 0) {
    for (const job of jobs) {
      record(playJob(tournamentScenario(job.scenarioId), job));
    }
    return results;
  }
  let next = 0;
  const takeBatch = () => {
    const batch = jobs.slice(next, next + BATCH);
    next += batch.length;
    return batch;
  };
  await Promise.all(
    Array.from({ length: workers }, () => {
      // Worker threads do not inherit tsx's loader: a small JavaScript file registers it first.
      const worker = new Worker(new URL("./worker-bootstrap.mjs", import.meta.url));
      return new Promise<void>((resolve, reject) => {
        worker.on("error", reject);
        worker.on("exit", () => resolve());
        worker.on("message", (message: MatchResult | "batch-done") => {
          if (message !== "batch-done") return record(message);
          const batch = takeBatch();
          worker.postMessage(batch.length > 0 ? batch : null);
        });
        worker.postMessage(takeBatch());
      });
    }),
  );
  if (done !== jobs.length) throw new Error(`only ${done} of ${jobs.length} matches came back`);
  return results;
}
