import { describe, expect, it } from "vitest";
import { effectiveSideTable, viewFor, type MatchState } from "../../../shared/index.js";
import { mustApply, started, tariffScenario } from "../helpers.js";

const scenario = tariffScenario();
const japanSeat = { kind: "seat", side: "japan", role: "chief" } as const;

function midMatch(): MatchState {
  let s = started(scenario, { settings: { events: "historical", privateVariant: true }, seed: "views" });
  s = mustApply(scenario, s, { type: "chat", by: "u1", text: "Hold firm on cars.", to: "team" });
  s = mustApply(scenario, s, { type: "chat", by: "j1", text: "Good morning.", to: "table" });
  s = mustApply(scenario, s, { type: "propose", by: "j1", offer: scenario.noDeal });
  s = mustApply(scenario, s, { type: "propose", by: "u1", offer: scenario.noDeal });
  return s;
}

/** Every number of a side's sheet, as it would be printed in JSON. */
const sheetNumbers = (state: MatchState, side: string) =>
  effectiveSideTable(scenario, state, side)
    .flat()
    .map((n) => JSON.stringify(n))
    // Short numbers such as 19 also occur in labels; the long fractions are the sheet's own.
    .filter((text) => text.length >= 6);

describe("viewFor", () => {
  it("shows a seat its own side's sheet and role, and nothing of the other side's", () => {
    const s = midMatch();
    const view = viewFor(scenario, s, japanSeat);
    expect(Object.keys(view.sheets)).toEqual(["japan"]);
    expect(view.roles.map((r) => `${r.side}/${r.role}`)).toEqual(["japan/chief"]);
    const text = JSON.stringify(view);
    expect(sheetNumbers(s, "us").length).toBeGreaterThanOrEqual(15);
    for (const number of sheetNumbers(s, "us")) expect(text).not.toContain(number);
    expect(text).not.toContain("Hold firm on cars");
    expect(text).not.toContain("revenueWeight");
    expect(text).not.toContain('"variant"');
    expect(text).toContain("Good morning.");
  });

  it("shows the other side's event effects to nobody but that side", () => {
    const view = viewFor(scenario, midMatch(), { kind: "seat", side: "us", role: "commerce" });
    const steel = view.events.find((e) => e.id === "steel-50")!;
    expect(steel.headline).toMatch(/steel/i);
    expect(steel.effects).toEqual([]);
  });

  it("shows a spectator no sheet until the end, and the instructor everything", () => {
    const s = midMatch();
    const spectator = viewFor(scenario, s, { kind: "spectator" });
    expect(spectator.sheets).toEqual({});
    expect(spectator.roles).toEqual([]);
    expect(spectator.chat.map((c) => c.text)).toEqual(["Good morning."]);
    const instructor = viewFor(scenario, s, { kind: "instructor" });
    expect(Object.keys(instructor.sheets).sort()).toEqual(["japan", "us"]);
    expect(instructor.roles).toHaveLength(6);
    expect(instructor.chat).toHaveLength(2);
  });

  it("reveals both sheets to everyone when the match ends", () => {
    let s = midMatch();
    s = mustApply(scenario, s, { type: "walkaway", by: "j1" });
    for (const viewer of [japanSeat, { kind: "spectator" } as const]) {
      const view = viewFor(scenario, s, viewer);
      expect(Object.keys(view.sheets).sort()).toEqual(["japan", "us"]);
      expect(view.events.find((e) => e.id === "steel-50")!.effects).toHaveLength(1);
    }
  });

  it("gives each sheet the seat's points for every option, with the private variant applied", () => {
    const s = midMatch();
    const sheet = viewFor(scenario, s, japanSeat).sheets.japan!;
    const table = effectiveSideTable(scenario, s, "japan");
    expect(sheet.points.A!["15"]).toBe(table[0]![3]);
    expect(sheet.points.A!["27.5"]).toBe(0);
    // Steel (round 1) plus the opening's fallback: other goods at normal + 24%, on this match's sheet.
    expect(sheet.reservation).toBeCloseTo(-5 + table[1]![1]!, 9);
    expect(sheet.redLines.map((l) => l.id)).toEqual(["rice-outside-quota"]);
  });
});
