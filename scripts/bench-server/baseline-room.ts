import { Room, type Client } from "@colyseus/core";
import { schema, t, type SchemaType } from "@colyseus/schema";
import type { Heartbeat } from "../../server/heartbeat.js";

/**
 * The bare baseline: one counter, no game, no log, no views. Any message bumps the counter and
 * patches at once, exactly as the negotiation room patches after an accepted action, so the
 * difference between the two is the cost of the game itself. Its connections are pinged by the
 * server's heartbeat like the game's (server/heartbeat.ts).
 */
export const CounterState = schema({ seq: t.uint32() }, "CounterState");
export type CounterState = SchemaType<typeof CounterState>;

export class BaselineRoom extends Room<{ state: CounterState }> {
  private heartbeat: Heartbeat | undefined;

  override onCreate(options: { heartbeat?: Heartbeat }): void {
    this.heartbeat = options.heartbeat;
    this.state = new CounterState({ seq: 0 });
    this.onMessage("*", (_client: Client) => {
      this.state.seq++;
      this.broadcastPatch();
    });
  }

  override onJoin(client: Client): void {
    this.heartbeat?.watch(client);
  }
}
