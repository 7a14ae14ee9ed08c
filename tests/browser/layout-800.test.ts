import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { click, ensureClientBuilt, expectDrawn, hasChromium, launch, newPage, shot, startServer, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * At 800×600 no text is drawn under 12 px: the title, the table, the result and the class
 * landing, in English and Japanese, read from the test hook's text sizes (and screenshots in
 * tests/artifacts/layout-800-*.png to look at).
 */

const suite = hasChromium() ? describe : describe.skip;

async function smallTexts(page: Page): Promise<string[]> {
  const styles = await page.evaluate(() => window.__tariffTalks!.textStyles());
  expect(styles.length).toBeGreaterThan(5);
  return styles.filter((s) => s.size < 12).map((s) => `${s.size.toFixed(1)} px: ${s.text.slice(0, 40)}`);
}

suite("800×600", () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt();
    served = await startServer(200);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  for (const language of ["en", "ja"]) {
    it(`draws no text under 12 px on the title, table, result and class screens (${language})`, async () => {
      const { context, page } = await newPage(browser, 800, 600);
      await page.addInitScript((lang) => window.localStorage.setItem("tariffTalks.lang", lang), language);
      await page.goto(served.url);
      await waitForScene(page, "title", 30_000);
      expect(await smallTexts(page)).toEqual([]);
      await shot(page, `layout-800-title-${language}`);

      await click(page, "start-solo");
      await waitForScene(page, "briefing", 30_000);
      await click(page, "ready");
      await waitForScene(page, "table", 30_000);
      await page.waitForTimeout(500);
      await expectDrawn(page);
      expect(await smallTexts(page)).toEqual([]);
      await shot(page, `layout-800-table-${language}`);

      await until(page, () => window.__tariffTalks!.buttons().some((b) => b.id === "walkaway" && b.enabled));
      await click(page, "walkaway");
      await click(page, "confirm-yes");
      await waitForScene(page, "result", 30_000);
      await page.waitForTimeout(500);
      expect(await smallTexts(page)).toEqual([]);
      await shot(page, `layout-800-result-${language}`);
      await context.close();

      const { context: classContext, page: classPage } = await newPage(browser, 800, 600);
      await classPage.addInitScript((lang) => window.localStorage.setItem("tariffTalks.lang", lang), language);
      await classPage.goto(served.url);
      await waitForScene(classPage, "title", 30_000);
      await click(classPage, "class-mode");
      await waitForScene(classPage, "class", 30_000);
      expect(await smallTexts(classPage)).toEqual([]);
      await shot(classPage, `layout-800-class-${language}`);
      await classContext.close();
    }, 120_000);
  }
});
