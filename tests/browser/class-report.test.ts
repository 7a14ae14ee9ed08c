import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { click, ensureClientBuilt, hasChromium, launch, newPage, shot, startServer, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * Issue 20: a student in a class types the reflection answers on the result screen; the
 * instructor finds them in the class CSV and opens the printable per-student report from the
 * class debrief (a tab of its own, one page per student). Screenshot: tests/artifacts/class-report-*.png.
 */

const suite = hasChromium() ? describe : describe.skip;

suite("reflections reach the instructor", () => {
  let served: Served;
  let browser: Browser;
  const rooms: Room[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    served = await startServer(150);
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
    await browser?.close();
    await served?.stop();
  });

  it("a student's answers typed in the browser appear in the class CSV and the per-student report", async () => {
    const res = await fetch(`${served.url}api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 1, bots: true, botStrategy: "adaptive", events: "none" }) });
    const { code, key } = (await res.json()) as { code: string; key: string };
    const auth = { headers: { Authorization: `Bearer ${key}` } };

    // The student joins with the code and a name, and the instructor starts the class.
    const { context, page } = await newPage(browser, 1280, 720);
    await page.addInitScript(() => window.localStorage.setItem("tariffTalks.lang", "en"));
    await page.goto(`${served.url}#class=${code}`);
    await waitForScene(page, "class");
    await page.fill("#field-class-name", "Aki Tanaka");
    await click(page, "join-class");
    await until(page, () => window.__tariffTalks?.texts().includes("Table T1"));
    const desk = await new Client(served.url.replace("http", "ws")).joinById(code, { key });
    rooms.push(desk);
    desk.onMessage("*", () => undefined);
    desk.send("start", {});
    await until(page, () => ["briefing", "table"].includes(window.__tariffTalks!.scene) && window.__tariffTalks!.interactive, undefined, 30_000);
    if ((await page.evaluate(() => window.__tariffTalks!.scene)) === "briefing") {
      await click(page, "ready");
      await waitForScene(page, "table", 30_000);
    }
    // Walk away on the first move of ours: the result screen, no deal.
    await click(page, "walkaway", 30_000);
    await click(page, "confirm-yes");
    await waitForScene(page, "result", 30_000);
    await until(page, () => Object.keys(window.__tariffTalks!.view()!.sheets).length === 2);
    await page.keyboard.press("3");
    await until(page, () => window.__tariffTalks!.texts().some((t) => t.startsWith("1. ")) && window.__tariffTalks!.interactive);
    const answers = ["Cars, and no: we walked away.", "A lower car tariff for more US rice, \"inside the quota\".", "Round 1: ask what they need first."];
    for (const [i, answer] of answers.entries()) await page.fill(`#field-reflect-${i + 1}`, answer);
    await click(page, "reflect-save");
    await until(page, () => window.__tariffTalks!.texts().some((t) => t.startsWith("✓ Saved with the match.")));
    const side = await page.evaluate(() => window.__tariffTalks!.seat()!.side);
    await shot(page, "class-report-1-student");
    await context.close();

    // The class CSV: the student's side's answers in its reflections column.
    const csv = await (await fetch(`${served.url}api/classes/${code}/debrief.csv`, auth)).text();
    const header = csv.split("\r\n")[0]!.split(",");
    expect(header).toContain(`${side}_reflections`);
    expect(csv).toContain(`"Aki Tanaka: 1) ${answers[0]} 2) ${answers[1]!.replace(/"/g, '""')} 3) ${answers[2]}"`);

    // The instructor, in the class debrief, opens the per-student report in a tab of its own.
    const { context: deskContext, page: teacher } = await newPage(browser, 1280, 720);
    await teacher.addInitScript(() => window.localStorage.setItem("tariffTalks.lang", "en"));
    await teacher.goto(`${served.url}#class=${code}`);
    await waitForScene(teacher, "class");
    await teacher.fill("#field-class-key", key);
    await click(teacher, "join-class");
    await until(teacher, () => window.__tariffTalks?.texts().some((t) => t.startsWith("T1 · ")));
    await click(teacher, "class-debrief");
    await until(teacher, () => window.__tariffTalks?.buttons().some((b) => b.id === "student-report"), undefined, 20_000);
    const opened = deskContext.waitForEvent("page");
    await click(teacher, "student-report");
    const report = await opened;
    await report.waitForFunction(() => document.querySelectorAll("section.student").length > 0, undefined, { timeout: 20_000 });
    const body = await report.evaluate(() => document.body.innerText);
    expect(body).toContain("Aki Tanaka");
    for (const answer of answers) expect(body).toContain(answer);
    expect(body).toContain("Walked away (no deal)");
    expect(body).toContain("Value left on the table (both sides)");
    await report.setViewportSize({ width: 900, height: 1100 });
    await shot(report, "class-report-2-page");
    await deskContext.close();
  }, 240_000);
});
