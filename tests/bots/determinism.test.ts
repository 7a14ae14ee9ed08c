import { describe, expect, it } from "vitest";
import { stateHash } from "../../shared/index.js";
import { strategyNames } from "../../shared/bots/index.js";
import { play } from "./helpers.js";

describe("bot matches are deterministic", () => {
  it("replays the same seed move for move, chat included", () => {
    for (const a of strategyNames) {
      for (const b of ["adaptive", "linear"]) {
        const first = play(a, b, `same-${a}-${b}`, undefined, { withChat: true });
        const second = play(a, b, `same-${a}-${b}`, undefined, { withChat: true });
        expect(second.actions).toEqual(first.actions);
        expect(stateHash(second.state)).toBe(stateHash(first.state));
      }
    }
  });

  it("draws differently for different seeds", () => {
    const offers = (seed: string) => play("linear", "conceder", seed).state.proposals.map((p) => p.offer);
    expect(offers("one")).not.toEqual(offers("two"));
  });
});
