import { readFileSync } from "node:fs";
import { recordAction, replayLog, startRecordedMatch } from "../../shared/index.js";

/**
 * A fixture's match played again, with the project's own recorder, as a table of class
 * `classCode`: its header names the class as class tables' logs do (server/classroom/class-tables.ts).
 */
export function classTableLog(fixtureFile: string, matchId: string, classCode: string): string {
  const replay = replayLog(readFileSync(fixtureFile, "utf8"));
  if (!replay.ok) throw new Error(replay.error.message);
  const { header } = replay.value;
  const started = startRecordedMatch({ matchId, scenarioSource: header.scenario, seed: header.seed, settings: header.settings, seats: header.seats, meta: { mode: "pvp", class: classCode, table: "T1" } });
  if (!started.ok) throw new Error(started.error.message);
  let match = started.value.match;
  const lines = [...started.value.lines];
  for (const entry of replay.value.actions) {
    const next = recordAction(match, entry.action, entry.at);
    if (!next.ok) throw new Error(next.error.message);
    match = next.value.match;
    lines.push(...next.value.lines);
  }
  return lines.join("\n") + "\n";
}
