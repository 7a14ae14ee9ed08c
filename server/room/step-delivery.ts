import type { Client, Room } from "@colyseus/core";
import type { StepMessage } from "../../shared/index.js";

/**
 * Sends each client of `room` the step `stepOf` gives it (none: the client gets nothing). When all
 * who get one get the same step (a public move, seen alike by every viewer), it is encoded once and
 * fanned out with Colyseus's `broadcast`, every other connection excepted.
 */
export function deliverSteps(room: Room, stepOf: (client: Client) => StepMessage | undefined): void {
  const receivers: [Client, StepMessage][] = [];
  const others: Client[] = [];
  for (const client of room.clients) {
    const step = stepOf(client);
    if (step) receivers.push([client, step]);
    else others.push(client);
  }
  const first = receivers[0]?.[1];
  if (first && receivers.length > 1 && receivers.every(([, step]) => step === first)) return room.broadcast("step", first, { except: others });
  for (const [client, step] of receivers) client.send("step", step);
}
