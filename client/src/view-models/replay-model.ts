import { offerPoints, replayLog, summarizeMatch, viewFor, type Action, type LogError, type MatchSummary, type MatchView, type Replay, type Result } from "../../../shared/index.js";
import { debriefModel, type DebriefModel } from "./debrief-model.js";

/**
 * The replay viewer's model, from a log's text: the engine replays it (or names the line that
 * breaks it, and nothing else is built), then every step can be looked at as the instructor
 * sees it — both sheets revealed — with the points plane as it stood then.
 * Step k is the match after k actions (0 = before the first).
 */

export type ReplayStep = {
  step: number;
  round: number;
  type: Action["type"];
  /** The seated player who acted, if any. */
  by: { name: string; side: string } | null;
  /** A proposal's id, an accepted id, a chat line, an event title… (words of the log, not ours). */
  detail: string;
  /** A proposal's points for each side on that step's sheets. */
  points?: Record<string, number>;
  /** Headlines of events that fired with this step. */
  news: string[];
  /** A chat line to the player's own team only (the other side never saw it). */
  team?: boolean;
};

export type ReplayModel = {
  replay: Replay;
  matchId: string;
  /** One entry per action: steps[i] is step i + 1. */
  steps: ReplayStep[];
  /** Number of the last step (= number of actions). */
  last: number;
  viewAt(step: number): MatchView;
  chartAt(step: number): DebriefModel;
  summary(): MatchSummary;
};

function detailOf(action: Action, after: MatchView | Replay["states"][number]): string {
  switch (action.type) {
    case "propose":
      return after.proposals.at(-1)?.id ?? "";
    case "accept":
      return action.proposalId;
    case "chat":
      return action.text;
    case "inject":
      return action.event.title;
    case "join":
      return action.player.name;
    case "branch":
      return `${action.parent.matchId} #${action.parent.step}`;
    default:
      return "";
  }
}

export function openReplay(text: string): Result<ReplayModel, LogError> {
  const replayed = replayLog(text);
  if (!replayed.ok) return replayed;
  const replay = replayed.value;
  const { scenario, states } = replay;
  const steps: ReplayStep[] = replay.actions.map(({ action }, i) => {
    const before = states[i]!;
    const after = states[i + 1]!;
    const player = "by" in action ? after.players.find((p) => p.id === action.by) : action.type === "join" ? action.player : undefined;
    const step: ReplayStep = {
      step: i + 1,
      round: before.round,
      type: action.type,
      by: player ? { name: player.name, side: player.side } : null,
      detail: detailOf(action, after),
      news: after.events.slice(before.events.length).map((e) => e.title),
    };
    if (action.type === "chat" && action.to === "team") step.team = true;
    if (action.type === "propose") step.points = Object.fromEntries(scenario.sides.map((s) => [s.id, offerPoints(scenario, after, s.id, action.offer) ?? 0]));
    return step;
  });

  const views = new Map<number, MatchView>();
  const charts = new Map<number, DebriefModel>();
  const last = steps.length;
  const clamp = (step: number) => Math.max(0, Math.min(last, Math.round(step)));
  const viewAt = (step: number): MatchView => {
    const k = clamp(step);
    let view = views.get(k);
    if (!view) views.set(k, (view = viewFor(scenario, states[k]!, { kind: "instructor" })));
    return view;
  };
  let finalChart: DebriefModel | undefined;
  const chartAt = (step: number): DebriefModel => {
    const k = clamp(step);
    let chart = charts.get(k);
    if (!chart) {
      finalChart ??= debriefModel(viewAt(last));
      const now = debriefModel(viewAt(k));
      // One frame for the whole replay, so the paths move and the axes stay still.
      const b = (key: keyof DebriefModel["bounds"], pick: (x: number, y: number) => number) => pick(finalChart!.bounds[key], now.bounds[key]);
      chart = { ...now, bounds: { minA: b("minA", Math.min), maxA: b("maxA", Math.max), minB: b("minB", Math.min), maxB: b("maxB", Math.max) } };
      charts.set(k, chart);
    }
    return chart;
  };
  let summary: MatchSummary | undefined;
  return {
    ok: true,
    value: { replay, matchId: replay.header.matchId, steps, last, viewAt, chartAt, summary: () => (summary ??= summarizeMatch(scenario, replay.final)) },
  };
}
