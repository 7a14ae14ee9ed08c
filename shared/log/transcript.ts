import type { Action } from "../engine/actions.js";
import { roundLabel } from "../engine/calendar.js";
import { offerPoints } from "../engine/sheets.js";
import type { MatchState } from "../engine/state.js";
import type { Scenario } from "../scenario/schema.js";

/**
 * Words for a replayed match: one entry per logged action, with both sides' points revealed.
 * Used by the replay command line and the replay viewer's timeline.
 */
export type TranscriptEntry = {
  step: number;
  round: number;
  roundLabel: string;
  type: Action["type"];
  text: string;
  /** Events that arrived with this step (a new round beginning, a missed deadline, an injection). */
  news: string[];
  /** Both sides' points for a proposal (before delay costs). */
  points?: Record<string, number>;
};

const round1 = (n: number) => (Math.round(n * 10) / 10).toFixed(1);

function playerName(scenario: Scenario, state: MatchState, id: string): string {
  const player = state.players.find((p) => p.id === id);
  if (!player) return id;
  const side = scenario.sides.find((s) => s.id === player.side);
  const role = side?.roles.find((r) => r.id === player.role);
  return `${player.name} (${side?.name ?? player.side}, ${role?.name ?? player.role}${player.bot ? `, bot: ${player.bot}` : ""})`;
}

export function describeOffer(scenario: Scenario, offer: Record<string, string>): string {
  return scenario.issues.map((issue) => `${issue.id} ${issue.options.find((o) => o.id === offer[issue.id])?.label ?? offer[issue.id]}`).join("; ");
}

function describe(scenario: Scenario, before: MatchState, after: MatchState, action: Action): string {
  const who = "by" in action ? playerName(scenario, after, action.by) : "";
  switch (action.type) {
    case "join":
      return `${playerName(scenario, after, action.player.id)} takes a seat.`;
    case "ready":
      return `${who} is ready.`;
    case "start":
      return "The negotiation starts.";
    case "propose":
      return `${who} proposes ${after.proposals.at(-1)?.id}: ${describeOffer(scenario, action.offer)}.`;
    case "accept":
      return `${who} accepts ${action.proposalId}.`;
    case "walkaway":
      return `${who} walks away from the table.`;
    case "chat":
      return `${who} to the ${action.to}: “${action.text}”`;
    case "timeout":
      return `Time is up for ${scenario.sides.find((s) => s.id === before.turn)?.name ?? before.turn}; the move passes.`;
    case "inject":
      return `The instructor injects an event: ${action.event.title}.`;
    case "takeover":
      return `${action.name} takes over the seat of ${playerName(scenario, before, action.playerId)}.`;
    case "extend":
      return `The instructor moves the deadline ${action.rounds} round(s) later.`;
    case "stop":
      return `The match is stopped: ${action.reason}`;
    case "branch":
      return `Branch of match ${action.parent.matchId} from step ${action.parent.step}, with seed “${action.seed}”.`;
  }
}

function describeOutcome(scenario: Scenario, state: MatchState): string {
  const outcome = state.outcome;
  if (!outcome) return "";
  const points = scenario.sides.map((s) => `${s.name} ${round1(outcome.points[s.id] ?? 0)}`).join(", ");
  const words: Record<typeof outcome.kind, string> = {
    agreement: `Agreement on ${outcome.proposalId} in round ${outcome.round}`,
    walkaway: `No deal: ${scenario.sides.find((s) => s.id === outcome.side)?.name ?? outcome.side} walked away in round ${outcome.round}`,
    deadline: `No deal by the deadline (round ${outcome.round})`,
    "ratification-failed": `Deal ${outcome.proposalId} failed ratification (${(outcome.brokenRedLines ?? []).map((l) => l.reason).join(" ")})`,
    stopped: `No deal: the match was stopped in round ${outcome.round}`,
  };
  return `${words[outcome.kind]}. Points: ${points}.`;
}

export function transcript(scenario: Scenario, states: readonly MatchState[], actions: readonly { action: Action }[]): TranscriptEntry[] {
  return actions.map(({ action }, index) => {
    const before = states[index]!;
    const after = states[index + 1]!;
    const news = after.events.slice(before.events.length).map((e) => `${e.title}: ${e.headline}`);
    if (after.phase === "ended" && before.phase !== "ended") news.push(describeOutcome(scenario, after));
    const entry: TranscriptEntry = {
      step: index + 1,
      round: before.round,
      roundLabel: roundLabel(scenario, before),
      type: action.type,
      text: describe(scenario, before, after, action),
      news,
    };
    if (action.type === "propose") {
      entry.points = Object.fromEntries(scenario.sides.map((s) => [s.id, offerPoints(scenario, after, s.id, action.offer) ?? 0]));
    }
    return entry;
  });
}
