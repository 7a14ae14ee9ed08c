import { describe, expect, it } from "vitest";
import { analyzeSpace, offerPoints, packageMetrics } from "../../shared/index.js";
import { estimateOpponentWeights } from "../../shared/bots/adaptive.js";
import { briefingModel } from "../../client/src/view-models/briefing-model.js";
import { debriefModel } from "../../client/src/view-models/debrief-model.js";
import { formatPoints, optionLabel, sideName } from "../../client/src/view-models/names.js";
import { initialDraft, stepOption, sumPoints, tableModel } from "../../client/src/view-models/table-model.js";
import { translateContent } from "../../client/src/i18n/index.js";
import { match, noDeal, realDeal, scenario, seatView } from "./fixtures.js";

describe("table model", () => {
  it("starts the draft at no deal, and the meters read the seat's own sheet", () => {
    const state = match();
    const view = seatView(state);
    const draft = initialDraft(view, "japan");
    expect(draft).toEqual(noDeal());
    const model = tableModel(view, draft);
    expect(model.myTurn).toBe(true);
    expect(model.canPropose).toBe(true);
    expect(model.canAccept).toBe(false);
    expect(model.draftGross).toBeCloseTo(0);
    expect(model.rows.find((r) => r.id === "A")!.roleWeight).toBe(2);
  });

  it("adds up the same points as the engine for any package", () => {
    const view = seatView(match());
    const offer = realDeal();
    const model = tableModel(view, offer);
    expect(model.draftGross).toBeCloseTo(offerPoints(scenario, match(), "japan", offer)!, 9);
    expect(sumPoints(view.sheets.japan!.points, offer)).toBeCloseTo(model.draftGross, 9);
  });

  it("shows the other side's standing offer and flags what breaks a red line", () => {
    const offer = { ...realDeal(), C: "plus75-outside" };
    const state = match([{ type: "propose", by: "jp", offer: realDeal() }, { type: "propose", by: "us", offer }]);
    const view = seatView(state);
    const model = tableModel(view, initialDraft(view, "japan"));
    expect(model.standing?.side).toBe("us");
    expect(model.canAccept).toBe(true);
    expect(model.standingRedLines.map((l) => l.id)).toEqual(["rice-outside-quota"]);
    expect(model.rows.find((r) => r.id === "C")!.standing).toBe("plus75-outside");
    expect(model.standingNet).toBeCloseTo(model.standingGross! - model.delayCost, 9);
    expect(model.history.map((h) => h.mine)).toEqual([true, false]);
    // The list counts as the meters do: after the delay cost (two weeks in, it is not zero).
    expect(model.delayCost).toBeGreaterThan(0);
    expect(model.history[1]!.pointsForMe).toBeCloseTo(model.standingNet!, 9);
  });

  it("waits on the other side's move", () => {
    const view = seatView(match([{ type: "propose", by: "jp", offer: realDeal() }]));
    const model = tableModel(view, initialDraft(view, "japan"));
    expect(model.myTurn).toBe(false);
    expect(model.canPropose || model.canAccept || model.canWalkAway).toBe(false);
    expect(model.ownOfferStanding).toBe(true);
  });

  it("steps an option with the arrow keys and stops at the ends", () => {
    const view = seatView(match());
    let draft = noDeal();
    draft = stepOption(view, draft, 0, -1);
    expect(draft.A).toBe("27.5");
    draft = stepOption(view, draft, 0, 1);
    expect(draft.A).toBe("25");
    for (let i = 0; i < 10; i++) draft = stepOption(view, draft, 0, 1);
    expect(draft.A).toBe("2.5");
  });
});

describe("briefing model", () => {
  it("lists every issue with the seat's points and its red line", () => {
    const model = briefingModel(seatView(match()))!;
    expect(model.issues).toHaveLength(scenario.issues.length);
    expect(model.issues[0]!.options.find((o) => o.id === "15")!.points).toBeCloseTo(71, 0);
    expect(model.redLines).toHaveLength(1);
    expect(model.issues.find((i) => i.id === "C")!.options.find((o) => o.id === "plus75-outside")!.redLine).toBe(true);
    expect(model.softDeadline).toContain("G7");
  });

  it("speaks Japanese through the content catalogue", () => {
    const model = briefingModel(seatView(match()), (key, fallback) => translateContent("ja", key, fallback))!;
    expect(model.sideName).toBe("日本");
    expect(model.issues[0]!.name).toContain("関税");
  });
});

describe("debrief model", () => {
  it("matches the server's metrics for the agreed deal and the real July 2025 deal", () => {
    const state = match([
      { type: "propose", by: "jp", offer: realDeal() },
      { type: "accept", by: "us", proposalId: "p1" },
    ]);
    expect(state.outcome?.kind).toBe("agreement");
    const model = debriefModel(seatView(state));
    const analysis = analyzeSpace(scenario, state);
    const metrics = packageMetrics(scenario, state, analysis, realDeal())!;
    expect(model.maxJointGain).toBeCloseTo(analysis.maxJointGain, 9);
    expect(model.nash!.a).toBeCloseTo(analysis.nash!.a, 9);
    expect(model.frontier).toHaveLength(analysis.frontier.length);
    expect(model.deal!.jointGainShare).toBeCloseTo(metrics.jointGainShare, 9);
    expect(model.real!.distanceToFrontier).toBeCloseTo(metrics.distanceToFrontier, 9);
    // The real deal as the engine scores it on the ended match's sheets (re-derived in tests/shared/scenario/payoff.test.ts).
    expect(model.real!.point.a).toBeCloseTo(offerPoints(scenario, state, "japan", realDeal())!, 9);
    expect(model.real!.point.b).toBeCloseTo(offerPoints(scenario, state, "us", realDeal())!, 9);
    expect(Math.round(model.real!.point.a)).toBeGreaterThan(40);
    expect(model.paths.find((p) => p.side === "japan")!.points).toHaveLength(1);
  });

  it("shows what the adaptive bot believed beside the truth", () => {
    const state = match([
      { type: "propose", by: "jp", offer: realDeal() },
      { type: "propose", by: "us", offer: { ...realDeal(), A: "25" } },
      { type: "propose", by: "jp", offer: { ...realDeal(), D: "12" } },
      { type: "walkaway", by: "us" },
    ]);
    // The estimate as the log's result line holds it (the table sends it after the end).
    const botSeat = seatView(state, "us");
    const guess = estimateOpponentWeights(botSeat).weights;
    const estimates = [{ playerId: "us", side: "us", strategy: "hard", estimate: guess }];
    expect(debriefModel(seatView(state)).belief).toBeNull();
    const model = debriefModel(seatView(state), { estimates });
    expect(model.belief).toHaveLength(scenario.issues.length);
    const total = model.belief!.reduce((sum, b) => sum + b.guess, 0);
    expect(total).toBeCloseTo(1, 9);
    expect(model.belief!.map((b) => b.guess)).toEqual(scenario.issues.map((i) => guess[i.id]));
    // The truth: Japan's weights from its revealed sheet.
    expect(model.belief!.reduce((sum, b) => sum + b.truth, 0)).toBeCloseTo(1, 9);
    expect(model.deal).toBeNull();
  });

  it("after delay cost, puts the agreed deal at the outcome's points and moves every package alike", () => {
    const actions: Parameters<typeof match>[0] = [];
    // Two rounds of talk cost both sides delay before the deal.
    for (let k = 0; k < 2; k++) actions.push({ type: "propose", by: "jp", offer: { ...realDeal(), A: "2.5" } }, { type: "propose", by: "us", offer: { ...realDeal(), A: "25" } });
    actions.push({ type: "propose", by: "jp", offer: realDeal() }, { type: "accept", by: "us", proposalId: "p5" });
    const state = match(actions);
    expect(state.outcome?.kind).toBe("agreement");
    expect(state.delayCost.japan! + state.delayCost.us!).toBeGreaterThan(0);
    const before = debriefModel(seatView(state));
    const after = debriefModel(seatView(state), { afterDelay: true });
    expect(after.delay).toEqual({ a: state.delayCost.japan, b: state.delayCost.us });
    expect(after.deal!.point.a).toBeCloseTo(state.outcome!.points.japan!, 9);
    expect(after.deal!.point.b).toBeCloseTo(state.outcome!.points.us!, 9);
    expect(after.real!.point.a).toBeCloseTo(before.real!.point.a - state.delayCost.japan!, 9);
    expect(after.frontier[0]!.b).toBeCloseTo(before.frontier[0]!.b - state.delayCost.us!, 9);
    expect(after.noDeal).toEqual(before.noDeal);
    // The value left on the table does not depend on the convention; the joint gain still possible shrinks with delay.
    expect(after.maxJointGain).toBeLessThan(before.maxJointGain);
    expect(after.maxJointGain - (after.deal!.point.a - after.noDeal.a + after.deal!.point.b - after.noDeal.b)).toBeCloseTo(
      before.maxJointGain - (before.deal!.point.a - before.noDeal.a + before.deal!.point.b - before.noDeal.b), 6);
  });
});

describe("names", () => {
  it("formats points with a real minus sign and localises names", () => {
    expect(formatPoints(12.4)).toBe("+12");
    expect(formatPoints(-3.6)).toBe("−4");
    expect(formatPoints(0.2)).toBe("0");
    const view = seatView(match());
    expect(sideName(view.scenario, "us")).toBe("United States");
    expect(optionLabel(view.scenario, "A", "15", (k, f) => translateContent("ja", k, f))).toBe("15%");
  });
});
