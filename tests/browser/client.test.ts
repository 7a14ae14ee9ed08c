import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { buttons, click, until, ensureClientBuilt, expectDrawn, hasChromium, launch, newPage, shot, startServer, texts, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * The client in a real browser against the real server: Debian's Chromium, headless. Each test
 * plays through the screens by mouse and keyboard, saves screenshots to tests/artifacts/, and
 * checks that the canvas is drawn and the expected screen is up.
 */

const INSTALL = "Install it with `apt-get update && apt-get install -y chromium` (Debian's package at /usr/bin/chromium; no browser download is used).";
const available = hasChromium();

if (!available && process.env.CI === "true") {
  describe("browser tests", () => {
    it("need Chromium in CI", () => {
      throw new Error(`Chromium is missing at /usr/bin/chromium, and CI=true requires the browser tests to run. ${INSTALL}`);
    });
  });
} else if (!available) {
  console.warn(`\n*** The browser tests (tests/browser) were NOT run: Chromium is not installed. ${INSTALL}\n`);
}

const suite = available ? describe : describe.skip;

suite("the client in Chromium", () => {
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

  async function openTitle(width = 1280, height = 720): Promise<Page> {
    const { page } = await newPage(browser, width, height);
    await page.goto(served.url);
    await waitForScene(page, "title");
    return page;
  }

  /** On my move: accept what is on the table if the bot has answered, else propose the draft. */
  async function playMove(page: Page, acceptFrom: number): Promise<void> {
    const state = await page.evaluate(() => {
      const v = window.__tariffTalks!.view()!;
      return { round: v.round, standing: v.standingProposalId, side: window.__tariffTalks!.seat()?.side };
    });
    const enabled = new Map((await buttons(page)).map((b) => [b.id, b.enabled]));
    if (state.round >= acceptFrom && enabled.get("accept")) {
      await click(page, "accept");
      await click(page, "confirm-yes");
    } else {
      // Change the draft by keyboard: next issue, one step towards the other side.
      await page.keyboard.press("ArrowDown");
      await page.keyboard.press("ArrowRight");
      await propose(page);
    }
  }

  /** Proposes the draft; a draft across one's own red line asks first, and the test says yes. */
  async function propose(page: Page): Promise<void> {
    await click(page, "propose");
    await page.waitForTimeout(150);
    if ((await buttons(page)).some((b) => b.id === "confirm-yes")) await click(page, "confirm-yes");
  }

  /** Plays moves until the result screen shows. */
  async function playToEnd(page: Page, acceptFrom: number): Promise<void> {
    for (let guard = 0; guard < 40; guard++) {
      const scene = await page.evaluate(() => window.__tariffTalks?.scene);
      if (scene === "result") return;
      const myTurn = await page.evaluate(() => {
        const v = window.__tariffTalks!.view();
        return v?.phase === "negotiating" && v.turn === window.__tariffTalks!.seat()?.side;
      });
      if (myTurn) {
        const before = await page.evaluate(() => window.__tariffTalks!.view()!.seq);
        await playMove(page, acceptFrom);
        await until(page, (seq) => (window.__tariffTalks!.view()?.seq ?? 0) > seq, before, 10_000);
      }
      await page.waitForTimeout(300);
    }
    throw new Error("The match did not end.");
  }

  it("(1) a new player plays Japan against the normal bot to an outcome and reaches the debrief chart", async () => {
    const page = await openTitle();
    await expectDrawn(page);
    await shot(page, "1-title");
    await page.click("#field-name");
    await page.keyboard.type("Aiko");
    await click(page, "side-japan");
    await click(page, "difficulty-normal");
    await click(page, "start-solo");
    await waitForScene(page, "briefing");
    await until(page, () => window.__tariffTalks!.seat()?.side === "japan");
    await until(page, () => (window.__tariffTalks!.texts() ?? []).some((t) => t.includes("Confidential briefing")));
    await expectDrawn(page);
    await shot(page, "1-briefing");
    await click(page, "ready");
    await waitForScene(page, "table");
    await page.waitForTimeout(300);
    await expectDrawn(page);
    await shot(page, "1-table-start");

    // Say something at the table.
    await page.click("#field-chat");
    await page.keyboard.type("Good morning from Tokyo. Let us find a deal before the G7.");
    await page.keyboard.press("Enter");
    await until(page, () => window.__tariffTalks!.view()!.chat.some((l) => l.text.startsWith("Good morning from Tokyo")));
    await page.keyboard.press("Escape"); // leave the chat field: the arrow keys go to the table again

    // First move, then wait for the bot's answer and look at the table mid-match.
    await playMove(page, 99);
    await until(page, () => window.__tariffTalks!.view()!.proposals.some((p) => p.side === "us"), undefined, 15_000);
    await page.waitForTimeout(400);
    await shot(page, "1-table-offer");
    await playToEnd(page, 3);
    await waitForScene(page, "result");
    await until(page, () => (window.__tariffTalks!.texts() ?? []).some((t) => t.includes("Pareto frontier")));
    await expectDrawn(page);
    await shot(page, "1-result");
    const outcome = await page.evaluate(() => window.__tariffTalks!.view()!.outcome);
    expect(outcome?.kind).toBeTruthy();
    await page.context().close();
  }, 120_000);

  it("(2) two browser contexts play a two-player match joined by code", async () => {
    const host = await openTitle();
    await click(host, "side-japan");
    await click(host, "host");
    await waitForScene(host, "briefing");
    const code = await host.evaluate(() => window.__tariffTalks!.code());
    expect(code).toBeTruthy();
    await until(host, (c) => window.__tariffTalks!.texts().some((t) => t.includes(c!)), code);
    await shot(host, "2-host-waiting");

    const guest = await openTitle();
    await guest.click("#field-name");
    await guest.keyboard.type("Sam");
    await guest.click("#field-code");
    await guest.keyboard.type(code!);
    await click(guest, "join");
    await waitForScene(guest, "briefing");
    await until(guest, () => window.__tariffTalks!.seat()?.side === "us");
    await shot(guest, "2-guest-briefing");

    await click(host, "ready");
    await click(guest, "ready");
    await waitForScene(host, "table");
    await waitForScene(guest, "table");

    // Japan opens; the US answers with a counter; Japan accepts it.
    await propose(host);
    await until(guest, () => window.__tariffTalks!.view()!.proposals.length === 1);
    await until(guest, () => window.__tariffTalks!.buttons().some((b) => b.id === "accept" && b.enabled));
    await guest.keyboard.press("ArrowRight");
    await propose(guest);
    await until(host, () => window.__tariffTalks!.buttons().some((b) => b.id === "accept" && b.enabled));
    await host.waitForTimeout(300);
    await shot(host, "2-host-table");
    await click(host, "accept");
    await shot(host, "2-host-confirm");
    await click(host, "confirm-yes");
    await waitForScene(host, "result");
    await waitForScene(guest, "result");
    const kinds = await Promise.all([host, guest].map((p) => p.evaluate(() => window.__tariffTalks!.view()!.outcome?.kind)));
    expect(kinds[0]).toBeTruthy();
    expect(kinds[1]).toBe(kinds[0]);
    await expectDrawn(guest);
    await shot(guest, "2-guest-result");
    await host.context().close();
    await guest.context().close();
  }, 120_000);

  it("(3) a reload in mid-match returns to the same seat; a dropped connection shows reconnecting and resumes", async () => {
    const page = await openTitle();
    await click(page, "side-us");
    await click(page, "difficulty-hard");
    await click(page, "start-solo");
    await waitForScene(page, "briefing");
    await click(page, "ready");
    await waitForScene(page, "table");
    await until(page, () => window.__tariffTalks!.view()!.proposals.length > 0, undefined, 15_000);
    const before = await page.evaluate(() => ({ seat: window.__tariffTalks!.seat(), code: window.__tariffTalks!.code() }));
    expect(before.seat?.side).toBe("us");

    await page.reload();
    await waitForScene(page, "table");
    const after = await page.evaluate(() => ({ seat: window.__tariffTalks!.seat(), code: window.__tariffTalks!.code() }));
    expect(after).toEqual(before);
    await expectDrawn(page);
    await shot(page, "3-after-reload");

    await page.context().setOffline(true);
    await until(page, () => window.__tariffTalks!.messages.some((m) => m.includes("reconnecting")), undefined, 5000);
    await page.context().setOffline(false);
    await shot(page, "3-reconnecting");
    await until(page, () => window.__tariffTalks!.status() === "open", undefined, 15_000);
    expect(await page.evaluate(() => window.__tariffTalks!.seat())).toEqual(before.seat);
    await page.context().close();
  }, 120_000);

  it("(4) Japanese text shows after switching language, and the choice is remembered", async () => {
    const page = await openTitle();
    await page.keyboard.press("l");
    await until(page, () => window.__tariffTalks!.language === "ja" && window.__tariffTalks!.scene === "title" && window.__tariffTalks!.interactive);
    const shown = await texts(page);
    expect(shown).toContain("関税交渉");
    expect(shown.some((t) => t.includes("ボットと対戦"))).toBe(true);
    await expectDrawn(page);
    await shot(page, "4-title-ja");
    await page.reload();
    await waitForScene(page, "title");
    expect(await page.evaluate(() => window.__tariffTalks!.language)).toBe("ja");
    // The briefing in Japanese, too.
    await click(page, "start-solo");
    await waitForScene(page, "briefing");
    await until(page, () => window.__tariffTalks!.texts().some((t) => t.includes("極秘ブリーフィング")));
    await page.waitForTimeout(200);
    await shot(page, "4-briefing-ja");
    await page.keyboard.press("l");
    await page.context().close();
  }, 60_000);

  it("lays out at 1920×1080 too", async () => {
    const page = await openTitle(1920, 1080);
    await click(page, "start-solo");
    await waitForScene(page, "briefing");
    await click(page, "ready");
    await waitForScene(page, "table");
    await page.waitForTimeout(300);
    await expectDrawn(page);
    await shot(page, "5-table-1080p");
    await page.context().close();
  }, 60_000);
});
