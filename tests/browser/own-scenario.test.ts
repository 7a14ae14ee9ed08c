import { mkdtempSync, copyFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Client, type Room } from "@colyseus/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser } from "playwright-core";
import { playScripted } from "./scripted.js";
import { click, ensureClientBuilt, hasChromium, launch, newPage, shot, startServer, texts, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * An instructor's own scenario in Chromium: a three-issue case written as point tables
 * (examples/scenarios/job-offer.json) in the server's SCENARIOS_DIR is offered in the class form;
 * a class on it runs with two SDK students to a deal, and the class debrief chart renders.
 * Screenshots: tests/artifacts/own-scenario-*.png.
 */

const suite = hasChromium() ? describe : describe.skip;

suite("a class on a scenario from SCENARIOS_DIR, in Chromium", () => {
  let served: Served;
  let browser: Browser;
  const rooms: Room[] = [];

  beforeAll(async () => {
    ensureClientBuilt();
    const dir = mkdtempSync(path.join(os.tmpdir(), "tt-own-scenarios-"));
    copyFileSync(path.resolve("examples/scenarios/job-offer.json"), path.join(dir, "job-offer.json"));
    served = await startServer(300, { scenariosDir: dir });
    browser = await launch();
  }, 180_000);

  afterAll(async () => {
    await Promise.all(rooms.map((r) => r.leave().catch(() => undefined)));
    await browser?.close();
    await served?.stop();
  });

  it("opens a class on it from the form, plays it to a deal and draws the debrief", async () => {
    const { context, page } = await newPage(browser, 1280, 720);
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "class-mode");
    await waitForScene(page, "class");
    await click(page, "class-setup");
    await until(page, () => window.__tariffTalks?.buttons().some((b) => b.id === "form-scenario-job-offer"));
    await click(page, "form-scenario-job-offer");
    await click(page, "form-per-side-1");
    await shot(page, "own-scenario-1-form");
    await click(page, "open-class");
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("Class code: ")));
    const code = (await texts(page)).find((t) => t.startsWith("Class code: "))!.slice("Class code: ".length);
    const key = await page.inputValue("#field-class-key-shown");
    const summary = async () => (await (await fetch(`${served.url}api/classes/${code}`, { headers: { Authorization: `Bearer ${key}` } })).json()) as any;
    expect((await summary()).settings).toMatchObject({ scenario: "job-offer", playersPerSide: 1 });
    await click(page, "key-done");

    const ws = served.url.replace("http", "ws");
    const assignments = await Promise.all(["Kim", "Dana"].map(async (name) => {
      const room = await new Client(ws).joinById(code, { name });
      rooms.push(room);
      room.onMessage("*", () => undefined);
      return { started: new Promise<any>((resolve) => room.onMessage("assignment", (a: any) => a.matchCode && resolve(a))) };
    }));
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.includes("students: 2")));
    await click(page, "class-start");
    const seated = await Promise.all(assignments.map((a) => a.started));
    expect(seated.map((a) => a.side).sort()).toEqual(["candidate", "firm"]);

    // The firm proposes a package; the candidate accepts it.
    const offer = { salary: "130k", remote: "2", start: "1m" };
    await Promise.all(seated.map(async (a) => {
      const room = await new Client(ws).joinById(a.matchCode, { seat: a.seatToken });
      rooms.push(room);
      room.onMessage("*", () => undefined);
      await playScripted(room, a.side, offer);
    }));
    await until(page, () => window.__tariffTalks?.texts().some((t) => t.startsWith("Deal:"))).catch(async (e) => {
      await shot(page, "own-scenario-debug");
      throw new Error(`${e}: ${JSON.stringify([(await summary()).tables, await texts(page)])}`);
    });
    await shot(page, "own-scenario-2-dashboard");
    expect((await summary()).tables[0].outcome).toMatchObject({ kind: "agreement", points: { firm: 50, candidate: 58 } });

    await click(page, "class-debrief");
    await waitForScene(page, "class-debrief");
    await until(page, () => window.__tariffTalks?.buttons().some((b) => b.id === "replay-T1"));
    await shot(page, "own-scenario-3-debrief");
    const shown = await texts(page);
    expect(shown).toContain("Deal");
    // The chart is the case's: its sides on the axes, and no legend for a reference deal it does not have.
    expect(shown).toContain("Kestrel Robotics points →");
    expect(shown).toContain("↑ Dana Ortiz points");
    expect(shown.some((t) => t.startsWith("Real deal"))).toBe(false);
    expect(shown).toContain("50 / 58");
    await context.close();
  }, 180_000);
});
