import { readFileSync } from "node:fs";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { builtinScenario, DEFAULT_SCENARIO_ID } from "../../shared/index.js";
import { playScripted } from "./scripted.js";
import { click, ensureClientBuilt, hasChromium, launch, newPage, shot, startServer, texts, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * Class mode in Chromium: the instructor opens a class from the title screen; ten SDK students
 * join (three tables of 2 per side, bots in the last one's empty seats); the dashboard shows the
 * live tables; the students play to the end; the class debrief chart renders.
 * Screenshots: tests/artifacts/class-*.png.
 */

const suite = hasChromium() ? describe : describe.skip;
const deal = builtinScenario(DEFAULT_SCENARIO_ID)!.references[0]!.offer;

suite("class mode in Chromium", () => {
  let served: Served;
  let browser: Browser;
  const rooms: Room[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    served = await startServer(300);
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
    await browser?.close();
    await served?.stop();
  });

  it("opens a class from the form, moves a student, injects an event into one table, and renders the debrief", async () => {
    const { context, page } = await newPage(browser, 1280, 720);
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "class-mode");
    await waitForScene(page, "class");
    await shot(page, "class-1-landing");
    // The form: every setting, non-default values.
    await click(page, "class-setup");
    await until(page, () => window.__tariffTalks?.buttons().some((b) => b.id === "form-bot-boulware"));
    await click(page, "form-clock-120");
    await click(page, "form-events-both");
    await click(page, "form-variant-true");
    await click(page, "form-bot-boulware");
    // A bad rounds value is refused in words and nothing typed is lost.
    await page.fill("#field-form-rounds", "500");
    await click(page, "open-class");
    await until(page, () => window.__tariffTalks?.messages.some((m) => m.startsWith("Rounds must be")));
    expect(await page.inputValue("#field-form-rounds")).toBe("500");
    expect(await page.evaluate(() => window.__tariffTalks?.scene)).toBe("class");
    await page.fill("#field-form-rounds", "12");
    await shot(page, "class-2-form");
    await click(page, "open-class");
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("Class code: "))).catch(async (e) => {
      await shot(page, "class-debug");
      throw new Error(`${e}: ${JSON.stringify(await page.evaluate(() => [window.__tariffTalks?.scene, window.__tariffTalks?.messages, window.__tariffTalks?.texts()]))}`);
    });
    const code = (await texts(page)).find((t) => t.startsWith("Class code: "))!.slice("Class code: ".length);
    expect(code).toMatch(/^[A-Z2-9]{8}$/);
    // The key is shown once, in a field to copy, with a hint to write it down.
    const key = await page.inputValue("#field-class-key-shown");
    expect(key.length).toBeGreaterThanOrEqual(32);
    expect((await texts(page)).some((t) => t.includes("write it down"))).toBe(true);
    await shot(page, "class-3-key");
    const auth = { headers: { Authorization: `Bearer ${key}` } };
    const summary = async () => (await (await fetch(`${served.url}api/classes/${code}`, auth)).json()) as any;
    expect((await summary()).settings).toEqual({ scenario: DEFAULT_SCENARIO_ID, playersPerSide: 2, roles: true, rounds: 12, turnSeconds: 120, briefingSeconds: 300, events: "both", privateVariant: true, bots: true, botStrategy: "boulware" });
    await click(page, "key-done");
    await until(page, () => !window.__tariffTalks?.buttons().some((b) => b.id === "key-done"));

    const ws = served.url.replace("http", "ws");
    const assignments = await Promise.all(Array.from({ length: 10 }, async (_, i) => {
      const room = await new Client(ws).joinById(code, { name: `Student ${i + 1}` });
      rooms.push(room);
      room.onMessage("welcome", () => undefined);
      room.onMessage("error", () => undefined);
      // Wrapped: an async function returning the promise itself would wait for the start.
      return { started: new Promise<any>((resolve) => room.onMessage("assignment", (a: any) => a.matchCode && resolve(a))) };
    }));
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.includes("students: 10"))).catch(async (e) => {
      await shot(page, "class-debug");
      throw new Error(`${e}: ${JSON.stringify(await page.evaluate(() => [window.__tariffTalks?.scene, window.__tariffTalks?.messages, window.__tariffTalks?.texts()]))}`);
    });
    // Move: the student in T1's first seat goes to T3's first free seat.
    const before = await summary();
    const moving = before.seating[0].seats[0].studentId as string;
    const freeIndex = before.seating[2].seats.findIndex((s: any) => s.studentId === null);
    const free = before.seating[2].seats[freeIndex];
    await click(page, "seat-T1-0");
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("Moving ")));
    await shot(page, "class-4-seating-move");
    await click(page, `seat-T3-${freeIndex}`);
    await until(page, () => window.__tariffTalks?.messages.includes("Student moved."));
    const moved = (await summary()).roster.find((s: any) => s.id === moving);
    expect(moved).toMatchObject({ table: "T3", side: free.side, role: free.role });

    await click(page, "class-start");
    const seated = await Promise.all(assignments.map((a) => a.started));
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("T3 · ")));
    expect((await texts(page)).filter((t) => /^T\d · /.test(t))).toHaveLength(3);

    // Inject an event written on the spot into T1 only; a bad value first (refused, nothing lost).
    await click(page, "tab-inject");
    await click(page, "target-T1");
    await click(page, "inject-source-custom");
    await page.fill("#field-event-title", "Chip export ban");
    await page.fill("#field-event-headline", "Washington bans advanced chip exports; Tokyo scrambles.");
    await click(page, "effect-side-us");
    await click(page, "effect-issue-G");
    await page.fill("#field-event-value", "abc");
    await click(page, "inject-send");
    await until(page, () => window.__tariffTalks?.messages.some((m) => m.startsWith("The value must be a number")));
    expect(await page.inputValue("#field-event-title")).toBe("Chip export ban");
    await page.fill("#field-event-value", "1.5");
    await shot(page, "class-5-inject-form");
    await click(page, "inject-send");
    await until(page, () => window.__tariffTalks?.messages.includes("Event injected at T1."));
    const tables = (await summary()).tables as { tableId: string; matchCode: string; events: string[] }[];
    const log = (table: string) => readFileSync(path.join(served.dataDir, "matches", `${tables.find((t) => t.tableId === table)!.matchCode}.jsonl`), "utf8");
    expect(log("T1")).toContain("Chip export ban");
    expect(log("T2")).not.toContain("Chip export ban");
    expect(log("T3")).not.toContain("Chip export ban");
    expect(tables.find((t) => t.tableId === "T1")!.events).toContain("instructor-1");
    await shot(page, "class-6-dashboard");
    // An event of the scenario's deck into every table, then two more rounds for T2 only.
    await click(page, "inject-source-deck");
    await click(page, "target-all");
    await click(page, "deck-market-selloff");
    await click(page, "inject-send");
    await until(page, () => window.__tariffTalks?.messages.includes("Event injected at T1, T2, T3."));
    await click(page, "tab-extend");
    await click(page, "target-T2");
    await click(page, "extend-more");
    await until(page, () => window.__tariffTalks?.buttons().some((b) => b.id === "extend-send" && b.label === "Extend T2 by 2 round(s)"));
    await click(page, "extend-send");
    await until(page, () => window.__tariffTalks?.messages.includes("Deadline extended at T2."));
    const after = (await summary()).tables as { tableId: string; maxRounds: number; events: string[] }[];
    expect(after.map((t) => [t.tableId, t.maxRounds, t.events.includes("market-selloff")])).toEqual([["T1", 12, true], ["T2", 14, true], ["T3", 12, true]]);

    // Students sit down and play scripted moves to the end.
    const ended = seated.map(async (a) => {
      const room = await new Client(ws).joinById(a.matchCode, { seat: a.seatToken });
      rooms.push(room);
      room.onMessage("*", () => undefined);
      await playScripted(room, a.side, deal);
    });
    await Promise.all(ended);
    const outcomes = ["Deal:", "Walked away:", "Deadline, no deal:", "Deal not ratified:"];
    await until(page, (o) => window.__tariffTalks?.texts().filter((t) => o.some((p) => t.startsWith(p))).length === 3, outcomes);
    await shot(page, "class-7-dashboard-ended");
    // The class files, fetched with the key and saved through a Blob link.
    const [csv] = await Promise.all([page.waitForEvent("download"), click(page, "class-csv")]);
    expect(csv.suggestedFilename()).toBe(`class-${code}.csv`);
    expect(readFileSync((await csv.path())!, "utf8").split("\n").filter(Boolean).length).toBe(4);
    const [zip] = await Promise.all([page.waitForEvent("download"), click(page, "class-logs")]);
    expect(zip.suggestedFilename()).toBe(`class-${code}-logs.zip`);
    expect(readFileSync((await zip.path())!).subarray(0, 2).toString()).toBe("PK");
    await click(page, "class-debrief");
    await waitForScene(page, "class-debrief");
    await until(page, () => window.__tariffTalks?.buttons().some((b) => b.id === "replay-T3"));
    const file = await shot(page, "class-8-debrief");
    expect(file).toContain("class-8-debrief");
    const shown = await texts(page);
    // One outcome per table (T3's bots may make its deal fail ratification).
    expect(shown.filter((t) => ["Deal", "Walked away", "Deadline, no deal", "Deal not ratified"].includes(t)).length).toBe(3);
    // Each table is one click from its replay.
    await click(page, "replay-T1");
    await waitForScene(page, "replay");
    // Software rendering is slow on two cores: a page left drawing would slow the next test.
    await context.close();
  }, 180_000);

  it("seats a student from the class code, keeps the seat across a reload, and takes them to their table at the start", async () => {
    const res = await fetch(`${served.url}api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 1, bots: true }) });
    const { code, key } = (await res.json()) as { code: string; key: string };
    const roster = async () => ((await (await fetch(`${served.url}api/classes/${code}`, { headers: { Authorization: `Bearer ${key}` } })).json()) as any).roster as { name: string; table: string }[];
    const { context, page } = await newPage(browser);
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "class-mode");
    await waitForScene(page, "class");
    // A code that opens no class is refused in words.
    await page.fill("#field-class-code", "ZZZZ2222");
    await click(page, "join-class");
    await until(page, () => window.__tariffTalks?.messages.some((m) => m.startsWith("There is no class with that code")));
    await page.fill("#field-class-code", code.toLowerCase());
    await page.fill("#field-class-name", "Aki");
    await click(page, "join-class");
    await until(page, () => window.__tariffTalks?.texts().includes("Table T1"));
    expect(page.url()).toContain(`#class=${code}`);
    await shot(page, "class-9-student-waiting");
    // A reload comes back to the same seat by itself: the code is in the address, the token in sessionStorage.
    await page.reload();
    await waitForScene(page, "class");
    await until(page, () => window.__tariffTalks?.texts().includes("Table T1"));
    expect(await roster()).toMatchObject([{ name: "Aki", table: "T1" }]);
    const desk = await new Client(served.url.replace("http", "ws")).joinById(code, { key });
    rooms.push(desk);
    desk.onMessage("*", () => undefined);
    desk.send("start", {});
    // The table opens in the briefing; the only student is ready (the bot always is), so the clock starts.
    await waitForScene(page, "briefing", 20_000);
    await click(page, "ready");
    await waitForScene(page, "table", 20_000);
    await shot(page, "class-10-student-table");
    expect((await texts(page)).join(" ")).toContain("Japan");
    await context.close();

    // The instructor comes back in a browser with the code and the key: a wrong key first.
    const { context: againContext, page: again } = await newPage(browser);
    await again.goto(`${served.url}#class=${code}`);
    await waitForScene(again, "class");
    expect(await again.inputValue("#field-class-code")).toBe(code);
    await again.fill("#field-class-key", "not-the-key");
    await click(again, "join-class");
    await until(again, () => window.__tariffTalks?.messages.some((m) => m.startsWith("That key does not open this class")));
    await again.fill("#field-class-key", key);
    await click(again, "join-class");
    await until(again, () => window.__tariffTalks?.texts().some((t) => t.startsWith("T1 · ")));
    await click(again, "tab-extend");
    await shot(again, "class-11-instructor-back");
    // The same dashboard in Japanese, and a reload keeps it.
    await click(again, "language");
    await until(again, () => window.__tariffTalks?.texts().some((t) => t.startsWith("クラスコード")));
    await again.reload();
    await waitForScene(again, "class");
    await until(again, () => window.__tariffTalks?.texts().some((t) => t.startsWith("T1 · ")));
    await shot(again, "class-12-dashboard-ja");
    await againContext.close();

    // The form in Japanese, driven from the keyboard alone: O opens it, Tab walks, Enter presses.
    const { context: formContext, page: form } = await newPage(browser);
    await form.goto(served.url);
    await waitForScene(form, "title");
    await click(form, "class-mode");
    await waitForScene(form, "class");
    await click(form, "language");
    await until(form, () => window.__tariffTalks?.language === "ja");
    await form.keyboard.press("o");
    await until(form, () => window.__tariffTalks?.buttons().some((b) => b.id === "form-bot-adaptive"));
    const tabTo = async (id: string) => {
      for (let i = 0; i < 40 && (await form.evaluate(() => window.__tariffTalks?.focused())) !== id; i++) await form.keyboard.press("Tab");
      expect(await form.evaluate(() => window.__tariffTalks?.focused())).toBe(id);
    };
    await tabTo("form-per-side-3");
    await form.keyboard.press("Enter");
    // The choice redraws the form; the keyboard stays where it was.
    await until(form, () => window.__tariffTalks?.interactive && window.__tariffTalks.focused() === "form-per-side-3");
    await tabTo("form-bot-adaptive");
    await form.keyboard.press("Enter");
    await until(form, () => window.__tariffTalks?.interactive && window.__tariffTalks.focused() === "form-bot-adaptive");
    await shot(form, "class-13-form-ja");
    await tabTo("open-class");
    await form.keyboard.press("Enter");
    await until(form, () => window.__tariffTalks?.texts().some((t) => t.startsWith("クラスコード")));
    const formCode = (await texts(form)).find((t) => t.startsWith("クラスコード："))!.slice("クラスコード：".length);
    const formKey = await form.inputValue("#field-class-key-shown");
    const opened = (await (await fetch(`${served.url}api/classes/${formCode}`, { headers: { Authorization: `Bearer ${formKey}` } })).json()) as any;
    expect(opened.settings).toMatchObject({ playersPerSide: 3, botStrategy: "adaptive" });
    await formContext.close();
  }, 120_000);

  it("a latecomer with no seat left watches a table as a spectator", async () => {
    const res = await fetch(`${served.url}api/classes`, { method: "POST", body: JSON.stringify({ playersPerSide: 1, bots: false }) });
    const { code, key } = (await res.json()) as { code: string; key: string };
    const ws = served.url.replace("http", "ws");
    for (const name of ["Early A", "Early B"]) {
      const student = await new Client(ws).joinById(code, { name });
      student.onMessage("*", () => undefined);
      rooms.push(student);
    }
    const desk = await new Client(ws).joinById(code, { key });
    desk.onMessage("*", () => undefined);
    rooms.push(desk);
    desk.send("start", {});
    const started = async () => ((await (await fetch(`${served.url}api/classes/${code}`, { headers: { Authorization: `Bearer ${key}` } })).json()) as any).status === "running";
    for (let i = 0; i < 50 && !(await started()); i++) await new Promise((r) => setTimeout(r, 100));
    const { context, page } = await newPage(browser);
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "class-mode");
    await waitForScene(page, "class");
    await page.fill("#field-class-code", code);
    await page.fill("#field-class-name", "Late");
    await click(page, "join-class");
    await until(page, () => window.__tariffTalks?.view()?.viewer.kind === "spectator", undefined, 20_000);
    await waitForScene(page, "watch", 20_000);
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("Watching table ")));
    await shot(page, "class-14-latecomer-watching");
    // A spectator sees the table's public state, no side's sheet.
    expect(await page.evaluate(() => Object.keys(window.__tariffTalks!.view()!.sheets))).toEqual([]);
    await context.close();
  }, 60_000);
});
