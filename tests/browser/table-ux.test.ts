import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { buttons, click, ensureClientBuilt, hasChromium, launch, newPage, shot, startServer, texts, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * The table in Chromium, as a player meets it: the chat shortcut does not type its own letter;
 * proposing a package worse than no deal opens a dialog whose first line says so with both
 * numbers and whose focus is on Cancel, so Enter sends nothing; in Japanese, the bot's name and
 * its chat lines are Japanese.
 */

const suite = hasChromium() ? describe : describe.skip;

suite("safe moves at the table", () => {
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

  it("C opens the chat empty; a proposal worse than no deal asks first, on Cancel", async () => {
    const { context, page } = await newPage(browser);
    await page.goto(served.url);
    await waitForScene(page, "title", 30_000);
    await click(page, "side-japan");
    await click(page, "start-solo");
    await waitForScene(page, "briefing", 30_000);
    await click(page, "ready");
    await waitForScene(page, "table", 30_000);
    await until(page, () => window.__tariffTalks!.view()?.turn === "japan");

    // C moves to the chat field without typing a "c" into it.
    await page.keyboard.press("c");
    await until(page, () => document.activeElement?.id === "field-chat");
    await page.waitForTimeout(100);
    expect(await page.inputValue("#field-chat")).toBe("");
    await page.keyboard.press("Escape");

    // Issue F (investment), to the option worst for Japan: $550bn on US-selected projects.
    for (let i = 0; i < 5; i++) await page.keyboard.press("ArrowDown");
    for (let i = 0; i < 6; i++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("p");
    await until(page, () => window.__tariffTalks!.buttons().some((b) => b.id === "confirm-no"));
    expect(await page.evaluate(() => window.__tariffTalks!.focused())).toBe("confirm-no");
    const shown = await texts(page);
    const alert = shown.findIndex((t) => t.startsWith("⚠ Worse than no deal: you would score −"));
    expect(alert).toBeGreaterThanOrEqual(0);
    // Both numbers as the sheet has them (no deal as the opening's events moved it).
    const noDeal = await page.evaluate(() => Math.round(window.__tariffTalks!.view()!.sheets["japan"]!.reservation));
    expect(shown[alert]).toMatch(new RegExp(`you would score −\\d+; no deal is worth ${String(noDeal).replace("-", "−")}\\.`));
    // The alert is the dialog's first line: above its title.
    expect(alert).toBeLessThan(shown.indexOf("Propose this package?"));
    expect((await buttons(page)).find((b) => b.id === "confirm-no")?.label).toBe("Cancel");
    await shot(page, "table-propose-worse-than-no-deal");

    // Enter on the focused Cancel closes the dialog and sends nothing.
    await page.keyboard.press("Enter");
    await until(page, () => !window.__tariffTalks!.buttons().some((b) => b.id === "confirm-no"));
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.__tariffTalks!.view()!.proposals.length)).toBe(0);
    await context.close();
  }, 90_000);

  it("shows the bot's name and chat in Japanese on a Japanese screen", async () => {
    const { context, page } = await newPage(browser);
    await page.addInitScript(() => window.localStorage.setItem("tariffTalks.lang", "ja"));
    await page.goto(served.url);
    await waitForScene(page, "title", 30_000);
    await click(page, "side-japan");
    await click(page, "start-solo");
    await waitForScene(page, "briefing", 30_000);
    await click(page, "ready");
    await waitForScene(page, "table", 30_000);
    await until(page, () => window.__tariffTalks!.view()?.turn === "japan");
    // Ask for a little on cars: the bot answers with a move and a line.
    await page.keyboard.press("ArrowRight");
    await click(page, "propose");
    await page.waitForTimeout(150);
    if ((await buttons(page)).some((b) => b.id === "confirm-yes")) await click(page, "confirm-yes");
    await until(page, () => (window.__tariffTalks!.view()?.chat.length ?? 0) > 0, undefined, 20_000);
    await page.waitForTimeout(300);
    const said = await page.evaluate(() => window.__tariffTalks!.view()!.chat.map((line) => line.text));
    // The log keeps what the bot said, in English…
    expect(said.some((line) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(line))).toBe(false);
    const shown = await texts(page);
    // …and the screen shows it in Japanese, with the bot's Japanese name.
    expect(shown.some((t) => t.includes("ボット（ふつう）"))).toBe(true);
    expect(shown.some((t) => t.includes("normal bot"))).toBe(false);
    for (const line of said) expect(shown.some((t) => t.includes(line))).toBe(false);
    expect(shown.some((t) => /ボット（ふつう）: [^A-Za-z]*[\u3040-\u30ff\u4e00-\u9fff]/.test(t))).toBe(true);
    // The toast of their new offer sits clear of every issue row.
    await until(page, () => window.__tariffTalks!.textStyles().some((t) => t.text.includes("新しい提案")));
    const styles = await page.evaluate(() => window.__tariffTalks!.textStyles());
    const toast = styles.find((t) => t.text.includes("新しい提案"))!;
    const rows = styles.filter((t) => /^[A-H]\. /.test(t.text));
    expect(rows).toHaveLength(8);
    const overlaps = (a: typeof toast, b: typeof toast) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    const rowsBox = { ...rows[0]!, x: Math.min(...rows.map((r) => r.x)), width: Math.max(...rows.map((r) => r.x + 600)) - Math.min(...rows.map((r) => r.x)), height: rows.at(-1)!.y + rows.at(-1)!.height - rows[0]!.y };
    expect(overlaps(toast, rowsBox)).toBe(false);
    await shot(page, "table-bot-chat-ja");
    await context.close();
  }, 90_000);
});
