import { builtinScenario, DEFAULT_SCENARIO_ID, type Offer, type TableView } from "../../shared/index.js";

/**
 * What the fuzzing clients send, drawn from a seeded generator: moves that fit the table as the
 * client sees it, moves that do not (wrong turn, stale ids), chat with hidden characters, and
 * malformed messages of every kind (unknown and odd types, wrong payload shapes, prototype keys,
 * deep nesting, oversized text). Payloads stay under 8 KB, the SDK's send buffer (the server's
 * frame limit is 64 KB; a bigger frame closes the connection by design, which is not a message
 * to answer).
 */

export type Random = () => number;
export type Message = { type: string | number; payload: unknown; kind: "move" | "chat" | "sync" | "malformed" };

const scenario = builtinScenario(DEFAULT_SCENARIO_ID)!;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

export function randomOffer(random: Random): Offer {
  return Object.fromEntries(scenario.issues.map((issue) => [issue.id, pick(random, issue.options).id]));
}

function deep(levels: number): unknown {
  let value: unknown = { leaf: true };
  for (let i = 0; i < levels; i++) value = { nested: value };
  return value;
}

const oddTypes: readonly (string | number)[] = ["", "hack", "__proto__", "constructor", "toString", "hasOwnProperty", "x".repeat(200), "error", "view", "step", "propose\u0000", "READY", "chat ", 0, 1, 7, 255, -1];
const moveTypes = ["ready", "propose", "accept", "walkaway", "chat", "sync"] as const;
const hidden = ["\u202E", "\u0000", "\u200B", "\uFEFF", "\u2066", "\n", "\u0007", "e\u0301", "\uD800"];

function junkPayload(random: Random): unknown {
  const choices: (() => unknown)[] = [
    () => null,
    () => undefined,
    () => 0,
    () => -1,
    () => 1e308,
    () => Number.NaN,
    () => true,
    () => "",
    () => "x".repeat(1 + Math.floor(random() * 7000)),
    () => [],
    () => [1, 2, 3],
    () => ({}),
    () => ({ offer: null }),
    () => ({ offer: {} }),
    () => ({ offer: { cars: "nope" } }),
    () => ({ offer: "everything" }),
    () => ({ offer: { ...randomOffer(random), extra: "x" } }),
    () => ({ proposalId: 42 }),
    () => ({ proposalId: "p9999" }),
    () => ({ proposalId: "x".repeat(100) }),
    () => ({ text: "" }),
    () => ({ text: 5 }),
    () => ({ text: "y".repeat(501 + Math.floor(random() * 2000)) }),
    () => ({ text: hidden.join("") }),
    () => ({ text: "hi", to: "everyone" }),
    () => ({ text: "hi", extra: 1 }),
    () => JSON.parse('{"__proto__": {"polluted": true}, "text": "proto"}'),
    () => ({ constructor: { prototype: { polluted: true } } }),
    () => deep(1 + Math.floor(random() * 80)),
    () => ({ by: "p2", offer: randomOffer(random) }),
  ];
  return pick(random, choices)();
}

function chatText(random: Random): string {
  const words = ["rice", "cars", "tariffs", "semiconductors", "自動車", "関税", "deal?", "no", "OK"];
  let text = "";
  const n = 1 + Math.floor(random() * 8);
  for (let i = 0; i < n; i++) text += `${pick(random, words)}${random() < 0.2 ? pick(random, hidden) : " "}`;
  return text;
}

/** A move that fits what the client sees (it may still be refused: the view may be stale). */
function fittingMove(random: Random, view: TableView): Message {
  if (view.phase === "briefing") return { type: "ready", payload: {}, kind: "move" };
  const myTurn = view.viewer.kind === "seat" && view.turn === view.viewer.side;
  if (view.phase === "negotiating" && myTurn) {
    const roll = random();
    if (roll < 0.008 && view.standingProposalId) return { type: "accept", payload: { proposalId: view.standingProposalId }, kind: "move" };
    if (roll < 0.01) return { type: "walkaway", payload: {}, kind: "move" };
    return { type: "propose", payload: { offer: randomOffer(random) }, kind: "move" };
  }
  return { type: "chat", payload: { text: chatText(random), to: random() < 0.3 ? "team" : "table" }, kind: "chat" };
}

export function randomMessage(random: Random, view: TableView): Message {
  const roll = random();
  if (roll < 0.4) return fittingMove(random, view);
  if (roll < 0.5) return { type: "chat", payload: { text: chatText(random) }, kind: "chat" };
  if (roll < 0.55) return { type: "sync", payload: {}, kind: "sync" };
  if (roll < 0.75) return { type: pick(random, moveTypes), payload: junkPayload(random), kind: "malformed" };
  if (roll < 0.85) return { type: pick(random, moveTypes), payload: { offer: randomOffer(random) }, kind: "malformed" };
  return { type: pick(random, oddTypes), payload: junkPayload(random), kind: "malformed" };
}
