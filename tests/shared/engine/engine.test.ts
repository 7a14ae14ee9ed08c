import { describe, expect, it } from "vitest";
import { applyAction, newMatch, offerPoints, reservationValue, sidePointTable, type MatchState } from "../../../shared/index.js";
import { expectRefused, mustApply, started, tariffScenario, twoSeats } from "../helpers.js";

const scenario = tariffScenario();
const historical = scenario.references[0]!.offer;
const noDeal = scenario.noDeal;

/** A side's model points for an option of issue B: what no deal is worth while B falls back to it. */
const otherGoodsFallback = (side: string, option: string) => {
  const b = scenario.issues.findIndex((i) => i.id === "B");
  return sidePointTable(scenario, side)[b]![scenario.issues[b]!.options.findIndex((o) => o.id === option)]!;
};

/** Both sides propose `offer` in turn until `rounds` rounds have passed. */
function passRounds(state: MatchState, rounds: number): MatchState {
  let s = state;
  for (let i = 0; i < rounds; i++) {
    s = mustApply(scenario, s, { type: "propose", by: "j1", offer: noDeal });
    s = mustApply(scenario, s, { type: "propose", by: "u1", offer: noDeal });
  }
  return s;
}

describe("briefing", () => {
  it("starts negotiating once every seated player is ready", () => {
    const created = newMatch(scenario, { seed: "s", players: twoSeats });
    if (!created.ok) throw new Error();
    let s = mustApply(scenario, created.value, { type: "ready", by: "j1" });
    expect(s.phase).toBe("briefing");
    expectRefused(scenario, s, { type: "ready", by: "j1" }, "ALREADY_READY");
    s = mustApply(scenario, s, { type: "ready", by: "u1" });
    expect(s.phase).toBe("negotiating");
    expect(s.round).toBe(1);
    expect(s.turn).toBe("japan");
  });

  it("does not start while a side has nobody seated", () => {
    const created = newMatch(scenario, { seed: "s", players: [twoSeats[0]!] });
    if (!created.ok) throw new Error();
    expect(mustApply(scenario, created.value, { type: "ready", by: "j1" }).phase).toBe("briefing");
  });

  it("refuses moves before the start", () => {
    const created = newMatch(scenario, { seed: "s", players: twoSeats });
    if (!created.ok) throw new Error();
    expectRefused(scenario, created.value, { type: "propose", by: "j1", offer: historical }, "WRONG_PHASE");
  });

  it("seats players only on known sides and roles, once", () => {
    const s = started(scenario);
    expectRefused(scenario, s, { type: "join", player: { id: "x", name: "X", side: "china", role: "chief" } }, "UNKNOWN_SIDE");
    expectRefused(scenario, s, { type: "join", player: { id: "x", name: "X", side: "japan", role: "emperor" } }, "UNKNOWN_ROLE");
    expectRefused(scenario, s, { type: "join", player: { id: "j1", name: "Again", side: "japan", role: "chief" } }, "PLAYER_EXISTS");
    const joined = mustApply(scenario, s, { type: "join", player: { id: "j2", name: "Mika", side: "japan", role: "maff" } });
    expect(joined.players.map((p) => p.id)).toEqual(["j1", "u1", "j2"]);
  });
});

describe("alternating offers", () => {
  it("passes the turn after each proposal and counts rounds", () => {
    let s = started(scenario);
    s = mustApply(scenario, s, { type: "propose", by: "j1", offer: historical });
    expect(s.turn).toBe("us");
    expect(s.round).toBe(1);
    expect(s.standingProposalId).toBe("p1");
    s = mustApply(scenario, s, { type: "propose", by: "u1", offer: noDeal });
    expect(s.turn).toBe("japan");
    expect(s.round).toBe(2);
    expect(s.standingProposalId).toBe("p2");
  });

  it("refuses out-of-turn moves, unknown players and own-side acceptance", () => {
    let s = started(scenario);
    expectRefused(scenario, s, { type: "propose", by: "u1", offer: historical }, "NOT_YOUR_TURN");
    expectRefused(scenario, s, { type: "walkaway", by: "u1" }, "NOT_YOUR_TURN");
    expectRefused(scenario, s, { type: "propose", by: "ghost", offer: historical }, "UNKNOWN_PLAYER");
    expectRefused(scenario, s, { type: "accept", by: "j1", proposalId: "p1" }, "NO_STANDING_OFFER");
    s = mustApply(scenario, s, { type: "propose", by: "j1", offer: historical });
    s = mustApply(scenario, s, { type: "timeout" });
    expect(s.turn).toBe("japan");
    expectRefused(scenario, s, { type: "accept", by: "j1", proposalId: "p1" }, "OWN_PROPOSAL");
  });

  it("refuses incomplete or unknown packages, naming the issue", () => {
    const s = started(scenario);
    const { H: _dropped, ...incomplete } = historical;
    expect(expectRefused(scenario, s, { type: "propose", by: "j1", offer: incomplete }, "BAD_OFFER")).toMatch(/"H"/);
    expect(expectRefused(scenario, s, { type: "propose", by: "j1", offer: { ...historical, A: "0" } }, "BAD_OFFER")).toMatch(/no option "0"/);
    expect(expectRefused(scenario, s, { type: "propose", by: "j1", offer: { ...historical, Z: "1" } }, "BAD_OFFER")).toMatch(/no issue "Z"/);
  });

  it("refuses a stale proposal id", () => {
    let s = started(scenario);
    s = mustApply(scenario, s, { type: "propose", by: "j1", offer: historical });
    s = mustApply(scenario, s, { type: "propose", by: "u1", offer: historical });
    expect(expectRefused(scenario, s, { type: "accept", by: "j1", proposalId: "p1" }, "STALE_PROPOSAL")).toMatch(/p2/);
  });

  it("refuses malformed actions with BAD_ACTION", () => {
    const s = started(scenario);
    for (const bad of [null, {}, { type: "bribe", by: "j1" }, { type: "propose", by: "j1" }, { type: "chat", by: "j1", text: "", to: "table" }, { type: "chat", by: "j1", text: "x".repeat(501), to: "table" }, { type: "chat", by: "j1", text: "hi", to: "all" }, { type: "accept", by: 7, proposalId: "p1" }]) {
      expectRefused(scenario, s, bad, "BAD_ACTION");
    }
  });
});

describe("endings", () => {
  it("an accepted proposal is an agreement scored by each side's sheet minus delay", () => {
    let s = started(scenario, { settings: { events: "none" } });
    s = mustApply(scenario, s, { type: "propose", by: "j1", offer: noDeal });
    s = mustApply(scenario, s, { type: "propose", by: "u1", offer: historical });
    s = mustApply(scenario, s, { type: "accept", by: "j1", proposalId: "p2" });
    expect(s.phase).toBe("ended");
    expect(s.outcome?.kind).toBe("agreement");
    expect(s.outcome?.round).toBe(2);
    expect(s.delayCost.japan).toBe(2);
    expect(s.outcome?.points.japan).toBeCloseTo(offerPoints(scenario, s, "japan", historical)! - 2, 9);
    expect(s.outcome?.points.us).toBeCloseTo(offerPoints(scenario, s, "us", historical)!, 9);
    expectRefused(scenario, s, { type: "chat", by: "j1", text: "thanks", to: "table" }, "WRONG_PHASE");
    expectRefused(scenario, s, { type: "propose", by: "j1", offer: historical }, "WRONG_PHASE");
  });

  it("a package across a red line fails ratification and scores as no deal", () => {
    let s = started(scenario, { settings: { events: "none" } });
    s = mustApply(scenario, s, { type: "propose", by: "j1", offer: { ...historical, C: "plus75-outside" } });
    s = mustApply(scenario, s, { type: "accept", by: "u1", proposalId: "p1" });
    expect(s.outcome?.kind).toBe("ratification-failed");
    expect(s.outcome?.brokenRedLines).toEqual([expect.objectContaining({ side: "japan", id: "rice-outside-quota" })]);
    expect(s.outcome?.points).toEqual({ japan: 0, us: 0 });
  });

  it("walking away ends the match at both reservation values", () => {
    let s = started(scenario);
    s = passRounds(s, 1);
    s = mustApply(scenario, s, { type: "walkaway", by: "j1" });
    expect(s.outcome).toMatchObject({ kind: "walkaway", side: "japan", by: "j1", round: 2 });
    expect(s.outcome?.points.japan).toBe(reservationValue(scenario, s, "japan"));
    // Until the 7 July letter no deal leaves other goods at normal + 24%, and the steel tariff (round 1) lowered it.
    expect(s.outcome?.points.japan).toBeCloseTo(otherGoodsFallback("japan", "n+24") - 5, 9);
    expect(s.outcome?.points.us).toBeCloseTo(otherGoodsFallback("us", "n+24"), 9);
  });

  it("the deadline ends the match after the last round", () => {
    let s = started(scenario);
    s = passRounds(s, 8);
    expect(s.round).toBe(9);
    expect(s.phase).toBe("negotiating");
    s = passRounds(s, 1);
    expect(s.phase).toBe("ended");
    expect(s.outcome?.kind).toBe("deadline");
    expect(s.outcome?.round).toBe(9);
  });

  it("a shorter match has its deadline earlier", () => {
    let s = started(scenario, { settings: { rounds: 3 } });
    s = passRounds(s, 3);
    expect(s.outcome?.kind).toBe("deadline");
    expect(s.maxRounds).toBe(3);
  });
});

describe("events and time pressure", () => {
  it("fires the historical timeline as rounds begin, and the missed G7 deadline", () => {
    let s = started(scenario, { settings: { events: "historical" } });
    s = passRounds(s, 8);
    expect(s.events.map((e) => `${e.id}@${e.round}`)).toEqual([
      "pause-ends-9-july@1",
      "steel-50@1",
      "fifth-round@2",
      "rare-earth-controls@2",
      "missed-soft-deadline@3",
      "wont-take-our-rice@5",
      "tariff-letter@6",
      "election-campaign@7",
      "coalition-loses-majority@8",
    ]);
    // The letter moved other goods' fallback to normal + 25%, the no-deal package itself: it adds nothing.
    expect(reservationValue(scenario, s, "japan")).toBe(-5 - 3 - 5);
  });

  it("fires no news events when they are off; a missed soft deadline still counts", () => {
    const ids = passRounds(started(scenario, { settings: { events: "none" } }), 8).events.map((e) => e.id);
    expect(ids).toEqual(["missed-soft-deadline"]);
  });

  it("draws random events from the deck by seed, without repeats, the same for the same seed", () => {
    const run = (seed: string) => passRounds(started(scenario, { seed, settings: { events: "random" } }), 8).events.map((e) => e.id);
    const draws = ["a", "b", "c", "d", "e", "f"].map(run);
    for (const ids of draws) expect(new Set(ids).size).toBe(ids.length);
    expect(draws.some((ids) => ids.length > 0)).toBe(true);
    expect(new Set(draws.map((d) => d.join())).size).toBeGreaterThan(1);
    expect(run("a")).toEqual(draws[0]);
  });

  it("a scale event changes that side's points on that issue only", () => {
    let s = started(scenario, { settings: { events: "none" } });
    const before = offerPoints(scenario, s, "us", historical)!;
    s = mustApply(scenario, s, { type: "inject", event: { id: "x", title: "Rice!", headline: "Rice matters", effects: [{ kind: "scale", side: "us", issue: "C", factor: 2 }] } });
    const after = offerPoints(scenario, s, "us", historical)!;
    const ricePoints = offerPoints(scenario, s, "us", { ...noDeal, C: historical.C! })! / 2;
    expect(after - before).toBeCloseTo(ricePoints, 9);
    expect(s.events.at(-1)?.origin).toBe("instructor");
    expectRefused(scenario, s, { type: "inject", event: { id: "y", title: "t", headline: "h", effects: [{ kind: "scale", side: "us", issue: "Q", factor: 2 }] } }, "BAD_EVENT");
  });

  it("charges Japan about 2 points of delay per round, and the US 1 a round once the G7 is missed", () => {
    const s = passRounds(started(scenario, { settings: { events: "none" } }), 4);
    expect(s.delayCost).toEqual({ japan: 8, us: 1 });
  });
});

describe("private variants", () => {
  it("perturbs each side's weights by seed, within the scenario's spread", () => {
    const a = started(scenario, { seed: "v1", settings: { privateVariant: true } });
    const b = started(scenario, { seed: "v1", settings: { privateVariant: true } });
    const c = started(scenario, { seed: "v2", settings: { privateVariant: true } });
    expect(a.variant).toEqual(b.variant);
    expect(a.variant).not.toEqual(c.variant);
    for (const factors of Object.values(a.variant!)) {
      expect(factors).toHaveLength(scenario.issues.length);
      for (const f of factors) expect(Math.abs(f - 1)).toBeLessThanOrEqual(scenario.variantSpread + 1e-9);
    }
    expect(started(scenario, { seed: "v1" }).variant).toBeNull();
  });

  it("refuses unknown settings", () => {
    expect(newMatch(scenario, { seed: "s", settings: { firstMover: "china" } }).ok).toBe(false);
    expect(newMatch(scenario, { seed: "s", settings: { rounds: 0 } }).ok).toBe(false);
    expect(applyAction(scenario, started(scenario), { type: "start" }).ok).toBe(false);
  });
});
