import seedrandom from "seedrandom";
import { describe, expect, it } from "vitest";
import { applyAction, applyChanges, diffJson, jsonEqual, viewFor, type MatchState, type Viewer } from "../../../shared/index.js";
import { randomAction } from "../log/random-play.js";
import { started, tariffScenario } from "../helpers.js";

/**
 * The wire's promise: whoever holds a view and applies every step has the next view exactly.
 * Checked on every state of random matches, for each kind of viewer, and on hand-made values
 * for each kind of change.
 */
describe("view changes", () => {
  it("turn each view into the next on every state of random matches, for seats and spectators", () => {
    const scenario = tariffScenario();
    const viewers: Viewer[] = [{ kind: "seat", side: "japan", role: "chief" }, { kind: "seat", side: "us", role: "treasury" }, { kind: "spectator" }, { kind: "instructor" }];
    let steps = 0;
    for (const seed of ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"]) {
      const random = seedrandom(`changes-${seed}`);
      let state: MatchState = started(scenario, { seed });
      const held = viewers.map((viewer) => viewFor(scenario, state, viewer));
      for (let i = 0; i < 300 && state.phase !== "ended"; i++) {
        const next = applyAction(scenario, state, randomAction(scenario, state, random));
        if (!next.ok) continue;
        state = next.value;
        viewers.forEach((viewer, v) => {
          const after = viewFor(scenario, state, viewer);
          const changes = diffJson(held[v], after);
          const folded = applyChanges(held[v], changes);
          expect(jsonEqual(folded, after)).toBe(true);
          // Through JSON, as on the wire.
          expect(JSON.parse(JSON.stringify(folded))).toEqual(JSON.parse(JSON.stringify(after)));
          held[v] = after;
          steps++;
        });
      }
    }
    expect(steps).toBeGreaterThan(300);
  });

  it("send what grew as push, what changed in place as set, what went as del, and leave the old value alone", () => {
    const before = { list: [1, 2], rows: [{ a: 1 }, { a: 2 }], gone: true, same: { x: [1] } };
    const after = { list: [1, 2, 3], rows: [{ a: 1 }, { a: 5 }], same: { x: [1] }, added: "new" };
    const changes = diffJson(before, after);
    expect(changes).toEqual([
      { op: "push", path: ["list"], values: [3] },
      { op: "set", path: ["rows", 1, "a"], value: 5 },
      { op: "set", path: ["added"], value: "new" },
      { op: "del", path: ["gone"] },
    ]);
    const snapshot = JSON.stringify(before);
    expect(applyChanges(before, changes)).toEqual(after);
    expect(JSON.stringify(before)).toBe(snapshot);
    // A shorter or reordered list is replaced whole.
    expect(diffJson({ l: [1, 2, 3] }, { l: [2, 3] })).toEqual([{ op: "set", path: ["l"], value: [2, 3] }]);
    expect(diffJson({ l: [1, 2] }, { l: [9, 2, 3] })).toEqual([{ op: "set", path: ["l"], value: [9, 2, 3] }]);
    expect(diffJson({ v: null }, { v: { a: 1 } })).toEqual([{ op: "set", path: ["v"], value: { a: 1 } }]);
  });

  it("treats keys that objects inherit (an option called toString, a side called constructor) as any other key", () => {
    const before = { points: { toString: 3, a: 1 }, constructor: "x" };
    const after = { points: { a: 1 }, hasOwnProperty: 2 };
    const changes = diffJson(before, after);
    expect(changes).toEqual([
      { op: "del", path: ["points", "toString"] },
      { op: "set", path: ["hasOwnProperty"], value: 2 },
      { op: "del", path: ["constructor"] },
    ]);
    expect(JSON.stringify(applyChanges(before, changes))).toBe(JSON.stringify(after));
  });
});
