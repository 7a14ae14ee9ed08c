import { Room, type Client } from "@colyseus/core";
import { schema, t, type SchemaType } from "@colyseus/schema";

/**
 * The bare baseline: one counter, no game, no log, no views. Any message bumps the counter and
 * patches at once, exactly as the negotiation room patches after an accepted action, so the
 * difference between the two is the cost of the game itself.
 */
export const CounterState = schema({ seq: t.uint32() }, "CounterState");
export type CounterState = SchemaType<typeof CounterState>;

export class BaselineRoom extends Room<{ state: CounterState }> {
  override onCreate(): void {
    this.state = new CounterState({ seq: 0 });
    this.onMessage("*", (_client: Client) => {
      this.state.seq++;
      this.broadcastPatch();
    });
  }
}
