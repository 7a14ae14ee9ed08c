import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { freePort, startServer } from "../helpers.js";
import { member, openClass, spawnServer, student, type Member } from "./class-helpers.js";

/** Issue 6, join latency: joins that arrive together share one write of the class file, and none is acknowledged before it is on disk. */

const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-class-commit-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("students joining a class at once", () => {
  it("are saved in a few writes, not one each, and every one is in the file when welcomed", async () => {
    const server = await startServer();
    try {
      const { code } = await openClass(server, { playersPerSide: 2 });
      const kids = await Promise.all(Array.from({ length: 30 }, (_, i) => student(server, code, `S${i + 1}`)));
      const welcomes = await Promise.all(kids.map((k) => k.next("welcome")));
      expect(new Set(welcomes.map((w) => w.studentId)).size).toBe(30);
      const onDisk = JSON.parse(readFileSync(path.join(server.dataDir, "classes", `${code}.json`), "utf8"));
      expect(onDisk.students).toHaveLength(30);
      const service = server.game.classes;
      expect(service.writes(code)).toBeLessThan(30);
      expect(service.writes(code)).toBeGreaterThan(0);
      await Promise.all(kids.map((k) => k.room.leave().catch(() => undefined)));
    } finally {
      await server.close();
    }
  });

  it("loses no welcomed student when the server is killed (-9) in the middle of a rush of joins", async () => {
    const port = await freePort();
    const first = await spawnServer(port, dataDir);
    children.push(first);
    const res = await fetch(`http://127.0.0.1:${port}/api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 2 }) });
    const { code } = (await res.json()) as { code: string };
    const welcomed: { studentId: string; token: string }[] = [];
    const killed = new Promise<void>((resolve) => first.once("exit", () => resolve()));
    // 40 students at once; the server dies as soon as 15 of them have been told they are in.
    await Promise.allSettled(Array.from({ length: 40 }, async (_, i) => {
      const room = await new Client(`ws://127.0.0.1:${port}`).joinById(code, { name: `S${i + 1}` });
      room.reconnection.enabled = false;
      room.onMessage("welcome", (w: { studentId: string; token: string }) => {
        welcomed.push(w);
        if (welcomed.length === 15) first.kill("SIGKILL");
      });
      room.onMessage("*", () => undefined);
    }));
    await killed;
    expect(welcomed.length).toBeGreaterThanOrEqual(15);

    const second = await spawnServer(port, dataDir);
    children.push(second);
    const onDisk = JSON.parse(readFileSync(path.join(dataDir, "classes", `${code}.json`), "utf8"));
    expect(onDisk.students.length).toBeGreaterThanOrEqual(welcomed.length);
    for (const w of welcomed) {
      const back: Member = member(await new Client(`ws://127.0.0.1:${port}`).joinById(code, { token: w.token }));
      expect((await back.next("assignment")).studentId).toBe(w.studentId);
      await back.room.leave();
    }
    second.kill("SIGKILL");
  }, 90_000);
});
