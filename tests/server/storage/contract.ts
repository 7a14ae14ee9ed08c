import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Storage } from "../../../server/store/storage.js";
import { addNote, deleteNote, readNotes } from "../../../server/notes/notes-store.js";
import { recordAction, startRecordedMatch, builtinScenarioSource, DEFAULT_SCENARIO_ID } from "../../../shared/index.js";
import { testClass } from "../../support/storage-writer.js";

/**
 * The storage contract (server/store/storage.ts): one suite that every implementation passes.
 * Each implementation gives a fresh store per test and says how a process reaches it (env for a
 * child), how to make it refuse writes, and how a store runs out mid-stream (disk full, database gone).
 */

export type StoreUnderTest = {
  /** A new Storage instance on this store: what another process, or the next start, opens. */
  open(): Promise<Storage>;
  /** The environment a child process opens this store with (DATA_DIR or DATABASE_URL). */
  env: Record<string, string>;
  /** Makes the store refuse every write from now on (reads still work); `allowWrites` undoes it. */
  refuseWrites(): Promise<void>;
  allowWrites(): Promise<void>;
  /**
   * Starts `storage-writer.ts log CODE` so that its store runs out in the middle of the stream
   * (files: a size limit on the child — a full disk; PostgreSQL: the server crashes); resolves
   * once the child has exited, and the store is back (the database restarted).
   */
  runOutMidStream(code: string): Promise<{ acked: number; output: string }>;
};

export type Implementation = {
  name: string;
  available: boolean;
  missing: string;
  /** Why this machine cannot make the store refuse writes, if it cannot (the case is then skipped, saying so). */
  cannotRefuseWrites?: string;
  beforeAll?(): Promise<void>;
  afterAll?(): Promise<void>;
  fresh(): Promise<StoreUnderTest>;
};

const WRITER = path.resolve("tests/support/storage-writer.ts");
const fixture = (name: string) => readFileSync(path.resolve("tests/fixtures/logs", name), "utf8");
const lineOf = (n: number) => `line ${n} ${"·".repeat(n % 50)}`;

/** The child writer; `acked` is the last write it reported done. */
export function startWriter(args: string[], env: Record<string, string>, wrap: string[] = []): { child: ChildProcess; acked: () => number; output: () => string; exited: Promise<void> } {
  const command = [...wrap, process.execPath, "--import", "tsx", WRITER, ...args];
  const child = spawn(command[0]!, command.slice(1), { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  let acked = -1;
  child.stdout!.on("data", (chunk: Buffer) => {
    output += chunk.toString();
    for (const m of output.matchAll(/^acked (\d+)$/gm)) acked = Math.max(acked, Number(m[1]));
  });
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  // "close", not "exit": the last of its output may arrive after it exited.
  const exited = new Promise<void>((resolve) => child.once("close", () => resolve()));
  return { child, acked: () => acked, output: () => output, exited };
}

export async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A started match with one person seated: resumable. */
function runningMatch(code: string): string[] {
  const started = startRecordedMatch({ matchId: code, scenarioSource: builtinScenarioSource(DEFAULT_SCENARIO_ID), seed: "s", createdAt: "2026-12-06T07:00:00.000Z" });
  if (!started.ok) throw new Error(started.error.message);
  const joined = recordAction(started.value.match, { type: "join", player: { id: "p1", name: "Aiko", side: "japan", role: "chief" } } as never, "2026-12-06T07:00:01.000Z");
  if (!joined.ok) throw new Error(joined.error.message);
  return [...started.value.lines, ...joined.value.lines];
}

/** Checks the log holds "header" then exactly lines 0…k in order, k ≥ `acked`; returns k. */
function expectAckedPrefix(text: string, acked: number): number {
  expect(text.endsWith("\n")).toBe(true);
  const lines = text.slice(0, -1).split("\n");
  expect(lines[0]).toBe("header");
  const body = lines.slice(1);
  body.forEach((line, i) => expect(line).toBe(lineOf(i)));
  expect(body.length - 1).toBeGreaterThanOrEqual(acked);
  return body.length - 1;
}

export function storageContract(impl: Implementation): void {
  if (!impl.available) {
    if (process.env.CI === "true") {
      describe(`${impl.name} storage contract`, () => {
        it("needs its store in CI", () => {
          throw new Error(`${impl.missing} CI=true requires these tests to run.`);
        });
      });
    } else {
      describe.skip(`${impl.name} storage contract (${impl.missing})`, () => {
        it("skipped", () => {});
      });
    }
    return;
  }

  describe(`${impl.name} storage contract`, () => {
    const opened: Storage[] = [];
    let store: StoreUnderTest;
    const open = async () => {
      const storage = await store.open();
      opened.push(storage);
      return storage;
    };
    beforeAll(async () => impl.beforeAll?.(), 60_000);
    afterAll(async () => impl.afterAll?.(), 60_000);
    afterEach(async () => {
      await store?.allowWrites();
      for (const s of opened.splice(0)) await s.close().catch(() => undefined);
    });
    const fresh = async () => {
      store = await impl.fresh();
      return open();
    };

    it("appends a log and reads it back byte for byte, in this process and in another", async () => {
      const a = await fresh();
      expect(await a.hasLog("M1")).toBe(false);
      expect(await a.openLog("M1")).toBeUndefined();
      expect(await a.readLog("M1")).toBeUndefined();
      await a.createLog("M1", ["header", "日本 first"]);
      expect(await a.hasLog("M1")).toBe(true);
      await expect(a.createLog("M1", ["other"])).rejects.toThrow();
      const log = (await a.openLog("M1"))!;
      expect(log.text).toBe("header\n日本 first\n");
      await log.writer.append(["two", "three"]);
      await log.writer.append([]);
      await log.writer.append(["four"]);
      const b = await open();
      expect(await b.readLog("M1")).toBe("header\n日本 first\ntwo\nthree\nfour\n");
      await log.writer.close();
      expect(await a.readLog("M1")).toBe(await b.readLog("M1"));
    });

    it("lists matches with their public summary, and resumes the unfinished ones a person sat in", async () => {
      const a = await fresh();
      const ended = fixture("v1-agreement.jsonl").trimEnd().split("\n");
      await a.createLog("FIXV1A", ended);
      await a.createLog("RUN1", runningMatch("RUN1"));
      const botsOnly = startRecordedMatch({ matchId: "BOTS1", scenarioSource: builtinScenarioSource(DEFAULT_SCENARIO_ID), seed: "s" });
      if (!botsOnly.ok) throw new Error(botsOnly.error.message);
      await a.createLog("BOTS1", botsOnly.value.lines);
      await a.saveClass(testClass("CLASSAAA", 1));
      await a.saveClass({ ...testClass("CLASSBBB", 1), status: "ended" });

      const b = await open();
      const list = await b.listMatches();
      expect(list.map((m) => m.id).sort()).toEqual(["BOTS1", "FIXV1A", "RUN1"]);
      const fix = list.find((m) => m.id === "FIXV1A")!;
      expect(fix.status).toBe("ended");
      expect(fix.outcome?.kind).toBeTruthy();
      expect(list.find((m) => m.id === "RUN1")).toMatchObject({ status: "running", players: [{ id: "p1", name: "Aiko", side: "japan" }] });

      const resumable = await b.resumable();
      expect(resumable.matches.map((m) => m.id)).toEqual(["RUN1"]);
      expect(resumable.classes.map((c) => c.code)).toEqual(["CLASSAAA"]);
      // Resume: read it, carry on appending where it stopped; the listing follows.
      const log = (await b.openLog("RUN1"))!;
      expect(log.text).toBe(runningMatch("RUN1").map((l) => `${l}\n`).join(""));
      await log.writer.append([ended.at(-1)!]); // a result line: the match reads as ended now
      await log.writer.close();
      expect((await a.listMatches()).find((m) => m.id === "RUN1")!.status).toBe("ended");
      expect((await a.resumable()).matches).toEqual([]);
    });

    it("marks a match abandoned: listed as abandoned by every process, its log untouched, never resumed", async () => {
      const a = await fresh();
      await a.createLog("RUN2", runningMatch("RUN2"));
      expect((await a.resumable()).matches.map((m) => m.id)).toEqual(["RUN2"]);
      await a.markAbandoned("RUN2");
      const b = await open();
      expect((await b.listMatches()).find((m) => m.id === "RUN2")!.status).toBe("abandoned");
      expect((await b.resumable()).matches).toEqual([]);
      expect(await b.readLog("RUN2")).toBe(runningMatch("RUN2").map((l) => `${l}\n`).join(""));
      // A log whose first seat could not be saved is discarded whole.
      await b.discardLog("RUN2");
      expect(await a.hasLog("RUN2")).toBe(false);
      expect((await a.listMatches()).map((m) => m.id)).not.toContain("RUN2");
    });

    it("replaces a class record whole and reads the latest from any process", async () => {
      const a = await fresh();
      expect(await a.loadClass("CLASSAAA")).toBeUndefined();
      await a.saveClass(testClass("CLASSAAA", 1));
      await a.saveClass(testClass("CLASSAAA", 2));
      await a.saveClass(testClass("CLASSBBB", 1));
      const b = await open();
      expect(await b.loadClass("CLASSAAA")).toEqual(testClass("CLASSAAA", 2));
      expect((await b.loadClasses()).map((c) => [c.code, c.createdAt]).sort()).toEqual([["CLASSAAA", "v2"], ["CLASSBBB", "v1"]]);
    });

    it("keeps notes apart from the log, and loses none when many are saved at once", async () => {
      const a = await fresh();
      await a.createLog("FIXV1A", fixture("v1-agreement.jsonl").trimEnd().split("\n"));
      expect((await readNotes(a, "FIXV1A")).notes).toEqual([]);
      const added = await Promise.all(Array.from({ length: 12 }, (_, i) => addNote(a, "FIXV1A", { step: 12 - i, text: `note ${i}` })));
      expect(added.every((r) => r.ok)).toBe(true);
      const b = await open();
      const notes = (await readNotes(b, "FIXV1A")).notes;
      expect(notes).toHaveLength(12);
      expect(new Set(notes.map((n) => n.id)).size).toBe(12);
      expect(notes.map((n) => n.step)).toEqual([...notes.map((n) => n.step)].sort((x, y) => x - y));
      expect(await deleteNote(b, "FIXV1A", notes[0]!.id)).toBe(true);
      expect(await deleteNote(b, "FIXV1A", notes[0]!.id)).toBe(false);
      expect((await readNotes(a, "FIXV1A")).notes).toHaveLength(11);
      expect(await a.readLog("FIXV1A")).toBe(fixture("v1-agreement.jsonl"));
    });

    it("makes one seat-token secret and gives every process the same", async () => {
      const a = await fresh();
      const secret = await a.seatSecret();
      expect(secret.length).toBeGreaterThanOrEqual(32);
      expect((await a.seatSecret()).equals(secret)).toBe(true);
      expect((await (await open()).seatSecret()).equals(secret)).toBe(true);
    });

    it("lets one owner at a time claim a match, until it releases it or its lease runs out", async () => {
      const a = await fresh();
      expect(await a.claimHolder("match", "M1")).toBeUndefined();
      expect(await a.claim("match", "M1", "A", 60_000)).toBe(true);
      expect(await a.claim("match", "M1", "B", 60_000)).toBe(false);
      expect(await a.claim("match", "M1", "A", 60_000)).toBe(true); // renewing your own
      expect(await a.claim("class", "M1", "B", 60_000)).toBe(true); // another kind, another claim
      expect(await a.claimHolder("match", "M1")).toBe("A");
      expect(await a.renewClaims("A", 60_000)).toBe(1);
      await a.release("match", "M1", "B"); // not B's to release
      expect(await a.claimHolder("match", "M1")).toBe("A");
      await a.release("match", "M1", "A");
      expect(await a.claim("match", "M1", "B", 60_000)).toBe(true);
      // A lease that runs out is free for the next owner (a process that died without releasing).
      expect(await a.claim("match", "M2", "A", 1)).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(await a.claimHolder("match", "M2")).toBeUndefined();
      expect(await a.claim("match", "M2", "B", 60_000)).toBe(true);
    });

    it("keeps every acknowledged line when the writing process is killed with SIGKILL mid-stream", async () => {
      const a = await fresh();
      const writer = startWriter(["log", "K1"], store.env);
      await until(() => writer.acked() >= 200 || writer.child.exitCode !== null, "200 acknowledged appends");
      writer.child.kill("SIGKILL");
      await writer.exited;
      expect(writer.output()).not.toContain("failed");
      const acked = writer.acked();
      const log = (await a.openLog("K1"))!;
      const last = expectAckedPrefix(log.text, acked);
      // The next writer carries on from a whole line.
      await log.writer.append([lineOf(last + 1)]);
      await log.writer.close();
      expectAckedPrefix((await (await open()).readLog("K1"))!, last + 1);
    });

    it("keeps a whole class record (the old or a newer one) when the saving process is killed with SIGKILL", async () => {
      const a = await fresh();
      const writer = startWriter(["class", "CLASSKKK"], store.env);
      await until(() => writer.acked() >= 20 || writer.child.exitCode !== null, "20 acknowledged saves");
      writer.child.kill("SIGKILL");
      await writer.exited;
      const record = await a.loadClass("CLASSKKK");
      expect(record).toBeDefined();
      expect(Number(record!.createdAt.slice(1))).toBeGreaterThanOrEqual(writer.acked());
      expect(record).toEqual(testClass("CLASSKKK", Number(record!.createdAt.slice(1))));
    });

    it.skipIf(impl.cannotRefuseWrites !== undefined)(`refuses writes it cannot make, reports none as done, and still reads what was committed${impl.cannotRefuseWrites ? ` (skipped: ${impl.cannotRefuseWrites})` : ""}`, async () => {
      const a = await fresh();
      await a.createLog("W1", ["header"]);
      await a.createLog("FIXV1A", fixture("v1-agreement.jsonl").trimEnd().split("\n"));
      await a.saveClass(testClass("CLASSWWW", 1));
      const log = (await a.openLog("W1"))!;
      await log.writer.append(["one"]);
      await store.refuseWrites();
      const refused = async (write: () => Promise<unknown> | unknown) => {
        let error: unknown;
        try {
          await write();
        } catch (e) {
          error = e;
        }
        expect(error).toBeInstanceOf(Error);
      };
      await refused(() => log.writer.append(["two"]));
      await refused(() => a.createLog("W2", ["header"]));
      await refused(() => a.saveClass(testClass("CLASSWWW", 2)));
      await refused(() => addNote(a, "FIXV1A", { step: 1, text: "lost" }));
      expect(await a.readLog("W1")).toBe("header\none\n");
      expect((await a.loadClass("CLASSWWW"))?.createdAt).toBe("v1");
      await store.allowWrites();
      const b = await open();
      expect(await b.readLog("W1")).toBe("header\none\n");
      expect(await b.hasLog("W2")).toBe(false);
      expect((await b.loadClass("CLASSWWW"))?.createdAt).toBe("v1");
      expect((await readNotes(b, "FIXV1A")).notes).toEqual([]);
      // Writable again: a new writer goes on from the committed lines.
      const again = (await b.openLog("W1"))!;
      await again.writer.append(["two"]);
      expect(await b.readLog("W1")).toBe("header\none\ntwo\n");
    });

    it("when the store runs out mid-stream, the append fails and exactly the acknowledged lines remain, whole", async () => {
      const a = await fresh();
      const { acked, output } = await store.runOutMidStream("F1");
      expect(output).toMatch(/failed \d+:/); // the writer was told, not left believing
      expect(acked).toBeGreaterThanOrEqual(10);
      const log = (await a.openLog("F1"))!;
      expectAckedPrefix(log.text, acked);
      await log.writer.close();
    });
  });
}
