import type { Effect } from "../scenario/schema.js";
import type { RngState } from "../util/rng.js";
import type { MatchSettings, Offer, Player } from "./actions.js";

/** The whole match as plain JSON data: hashing it, storing it or sending it needs nothing else. */

export const phases = ["briefing", "negotiating", "ended"] as const;
export type Phase = (typeof phases)[number];

/** stopped: the server (an instructor) ended the match; it scores as no deal. */
export const outcomeKinds = ["agreement", "walkaway", "deadline", "ratification-failed", "stopped"] as const;
export type OutcomeKind = (typeof outcomeKinds)[number];

export type SeatedPlayer = Player & { ready: boolean };

export type Proposal = {
  id: string;
  side: string;
  by: string;
  round: number;
  offer: Offer;
};

export type ChatLine = {
  seq: number;
  by: string;
  side: string;
  to: "table" | "team";
  text: string;
  round: number;
};

export type FiredEvent = {
  id: string;
  title: string;
  headline: string;
  round: number;
  /** timeline: historical calendar; deck: seeded random draw; instructor: injected; deadline: a missed soft deadline. */
  origin: "timeline" | "deck" | "instructor" | "deadline";
  effects: Effect[];
};

export type BrokenRedLine = { side: string; id: string; constituency: string; reason: string };

export type Outcome = {
  kind: OutcomeKind;
  round: number;
  /** The agreed (or failed) proposal, for agreement and ratification-failed. */
  proposalId?: string;
  offer?: Offer;
  /** Who accepted or walked away. */
  by?: string;
  side?: string;
  /** Each side's final points: the package minus delay costs, or the reservation value for no deal. */
  points: Record<string, number>;
  brokenRedLines?: BrokenRedLine[];
  /** Why the server stopped the match (kind stopped). */
  reason?: string;
};

export type MatchState = {
  scenarioId: string;
  seed: string;
  settings: MatchSettings;
  /** Number of actions applied so far. */
  seq: number;
  phase: Phase;
  round: number;
  maxRounds: number;
  /** Side whose move it is (meaningful while negotiating). */
  turn: string;
  /** 0 before the first mover has moved in this round, 1 after. */
  movesThisRound: number;
  players: SeatedPlayer[];
  proposals: Proposal[];
  standingProposalId: string | null;
  chat: ChatLine[];
  events: FiredEvent[];
  /** Points each side has lost to delay so far (time pressure summed over the rounds gone by). */
  delayCost: Record<string, number>;
  /** Private variant: per side, a factor per issue (scenario order); null when off. */
  variant: Record<string, number[]> | null;
  rng: RngState;
  outcome: Outcome | null;
};
