import { describe, expect, it } from "vitest";
import { applyAction, newMatch, roleSheet, sideSheet, type MatchState, type Offer } from "../../shared/index.js";
import { NegotiationState } from "../../server/room/state-schema.js";
import { createPrivateContainers, newCursor, roleContainer, syncState } from "../../server/room/state-sync.js";
import { scenario } from "./helpers.js";

/** The sheets the room syncs must show the engine's own numbers after every step, scaling events included. */

const step = (state: MatchState, action: unknown): MatchState => {
  const next = applyAction(scenario, state, action);
  if (!next.ok) throw new Error(next.error.message);
  return next.value;
};

const flatPoints = (points: Record<string, Record<string, number>>): number[] =>
  scenario.issues.flatMap((issue) => issue.options.map((option) => points[issue.id]![option.id]!));

describe("syncState's sheets", () => {
  it("match the engine's side and role sheets after every move of ten event-filled rounds", () => {
    const created = newMatch(scenario, { seed: "sheets", settings: { rounds: 12, events: "both" } });
    if (!created.ok) throw new Error(created.error.message);
    let state = created.value;
    const [japan, us] = scenario.sides;
    state = step(state, { type: "join", player: { id: "a", name: "A", side: japan!.id, role: japan!.roles[0]!.id } });
    state = step(state, { type: "join", player: { id: "b", name: "B", side: us!.id, role: us!.roles[0]!.id } });
    state = step(state, { type: "ready", by: "a" });
    state = step(state, { type: "ready", by: "b" });

    const root = new NegotiationState({ code: "T", scenarioId: scenario.id, mode: "pvp", phase: "", seq: 0, round: 0, maxRounds: 0, roundLabel: "", turn: "" });
    createPrivateContainers(root, scenario);
    for (const side of scenario.sides) for (const role of side.roles) roleContainer(root, scenario, state, side.id, role.id);
    const cursor = newCursor();
    const connected = new Set(["a", "b"]);
    let scaled = 0;
    for (let k = 0; k < 20; k++) {
      const offer: Offer = Object.fromEntries(scenario.issues.map((issue) => [issue.id, issue.options[(k + issue.id.length) % issue.options.length]!.id]));
      state = step(state, { type: "propose", by: state.turn === japan!.id ? "a" : "b", offer });
      syncState(root, scenario, state, connected, cursor);
      for (const side of scenario.sides) {
        const expected = sideSheet(scenario, state, side.id);
        const synced = root.sheets.get(side.id)!;
        expect(JSON.parse(synced.points)).toEqual(flatPoints(expected.points));
        expect(synced.reservation).toBe(expected.reservation);
        expect(synced.pressurePerRound).toBe(expected.pressurePerRound);
        for (const role of side.roles) expect(JSON.parse(root.roles.get(`${side.id}/${role.id}`)!.points)).toEqual(flatPoints(roleSheet(scenario, state, side.id, role.id).points));
      }
      scaled = state.events.flatMap((event) => event.effects).filter((effect) => effect.kind === "scale").length;
    }
    // The run must have moved points, or it proves nothing about rescaling.
    expect(scaled).toBeGreaterThan(1);
  });
});
