import type { ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client } from "@colyseus/sdk";
import { afterAll, describe, expect, it } from "vitest";
import { act, freePort, scenario, tracked, until, type Player } from "../helpers.js";
import { command, member, spawnServer, type Assignment, type Member } from "./class-helpers.js";

/** Issue 6: the server is killed (-9) mid-class and restarted; the dashboard and every table come back. */

const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-class-restart-"));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  rmSync(dataDir, { recursive: true, force: true });
});

async function runServer(port: number): Promise<ChildProcess> {
  const child = await spawnServer(port, dataDir);
  children.push(child);
  return child;
}

async function connect(port: number, code: string, options: Record<string, unknown>): Promise<Member> {
  const room = await new Client(`ws://127.0.0.1:${port}`).joinById(code, options);
  room.reconnection.enabled = false;
  return member(room);
}

async function sit(port: number, a: Assignment): Promise<Player> {
  const player = await tracked(await new Client(`ws://127.0.0.1:${port}`).joinById(a.matchCode!, { seat: a.seatToken! }));
  player.room.reconnection.enabled = false;
  await player.room.waitForInitialState();
  return player;
}

describe("a class across a server crash", () => {
  it("comes back: the class room, the dashboard, every table, every student's seat", async () => {
    const port = await freePort();
    let server = await runServer(port);
    const res = await fetch(`http://127.0.0.1:${port}/api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 1, bots: false, briefingSeconds: 0 }) });
    const { code, key } = (await res.json()) as { code: string; key: string };
    const teacher = await connect(port, code, { key });
    const kids = [];
    for (const name of ["Aki", "Sam", "Kei", "Lee"]) kids.push(await connect(port, code, { name }));
    const tokens = await Promise.all(kids.map((k) => k.next("welcome")));
    await command(teacher, "start");
    const before: Assignment[] = await Promise.all(kids.map((k) => k.next("assignment", (a) => a.matchCode)));
    // One move at each table: the Japan student proposes.
    for (const a of before.filter((x) => x.side === "japan")) {
      const p = await sit(port, a);
      await act(p, "propose", { offer: scenario.references[0]!.offer });
    }
    await command(teacher, "pause");
    const dashboardBefore = (await command(teacher, "dashboard")).result;

    server.kill("SIGKILL");
    await new Promise((r) => server.once("exit", r));
    server = await runServer(port);

    const back = await connect(port, code, { key });
    const dashboard = (await command(back, "dashboard")).result;
    expect(dashboard.status).toBe("running");
    expect(dashboard.paused).toBe(true);
    expect(dashboard.tables.map((t: any) => [t.tableId, t.matchCode, t.phase, t.standing?.id])).toEqual(dashboardBefore.tables.map((t: any) => [t.tableId, t.matchCode, "negotiating", "p1"]));
    expect(dashboard.tables.every((t: any) => t.paused)).toBe(true);
    // Students come back with their token to the same table and seat; play waits for resume.
    const us: Player[] = [];
    for (let i = 0; i < kids.length; i++) {
      const again = await connect(port, code, { token: tokens[i].token });
      const a: Assignment = await again.next("assignment");
      expect([a.table, a.side, a.matchCode]).toEqual([before[i]!.table, before[i]!.side, before[i]!.matchCode]);
      if (a.side !== "us") continue;
      const p = await sit(port, a);
      expect((await p.seat).side).toBe("us");
      us.push(p);
    }
    expect(us).toHaveLength(2);
    const refusedWhilePaused = new Promise<any>((r) => us[0]!.room.onMessage("error", r));
    us[0]!.room.send("accept", { proposalId: "p1" });
    expect((await refusedWhilePaused).code).toBe("PAUSED");
    await command(back, "resume");
    for (const p of us) {
      await act(p, "accept", { proposalId: "p1" });
      await until(p, (s) => s.phase === "ended");
    }
  }, 120_000);
});
