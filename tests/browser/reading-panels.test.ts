import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { click, ensureClientBuilt, expectDrawn, hasChromium, launch, newPage, shot, startServer, texts, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * Issue 23 in the browser: the briefing and the result screens open "How this model works",
 * "Sources" and (on the result) "★ The real deal", in English and in Japanese. Screenshots go to
 * tests/artifacts/23-*.png.
 */

const suite = hasChromium() ? describe : describe.skip;

type Language = "en" | "ja";
const words = {
  en: {
    briefing: "Confidential briefing",
    modelTitle: "How this model works, and what it assumes",
    model: "Ratification is a teaching model",
    sourcesTitle: "Sources",
    source: "The Japan Times — Akazawa says progress made",
    realDealTitle: "The real deal of 22 July 2025, as written",
    realDeal: "critical-minerals framework was signed on 28 October 2025",
    result: "The talks are over",
  },
  ja: {
    briefing: "極秘ブリーフィング",
    modelTitle: "このモデルの仕組みと仮定",
    model: "批准は教材上のモデル",
    sourcesTitle: "出典",
    source: "The Japan Times — Akazawa says progress made",
    realDealTitle: "2025年7月22日の実際の合意（文書のとおり）",
    realDeal: "重要鉱物の枠組みは2025年10月28日に別に署名された",
    result: "交渉終了",
  },
} as const;

suite("reading panels in Chromium (issue 23)", () => {
  let served: Served;
  let browser: Browser;

  beforeAll(async () => {
    ensureClientBuilt();
    served = await startServer(150);
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  const shows = (page: Page, text: string) => until(page, (wanted) => window.__tariffTalks!.texts().some((t) => t.includes(wanted)), text, 20_000);

  /** Opens a panel by its button, checks its title and a line of it, takes a screenshot, and closes it. */
  async function readPanel(page: Page, button: string, title: string, line: string, name: string): Promise<void> {
    await click(page, button);
    await shows(page, title);
    await shows(page, line);
    await page.waitForTimeout(150);
    await expectDrawn(page);
    await shot(page, name);
    await click(page, "panel-close");
    await until(page, (t) => !window.__tariffTalks!.texts().some((x) => x === t), title, 5000);
  }

  /** Turns the sources panel's pages until `line` shows (the list spans pages at 1280×720). */
  async function findOnPages(page: Page, line: string): Promise<void> {
    for (let i = 0; i < 10; i++) {
      if ((await texts(page)).some((t) => t.includes(line))) return;
      await click(page, "panel-next");
      await page.waitForTimeout(100);
    }
    throw new Error(`"${line}" is on no page of the panel`);
  }

  for (const language of ["en", "ja"] as const satisfies readonly Language[]) {
    it(`(${language}) the briefing and the result show the assumptions, the sources and the real deal`, async () => {
      const w = words[language];
      const { page } = await newPage(browser);
      await page.goto(served.url);
      await waitForScene(page, "title");
      if (language === "ja") {
        await page.keyboard.press("l");
        await until(page, () => window.__tariffTalks!.language === "ja" && window.__tariffTalks!.interactive);
      }
      await click(page, "side-japan");
      await click(page, "start-solo");
      await waitForScene(page, "briefing");
      await shows(page, w.briefing);
      await page.waitForTimeout(300);
      await shot(page, `23-${language}-briefing`);

      await readPanel(page, "open-model", w.modelTitle, w.model, `23-${language}-briefing-model`);
      await click(page, "open-sources");
      await shows(page, w.sourcesTitle);
      await findOnPages(page, w.source);
      await shot(page, `23-${language}-briefing-sources`);
      await click(page, "panel-close");

      // To the result: ready, then walk away at once (no deal).
      await click(page, "ready");
      await waitForScene(page, "table");
      await click(page, "walkaway");
      await click(page, "confirm-yes");
      await waitForScene(page, "result");
      await shows(page, w.result);
      await page.waitForTimeout(300);
      await shot(page, `23-${language}-result`);

      await readPanel(page, "open-real-deal", w.realDealTitle, w.realDeal, `23-${language}-result-real-deal`);
      await readPanel(page, "open-model", w.modelTitle, w.model, `23-${language}-result-model`);
      await click(page, "open-sources");
      await shows(page, w.sourcesTitle);
      await shot(page, `23-${language}-result-sources`);
      await page.keyboard.press("Escape");
      await until(page, () => !window.__tariffTalks!.buttons().some((b) => b.id === "panel-close"), undefined, 5000);
      expect(await page.evaluate(() => window.__tariffTalks!.scene)).toBe("result");
      await page.context().close();
    }, 150_000);
  }
});
