import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { createGameServer, type GameServer } from "../../server/app.js";
import { serverConfig } from "../../server/config.js";
import type { HookButton } from "../../client/src/game/test-hook.js";

/**
 * What the browser tests share: Debian's Chromium (never a downloaded browser), the real game
 * server on a free port with a temporary data folder, a built client, and helpers that read the
 * game through `window.__tariffTalks` (canvas text is not in the DOM).
 */

export const CHROMIUM = "/usr/bin/chromium";
export const ARTIFACTS = path.resolve("tests/artifacts");
const ROOT = path.resolve(".");
const CLIENT_DIR = path.join(ROOT, "client", "dist");

export const hasChromium = (): boolean => existsSync(CHROMIUM);

/** Builds the client unless a build newer than every client source exists. */
export function ensureClientBuilt(): void {
  const index = path.join(CLIENT_DIR, "index.html");
  if (existsSync(index) && process.env.SKIP_CLIENT_BUILD === "1") return;
  // NODE_ENV=test (set by vitest) would make Vite build a client with import.meta.env.DEV true, which talks to port 2567.
  execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { cwd: ROOT, stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
  if (!statSync(index).isFile()) throw new Error("vite build did not produce client/dist/index.html");
}

export type Served = { url: string; server: GameServer; dataDir: string; stop: () => Promise<void> };

export async function startServer(botDelayMs = 250, options: { scenariosDir?: string } = {}): Promise<Served> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-browser-"));
  const scenariosDir = options.scenariosDir ?? path.join(dataDir, "scenarios");
  const server = await createGameServer(serverConfig({ port: 0, dataDir, clientDir: CLIENT_DIR, botDelayMs, reconnectSeconds: 30, scenariosDir }));
  const port = await server.listen();
  return {
    url: `http://localhost:${port}/`,
    server,
    dataDir,
    stop: async () => {
      await server.shutdown().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** `launch` gives every run a fresh temporary profile (Playwright refuses an explicit --user-data-dir here). */
export async function launch(options: { env?: Record<string, string> } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    ...(options.env ? { env: { ...process.env, ...options.env } as Record<string, string> } : {}),
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * A fresh browser page. It is a returning visitor (the table's first-visit walkthrough counts as
 * seen) unless `firstVisit` is set, so tests of other things find the table as they left it.
 */
export async function newPage(browser: Browser, width = 1280, height = 720, options: { firstVisit?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  if (!options.firstVisit) await context.addInitScript(() => window.localStorage.setItem("tariffTalks.walkthroughSeen", "1"));
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`[page error] ${error.stack ?? error.message}`));
  return { context, page };
}

/** Waits until `fn(arg)` is true in the page, polling every 100 ms (not every frame: software GL is slow). */
export async function until<A>(page: Page, fn: (arg: A) => unknown, arg?: A, timeout = 20_000): Promise<void> {
  await page.waitForFunction(fn as (arg: unknown) => unknown, arg, { timeout, polling: 100 });
}

export async function waitForScene(page: Page, scene: string, timeout = 15_000): Promise<void> {
  await until(page, (key) => window.__tariffTalks?.scene === key && window.__tariffTalks.interactive, scene, timeout);
}

export async function buttons(page: Page): Promise<HookButton[]> {
  return page.evaluate(() => window.__tariffTalks?.buttons() ?? []);
}

/** Clicks a canvas button by its id, as a mouse would, once it is enabled. */
export async function click(page: Page, id: string, timeout = 10_000): Promise<void> {
  await until(page, (wanted) => window.__tariffTalks?.buttons().some((b) => b.id === wanted && b.enabled), id, timeout);
  const button = (await buttons(page)).find((b) => b.id === id)!;
  await page.mouse.click(button.x + button.width / 2, button.y + button.height / 2);
}

export async function texts(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__tariffTalks?.texts() ?? []);
}

export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  writeFileSync(file, await page.screenshot());
  return file;
}

/**
 * Fraction of pixels that differ from the background colour, and the number of distinct colours
 * seen, on the page as shown (the title is a DOM page over the canvas; the other screens are canvas).
 */
export async function canvasStats(page: Page): Promise<{ busy: number; colours: number }> {
  const png = decodePng(await page.screenshot());
  const [br, bg, bb] = [png.data[0]!, png.data[1]!, png.data[2]!];
  let busy = 0;
  const colours = new Set<number>();
  for (let i = 0; i < png.width * png.height; i += 7) {
    const o = i * png.channels;
    const r = png.data[o]!;
    const g = png.data[o + 1]!;
    const b = png.data[o + 2]!;
    if (Math.abs(r - br) + Math.abs(g - bg) + Math.abs(b - bb) > 24) busy++;
    colours.add((r >> 3) * 1024 + (g >> 3) * 32 + (b >> 3));
  }
  return { busy: busy / Math.ceil((png.width * png.height) / 7), colours: colours.size };
}

/** A minimal PNG reader (8-bit RGB/RGBA, not interlaced: what Chromium's screenshots are). */
export function decodePng(buffer: Buffer): { width: number; height: number; channels: number; data: Uint8Array } {
  let offset = 8;
  let width = 0;
  let height = 0;
  let channels = 4;
  const idat: Buffer[] = [];
  while (offset < buffer.length) {
    const length = buffer.readUInt32BE(offset);
    const type = buffer.toString("ascii", offset + 4, offset + 8);
    const body = buffer.subarray(offset + 8, offset + 8 + length);
    if (type === "IHDR") {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      channels = body[9] === 6 ? 4 : 3;
    } else if (type === "IDAT") idat.push(body);
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const data = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? data[y * stride + x - channels]! : 0;
      const b = y > 0 ? data[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? data[(y - 1) * stride + x - channels]! : 0;
      let value = line[x]!;
      if (filter === 1) value += a;
      else if (filter === 2) value += b;
      else if (filter === 3) value += (a + b) >> 1;
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        value += pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
      }
      data[y * stride + x] = value & 0xff;
    }
  }
  return { width, height, channels, data };
}

/** Fails unless the canvas shows a drawn screen (not one flat colour). */
export async function expectDrawn(page: Page): Promise<void> {
  const stats = await canvasStats(page);
  if (stats.busy < 0.03 || stats.colours < 12) throw new Error(`The canvas looks blank (${(stats.busy * 100).toFixed(1)}% drawn, ${stats.colours} colours).`);
}
