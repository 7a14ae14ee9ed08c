import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { classTableLog } from "./class-table-log.js";
import { create, leaveAll, startServer, type TestServer } from "./helpers.js";

/**
 * Every HTTP answer that is not a success is JSON `{code, message}`: unknown pages and API
 * paths, malformed addresses and bodies, a JSON `null` body, failed writes. Never Express's HTML
 * page, a stack trace or a path on the server's disk. An unknown class code and a wrong key
 * answer alike. A write that fails (here a file or folder put where the server writes) says
 * what happened and leaves no temporary file.
 */

type Answer = { status: number; type: string; text: string };

/** A raw request (fetch would normalise `..` and refuse some malformed paths before sending). */
function request(server: TestServer, method: string, rawPath: string, body?: string, headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port: server.port, method, path: rawPath, headers: { "content-type": "application/json", ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, type: String(res.headers["content-type"] ?? ""), text: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The answer is `{code, message}` as JSON, and says nothing of the server's insides. */
function expectJsonError(answer: Answer, server: TestServer, status: number, code: string): void {
  expect(answer.type).toMatch(/^application\/json/);
  const json = JSON.parse(answer.text) as Record<string, unknown>;
  expect(Object.keys(json).sort()).toEqual(["code", "message"]);
  expect([answer.status, json.code]).toEqual([status, code]);
  expect(typeof json.message).toBe("string");
  expect(answer.text).not.toContain(server.dataDir);
  expect(answer.text).not.toContain(process.cwd());
  expect(answer.text).not.toMatch(/<html|<pre>|\bat \S+ \(|node_modules/i);
}

let server: TestServer;
let clientDir: string;
beforeAll(async () => {
  clientDir = mkdtempSync(path.join(os.tmpdir(), "tt-client-"));
  writeFileSync(path.join(clientDir, "index.html"), "<!doctype html><title>Tariff Talks</title>");
  server = await startServer({ clientDir });
});
afterAll(async () => {
  await server.close();
  rmSync(clientDir, { recursive: true, force: true });
});

const classFiles = () => (existsSync(path.join(server.dataDir, "classes")) ? readdirSync(path.join(server.dataDir, "classes")) : []);

describe("errors over HTTP", () => {
  it("answers unknown paths, malformed addresses and bodies with {code, message}", async () => {
    const cases: [string, string, string | undefined, number, string][] = [
      ["GET", "/no-such-page", undefined, 404, "NOT_FOUND"],
      ["GET", "/assets/missing-123.js", undefined, 404, "NOT_FOUND"],
      ["GET", "/../../etc/passwd", undefined, 404, "NOT_FOUND"],
      ["GET", "/%2e%2e/%2e%2e/etc/passwd", undefined, 404, "NOT_FOUND"],
      ["GET", "/%E0%A4%A", undefined, 404, "NOT_FOUND"],
      ["POST", "/index.html", "{}", 404, "NOT_FOUND"],
      ["GET", "/api/no-such-endpoint", undefined, 404, "NOT_FOUND"],
      ["DELETE", "/api/matches", undefined, 404, "NOT_FOUND"],
      ["GET", "/api/matches/%E0%A4%A/log", undefined, 400, "BAD_REQUEST"],
      ["GET", "/api/classes/%ZZ", undefined, 400, "BAD_REQUEST"],
      ["POST", "/api/matches/%E0%A4%A/notes", "{}", 400, "BAD_REQUEST"],
      ["GET", "/api/matches/NOSUCH/log", undefined, 404, "NOT_FOUND"],
      ["POST", "/api/classes", "{not json", 400, "BAD_OPTIONS"],
      ["POST", "/api/classes", "[1,2]", 400, "BAD_OPTIONS"],
      ["POST", "/api/classes", '"text"', 400, "BAD_OPTIONS"],
      ["POST", "/api/classes", "x".repeat(20_000), 400, "BAD_OPTIONS"],
    ];
    for (const [method, url, body, status, code] of cases) {
      const answer = await request(server, method, url, body);
      expect(`${method} ${url} → ${answer.status}`).toBe(`${method} ${url} → ${status}`);
      expectJsonError(answer, server, status, code);
    }
    expect(classFiles()).toEqual([]);
    // The built client itself is still served.
    expect((await request(server, "GET", "/")).text).toContain("Tariff Talks");
  });

  it("refuses a JSON null body instead of opening a class with the defaults", async () => {
    const answer = await request(server, "POST", "/api/classes", "null");
    expectJsonError(answer, server, 400, "BAD_OPTIONS");
    expect(classFiles()).toEqual([]);
    expect(server.game.classes.codes()).toEqual([]);
  });

  it("answers an unknown class code and a wrong key alike, with or without a key", async () => {
    const opened = await request(server, "POST", "/api/classes", "{}");
    expect(opened.status).toBe(201);
    const { code, key } = JSON.parse(opened.text) as { code: string; key: string };
    const unknown = code === "ABCDEFGH" ? "HGFEDCBA" : "ABCDEFGH";
    const answers = async (classCode: string, auth: Record<string, string>) => {
      const answer = await request(server, "GET", `/api/classes/${classCode}`, undefined, auth);
      const json = JSON.parse(answer.text) as { code: string; message: string };
      return [answer.status, json.code, json.message];
    };
    expect(await answers(unknown, {})).toEqual(await answers(code, {}));
    expect(await answers(unknown, { authorization: "Bearer wrong-key" })).toEqual(await answers(code, { authorization: "Bearer wrong-key" }));
    expect(await answers(unknown, { authorization: `Bearer ${key}` })).toEqual(await answers(code, { authorization: "Bearer wrong-key" }));
    expect((await answers(code, { authorization: `Bearer ${key}` }))[0]).toBe(200);
  });
});

describe("a write that fails", () => {
  it("says the class could not be saved, and leaves no file (a file where the classes folder goes)", async () => {
    const dir = path.join(server.dataDir, "classes");
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, "in the way");
    try {
      const answer = await request(server, "POST", "/api/classes", "{}");
      expectJsonError(answer, server, 500, "SERVER_ERROR");
      expect(JSON.parse(answer.text).message).toBe("The server could not save the class; try again.");
    } finally {
      rmSync(dir, { force: true });
    }
    expect(readdirSync(server.dataDir).filter((n) => n.includes("tmp"))).toEqual([]);
  });

  it("says a new match could not be saved, and leaves no log (a file where the matches folder goes)", async () => {
    const dir = path.join(server.dataDir, "matches");
    const aside = `${dir}-aside`;
    renameSync(dir, aside);
    writeFileSync(dir, "in the way");
    try {
      const refusal = await create(server, { mode: "solo", side: "japan" }).then(
        () => "created",
        (error: Error) => error.message,
      );
      expect(refusal).toBe("SERVER_ERROR: The server could not save the match; try again.");
    } finally {
      rmSync(dir, { force: true });
      renameSync(aside, dir);
    }
    expect(readdirSync(dir)).toEqual([]);
    // With the folder back, the same request works.
    const player = await create(server, { mode: "solo", side: "japan" });
    expect(readdirSync(dir)).toEqual([`${player.room.roomId}.jsonl`]);
    await leaveAll(player);
  });

  it("says a note could not be saved, leaving the notes and no temporary file (a folder where the notes file goes)", async () => {
    const opened = JSON.parse((await request(server, "POST", "/api/classes", "{}")).text) as { code: string; key: string };
    const matches = path.join(server.dataDir, "matches");
    const fixture = path.join(import.meta.dirname, "../fixtures/logs/v1-agreement.jsonl");
    // Notes of a match of no class are refused before any write; a class table's log is needed.
    writeFileSync(path.join(matches, "DISKNT.jsonl"), classTableLog(fixture, "DISKNT", opened.code));
    mkdirSync(path.join(matches, "DISKNT.notes.json"));
    const answer = await request(server, "POST", "/api/matches/DISKNT/notes", JSON.stringify({ step: 1, text: "A note." }), { authorization: `Bearer ${opened.key}` });
    expectJsonError(answer, server, 500, "SERVER_ERROR");
    expect(JSON.parse(answer.text).message).toBe("The server could not save the note; try again.");
    expect(readdirSync(matches).filter((n) => n.startsWith("DISKNT")).sort()).toEqual(["DISKNT.jsonl", "DISKNT.notes.json"]);
    rmSync(path.join(matches, "DISKNT.notes.json"), { recursive: true });
  });
});
