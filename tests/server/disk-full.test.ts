import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinScenarioSource, DEFAULT_SCENARIO_ID, NEGOTIATION_ROOM, startRecordedMatch } from "../../shared/index.js";
import { classTableLog } from "./class-table-log.js";
import { freePort } from "./helpers.js";

/**
 * A disk that fills up, for real: `server/main.ts` runs under `ulimit -f 2` (files may grow to
 * 1–2 KB; the kernel refuses the rest with EFBIG, as a full disk refuses with ENOSPC, and works
 * the same for root). A class file fits; a match log (its header holds the whole scenario) and a
 * long note do not. Each failed write answers in plain words and leaves no partial or temporary
 * file behind.
 */

const root = path.resolve(import.meta.dirname, "../..");
const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-diskfull-"));
let child: ChildProcess;
let port = 0;
let output = "";

beforeAll(async () => {
  port = await freePort();
  child = spawn("sh", ["-c", `ulimit -f 2 && exec "${process.execPath}" --import tsx server/main.ts`], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, CLIENT_DIR: path.join(dataDir, "no-client"), BOT_DELAY_MS: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 30_000;
  while (!output.includes("is running at")) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the server did not start: ${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}, 40_000);
afterAll(() => {
  child?.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

const matchFiles = () => readdirSync(path.join(dataDir, "matches"));

describe("a full disk", () => {
  it("refuses a new match in plain words and leaves no log", async () => {
    const refusal = await new Client(`ws://127.0.0.1:${port}`).create(NEGOTIATION_ROOM, { mode: "solo", side: "japan" }).then(
      () => "created",
      (error: Error) => error.message,
    );
    expect(refusal).toBe("SERVER_ERROR: The server could not save the match; try again.");
    expect(output).toMatch(/Could not write the log of \w+: short write/);
    expect(matchFiles()).toEqual([]);
  });

  it("refuses a note in plain words and leaves no temporary file", async () => {
    const opened = await fetch(`http://127.0.0.1:${port}/api/classes`, { method: "POST", body: "{}" });
    expect(opened.status).toBe(201);
    const { code, key } = (await opened.json()) as { code: string; key: string };
    // Written by this test process, which has no file size limit: an ended match of that class.
    writeFileSync(path.join(dataDir, "matches", "FULLNT.jsonl"), classTableLog(path.join(root, "tests/fixtures/logs/v1-agreement.jsonl"), "FULLNT", code));
    const reply = await fetch(`http://127.0.0.1:${port}/api/matches/FULLNT/notes`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ step: 1, text: "a long remark ".repeat(140) }),
    });
    expect(reply.status).toBe(500);
    expect(await reply.json()).toEqual({ code: "SERVER_ERROR", message: "The server could not save the note; try again." });
    expect(matchFiles()).toEqual(["FULLNT.jsonl"]);
    // A short note fits, and is kept.
    const short = await fetch(`http://127.0.0.1:${port}/api/matches/FULLNT/notes`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${key}` },
      body: JSON.stringify({ step: 1, text: "Short." }),
    });
    expect(short.status).toBe(201);
    expect(matchFiles().sort()).toEqual(["FULLNT.jsonl", "FULLNT.notes.json"]);
  });
});

describe("a disk that fills up between a new match's first line and its creator's seat", () => {
  it("refuses the match in plain words and leaves no log", async () => {
    // The header the server writes for this create, as long as it will be (the code and time have fixed lengths).
    const started = startRecordedMatch({ matchId: "ABCDEF", scenarioSource: builtinScenarioSource(DEFAULT_SCENARIO_ID), seed: "disk-full", settings: {}, createdAt: new Date().toISOString(), meta: { mode: "pvp", turnSeconds: 0 } });
    if (!started.ok) throw new Error(started.error.message);
    const headerBytes = Buffer.byteLength(started.value.lines[0]!) + 1;
    const dir = mkdtempSync(path.join(os.tmpdir(), "tt-diskfull-join-"));
    const joinPort = await freePort();
    // prlimit (util-linux) sets the limit in bytes: the header fits, the creator's seat (a line of 200+ bytes) does not.
    const server = spawn("prlimit", [`--fsize=${headerBytes + 60}`, process.execPath, "--import", "tsx", "server/main.ts"], {
      cwd: root,
      env: { ...process.env, PORT: String(joinPort), HOST: "127.0.0.1", DATA_DIR: dir, CLIENT_DIR: path.join(dir, "no-client") },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let text = "";
    server.stdout!.on("data", (c: Buffer) => (text += c.toString()));
    server.stderr!.on("data", (c: Buffer) => (text += c.toString()));
    try {
      const deadline = Date.now() + 30_000;
      while (!text.includes("is running at")) {
        if (Date.now() > deadline || server.exitCode !== null) throw new Error(`the server did not start: ${text}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const refusal = await new Client(`ws://127.0.0.1:${joinPort}`).create(NEGOTIATION_ROOM, { mode: "pvp", side: "japan", seed: "disk-full" }).then(
        () => "created",
        (error: Error) => error.message,
      );
      expect(refusal).toBe("SERVER_ERROR: The server could not save the match; try again.");
      expect(text).toMatch(/short write/);
      // The match nobody sat in is closed and its log removed, once the refusal is out.
      const gone = Date.now() + 10_000;
      while (readdirSync(path.join(dir, "matches")).length > 0 && Date.now() < gone) await new Promise((resolve) => setTimeout(resolve, 100));
      expect(readdirSync(path.join(dir, "matches"))).toEqual([]);
    } finally {
      server.kill("SIGKILL");
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
