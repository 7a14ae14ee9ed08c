import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLASSROOM_ROOM, NEGOTIATION_ROOM } from "../../shared/index.js";
import { act, create, join, leaveAll, sdk, startedPvp, startServer, until, type TestServer } from "./helpers.js";
import { getClass, instructor, openClass, startedClass, student, type Assignment } from "./classroom/class-helpers.js";

/**
 * Issue 19, findings 1 and 2, tried as an outsider would: seats are invitations. Without the
 * code nobody sits anywhere; with it, only the seats the match has; a listing never hands out a
 * running match's code; a class and its tables open only with what the class handed out. Each
 * refusal has its code and changes nothing, and the honest person beside it still gets in.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ botDelayMs: 60_000 });
});
afterAll(async () => {
  await server.close();
});

/** `POST /matchmake/:method/:room` as a script would send it: the status and the error text. */
async function matchmake(method: string, room: string, body: unknown): Promise<{ status: number; text: string }> {
  const res = await fetch(`${server.url}/matchmake/${method}/${room}`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { status: res.status, text: await res.text() };
}

describe("seats are invitations", () => {
  it("refuses join and joinOrCreate without a code (SDK and raw HTTP); the invited player still sits down by code", async () => {
    const japan = await create(server, { side: "japan", name: "Akazawa" });
    const code = japan.room.roomId;
    const client = sdk(server);
    await expect(client.join(NEGOTIATION_ROOM, { side: "us" })).rejects.toThrow(/^INVITE_ONLY/);
    await expect(client.joinOrCreate(NEGOTIATION_ROOM, { side: "us" })).rejects.toThrow(/^INVITE_ONLY/);
    const raw = await matchmake("join", NEGOTIATION_ROOM, { side: "us" });
    expect(raw.status).toBeGreaterThanOrEqual(400);
    expect(raw.text).toContain("INVITE_ONLY");
    expect((await matchmake("joinOrCreate", NEGOTIATION_ROOM, {})).text).toContain("INVITE_ONLY");
    // Nothing changed: Japan is still alone, and no other match was made.
    expect(server.match(code).state.players.map((p) => p.side)).toEqual(["japan"]);
    expect(server.game.deps.matches.has(code)).toBe(true);

    const us = await join(server, code, { side: "us", name: "Bessent" });
    expect((await us.seat).side).toBe("us");
    await until(japan, (s) => s.players.length === 2);
    await leaveAll(japan, us);
  });

  it("has one seat per side in pvp unless the creator asks for more: a full side refuses SIDE_FULL and changes nothing", async () => {
    const { code, japan, us } = await startedPvp(server);
    const client = sdk(server);
    const seq = server.match(code).state.seq;
    // The finding: the Japan player opened a second connection and was seated on the US side too.
    await expect(client.joinById(code, { side: "us", name: "Intruder" })).rejects.toThrow(/^SIDE_FULL/);
    await expect(client.joinById(code, { side: "japan" })).rejects.toThrow(/^SIDE_FULL/);
    await expect(client.joinById(code, {})).rejects.toThrow(/^SIDE_FULL/);
    expect(server.match(code).state.seq).toBe(seq);
    expect(server.match(code).state.players).toHaveLength(2);
    // The US player's own second tab takes the same seat back with its token.
    const again = await join(server, code, { seat: (await us.seat).token });
    expect((await again.seat).playerId).toBe((await us.seat).playerId);
    await leaveAll(japan, us, again);

    await expect(sdk(server).create(NEGOTIATION_ROOM, { seatsPerSide: 5 })).rejects.toThrow(/^BAD_OPTIONS/);
    const host = await create(server, { side: "japan", seatsPerSide: 2 });
    const second = await join(server, host.room.roomId, { side: "japan" });
    expect((await second.seat).side).toBe("japan");
    await expect(sdk(server).joinById(host.room.roomId, { side: "japan" })).rejects.toThrow(/^SIDE_FULL/);
    await leaveAll(host, second);
  });

  it("lists ended matches, never a running one's code; the instructor sees their running tables with the key", async () => {
    const { code, japan, us } = await startedPvp(server);
    const ended = await startedPvp(server);
    await act(ended.japan, "walkaway");
    const listing = await fetch(`${server.url}/api/matches`);
    const text = await listing.text();
    expect(text).not.toContain(code);
    const body = JSON.parse(text) as { matches: { id: string; status: string }[]; running: number };
    expect(body.matches.map((m) => m.id)).toContain(ended.code);
    expect(body.matches.every((m) => m.status === "ended")).toBe(true);
    expect(body.running).toBeGreaterThanOrEqual(1);
    await leaveAll(japan, us, ended.japan, ended.us);

    const started = await startedClass(server, { playersPerSide: 1 }, ["Aki", "Sam"]);
    const tableCode = started.at[0]!.matchCode!;
    expect(await (await fetch(`${server.url}/api/matches`)).text()).not.toContain(tableCode);
    expect((await getClass(server, started.code)).status).toBe(401);
    const summary = (await (await getClass(server, started.code, started.key)).json()) as { tables: { matchCode: string }[] };
    expect(summary.tables.map((t) => t.matchCode)).toContain(tableCode);
    await Promise.all([started.teacher, ...started.kids].map((m) => m.room.leave().catch(() => undefined)));
  });

  it("refuses join/joinOrCreate into a class (SDK and HTTP) and a table by its match code alone; students with the code and their token get in", async () => {
    const { code, key } = await openClass(server, { playersPerSide: 1 });
    const teacher = await instructor(server, code, key);
    const aki = await student(server, code, "Aki");
    await expect(sdk(server).join(CLASSROOM_ROOM, { name: "Blind" })).rejects.toThrow(/^INVITE_ONLY/);
    await expect(sdk(server).joinOrCreate(CLASSROOM_ROOM, { name: "Blind" })).rejects.toThrow(/^INVITE_ONLY/);
    expect((await matchmake("join", CLASSROOM_ROOM, { name: "Blind" })).text).toContain("INVITE_ONLY");
    const roster = async () => ((await (await getClass(server, code, key)).json()) as { roster: { name: string }[] }).roster.map((s) => s.name);
    expect(await roster()).toEqual(["Aki"]);

    const sam = await student(server, code, "Sam");
    teacher.room.send("start", {});
    const seatOf = (m: typeof aki) => m.next("assignment", (a: Assignment) => Boolean(a.matchCode)) as Promise<Assignment>;
    const [akiSeat, samSeat] = await Promise.all([seatOf(aki), seatOf(sam)]);
    const table = akiSeat.matchCode!;
    // A table's match code alone opens nothing: no new seat, no spectator.
    await expect(sdk(server).joinById(table, { name: "Blind", side: "us" })).rejects.toThrow(/^CLASS_TABLE/);
    await expect(sdk(server).joinById(table, { spectator: true })).rejects.toThrow(/^CLASS_TABLE/);
    await expect(sdk(server).joinById(table, { seat: "p1.forged" })).rejects.toThrow(/^BAD_SEAT_TOKEN/);
    const players = server.match(table).state.players.map((p) => p.name);
    expect(players).toEqual(expect.arrayContaining(["Aki", "Sam"]));
    expect(players).toHaveLength(2);
    // The students' own tokens open their seats.
    const seated = await join(server, table, { seat: akiSeat.seatToken! });
    expect((await seated.seat).side).toBe(akiSeat.side);
    const other = await join(server, samSeat.matchCode!, { seat: samSeat.seatToken! });
    expect((await other.seat).side).toBe(samSeat.side);
    await leaveAll(seated, other);
    await Promise.all([teacher, aki, sam].map((m) => m.room.leave().catch(() => undefined)));
  });
});
