import type { Scenario } from "../scenario/schema.js";
import type { Offer } from "./actions.js";
import type { BrokenRedLine } from "./state.js";

/** Two-level game: a package that crosses any constituency's red line fails ratification at home. */
export function brokenRedLines(scenario: Scenario, offer: Offer): BrokenRedLine[] {
  const broken: BrokenRedLine[] = [];
  for (const side of scenario.sides) {
    for (const line of side.redLines) {
      const chosen = offer[line.issue];
      if (chosen !== undefined && line.forbiddenOptions.includes(chosen)) {
        broken.push({ side: side.id, id: line.id, constituency: line.constituency, reason: line.reason });
      }
    }
  }
  return broken;
}

/** Per issue, per option: false where some side's red line forbids it (the ratifiable part of the space). */
export function ratifiableOptions(scenario: Scenario): boolean[][] {
  return scenario.issues.map((issue) =>
    issue.options.map(
      (option) => !scenario.sides.some((side) => side.redLines.some((l) => l.issue === issue.id && l.forbiddenOptions.includes(option.id))),
    ),
  );
}
