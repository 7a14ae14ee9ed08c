import type Phaser from "phaser";
import { stateHash } from "../../../../shared/index.js";
import type { TariffTalksHook } from "../../game/test-hook.js";
import type { Note } from "./replay-notes.js";
import { openLog, replaySession, type ReplaySession } from "./replay-session.js";

/**
 * `window.__tariffTalks.replay`: what browser tests and the benchmark read and do in the replay
 * viewer (canvas text is not in the DOM). `open` times opening and replaying a log up to the
 * viewer's first drawn frame, measured inside the page.
 */

export type ReplayStateProbe = { seq: number; round: number; phase: string; turn: string; proposals: number; standingProposalId: string | null; stateHash: string };

export type ReplayProbe = {
  /** Opens a log's text as if picked from disk; resolves once the viewer has drawn (or refused the log). */
  open(text: string, name?: string): Promise<{ ok: boolean; ms: number; replayMs: number; code?: string; line?: number }>;
  matchId(): string | null;
  step(): number;
  last(): number;
  seek(step: number): void;
  /** The engine state at the current step (a fingerprint and the facts a test checks). */
  state(): ReplayStateProbe | null;
  notes(): Note[];
};

type Seekable = Phaser.Scene & { seek(step: number): void };
type HookWithReplay = TariffTalksHook & { replay?: ReplayProbe };

let viewer: Seekable | null = null;
let drawn: (() => void) | null = null;

/** Called by the viewer scene once it has drawn. */
export function installReplayProbe(scene: Seekable, _session: ReplaySession): void {
  viewer = scene;
  scene.events.once("shutdown", () => viewer === scene && (viewer = null));
  installProbe();
  const done = drawn;
  drawn = null;
  // The frame is on screen after the next render.
  if (done) scene.game.events.once("postrender", done);
}

export function installProbe(startViewer?: () => void, restartPicker?: () => void): void {
  const hook = window.__tariffTalks as HookWithReplay | undefined;
  if (!hook) return;
  if (startViewer) pickerActions = { startViewer, restartPicker: restartPicker ?? (() => undefined) };
  hook.replay ??= {
    async open(text, name = "bench.jsonl") {
      const t0 = performance.now();
      const opened = await openLog(text, "file", name);
      const replayMs = performance.now() - t0;
      if ("code" in opened) {
        pickerActions?.restartPicker();
        return { ok: false, ms: replayMs, replayMs, code: opened.code, line: opened.line };
      }
      await new Promise<void>((resolve) => {
        drawn = resolve;
        pickerActions?.startViewer();
      });
      return { ok: true, ms: performance.now() - t0, replayMs };
    },
    matchId: () => replaySession()?.model.matchId ?? null,
    step: () => replaySession()?.step ?? 0,
    last: () => replaySession()?.model.last ?? 0,
    seek: (step) => viewer?.seek(step),
    state: () => {
      const s = replaySession();
      if (!s) return null;
      const state = s.model.replay.states[s.step]!;
      return { seq: state.seq, round: state.round, phase: state.phase, turn: state.turn, proposals: state.proposals.length, standingProposalId: state.standingProposalId ?? null, stateHash: stateHash(state) };
    },
    notes: () => replaySession()?.notes.list() ?? [],
  };
}

let pickerActions: { startViewer: () => void; restartPicker: () => void } | null = null;
