import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { click, ensureClientBuilt, hasChromium, launch, newPage, shot, startServer, texts, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * "How to play" in Chromium: a first visit to the table opens the walkthrough by itself; it
 * steps on with Enter, "Skip" ends it and it stays ended across a reload (localStorage); H or
 * its button opens it again, Escape closes it. The chat shortcut C opens the chat without typing
 * a "c". Screenshots: tests/artifacts/walkthrough-*.png (EN and JA).
 */

const suite = hasChromium() ? describe : describe.skip;

const step = (page: Page) => page.evaluate(() => window.__tariffTalks!.texts().find((t) => /^(How to play · |遊び方・)\d/.test(t)) ?? null);
const walkOpen = (page: Page) => page.evaluate(() => window.__tariffTalks!.buttons().some((b) => b.id === "walk-next"));

async function soloTable(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await waitForScene(page, "title", 30_000);
  await click(page, "start-solo");
  await waitForScene(page, "briefing", 30_000);
  await click(page, "ready");
  await waitForScene(page, "table", 30_000);
}

suite("the table's walkthrough", () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt();
    served = await startServer(60_000);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  it("opens on a first visit, steps on, is skipped, stays skipped after a reload, and comes back with H", async () => {
    const { context, page } = await newPage(browser, 1280, 720, { firstVisit: true });
    await soloTable(page, served.url);
    await until(page, () => window.__tariffTalks!.buttons().some((b) => b.id === "walk-next"));
    expect(await step(page)).toBe("How to play · 1 of 5");
    expect(await texts(page)).toContain("The issues on the table");
    // While it is open the table's own keys wait: P does not propose.
    expect((await page.evaluate(() => window.__tariffTalks!.buttons())).map((b) => b.id).sort()).toEqual(["walk-next", "walk-skip"]);
    await shot(page, "walkthrough-1-first-visit");
    await page.keyboard.press("Enter");
    await until(page, () => window.__tariffTalks!.texts().includes("How to play · 2 of 5"));
    expect(await texts(page)).toContain("Your points");
    await page.keyboard.press("Enter");
    await until(page, () => window.__tariffTalks!.texts().includes("How to play · 3 of 5"));
    await shot(page, "walkthrough-2-moves");
    await click(page, "walk-skip");
    await until(page, () => !window.__tariffTalks!.buttons().some((b) => b.id === "walk-next"));
    expect(await step(page)).toBeNull();
    expect(await page.evaluate(() => window.localStorage.getItem("tariffTalks.walkthroughSeen"))).toBe("1");
    expect(await page.evaluate(() => window.__tariffTalks!.view()!.proposals.length)).toBe(0);

    // Seen: a reload goes straight back to the table.
    await page.reload();
    await waitForScene(page, "table", 30_000);
    await page.waitForTimeout(500);
    expect(await walkOpen(page)).toBe(false);

    // H (or the button) opens it again from the start; Escape closes it; to the end with Enter.
    await page.keyboard.press("h");
    await until(page, () => window.__tariffTalks!.texts().includes("How to play · 1 of 5"));
    await page.keyboard.press("Escape");
    await until(page, () => !window.__tariffTalks!.buttons().some((b) => b.id === "walk-next"));
    await click(page, "how-to-play");
    for (let n = 1; n <= 5; n++) {
      await until(page, (k) => window.__tariffTalks!.texts().includes(`How to play · ${k} of 5`), n);
      await page.keyboard.press("Enter");
    }
    await until(page, () => !window.__tariffTalks!.buttons().some((b) => b.id === "walk-next"));
    expect(await page.evaluate(() => window.__tariffTalks!.buttons().some((b) => b.id === "walkaway"))).toBe(true);

    // C opens the chat and types nothing into it.
    await page.keyboard.press("c");
    await until(page, () => document.activeElement?.id === "field-chat");
    await page.waitForTimeout(200);
    expect(await page.inputValue("#field-chat")).toBe("");
    await page.keyboard.type("hello");
    expect(await page.inputValue("#field-chat")).toBe("hello");
    await context.close();
  }, 300_000);

  it("is in Japanese at 800×600, with no text under 12 px", async () => {
    const { context, page } = await newPage(browser, 800, 600, { firstVisit: true });
    await page.addInitScript(() => window.localStorage.setItem("tariffTalks.lang", "ja"));
    await soloTable(page, served.url);
    for (let n = 1; n <= 5; n++) {
      await until(page, (k) => window.__tariffTalks!.texts().includes(`遊び方・${k}/5`), n);
      const small = (await page.evaluate(() => window.__tariffTalks!.textStyles())).filter((s) => s.size < 12).map((s) => `${s.size} px: ${s.text.slice(0, 30)}`);
      expect(small).toEqual([]);
      // The card stays on the screen.
      const card = (await page.evaluate(() => window.__tariffTalks!.buttons())).find((b) => b.id === "walk-next")!;
      expect(card.x + card.width).toBeLessThanOrEqual(800);
      expect(card.y + card.height).toBeLessThanOrEqual(600);
      await shot(page, `walkthrough-ja-800-${n}`);
      await page.keyboard.press("Enter");
    }
    await until(page, () => !window.__tariffTalks!.buttons().some((b) => b.id === "walk-next"));
    await context.close();
  }, 300_000);
});
