import { describe, expect, it } from "vitest";
import { applyAction, publicScenario, viewFor, type Action } from "../../shared/index.js";
import { NegotiationState } from "../../server/room/state-schema.js";
import { createPrivateContainers, newCursor, roleContainer, syncState } from "../../server/room/state-sync.js";
import { adaptState, type ServerStateJson } from "../../client/src/net/state-adapter.js";
import { match, realDeal, scenario } from "./fixtures.js";

/**
 * The adapter must turn the server's schema state (as the SDK decodes it for one seat) back into
 * exactly the engine's view for that seat: the round trip engine → schema → client is lossless.
 */

function serverJsonFor(side: string): ServerStateJson {
  const state = match([
    { type: "chat", by: "jp", text: "Hello", to: "table" },
    { type: "chat", by: "jp", text: "Team only", to: "team" },
    { type: "propose", by: "jp", offer: realDeal() },
    { type: "propose", by: "us", offer: { ...realDeal(), A: "25" } },
  ]);
  const root = new NegotiationState({ code: "ABC", scenarioId: scenario.id, mode: "solo", phase: "", seq: 0, round: 1, maxRounds: 9, roundLabel: "", turn: "" });
  createPrivateContainers(root, scenario);
  syncState(root, scenario, state, new Set(["jp"]), newCursor());
  // Role sheets are created when first made visible (server/room/visibility.ts).
  roleContainer(root, scenario, state, side, side === "japan" ? "chief" : "treasury");
  const json = root.toJSON() as unknown as ServerStateJson & { sheets: Record<string, unknown>; teams: Record<string, unknown>; roles: Record<string, unknown> };
  // What the StateView withholds from this seat.
  for (const key of Object.keys(json.sheets)) if (key !== side) delete json.sheets[key];
  for (const key of Object.keys(json.teams)) if (key !== side) delete json.teams[key];
  for (const key of Object.keys(json.roles)) if (!key.startsWith(`${side}/chief`)) delete json.roles[key];
  return json;
}

describe("state adapter", () => {
  it("rebuilds the engine's seat view from the server's state", () => {
    const state = match([
      { type: "chat", by: "jp", text: "Hello", to: "table" },
      { type: "chat", by: "jp", text: "Team only", to: "team" },
      { type: "propose", by: "jp", offer: realDeal() },
      { type: "propose", by: "us", offer: { ...realDeal(), A: "25" } },
    ]);
    const expected = viewFor(scenario, state, { kind: "seat", side: "japan", role: "chief" });
    const view = adaptState(serverJsonFor("japan"), { playerId: "jp", side: "japan", role: "chief" }, publicScenario(scenario));
    expect(view.table.code).toBe("ABC");
    expect(view.table.connected).toEqual({ jp: true, us: true });
    const { table: _table, ...rest } = view;
    expect(rest).toEqual(expected);
  });

  it("stays equal to the engine's view step by step, through events that move points and ones that do not", () => {
    const root = new NegotiationState({ code: "ABC", scenarioId: scenario.id, mode: "solo", phase: "", seq: 0, round: 1, maxRounds: 9, roundLabel: "", turn: "" });
    createPrivateContainers(root, scenario);
    const cursor = newCursor();
    const steps: Action[] = [
      { type: "propose", by: "jp", offer: realDeal() },
      { type: "inject", event: { id: "no-deal-moves", title: "Talks stall", headline: "A fallback worsens.", effects: [{ kind: "reservation", side: "japan", delta: -7 }] } },
      { type: "propose", by: "us", offer: { ...realDeal(), A: "25" } },
      { type: "inject", event: { id: "cars-matter", title: "Car plants", headline: "Cars weigh more.", effects: [{ kind: "scale", side: "japan", issue: "A", factor: 1.5 }] } },
      { type: "propose", by: "jp", offer: realDeal() },
    ];
    let state = match();
    for (const step of steps) {
      const next = applyAction(scenario, state, step);
      if (!next.ok) throw new Error(next.error.message);
      state = next.value;
      syncState(root, scenario, state, new Set(["jp"]), cursor);
      roleContainer(root, scenario, state, "japan", "chief");
      const json = root.toJSON() as unknown as ServerStateJson & { sheets: Record<string, unknown>; teams: Record<string, unknown>; roles: Record<string, unknown> };
      delete json.sheets["us"];
      delete json.teams["us"];
      for (const key of Object.keys(json.roles)) if (key !== "japan/chief") delete json.roles[key];
      const { table: _table, ...view } = adaptState(json, { playerId: "jp", side: "japan", role: "chief" }, publicScenario(scenario));
      expect(view, `after ${step.type}`).toEqual(viewFor(scenario, state, { kind: "seat", side: "japan", role: "chief" }));
    }
  });

  it("shows no sheet before the server grants one, and reads a missing outcome as none", () => {
    const view = adaptState({ phase: "briefing", sheets: { japan: { side: "japan", points: "[]" } }, outcome: "" }, null, publicScenario(scenario));
    expect(view.sheets).toEqual({});
    expect(view.outcome).toBeNull();
    expect(view.viewer).toEqual({ kind: "spectator" });
  });
});
