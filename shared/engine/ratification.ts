import type { RedLine, Scenario } from "../scenario/schema.js";
import type { Offer } from "./actions.js";
import type { BrokenRedLine } from "./state.js";

/** Whether a package crosses one red line: the rule the engine ratifies by and every screen warns with. */
export const crossesRedLine = (line: Pick<RedLine, "issue" | "forbiddenOptions">, offer: Offer): boolean => {
  const chosen = offer[line.issue];
  return chosen !== undefined && line.forbiddenOptions.includes(chosen);
};

/** The red lines among `lines` that a package crosses. */
export const crossedRedLines = <L extends Pick<RedLine, "issue" | "forbiddenOptions">>(lines: readonly L[], offer: Offer): L[] => lines.filter((line) => crossesRedLine(line, offer));

/** Two-level game: a package that crosses any constituency's red line fails ratification at home. */
export function brokenRedLines(scenario: Scenario, offer: Offer): BrokenRedLine[] {
  const broken: BrokenRedLine[] = [];
  for (const side of scenario.sides) {
    for (const line of side.redLines) {
      if (crossesRedLine(line, offer)) {
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
