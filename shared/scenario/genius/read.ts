import { descendants, parseXml, type XmlElement } from "../../util/xml.js";

/**
 * Reads a GENIUS (ANAC) linear additive domain and preference profile into plain data, and
 * refuses — with the file, the line and the reason — every feature the import cannot carry over
 * faithfully: integer and real issues, nested objectives, nonlinear utilities, negative
 * evaluations, a profile that does not match its domain.
 */

export type GeniusIssue = { index: string; name: string; values: string[] };
export type GeniusDomain = { issues: GeniusIssue[] };
/** Per issue (domain order): weight, and the normalised evaluation of each value (GENIUS's rule). */
export type GeniusProfile = { weights: number[]; evaluations: Map<string, number>[]; reservation: number; discount: number; notes: string[] };

export type Read<T> = { ok: true; value: T } | { ok: false; problems: string[] };

/** Elements a linear additive profile may contain; anything else (ufun, hyperRectangle, …) is a feature we refuse. */
const profileElements = new Set(["utility_space", "objective", "issue", "item", "weight", "discount_factor", "reservation", "evaluator"]);
const domainElements = new Set(["negotiation_template", "agent", "utility_space", "objective", "issue", "item", "weight", "discount_factor", "reservation", "evaluator"]);

function load(xml: string, file: string): Read<XmlElement> {
  const parsed = parseXml(xml);
  if (!parsed.ok) return { ok: false, problems: [`${file}: not well-formed XML (${parsed.message})`] };
  const space = parsed.root.name === "utility_space" ? parsed.root : descendants(parsed.root, "utility_space")[0];
  if (!space) return { ok: false, problems: [`${file}: no <utility_space> element: is this a GENIUS file?`] };
  return { ok: true, value: space };
}

/** The root objective's issues; nested objectives are refused. */
function rootIssues(space: XmlElement, file: string, problems: string[]): XmlElement[] {
  const objectives = space.children.filter((c) => c.name === "objective");
  if (objectives.length !== 1) {
    problems.push(`${file}: expected one root <objective> in <utility_space>, found ${objectives.length}`);
    return [];
  }
  const root = objectives[0]!;
  for (const nested of descendants(root, "objective")) {
    problems.push(`${file} line ${nested.line}: nested objective "${nested.attributes.name ?? "?"}": only a flat list of issues can be imported`);
  }
  return root.children.filter((c) => c.name === "issue");
}

function checkDiscrete(issue: XmlElement, file: string, problems: string[]): void {
  for (const attribute of ["etype", "type", "vtype"]) {
    const kind = issue.attributes[attribute];
    if (kind !== undefined && kind !== "discrete") {
      problems.push(`${file} line ${issue.line}: issue "${issue.attributes.name ?? "?"}" is ${attribute}="${kind}": only discrete issues can be imported (list the values as items)`);
      return;
    }
  }
}

function checkElements(space: XmlElement, allowed: Set<string>, file: string, problems: string[]): void {
  const seen = new Set<string>();
  const visit = (e: XmlElement) => {
    if (!allowed.has(e.name) && !seen.has(e.name)) {
      seen.add(e.name);
      problems.push(`${file} line ${e.line}: <${e.name}> is not part of a linear additive utility space (nonlinear and constraint-based utilities cannot be imported)`);
    }
    e.children.forEach(visit);
  };
  visit(space);
}

export function readGeniusDomain(xml: string, file = "domain"): Read<GeniusDomain> {
  const loaded = load(xml, file);
  if (!loaded.ok) return loaded;
  const problems: string[] = [];
  checkElements(loaded.value, domainElements, file, problems);
  const issues: GeniusIssue[] = [];
  for (const issue of rootIssues(loaded.value, file, problems)) {
    checkDiscrete(issue, file, problems);
    const name = issue.attributes.name;
    const index = issue.attributes.index;
    if (!name || index === undefined) {
      problems.push(`${file} line ${issue.line}: an issue needs a name and an index`);
      continue;
    }
    const values = issue.children.filter((c) => c.name === "item").map((item) => item.attributes.value ?? "");
    if (values.some((v) => v.trim() === "")) problems.push(`${file} line ${issue.line}: issue "${name}" has an item without a value`);
    if (new Set(values).size !== values.length) problems.push(`${file} line ${issue.line}: issue "${name}" lists a value twice`);
    if (values.length < 2 || values.length > 50) problems.push(`${file} line ${issue.line}: issue "${name}" has ${values.length} values; a scenario issue needs 2 to 50`);
    issues.push({ index, name, values });
  }
  if (issues.length === 0 && problems.length === 0) problems.push(`${file}: the domain has no issues`);
  if (issues.length > 20) problems.push(`${file}: ${issues.length} issues; a scenario has at most 20`);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { issues } };
}

const number = (text: string | undefined): number => (text === undefined || text.trim() === "" ? NaN : Number(text));

export function readGeniusProfile(xml: string, domain: GeniusDomain, file = "profile"): Read<GeniusProfile> {
  const loaded = load(xml, file);
  if (!loaded.ok) return loaded;
  const space = loaded.value;
  const problems: string[] = [];
  const notes: string[] = [];
  const kind = space.attributes.type;
  if (kind !== undefined && !["linear", "additive"].includes(kind.toLowerCase())) {
    problems.push(`${file}: a "${kind}" utility space: only linear additive profiles can be imported`);
  }
  checkElements(space, profileElements, file, problems);
  const issues = rootIssues(space, file, problems);
  const objective = space.children.find((c) => c.name === "objective");
  const weightByIndex = new Map((objective?.children ?? []).filter((c) => c.name === "weight").map((w) => [w.attributes.index ?? "", w]));
  const weights: number[] = [];
  const evaluations: Map<string, number>[] = [];
  for (const issue of domain.issues) {
    const element = issues.find((e) => e.attributes.index === issue.index);
    if (!element) {
      problems.push(`${file}: no issue with index ${issue.index} ("${issue.name}") as in the domain`);
      continue;
    }
    checkDiscrete(element, file, problems);
    if (element.attributes.name !== undefined && element.attributes.name !== issue.name) {
      problems.push(`${file} line ${element.line}: issue ${issue.index} is "${element.attributes.name}" here but "${issue.name}" in the domain`);
    }
    const weightElement = weightByIndex.get(issue.index);
    const weight = number(weightElement?.attributes.value);
    if (!weightElement) problems.push(`${file}: no <weight index="${issue.index}"> for issue "${issue.name}"`);
    else if (!(weight >= 0)) problems.push(`${file} line ${weightElement.line}: the weight of issue "${issue.name}" must be a number ≥ 0, not "${weightElement.attributes.value}"`);
    weights.push(weight);
    const raw = new Map<string, number>();
    for (const item of element.children.filter((c) => c.name === "item")) {
      const value = item.attributes.value ?? "";
      const evaluation = number(item.attributes.evaluation);
      if (!issue.values.includes(value)) problems.push(`${file} line ${item.line}: issue "${issue.name}" has no value "${value}" in the domain`);
      else if (!(evaluation >= 0)) problems.push(`${file} line ${item.line}: value "${value}" of issue "${issue.name}" needs an evaluation ≥ 0, not "${item.attributes.evaluation ?? ""}"`);
      else raw.set(value, evaluation);
    }
    const missing = issue.values.filter((v) => !raw.has(v) && !problems.some((p) => p.includes(`value "${v}" of issue "${issue.name}"`)));
    if (missing.length > 0) problems.push(`${file}: issue "${issue.name}" has no evaluation for ${missing.map((v) => `"${v}"`).join(", ")}`);
    // GENIUS's rule (EvaluatorDiscrete): if any evaluation is above 1, each is divided by the largest; otherwise they are utilities as they stand.
    const largest = Math.max(...raw.values());
    evaluations.push(new Map([...raw].map(([value, e]) => [value, largest > 1 ? e / largest : e])));
  }
  for (const element of issues) {
    if (!domain.issues.some((i) => i.index === element.attributes.index)) problems.push(`${file} line ${element.line}: issue index ${element.attributes.index ?? "?"} is not in the domain`);
  }
  const sum = weights.reduce((a, b) => a + b, 0);
  if (problems.length === 0 && Math.abs(sum - 1) > 1e-6) notes.push(`${file}: the weights add up to ${sum.toFixed(4)}, not 1; utilities are kept as GENIUS computes them (Σ weight × evaluation)`);

  const reservationElement = space.children.find((c) => c.name === "reservation");
  let reservation = 0;
  if (reservationElement) {
    reservation = number(reservationElement.attributes.value);
    if (!(reservation >= 0 && reservation <= 1)) problems.push(`${file} line ${reservationElement.line}: the reservation value must be between 0 and 1, not "${reservationElement.attributes.value}"`);
  } else notes.push(`${file}: no reservation value; no deal is worth 0`);
  const discountElement = space.children.find((c) => c.name === "discount_factor");
  let discount = 1;
  if (discountElement) {
    const value = number(discountElement.attributes.value);
    if (!(value >= 0 && value <= 1)) problems.push(`${file} line ${discountElement.line}: the discount factor must be between 0 and 1, not "${discountElement.attributes.value}"`);
    // GENIUS reads 0 as "no discount", like 1.
    else discount = value === 0 ? 1 : value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: { weights, evaluations, reservation, discount, notes } };
}
