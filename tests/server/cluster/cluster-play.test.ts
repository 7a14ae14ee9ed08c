import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { replayLog } from "../../../shared/index.js";
import { act, create, join, scenario, until, type Player } from "../helpers.js";
import { command, getClass, instructor, openClass, playQuickly, sitAtTable, student, type Assignment, type Member } from "../classroom/class-helpers.js";
import { redisAvailable, redisMissing } from "../../support/redis.js";
import { describeOnEachStorage, hostPort, type ClusterProcess } from "../../support/cluster.js";

/**
 * Issue 21 acceptance: two server processes on one Redis (and one data folder). A match made
 * through A is joined by code through B; a class opened on A has tables on both processes and is
 * driven from B; the API answers the same from either process.
 */

if (!redisAvailable && process.env.CI === "true") {
  describe("cluster", () => it("needs redis-server in CI", () => { throw new Error(redisMissing); }));
} else if (!redisAvailable) {
  describe.skip(`cluster (skipped: ${redisMissing})`, () => it("runs with redis-server", () => undefined));
} else {
  describeOnEachStorage((cluster) => {
    let a: ClusterProcess;
    let b: ClusterProcess;
    beforeAll(() => {
      ({ a, b } = cluster);
    });

    const logFrom = async (proc: ClusterProcess, code: string) => {
      const res = await fetch(`${proc.url}/api/matches/${code}/log`);
      return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
    };

    describe("two processes on one Redis", () => {
      it("a class opened on A takes its scenario upload through B (forwarded to A, which holds it) and both read it back", async () => {
        const { code, key } = await openClass(a.server, {});
        const body = readFileSync(path.join(import.meta.dirname, "../../../examples/scenarios/job-offer.json"), "utf8");
        const res = await fetch(`${b.url}/api/classes/${code}/scenario`, { method: "PUT", headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" }, body });
        expect(res.status).toBe(200);
        for (const proc of [a, b]) expect(((await (await getClass(proc.server, code, key)).json()) as any).settings.scenario).toBe("job-offer");
        expect((await getClass(b.server, code, "wrong-key")).status).toBe(403);
      }, 30_000);

      it("a pvp match created through A is joined by code through B and played to the end; its log is the same bytes from either", async () => {
        const japan = await create(a.server, { mode: "pvp", side: "japan", name: "Akazawa", seed: "cluster-seed" });
        const code = japan.room.roomId;
        const us = await join(b.server, code, { side: "us", name: "Bessent" });
        // Both sockets went to the one process that holds the room, whichever HTTP took the request.
        expect(hostPort(us.room)).toBe(hostPort(japan.room));
        await act(japan, "ready");
        await act(us, "ready");
        await until(japan, (s) => s.phase === "negotiating");
        const deal = scenario.references[0]!.offer;
        await act(japan, "propose", { offer: deal });
        await until(us, (s) => s.standingProposalId !== null);
        us.room.send("accept", { proposalId: us.state().standingProposalId });
        await until(japan, (s) => s.phase === "ended", 10_000, "the match to end");
        await until(us, (s) => s.phase === "ended", 10_000, "the match to end");

        const fromA = await logFrom(a, code);
        const fromB = await logFrom(b, code);
        expect(fromA.status).toBe(200);
        expect(fromB.bytes.equals(fromA.bytes)).toBe(true);
        const replay = replayLog(fromA.bytes.toString("utf8"));
        if (!replay.ok) throw new Error(replay.error.message);
        expect(replay.value.final.outcome?.kind).toBe(japan.state().outcome?.kind);
        const listA = await (await fetch(`${a.url}/api/matches`)).json();
        const listB = await (await fetch(`${b.url}/api/matches`)).json();
        expect(listB).toEqual(listA);
        await Promise.all([japan.room.leave(), us.room.leave()]);
      }, 60_000);

      it("a class opened on A has tables on both processes; the instructor drives it from B; debrief and CSV are complete", async () => {
        const { code, key } = await openClass(a.server, { playersPerSide: 1, bots: false });
        const teacher = await instructor(b.server, code, key);
        const kids: Member[] = [];
        // Six tables: the server opens each on the process with the fewest rooms, and A already holds
        // this class's room and the earlier tests' rooms, so a few tables alone could all go to B.
        for (let i = 0; i < 12; i++) kids.push(await student(i % 2 === 0 ? a.server : b.server, code, `Student ${i + 1}`));
        await command(teacher, "start");
        const at: Assignment[] = await Promise.all(kids.map((k) => k.next("assignment", (x: Assignment) => x.status === "running" && Boolean(x.matchCode))));
        const seats: { player: Player; side: string }[] = [];
        for (const [i, x] of at.entries()) seats.push({ player: await sitAtTable(i % 2 === 0 ? b.server : a.server, x), side: x.side });
        const hosts = new Set(seats.map((s) => hostPort(s.player.room)));
        expect(hosts).toEqual(new Set([a.port, b.port]));

        await command(teacher, "pause");
        for (const { player } of seats) await until(player, (s) => s.table.paused, 5000, "the pause");
        await command(teacher, "resume");
        for (const { player } of seats) await until(player, (s) => !s.table.paused, 5000, "the resume");
        const injected = await command(teacher, "inject", { table: "all", event: { id: "cluster-shock", title: "Shock", headline: "Markets fall.", effects: [{ kind: "reservation", side: "japan", delta: -2 }] } });
        expect(injected.result.tables).toHaveLength(6);
        const extended = await command(teacher, "extend", { table: "all", rounds: 1 });
        expect(extended.result.tables).toHaveLength(6);
        for (const { player } of seats) await until(player, (s) => s.events.some((e: any) => e.id === "cluster-shock"), 5000, "the injected event");

        const dashboard = (await command(teacher, "dashboard")).result;
        expect(dashboard.tables.map((t: any) => t.phase)).toEqual(Array(6).fill("negotiating"));
        expect(dashboard.tables.every((t: any) => t.players.every((p: any) => p.connected))).toBe(true);

        for (const { player, side } of seats) playQuickly(player, side);
        for (const { player } of seats) await until(player, (s) => s.phase === "ended", 20_000, "the table to end");

        for (const proc of [a, b]) {
          const debrief = (await (await getClass(proc.server, code, key, "/debrief")).json()) as any;
          expect(debrief.counts).toMatchObject({ tables: 6, playing: 0, agreements: 6 });
          const csv = await (await getClass(proc.server, code, key, "/debrief.csv")).text();
          expect(csv.trim().split("\r\n")).toHaveLength(7);
        }
        await command(teacher, "end");
        const summaryFromA = (await (await getClass(a.server, code, key)).json()) as any;
        expect(summaryFromA.status).toBe("ended");
        await Promise.all([...seats.map((s) => s.player.room.leave().catch(() => undefined)), ...kids.map((k) => k.room.leave().catch(() => undefined)), teacher.room.leave().catch(() => undefined)]);
      }, 90_000);
    });
  });
}
