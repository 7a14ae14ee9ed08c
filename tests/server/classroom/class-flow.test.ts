import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { promises as fs } from "node:fs";
import { replayLog } from "../../../shared/index.js";
import { logPath } from "../../../server/store/match-catalog.js";
import { startServer, until, type Player, type TestServer } from "../helpers.js";
import { command, getClass, instructor, openClass, playQuickly, sitAtTable, student, type Assignment, type Member } from "./class-helpers.js";

/** Issue 6 acceptance: an instructor and 22 scripted students (5 full 2-per-side tables + 1 with bots) run a class. */

let server: TestServer;
beforeAll(async () => {
  // Bots pause a little, so the two bots of T6 do not finish before the instructor injects.
  server = await startServer({ botDelayMs: 400 });
});
afterAll(async () => server.close());

describe("a class of 2-per-side tables", () => {
  it("seats, starts, injects into every table, plays to the end, and debriefs from the logs", async () => {
    const { code, key } = await openClass(server, { playersPerSide: 2, bots: true, botStrategy: "normal" });
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    const teacher = await instructor(server, code, key);
    const students: Member[] = [];
    for (let i = 0; i < 22; i++) students.push(await student(server, code, `Student ${i + 1}`));
    const seated = await Promise.all(students.map((s) => s.next("assignment")));
    expect(new Set(seated.map((a: Assignment) => a.table)).size).toBe(6);

    await command(teacher, "start");
    const assignments: Assignment[] = await Promise.all(students.map((s) => s.next("assignment", (a) => a.status === "running" && a.matchCode)));
    const players: { player: Player; side: string; table: string }[] = [];
    for (const a of assignments) players.push({ player: await sitAtTable(server, a), side: a.side, table: a.table });
    const matchCodes = [...new Set(assignments.map((a) => a.matchCode!))];
    expect(matchCodes).toHaveLength(6);

    // T6 has two students and two bots (one per side).
    const dashboard = (await command(teacher, "dashboard")).result;
    const t6 = dashboard.tables.find((t: any) => t.tableId === "T6");
    expect(t6.players.filter((p: any) => p.bot).length).toBe(2);
    expect(dashboard.tables.every((t: any) => t.phase === "negotiating")).toBe(true);

    const injected = await command(teacher, "inject", { table: "all", event: { id: "snap-election", title: "Snap election", headline: "Tokyo calls a snap election.", effects: [{ kind: "reservation", side: "japan", delta: -4 }] } });
    expect(injected.result.tables).toHaveLength(6);
    for (const { player } of players) await until(player, (s) => s.events.some((e: any) => e.id === "snap-election"), 5000, "the injected event");

    for (const { player, side } of players) playQuickly(player, side);
    for (const { player } of players) await until(player, (s) => s.phase === "ended", 20_000, "the table to end");

    const res = await getClass(server, code, key, "/debrief");
    expect(res.status).toBe(200);
    const debrief = (await res.json()) as any;
    expect(debrief.tables).toHaveLength(6);
    expect(debrief.frontier.length).toBeGreaterThan(3);
    expect(debrief.realDeal).not.toBeNull();
    for (const row of debrief.tables) {
      const replay = replayLog(await fs.readFile(logPath(server.dataDir, row.matchId), "utf8"));
      if (!replay.ok) throw new Error(replay.error.message);
      const final = replay.value.final;
      expect(row.outcome).toBe(final.outcome!.kind);
      expect(row.points).toEqual(final.outcome!.points);
      expect(final.events.some((e) => e.id === "snap-election" && e.origin === "instructor")).toBe(true);
    }
    const csv = await (await getClass(server, code, key, "/debrief.csv")).text();
    expect(csv.trim().split("\r\n")).toHaveLength(7);
    const zip = Buffer.from(await (await getClass(server, code, key, "/logs.zip")).arrayBuffer());
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    // Six logs and students.csv.
    expect(zip.readUInt16LE(zip.length - 22 + 10)).toBe(7);

    await Promise.all([...players.map((p) => p.player.room.leave().catch(() => undefined)), ...students.map((s) => s.room.leave().catch(() => undefined)), teacher.room.leave().catch(() => undefined)]);
  }, 90_000);
});
