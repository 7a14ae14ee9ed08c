import { describe, expect, it } from "vitest";
import { brokenRedLines, offerPoints, reservationValue, type MatchSettingsInput } from "../../shared/index.js";
import seedrandom from "seedrandom";
import { botMove, strategyNames } from "../../shared/bots/index.js";
import { mean, play, replay, scenario, varied } from "./helpers.js";

const settingsList: MatchSettingsInput[] = [{ events: "both", privateVariant: true }, { events: "historical" }, { events: "random", privateVariant: true }];

describe("sanity properties", () => {
  it("two Hardliners never agree", () => {
    for (const settings of settingsList) {
      for (let k = 0; k < 8; k++) {
        const { state } = play("hardliner", "hardliner", `hard-${k}`, settings);
        expect(state.outcome?.kind).not.toBe("agreement");
        expect(state.outcome?.kind).not.toBe("ratification-failed");
      }
    }
  });

  it("Conceder vs Conceder always agrees, and early: well before the deadline and before slower pairs", () => {
    const rounds = (a: string, b: string) =>
      Array.from({ length: 12 }, (_, k) => {
        const { state } = play(a, b, `early-${k}`);
        expect(state.outcome?.kind).toBe("agreement");
        return state.outcome!.round;
      });
    const conceders = rounds("conceder", "conceder");
    expect(mean(conceders)).toBeLessThanOrEqual((2 / 3) * scenario.rounds.length);
    expect(Math.max(...conceders)).toBeLessThan(scenario.rounds.length);
    expect(mean(conceders)).toBeLessThan(mean(rounds("linear", "linear")));
  });

  it("no bot ever offers or accepts below its reservation value or against its own red lines", () => {
    let offers = 0;
    let accepts = 0;
    for (const settings of settingsList) {
      for (const a of strategyNames) {
        for (const b of strategyNames) {
          for (let k = 0; k < 4; k++) {
            const match = play(a, b, `guard-${k}`, settings);
            // Between bots a deal never fails ratification: each refuses what breaks its own red lines.
            expect(match.state.outcome?.kind).not.toBe("ratification-failed");
            replay(match, settings, (state, action) => {
              if (action.type !== "propose" && action.type !== "accept") return;
              const side = state.players.find((p) => p.id === action.by)!.side;
              const offer = action.type === "propose" ? action.offer : state.proposals.find((p) => p.id === action.proposalId)!.offer;
              const points = offerPoints(scenario, state, side, offer)! - (state.delayCost[side] ?? 0);
              expect(points).toBeGreaterThanOrEqual(reservationValue(scenario, state, side) - 1e-9);
              expect(brokenRedLines(scenario, offer).filter((line) => line.side === side)).toEqual([]);
              if (action.type === "propose") offers++;
              else accepts++;
            });
          }
        }
      }
    }
    expect(offers).toBeGreaterThan(1000);
    expect(accepts).toBeGreaterThan(200);
  });

  it("holds the same guards against an erratic player who offers anything, red lines included", () => {
    let accepted = 0;
    for (const name of strategyNames) {
      for (const botSide of ["japan", "us"]) {
        for (let k = 0; k < 6; k++) {
          const seed = `erratic-${name}-${botSide}-${k}`;
          const random = seedrandom(seed);
          const match = play(name, name, seed, varied, {
            move: (bot, view, ctx) => {
              if (view.viewer.kind === "seat" && view.viewer.side === botSide) return botMove(bot, view, ctx);
              const standing = view.proposals.find((p) => p.id === view.standingProposalId && p.side === botSide);
              if (standing && random() < 0.1) return { action: { type: "accept", by: ctx.playerId, proposalId: standing.id } };
              const offer = Object.fromEntries(view.scenario.issues.map((issue) => [issue.id, issue.options[Math.floor(random() * issue.options.length)]!.id]));
              return { action: { type: "propose", by: ctx.playerId, offer } };
            },
          });
          replay(match, varied, (state, action) => {
            if (action.type !== "accept" || state.players.find((p) => p.id === action.by)?.side !== botSide) return;
            const offer = state.proposals.find((p) => p.id === action.proposalId)!.offer;
            accepted++;
            expect(offerPoints(scenario, state, botSide, offer)! - (state.delayCost[botSide] ?? 0)).toBeGreaterThanOrEqual(reservationValue(scenario, state, botSide) - 1e-9);
            expect(brokenRedLines(scenario, offer).filter((line) => line.side === botSide)).toEqual([]);
          });
        }
      }
    }
    expect(accepted).toBeGreaterThan(5);
  });
});
