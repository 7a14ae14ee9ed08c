import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { playScripted } from "./scripted.js";
import { buttons, click, ensureClientBuilt, hasChromium, launch, newPage, shot, startServer, texts, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * An instructor's scenario file uploaded in the class form, in Chromium: a bad file first (its
 * problems listed as `path: reason`, nothing changed), then the three-issue job offer
 * (examples/scenarios/job-offer.json, not installed on this server). The class runs on it: an SDK
 * student and a student in the browser, whose table draws the three uploaded issues and who
 * accepts the offer; the dashboard and the class debrief show the deal.
 * Screenshots: tests/artifacts/class-upload-*.png.
 */

const suite = hasChromium() ? describe : describe.skip;
const issueNames = ["Salary", "Remote days a week", "Start date"];

/**
 * Answers the page's file choosers with the file named last. Registered before the page loads:
 * Playwright starts catching choosers asynchronously, so a `waitForEvent` begun with the key press
 * can miss the chooser that press opens.
 */
function fileChooser(page: Page): (press: () => Promise<void>, file: string) => Promise<void> {
  let next = "";
  let chosen: () => void = () => undefined;
  page.on("filechooser", (chooser) => void chooser.setFiles(next).then(() => chosen()));
  return async (press, file) => {
    next = file;
    const done = new Promise<void>((resolve) => (chosen = resolve));
    await press();
    await done;
  };
}

suite("a class on an uploaded scenario, in Chromium", () => {
  let served: Served;
  let browser: Browser;
  let good: string;
  let bad: string;
  const rooms: Room[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    const dir = mkdtempSync(path.join(os.tmpdir(), "tt-upload-"));
    const source = readFileSync(path.resolve("examples/scenarios/job-offer.json"), "utf8");
    good = path.join(dir, "job-offer.json");
    writeFileSync(good, source);
    // Three mistakes the loader names by place: an unknown side, an unknown option, a point for an option that does not exist.
    const broken = JSON.parse(source);
    broken.firstMover = "boss";
    broken.noDeal.salary = "999k";
    broken.issues[1].payoff.evaluations.firm["4"] = 5;
    bad = path.join(dir, "broken-case.json");
    writeFileSync(bad, JSON.stringify(broken));
    served = await startServer(300);
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
    await browser?.close();
    await served?.stop();
  });

  it("refuses a bad file with its problems, then opens a class on the uploaded one and plays it to a debrief", async () => {
    const { context, page } = await newPage(browser, 1280, 720);
    const chooseFile = fileChooser(page);
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "class-mode");
    await waitForScene(page, "class");
    await click(page, "class-setup");
    await until(page, () => window.__tariffTalks?.buttons().some((b) => b.id === "form-upload-scenario"));
    expect(await texts(page)).toContain("Upload a scenario (.json)…");

    // The bad file, from the keyboard: Tab to the button, Enter opens the chooser.
    for (let i = 0; i < 10 && (await page.evaluate(() => window.__tariffTalks?.focused())) !== "form-upload-scenario"; i++) await page.keyboard.press("Tab");
    expect(await page.evaluate(() => window.__tariffTalks?.focused())).toBe("form-upload-scenario");
    await chooseFile(() => page.keyboard.press("Enter"), bad);
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.includes("broken-case.json cannot be used")));
    const refused = await texts(page);
    expect(refused).toContain("• firstMover: unknown side \"boss\" (known sides: firm, candidate)");
    expect(refused).toContain("• noDeal.salary: issue salary has no option \"999k\"");
    expect(refused).toContain("• issues[1].payoff.evaluations.firm.4: issue remote has no option \"4\"");
    expect(refused.some((t) => t.startsWith("Problems found: 3, each as where: why. Nothing was changed"))).toBe(true);
    // The rounds field (HTML over the canvas) does not show through the notice.
    expect(await page.isVisible("#field-form-rounds")).toBe(false);
    await shot(page, "class-upload-1-bad-file");
    // OK closes the notice and gives the keyboard back to the button; nothing changed.
    await page.keyboard.press("Enter");
    await until(page, () => !window.__tariffTalks?.texts().some((t) => t.includes("cannot be used")) && window.__tariffTalks?.focused() === "form-upload-scenario");
    expect((await texts(page)).some((t) => t.startsWith("None: the class plays the scenario chosen above"))).toBe(true);
    expect(await texts(page)).toContain("Upload a scenario (.json)…");
    expect(await page.isVisible("#field-form-rounds")).toBe(true);

    // The good file, with the mouse: its name, sides, issues and summary are shown.
    await chooseFile(() => click(page, "form-upload-scenario"), good);
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("✓ A job offer")));
    const shown = await texts(page);
    expect(shown).toContain("✓ A job offer, written as point tables (job-offer.json)");
    expect(shown).toContain(`Kestrel Robotics / Dana Ortiz · 3 issues: ${issueNames.join(", ")}`);
    expect(shown.some((t) => t.startsWith("A start-up and the engineer it wants agree on salary"))).toBe(true);
    // The rounds row offers the uploaded scenario's own calendar.
    const calendar = JSON.parse(readFileSync(good, "utf8")).rounds.length as number;
    expect(shown).toContain(`✓ The scenario's calendar (${calendar})`);
    await click(page, "form-per-side-1");
    await shot(page, "class-upload-2-form");
    // The same form in Japanese.
    await click(page, "language");
    await until(page, () => window.__tariffTalks?.language === "ja" && window.__tariffTalks.texts().some((t) => t.includes("論点 3 件")));
    expect((await texts(page)).some((t) => t.startsWith("✓ A job offer"))).toBe(true);
    await shot(page, "class-upload-3-form-ja");
    await click(page, "language");
    await until(page, () => window.__tariffTalks?.language === "en" && window.__tariffTalks.texts().includes("Own scenario"));

    await click(page, "open-class");
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("Class code: ")));
    const code = (await texts(page)).find((t) => t.startsWith("Class code: "))!.slice("Class code: ".length);
    const key = await page.inputValue("#field-class-key-shown");
    const summary = async () => (await (await fetch(`${served.url}api/classes/${code}`, { headers: { Authorization: `Bearer ${key}` } })).json()) as any;
    const opened = await summary();
    expect(opened.settings).toMatchObject({ scenario: "job-offer", playersPerSide: 1 });
    expect(opened.scenario.issues.map((i: { name: string }) => i.name)).toEqual(issueNames);
    // Uploaded for this class only: not offered to anyone else.
    const listed = (await (await fetch(`${served.url}api/scenarios`)).json()) as { scenarios: { id: string }[] };
    expect(listed.scenarios.map((s) => s.id)).not.toContain("job-offer");
    await click(page, "key-done");
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.includes("A job offer, written as point tables")));

    // Kim joins first over the SDK (the firm's seat); Dana joins in a browser (the candidate's).
    const ws = served.url.replace("http", "ws");
    const kim = await new Client(ws).joinById(code, { name: "Kim" });
    rooms.push(kim);
    kim.onMessage("*", () => undefined);
    const kimSeat = new Promise<any>((resolve) => kim.onMessage("assignment", (a: any) => a.matchCode && resolve(a)));
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.includes("students: 1")));
    const { context: danaContext, page: dana } = await newPage(browser, 1280, 720);
    await dana.goto(served.url);
    await waitForScene(dana, "title");
    await click(dana, "class-mode");
    await waitForScene(dana, "class");
    await dana.fill("#field-class-code", code);
    await dana.fill("#field-class-name", "Dana");
    await click(dana, "join-class");
    await until(dana, () => window.__tariffTalks?.texts().includes("Table T1"));
    expect((await texts(dana)).join(" ")).toContain("Dana Ortiz");
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.includes("students: 2")));
    await click(page, "class-start");

    // The instructor's event form names the uploaded case's sides and issues (the class's scenario is in its dashboard, in no public list).
    await click(page, "tab-inject");
    await click(page, "inject-source-custom");
    await until(page, () => ["effect-side-firm", "effect-side-candidate", "effect-issue-salary", "effect-issue-start"].every((id) => window.__tariffTalks?.buttons().some((b) => b.id === id)));
    expect((await buttons(page)).some((b) => b.id === "effect-side-japan" || b.id === "effect-issue-A")).toBe(false);

    const seat = await kimSeat;
    expect(seat.side).toBe("firm");
    const table = await new Client(ws).joinById(seat.matchCode, { seat: seat.seatToken });
    rooms.push(table);
    table.onMessage("*", () => undefined);
    const kimDone = playScripted(table, "firm", { salary: "130k", remote: "2", start: "1m" });

    // Dana's table is the uploaded case: its three issues are the rows drawn, nothing of the default scenario.
    await until(dana, () => ["briefing", "table"].includes(window.__tariffTalks?.scene ?? "") && window.__tariffTalks!.interactive, undefined, 20_000);
    if ((await dana.evaluate(() => window.__tariffTalks!.scene)) === "briefing") await click(dana, "ready");
    await waitForScene(dana, "table", 20_000);
    expect(await dana.evaluate(() => window.__tariffTalks!.view()!.scenario.issues.map((i) => i.name))).toEqual(issueNames);
    await until(dana, () => window.__tariffTalks!.buttons().some((b) => b.id === "accept" && b.enabled), undefined, 20_000);
    const atTable = await texts(dana);
    // Each row is headed "id. name" (the keyboard picks rows by it).
    expect(atTable.filter((t) => /^\w+\. /.test(t))).toEqual(["salary. Salary", "remote. Remote days a week", "start. Start date"]);
    expect(atTable.some((t) => /Tariffs? on cars|Japan/.test(t))).toBe(false);
    await shot(dana, "class-upload-4-student-table");
    // In Japanese the table keeps the uploaded case's own English where it reuses the tariff scenario's
    // keys (issue 22): its weeks are round.1…round.5, which the tariff scenario's Japanese names 5月30日の週….
    await click(dana, "language");
    // Redrawn in Japanese once the switch offers English.
    await until(dana, () => window.__tariffTalks?.language === "ja" && window.__tariffTalks.texts().some((t) => t.startsWith("English")));
    const atTableJa = await texts(dana);
    expect(atTableJa).toEqual(expect.arrayContaining(["▶ Monday", "Tuesday", "Friday"]));
    expect(atTableJa.filter((t) => /^\w+\. /.test(t))).toEqual(["salary. Salary", "remote. Remote days a week", "start. Start date"]);
    // (The calendar's deadline tag "■ 8月1日" is an interface string, table.calendar.deadline, not a scenario text.)
    expect(atTableJa.some((t) => /\d+月\d+日の週|^(▶ |✓ )?\d+月\d+日$|関税|日本|米国/.test(t))).toBe(false);
    await shot(dana, "class-upload-4-student-table-ja");
    await click(dana, "language");
    await until(dana, () => window.__tariffTalks?.language === "en" && window.__tariffTalks.texts().some((t) => t.startsWith("日本語")));
    await click(dana, "accept");
    await click(dana, "confirm-yes");
    await kimDone;

    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("Deal:")));
    expect((await summary()).tables[0].outcome).toMatchObject({ kind: "agreement", points: { firm: 50, candidate: 58 } });
    await shot(page, "class-upload-5-dashboard");
    await click(page, "class-debrief");
    await waitForScene(page, "class-debrief");
    await until(page, () => window.__tariffTalks?.buttons().some((b) => b.id === "replay-T1"));
    const debrief = await texts(page);
    expect(debrief).toContain("Kestrel Robotics points →");
    expect(debrief).toContain("↑ Dana Ortiz points");
    expect(debrief).toContain("50 / 58");
    await shot(page, "class-upload-6-debrief");
    await danaContext.close();
    await context.close();
  }, 300_000);
});
