import { describe, expect, it } from "vitest";
import { acceptRisks, proposeRisks } from "../../client/src/view-models/decision-risk.js";
import { initialDraft, tableModel } from "../../client/src/view-models/table-model.js";
import { match, noDeal, realDeal, seatView } from "./fixtures.js";

/** The risks the accept and propose dialogs put in their first line (Japan's seat, the default scenario). */
describe("decision risks", () => {
  it("flags accepting an offer across my red line, with the no-deal value and the package's points", () => {
    const across = { ...realDeal(), C: "plus75-outside" };
    const view = seatView(match([{ type: "propose", by: "jp", offer: realDeal() }, { type: "propose", by: "us", offer: across }]));
    const model = tableModel(view, initialDraft(view, "japan"));
    const risks = acceptRisks(model);
    expect(risks).toHaveLength(1);
    expect(risks[0]).toMatchObject({ kind: "redLine", noDeal: model.reservation, points: model.standingNet });
  });

  it("flags accepting an offer worse than no deal, and nothing for one better than it", () => {
    // The US asks for everything: the worst package for Japan that crosses no Japanese red line.
    const grab = { ...noDeal(), E: "full", F: "us-550", D: "12" };
    const view = seatView(match([{ type: "propose", by: "jp", offer: realDeal() }, { type: "propose", by: "us", offer: grab }]));
    const model = tableModel(view, initialDraft(view, "japan"));
    expect(model.standingNet!).toBeLessThan(model.reservation);
    expect(acceptRisks(model)).toEqual([{ kind: "belowNoDeal", points: model.standingNet, noDeal: model.reservation }]);

    const fair = seatView(match([{ type: "propose", by: "jp", offer: noDeal() }, { type: "propose", by: "us", offer: { ...noDeal(), A: "15" } }]));
    const fairModel = tableModel(fair, initialDraft(fair, "japan"));
    expect(fairModel.standingNet!).toBeGreaterThan(fairModel.reservation);
    expect(acceptRisks(fairModel)).toEqual([]);
  });

  it("flags proposing less for myself than the offer already on the table", () => {
    const offer = { ...noDeal(), A: "15" };
    const view = seatView(match([{ type: "propose", by: "jp", offer: noDeal() }, { type: "propose", by: "us", offer }]));
    const worse = tableModel(view, { ...noDeal(), A: "20" });
    expect(proposeRisks(worse)).toEqual([{ kind: "belowStanding", points: worse.draftNet, standing: worse.standingNet }]);
    const better = tableModel(view, { ...noDeal(), A: "10" });
    expect(proposeRisks(better)).toEqual([]);
  });

  it("flags proposing a draft worse than no deal before anything is on the table", () => {
    const view = seatView(match());
    const model = tableModel(view, { ...noDeal(), F: "us-550" });
    expect(model.draftNet).toBeLessThan(model.reservation);
    expect(proposeRisks(model)).toEqual([{ kind: "belowNoDeal", points: model.draftNet, noDeal: model.reservation }]);
    expect(proposeRisks(tableModel(view, noDeal()))).toEqual([]);
  });
});
