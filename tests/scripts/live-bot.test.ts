import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { create, leaveAll, personPlaysTheRealDeal, scenario, sleep, startServer, until, watchProcess, type TestServer } from "../server/helpers.js";
import type { TableView } from "../../shared/index.js";
import { command, instructor, openClass, sitAtTable, student, type Assignment } from "../server/classroom/class-helpers.js";

/**
 * `npm run bot`: the TypeScript example bot (a program speaking the stdio protocol) seated at a
 * live pvp table through the server, against a scripted person, plays to an outcome.
 */

const root = path.resolve(import.meta.dirname, "../..");
let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server.close();
});

describe("npm run bot", () => {
  it("seats an external bot at a live table, where it plays a person to an outcome", async () => {
    const person = await create(server, { side: "japan", name: "Aki", rounds: 5, seed: "live-bot" });
    const code = person.room.roomId;
    const program = `${JSON.stringify(process.execPath)} --import tsx examples/bots/typescript/bot.ts`;
    const runner = spawn(process.execPath, ["--import", "tsx", "scripts/bot/main.ts", "--code", code, "--side", "us", "--name", "Example bot", "--command", program, "--server", `ws://127.0.0.1:${server.port}`], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const { output, exited } = watchProcess(runner);

    // The person: ready, then offers the real 2025 deal whenever it is Japan's move.
    await personPlaysTheRealDeal(person, 40_000);
    expect(await exited, output()).toBe(0);
    const view = person.state();
    expect(output()).toContain(`outcome: ${view.outcome!.kind}`);
    expect(view.players.find((p) => p.side === "us")!.name).toBe("Example bot");
    // The bot moved through the server: its side made proposals or accepted one.
    expect(view.proposals.some((p) => p.side === "us") || view.outcome!.by === view.players.find((p) => p.side === "us")!.id).toBe(true);
    expect(output()).not.toContain("lost move");
    await leaveAll(person);
  }, 90_000);

  it("joins a class as a student (--class), sits where the class seats it when the instructor starts, and plays a person to an outcome", async () => {
    const { code, key } = await openClass(server, { playersPerSide: 1, bots: false, rounds: 5 });
    const teacher = await instructor(server, code, key);
    const aki = await student(server, code, "Aki");
    const program = `${JSON.stringify(process.execPath)} --import tsx examples/bots/typescript/bot.ts`;
    const runner = spawn(process.execPath, ["--import", "tsx", "scripts/bot/main.ts", "--class", code.toLowerCase(), "--name", "Class bot", "--command", program, "--server", `ws://127.0.0.1:${server.port}`], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const { output, exited } = watchProcess(runner);
    for (let i = 0; i < 300 && !output().includes("waiting for the instructor"); i++) await sleep(100);
    expect(output()).toContain(`joined class ${code}`);

    await command(teacher, "start");
    const seat: Assignment = await aki.next("assignment", (x: Assignment) => x.status === "running" && Boolean(x.matchCode));
    const person = await sitAtTable(server, seat);
    // The person offers the real 2025 deal on each of its moves; the bot answers through the server.
    person.room.send("ready", {});
    let offeredAt = -1;
    const offer = (view: TableView) => {
      if (view.phase !== "negotiating" || view.turn !== seat.side || view.seq === offeredAt) return;
      offeredAt = view.seq;
      person.room.send("propose", { offer: scenario.references[0]!.offer });
    };
    person.listeners.add(offer);
    offer(person.state());
    await until(person, (s) => s.phase === "ended", 60_000, "the class table to end").catch((error: Error) => {
      throw new Error(`${error.message}\n--- npm run bot printed ---\n${output()}`);
    });
    expect(await exited, output()).toBe(0);
    const view = person.state();
    expect(output()).toContain(`outcome: ${view.outcome!.kind}`);
    expect(view.players.find((p) => p.side !== seat.side)!.name).toBe("Class bot");
    await leaveAll(person);
    await Promise.all([aki.room.leave(), teacher.room.leave()]);
  }, 120_000);

  it("says what is missing, and how to get help", async () => {
    const runner = spawn(process.execPath, ["--import", "tsx", "scripts/bot/main.ts", "--command", "true"], { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const { output, exited } = watchProcess(runner);
    expect(await exited).toBe(2);
    expect(output()).toContain("--code is missing");
    expect(output()).toContain("npm run bot -- --help");
  }, 30_000);
});
