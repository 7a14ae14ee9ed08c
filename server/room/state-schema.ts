import { schema, t, type SchemaType } from "@colyseus/schema";

/**
 * The synced state of a `negotiation` room (docs/protocol.md, "State"). Public fields go to
 * everyone; `sheets`, `roles` and `teams` are `.view()` collections: an entry reaches a client
 * only after the room adds it to that client's StateView (server/room/visibility.ts).
 *
 * Records that never change once written (proposals, events, red lines, the outcome) travel as
 * JSON strings: every schema object costs a change tracker for the life of the room,
 * and with hundreds of rooms those trackers were most of the server's memory. Fields that change
 * on their own (players, the round, a sheet's no-deal value and delay cost) stay schema fields.
 * The public scenario is not in the state at all: it is static, so it comes once, in `seat`.
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

/**
 * A chat line. Unlike the other records it stays a schema object: a team channel is revealed to
 * the other side at the end through the StateView, and Colyseus 0.18 writes each revealed object
 * into a buffer it does not grow past 16 KB of headroom, so a channel held as one array of strings
 * would arrive cut once it grew past that; one object per line keeps every piece small. Whatever
 * can grow without bound inside a private collection is therefore one object per entry.
 */
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

/** What a fired event did to one side's numbers: one object each, as the effects only ever grow (see ChatLineState). */
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

export const SideSheetState = schema(
  {
    side: t.string(),
    /** The side's confidential brief. */
    brief: t.string(),
    /**
     * JSON number array: points of every option, private variant and events applied, flat in
     * scenario order (issue by issue, option by option). Changes only when an event scales an issue.
     */
    points: t.string(),
    reservation: t.float64(),
    pressurePerRound: t.float64(),
    delayCost: t.float64(),
    /** JSON array of `{id, constituency, issue, forbiddenOptions, reason}`; static for the match. */
    redLines: t.string(),
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
    /** JSON object, issue id → weight. */
    issueWeights: t.string(),
    /** JSON number array, flat in scenario order, as on the side sheet. */
    points: t.string(),
  },
  "RoleSheetState",
);
export type RoleSheetState = SchemaType<typeof RoleSheetState>;

/** A side's private channel. */
export const TeamState = schema({ side: t.string(), chat: t.array(ChatLineState) }, "TeamState");
export type TeamState = SchemaType<typeof TeamState>;

export const NegotiationState = schema(
  {
    /** The match code (= room id). */
    code: t.string(),
    scenarioId: t.string(),
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
    /** One JSON object per proposal, `{id, side, by, round, offer}`, in order. */
    proposals: t.array("string"),
    /** One JSON object per fired event, `{id, title, headline, round, origin}`. */
    events: t.array("string"),
    /** The table channel. */
    chat: t.array(ChatLineState),
    /** The outcome as one JSON object once the match has ended; "" while it runs. */
    outcome: t.string().default(""),
    sheets: t.map(SideSheetState).view(),
    roles: t.map(RoleSheetState).view(),
    teams: t.map(TeamState).view(),
  },
  "NegotiationState",
);
export type NegotiationState = SchemaType<typeof NegotiationState>;
