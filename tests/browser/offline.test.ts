import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { click, ensureClientBuilt, hasChromium, launch, newPage, shot, startServer, until, waitForScene, type Served } from "../../scripts/browser/harness.js";
import { freePort } from "../server/helpers.js";
import { snapshot } from "./picture.js";

/**
 * Connections that go away: the browser offline for 10 s on the table and on the dashboard
 * (the banner says so, a move or command pressed meanwhile is refused in words, and everything
 * works again once back), and the server killed (-9) and restarted under a student, an
 * instructor and a spectator, who all end on the same screen without a reload.
 */

const suite = hasChromium() ? describe : describe.skip;
const messages = (page: Page) => page.evaluate(() => window.__tariffTalks!.messages);
const away = (page: Page) => until(page, () => window.__tariffTalks!.messages.some((m) => m.includes("reconnecting")), undefined, 20_000);

suite("offline and restarts", () => {
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt();
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
  });

  it("10 s offline at the table and at the dashboard: the banner shows, moves pressed meanwhile are refused in words, then every control works", async () => {
    const served: Served = await startServer(200);
    try {
      // The table: a solo match, my move.
      const { context, page } = await newPage(browser);
      await page.goto(served.url);
      await waitForScene(page, "title");
      await click(page, "start-solo");
      await waitForScene(page, "briefing");
      await click(page, "ready");
      await waitForScene(page, "table");
      await until(page, () => window.__tariffTalks!.view()!.turn === "japan");
      const seq = await page.evaluate(() => window.__tariffTalks!.view()!.seq);

      await context.setOffline(true);
      await away(page);
      await page.keyboard.press("p"); // propose, by its shortcut
      await until(page, () => window.__tariffTalks!.messages.some((m) => m.startsWith("You are offline")));
      await shot(page, "offline-table");
      await page.waitForTimeout(10_000);
      expect(await page.evaluate(() => window.__tariffTalks!.view()!.seq)).toBe(seq);
      await context.setOffline(false);
      await until(page, () => window.__tariffTalks!.status() === "open", undefined, 30_000);
      await click(page, "propose");
      // My proposal counts, and the bot answers it.
      await until(page, () => window.__tariffTalks!.view()!.proposals.length >= 2, undefined, 15_000);
      await shot(page, "offline-table-back");
      await context.close();

      // The dashboard of a class that runs.
      const opened = await fetch(`${served.url}api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 1, bots: true, briefingSeconds: 0 }) });
      const { code, key } = (await opened.json()) as { code: string; key: string };
      const kid = await new Client(served.url.replace("http", "ws")).joinById(code, { name: "Aki" });
      kid.onMessage("*", () => undefined);
      const teacher = await newPage(browser);
      await teacher.page.goto(`${served.url}#class=${code}`);
      await waitForScene(teacher.page, "class");
      await teacher.page.fill("#field-class-key", key);
      await click(teacher.page, "join-class");
      await click(teacher.page, "class-start");
      await until(teacher.page, () => window.__tariffTalks!.buttons().some((b) => b.id === "class-pause" && b.enabled), undefined, 20_000);

      await teacher.context.setOffline(true);
      await away(teacher.page);
      await click(teacher.page, "class-pause");
      await until(teacher.page, () => window.__tariffTalks!.messages.some((m) => m.startsWith("You are offline")));
      await shot(teacher.page, "offline-dashboard");
      await teacher.page.waitForTimeout(10_000);
      const auth = { headers: { Authorization: `Bearer ${key}` } };
      expect(((await (await fetch(`${served.url}api/classes/${code}`, auth)).json()) as { paused: boolean }).paused).toBe(false);
      await teacher.context.setOffline(false);
      await until(teacher.page, () => window.__tariffTalks!.messages.some((m) => m.includes("Back")), undefined, 30_000);
      await click(teacher.page, "class-pause");
      await until(teacher.page, () => window.__tariffTalks!.buttons().some((b) => b.id === "class-resume"), undefined, 10_000);
      expect(((await (await fetch(`${served.url}api/classes/${code}`, auth)).json()) as { paused: boolean }).paused).toBe(true);
      // The debrief opens after the drop too.
      await click(teacher.page, "class-debrief");
      await waitForScene(teacher.page, "class-debrief");
      await until(teacher.page, () => window.__tariffTalks!.texts().some((t) => t.includes("T1")), undefined, 15_000);
      await shot(teacher.page, "offline-debrief-after");
      expect((await messages(teacher.page)).some((m) => m.startsWith("You are offline"))).toBe(true);
      await kid.leave().catch(() => undefined);
      await teacher.context.close();
    } finally {
      await served.stop();
    }
  }, 180_000);

  it("a server killed (-9) and restarted: the student, the spectator and the instructor end on the same screen, without a reload", async () => {
    const port = await freePort();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-restart-"));
    const root = path.resolve(".");
    const url = `http://127.0.0.1:${port}/`;
    let server = await startProcess(root, port, dataDir);
    const sdkRooms: Room[] = [];
    try {
      // A class of one table: Aki (this browser) for Japan, Sam (an SDK client) for the US, no bots;
      // a latecomer (a browser) finds no seat and watches; the instructor has the dashboard.
      const opened = await fetch(`${url}api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 1, bots: false, briefingSeconds: 0 }) });
      const { code, key } = (await opened.json()) as { code: string; key: string };
      const student = await newPage(browser);
      await joinClass(student.page, url, code, "Aki");
      const sam = await stayingStudent(`ws://127.0.0.1:${port}`, code, "Sam", sdkRooms);
      const teacher = await newPage(browser);
      await teacher.page.goto(`${url}#class=${code}`);
      await waitForScene(teacher.page, "class");
      await teacher.page.fill("#field-class-key", key);
      await click(teacher.page, "join-class");
      await click(teacher.page, "class-start", 20_000);
      await waitForScene(student.page, "table", 60_000);
      const watcher = await newPage(browser);
      await joinClass(watcher.page, url, code, "Late Kim");
      await waitForScene(watcher.page, "watch", 60_000);
      // A move, so the screens show something that must survive.
      await sam.ready;
      await move(student.page, sam.room());
      await until(student.page, () => window.__tariffTalks!.view()!.proposals.length === 1);
      await until(watcher.page, () => window.__tariffTalks!.view()!.proposals.length === 1);
      const pages = { student: student.page, watcher: watcher.page, teacher: teacher.page };
      const before = Object.fromEntries(await Promise.all(Object.entries(pages).map(async ([who, page]) => [who, await snapshot(page)] as const)));

      await killGroup(server);
      for (const page of Object.values(pages)) await away(page);
      server = await startProcess(root, port, dataDir);

      for (const [who, page] of Object.entries(pages)) {
        await until(page, () => window.__tariffTalks!.messages.at(-1)?.includes("Back") || window.__tariffTalks!.status() === "open", undefined, 90_000);
        const deadline = Date.now() + 30_000;
        let after = await snapshot(page);
        while (JSON.stringify(after.texts) !== JSON.stringify(before[who]!.texts) && Date.now() < deadline) {
          await page.waitForTimeout(500);
          after = await snapshot(page);
        }
        await shot(page, `restart-${who}-after`);
        expect(after.scene, who).toBe(before[who]!.scene);
        expect(after.texts, who).toEqual(before[who]!.texts);
      }
      // Every control works again: two more moves, one of them the student's, by mouse.
      for (const count of [2, 3]) {
        await move(student.page, sam.room());
        await until(student.page, (n) => window.__tariffTalks!.view()!.proposals.length === n, count, 20_000);
      }
      for (const context of [student.context, watcher.context, teacher.context]) await context.close();
    } finally {
      stopStudents = true;
      // A room of the killed server never answers a leave: each gets a second.
      await Promise.all(sdkRooms.map((r) => Promise.race([r.leave().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 1000))])));
      await killGroup(server);
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 300_000);
});

/** The side to move proposes: the student in the browser by mouse, or Sam through the SDK. */
async function move(page: Page, sam: Room): Promise<void> {
  const { mine, noDeal } = await page.evaluate(() => ({ mine: window.__tariffTalks!.view()!.turn === window.__tariffTalks!.seat()!.side, noDeal: window.__tariffTalks!.view()!.scenario.noDeal }));
  if (!mine) return sam.send("propose", { offer: noDeal });
  await click(page, "propose");
  // A draft that crosses one of my red lines is proposed only after a confirmation.
  await page.waitForTimeout(300);
  if ((await page.evaluate(() => window.__tariffTalks!.buttons().some((b) => b.id === "confirm-yes")))) await click(page, "confirm-yes");
}

/** Set when a test is done: the SDK students stop taking their seats back. */
let stopStudents = false;

async function joinClass(page: Page, url: string, code: string, name: string): Promise<void> {
  await page.goto(url);
  await waitForScene(page, "title");
  await click(page, "class-mode");
  await waitForScene(page, "class");
  await page.fill("#field-class-code", code);
  await page.fill("#field-class-name", name);
  await click(page, "join-class");
}

/** A student as an SDK client that sits at its table when the class starts and takes its seat back after a restart. */
async function stayingStudent(ws: string, code: string, name: string, rooms: Room[]): Promise<{ ready: Promise<void>; room: () => Room }> {
  let table: Room | null = null;
  const cls = await new Client(ws).joinById(code, { name });
  rooms.push(cls);
  let sat: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (sat = resolve));
  const sit = async (matchCode: string, seatToken: string): Promise<void> => {
    while (!stopStudents) {
      try {
        const room = await new Client(ws).joinById(matchCode, { seat: seatToken });
        room.onMessage("*", () => undefined);
        room.onLeave(() => void sit(matchCode, seatToken));
        room.reconnection.enabled = false;
        rooms.push(room);
        table = room;
        sat();
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  };
  cls.onMessage("*", () => undefined);
  cls.onMessage("assignment", (a: { matchCode: string | null; seatToken: string | null }) => {
    if (a.matchCode && a.seatToken && !table) void sit(a.matchCode, a.seatToken);
  });
  return { ready, room: () => table! };
}

async function startProcess(root: string, port: number, dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATA_DIR: dataDir, CLIENT_DIR: path.join(root, "client/dist"), BOT_DELAY_MS: "200" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  await new Promise<void>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the server did not start: ${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("is running at")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", read);
    child.stderr!.on("data", read);
    child.once("exit", (exitCode) => reject(new Error(`the server exited (${exitCode}): ${output}`)));
  });
  return child;
}

/** kill -9: the server process goes at once, with no chance to close anything. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}
