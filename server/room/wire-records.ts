import type { FiredEvent, Outcome, Proposal, RedLine } from "../../shared/index.js";

/**
 * The JSON records the synced state carries as strings (docs/protocol.md, "The synced state").
 * Each picks its fields by name, so a field added to the engine's types never reaches clients
 * unless it is added here: an event's effects, for one, are private and go on the sheets only.
 */

export const proposalRecord = (p: Proposal): string => JSON.stringify({ id: p.id, side: p.side, by: p.by, round: p.round, offer: p.offer });

/** The public face of an event: what it does to a side's numbers is on that side's sheet (its `effects`). */
export const eventRecord = (event: FiredEvent): string =>
  JSON.stringify({ id: event.id, title: event.title, headline: event.headline, round: event.round, origin: event.origin });

export function outcomeRecord(o: Outcome): string {
  return JSON.stringify({
    kind: o.kind,
    round: o.round,
    ...(o.proposalId !== undefined ? { proposalId: o.proposalId } : {}),
    ...(o.offer !== undefined ? { offer: o.offer } : {}),
    ...(o.by !== undefined ? { by: o.by } : {}),
    ...(o.side !== undefined ? { side: o.side } : {}),
    points: o.points,
    ...(o.brokenRedLines !== undefined ? { brokenRedLines: o.brokenRedLines } : {}),
    ...(o.reason !== undefined ? { reason: o.reason } : {}),
  });
}

/** A side's red lines, for its sheet (static for the match). */
export const redLinesRecord = (lines: readonly RedLine[]): string =>
  JSON.stringify(lines.map((line) => ({ id: line.id, constituency: line.constituency, issue: line.issue, forbiddenOptions: line.forbiddenOptions, reason: line.reason })));
