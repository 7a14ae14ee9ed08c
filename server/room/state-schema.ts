import { schema, t, type SchemaType } from "@colyseus/schema";

/**
 * The synced state of a `negotiation` room (docs/protocol.md, "State"). Public fields go to
 * everyone; `sheets`, `roles` and `teams` are `.view()` collections: an entry reaches a client
 * only after the room adds it to that client's StateView (server/room/visibility.ts).
 * Points are float64 so every number travels as the same eight bytes (the secrecy test
 * searches the raw frames for them).
 */

export const PlayerState = schema(
  {
    id: t.string(),
    name: t.string(),
    side: t.string(),
    role: t.string(),
    /** Strategy name when a bot holds the seat; "" for people. */
    bot: t.string().default(""),
    ready: t.boolean().default(false),
    connected: t.boolean().default(false),
  },
  "PlayerState",
);
export type PlayerState = SchemaType<typeof PlayerState>;

export const ProposalState = schema(
  {
    id: t.string(),
    side: t.string(),
    by: t.string(),
    round: t.uint16(),
    /**
     * The package as a JSON object, issue id → option id, every issue present, in scenario order.
     * One string rather than a map: a map costs a change tracker and a journal per proposal.
     */
    offer: t.string(),
  },
  "ProposalState",
);
export type ProposalState = SchemaType<typeof ProposalState>;

export const ChatLineState = schema(
  {
    seq: t.uint32(),
    by: t.string(),
    side: t.string(),
    to: t.string(),
    text: t.string(),
    round: t.uint16(),
  },
  "ChatLineState",
);
export type ChatLineState = SchemaType<typeof ChatLineState>;

/** The public face of an event: its headline. What it does to a side's numbers is on that side's sheet. */
export const EventState = schema(
  {
    id: t.string(),
    title: t.string(),
    headline: t.string(),
    round: t.uint16(),
    origin: t.string(),
  },
  "EventState",
);
export type EventState = SchemaType<typeof EventState>;

export const EffectState = schema(
  {
    eventId: t.string(),
    round: t.uint16(),
    /** scale | reservation | pressure */
    kind: t.string(),
    issue: t.string().default(""),
    factor: t.float64().default(0),
    delta: t.float64().default(0),
  },
  "EffectState",
);
export type EffectState = SchemaType<typeof EffectState>;

export const RedLineState = schema(
  {
    id: t.string(),
    constituency: t.string(),
    issue: t.string(),
    forbiddenOptions: t.array("string"),
    reason: t.string(),
  },
  "RedLineState",
);
export type RedLineState = SchemaType<typeof RedLineState>;

export const SideSheetState = schema(
  {
    side: t.string(),
    /** The side's confidential brief. */
    brief: t.string(),
    /**
     * Points of every option, private variant and events applied, flat in scenario order:
     * issue by issue, option by option (`scenario.issues[i].options[j]`). Flat because one
     * array per sheet costs a fifth of the memory of a map per issue.
     */
    points: t.array("float64"),
    reservation: t.float64(),
    pressurePerRound: t.float64(),
    delayCost: t.float64(),
    redLines: t.array(RedLineState),
    /** What the fired events did to this side's numbers. */
    effects: t.array(EffectState),
  },
  "SideSheetState",
);
export type SideSheetState = SchemaType<typeof SideSheetState>;

export const RoleSheetState = schema(
  {
    side: t.string(),
    role: t.string(),
    name: t.string(),
    person: t.string().default(""),
    brief: t.string(),
    issueWeights: t.map("float64"),
    /** As on the side sheet: flat, in scenario order. */
    points: t.array("float64"),
  },
  "RoleSheetState",
);
export type RoleSheetState = SchemaType<typeof RoleSheetState>;

/** A side's private channel. */
export const TeamState = schema({ side: t.string(), chat: t.array(ChatLineState) }, "TeamState");
export type TeamState = SchemaType<typeof TeamState>;

export const BrokenRedLineState = schema(
  { side: t.string(), id: t.string(), constituency: t.string(), reason: t.string() },
  "BrokenRedLineState",
);
export type BrokenRedLineState = SchemaType<typeof BrokenRedLineState>;

/** `kind` is "" while the match runs. */
export const OutcomeState = schema(
  {
    kind: t.string().default(""),
    round: t.uint16().default(0),
    proposalId: t.string().default(""),
    /** The agreed (or failed) package as JSON, like a proposal's; "" when there is none. */
    offer: t.string().default(""),
    by: t.string().default(""),
    side: t.string().default(""),
    points: t.map("float64"),
    brokenRedLines: t.array(BrokenRedLineState),
  },
  "OutcomeState",
);
export type OutcomeState = SchemaType<typeof OutcomeState>;

export const NegotiationState = schema(
  {
    /** The match code (= room id). */
    code: t.string(),
    scenarioId: t.string(),
    /** The public scenario (sides, roles, issues, options, calendar) as JSON: static for the match. */
    scenario: t.string(),
    mode: t.string(),
    phase: t.string(),
    seq: t.uint32(),
    round: t.uint16(),
    maxRounds: t.uint16(),
    roundLabel: t.string(),
    turn: t.string(),
    standingProposalId: t.string().default(""),
    turnSeconds: t.uint32().default(0),
    /** Wall-clock ms (Unix epoch) when the turn clock passes the move; 0 = no clock running. */
    turnEndsAt: t.float64().default(0),
    spectators: t.uint16().default(0),
    players: t.map(PlayerState),
    proposals: t.array(ProposalState),
    events: t.array(EventState),
    chat: t.array(ChatLineState),
    outcome: t.ref(OutcomeState),
    sheets: t.map(SideSheetState).view(),
    roles: t.map(RoleSheetState).view(),
    teams: t.map(TeamState).view(),
  },
  "NegotiationState",
);
export type NegotiationState = SchemaType<typeof NegotiationState>;
