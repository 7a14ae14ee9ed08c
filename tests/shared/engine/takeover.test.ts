import { describe, expect, it } from "vitest";
import { expectRefused, mustApply, started, tariffScenario } from "../helpers.js";

const scenario = tariffScenario();
const withBot = [
  { id: "j1", name: "Aki", side: "japan", role: "chief" },
  { id: "bot-us-1", name: "US bot", side: "us", role: "treasury", bot: "normal" },
];

describe("takeover (a latecomer takes a bot's seat)", () => {
  it("turns the bot's seat into a person's: same id, side and role, new name, no bot", () => {
    const s = mustApply(scenario, started(scenario, { players: withBot }), { type: "takeover", playerId: "bot-us-1", name: "Late Sam" });
    expect(s.players.find((p) => p.id === "bot-us-1")).toEqual({ id: "bot-us-1", name: "Late Sam", side: "us", role: "treasury", ready: expect.any(Boolean) });
  });

  it("is refused for a person's seat, an unknown seat, or an ended match", () => {
    const s = started(scenario, { players: withBot });
    expectRefused(scenario, s, { type: "takeover", playerId: "j1", name: "X" }, "UNKNOWN_PLAYER");
    expectRefused(scenario, s, { type: "takeover", playerId: "nobody", name: "X" }, "UNKNOWN_PLAYER");
    const ended = mustApply(scenario, s, { type: "walkaway", by: "j1" });
    expectRefused(scenario, ended, { type: "takeover", playerId: "bot-us-1", name: "X" }, "WRONG_PHASE");
  });
});
