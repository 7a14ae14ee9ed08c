import type { Client } from "@colyseus/core";
import { WebSocketClient } from "@colyseus/ws-transport";

/**
 * Tells a dead connection (a laptop that slept, Wi-Fi gone without a goodbye) from a quiet one:
 * every connection in a room gets a WebSocket ping once per `intervalMs`, and one that has left
 * `maxMissed` pings in a row unanswered is closed, so its room sees it drop and holds its seat
 * for reconnection. Browsers and the `ws` package answer pings by themselves: nothing for a
 * client to do.
 *
 * Colyseus's WebSocketTransport has the same check built in (`pingInterval`, `pingMaxRetries`),
 * but pings every connection in one loop: at 4,000 connections that loop, and the 4,000 pongs
 * it draws back at once, held the event loop 40–500 ms every 3 s (`npm run bench:server`, 2,000
 * matches), the largest part of the latency tail. Here the pings are dealt out over the interval
 * in slices every `tickMs`, so each connection is still pinged once per interval and none waits
 * behind all the others. The server turns the transport's own loop off (`pingInterval: 0`).
 */

/** What the heartbeat needs of a socket (the `ws` package's WebSocket, as `WebSocketClient.ref`). */
export type PingedSocket = {
  readonly readyState: number;
  ping(): void;
  terminate(): void;
  on(event: "pong", listener: () => void): unknown;
  off(event: "pong", listener: () => void): unknown;
  once(event: "close", listener: () => void): unknown;
};

const OPEN = 1;

export class Heartbeat {
  /** Pings sent since each watched socket last answered. */
  private readonly unanswered = new Map<PingedSocket, number>();
  /** Where the next slice starts: one pass over the map is one interval. */
  private cursor: Iterator<PingedSocket> = this.unanswered.keys();
  /** Pings owed but not sent yet (a slice is rarely a whole number of sockets). */
  private owed = 0;
  private timer: NodeJS.Timeout | undefined;

  /** `intervalMs` 0: no pings at all. */
  constructor(
    readonly intervalMs: number,
    readonly maxMissed: number,
    private readonly tickMs = Math.min(50, Math.max(1, intervalMs / 4)),
  ) {}

  /** Watches a room's client until its connection closes; a client of another transport is left to it. */
  watch(client: Client): void {
    if (client instanceof WebSocketClient) this.watchSocket(client.ref);
  }

  watchSocket(socket: PingedSocket): void {
    if (this.intervalMs <= 0 || this.unanswered.has(socket) || socket.readyState !== OPEN) return;
    this.unanswered.set(socket, 0);
    const answered = () => {
      if (this.unanswered.has(socket)) this.unanswered.set(socket, 0);
    };
    socket.on("pong", answered);
    socket.once("close", () => {
      this.unanswered.delete(socket);
      socket.off("pong", answered);
    });
    this.timer ??= setInterval(() => this.tick(), this.tickMs).unref();
  }

  get watched(): number {
    return this.unanswered.size;
  }

  /** One slice: this tick's share of the watched sockets, each pinged or, past `maxMissed`, closed. */
  tick(): void {
    this.owed += (this.unanswered.size * this.tickMs) / this.intervalMs;
    let count = Math.min(Math.floor(this.owed), this.unanswered.size);
    this.owed -= count;
    while (count-- > 0) {
      let next = this.cursor.next();
      if (next.done) {
        this.cursor = this.unanswered.keys();
        next = this.cursor.next();
        if (next.done) return;
      }
      const socket = next.value;
      const missed = this.unanswered.get(socket) ?? 0;
      if (missed >= this.maxMissed) {
        // Its room hears the close like any other drop (onDrop, then reconnection or onLeave).
        this.unanswered.delete(socket);
        socket.terminate();
        continue;
      }
      this.unanswered.set(socket, missed + 1);
      socket.ping();
    }
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
