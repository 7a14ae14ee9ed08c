import { StateView } from "@colyseus/schema";
import { viewFor, visibleSides, type MatchState, type Scenario, type Viewer } from "../../shared/index.js";
import type { NegotiationState } from "./state-schema.js";
import { roleContainer, roleKey } from "./state-sync.js";

/**
 * Grants each connection the private parts of the state it may see. The engine decides
 * (`visibleSides` for side sheets and team channels, `viewFor(...).roles` for role sheets);
 * this only turns its answer into `StateView.add` calls. Visibility only ever grows: a seat
 * keeps its own sheet, and the end of the match reveals everything to everyone.
 *
 * A team channel follows the side sheet: `viewFor` shows a team line to that side's seats,
 * to the instructor, and to everyone once the match has ended, which is exactly `visibleSides`.
 */

export type Visibility = { view: StateView; granted: Set<string> };

export const newVisibility = (): Visibility => ({ view: new StateView(), granted: new Set() });

export function grantVisibility(visibility: Visibility, root: NegotiationState, scenario: Scenario, state: MatchState, viewer: Viewer): void {
  for (const side of visibleSides(scenario, state, viewer)) {
    grant(visibility, `sheet:${side}`, root.sheets.get(side));
    grant(visibility, `team:${side}`, root.teams.get(side));
  }
  for (const role of viewFor(scenario, state, viewer).roles) {
    grant(visibility, `role:${roleKey(role.side, role.role)}`, roleContainer(root, scenario, state, role.side, role.role));
  }
}

function grant(visibility: Visibility, key: string, target: object | undefined): void {
  if (target === undefined || visibility.granted.has(key)) return;
  visibility.granted.add(key);
  visibility.view.add(target as Parameters<StateView["add"]>[0]);
}
