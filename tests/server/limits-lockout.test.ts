import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { NEGOTIATION_ROOM } from "../../shared/index.js";
import { create, join, leaveAll, sdk, startedPvp, startServer, until, type TestServer } from "./helpers.js";
import { getClass, instructor, openClass, student } from "./classroom/class-helpers.js";

/**
 * Issue 19, finding 3: limits that need no secret must not lock the honest out. The attacker
 * and the honest user share one address here (loopback), as a school network would: wrong keys,
 * wrong tokens, watchers and reservations that never connect are refused with their codes,
 * and the instructor with the right key, the returning student and the seated player still get in.
 */

const MAX_FAILURES = 10;
const MAX_SPECTATORS = 5;
/** The server's default: a school's worth of people joining at once from one address. */
const JOIN_BURST = 120;
const CREATES = 6;

// A fresh server per test: the counters are per address, and every test here comes from loopback.
let server: TestServer;
beforeEach(async () => {
  server = await startServer({
    botDelayMs: 60_000,
    maxFailuresPerMinute: MAX_FAILURES,
    maxSpectators: MAX_SPECTATORS,
    joinBurst: JOIN_BURST,
    createsPerMinute: CREATES,
  });
});
afterEach(async () => {
  await server.close();
});

const refusalCode = (error: unknown) => /^([A-Z_]+):/.exec((error as Error).message)?.[1] ?? (error as Error).message;

describe("limits that never lock out honest users", () => {
  it("wrong instructor keys on the room: FORBIDDEN, then RATE_LIMITED; the right key, new and returning students still get in", async () => {
    const { code, key } = await openClass(server, { playersPerSide: 1 });
    const aki = await student(server, code, "Aki");
    const token = (await aki.next("welcome")).token as string;
    await aki.room.leave();
    const codes: string[] = [];
    for (let i = 0; i < 3 * MAX_FAILURES; i++) codes.push(await sdk(server).joinById(code, { key: `wrong-${i}` }).then(() => "JOINED", refusalCode));
    expect(codes.slice(0, MAX_FAILURES - 1).every((c) => c === "FORBIDDEN")).toBe(true);
    expect(codes.slice(MAX_FAILURES).every((c) => c === "RATE_LIMITED")).toBe(true);
    // Wrong student tokens too.
    await expect(sdk(server).joinById(code, { token: "not-a-token" })).rejects.toThrow(/^RATE_LIMITED/);

    const teacher = await instructor(server, code, key);
    expect((await teacher.next("dashboard")).code).toBe(code);
    const back = await sdk(server).joinById(code, { token });
    const backMember = { welcome: new Promise<any>((resolve) => back.onMessage("welcome", resolve)) };
    expect((await backMember.welcome).studentId).toBe("s1");
    const sam = await student(server, code, "Sam");
    expect((await sam.next("welcome")).studentId).toBe("s2");
    const roster = ((await (await getClass(server, code, key)).json()) as { roster: unknown[] }).roster;
    expect(roster).toHaveLength(2);
    await Promise.all([teacher.room.leave(), back.leave(), sam.room.leave()]);
  });

  it("wrong keys over HTTP: 403, then 429 for wrong ones only; the right key from the same address still gets 200", async () => {
    const { code, key } = await openClass(server);
    const statuses: number[] = [];
    for (let i = 0; i < 2 * MAX_FAILURES; i++) statuses.push((await getClass(server, code, `wrong-${i}`)).status);
    expect(statuses.slice(0, MAX_FAILURES - 1).every((s) => s === 403)).toBe(true);
    expect(statuses.slice(MAX_FAILURES).every((s) => s === 429)).toBe(true);
    const body = (await (await getClass(server, code, "wrong-again")).json()) as { code: string };
    expect(body.code).toBe("RATE_LIMITED");
    expect((await getClass(server, code, key)).status).toBe(200);
  });

  it("wrong seat tokens: BAD_SEAT_TOKEN, then RATE_LIMITED; the player's own token still takes the seat", async () => {
    const { code, japan, us } = await startedPvp(server);
    const token = (await us.seat).token;
    await us.room.leave();
    const codes: string[] = [];
    for (let i = 0; i < 2 * MAX_FAILURES; i++) codes.push(await sdk(server).joinById(code, { seat: `p2.forged${i}` }).then(() => "JOINED", refusalCode));
    expect(codes[0]).toBe("BAD_SEAT_TOKEN");
    expect(codes.at(-1)).toBe("RATE_LIMITED");
    expect(codes).not.toContain("JOINED");
    const back = await join(server, code, { seat: token });
    expect((await back.seat).side).toBe("us");
    await leaveAll(japan, back);
  });

  it("creating matches and classes is limited per address; joining with a seat token is not", async () => {
    const { code, japan, us } = await startedPvp(server);
    const token = (await us.seat).token;
    await us.room.leave();
    const made: string[] = [];
    for (let i = 0; i < CREATES + 2; i++) made.push(await sdk(server).create(NEGOTIATION_ROOM, { side: "japan" }).then((room) => (void room.leave(), "CREATED"), refusalCode));
    expect(made).toContain("RATE_LIMITED");
    const classes: number[] = [];
    for (let i = 0; i < CREATES + 2; i++) classes.push((await fetch(`${server.url}/api/classes`, { method: "POST", headers: { "Content-Type": "application/json" }, body: "{}" })).status);
    expect(classes).toContain(429);
    const back = await join(server, code, { seat: token });
    expect((await back.seat).side).toBe("us");
    await leaveAll(japan, back);
  });
  it("spectators and reservations that never connect cannot keep a player out of their seat", async () => {
    const { code, japan, us } = await startedPvp(server);
    const seat = await us.seat;
    await us.room.leave();
    const watchers = [];
    for (let i = 0; i < MAX_SPECTATORS; i++) watchers.push(await join(server, code, { spectator: true }));
    await expect(sdk(server).joinById(code, { spectator: true })).rejects.toThrow(/^SPECTATORS_FULL/);
    // Reservations asked over HTTP and never used: each holds a place in the room until it expires.
    const reserve = async (n: number) => {
      const statuses: number[] = [];
      for (let i = 0; i < n; i++) {
        const res = await fetch(`${server.url}/matchmake/joinById/${code}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ spectator: true }) });
        statuses.push(res.status);
      }
      return statuses;
    };
    // More than the 63 that used to lock the match: all reserved, and the player still gets in.
    expect((await reserve(80)).every((s) => s === 200)).toBe(true);
    const back = await join(server, code, { seat: seat.token });
    expect((await back.seat).side).toBe("us");
    await until(japan, (s) => s.table.connected[seat.playerId] === true);
    await back.room.leave();
    // Past this address's join allowance the reservations themselves are refused; the seat token is not.
    expect((await reserve(JOIN_BURST)).filter((s) => s !== 200).length).toBeGreaterThan(0);
    const again = await join(server, code, { seat: seat.token });
    expect((await again.seat).side).toBe("us");
    await leaveAll(japan, again, ...watchers);
  });
});
