import { copyFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayLog } from "../../shared/index.js";
import { classTableLog } from "./class-table-log.js";
import { create, leaveAll, startServer, type TestServer } from "./helpers.js";

/**
 * Instructors' notes over HTTP: beside the log (never in it), validated, exported with the log.
 * Only the instructor of the match's class (its key) writes or deletes; anyone reads.
 */

let server: TestServer;
let classKey = "";
const fixture = path.join(import.meta.dirname, "../fixtures/logs/v1-agreement.jsonl");
const logFile = (code = "FIXV1A") => path.join(server.dataDir, "matches", `${code}.jsonl`);

beforeAll(async () => {
  server = await startServer();
  const opened = await fetch(`${server.url}/api/classes`, { method: "POST", body: "{}" });
  const klass = (await opened.json()) as { code: string; key: string };
  classKey = klass.key;
  writeFileSync(logFile(), classTableLog(fixture, "FIXV1A", klass.code));
  // The same match outside any class: nobody's notes to write.
  copyFileSync(fixture, logFile("FIXNOC"));
});
afterAll(async () => {
  await server.close();
});

const call = async (method: string, url: string, body?: unknown, key: string | null = classKey) => {
  const headers: Record<string, string> = { "content-type": "application/json", ...(key === null ? {} : { authorization: `Bearer ${key}` }) };
  const res = await fetch(`${server.url}${url}`, { method, headers, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, json: (await res.json()) as any };
};

describe("notes on a match", () => {
  it("adds, lists, deletes and exports notes, leaving the log untouched", async () => {
    const before = readFileSync(logFile(), "utf8");
    const first = await call("POST", "/api/matches/FIXV1A/notes", { step: 12, text: "Japan moves first on cars here.", author: "Sensei" });
    expect(first.status).toBe(201);
    expect(first.json.note).toMatchObject({ id: "n1", step: 12, text: "Japan moves first on cars here.", author: "Sensei" });
    await call("POST", "/api/matches/FIXV1A/notes", { step: 3, text: "  Everyone seated.  " });

    const listed = await call("GET", "/api/matches/FIXV1A/notes");
    expect(listed.json.notes.map((n: any) => [n.id, n.step, n.text])).toEqual([["n2", 3, "Everyone seated."], ["n1", 12, "Japan moves first on cars here."]]);
    expect(existsSync(path.join(server.dataDir, "matches", "FIXV1A.notes.json"))).toBe(true);
    expect(readFileSync(logFile(), "utf8")).toBe(before);

    const exported = await call("GET", "/api/matches/FIXV1A/export");
    expect(exported.json.format).toBe("tariff-talks-export");
    expect(exported.json.log).toBe(before);
    expect(replayLog(exported.json.log).ok).toBe(true);
    expect(exported.json.notes).toHaveLength(2);

    expect((await call("DELETE", "/api/matches/FIXV1A/notes/n2")).status).toBe(200);
    expect((await call("DELETE", "/api/matches/FIXV1A/notes/n2")).json.code).toBe("NOT_FOUND");
    expect((await call("GET", "/api/matches/FIXV1A/notes")).json.notes.map((n: any) => n.id)).toEqual(["n1"]);
  });

  it("answers bad requests with a code and a sentence", async () => {
    const cases: [string, string, unknown, number, string][] = [
      ["POST", "/api/matches/FIXV1A/notes", { step: 1 }, 400, "BAD_NOTE"],
      ["POST", "/api/matches/FIXV1A/notes", { step: 1, text: "x", extra: true }, 400, "BAD_NOTE"],
      ["POST", "/api/matches/FIXV1A/notes", { step: -1, text: "x" }, 400, "BAD_NOTE"],
      ["POST", "/api/matches/FIXV1A/notes", { step: 18, text: "x" }, 400, "BAD_STEP"],
      ["POST", "/api/matches/FIXV1A/notes", "{not json", 400, "BAD_JSON"],
      ["POST", "/api/matches/FIXV1A/notes", { step: 1, text: "x".repeat(20000) }, 413, "TOO_LARGE"],
      ["GET", "/api/matches/NOSUCH/notes", undefined, 404, "NOT_FOUND"],
      ["GET", "/api/matches/bad%20id/export", undefined, 400, "BAD_ID"],
    ];
    for (const [method, url, body, status, code] of cases) {
      const reply = await call(method, url, body);
      expect([url, reply.status, reply.json.code]).toEqual([url, status, code]);
      expect(typeof reply.json.message).toBe("string");
    }
  });

  it("lets only the class's instructor write or delete, and anyone read", async () => {
    const pinned = await call("POST", "/api/matches/FIXV1A/notes", { step: 2, text: "The instructor's note." });
    expect(pinned.status).toBe(201);
    const before = readFileSync(path.join(server.dataDir, "matches", "FIXV1A.notes.json"), "utf8");
    const other = await fetch(`${server.url}/api/classes`, { method: "POST", body: "{}" }).then((r) => r.json() as Promise<{ key: string }>);
    const outsiders: [string, string, unknown, string | null, number, string][] = [
      ["POST", "/api/matches/FIXV1A/notes", { step: 1, text: "graffiti" }, null, 401, "UNAUTHORIZED"],
      ["POST", "/api/matches/FIXV1A/notes", { step: 1, text: "graffiti" }, "not-the-key", 403, "FORBIDDEN"],
      ["POST", "/api/matches/FIXV1A/notes", { step: 1, text: "graffiti" }, other.key, 403, "FORBIDDEN"],
      ["DELETE", `/api/matches/FIXV1A/notes/${pinned.json.note.id}`, undefined, null, 401, "UNAUTHORIZED"],
      ["DELETE", `/api/matches/FIXV1A/notes/${pinned.json.note.id}`, undefined, other.key, 403, "FORBIDDEN"],
      // A match of no class has no instructor: even a real class key writes nothing there.
      ["POST", "/api/matches/FIXNOC/notes", { step: 1, text: "graffiti" }, classKey, 403, "FORBIDDEN"],
      ["POST", "/api/matches/FIXNOC/notes", { step: 1, text: "graffiti" }, null, 401, "UNAUTHORIZED"],
    ];
    for (const [method, url, body, key, status, code] of outsiders) {
      const reply = await call(method, url, body, key);
      expect([method, url, key, reply.status, reply.json.code]).toEqual([method, url, key, status, code]);
    }
    expect(readFileSync(path.join(server.dataDir, "matches", "FIXV1A.notes.json"), "utf8")).toBe(before);
    expect(existsSync(path.join(server.dataDir, "matches", "FIXNOC.notes.json"))).toBe(false);
    // Reading needs no key.
    const read = await call("GET", "/api/matches/FIXV1A/notes", undefined, null);
    expect(read.json.notes.map((n: any) => n.text)).toContain("The instructor's note.");
    expect((await call("GET", "/api/matches/FIXNOC/notes", undefined, null)).json.notes).toEqual([]);
    expect((await call("DELETE", `/api/matches/FIXV1A/notes/${pinned.json.note.id}`)).status).toBe(200);
  });

  it("keeps notes closed while a match runs", async () => {
    const running = await create(server, { side: "japan" });
    const reply = await call("POST", `/api/matches/${running.room.roomId}/notes`, { step: 0, text: "Too early." });
    expect([reply.status, reply.json.code]).toEqual([409, "MATCH_RUNNING"]);
    await leaveAll(running);
  });
});
