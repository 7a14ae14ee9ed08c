import type { Page } from "playwright-core";
import { decodePng, texts } from "../../scripts/browser/harness.js";

/**
 * What a person sees on a screen, for before/after comparisons: the scene, its texts (sorted;
 * the message banner, which comes and goes, left out) and a screenshot. A banner still showing
 * is waited out first, so it is in neither picture.
 */

export type Snapshot = { scene: string; texts: string[]; png: Buffer; pixelsChanged: number };

async function steadyTexts(page: Page): Promise<string[]> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const { shown, messages } = await page.evaluate(() => ({ shown: window.__tariffTalks?.texts() ?? [], messages: window.__tariffTalks?.messages ?? [] }));
    const banner = shown.some((t) => messages.some((m) => m.length > 0 && t.endsWith(m)));
    if (!banner || Date.now() > deadline) return shown.filter((t) => !messages.some((m) => m.length > 0 && t.endsWith(m))).sort();
    await page.waitForTimeout(250);
  }
}

export async function snapshot(page: Page): Promise<Snapshot> {
  const shown = await steadyTexts(page);
  await page.waitForTimeout(300);
  return { scene: (await page.evaluate(() => window.__tariffTalks?.scene ?? "")) as string, texts: shown, png: await page.screenshot(), pixelsChanged: 0 };
}

/** Share of pixels (sampled) whose colour differs by more than a little between two screenshots of one size. */
export function pixelsChanged(a: Buffer, b: Buffer): number {
  const x = decodePng(a);
  const y = decodePng(b);
  if (x.width !== y.width || x.height !== y.height) return 1;
  let changed = 0;
  let seen = 0;
  for (let i = 0; i < x.width * x.height; i += 3) {
    const o = i * x.channels;
    const p = i * y.channels;
    seen++;
    if (Math.abs(x.data[o]! - y.data[p]!) + Math.abs(x.data[o + 1]! - y.data[p + 1]!) + Math.abs(x.data[o + 2]! - y.data[p + 2]!) > 40) changed++;
  }
  return changed / seen;
}

/** Waits (up to 15 s) for the page to show `before`'s texts again, then measures how much of the picture changed. */
export async function samePicture(page: Page, before: Snapshot): Promise<Snapshot> {
  const deadline = Date.now() + 15_000;
  let now = await snapshot(page);
  while (JSON.stringify(now.texts) !== JSON.stringify(before.texts) && Date.now() < deadline) {
    await page.waitForTimeout(300);
    now = await snapshot(page);
  }
  return { ...now, pixelsChanged: pixelsChanged(before.png, now.png) };
}

export { texts };
