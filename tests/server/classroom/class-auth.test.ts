import { readFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join, sdk, startServer, type TestServer } from "../helpers.js";
import { command, getClass, instructor, openClass, student, type Assignment } from "./class-helpers.js";

/** Who may do what in classroom mode: the key opens the class, a seat token opens one table. */

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => server.close());

async function runningClass() {
  const { code, key } = await openClass(server, { playersPerSide: 1, bots: true });
  const teacher = await instructor(server, code, key);
  const students = [await student(server, code, "Aki"), await student(server, code, "Sam"), await student(server, code, "Kei")];
  await command(teacher, "start");
  const assignments: Assignment[] = await Promise.all(students.map((s) => s.next("assignment", (a) => a.matchCode)));
  return { code, key, teacher, students, assignments };
}

describe("classroom auth", () => {
  it("HTTP: 201 with code and key; 401 without a key, 403 with a wrong one, 200 with it; bad bodies refused", async () => {
    const { code, key } = await openClass(server);
    expect((await getClass(server, code)).status).toBe(401);
    expect((await getClass(server, code, "nope")).status).toBe(403);
    expect((await (await getClass(server, code, "nope")).json()).code).toBe("FORBIDDEN");
    expect((await getClass(server, code, key, "/debrief")).status).toBe(200);
    const ok = await getClass(server, code, key);
    expect(ok.status).toBe(200);
    expect((await ok.json()).status).toBe("seating");
    // Another class's key does not open this one.
    const other = await openClass(server);
    expect((await getClass(server, code, other.key)).status).toBe(403);
    for (const body of ['{"playersPerSide":5}', '{"oops":true}', "not json", '{"scenario":"nope"}']) {
      const res = await fetch(`${server.url}/api/classes`, { method: "POST", body });
      expect(res.status).toBe(400);
      expect(Object.keys(await res.json()).sort()).toEqual(["code", "message"]);
    }
    // The key is stored only as a salted hash.
    const file = readFileSync(path.join(server.dataDir, "classes", `${code}.json`), "utf8");
    expect(file).not.toContain(key);
    expect(JSON.parse(file).keyHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("students cannot use instructor messages; wrong keys and client-made classrooms are refused", async () => {
    const { code, key } = await openClass(server);
    const kid = await student(server, code, "Aki");
    await kid.next("assignment");
    for (const type of ["start", "pause", "inject", "extend", "end", "dashboard", "debrief", "move"]) {
      kid.room.send(type, {});
      const error = await kid.next("error", (e) => e.type === type);
      expect(error.code).toBe("NOT_INSTRUCTOR");
    }
    await expect(sdk(server).joinById(code, { key: "wrong" })).rejects.toThrow(/FORBIDDEN/);
    await expect(sdk(server).create("classroom", { classCode: "ABCDEFGH" })).rejects.toThrow(/BAD_OPTIONS/);
    expect((await getClass(server, code, key)).status).toBe(200);
    const teacher = await instructor(server, code, key);
    teacher.room.send("inject", { table: "all" });
    expect((await teacher.next("error", (e) => e.type === "inject")).code).toBe("BAD_MESSAGE");
  });

  it("a student reaches only their own table: no other class's table, no other table's state", async () => {
    const a = await runningClass();
    const b = await runningClass();
    const mine = a.assignments[0]!;
    // Each student is told about their own table only.
    expect(Object.keys(mine).sort()).toEqual(["classCode", "matchCode", "name", "role", "roleName", "seatToken", "side", "sideName", "spectator", "status", "studentId", "table", "watchToken"]);
    expect([mine.spectator, mine.watchToken]).toEqual([false, null]);
    const otherTable = b.assignments[0]!.matchCode!;
    await expect(join(server, otherTable, { seat: mine.seatToken! })).rejects.toThrow(/BAD_SEAT_TOKEN/);
    await expect(join(server, otherTable, { side: "us", name: "Intruder" })).rejects.toThrow(/CLASS_TABLE/);
    await expect(join(server, otherTable, { spectator: true })).rejects.toThrow(/CLASS_TABLE/);
    // Another table of the same class is closed too.
    const neighbour = a.assignments.find((x) => x.matchCode !== mine.matchCode)!.matchCode!;
    await expect(join(server, neighbour, { seat: mine.seatToken! })).rejects.toThrow(/BAD_SEAT_TOKEN/);
    // The running table's log (both sheets) is not published.
    expect((await fetch(`${server.url}/api/matches/${neighbour}/log`)).status).toBe(409);
    const seat = await join(server, mine.matchCode!, { seat: mine.seatToken! });
    expect((await seat.seat).side).toBe(mine.side);
    await seat.room.leave();
  });
});
