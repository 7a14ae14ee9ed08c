import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { replayLog } from "../../../shared/index.js";
import { freePort } from "../helpers.js";
import { command, member, spawnServer, type Assignment } from "./class-helpers.js";

/** A class file that says "ended" while a table still plays (written before ending stopped tables): the server stops it at boot. */

const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-class-boot-end-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

describe("an ended class with a table still playing", () => {
  it("has that table stopped when the server boots", async () => {
    const port = await freePort();
    const first = await spawnServer(port, dataDir);
    children.push(first);
    const res = await fetch(`http://127.0.0.1:${port}/api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 1, bots: false }) });
    const { code, key } = (await res.json()) as { code: string; key: string };
    const teacher = member(await new Client(`ws://127.0.0.1:${port}`).joinById(code, { key }));
    const kids = [];
    for (const name of ["Aki", "Sam"]) kids.push(member(await new Client(`ws://127.0.0.1:${port}`).joinById(code, { name })));
    await command(teacher, "start");
    const a: Assignment = await kids[0]!.next("assignment", (x) => x.matchCode);
    for (const m of [teacher, ...kids]) m.room.reconnection.enabled = false;
    first.kill("SIGKILL");
    await new Promise((r) => first.once("exit", r));

    const file = path.join(dataDir, "classes", `${code}.json`);
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), status: "ended" }));
    const second = await spawnServer(port, dataDir);
    children.push(second);
    const replay = replayLog(readFileSync(path.join(dataDir, "matches", `${a.matchCode}.jsonl`), "utf8"));
    if (!replay.ok) throw new Error(replay.error.message);
    expect(replay.value.final.outcome?.kind).toBe("stopped");
    expect(replay.value.actions.at(-1)!.action.type).toBe("stop");
    second.kill("SIGKILL");
  }, 90_000);
});
