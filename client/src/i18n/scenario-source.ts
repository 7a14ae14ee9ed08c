import { missedSoftDeadlineText } from "../../../shared/engine/calendar.js";
import { storyText, type Scenario } from "../../../shared/scenario/schema.js";

/**
 * The English of every scenario text the client looks up by key (`content(key, fallback)`), as a
 * scenario file writes it. A translation in scenario-ja.ts is of the built-in scenario's English
 * under the same key, so it replaces a text only when that exact English is shown (gettext's
 * rule): another scenario that reuses an id (`side.japan`, `issue.A`) or a key (`story`) with
 * other words keeps its own English.
 *
 * Computed at build time from the built-in scenario (scripts/build/scenario-source.ts serves it as
 * virtual:tt-scenario-en), so the client ships these texts and not the scenario's confidential numbers.
 */
export function scenarioSourceTexts(scenario: Scenario): Record<string, string> {
  const texts: Record<string, string> = {};
  const put = (key: string, text: string | undefined) => {
    if (text !== undefined) texts[key] = text;
  };
  put("title", scenario.title);
  put("summary", scenario.summary);
  put("story", storyText(scenario.story));
  for (const side of scenario.sides) {
    put(`side.${side.id}`, side.name);
    put(`side.${side.id}.brief`, side.brief);
    for (const role of side.roles) {
      put(`role.${side.id}.${role.id}`, role.name);
      put(`role.${side.id}.${role.id}.brief`, role.brief);
      put(`person.${side.id}.${role.id}`, role.person);
    }
    for (const line of side.redLines) put(`redLine.${line.id}`, line.reason);
  }
  for (const issue of scenario.issues) {
    put(`issue.${issue.id}`, issue.name);
    for (const option of issue.options) put(`option.${issue.id}.${option.id}`, option.label);
  }
  scenario.rounds.forEach((round, i) => put(`round.${i + 1}`, round.label));
  if (scenario.softDeadline) {
    put("softDeadline", scenario.softDeadline.label);
    const missed = missedSoftDeadlineText(scenario.softDeadline.label);
    put("event.missed-soft-deadline.title", missed.title);
    put("event.missed-soft-deadline.headline", missed.headline);
  }
  put("hardDeadline", scenario.hardDeadline.label);
  for (const event of [...scenario.events.timeline.map((t) => t.event), ...scenario.events.deck]) {
    put(`event.${event.id}.title`, event.title);
    put(`event.${event.id}.headline`, event.headline);
  }
  for (const reference of scenario.references) {
    put(`reference.${reference.id}`, reference.label);
    for (const [issue, note] of Object.entries(reference.notes ?? {})) put(`reference.${reference.id}.note.${issue}`, note);
  }
  for (const assumption of scenario.assumptions ?? []) {
    put(`assumption.${assumption.id}.title`, assumption.title);
    put(`assumption.${assumption.id}.text`, assumption.text);
  }
  return texts;
}
