import { copyFileSync, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayLog } from "../../shared/index.js";
import { create, leaveAll, startServer, type TestServer } from "./helpers.js";

/** Instructors' notes over HTTP: beside the log (never in it), validated, exported with the log. */

let server: TestServer;
const fixture = path.join(import.meta.dirname, "../fixtures/logs/v1-agreement.jsonl");
const logFile = () => path.join(server.dataDir, "matches", "FIXV1A.jsonl");

beforeAll(async () => {
  server = await startServer();
  copyFileSync(fixture, logFile());
});
afterAll(async () => {
  await server.close();
});

const call = async (method: string, url: string, body?: unknown) => {
  const res = await fetch(`${server.url}${url}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
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

  it("keeps notes closed while a match runs", async () => {
    const running = await create(server, { side: "japan" });
    const reply = await call("POST", `/api/matches/${running.room.roomId}/notes`, { step: 0, text: "Too early." });
    expect([reply.status, reply.json.code]).toEqual([409, "MATCH_RUNNING"]);
    await leaveAll(running);
  });
});
