import type { MatchView } from "../../../shared/index.js";
import { identity, issueName, optionLabel, roleName, roundName, sideName, type ContentFn } from "./names.js";

/** The confidential sheet of the seat, as the briefing lays it out (every text localised). */

export type BriefingIssue = {
  id: string;
  name: string;
  roleWeight: number;
  options: { id: string; label: string; points: number; redLine: boolean }[];
};

export type BriefingModel = {
  side: string;
  sideName: string;
  roleName: string;
  person: string;
  story: string;
  sideBrief: string;
  roleBrief: string;
  issues: BriefingIssue[];
  redLines: { issue: string; option: string; reason: string }[];
  reservation: number;
  pressure: number;
  softDeadline: string | null;
  hardDeadline: string;
  weeks: number;
};

export function briefingModel(view: MatchView, content: ContentFn = identity): BriefingModel | null {
  if (view.viewer.kind !== "seat") return null;
  const { side, role } = view.viewer;
  const scenario = view.scenario;
  const sheet = view.sheets[side];
  const roleSheet = view.roles.find((r) => r.side === side && r.role === role);
  const redLines = sheet?.redLines ?? [];
  return {
    side,
    sideName: sideName(scenario, side, content),
    roleName: roleName(scenario, side, role, content),
    person: content(`person.${side}.${role}`, roleSheet?.person ?? ""),
    story: content("story", scenario.story),
    sideBrief: content(`side.${side}.brief`, sheet?.brief ?? ""),
    roleBrief: content(`role.${side}.${role}.brief`, roleSheet?.brief ?? ""),
    issues: scenario.issues.map((issue) => ({
      id: issue.id,
      name: issueName(scenario, issue.id, content),
      roleWeight: roleSheet?.issueWeights[issue.id] ?? 1,
      options: issue.options.map((o) => ({
        id: o.id,
        label: optionLabel(scenario, issue.id, o.id, content),
        points: sheet?.points[issue.id]?.[o.id] ?? 0,
        redLine: redLines.some((l) => l.issue === issue.id && l.forbiddenOptions.includes(o.id)),
      })),
    })),
    redLines: redLines.flatMap((l) =>
      l.forbiddenOptions.map((option) => ({
        issue: issueName(scenario, l.issue, content),
        option: optionLabel(scenario, l.issue, option, content),
        reason: content(`redLine.${l.id}`, l.reason),
      })),
    ),
    reservation: sheet?.reservation ?? 0,
    pressure: sheet?.pressurePerRound ?? 0,
    softDeadline: scenario.softDeadline ? content("softDeadline", scenario.softDeadline.label) : null,
    hardDeadline: content("hardDeadline", scenario.hardDeadline.label),
    weeks: view.maxRounds,
  };
}

export { roundName };
