import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { click, ensureClientBuilt, hasChromium, launch, newPage, startServer, until, waitForScene } from "../browser/harness.js";
import { runWhenMain } from "./measure.js";

/**
 * Client benchmark (for `npm run bench`): the gzip size of all built JavaScript (target: under
 * 600 KB, Phaser included) and the time from navigation to an interactive table in headless
 * Chromium on localhost (target: under 2 s). The table is reached from a stored seat, as after
 * a reload, so the time is the page's own: load, boot, resume the seat, draw the table.
 */

const SIZE_TARGET_KB = 600;
const TIME_TARGET_MS = 2000;

function gzipSizes(): { file: string; raw: number; gzip: number }[] {
  const dir = path.resolve("client/dist/assets");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".js"))
    .map((file) => {
      const bytes = readFileSync(path.join(dir, file));
      return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
}

export async function benchClient(): Promise<void> {
  ensureClientBuilt();
  const sizes = gzipSizes();
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  console.log("Client bundle (gzip -9):");
  for (const s of sizes) console.log(`  ${s.file.padEnd(28)} ${(s.raw / 1024).toFixed(0).padStart(6)} KB raw  ${(s.gzip / 1024).toFixed(1).padStart(7)} KB gzip`);
  console.log(`  total JavaScript: ${(total / 1024).toFixed(1)} KB gzip (target < ${SIZE_TARGET_KB} KB) ${total / 1024 < SIZE_TARGET_KB ? "✓" : "✗"}`);

  if (!hasChromium()) {
    console.log("  time to interactive table: not measured — Chromium is missing (apt-get install -y chromium).");
    return;
  }
  const served = await startServer(1500);
  const browser = await launch();
  try {
    // Sit down once, then measure fresh navigations that land on the table.
    const { page } = await newPage(browser);
    await page.goto(served.url);
    await waitForScene(page, "title");
    await click(page, "start-solo");
    await waitForScene(page, "briefing");
    await click(page, "ready");
    await waitForScene(page, "table");
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const start = Date.now();
      await page.goto(served.url);
      await until(page, () => window.__tariffTalks?.scene === "table" && window.__tariffTalks.interactive, undefined, 30_000);
      times.push(Date.now() - start);
    }
    // And from a cold title: navigation to the title screen, for comparison.
    const cold: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { page: fresh, context } = await newPage(browser);
      const start = Date.now();
      await fresh.goto(served.url);
      await waitForScene(fresh, "title", 30_000);
      cold.push(Date.now() - start);
      await context.close();
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const table = median(times);
    console.log(`  navigation → interactive table (seat resumed): median ${table} ms of [${times.join(", ")}] (target < ${TIME_TARGET_MS} ms) ${table < TIME_TARGET_MS ? "✓" : "✗"}`);
    console.log(`  navigation → interactive title (new tab): median ${median(cold)} ms of [${cold.join(", ")}]`);
    console.log("  (headless Chromium renders WebGL in software here; a classroom GPU is faster)");
  } finally {
    await browser.close();
    await served.stop();
  }
}

runWhenMain(import.meta.url, benchClient);
