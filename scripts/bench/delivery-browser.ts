import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "playwright-core";
import { createGameServer } from "../../server/app.js";
import { serverConfig } from "../../server/config.js";

/**
 * What the delivery benchmark needs around a page: a built client, the real game server on a
 * free port, Debian's Chromium, and a page whose network traffic is counted (and throttled when
 * asked) through the DevTools protocol. Written here rather than borrowed from tests/ so the
 * benchmark stands on the server and the browser alone.
 */

export const CHROMIUM = "/usr/bin/chromium";
export const CLIENT_DIR = path.resolve("client/dist");

/** Builds the client for production (NODE_ENV=production: a dev build would talk to port 2567). */
export function buildClient(): void {
  if (existsSync(path.join(CLIENT_DIR, "index.html")) && process.env.SKIP_CLIENT_BUILD === "1") return;
  console.log("  building the client (vite build)…");
  execFileSync("npx", ["vite", "build", "--logLevel", "warn"], { stdio: "inherit", env: { ...process.env, NODE_ENV: "production" } });
}

export async function serveClient(): Promise<{ url: string; stop: () => Promise<void> }> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-bench-delivery-"));
  const server = await createGameServer(serverConfig({ port: 0, dataDir, clientDir: CLIENT_DIR, botDelayMs: 1500, reconnectSeconds: 30 }));
  const port = await server.listen();
  return {
    url: `http://localhost:${port}/`,
    stop: async () => {
      await server.shutdown().catch(() => undefined);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** 10 Mbit/s both ways and 40 ms round trip: a busy school network. */
export const THROTTLED = { offline: false, latency: 40, downloadThroughput: (10e6 / 8) | 0, uploadThroughput: (10e6 / 8) | 0 };

/**
 * A page that records, in the page itself, the moment (ms since navigation start) each screen
 * of the game first became interactive — read from the test hook every animation frame — and
 * whose finished responses are counted on the wire (headers and compressed bodies).
 */
export type CountedPage = {
  context: BrowserContext;
  page: Page;
  cdp: CDPSession;
  /** Bytes of every response finished so far, with the page's clock time (ms) of each. */
  finished: { ms: number; bytes: number; url: string }[];
  /** When `scene` first became interactive, in ms since navigation start (null if not yet). */
  interactiveAt(scene: string): Promise<number | null>;
};

// A string, not a function: tsx would wrap a function's inner functions in a helper the page lacks.
const watchScenes = `
  const seen = {};
  window.__benchInteractive = seen;
  const tick = () => {
    const hook = window.__tariffTalks;
    if (hook && hook.interactive && seen[hook.scene] === undefined) seen[hook.scene] = performance.now();
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
`;

export async function countedPage(browser: Browser, options: { throttle: boolean; locale?: string; cacheDisabled?: boolean }): Promise<CountedPage> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1, locale: options.locale ?? "en-US" });
  await context.addInitScript({ content: watchScenes });
  const page = await context.newPage();
  page.on("pageerror", (error) => console.error(`  [page error] ${error.message}`));
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  if (options.throttle) await cdp.send("Network.emulateNetworkConditions", THROTTLED);
  if (options.cacheDisabled) await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  const finished: CountedPage["finished"] = [];
  const urls = new Map<string, string>();
  let navigationStart = 0;
  cdp.on("Network.requestWillBeSent", (e) => {
    urls.set(e.requestId, e.request.url);
    if (e.type === "Document") navigationStart = e.timestamp;
  });
  cdp.on("Network.loadingFinished", (e) => {
    finished.push({ ms: (e.timestamp - navigationStart) * 1000, bytes: e.encodedDataLength, url: urls.get(e.requestId) ?? "" });
  });
  return {
    context,
    page,
    cdp,
    finished,
    interactiveAt: (scene) => page.evaluate((s) => (window as unknown as { __benchInteractive?: Record<string, number> }).__benchInteractive?.[s] ?? null, scene),
  };
}

/** Waits until the page has recorded `scene` as interactive; returns its time since navigation start. */
export async function waitInteractive(counted: CountedPage, scene: string, timeout = 60_000): Promise<number> {
  await counted.page.waitForFunction((s) => (window as unknown as { __benchInteractive?: Record<string, number> }).__benchInteractive?.[s] !== undefined, scene, { timeout, polling: 50 });
  return (await counted.interactiveAt(scene))!;
}

/** Clicks a game button by its id through the test hook's boxes, once it is enabled. */
export async function clickButton(page: Page, id: string): Promise<void> {
  type Box = { id: string; x: number; y: number; width: number; height: number; enabled: boolean };
  type Hook = { __tariffTalks?: { buttons(): Box[] } };
  await page.waitForFunction((wanted) => ((window as unknown as Hook).__tariffTalks?.buttons() ?? []).some((b) => b.id === wanted && b.enabled), id, { timeout: 30_000, polling: 100 });
  const box = (await page.evaluate(() => (window as unknown as Hook).__tariffTalks?.buttons() ?? [])).find((b) => b.id === id)!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

export const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
