import { Room, type Client } from "@colyseus/core";
import { schema, t, type SchemaType } from "@colyseus/schema";
import path from "node:path";
import { z } from "zod";
import { lineHash } from "../../shared/index.js";
import { MatchLogFile } from "../../server/store/match-log.js";
import type { Heartbeat } from "../../server/heartbeat.js";

/**
 * A reference room between the bare baseline and the game (`bench:server -- --record-room 1`):
 * it does only what any room that keeps a match record must do, and nothing of the game. Each
 * message is parsed with zod, appended as a JSON line with a SHA-256 chain link to a log written
 * like the game's (server/store/match-log.ts, before the broadcast), kept in the synced state as
 * one JSON string, and patched at once. No rules, no private views, no per-move objects.
 */
export const RecordState = schema({ seq: t.uint32(), records: t.array("string") }, "RecordState");
export type RecordState = SchemaType<typeof RecordState>;

const payloadSchema = z.object({ offer: z.record(z.string(), z.string()).optional(), text: z.string().max(2000).optional(), to: z.string().optional() });

export class RecordRoom extends Room<{ state: RecordState }> {
  private log: MatchLogFile | undefined;
  private lastLineHash = "";
  private heartbeat: Heartbeat | undefined;

  override async onCreate(options: { dataDir: string; syncMs: number; heartbeat?: Heartbeat }): Promise<void> {
    this.heartbeat = options.heartbeat;
    this.state = new RecordState({ seq: 0 });
    const header = JSON.stringify({ kind: "header", room: this.roomId });
    this.log = await MatchLogFile.create(path.join(options.dataDir, `record-${this.roomId}.jsonl`), [header], options.syncMs);
    // The game's log mode under load (logSyncMs > 0): a line is written before the broadcast, synchronously.
    if (!this.log.writesSynchronously) throw new Error("the record room needs logSyncMs > 0");
    this.lastLineHash = lineHash(header);
    this.onMessage("*", (client: Client, type: string | number, message: unknown) => {
      const parsed = payloadSchema.safeParse(message);
      if (!parsed.success) return;
      const seq = this.state.seq + 1;
      const line = JSON.stringify({ kind: "action", seq, type, by: client.sessionId, ...parsed.data, prev: this.lastLineHash });
      this.log!.append([line]);
      this.lastLineHash = lineHash(line);
      this.state.records.push(JSON.stringify({ seq, type, by: client.sessionId, ...parsed.data }));
      this.state.seq = seq;
      this.broadcastPatch();
    });
  }

  override onJoin(client: Client): void {
    this.heartbeat?.watch(client);
  }

  override onDispose(): Promise<void> | undefined {
    return this.log?.close();
  }
}
