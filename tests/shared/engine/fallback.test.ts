import { describe, expect, it } from "vitest";
import { builtinScenarioSource, parseScenario, reservationValue, sidePointTable, stateHash, type MatchState } from "../../../shared/index.js";
import { expectRefused, mustApply, started, tariffScenario } from "../helpers.js";

/**
 * A reservation effect with a fallback says what no deal now leaves an issue at. The 2025 scenario
 * opens with other goods falling back to normal + 24% (the rate paused until 9 July); the 7 July
 * letter moves it to normal + 25% from 1 August. Both values come from the model, not the file.
 */

const scenario = tariffScenario();
const B = scenario.issues.findIndex((i) => i.id === "B");
const option = (id: string) => scenario.issues[B]!.options.findIndex((o) => o.id === id);
const pointsOfB = (side: string, id: string) => sidePointTable(scenario, side)[B]![option(id)]!;
/** Plain reservation deltas of the events that fire in round 1 (the steel tariff), read from the file. */
const round1Deltas = (side: string, s = scenario) =>
  s.events.timeline
    .filter((t) => t.round === 1)
    .flatMap((t) => t.event.effects)
    .reduce((sum, e) => sum + (e.kind === "reservation" && e.side === side ? e.delta : 0), 0);

function playRounds(state: MatchState, rounds: number): MatchState {
  let s = state;
  for (let i = 0; i < rounds; i++) {
    s = mustApply(scenario, s, { type: "propose", by: "j1", offer: scenario.noDeal });
    s = mustApply(scenario, s, { type: "propose", by: "u1", offer: scenario.noDeal });
  }
  return s;
}

describe("fallback effects", () => {
  it("opens with no deal worth other goods at normal + 24% for each side", () => {
    const s = started(scenario, { settings: { events: "historical" } });
    expect(pointsOfB("japan", "n+24")).toBeGreaterThan(2);
    for (const side of ["japan", "us"]) expect(reservationValue(scenario, s, side)).toBeCloseTo(round1Deltas(side) + pointsOfB(side, "n+24"), 12);
  });

  it("the 7 July letter (round 6) moves the fallback to normal + 25%: Japan loses exactly that difference", () => {
    const before = playRounds(started(scenario, { settings: { events: "historical" } }), 4);
    const after = playRounds(before, 1);
    expect(after.events.at(-1)?.id).toBe("tariff-letter");
    expect(before.round).toBe(5);
    const lost = reservationValue(scenario, before, "japan") - reservationValue(scenario, after, "japan");
    expect(lost).toBeCloseTo(pointsOfB("japan", "n+24") - pointsOfB("japan", "n+25"), 9);
  });

  it("follows the side's sheet: a scale effect on B scales what the fallback is worth", () => {
    let s = started(scenario, { settings: { events: "historical" } });
    s = mustApply(scenario, s, { type: "inject", event: { id: "b-twice", title: "B twice", headline: "B counts double.", effects: [{ kind: "scale", side: "japan", issue: "B", factor: 2 }] } });
    expect(reservationValue(scenario, s, "japan")).toBeCloseTo(round1Deltas("japan") + 2 * pointsOfB("japan", "n+24"), 9);
  });

  it("is deterministic: the same actions give the same state hash", () => {
    const run = () => stateHash(playRounds(started(scenario, { seed: "fallback", settings: { events: "both" } }), 7));
    expect(run()).toBe(run());
  });

  it("an injected event with a fallback to an unknown option is refused and changes nothing", () => {
    const s = started(scenario);
    expectRefused(scenario, s, { type: "inject", event: { id: "bad", title: "Bad", headline: "Bad.", effects: [{ kind: "reservation", side: "japan", delta: 0, fallback: { issue: "B", option: "n+99" } }] } }, "BAD_EVENT");
  });

  it("without the fallback effect, no deal is measured at normal + 25% (the scenario's no-deal package)", () => {
    const raw = builtinScenarioSource("tariff-talks-2025") as any;
    raw.events.timeline = raw.events.timeline.filter((t: any) => t.event.id !== "pause-ends-9-july");
    const parsed = parseScenario(raw);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error));
    const s = started(parsed.value, { settings: { events: "historical" } });
    expect(reservationValue(parsed.value, s, "japan")).toBe(round1Deltas("japan", parsed.value));
  });
});
