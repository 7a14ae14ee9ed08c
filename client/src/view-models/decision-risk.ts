import type { RedLine } from "../../../shared/index.js";
import type { TableModel } from "./table-model.js";

/**
 * What a decision would cost, said before the player confirms it: accepting or proposing a
 * package worse than no deal, across one of their red lines (it fails ratification and scores
 * as no deal), or — for a proposal — worse for them than the offer already on the table. Every
 * figure is after the delay cost, as the meters and the accept dialog show it. Pure: the table
 * scene turns each risk into the first line of its dialog and focuses "Cancel".
 */

export type Risk =
  | { kind: "redLine"; line: RedLine; points: number; noDeal: number }
  | { kind: "belowNoDeal"; points: number; noDeal: number }
  | { kind: "belowStanding"; points: number; standing: number };

export function acceptRisks(model: TableModel): Risk[] {
  if (model.standingNet === null) return [];
  return packageRisks(model.standingNet, model.standingRedLines, model.reservation);
}

export function proposeRisks(model: TableModel): Risk[] {
  const risks = packageRisks(model.draftNet, model.draftRedLines, model.reservation);
  // Asking for less than the other side already offers gives points away for nothing.
  if (model.standingNet !== null && model.standingRedLines.length === 0 && model.draftNet < model.standingNet) {
    risks.push({ kind: "belowStanding", points: model.draftNet, standing: model.standingNet });
  }
  return risks;
}

function packageRisks(points: number, redLines: readonly RedLine[], noDeal: number): Risk[] {
  const line = redLines[0];
  if (line) return [{ kind: "redLine", line, points, noDeal }];
  return points < noDeal ? [{ kind: "belowNoDeal", points, noDeal }] : [];
}
