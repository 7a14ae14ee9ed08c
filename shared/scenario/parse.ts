import { scenarioSchema, type Effect, type Scenario } from "./schema.js";
import { err, ok, type Result } from "../util/result.js";
import { problemsFromZod, type Problem } from "../util/problems.js";

/**
 * Reads a scenario from untrusted JSON: the shape first (zod), then every cross-reference,
 * so that a bad file is refused with a list of places and reasons instead of failing mid-match.
 */
export function parseScenario(input: unknown): Result<Scenario, Problem[]> {
  const parsed = scenarioSchema.safeParse(input);
  if (!parsed.success) return err(problemsFromZod(parsed.error));
  const problems = checkReferences(parsed.data);
  return problems.length > 0 ? err(problems) : ok(parsed.data);
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const repeated = new Set<string>();
  for (const id of ids) (seen.has(id) ? repeated : seen).add(id);
  return [...repeated];
}

function checkReferences(scenario: Scenario): Problem[] {
  const problems: Problem[] = [];
  const add = (path: string, message: string) => problems.push({ path, message });

  const sideIds = scenario.sides.map((s) => s.id);
  const issueById = new Map(scenario.issues.map((issue) => [issue.id, issue]));
  const optionIds = (issueId: string) => new Set(issueById.get(issueId)?.options.map((o) => o.id) ?? []);
  const knownSides = `known sides: ${sideIds.join(", ")}`;

  for (const id of duplicates(sideIds)) add("sides", `side id "${id}" is used twice`);
  for (const id of duplicates(scenario.issues.map((i) => i.id))) add("issues", `issue id "${id}" is used twice`);
  if (!sideIds.includes(scenario.firstMover)) add("firstMover", `unknown side "${scenario.firstMover}" (${knownSides})`);

  const checkOffer = (path: string, offer: Record<string, string>) => {
    for (const issue of scenario.issues) {
      const chosen = offer[issue.id];
      if (chosen === undefined) add(`${path}.${issue.id}`, `no option chosen for issue ${issue.id}`);
      else if (!optionIds(issue.id).has(chosen)) add(`${path}.${issue.id}`, `issue ${issue.id} has no option "${chosen}"`);
    }
    for (const key of Object.keys(offer)) {
      if (!issueById.has(key)) add(`${path}.${key}`, `unknown issue "${key}"`);
    }
  };
  checkOffer("noDeal", scenario.noDeal);
  scenario.references.forEach((ref, i) => checkOffer(`references[${i}].offer`, ref.offer));

  const tariff = scenario.models.tariff;
  if (tariff) {
    if (!sideIds.includes(tariff.importer)) add("models.tariff.importer", `unknown side "${tariff.importer}" (${knownSides})`);
    if (!sideIds.includes(tariff.exporter)) add("models.tariff.exporter", `unknown side "${tariff.exporter}" (${knownSides})`);
    if (tariff.importer === tariff.exporter) add("models.tariff", "importer and exporter must be different sides");
  }

  scenario.issues.forEach((issue, i) => {
    const path = `issues[${i}]`;
    for (const id of duplicates(issue.options.map((o) => o.id))) add(`${path}.options`, `option id "${id}" is used twice in issue ${issue.id}`);
    if (issue.payoff.kind === "tariff") {
      if (!tariff) add(`${path}.payoff`, "a tariff payoff needs models.tariff");
      else if (!tariff.goods[issue.payoff.good]) {
        add(`${path}.payoff.good`, `unknown good "${issue.payoff.good}" (known: ${Object.keys(tariff.goods).join(", ")})`);
      }
      issue.options.forEach((option, j) => {
        if (option.rate === undefined) add(`${path}.options[${j}].rate`, "a tariff issue needs a rate on every option");
      });
    } else if (issue.payoff.kind === "given") {
      const known = optionIds(issue.id);
      for (const side of Object.keys(issue.payoff.weights)) {
        if (!sideIds.includes(side)) add(`${path}.payoff.weights.${side}`, `unknown side "${side}" (${knownSides})`);
      }
      for (const [side, perOption] of Object.entries(issue.payoff.evaluations)) {
        const at = `${path}.payoff.evaluations.${side}`;
        if (!sideIds.includes(side)) add(at, `unknown side "${side}" (${knownSides})`);
        for (const option of Object.keys(perOption)) {
          if (!known.has(option)) add(`${at}.${option}`, `issue ${issue.id} has no option "${option}"`);
        }
        const missing = [...known].filter((option) => perOption[option] === undefined);
        if (missing.length > 0) add(at, `no evaluation for option${missing.length > 1 ? "s" : ""} ${missing.map((o) => `"${o}"`).join(", ")} of issue ${issue.id}`);
      }
    } else {
      const quantityNames = new Set(issue.options.flatMap((o) => Object.keys(o.quantities ?? {})));
      for (const [side, perQuantity] of Object.entries(issue.payoff.coefficients)) {
        if (!sideIds.includes(side)) add(`${path}.payoff.coefficients.${side}`, `unknown side "${side}" (${knownSides})`);
        for (const name of Object.keys(perQuantity)) {
          if (!quantityNames.has(name)) add(`${path}.payoff.coefficients.${side}.${name}`, `no option of issue ${issue.id} has a quantity "${name}"`);
        }
      }
    }
  });

  const checkEffects = (path: string, effects: readonly Effect[]) => {
    effects.forEach((effect, k) => {
      if (!sideIds.includes(effect.side)) add(`${path}[${k}].side`, `unknown side "${effect.side}" (${knownSides})`);
      if (effect.kind === "scale" && !issueById.has(effect.issue)) add(`${path}[${k}].issue`, `unknown issue "${effect.issue}"`);
      if (effect.kind === "reservation" && effect.fallback) {
        const { issue, option } = effect.fallback;
        if (!issueById.has(issue)) add(`${path}[${k}].fallback.issue`, `unknown issue "${issue}"`);
        else if (!optionIds(issue).has(option)) add(`${path}[${k}].fallback.option`, `issue ${issue} has no option "${option}"`);
      }
    });
  };

  const sourceIds = new Set(scenario.sources.map((s) => s.id));
  for (const id of duplicates(scenario.sources.map((s) => s.id))) add("sources", `source id "${id}" is used twice`);
  const checkSources = (path: string, ids: readonly string[] | undefined) => {
    (ids ?? []).forEach((id, k) => {
      if (!sourceIds.has(id)) add(`${path}[${k}]`, `unknown source "${id}" (add it to "sources")`);
    });
  };
  if (typeof scenario.story !== "string") scenario.story.forEach((sentence, i) => checkSources(`story[${i}].sources`, sentence.sources));
  scenario.issues.forEach((issue, i) => checkSources(`issues[${i}].sources`, issue.sources));
  scenario.references.forEach((ref, i) => {
    checkSources(`references[${i}].sources`, ref.sources);
    for (const key of Object.keys(ref.notes ?? {})) {
      if (!issueById.has(key)) add(`references[${i}].notes.${key}`, `unknown issue "${key}"`);
    }
  });
  for (const id of duplicates(scenario.assumptions.map((a) => a.id))) add("assumptions", `assumption id "${id}" is used twice`);
  scenario.assumptions.forEach((a, i) => checkSources(`assumptions[${i}].sources`, a.sources));

  scenario.sides.forEach((side, s) => {
    const path = `sides[${s}]`;
    for (const id of duplicates(side.roles.map((r) => r.id))) add(`${path}.roles`, `role id "${id}" is used twice`);
    side.roles.forEach((role, r) => {
      for (const issueId of Object.keys(role.issueWeights)) {
        if (!issueById.has(issueId)) add(`${path}.roles[${r}].issueWeights.${issueId}`, `unknown issue "${issueId}"`);
      }
      if (role.tariffOverrides && tariff?.importer !== side.id) {
        add(`${path}.roles[${r}].tariffOverrides`, "tariff overrides only apply to the importing side's roles");
      }
    });
    side.redLines.forEach((line, l) => {
      const linePath = `${path}.redLines[${l}]`;
      if (!issueById.has(line.issue)) add(`${linePath}.issue`, `unknown issue "${line.issue}"`);
      else {
        const known = optionIds(line.issue);
        for (const option of line.forbiddenOptions) {
          if (!known.has(option)) add(`${linePath}.forbiddenOptions`, `issue ${line.issue} has no option "${option}"`);
        }
        if (line.forbiddenOptions.length >= known.size) {
          add(`${linePath}.forbiddenOptions`, "a red line cannot forbid every option: no deal could ever be ratified");
        }
      }
    });
  });

  scenario.rounds.forEach((round, r) => {
    for (const side of Object.keys(round.pressure)) {
      if (!sideIds.includes(side)) add(`rounds[${r}].pressure.${side}`, `unknown side "${side}" (${knownSides})`);
    }
  });
  const roundCount = scenario.rounds.length;
  if (scenario.hardDeadline.round !== roundCount) {
    add("hardDeadline.round", `the hard deadline must be the last round (${roundCount})`);
  }
  if (scenario.softDeadline) {
    if (scenario.softDeadline.round >= roundCount) add("softDeadline.round", `a soft deadline must come before the last round (${roundCount})`);
    checkEffects("softDeadline.missedEffects", scenario.softDeadline.missedEffects);
  }

  const eventIds: string[] = [];
  scenario.events.timeline.forEach((entry, i) => {
    eventIds.push(entry.event.id);
    if (entry.round > roundCount) add(`events.timeline[${i}].round`, `round ${entry.round} is after the last round (${roundCount})`);
    checkEffects(`events.timeline[${i}].event.effects`, entry.event.effects);
    checkSources(`events.timeline[${i}].event.sources`, entry.event.sources);
  });
  scenario.events.deck.forEach((event, i) => {
    eventIds.push(event.id);
    checkEffects(`events.deck[${i}].effects`, event.effects);
    checkSources(`events.deck[${i}].sources`, event.sources);
  });
  for (const id of duplicates(eventIds)) add("events", `event id "${id}" is used twice`);

  return problems;
}
