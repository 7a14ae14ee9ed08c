import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { builtinScenario, DEFAULT_SCENARIO_ID } from "../../shared/index.js";
import { click, ensureClientBuilt, hasChromium, launch, newPage, shot, startServer, texts, until, waitForScene, type Served } from "./harness.js";

/**
 * Class mode in Chromium: the instructor opens a class from the title screen; ten SDK students
 * join (three tables of 2 per side, bots in the last one's empty seats); the dashboard shows the
 * live tables; the students play to the end; the class debrief chart renders.
 * Screenshots: tests/artifacts/class-*.png.
 */

const suite = hasChromium() ? describe : describe.skip;
const deal = builtinScenario(DEFAULT_SCENARIO_ID)!.references[0]!.offer;

suite("class mode in Chromium", () => {
  let served: Served;
  let browser: Browser;
  const rooms: Room[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    served = await startServer(300);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
    await browser?.close();
    await served?.stop();
  });

  it("renders the dashboard with live tables and the class debrief chart", async () => {
    const { page } = await newPage(browser, 1280, 800);
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "class-mode");
    await waitForScene(page, "class");
    await shot(page, "class-1-landing");
    await click(page, "open-class");
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("Class code: "))).catch(async (e) => {
      await shot(page, "class-debug");
      throw new Error(`${e}: ${JSON.stringify(await page.evaluate(() => [window.__tariffTalks?.scene, window.__tariffTalks?.messages, window.__tariffTalks?.texts()]))}`);
    });
    const code = (await texts(page)).find((t) => t.startsWith("Class code: "))!.slice("Class code: ".length);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);

    const ws = served.url.replace("http", "ws");
    const assignments = await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      const room = await new Client(ws).joinById(code, { name: `Student ${i + 1}` });
      rooms.push(room);
      room.onMessage("welcome", () => undefined);
      room.onMessage("error", () => undefined);
      // Wrapped: an async function returning the promise itself would wait for the start.
      return { started: new Promise<any>((resolve) => room.onMessage("assignment", (a: any) => a.matchCode && resolve(a))) };
    }));
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.includes("10 students"))).catch(async (e) => {
      await shot(page, "class-debug");
      throw new Error(`${e}: ${JSON.stringify(await page.evaluate(() => [window.__tariffTalks?.scene, window.__tariffTalks?.messages, window.__tariffTalks?.texts()]))}`);
    });
    await click(page, "class-start");
    const seated = await Promise.all(assignments.map((a) => a.started));
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("T3 · ")));
    await shot(page, "class-2-dashboard");
    expect((await texts(page)).filter((t) => /^T\d · /.test(t))).toHaveLength(3);

    // Students sit down and play scripted moves to the end.
    const ended = seated.map(async (a) => {
      const room = await new Client(ws).joinById(a.matchCode, { seat: a.seatToken });
      rooms.push(room);
      room.onMessage("*", () => undefined);
      await new Promise<void>((resolve) => {
        let acted = -1;
        room.onStateChange((s: any) => {
          if (s.phase === "ended") return resolve();
          if (s.phase !== "negotiating" || s.turn !== a.side || s.seq === acted) return;
          acted = s.seq;
          const standing = s.proposals.find((p: any) => p.id === s.standingProposalId);
          if (standing && standing.side !== a.side) room.send("accept", { proposalId: standing.id });
          else room.send("propose", { offer: deal });
        });
      });
    });
    await Promise.all(ended);
    await until(page, () => window.__tariffTalks?.texts().filter((t) => t.startsWith("agreement") || t.startsWith("walkaway") || t.startsWith("deadline") || t.startsWith("ratification")).length === 3);
    await shot(page, "class-3-dashboard-ended");
    await click(page, "class-debrief");
    await waitForScene(page, "class-debrief");
    await until(page, () => window.__tariffTalks?.texts().includes("T3"));
    const file = await shot(page, "class-4-debrief");
    expect(file).toContain("class-4-debrief");
    const shown = await texts(page);
    // One outcome per table (T3's bots may make its deal fail ratification).
    expect(shown.filter((t) => ["agreement", "walkaway", "deadline", "ratification-failed"].includes(t)).length).toBe(3);
    // Each table is one click from its replay.
    await click(page, "replay-T1");
    await waitForScene(page, "replay");
  }, 120_000);

  it("takes a student from the class code to their table when the instructor starts", async () => {
    const res = await fetch(`${served.url}api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 1, bots: true }) });
    const { code, key } = (await res.json()) as { code: string; key: string };
    const { page } = await newPage(browser);
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "class-mode");
    await waitForScene(page, "class");
    await page.fill("#field-class-code", code.toLowerCase());
    await click(page, "join-class");
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("You sit at table T1")));
    await shot(page, "class-5-student-waiting");
    const desk = await new Client(served.url.replace("http", "ws")).joinById(code, { key });
    rooms.push(desk);
    desk.onMessage("*", () => undefined);
    desk.send("start", {});
    await waitForScene(page, "table", 20_000);
    await shot(page, "class-6-student-table");
    expect((await texts(page)).join(" ")).toContain("Japan");
    // The instructor comes back in a browser with the code and the key: the running dashboard.
    const { page: again } = await newPage(browser);
    await again.goto(served.url);
    await waitForScene(again, "title");
    await click(again, "class-mode");
    await waitForScene(again, "class");
    await again.fill("#field-class-code", code);
    await again.fill("#field-class-key", key);
    await click(again, "join-class");
    await until(again, () => window.__tariffTalks?.texts().some((t) => t.startsWith("T1 · ")));
    await shot(again, "class-7-instructor-back");
  }, 120_000);
});
