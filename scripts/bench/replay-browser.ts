import { builtinScenarioSource, DEFAULT_SCENARIO_ID, recordAction, replayLog, startRecordedMatch, type Action, type Recording } from "../../shared/index.js";
import { click, ensureClientBuilt, hasChromium, launch, newPage, startServer, waitForScene } from "../browser/harness.js";
import { runWhenMain } from "./measure.js";

/**
 * Replay viewer benchmark (for `npm run bench`): opening and replaying a 500-action log in
 * headless Chromium, up to the viewer's first drawn frame (target: under 200 ms). Timed inside
 * the page by `window.__tariffTalks.replay.open` (read the text, replay every line with its
 * hash chain, build the views, draw), so the browser's own start-up is not counted.
 */

const ACTIONS = 500;
const TARGET_MS = 200;

/** A long but real match: 12 rounds of table talk, a proposal every 27 actions, an accept as action 500. */
export function longLog(actions = ACTIONS): string {
  const started = startRecordedMatch({ matchId: "BENCH500", scenarioSource: builtinScenarioSource(DEFAULT_SCENARIO_ID), seed: "bench", settings: { rounds: 12, events: "both" } });
  if (!started.ok) throw new Error(started.error.message);
  let rec: Recording = started.value;
  const lines = [...rec.lines];
  const play = (action: Action) => {
    const next = recordAction(rec.match, action);
    if (!next.ok) throw new Error(`${next.error.code}: ${next.error.message}`);
    rec = next.value;
    lines.push(...next.value.lines);
  };
  play({ type: "join", player: { id: "j1", name: "Aki", side: "japan", role: "chief" } });
  play({ type: "join", player: { id: "u1", name: "Sam", side: "us", role: "commerce" } });
  play({ type: "ready", by: "j1" });
  play({ type: "ready", by: "u1" });
  const scenario = rec.match.scenario;
  const offers = [scenario.noDeal, scenario.references[0]!.offer];
  for (let n = 0; rec.match.state.seq < actions - 1; n++) {
    const by = rec.match.state.turn === "japan" ? "j1" : "u1";
    if (n % 27 === 26) play({ type: "propose", by, offer: offers[n % 2]! });
    else play({ type: "chat", by, text: `Point ${n}: our delegation would like to come back to issue ${scenario.issues[n % scenario.issues.length]!.id}.`, to: n % 3 === 0 ? "team" : "table" });
  }
  const state = rec.match.state;
  const by = state.turn === "japan" ? "j1" : "u1";
  if (state.standingProposalId && state.proposals.at(-1)?.side !== state.turn) play({ type: "accept", by, proposalId: state.standingProposalId });
  else play({ type: "walkaway", by });
  return lines.join("\n") + "\n";
}

export async function benchReplayBrowser(): Promise<void> {
  const text = longLog();
  const replay = replayLog(text);
  if (!replay.ok) throw new Error(`bench log does not replay: ${replay.error.message}`);
  console.log(`Replay viewer (a ${replay.value.actions.length}-action log, ${(text.length / 1024).toFixed(0)} KB):`);
  if (!hasChromium()) {
    console.log("  open + replay in the browser: not measured — Chromium is missing (apt-get install -y chromium).");
    return;
  }
  ensureClientBuilt();
  const served = await startServer(1500);
  const browser = await launch();
  try {
    const { page } = await newPage(browser);
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "replay");
    await waitForScene(page, "replay-pick");
    const times: number[] = [];
    const replayTimes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const result = await page.evaluate((log) => (window.__tariffTalks as unknown as { replay: { open(t: string): Promise<{ ok: boolean; ms: number; replayMs: number }> } }).replay.open(log), text);
      if (!result.ok) throw new Error("the viewer refused the bench log");
      times.push(Math.round(result.ms));
      replayTimes.push(Math.round(result.replayMs));
    }
    // The first run also compiles the code paths; report the median of the rest.
    const warm = times.slice(1).sort((a, b) => a - b);
    const median = warm[Math.floor(warm.length / 2)]!;
    console.log(`  open + replay + first frame, in the page: median ${median} ms of [${times.slice(1).join(", ")}] (first, cold: ${times[0]} ms) (target < ${TARGET_MS} ms) ${median < TARGET_MS ? "✓" : "✗"}`);
    const replayMedian = replayTimes.slice(1).sort((a, b) => a - b)[2]!;
    console.log(`    of which reading and replaying the log (hash chain, every state): median ${replayMedian} ms; the rest is building and drawing the first frame`);
    console.log("  (headless Chromium renders WebGL in software here; a classroom GPU is faster)");
  } finally {
    await browser.close();
    await served.stop();
  }
}

runWhenMain(import.meta.url, benchReplayBrowser);
