import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { buttons, click, ensureClientBuilt, expectDrawn, hasChromium, launch, newPage, shot, startServer, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * At 800×600 no text is drawn under 12 px, and none is cut or spills out of its place: the
 * title, the table, the result, the class landing and the instructor's dashboard (tables in
 * their briefing; the inject panel with every event clear of the send button), in English and
 * Japanese, read from the test hook's text sizes and boxes (and screenshots in
 * tests/artifacts/layout-800-*.png to look at). A fitting layout, not smaller type.
 */

const suite = hasChromium() ? describe : describe.skip;

async function smallTexts(page: Page): Promise<string[]> {
  const styles = await page.evaluate(() => window.__tariffTalks!.textStyles());
  expect(styles.length).toBeGreaterThan(5);
  return styles.filter((s) => s.size < 12).map((s) => `${s.size.toFixed(1)} px: ${s.text.slice(0, 40)}`);
}

/**
 * Texts that do not fit: a caption wider or taller than its button (or a row's text than its row),
 * a text running off the screen, a label of the screen cut with "…" (names may be cut), and a
 * text field whose hint is wider than the field.
 */
async function misfits(page: Page): Promise<string[]> {
  const found = await page.evaluate(() => {
    type Box = { x: number; y: number; width: number; height: number };
    // Outside `b` shrunk by `inset` pixels on each side (a caption touching its plate's edge reads as cut).
    const out = (a: Box, b: Box, inset: number) => a.x < b.x + inset || a.y < b.y + inset || a.x + a.width > b.x + b.width - inset || a.y + a.height > b.y + b.height - inset;
    const screen = { x: 0, y: 0, width: window.innerWidth, height: window.innerHeight };
    const problems: string[] = [];
    for (const t of window.__tariffTalks!.textStyles()) {
      const what = JSON.stringify(t.text.slice(0, 50));
      if (t.within && out(t, t.within, 1)) problems.push(`${what} spills out of its box (${Math.round(t.width)}×${Math.round(t.height)} in ${Math.round(t.within.width)}×${Math.round(t.within.height)})`);
      else if (out(t, screen, -1)) problems.push(`${what} runs off the screen`);
      if (t.cut !== undefined && !t.name) problems.push(`${what} is cut (whole: ${JSON.stringify(t.cut.slice(0, 80))})`);
    }
    // Texts drawn over each other (a toast lies over the screen by design); 2 px of slack for the line boxes.
    const styles = window.__tariffTalks!.textStyles().filter((t) => !t.floating);
    const shrunk = (t: Box): Box => ({ x: t.x + 2, y: t.y + 2, width: t.width - 4, height: t.height - 4 });
    const meet = (a: Box, b: Box) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    styles.forEach((a, i) =>
      styles.slice(i + 1).forEach((b) => {
        if (meet(shrunk(a), shrunk(b))) problems.push(`${JSON.stringify(a.text.slice(0, 40))} and ${JSON.stringify(b.text.slice(0, 40))} overlap`);
      }),
    );
    const context = document.createElement("canvas").getContext("2d")!;
    for (const field of Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea"))) {
      const style = getComputedStyle(field);
      if (!field.placeholder || style.display === "none" || style.visibility === "hidden" || field.offsetParent === null) continue;
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const room = field.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (field.tagName === "INPUT" && context.measureText(field.placeholder).width > room + 1) problems.push(`the hint ${JSON.stringify(field.placeholder)} is wider than its field`);
    }
    return problems;
  });
  return found;
}

suite("800×600", () => {
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

  // 800×600 in both languages; the common screens (1280×720, 1920×1080) must stay clean too.
  const runs = [[800, 600, "en"], [800, 600, "ja"], [1280, 720, "en"], [1280, 720, "ja"], [1920, 1080, "ja"]] as const;
  for (const [width, height, language] of runs) {
    const size = String(width);
    it(`draws no text under 12 px and none cut or spilling out on the title, table, result and class screens (${width}×${height}, ${language})`, async () => {
      const { context, page } = await newPage(browser, width, height);
      await page.addInitScript((lang) => window.localStorage.setItem("tariffTalks.lang", lang), language);
      await page.goto(served.url);
      await waitForScene(page, "title", 30_000);
      expect(await smallTexts(page)).toEqual([]);
      expect.soft(await misfits(page)).toEqual([]);
      await shot(page, `layout-${size}-title-${language}`);

      await click(page, "start-solo");
      await waitForScene(page, "briefing", 30_000);
      await page.waitForTimeout(300);
      expect(await smallTexts(page)).toEqual([]);
      expect.soft(await misfits(page)).toEqual([]);
      await shot(page, `layout-${size}-briefing-${language}`);
      await click(page, "ready");
      await waitForScene(page, "table", 30_000);
      await page.waitForTimeout(500);
      await expectDrawn(page);
      expect(await smallTexts(page)).toEqual([]);
      expect.soft(await misfits(page)).toEqual([]);
      await shot(page, `layout-${size}-table-${language}`);
      // A busier table: our proposal, then the bot's offer on the table and its line in the bubble.
      await page.keyboard.press("ArrowRight");
      await click(page, "propose");
      await page.waitForTimeout(150);
      if ((await buttons(page)).some((b) => b.id === "confirm-yes")) await click(page, "confirm-yes");
      await until(page, () => window.__tariffTalks!.view()!.proposals.some((p) => p.side !== window.__tariffTalks!.seat()!.side), undefined, 30_000);
      await until(page, () => window.__tariffTalks!.view()!.chat.length > 0, undefined, 20_000);
      await page.waitForTimeout(500);
      expect(await smallTexts(page)).toEqual([]);
      expect.soft(await misfits(page)).toEqual([]);
      await shot(page, `layout-${size}-table-offer-${language}`);

      await until(page, () => window.__tariffTalks!.buttons().some((b) => b.id === "walkaway" && b.enabled));
      await click(page, "walkaway");
      await click(page, "confirm-yes");
      await waitForScene(page, "result", 30_000);
      await page.waitForTimeout(500);
      expect(await smallTexts(page)).toEqual([]);
      expect.soft(await misfits(page)).toEqual([]);
      await shot(page, `layout-${size}-result-${language}`);
      // The result's other two tabs: the terms and sheets, and the questions to reflect on.
      for (const tab of ["terms", "reflect"]) {
        await click(page, `tab-${tab}`);
        await page.waitForTimeout(400);
        expect(await smallTexts(page)).toEqual([]);
        expect.soft(await misfits(page)).toEqual([]);
        await shot(page, `layout-${size}-result-${tab}-${language}`);
      }
      await context.close();

      const { context: classContext, page: landing } = await newPage(browser, width, height);
      await landing.addInitScript((lang) => window.localStorage.setItem("tariffTalks.lang", lang), language);
      await landing.goto(served.url);
      await waitForScene(landing, "title", 30_000);
      await click(landing, "class-mode");
      await waitForScene(landing, "class", 30_000);
      expect(await smallTexts(landing)).toEqual([]);
      expect.soft(await misfits(landing)).toEqual([]);
      await shot(landing, `layout-${size}-class-${language}`);

      // The dashboard of a running class: three tables in their briefing.
      const opened = await fetch(`${served.url}api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 1, bots: true }) });
      const { code, key } = (await opened.json()) as { code: string; key: string };
      for (const name of ["Aki", "Sam", "Kei", "Mia", "Ren"]) {
        const room = await new Client(served.url.replace("http", "ws")).joinById(code, { name });
        room.onMessage("*", () => undefined);
        rooms.push(room);
      }
      await classContext.close();
      const { context: deskContext, page: classPage } = await newPage(browser, width, height);
      await classPage.addInitScript((lang) => window.localStorage.setItem("tariffTalks.lang", lang), language);
      await classPage.goto(`${served.url}#class=${code}`);
      await waitForScene(classPage, "class", 30_000);
      await classPage.fill("#field-class-key", key);
      await click(classPage, "join-class");
      await click(classPage, "class-start", 20_000);
      await until(classPage, () => window.__tariffTalks!.texts().filter((t) => /^T\d · /.test(t)).length === 3);
      await until(classPage, () => window.__tariffTalks!.buttons().some((b) => b.id === "class-start-clocks" && b.enabled));
      await classPage.waitForTimeout(500);
      expect(await smallTexts(classPage)).toEqual([]);
      expect.soft(await misfits(classPage)).toEqual([]);
      await shot(classPage, `layout-${size}-dashboard-${language}`);
      await click(classPage, "tab-inject");
      await click(classPage, "deck-market-selloff");
      await classPage.waitForTimeout(300);
      expect(await smallTexts(classPage)).toEqual([]);
      expect.soft(await misfits(classPage)).toEqual([]);
      // Every event of the deck clear of the send button, and of each other.
      const all = await classPage.evaluate(() => window.__tariffTalks!.buttons());
      const deck = all.filter((b) => b.id.startsWith("deck-"));
      const send = all.find((b) => b.id === "inject-send")!;
      expect(deck.length).toBe(13);
      const overlap = (a: typeof send, b: typeof send) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
      expect(deck.filter((b) => overlap(b, send)).map((b) => b.id)).toEqual([]);
      expect(deck.filter((b, i) => deck.some((c, j) => i !== j && overlap(b, c))).map((b) => b.id)).toEqual([]);
      await shot(classPage, `layout-${size}-dashboard-inject-${language}`);
      await deskContext.close();
    }, 180_000);
  }
});
