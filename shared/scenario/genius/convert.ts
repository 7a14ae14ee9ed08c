import type { ScenarioInput } from "../schema.js";
import { readGeniusDomain, readGeniusProfile, type GeniusDomain, type GeniusProfile } from "./read.js";

/**
 * GENIUS → our scenario format (docs/scenario-format.md, "Importing from GENIUS"):
 * - each discrete issue becomes an issue with a `given` payoff; a side's points for a value are
 *   SCALE × weight × evaluation (evaluations normalised as GENIUS does), so a package's points
 *   are SCALE × its GENIUS utility: 100 points = utility 1;
 * - the reservation value becomes the side's no-deal value (SCALE × reservation);
 * - the discount factor δ becomes a delay cost per round, SCALE × (1 − δ) / (rounds − 1): an
 *   agreement in the last round has lost what discounting takes from a deal of utility 1 at the
 *   deadline (GENIUS multiplies by δ^t; we subtract a fixed amount per round);
 * - no private variants and no events: the profiles are the whole truth.
 */

export const GENIUS_SCALE = 100;

export type GeniusImportOptions = {
  id: string;
  title: string;
  /** The two sides' display names (the profiles' file names, say). */
  sideNames: [string, string];
  /** Rounds of offers (GENIUS deadlines are set per session, not in the files). */
  rounds: number;
  /** Where the files came from, for the story. */
  source?: string;
};

export type GeniusImport = { ok: true; scenario: ScenarioInput; notes: string[] } | { ok: false; problems: string[] };

const SIDE_IDS = ["a", "b"] as const;

/** An id our format accepts (letters, digits, _ . % + -; at most 40), unique among `taken`. */
export function safeId(text: string, fallback: string, taken: Set<string>): string {
  const base = text.replace(/[^A-Za-z0-9_.%+-]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 34) || fallback;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

export function importGenius(domainXml: string, profileXml: [string, string], options: GeniusImportOptions): GeniusImport {
  const domain = readGeniusDomain(domainXml, "domain");
  if (!domain.ok) return domain;
  const profiles = profileXml.map((xml, i) => readGeniusProfile(xml, domain.value, `profile ${SIDE_IDS[i]!.toUpperCase()}`));
  const problems = profiles.flatMap((p) => (p.ok ? [] : p.problems));
  if (problems.length > 0) return { ok: false, problems };
  const [a, b] = profiles.map((p) => (p as { value: GeniusProfile }).value) as [GeniusProfile, GeniusProfile];
  if (!Number.isInteger(options.rounds) || options.rounds < 2 || options.rounds > 100) return { ok: false, problems: [`rounds must be a whole number from 2 to 100, not ${options.rounds}`] };
  return { ok: true, scenario: buildScenario(domain.value, [a, b], options), notes: [...a.notes, ...b.notes] };
}

function buildScenario(domain: GeniusDomain, profiles: [GeniusProfile, GeniusProfile], options: GeniusImportOptions): ScenarioInput {
  const issueIds = new Set<string>();
  const issues = domain.issues.map((issue, i) => {
    const optionIds = new Set<string>();
    const options = issue.values.map((value, j) => ({ id: safeId(value, `v${j + 1}`, optionIds), label: value.slice(0, 4000) }));
    const sideTable = (profile: GeniusProfile) => Object.fromEntries(issue.values.map((value, j) => [options[j]!.id, profile.evaluations[i]!.get(value)!]));
    return {
      id: safeId(issue.name, `issue${i + 1}`, issueIds),
      name: issue.name.slice(0, 4000),
      options,
      payoff: {
        kind: "given" as const,
        weights: { a: GENIUS_SCALE * profiles[0].weights[i]!, b: GENIUS_SCALE * profiles[1].weights[i]! },
        evaluations: { a: sideTable(profiles[0]), b: sideTable(profiles[1]) },
      },
    };
  });
  const pressure = profiles.map((p) => round2((GENIUS_SCALE * (1 - p.discount)) / (options.rounds - 1)));
  const describe = (p: GeniusProfile, k: number) =>
    `Your points are ${GENIUS_SCALE} × your utility in the GENIUS profile (weight × evaluation, summed over the issues). ` +
    `No deal is worth ${round2(GENIUS_SCALE * p.reservation)} points` +
    (pressure[k]! > 0 ? `; each round without agreement costs ${pressure[k]} points (discount factor ${p.discount}).` : "; there is no cost of delay.");
  const sides = SIDE_IDS.map((id, k) => ({
    id,
    name: options.sideNames[k]!.slice(0, 200) || `Side ${id.toUpperCase()}`,
    delegation: `Negotiator for ${options.sideNames[k] || `side ${id.toUpperCase()}`}`,
    brief: describe(profiles[k]!, k),
    reservation: GENIUS_SCALE * profiles[k]!.reservation,
    roles: [{ id: "negotiator", name: "Negotiator", brief: "You decide for your side." }],
  }));
  return {
    format: "tariff-talks-scenario",
    version: 1,
    id: options.id,
    title: options.title,
    summary: `A GENIUS negotiation domain with ${issues.length} issues, imported${options.source ? ` from ${options.source}` : ""}.`,
    story: `${options.title}: ${sides[0]!.name} and ${sides[1]!.name} negotiate over ${issues.map((i) => i.name).join(", ")}. Each side scores a package from its own preference profile.`,
    sides,
    firstMover: "a",
    issues,
    // GENIUS has no status quo package: the first value of each issue is the draft a table starts from.
    noDeal: Object.fromEntries(issues.map((issue) => [issue.id, issue.options[0]!.id])),
    rounds: Array.from({ length: options.rounds }, (_, r) => ({
      label: r === options.rounds - 1 ? `Round ${r + 1} (deadline)` : `Round ${r + 1}`,
      pressure: { a: pressure[0]!, b: pressure[1]! },
    })),
    hardDeadline: { round: options.rounds, label: "The deadline" },
    variantSpread: 0,
  };
}
