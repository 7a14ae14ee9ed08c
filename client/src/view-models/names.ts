import type { PublicScenario } from "../../../shared/index.js";

/** The scenario's names in the player's language (translation keys in i18n/scenario-ja.ts). */
export type ContentFn = (key: string, fallback: string) => string;

export const identity: ContentFn = (_key, fallback) => fallback;

export function sideName(scenario: PublicScenario, side: string, content: ContentFn = identity): string {
  return content(`side.${side}`, scenario.sides.find((s) => s.id === side)?.name ?? side);
}

export function roleName(scenario: PublicScenario, side: string, role: string, content: ContentFn = identity): string {
  const found = scenario.sides.find((s) => s.id === side)?.roles.find((r) => r.id === role);
  return content(`role.${side}.${role}`, found?.name ?? role);
}

export function issueName(scenario: PublicScenario, issue: string, content: ContentFn = identity): string {
  return content(`issue.${issue}`, scenario.issues.find((i) => i.id === issue)?.name ?? issue);
}

export function optionLabel(scenario: PublicScenario, issue: string, option: string, content: ContentFn = identity): string {
  const found = scenario.issues.find((i) => i.id === issue)?.options.find((o) => o.id === option);
  return content(`option.${issue}.${option}`, found?.label ?? option);
}

export function roundName(scenario: PublicScenario, round: number, content: ContentFn = identity): string {
  return content(`round.${round}`, scenario.rounds[round - 1] ?? `${round}`);
}

/** The other side of a two-sided scenario. */
export function otherSide(scenario: PublicScenario, side: string): string {
  return scenario.sides.find((s) => s.id !== side)?.id ?? "";
}

/** Points as a player reads them: whole numbers with a sign. */
export function formatPoints(points: number): string {
  const rounded = Math.round(points);
  return rounded > 0 ? `+${rounded}` : rounded < 0 ? `−${Math.abs(rounded)}` : "0";
}
