import { describe, expect, it } from "vitest";
import { builtinScenario, builtinScenarioIds, newMatch } from "../../shared/index.js";
import { NegotiationState } from "../../server/room/state-schema.js";
import { createPrivateContainers, newCursor, roleContainer, syncState } from "../../server/room/state-sync.js";

/**
 * Colyseus 0.18 sends an object that becomes visible to a client (a seat's sheet when it joins,
 * the other side's at the end) in one piece, with 16 KB of buffer headroom and no check past
 * it: a bigger object arrives cut. So every private object that holds text or JSON must stay
 * well under that for every scenario we ship; what grows during a match (chat, effects) is one
 * object per entry (tests/server/secrecy.test.ts shows a long team channel arriving whole).
 */

const BUDGET = 12 * 1024;
const bytes = (value: unknown): number => Buffer.byteLength(typeof value === "string" ? value : "", "utf8");
const size = (fields: Record<string, unknown>): number => Object.values(fields).reduce<number>((sum, v) => sum + bytes(v) + 8, 0);

describe("private objects stay small enough to be sent in one piece", () => {
  for (const id of builtinScenarioIds()) {
    it(`${id}: every side and role sheet is under ${BUDGET / 1024} KB`, () => {
      const scenario = builtinScenario(id)!;
      for (const seed of ["a", "b", "c"]) {
        const started = newMatch(scenario, { seed, players: [] });
        if (!started.ok) throw new Error(started.error.message);
        const root = new NegotiationState({ code: "SIZE", scenarioId: id, mode: "pvp", phase: "", seq: 0, round: 1, maxRounds: 1, roundLabel: "", turn: "" });
        createPrivateContainers(root, scenario);
        syncState(root, scenario, started.value, new Set(), newCursor());
        const sizes: number[] = [];
        root.sheets.forEach((sheet) => sizes.push(size(sheet.toJSON())));
        for (const side of scenario.sides) for (const role of side.roles) sizes.push(size(roleContainer(root, scenario, started.value, side.id, role.id)!.toJSON()));
        expect(sizes.length).toBe(scenario.sides.length + scenario.sides.reduce((n, s) => n + s.roles.length, 0));
        expect(Math.min(...sizes)).toBeGreaterThan(100);
        expect(Math.max(...sizes)).toBeLessThan(BUDGET);
      }
    });
  }
});
