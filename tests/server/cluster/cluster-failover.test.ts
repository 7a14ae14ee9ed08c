import { Client } from "@colyseus/sdk";
import { beforeAll, describe, expect, it } from "vitest";
import { rejoin } from "../../../client/src/net/rejoin.js";
import { replayLog } from "../../../shared/index.js";
import { act, create, join, scenario, until, type Player } from "../helpers.js";
import { command, getClass, member, openClass, playQuickly, sitAtTable, student, type Assignment } from "../classroom/class-helpers.js";
import { redisAvailable, redisMissing } from "../../support/redis.js";
import { describeOnEachStorage, holdSeat, hostPort, kill9, type ClusterProcess, type HeldSeat } from "../../support/cluster.js";

/**
 * Issue 21 acceptance, failover: kill -9 the process holding live matches and a class in the
 * middle of play. The survivor notices (heartbeat), resumes every match from its log under the
 * same code and the class's room; every SDK client gets back into its seat the way the browser
 * client does (SDK reconnection, then a rejoin with its seat token); nothing acknowledged is lost.
 * The documented bound (docs/deploy.md) is 30 s from the kill to the last player back.
 */
const DOCUMENTED_FAILOVER_MS = 30_000;

if (!redisAvailable && process.env.CI === "true") {
  describe("cluster failover", () => it("needs redis-server in CI", () => { throw new Error(redisMissing); }));
} else if (!redisAvailable) {
  describe.skip(`cluster failover (skipped: ${redisMissing})`, () => it("runs with redis-server", () => undefined));
} else {
  describeOnEachStorage((cluster) => {
    let a: ClusterProcess;
    let b: ClusterProcess;
    beforeAll(() => {
      ({ a, b } = cluster);
    });

    type Seat = { held: HeldSeat; side: string; code: string; seqBefore: number; proposalsBefore: number };

    describe("kill -9 of a process in the middle of play", () => {
      it("resumes its matches and its class on the survivor, every client back in its seat, nothing acknowledged lost", async () => {
        // Matches are made through either process (each stays where it was made); after the kill the
        // players come back through B, as through a load balancer that stops sending to a dead process.
        const seats: Seat[] = [];
        const pvpCodes: string[] = [];
        for (let i = 0; i < 4; i++) {
          const japan = await create(i % 2 === 0 ? a.server : b.server, { mode: "pvp", side: "japan", name: `J${i}`, seed: `failover-${i}` });
          const us = await join(i % 2 === 0 ? b.server : a.server, japan.room.roomId, { side: "us", name: `U${i}` });
          await act(japan, "ready");
          await act(us, "ready");
          await until(japan, (s) => s.phase === "negotiating");
          await act(japan, "propose", { offer: scenario.references[0]!.offer });
          await until(us, (s) => s.seq === japan.state().seq);
          pvpCodes.push(japan.room.roomId);
          for (const [player, side] of [[japan, "japan"], [us, "us"]] as const) {
            seats.push({ held: holdSeat(b.url, player, (await player.seat).token), side, code: player.room.roomId, seqBefore: 0, proposalsBefore: 0 });
          }
        }
        // The class lives on A (opened there); its two tables spread over both processes.
        const { code: classCode, key } = await openClass(a.server, { playersPerSide: 1, bots: false });
        const teacher = member(await new Client(`ws://127.0.0.1:${b.port}`).joinById(classCode, { key }));
        const kids = [];
        for (let i = 0; i < 4; i++) kids.push(await student(b.server, classCode, `Student ${i + 1}`));
        await command(teacher, "start");
        const at: Assignment[] = await Promise.all(kids.map((k) => k.next("assignment", (x: Assignment) => x.status === "running" && Boolean(x.matchCode))));
        for (const x of at) {
          const player = await sitAtTable(b.server, x);
          seats.push({ held: holdSeat(b.url, player, x.seatToken!), side: x.side, code: x.matchCode!, seqBefore: 0, proposalsBefore: 0 });
        }
        const classSeats = seats.slice(8);
        // The class is paused when the process dies: its tables come back paused.
        await command(teacher, "pause");
        for (const seat of classSeats) await until(seat.held.player, (s) => s.table.paused, 5000, "the pause");
        const onA = seats.filter((s) => hostPort(s.held.player.room) === a.port);
        expect(onA.length).toBeGreaterThan(0);
        expect(onA.length).toBeLessThan(seats.length);

        // Acknowledged: what each client has seen before the kill.
        for (const seat of seats) {
          seat.seqBefore = seat.held.player.state().seq;
          seat.proposalsBefore = seat.held.player.state().proposals.length;
        }
        const killedAt = Date.now();
        await kill9(a);

        const back = (s: Seat) => !s.held.lost && s.held.backAt.length > 0 && hostPort(s.held.player.room) === b.port;
        while (!onA.every(back)) {
          if (Date.now() - killedAt > DOCUMENTED_FAILOVER_MS + 30_000) throw new Error(`not back in time: ${onA.filter((s) => !back(s)).map((s) => s.code).join(", ")}\n${b.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        const lastBack = Math.max(...onA.map((s) => Math.min(...s.held.backAt.filter((t) => t >= killedAt))));
        const failoverMs = lastBack - killedAt;
        const tookOver = b.output().match(/Took over[^\n]*done at ([^)]+)\)/);
        const resumedMs = tookOver ? Date.parse(tookOver[1]!) - killedAt : NaN;
        console.log(`failover: matches and class resumed on the survivor ${resumedMs} ms after kill -9; ${onA.length} seat(s) of the killed process back ${failoverMs} ms after it (${tookOver?.[0] ?? "no takeover logged"})`);
        expect(resumedMs).toBeLessThan(10_000);
        expect(failoverMs).toBeLessThan(DOCUMENTED_FAILOVER_MS);
        for (const seat of seats) {
          await until(seat.held.player, (s) => s.seq >= seat.seqBefore, 5000, "the acknowledged moves");
          expect(seat.held.player.state().proposals.length).toBeGreaterThanOrEqual(seat.proposalsBefore);
          expect((await seat.held.player.seat).side).toBe(seat.side);
        }
        // The players on the survivor never left their seats.
        for (const seat of seats.filter((s) => !onA.includes(s))) expect(seat.held.rejoins).toBe(0);

        for (const seat of classSeats) await until(seat.held.player, (s) => s.table.paused, 5000, "the class's tables still paused");
        // The instructor comes back the same way (a fresh join with the key) and still drives every table.
        const teacherBack = member((await rejoin(() => new Client(`ws://127.0.0.1:${b.port}`).joinById(classCode, { key })))!);
        await command(teacherBack, "resume");
        for (const seat of classSeats) await until(seat.held.player, (s) => !s.table.paused, 5000, "the resume");
        const injected = await command(teacherBack, "inject", { table: "all", event: { id: "after-failover", title: "Aftershock", headline: "Markets wobble.", effects: [{ kind: "reservation", side: "us", delta: -1 }] } });
        expect(injected.result.tables).toHaveLength(2);

        // Play on to the end: pvp matches accept the standing offer, class tables play quickly.
        for (const seat of seats) {
          const player: Player = seat.held.player;
          if (pvpCodes.includes(seat.code)) {
            if (seat.side === "us") player.room.send("accept", { proposalId: player.state().standingProposalId });
          } else playQuickly(player, seat.side);
        }
        for (const seat of seats) await until(seat.held.player, (s) => s.phase === "ended", 20_000, `match ${seat.code} to end`);

        const debrief = (await (await getClass(b.server, classCode, key, "/debrief")).json()) as any;
        expect(debrief.counts).toMatchObject({ tables: 2, playing: 0 });
        for (const code of new Set(seats.map((s) => s.code))) {
          const res = await fetch(`${b.url}/api/matches/${code}/log`);
          expect(res.status).toBe(200);
          const replay = replayLog(await res.text());
          if (!replay.ok) throw new Error(`${code}: ${replay.error.message}`);
          const mine = seats.filter((s) => s.code === code);
          for (const seat of mine) expect(replay.value.final.seq).toBe(seat.held.player.state().seq);
        }
        await Promise.all([...seats.map((s) => s.held.player.room.leave().catch(() => undefined)), teacherBack.room.leave().catch(() => undefined)]);
      }, 120_000);
    });
  });
}
