import { Client, type Room } from "@colyseus/sdk";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtinScenario, DEFAULT_SCENARIO_ID } from "../../shared/index.js";
import { click, ensureClientBuilt, hasChromium, launch, newPage, shot, startServer, until, waitForScene, type Served } from "../../scripts/browser/harness.js";
import { samePicture, snapshot, type Snapshot } from "./picture.js";

/**
 * A reload on every screen gives back the same screen: the same rows, names and points (the
 * test hook's texts) and the same picture (screenshots compared pixel by pixel). A pvp match
 * (the other side an SDK client), a class (instructor and student pages), and a replay.
 * Screenshots: tests/artifacts/reload-*.png.
 */

const suite = hasChromium() ? describe : describe.skip;
const deal = builtinScenario(DEFAULT_SCENARIO_ID)!.references[0]!.offer;

suite("a reload on every screen", () => {
  let served: Served;
  let browser: Browser;
  const rooms: Room[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    served = await startServer(200);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
    await browser?.close();
    await served?.stop();
  });

  /** Reloads the page and expects the same screen, texts and picture; returns the picture after. */
  async function reloadKeeps(page: Page, name: string, ready: (page: Page) => Promise<void> = async () => undefined): Promise<Snapshot> {
    const before = await snapshot(page);
    await shot(page, `reload-${name}-before`);
    await page.reload();
    await waitForScene(page, before.scene, 20_000);
    await ready(page);
    const after = await samePicture(page, before);
    await shot(page, `reload-${name}-after`);
    expect(after.scene, name).toBe(before.scene);
    expect(after.texts, name).toEqual(before.texts);
    expect(after.pixelsChanged, `${name}: share of pixels that changed`).toBeLessThan(0.02);
    return after;
  }

  const ws = () => served.url.replace("http", "ws");
  const view = (page: Page) => page.evaluate(() => window.__tariffTalks!.view());

  it("title, briefing, the table on my move and on theirs, the result, and the replay", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(served.url);
    await waitForScene(page, "title");
    await reloadKeeps(page, "title");

    // A pvp table: this page hosts Japan, an SDK client sits on the US side.
    await click(page, "host");
    await waitForScene(page, "briefing");
    const code = (await page.evaluate(() => window.__tariffTalks!.code()))!;
    const us = await new Client(ws()).joinById(code, { side: "us", name: "Scott" });
    rooms.push(us);
    us.onMessage("view", () => undefined);
    us.onMessage("step", () => undefined);
    await until(page, () => window.__tariffTalks!.view()!.players.length === 2);
    await reloadKeeps(page, "briefing");

    us.send("ready", {});
    await click(page, "ready");
    await waitForScene(page, "table");
    await until(page, () => window.__tariffTalks!.view()!.turn === "japan");
    const mine = await reloadKeeps(page, "table-my-move");
    expect(mine.texts.some((t) => t.includes("Your move"))).toBe(true);

    await click(page, "propose");
    await until(page, () => window.__tariffTalks!.view()!.proposals.length === 1 && window.__tariffTalks!.view()!.turn === "us");
    const theirs = await reloadKeeps(page, "table-their-move");
    expect(theirs.texts.some((t) => t.includes("Your move"))).toBe(false);
    // The proposal list shows my offer's points on my sheet, after the reload as before.
    expect(theirs.texts.some((t) => /\d/.test(t) && t.includes("pts"))).toBe(true);

    us.send("propose", { offer: deal });
    await until(page, () => window.__tariffTalks!.view()!.turn === "japan" && window.__tariffTalks!.view()!.proposals.length === 2);
    await click(page, "accept");
    await click(page, "confirm-yes");
    await waitForScene(page, "result");
    const result = await reloadKeeps(page, "result");
    expect(result.texts.join(" ")).not.toContain("undefined");
    expect((await view(page))!.outcome?.kind).toMatch(/agreement|ratification-failed/);

    // The replay of that match, a few steps in.
    await page.evaluate(() => window.sessionStorage.clear());
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "replay");
    await waitForScene(page, "replay-pick");
    await click(page, `match-${code}`);
    await waitForScene(page, "replay");
    for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
    await until(page, () => (window.__tariffTalks as unknown as { replay?: { step(): number } }).replay?.step() === 4);
    await reloadKeeps(page, "replay", async (p) => {
      await until(p, () => (window.__tariffTalks as unknown as { replay?: { step(): number } }).replay?.step() === 4);
    });
    await context.close();
  }, 180_000);

  it("the class landing, the waiting room, the dashboard before and after the start, and the class debrief", async () => {
    const teacher = await newPage(browser);
    const page = teacher.page;
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "class-mode");
    await waitForScene(page, "class");
    await reloadKeeps(page, "class-landing");

    await click(page, "class-setup");
    await click(page, "open-class");
    await until(page, () => window.__tariffTalks!.texts().some((t) => t.startsWith("Class code: ")));
    const code = (await page.evaluate(() => window.__tariffTalks!.texts().find((t) => t.startsWith("Class code: "))!)).slice("Class code: ".length);
    await click(page, "key-done");
    await until(page, () => !window.__tariffTalks!.buttons().some((b) => b.id === "key-done"));

    // A student, in their own page: the waiting room.
    const pupil = await newPage(browser);
    await pupil.page.goto(served.url);
    await waitForScene(pupil.page, "title");
    await click(pupil.page, "class-mode");
    await waitForScene(pupil.page, "class");
    await pupil.page.fill("#field-class-code", code);
    await pupil.page.fill("#field-class-name", "Aki");
    await click(pupil.page, "join-class");
    await until(pupil.page, () => window.__tariffTalks!.texts().includes("Table T1"));
    await reloadKeeps(pupil.page, "class-waiting", async (p) => {
      await until(p, () => window.__tariffTalks!.texts().includes("Table T1"));
    });
    await until(page, () => window.__tariffTalks!.texts().some((t) => t.includes("Aki")));
    await reloadKeeps(page, "class-dashboard-seating", async (p) => {
      await until(p, () => window.__tariffTalks!.texts().some((t) => t.includes("Aki")));
    });

    await click(page, "class-start");
    // The class table opens in the briefing (its reload: tests/browser/class-briefing.test.ts); "ready" (the bots are) starts the clock.
    await waitForScene(pupil.page, "briefing", 60_000);
    await click(pupil.page, "ready");
    await waitForScene(pupil.page, "table", 60_000);
    // Bots hold the other seats and play on; paused, the dashboard holds still for the comparison.
    await click(page, "class-pause", 20_000);
    await until(page, () => window.__tariffTalks!.buttons().some((b) => b.id === "class-resume" && b.enabled));
    await reloadKeeps(page, "class-dashboard-running", async (p) => {
      await until(p, () => window.__tariffTalks!.buttons().some((b) => b.id === "class-resume" && b.enabled));
    });

    await click(page, "class-debrief");
    await waitForScene(page, "class-debrief");
    await until(page, () => window.__tariffTalks!.texts().some((t) => t.includes("T1")));
    await reloadKeeps(page, "class-debrief", async (p) => {
      await until(p, () => window.__tariffTalks!.texts().some((t) => t.includes("T1")));
    });
    // Where the class chart plots the real deal, its notes are a key away (issue 23).
    await click(page, "open-real-deal");
    await until(page, () => window.__tariffTalks!.texts().some((t) => t.includes("critical-minerals framework was signed on 28 October 2025")));
    await shot(page, "reload-class-debrief-real-deal");
    await pupil.context.close();
    await teacher.context.close();
  }, 180_000);
});
