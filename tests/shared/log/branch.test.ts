import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { branchFromReplay, recordAction, replayLog, stateHash, type Recording, type Replay } from "../../../shared/index.js";

const parentText = readFileSync(join(import.meta.dirname, "../../fixtures/logs/v1-agreement.jsonl"), "utf8");
const parent = (() => {
  const replay = replayLog(parentText);
  if (!replay.ok) throw new Error(replay.error.message);
  return replay.value;
})();

/** Plays both sides' noDeal proposals for some rounds, so that random events get drawn. */
function playOn(recording: Recording, moves: number): { lines: string[]; final: Replay["final"] } {
  let match = recording.match;
  const lines = [...recording.lines];
  for (let i = 0; i < moves && match.state.phase !== "ended"; i++) {
    const by = match.state.turn === "japan" ? "j1" : "u1";
    const next = recordAction(match, { type: "propose", by, offer: match.scenario.noDeal });
    if (!next.ok) throw new Error(next.error.message);
    match = next.value.match;
    lines.push(...next.value.lines);
  }
  return { lines, final: match.state };
}

describe("branching from step k", () => {
  const k = 12;
  const branch = (seed: string) => {
    const made = branchFromReplay(parent, { matchId: `B-${seed}`, step: k, seed });
    if (!made.ok) throw new Error(made.error.message);
    return made.value;
  };

  it("starts in exactly the parent's state at step k and names its parent", () => {
    const made = branch("what-if");
    const replay = replayLog(made.lines.join("\n"));
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.value.states[k]).toEqual(parent.states[k]);
    expect(stateHash(replay.value.states[k]!)).toBe(stateHash(parent.states[k]!));
    expect(replay.value.header.meta?.parent).toEqual({ matchId: "FIXV1A", step: k, stateHash: stateHash(parent.states[k]!) });
    expect(replay.value.actions.at(-1)!.action).toEqual({ type: "branch", parent: { matchId: "FIXV1A", step: k }, seed: "what-if" });
  });

  it("then diverges deterministically for its seed", () => {
    const events = (seed: string) => playOn(branch(seed), 14).final.events.map((e) => `${e.id}@${e.round}`);
    expect(events("s1")).toEqual(events("s1"));
    const seeds = ["s1", "s2", "s3", "s4", "s5"].map(events);
    expect(new Set(seeds.map((e) => e.join())).size).toBeGreaterThan(1);
  });

  it("replays the branch's own log to the live state", () => {
    const played = playOn(branch("replay-me"), 6);
    const replay = replayLog(played.lines.join("\n"));
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.value.final).toEqual(played.final);
  });

  it("refuses a step outside the match or after its end", () => {
    expect(branchFromReplay(parent, { matchId: "x", step: 99, seed: "s" }).ok).toBe(false);
    expect(branchFromReplay(parent, { matchId: "x", step: parent.states.length - 1, seed: "s" })).toMatchObject({ ok: false, error: { code: "WRONG_PHASE" } });
  });
});
