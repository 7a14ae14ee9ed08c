import { diffJson, viewFor, type MatchState, type Scenario, type StepMessage, type TableInfo, type TableView, type Viewer } from "../../shared/index.js";

/**
 * What each kind of viewer of one match holds, and the step that brings it up to date. Views
 * come only from the engine's `viewFor` (the one place secrecy is decided); a step is the
 * difference between the last view a viewer got and the next one, so it can hold nothing the
 * viewer's own view would not. One entry per distinct viewer (a side's role, or spectators),
 * shared by every connection of that viewer; an entry goes when its last connection does.
 */

type Held = { rev: number; view: TableView; clients: number };

export const viewerKey = (viewer: Viewer): string => (viewer.kind === "seat" ? `seat:${viewer.side}:${viewer.role}` : viewer.kind);

export class ViewPublisher {
  private rev = 0;
  private readonly held = new Map<string, Held & { viewer: Viewer }>();

  constructor(private readonly scenario: Scenario) {}

  private compute(viewer: Viewer, state: MatchState, table: TableInfo): TableView {
    return { ...viewFor(this.scenario, state, viewer), table };
  }

  /** A connection of `viewer` arrives: the whole view at its revision (the caller has published every change first). */
  attach(viewer: Viewer, state: MatchState, table: TableInfo): { rev: number; view: TableView } {
    const key = viewerKey(viewer);
    let held = this.held.get(key);
    if (!held) {
      held = { rev: this.rev, view: this.compute(viewer, state, table), clients: 0, viewer };
      this.held.set(key, held);
    }
    held.clients++;
    return { rev: held.rev, view: held.view };
  }

  /** The whole view again for a connection already attached (a `sync` request, a reconnection). */
  current(viewer: Viewer): { rev: number; view: TableView } | undefined {
    const held = this.held.get(viewerKey(viewer));
    return held && { rev: held.rev, view: held.view };
  }

  detach(viewer: Viewer): void {
    const key = viewerKey(viewer);
    const held = this.held.get(key);
    if (held && --held.clients <= 0) this.held.delete(key);
  }

  /** After a change: the step of each viewer whose view changed, by viewer key. */
  publish(state: MatchState, table: TableInfo): Map<string, StepMessage> {
    this.rev++;
    const steps = new Map<string, StepMessage>();
    for (const [key, held] of this.held) {
      const next = this.compute(held.viewer, state, table);
      const changes = diffJson(held.view, next);
      if (changes.length === 0) continue;
      steps.set(key, { from: held.rev, rev: this.rev, changes });
      held.rev = this.rev;
      held.view = next;
    }
    return steps;
  }
}
