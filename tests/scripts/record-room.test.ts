import { Client } from "@colyseus/sdk";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RecordRoom } from "../../scripts/bench-server/record-room.js";
import { lineHash } from "../../shared/index.js";
import { startServer, type TestServer } from "../server/helpers.js";

/** The reference room of `bench:server -- --record-room 1` must do the work it claims to measure. */
describe("bench:server record room", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
    server.game.server.define("bench-record", RecordRoom, { dataDir: server.dataDir, syncMs: 200 });
  });
  afterAll(() => server.close());

  it("logs each valid message with a hash chain before the patch, keeps it in the state, and drops a malformed one", async () => {
    const room = await new Client(server.url).create("bench-record");
    const patched = (seq: number) =>
      new Promise<void>((resolve) => {
        const check = (state: { seq: number }) => state.seq >= seq && (room.onStateChange.remove(check), resolve());
        room.onStateChange(check);
      });
    room.send("propose", { offer: { cars: "c15" } });
    await patched(1);
    room.send("chat", { text: 42 }); // not a string: refused, changes nothing
    room.send("chat", { text: "hello", to: "table" });
    await patched(2);

    const state = room.state as unknown as { seq: number; records: string[] };
    expect(state.seq).toBe(2);
    expect(state.records.map((r) => JSON.parse(r))).toEqual([
      { seq: 1, type: "propose", by: room.sessionId, offer: { cars: "c15" } },
      { seq: 2, type: "chat", by: room.sessionId, text: "hello", to: "table" },
    ]);
    const lines = readFileSync(path.join(server.dataDir, `record-${room.roomId}.jsonl`), "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(3);
    expect(lines.slice(1).map((line) => JSON.parse(line).seq)).toEqual([1, 2]);
    for (let i = 1; i < lines.length; i++) expect(JSON.parse(lines[i]!).prev).toBe(lineHash(lines[i - 1]!));
    await room.leave();
  });
});
