import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { click, ensureClientBuilt, hasChromium, launch, newPage, shot, startServer, texts, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * A class as its students see it in Chromium: the table opens in the briefing with the
 * countdown to the clock (a reload keeps it), "ready" waits for the rest of the table, and the
 * clock starts when the last student is ready. At the table the briefing is one key away and
 * comes back without losing the draft. A paused table: the banner, the clock frozen, moves off
 * with the reason. Screenshots: tests/artifacts/class-briefing-*.png.
 */

const suite = hasChromium() ? describe : describe.skip;

/** The texts without the clocks' seconds, which move on while a test looks. */
const steady = async (page: Page) => (await texts(page)).map((t) => t.replace(/\d+:\d\d/g, "m:ss").replace(/\d+s left/g, "Ns left")).sort();

suite("a class in Chromium: briefing first, then the clock; pause", () => {
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

  /** A class of one table: Aki in this page (Japan), Sam over the SDK (US); the instructor's desk over the SDK. Started. */
  async function classWithAki(page: Page, settings: Record<string, unknown>): Promise<{ desk: Room; sam: Promise<Room> }> {
    const opened = await fetch(`${served.url}api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 1, bots: false, events: "none", ...settings }) });
    const { code, key } = (await opened.json()) as { code: string; key: string };
    const ws = served.url.replace("http", "ws");
    await page.goto(`${served.url}#class=${code}`);
    await waitForScene(page, "class");
    await page.fill("#field-class-name", "Aki");
    await click(page, "join-class");
    await until(page, () => window.__tariffTalks!.texts().includes("Table T1"));
    const cls = await new Client(ws).joinById(code, { name: "Sam" });
    rooms.push(cls);
    cls.onMessage("*", () => undefined);
    const sam = new Promise<Room>((resolve) => cls.onMessage("assignment", (a: { matchCode: string | null; seatToken: string }) => {
      if (a.matchCode) void new Client(ws).joinById(a.matchCode, { seat: a.seatToken }).then((room) => (rooms.push(room), room.onMessage("*", () => undefined), resolve(room)));
    }));
    const desk = await new Client(ws).joinById(code, { key });
    rooms.push(desk);
    desk.onMessage("*", () => undefined);
    desk.send("start", {});
    return { desk, sam };
  }

  it("opens the briefing first, keeps it across a reload, and starts the clock when the last student is ready", async () => {
    const { context, page } = await newPage(browser, 1280, 720);
    const { sam } = await classWithAki(page, { turnSeconds: 120 });
    await waitForScene(page, "briefing", 30_000);
    const view = () => page.evaluate(() => window.__tariffTalks!.view()!);
    expect((await view()).table.turnEndsAt).toBe(0);
    expect((await view()).table.briefingEndsAt).toBeGreaterThan(Date.now() + 240_000);
    const countdown = (await texts(page)).join("\n");
    expect(countdown).toMatch(/The clock starts when everyone at the table is ready \(✓\), or in [45]:\d\d\./);
    expect(countdown).toContain("Confidential briefing");
    await shot(page, "class-briefing-1-en");
    // The story and brief are longer than their column: the rest scrolls into view (red lines last).
    expect(countdown).toContain("▼ Page Up / Page Down or the mouse wheel scrolls the sheet");
    expect(countdown).not.toContain("Red lines");
    for (let i = 0; i < 6; i++) await page.keyboard.press("PageDown");
    await until(page, () => window.__tariffTalks!.texts().includes("Red lines"));
    await shot(page, "class-briefing-1b-scrolled");
    for (let i = 0; i < 6; i++) await page.keyboard.press("PageUp");
    await until(page, () => window.__tariffTalks!.texts().includes("The story so far"));

    // A reload comes back to the same briefing (the seat from the class link, the same texts).
    const before = await steady(page);
    await page.reload();
    await waitForScene(page, "briefing", 30_000);
    await until(page, () => window.__tariffTalks!.texts().some((t) => t.includes("The clock starts")));
    expect(await steady(page)).toEqual(before);

    // In Japanese too.
    await click(page, "language");
    await until(page, () => window.__tariffTalks!.texts().some((t) => t.includes("後に時計が動き出します")));
    await shot(page, "class-briefing-2-ja");
    await click(page, "language");
    await until(page, () => window.__tariffTalks!.language === "en" && window.__tariffTalks!.interactive);

    // Aki is ready; the clock waits for Sam.
    await click(page, "ready");
    await until(page, () => window.__tariffTalks!.texts().some((t) => t.includes("Ready — the clock starts when everyone at the table is ready")));
    await until(page, () => window.__tariffTalks!.texts().some((t) => t.includes("Aki (you) — Japan ✓")));
    expect(await page.evaluate(() => window.__tariffTalks!.buttons().find((b) => b.id === "ready")!.enabled)).toBe(false);
    await shot(page, "class-briefing-3-waiting");
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.__tariffTalks!.scene)).toBe("briefing");
    (await sam).send("ready", {});
    await waitForScene(page, "table", 20_000);
    expect((await view()).table.turnEndsAt).toBeGreaterThan(Date.now() + 100_000);
    await until(page, () => window.__tariffTalks!.texts().some((t) => /Round 1 of \d+\n▶ Your move {2}⏱ 1\d\ds left/.test(t)));
    await shot(page, "class-briefing-4-clock");

    // The briefing again from the table (B) and back (B): the draft is what it was.
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    const table = await steady(page);
    await page.keyboard.press("b");
    await waitForScene(page, "briefing");
    expect((await texts(page)).join("\n")).toContain("The negotiation is under way and your draft is kept. B goes back to the table.");
    expect((await texts(page)).join("\n")).toContain("Your own brief");
    await shot(page, "class-briefing-5-reopened");
    await page.keyboard.press("b");
    await waitForScene(page, "table");
    expect(await steady(page)).toEqual(table);
    // The same by the button.
    await click(page, "briefing");
    await waitForScene(page, "briefing");
    await click(page, "back-to-table");
    await waitForScene(page, "table");
    expect(await steady(page)).toEqual(table);
    await context.close();
  }, 180_000);

  it("shows a paused table to a student: the banner, the clock frozen, moves off with the reason", async () => {
    const { context, page } = await newPage(browser, 1280, 720);
    const { desk, sam } = await classWithAki(page, { turnSeconds: 120, briefingSeconds: 0 });
    await sam;
    await waitForScene(page, "table", 30_000);
    await until(page, () => window.__tariffTalks!.buttons().some((b) => b.id === "propose" && b.enabled));
    desk.send("pause", {});
    await until(page, () => window.__tariffTalks!.view()!.table.paused);
    await until(page, () => window.__tariffTalks!.texts().some((t) => t === "Round 1 of 9\n⏸ Paused — moves wait"));
    const shown = await texts(page);
    // The delegation to move says so too, not "your move".
    expect(shown).toContain("● Japan  ⏸ paused");
    // The banner stays up for as long as the pause lasts.
    expect(shown).toContain("⟳  Paused by your instructor: the clock is stopped and moves wait until play resumes.");
    // No countdown while paused, and none running on the server.
    expect(shown.filter((t) => t.includes("⏱"))).toEqual([]);
    expect(await page.evaluate(() => window.__tariffTalks!.view()!.table.turnEndsAt)).toBe(0);
    const enabled = async () => Object.fromEntries((await page.evaluate(() => window.__tariffTalks!.buttons())).map((b) => [b.id, b.enabled]));
    expect(await enabled()).toMatchObject({ propose: false, accept: false, walkaway: false, briefing: true, "how-to-play": true });
    // The shortcut does nothing either: no proposal reaches the table.
    await page.keyboard.press("p");
    await page.waitForTimeout(800);
    expect(await page.evaluate(() => window.__tariffTalks!.view()!.proposals.length)).toBe(0);
    await shot(page, "class-briefing-6-paused");
    // The briefing says it too.
    await page.keyboard.press("b");
    await waitForScene(page, "briefing");
    expect(await texts(page)).toContain("⟳  Paused by your instructor: the clock is stopped and moves wait until play resumes.");
    await shot(page, "class-briefing-7-paused-briefing");
    await page.keyboard.press("b");
    await waitForScene(page, "table");

    desk.send("resume", {});
    await until(page, () => !window.__tariffTalks!.view()!.table.paused);
    await until(page, () => window.__tariffTalks!.texts().some((t) => /▶ Your move {2}⏱ \d+s left/.test(t)));
    expect(await enabled()).toMatchObject({ propose: true, walkaway: true });
    expect((await texts(page)).some((t) => t.includes("Paused by your instructor"))).toBe(false);
    await context.close();
  }, 120_000);
});
