import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayLog } from "../../shared/index.js";
import { act, leaveAll, refused, startedPvp, startServer, type TestServer } from "./helpers.js";

/** Chat through a live room: what is shown, logged and replayed is the cleaned text (shared/util/chat-text.ts). */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe("chat text at a live table", () => {
  it("keeps no bidirectional override, NUL or zero-width character, and refuses a line of only those", async () => {
    const { code, japan, us } = await startedPvp(server);
    await act(japan, "chat", { text: "\u202Efdp.exe\u0000 is\u200B fine\ncafe\u0301" });
    const line = japan.state().chat.at(-1)!;
    expect(line.text).toBe("fdp.exe is fine caf\u00e9");
    const before = japan.state().seq;
    const reply = await refused(us, "chat", { text: "\u202E\u200B\u0000\u2066" });
    expect(reply.code).toBe("BAD_MESSAGE");
    expect(us.state().seq).toBe(before);
    const log = readFileSync(path.join(server.dataDir, "matches", `${code}.jsonl`), "utf8");
    expect(log).toContain("fdp.exe is fine caf\u00e9");
    expect(log).not.toMatch(/\\u202e|\\u0000|\\u200b|\u202E|\u200B/i);
    const replay = replayLog(log);
    expect(replay.ok && replay.value.final.chat.at(-1)?.text).toBe("fdp.exe is fine caf\u00e9");
    await leaveAll(japan, us);
  });
});
