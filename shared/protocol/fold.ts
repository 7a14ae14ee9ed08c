import { applyChanges } from "./changes.js";
import type { StepMessage, ViewMessage } from "./messages.js";
import type { SeatGrant, TableView } from "./view.js";

/**
 * A client's copy of its view: a `view` message replaces it, a `step` applies to it when the
 * step follows the revision held. A step that does not (a message missed while away) is
 * refused, and the client asks for `sync`, which answers with a whole view.
 */
export class ViewFold {
  rev = -1;
  view: TableView | null = null;
  seat: SeatGrant | null = null;

  take(message: ViewMessage): void {
    this.rev = message.rev;
    this.view = message.view;
    this.seat = message.seat;
  }

  /** True when applied; false when the step does not follow what is held (then ask for `sync`). */
  step(message: StepMessage): boolean {
    if (this.view === null || message.from !== this.rev) return false;
    this.view = applyChanges(this.view, message.changes);
    this.rev = message.rev;
    return true;
  }
}
