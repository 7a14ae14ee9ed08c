import { describe, expect, it } from "vitest";
import { applyAction, MAX_CHAT_LENGTH, newMatch, viewFor, type MatchState, type MatchView } from "../../shared/index.js";
import { botMove, strategyNames } from "../../shared/bots/index.js";
import { play, scenario, spec } from "./helpers.js";

const seats = [
  { id: "aki", name: "Aki", side: "japan", role: "chief" },
  { id: "sam", name: "Sam", side: "us", role: "treasury" },
];
const japanSeat = { kind: "seat", side: "japan", role: "chief" } as const;
const usSeat = { kind: "seat", side: "us", role: "treasury" } as const;

function started(): MatchState {
  const created = newMatch(scenario, { seed: "move-test", players: seats });
  if (!created.ok) throw new Error(created.error.message);
  const next = applyAction(scenario, created.value, { type: "start" });
  if (!next.ok) throw new Error(next.error.message);
  return next.value;
}

describe("botMove", () => {
  it("gets ready in the briefing for a seat that is not ready, then waits", () => {
    const created = newMatch(scenario, { seed: "s", players: seats });
    if (!created.ok) throw new Error(created.error.message);
    const move = botMove(spec("linear"), viewFor(scenario, created.value, japanSeat), { playerId: "aki", seed: "s" });
    expect(move).toEqual({ action: { type: "ready", by: "aki" } });
    const ready = applyAction(scenario, created.value, move!.action);
    if (!ready.ok) throw new Error(ready.error.message);
    expect(botMove(spec("linear"), viewFor(scenario, ready.value, japanSeat), { playerId: "aki", seed: "s" })).toBeNull();
  });

  it("moves only on its side's turn, with the seated player's id, and says something", () => {
    const state = started();
    expect(state.turn).toBe("japan");
    expect(botMove(spec("adaptive"), viewFor(scenario, state, usSeat), { playerId: "sam", seed: "s" })).toBeNull();
    for (const name of strategyNames) {
      const move = botMove(spec(name), viewFor(scenario, state, japanSeat), { playerId: "aki", seed: "s" });
      expect(move?.action).toMatchObject({ type: "propose", by: "aki" });
      expect(move?.chat?.length).toBeGreaterThan(0);
      expect(move!.chat!.length).toBeLessThanOrEqual(MAX_CHAT_LENGTH);
      expect(applyAction(scenario, state, move!.action).ok).toBe(true);
    }
  });

  it("does nothing once the match is over", () => {
    const { state } = play("conceder", "conceder", "over");
    expect(state.phase).toBe("ended");
    for (const seat of [japanSeat, usSeat]) expect(botMove(spec("conceder"), viewFor(scenario, state, seat), { playerId: "bot-japan", seed: "s" })).toBeNull();
  });

  it("refuses any view that is not a seat's own", () => {
    const state = started();
    const ctx = { playerId: "aki", seed: "s" };
    expect(() => botMove(spec("adaptive"), viewFor(scenario, state, { kind: "instructor" }), ctx)).toThrow(/seat/);
    expect(() => botMove(spec("adaptive"), viewFor(scenario, state, { kind: "spectator" }), ctx)).toThrow(/seat/);
    const leaky: MatchView = { ...viewFor(scenario, state, japanSeat), sheets: viewFor(scenario, state, { kind: "instructor" }).sheets };
    expect(() => botMove(spec("adaptive"), leaky, ctx)).toThrow(/another side's sheet/);
  });

  it("is only ever handed its own seat's view in a match", () => {
    let checked = 0;
    for (const name of strategyNames) {
      play(name, "adaptive", `views-${name}`, undefined, {
        withChat: true,
        move: (bot, view, ctx) => {
          if (view.viewer.kind !== "seat") throw new Error("not a seat");
          const side = view.viewer.side;
          expect(Object.keys(view.sheets)).toEqual([side]);
          expect(view.roles.every((role) => role.side === side)).toBe(true);
          expect(view.events.every((event) => event.effects.every((effect) => effect.side === side))).toBe(true);
          expect(view.chat.every((line) => line.to === "table" || line.side === side)).toBe(true);
          checked++;
          return botMove(bot, view, ctx);
        },
      });
    }
    expect(checked).toBeGreaterThan(strategyNames.length * 4);
  });
});
