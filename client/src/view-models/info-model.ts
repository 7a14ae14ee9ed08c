import type { PublicScenario } from "../../../shared/index.js";
import { identity, issueName, optionLabel, type ContentFn } from "./names.js";

/**
 * The three reading panels of the briefing and the debrief, as plain blocks of text (every text
 * localised): "How this model works" (the scenario's assumptions), "Sources" (every published
 * source the scenario cites) and "The real deal, as written" (per issue: the option plotted and
 * what the texts did and did not contain).
 */

export type InfoBlock = { heading?: string; text: string; link?: string };

type Words = { citing: (list: string) => string };

/** "Outlet, date" for a source id, or the id itself when the scenario does not list it. */
function cite(scenario: PublicScenario, id: string): string {
  const source = scenario.sources?.find((s) => s.id === id);
  return source ? `${source.outlet}, ${source.date}` : id;
}

export function assumptionsModel(scenario: PublicScenario, words: Words, content: ContentFn = identity): InfoBlock[] {
  return (scenario.assumptions ?? []).map((a) => {
    const sources = (a.sources ?? []).map((id) => cite(scenario, id));
    const text = content(`assumption.${a.id}.text`, a.text);
    return { heading: content(`assumption.${a.id}.title`, a.title), text: sources.length > 0 ? `${text}\n${words.citing(sources.join("; "))}` : text };
  });
}

export function sourcesModel(scenario: PublicScenario): InfoBlock[] {
  return [...(scenario.sources ?? [])]
    .sort((a, b) => a.date.localeCompare(b.date) || a.outlet.localeCompare(b.outlet))
    .map((s) => ({ text: `${s.date} · ${s.outlet} — ${s.title}`, link: s.url }));
}

/** "{id}. {issue}: {option}" in the player's language. */
type ItemFormat = (parts: { id: string; issue: string; option: string }) => string;
const plainItem: ItemFormat = ({ id, issue, option }) => `${id}. ${issue}: ${option}`;

/** The first reference (the real deal) issue by issue; empty when the scenario has none. */
export function realDealModel(scenario: PublicScenario, content: ContentFn = identity, item: ItemFormat = plainItem): InfoBlock[] {
  const reference = scenario.references[0];
  if (!reference) return [];
  return scenario.issues.map((issue) => {
    const option = reference.offer[issue.id] ?? "";
    const note = reference.notes?.[issue.id];
    return {
      heading: item({ id: issue.id, issue: issueName(scenario, issue.id, content), option: optionLabel(scenario, issue.id, option, content) }),
      text: note ? content(`reference.${reference.id}.note.${issue.id}`, note) : "",
    };
  });
}
