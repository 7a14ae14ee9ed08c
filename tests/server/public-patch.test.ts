import { ClientState, SchemaSerializer } from "@colyseus/core";
import { Decoder, schema, StateView, t } from "@colyseus/schema";
import { describe, expect, it } from "vitest";
import { applyAction, newMatch, type MatchState, type Offer, type Viewer } from "../../shared/index.js";
import { patchPublicChangesOnce } from "../../server/room/public-patch.js";
import { NegotiationState } from "../../server/room/state-schema.js";
import { createPrivateContainers, newCursor, syncState } from "../../server/room/state-sync.js";
import { grantVisibility, newVisibility, type Visibility } from "../../server/room/visibility.js";
import { scenario } from "./helpers.js";

/**
 * server/room/public-patch.ts sends a patch with no private change as one shared frame instead of
 * Colyseus's per-view encode. Two copies of the same room state are driven through one match:
 * one serializer as Colyseus ships it, one with the shortcut. Every frame every client receives
 * must be the same bytes, and the shortcut must have carried most patches (or it tests nothing).
 */

type FakeClient = { state: ClientState; view: Visibility["view"]; raw(data: Uint8Array): void; frames: Uint8Array[] };

const [japan, us] = scenario.sides;
const viewers: Viewer[] = [{ kind: "seat", side: japan!.id, role: japan!.roles[0]!.id }, { kind: "seat", side: us!.id, role: us!.roles[0]!.id }, { kind: "spectator" }];

function table(shortcut: boolean, first: MatchState) {
  const root = new NegotiationState({ code: "T", scenarioId: scenario.id, mode: "pvp", phase: "", seq: 0, round: 0, maxRounds: 0, roundLabel: "", turn: "" });
  const serializer = new SchemaSerializer();
  serializer.reset(root);
  if (shortcut) patchPublicChangesOnce({ _serializer: serializer });
  createPrivateContainers(root, scenario);
  const cursor = newCursor();
  const connected = new Set(["a", "b"]);
  const seats = viewers.map((viewer) => {
    const visibility = newVisibility();
    const client: FakeClient = { state: ClientState.JOINED, view: visibility.view, frames: [], raw: (data) => client.frames.push(data) };
    return { viewer, visibility, client };
  });
  const clients = seats.map((seat) => seat.client);
  // Colyseus sends each joiner the full state first; a decoder per client replays what it would see.
  syncState(root, scenario, first, connected, cursor);
  for (const seat of seats) grantVisibility(seat.visibility, root, scenario, first, seat.viewer);
  const decoders = seats.map((seat) => {
    const decoder = new Decoder(new NegotiationState());
    decoder.decode(serializer.getFullState(seat.client as never).subarray(1));
    return decoder;
  });
  serializer.applyPatches([], root);
  return {
    clients,
    decoders,
    step(state: MatchState) {
      syncState(root, scenario, state, connected, cursor);
      if (state.phase === "ended") for (const seat of seats) grantVisibility(seat.visibility, root, scenario, state, seat.viewer);
      serializer.applyPatches(clients as never, root);
      clients.forEach((client, i) => decoders[i]!.decode(client.frames.at(-1)!.subarray(1)));
    },
  };
}

const act = (state: MatchState, action: unknown): MatchState => {
  const next = applyAction(scenario, state, action);
  if (!next.ok) throw new Error(next.error.message);
  return next.value;
};

describe("one shared frame for a public patch", () => {
  it("sends every client the same bytes as Colyseus's per-view encode, through events, team chat and the final reveal", () => {
    const created = newMatch(scenario, { seed: "public-patch", settings: { rounds: 20, events: "both" } });
    if (!created.ok) throw new Error(created.error.message);
    let state = created.value;
    state = act(state, { type: "join", player: { id: "a", name: "A", side: japan!.id, role: japan!.roles[0]!.id } });
    state = act(state, { type: "join", player: { id: "b", name: "B", side: us!.id, role: us!.roles[0]!.id } });
    const plain = table(false, state);
    const shortcut = table(true, state);
    const frameCounts = () => shortcut.clients.map((client) => client.frames.length);

    const states: MatchState[] = [];
    state = act(state, { type: "ready", by: "a" });
    states.push(state);
    state = act(state, { type: "ready", by: "b" });
    states.push(state);
    for (let k = 0; states.length < 40 && state.phase === "negotiating"; k++) {
      const by = state.turn === japan!.id ? "a" : "b";
      if (k % 3 === 2) {
        state = act(state, { type: "chat", by, text: `note ${k}`, to: k % 2 ? "team" : "table" });
        states.push(state);
      }
      const offer: Offer = Object.fromEntries(scenario.issues.map((issue) => [issue.id, issue.options[(k + issue.id.length) % issue.options.length]!.id]));
      state = act(state, { type: "propose", by, offer });
      states.push(state);
    }
    const last = state.proposals.at(-1)!;
    state = act(state, { type: "accept", by: state.turn === japan!.id ? "a" : "b", proposalId: last.id });
    expect(state.phase).toBe("ended");
    states.push(state);

    let shared = 0;
    for (const next of states) {
      plain.step(next);
      shortcut.step(next);
      const sent = shortcut.clients.map((client) => client.frames.at(-1)!);
      if (sent.every((frame) => frame === sent[0])) shared++;
      shortcut.clients.forEach((client, i) => expect(client.frames.at(-1), `client ${i} after seq ${next.seq}`).toEqual(plain.clients[i]!.frames.at(-1)));
    }
    // One frame per step per client, in both tables (the full state went through getFullState).
    expect(frameCounts()).toEqual(viewers.map(() => states.length));
    expect(plain.clients.map((client) => client.frames.length)).toEqual(viewers.map(() => states.length));
    // Many patches are public; those that close a round (a private delay cost moves), fire an event, carry a
    // team line or reveal the sheets are not. The 2025 calendar fires events in six of its nine weeks.
    expect(shared).toBeGreaterThan(states.length / 3);
    expect(shared).toBeLessThan(states.length);
    // And what the clients decoded: the final reveal reached everyone, the private chat only at the end.
    for (const decoder of shortcut.decoders) {
      const decoded = decoder.state as any;
      expect(decoded.outcome).not.toBe("");
      expect([...decoded.sheets.keys()].sort()).toEqual(scenario.sides.map((side) => side.id).sort());
    }
  });

  it("leaves a patch to Colyseus when it changes a `.view()` field of a public object", () => {
    const Table = schema({ open: t.string(), secret: t.string().view() }, "PublicPatchTable");
    const build = (shortcut: boolean) => {
      const state = new Table({ open: "a", secret: "s" });
      const serializer = new SchemaSerializer();
      serializer.reset(state);
      if (shortcut) patchPublicChangesOnce({ _serializer: serializer });
      const insider: FakeClient = { state: ClientState.JOINED, view: new StateView(), frames: [], raw: (data) => insider.frames.push(data) };
      const outsider: FakeClient = { state: ClientState.JOINED, view: new StateView(), frames: [], raw: (data) => outsider.frames.push(data) };
      insider.view.add(state);
      for (const client of [insider, outsider]) serializer.getFullState(client as never);
      serializer.applyPatches([insider, outsider] as never, state);
      const patch = (change: (table: InstanceType<typeof Table>) => void) => {
        change(state);
        serializer.applyPatches([insider, outsider] as never, state);
        return [insider.frames.at(-1)!, outsider.frames.at(-1)!];
      };
      return patch;
    };
    const plain = build(false);
    const shortcut = build(true);
    const steps: ((table: any) => void)[] = [(table) => (table.open = "b"), (table) => (table.secret = "t"), (table) => (table.open = "c")];
    const shared = steps.map((step) => {
      const expected = plain(step);
      const sent = shortcut(step);
      expect(sent).toEqual(expected);
      return sent[0] === sent[1];
    });
    // Only the public changes went out as one frame; the secret one differs by client.
    expect(shared).toEqual([true, false, true]);
  });
});
