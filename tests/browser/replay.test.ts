import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { LogSigner } from "../../server/store/log-signing.js";
import { lineHash, replayLog, stateHash } from "../../shared/index.js";
import { classTableLog } from "../server/class-table-log.js";
import { click, ensureClientBuilt, expectDrawn, hasChromium, launch, newPage, shot, startServer, texts, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * The replay viewer in Chromium: a tampered file is refused with its line, a log opens from
 * disk and from the server's list, the scrubber and the keys move to a step whose state (read
 * through the test hook) is the engine's state at that step, and a note pinned to a step is
 * saved beside the log on the server by the instructor of the match's class. The viewer says who
 * signed the log (the server checks). Screenshots: tests/artifacts/replay-*.png.
 */

const suite = hasChromium() ? describe : describe.skip;
const fixture = path.resolve("tests/fixtures/logs/v1-agreement.jsonl");
const text = readFileSync(fixture, "utf8");
const parent = (() => {
  const replay = replayLog(text);
  if (!replay.ok) throw new Error(replay.error.message);
  return replay.value;
})();

type Probe = { step: number; last: number; hash: string | null; round: number | null };
const probe = (page: Page): Promise<Probe> =>
  page.evaluate(() => {
    const r = (window.__tariffTalks as any).replay;
    const state = r.state();
    return { step: r.step(), last: r.last(), hash: state?.stateHash ?? null, round: state?.round ?? null };
  });

suite("the replay viewer in Chromium", () => {
  let served: Served;
  let browser: Browser;
  let instructor: { code: string; key: string };

  beforeAll(async () => {
    ensureClientBuilt();
    served = await startServer(200);
    copyFileSync(fixture, path.join(served.dataDir, "matches", "FIXV1A.jsonl"));
    // A table of a class, signed with this server's own key (its data folder's, as the server signs).
    const opened = (await (await fetch(`${served.url}api/classes`, { method: "POST", body: "{}" })).json()) as { code: string; key: string };
    instructor = opened;
    const lines = classTableLog(fixture, "FIXCLS", opened.code).trimEnd().split("\n");
    const signer = await LogSigner.load(served.dataDir);
    writeFileSync(path.join(served.dataDir, "matches", "FIXCLS.jsonl"), [...lines, signer.signatureLineAfter(lineHash(lines.at(-1)!))].join("\n") + "\n");
    browser = await launch();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
  });

  async function openPicker(): Promise<Page> {
    const { page } = await newPage(browser);
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "replay");
    await waitForScene(page, "replay-pick");
    return page;
  }

  it("refuses a tampered file, naming the line, and loads nothing", async () => {
    const page = await openPicker();
    const tampered = text.replace("Shall we start with cars?", "Shall we start with rice?");
    await page.setInputFiles("#replay-file", { name: "tampered.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(tampered) });
    await until(page, () => (window.__tariffTalks?.texts() ?? []).some((t) => t.includes("line 10")));
    const shown = (await texts(page)).join("\n");
    expect(shown).toContain("tampered.jsonl");
    expect(shown).toContain("altered");
    expect(await page.evaluate(() => window.__tariffTalks?.scene)).toBe("replay-pick");
    await shot(page, "replay-1-tampered");
    await page.close();
  });

  it("opens a log from disk, scrubs to step 12 and shows that step's state", async () => {
    const page = await openPicker();
    await page.setInputFiles("#replay-file", { name: "v1-agreement.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(text) });
    await waitForScene(page, "replay");
    expect((await probe(page)).last).toBe(17);
    await expectDrawn(page);
    // The fixture predates signing: the server says so, and the viewer shows it.
    await until(page, () => (window.__tariffTalks?.texts() ?? []).some((t) => t.includes("Unsigned log")));

    // Click the scrubber where step 12 lies (u = 1 at 1280×720: bar from x 20 to 1260 at y 594).
    await page.mouse.click(20 + (12 / 17) * 1240, 601);
    await until(page, () => (window.__tariffTalks as any).replay.step() === 12);
    const at12 = await probe(page);
    expect(at12.hash).toBe(stateHash(parent.states[12]!));
    expect(at12.round).toBe(parent.states[12]!.round);
    const shown = (await texts(page)).join("\n");
    expect(shown).toContain("Step 12 of 17");
    expect(shown).toContain("On the table: p3");
    await shot(page, "replay-2-step12");

    await page.keyboard.press("ArrowRight");
    await until(page, () => (window.__tariffTalks as any).replay.step() === 13);
    expect((await probe(page)).hash).toBe(stateHash(parent.states[13]!));
    await page.keyboard.press("End");
    await until(page, () => (window.__tariffTalks as any).replay.step() === 17);
    expect((await texts(page)).join("\n")).toContain("Share of the possible joint gain captured");
    await shot(page, "replay-3-end");
    await page.close();
  });

  it("opens a class's match from the server's list, says it is signed by this server, and pins the instructor's note beside its log", async () => {
    const page = await openPicker();
    // This tab is the instructor's: it holds the class key, as the class screens keep it.
    await page.evaluate(([name, key]) => sessionStorage.setItem(name!, key!), [`tt-class-key-${instructor.code}`, instructor.key]);
    await click(page, "match-FIXCLS");
    await waitForScene(page, "replay");
    await page.evaluate(() => (window.__tariffTalks as any).replay.seek(9));
    await until(page, () => (window.__tariffTalks as any).replay.step() === 9);
    await page.fill("#field-note", "Japan opens high: ask the class why.");
    await click(page, "pin");
    await until(page, () => (window.__tariffTalks as any).replay.notes().length === 1);
    expect((await texts(page)).join("\n")).toContain("✔ Signed by this server");
    const saved = (await (await fetch(`${served.url}api/matches/FIXCLS/notes`)).json()) as { notes: { step: number; text: string }[] };
    expect(saved.notes).toEqual([expect.objectContaining({ step: 9, text: "Japan opens high: ask the class why." })]);
    await page.evaluate(() => (window.__tariffTalks as any).replay.seek(8));
    await page.evaluate(() => (window.__tariffTalks as any).replay.seek(9));
    await shot(page, "replay-4-note");
    await page.close();
  });

  it("branches a live match against a bot from the step on screen", async () => {
    const page = await openPicker();
    await click(page, "match-FIXV1A");
    await waitForScene(page, "replay");
    await page.evaluate(() => (window.__tariffTalks as any).replay.seek(12));
    await click(page, "branch-bot");
    await waitForScene(page, "table", 20_000);
    const live = await page.evaluate(() => ({ seat: window.__tariffTalks?.seat(), code: window.__tariffTalks?.code(), seq: window.__tariffTalks?.view()?.seq ?? 0 }));
    // The player took over the parent's Japan seat, in a match that began at step 12 (+ the branch line).
    expect(live.seat).toMatchObject({ playerId: "j1", side: "japan" });
    expect(live.seq).toBeGreaterThanOrEqual(13);
    const branch = replayLog(readFileSync(path.join(served.dataDir, "matches", `${live.code}.jsonl`), "utf8"));
    if (!branch.ok) throw new Error(branch.error.message);
    expect(branch.value.header.meta?.parent).toMatchObject({ matchId: "FIXV1A", step: 12 });
    expect(stateHash(branch.value.states[12]!)).toBe(stateHash(parent.states[12]!));
    await shot(page, "replay-5-branch-table");
    await page.close();
  });
});
