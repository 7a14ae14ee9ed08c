import { diffJson, jsonEqual, viewFor, type MatchState, type MatchView, type Scenario, type StepMessage, type TableInfo, type TableView, type Viewer } from "../../shared/index.js";

/**
 * What each kind of viewer of one match holds, and the step that brings it up to date. Views
 * come only from the engine's `viewFor` (the one place secrecy is decided); a step is the
 * difference between the last view a viewer got and the next one, so it can hold nothing the
 * viewer's own view would not. One entry per distinct viewer (a side's role, or spectators),
 * shared by every connection of that viewer; an entry goes when its last connection does.
 */

/** A viewer's view in its two parts: what the engine's `viewFor` gives, and the table's facts (sent as `view.table`). */
type Held = { rev: number; view: MatchView; table: TableInfo; clients: number; viewer: Viewer };

export const viewerKey = (viewer: Viewer): string => (viewer.kind === "seat" ? `seat:${viewer.side}:${viewer.role}` : viewer.kind);

const TABLE_PATH = ["table"];

/** A held view as a `view` message carries it: the engine's view with the table's facts beside it. */
const whole = (held: Held): { rev: number; view: TableView } => ({ rev: held.rev, view: { ...held.view, table: held.table } });

export class ViewPublisher {
  private rev = 0;
  private readonly held = new Map<string, Held>();
  private table: TableInfo | undefined;

  constructor(private readonly scenario: Scenario) {}

  /** The table's facts change far less often than moves happen: while they are equal, every viewer holds the same object, which its diff passes over at once. */
  private sameTable(table: TableInfo): TableInfo {
    if (!this.table || !jsonEqual(this.table, table)) this.table = table;
    return this.table;
  }

  /** A connection of `viewer` arrives: the whole view at its revision (the caller has published every change first). */
  attach(viewer: Viewer, state: MatchState, table: TableInfo): { rev: number; view: TableView } {
    const key = viewerKey(viewer);
    let held = this.held.get(key);
    if (!held) {
      held = { rev: this.rev, view: viewFor(this.scenario, state, viewer), table: this.sameTable(table), clients: 0, viewer };
      this.held.set(key, held);
    }
    held.clients++;
    return whole(held);
  }

  /** The whole view again for a connection already attached (a `sync` request, a reconnection). */
  current(viewer: Viewer): { rev: number; view: TableView } | undefined {
    const held = this.held.get(viewerKey(viewer));
    return held && whole(held);
  }

  detach(viewer: Viewer): void {
    const key = viewerKey(viewer);
    const held = this.held.get(key);
    if (held && --held.clients <= 0) this.held.delete(key);
  }

  /**
   * After a change: the step of each viewer whose view changed, by viewer key. Viewers whose steps
   * are equal (a public move seen alike by both sides) get the same step object, so that the room
   * can encode it once for all of them.
   */
  publish(state: MatchState, table: TableInfo): Map<string, StepMessage> {
    this.rev++;
    const steps = new Map<string, StepMessage>();
    const nextTable = this.sameTable(table);
    for (const [key, held] of this.held) {
      const next = viewFor(this.scenario, state, held.viewer);
      const changes = diffJson(held.view, next);
      if (held.table !== nextTable) diffJson(held.table, nextTable, TABLE_PATH, changes);
      if (changes.length === 0) continue;
      steps.set(key, this.sameStep(steps, { from: held.rev, rev: this.rev, changes }));
      held.rev = this.rev;
      held.view = next;
      held.table = nextTable;
    }
    return steps;
  }

  /** An equal step already made in this publish, else `step`. */
  private sameStep(made: Map<string, StepMessage>, step: StepMessage): StepMessage {
    for (const other of made.values()) if (other.from === step.from && jsonEqual(other.changes, step.changes)) return other;
    return step;
  }
}
