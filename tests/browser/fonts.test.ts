import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Browser, Page } from "playwright-core";
import { click, decodePng, ensureClientBuilt, hasChromium, launch, newPage, shot, startServer, until, waitForScene, type Served } from "../../scripts/browser/harness.js";

/**
 * The bundled fonts on a machine without Japanese ones: Chromium is started with FONTCONFIG_FILE
 * pointing at a fontconfig of our own that lists no font folder but DejaVu's (Latin only). The Japanese title and
 * table must still draw Japanese glyphs, from the game's own Noto Sans JP subset:
 * - first, that this browser really has no Japanese font (two different kanji in its fallback
 *   draw the same pixels: tofu or nothing);
 * - the title's heading, as shown, is pixel-identical to the same heading drawn with the bundled
 *   face alone, and differs from the system fallback;
 * - on the table (canvas, Phaser), every Japanese text uses a stack that starts with the bundled
 *   faces, which were loaded before it was drawn, and that stack draws distinct glyphs.
 */

const suite = hasChromium() ? describe : describe.skip;
const DEJAVU = "/usr/share/fonts/truetype/dejavu";

/** Ink as a bitmap: true where a pixel is text. */
type Ink = { width: number; height: number; on: boolean[] };

/** In the page: `text` drawn in `font` on a 2D canvas (the rasteriser Phaser's Text uses), as ink. */
const rasterise = (page: Page, text: string, font: string): Promise<Ink> =>
  page.evaluate(
    ([t, f]) => {
      const canvas = document.createElement("canvas");
      canvas.width = 400;
      canvas.height = 120;
      const ctx = canvas.getContext("2d")!;
      ctx.fillStyle = "#fff";
      ctx.font = f;
      ctx.textBaseline = "middle";
      ctx.fillText(t, 10, 60);
      const alpha = ctx.getImageData(0, 0, canvas.width, canvas.height).data.filter((_, i) => i % 4 === 3);
      return { width: canvas.width, height: canvas.height, on: Array.from(alpha, (a) => a > 128) };
    },
    [text, font] as const,
  );

/** A screenshot (light text on the dark page) as ink. */
function screenshotInk(png: Buffer): Ink {
  const image = decodePng(png);
  const on: boolean[] = [];
  for (let i = 0; i < image.width * image.height; i++) {
    const o = i * image.channels;
    on.push(image.data[o]! + image.data[o + 1]! + image.data[o + 2]! > 3 * 150);
  }
  return { width: image.width, height: image.height, on };
}

/** The ink cut to its bounding box, so glyph shapes compare wherever a font's metrics put the baseline. */
function crop(ink: Ink): Ink {
  let [x0, y0, x1, y1] = [ink.width, ink.height, -1, -1];
  ink.on.forEach((on, i) => {
    if (!on) return;
    const x = i % ink.width;
    const y = Math.floor(i / ink.width);
    [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
  });
  if (x1 < 0) return { width: 0, height: 0, on: [] };
  const on: boolean[] = [];
  for (let y = y0; y <= y1; y++) for (let x = x0; x <= x1; x++) on.push(ink.on[y * ink.width + x]!);
  return { width: x1 - x0 + 1, height: y1 - y0 + 1, on };
}

/** How alike two inks are: 0 if their boxes differ by more than a pixel, else the share of pixels that agree. */
function likeness(a: Ink, b: Ink): number {
  const [p, q] = [crop(a), crop(b)];
  if (p.width === 0 || q.width === 0 || Math.abs(p.width - q.width) > 1 || Math.abs(p.height - q.height) > 1) return 0;
  let agree = 0;
  const w = Math.min(p.width, q.width);
  const h = Math.min(p.height, q.height);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (p.on[y * p.width + x] === q.on[y * q.width + x]) agree++;
  return agree / (w * h);
}

const inkCount = (ink: Ink) => ink.on.filter(Boolean).length;

suite("Japanese on a machine without fonts", () => {
  let served: Served;
  let browser: Browser;
  let fontDir: string;

  beforeAll(async () => {
    ensureClientBuilt();
    fontDir = mkdtempSync(path.join(os.tmpdir(), "tt-nofonts-"));
    // A fontconfig with no font folder but DejaVu's (Latin only; Chromium will not start with no
    // font at all), if there is one: the browser has no Japanese system font.
    const conf = path.join(fontDir, "fonts.conf");
    const latinOnly = existsSync(DEJAVU) ? `<dir>${DEJAVU}</dir>` : "";
    writeFileSync(conf, `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>${latinOnly}<cachedir>${path.join(fontDir, "cache")}</cachedir></fontconfig>\n`);
    served = await startServer(200);
    browser = await launch({ env: { FONTCONFIG_FILE: conf } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    rmSync(fontDir, { recursive: true, force: true });
  });

  it("draws the Japanese title and table in the bundled font", async () => {
    const { context, page } = await newPage(browser);
    await page.addInitScript(() => window.localStorage.setItem("tariffTalks.lang", "ja"));
    await page.goto(served.url);
    await waitForScene(page, "title", 30_000);

    // This browser has no Japanese font of its own: its fallback draws 関 and 税 alike (tofu or nothing).
    const fallbackA = await rasterise(page, "関", "60px sans-serif");
    const fallbackB = await rasterise(page, "税", "60px sans-serif");
    expect(fallbackA.on).toEqual(fallbackB.on);
    // The bundled face draws them, and differently.
    const bundledA = await rasterise(page, "関", '60px "TT Sans JP"');
    const bundledB = await rasterise(page, "税", '60px "TT Sans JP"');
    expect(inkCount(bundledA)).toBeGreaterThan(300);
    expect(likeness(bundledA, bundledB)).toBeLessThan(0.9);
    expect(likeness(bundledA, fallbackA)).toBeLessThan(0.9);

    // The title's heading as shown is the bundled face's rendering, not the system's.
    const heading = page.locator("#title-page .tt-text").first();
    expect(await heading.textContent()).toBe("関税交渉");
    const stack = await heading.evaluate((el) => getComputedStyle(el).fontFamily);
    expect(stack).toContain("TT Sans JP");
    const shown = screenshotInk(await heading.screenshot());
    await heading.evaluate((el) => ((el as HTMLElement).style.fontFamily = '"TT Sans JP"'));
    const bundledOnly = screenshotInk(await heading.screenshot());
    // The same stack without the bundled faces: what the page would show on its own.
    await heading.evaluate((el, s) => ((el as HTMLElement).style.fontFamily = s.replace(/"TT Sans( JP)?",\s*/g, "")), stack);
    const systemOnly = screenshotInk(await heading.screenshot());
    await heading.evaluate((el) => ((el as HTMLElement).style.fontFamily = ""));
    expect(likeness(shown, bundledOnly)).toBeGreaterThan(0.97);
    expect(likeness(shown, systemOnly)).toBeLessThan(0.9);
    await shot(page, "fonts-title-ja-no-system-fonts");

    // The table: canvas text, drawn once — the bundled faces must be in before it is.
    await click(page, "start-solo");
    await waitForScene(page, "briefing", 30_000);
    await click(page, "ready");
    await waitForScene(page, "table", 30_000);
    await page.waitForTimeout(300);
    const styles = await page.evaluate(() => window.__tariffTalks!.textStyles());
    const japanese = styles.filter((s) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(s.text));
    expect(japanese.length).toBeGreaterThan(10);
    for (const s of japanese) expect(s.family.startsWith('"TT Sans", "TT Sans JP"') || s.family.includes('"TT Sans", "TT Sans JP"')).toBe(true);
    const loaded = await page.evaluate(() => {
      const faces: FontFace[] = [];
      (document.fonts as unknown as { forEach(cb: (f: FontFace) => void): void }).forEach((f) => faces.push(f));
      return faces.filter((f) => f.family.replace(/"/g, "") === "TT Sans JP").map((f) => f.status);
    });
    expect(loaded.length).toBeGreaterThan(1);
    expect(loaded.every((status) => status === "loaded")).toBe(true);
    // A table text in the table's own stack draws the bundled glyphs (the same pixels as the bundled face alone).
    const sample = [...japanese[0]!.text].filter((c) => /[\u4e00-\u9fff]/.test(c)).slice(0, 3).join("");
    expect(sample.length).toBeGreaterThan(0);
    const inStack = await rasterise(page, sample, `48px ${japanese[0]!.family}`);
    expect(likeness(inStack, await rasterise(page, sample, '48px "TT Sans JP"'))).toBeGreaterThan(0.97);
    expect(likeness(inStack, await rasterise(page, sample, "48px sans-serif"))).toBeLessThan(0.9);
    // The turn clock's ⏱ (and the other symbols) come from the bundled symbols face, not a box.
    const clock = await rasterise(page, "⏱", `48px ${japanese[0]!.family}`);
    const missing = await rasterise(page, "\u{E000}", `48px ${japanese[0]!.family}`);
    expect(inkCount(clock)).toBeGreaterThan(50);
    expect(likeness(clock, missing)).toBeLessThan(0.9);
    await shot(page, "fonts-table-ja-no-system-fonts");
    await context.close();
  }, 120_000);
});
