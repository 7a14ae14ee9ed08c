import { Client, type Room } from "@colyseus/sdk";
import { NEGOTIATION_ROOM, stepMessageSchema, viewMessageSchema, ViewFold, type SeatGrant, type TableView } from "../../shared/index.js";

/**
 * One SDK client as docs/protocol.md describes it: it creates or joins by code (`joinById`),
 * takes a seat back with its seat token, folds `view` and `step`, and counts every answer the
 * server gives it: error replies by code, and `view` messages (the answer to `sync`).
 */

export type ErrorReply = { code: string; message: string; type?: string };

export class SoakClient {
  readonly fold = new ViewFold();
  readonly errors = new Map<string, number>();
  /** `view` messages after the first (each answers a `sync`, or a reconnection). */
  views = 0;
  sent = 0;
  closed = false;
  private readonly waiters = new Set<() => void>();
  /** Called after every message the client receives. */
  readonly listeners = new Set<() => void>();
  /** Types of the error replies still awaited by `fence`. */
  private readonly fences = new Map<string, () => void>();

  private constructor(readonly room: Room) {
    room.onMessage("error", (reply: ErrorReply) => {
      this.errors.set(reply.code, (this.errors.get(reply.code) ?? 0) + 1);
      if (reply.type !== undefined) {
        const done = this.fences.get(reply.type);
        if (done) {
          this.fences.delete(reply.type);
          done();
        }
      }
      this.notify();
    });
    room.onMessage("view", (message: unknown) => {
      if (this.fold.view !== null) this.views++;
      this.fold.take(viewMessageSchema.parse(message));
      this.notify();
    });
    room.onMessage("step", (message: unknown) => {
      // A step that does not fit asks for the whole view again; counted as sent, since its answer is a view.
      if (!this.fold.step(stepMessageSchema.parse(message))) this.send("sync", {});
      this.notify();
    });
    room.onLeave(() => {
      this.closed = true;
      this.notify();
    });
    room.reconnection.enabled = false;
  }

  static async create(url: string, options: Record<string, unknown>): Promise<SoakClient> {
    return SoakClient.ready(await new Client(url).create(NEGOTIATION_ROOM, options));
  }

  static async join(url: string, code: string, options: Record<string, unknown>): Promise<SoakClient> {
    return SoakClient.ready(await new Client(url).joinById(code, options));
  }

  private static async ready(room: Room): Promise<SoakClient> {
    const client = new SoakClient(room);
    await client.until(() => client.fold.view !== null, 15_000, "the first view");
    return client;
  }

  get view(): TableView {
    return this.fold.view!;
  }

  get seat(): SeatGrant {
    return this.fold.seat!;
  }

  get code(): string {
    return this.room.roomId;
  }

  /** Messages the SDK itself would not encode (none are expected; counted apart from `sent`). */
  unsendable = 0;

  send(type: string | number, payload?: unknown): void {
    if (this.closed) return;
    try {
      this.room.send(type as string, payload);
      this.sent++;
    } catch {
      this.unsendable++;
    }
  }

  errorCount(): number {
    let n = 0;
    for (const count of this.errors.values()) n += count;
    return n;
  }

  /**
   * Sends a message of a type nobody handles and waits for its refusal: the server handles one
   * connection's messages in order, so every message sent before it has been answered by then.
   * The fence itself is counted like any message (it is answered with an error).
   */
  async fence(name: string, timeoutMs = 20_000): Promise<boolean> {
    if (this.closed) return false;
    const done = new Promise<void>((resolve) => this.fences.set(name, resolve));
    this.send(name, {});
    const timer = new Promise<"late">((resolve) => setTimeout(() => resolve("late"), timeoutMs));
    return (await Promise.race([done, timer])) !== "late";
  }

  until(test: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      if (test()) return resolve();
      const check = () => {
        if (!test()) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
    for (const waiter of [...this.waiters]) waiter();
  }

  async leave(): Promise<void> {
    if (this.closed) return;
    await this.room.leave().catch(() => undefined);
    this.closed = true;
  }
}
