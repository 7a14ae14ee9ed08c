import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create, leaveAll, personPlaysTheRealDeal, startServer, watchProcess, type TestServer } from "../server/helpers.js";

/**
 * docs/protocol.md's "minimal bot client", run verbatim: the block is cut out of the document,
 * written to a file and run with tsx against a live server, where a scripted person plays Japan.
 * If the document and the wire drift apart, this fails.
 */

const root = path.resolve(import.meta.dirname, "../..");

function botFromDocs(): string {
  const doc = readFileSync(path.join(root, "docs/protocol.md"), "utf8");
  const section = doc.slice(doc.indexOf("## A minimal bot client"));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error("docs/protocol.md has no ts block under \"A minimal bot client\"");
  return block[1]!;
}

let server: TestServer;
let dir: string;
beforeAll(async () => {
  server = await startServer();
  // Inside the project, so that the block's `import "@colyseus/sdk"` resolves as it would for a reader.
  dir = path.join(root, "node_modules", ".tmp", `doc-bot-${process.pid}`);
  mkdirSync(dir, { recursive: true });
});
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true });
  await server.close();
});

describe("docs/protocol.md's minimal bot client", () => {
  it("plays a match to an outcome against a person, as written", async () => {
    const file = path.join(dir, "bot.mts");
    writeFileSync(file, botFromDocs());
    const person = await create(server, { side: "japan", name: "Aki", rounds: 4, seed: "doc-bot" });
    const code = person.room.roomId;
    const bot = spawn(process.execPath, [path.join(root, "node_modules/tsx/dist/cli.mjs"), file, code, "us"], {
      env: { ...process.env, SERVER: `ws://127.0.0.1:${server.port}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const { output, exited } = watchProcess(bot);

    // The person: ready, then offers the real 2025 deal whenever it is Japan's move.
    await personPlaysTheRealDeal(person, 20_000);
    expect(await exited, output()).toBe(0);
    expect(output()).toContain(`outcome: ${person.state().outcome!.kind}`);
    expect(person.state().players.find((p) => p.side === "us")!.name).toBe("Script");
    expect(person.errors).toEqual([]);
    await leaveAll(person);
  }, 60_000);
});
