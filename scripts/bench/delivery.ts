import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { buildClient, clickButton, CLIENT_DIR, countedPage, launchChromium, median, serveClient, waitInteractive, type CountedPage } from "./delivery-browser.js";
import { runWhenMain } from "./measure.js";

/**
 * Delivery benchmark (issue 20), in headless Chromium against the real server, with and without
 * a throttled network (10 Mbit/s, 40 ms RTT, set through the DevTools protocol):
 * - bytes on the wire before the title is interactive (target ≤ 200 KB), in English and Japanese;
 * - the JavaScript as the server sends it to a browser that accepts br/gzip (target ≤ 450 KB);
 * - navigation → interactive title (target < 1.5 s), and → interactive table (a seat resumed
 *   after a reload, with the cache off, so every byte comes over the network again).
 * Each navigation runs in a fresh browser context (an empty cache). Times are read in the page.
 */

const TITLE_BYTES_KB = 200;
const JS_KB = 450;
const TITLE_MS = 1500;
const RUNS = 3;

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const mark = (ok: boolean) => (ok ? "✓" : "✗");

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** The body bytes the server sends for `file` to a browser that accepts `br, gzip`, and the encoding it chose. */
function served(url: string): Promise<{ bytes: number; encoding: string }> {
  return new Promise((resolve, reject) => {
    http
      // A fresh connection each time: the compression above blocks this process for seconds, long
      // enough for the server to close a kept-alive socket under the request (ECONNRESET).
      .get(url, { agent: false, headers: { "Accept-Encoding": "br, gzip" } }, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => resolve({ bytes, encoding: String(res.headers["content-encoding"] ?? "identity") }));
      })
      .on("error", reject);
  });
}

async function javascriptSizes(base: string): Promise<void> {
  const js = filesUnder(CLIENT_DIR).filter((f) => f.endsWith(".js"));
  let raw = 0;
  let gzip = 0;
  let brotli = 0;
  let sent = 0;
  const encodings = new Set<string>();
  for (const file of js) {
    const bytes = readFileSync(file);
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
    brotli += brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    const answer = await served(base + path.relative(CLIENT_DIR, file).split(path.sep).join("/"));
    sent += answer.bytes;
    encodings.add(answer.encoding);
  }
  console.log(`  JavaScript: ${js.length} files, ${kb(raw)} raw, ${kb(gzip)} gzip -9, ${kb(brotli)} brotli -11`);
  console.log(`  JavaScript as served (Accept-Encoding: br, gzip → ${[...encodings].join("/")}): ${kb(sent)} (target ≤ ${JS_KB} KB) ${mark(sent / 1024 <= JS_KB)}`);
  const fonts = filesUnder(CLIENT_DIR).filter((f) => f.endsWith(".woff2"));
  if (fonts.length > 0) console.log(`  fonts: ${fonts.map((f) => `${path.basename(f)} ${kb(statSync(f).size)}`).join(", ")}`);
}

/** Bytes of the responses that finished before `ms` (the title's first interactive frame). */
const bytesBefore = (counted: CountedPage, ms: number) => counted.finished.filter((f) => f.ms <= ms).reduce((sum, f) => sum + f.bytes, 0);
const bytesAll = (counted: CountedPage) => counted.finished.reduce((sum, f) => sum + f.bytes, 0);

async function titleRuns(browser: Awaited<ReturnType<typeof launchChromium>>, url: string, throttle: boolean, locale: string): Promise<void> {
  const times: number[] = [];
  const before: number[] = [];
  const total: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const counted = await countedPage(browser, { throttle, locale });
    await counted.page.goto(url, { waitUntil: "commit" });
    const at = await waitInteractive(counted, "title");
    // Let whatever the page fetches after the title (the rest of the game) finish, for the total.
    await counted.page.waitForLoadState("networkidle").catch(() => undefined);
    times.push(Math.round(at));
    before.push(bytesBefore(counted, at));
    total.push(bytesAll(counted));
    await counted.context.close();
  }
  const lang = locale.slice(0, 2);
  const t = median(times);
  const b = median(before);
  console.log(`  [${throttle ? "10 Mbit/s, 40 ms" : "localhost"}, ${lang}] navigation → interactive title: median ${t} ms of [${times.join(", ")}] (target < ${TITLE_MS} ms) ${mark(t < TITLE_MS)}`);
  console.log(`  [${throttle ? "10 Mbit/s, 40 ms" : "localhost"}, ${lang}] bytes on the wire before the title is interactive: ${kb(b)} (target ≤ ${TITLE_BYTES_KB} KB) ${mark(b / 1024 <= TITLE_BYTES_KB)}; whole page once idle: ${kb(median(total))}`);
}

async function tableRuns(browser: Awaited<ReturnType<typeof launchChromium>>, url: string, throttle: boolean): Promise<void> {
  // Sit down at a solo table once, then reload with the cache off: the seat resumes from sessionStorage.
  const counted = await countedPage(browser, { throttle, cacheDisabled: true });
  try {
    await counted.page.goto(url);
    await waitInteractive(counted, "title");
    await clickButton(counted.page, "start-solo");
    await waitInteractive(counted, "briefing").catch(async (error: unknown) => {
      const hook = await counted.page.evaluate(() => JSON.stringify({ scene: window.__tariffTalks?.scene, messages: window.__tariffTalks?.messages }));
      throw new Error(`the solo table did not open (${hook})`, { cause: error });
    });
    await clickButton(counted.page, "ready");
    await waitInteractive(counted, "table");
    const times: number[] = [];
    const bytes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      counted.finished.length = 0;
      await counted.page.reload({ waitUntil: "commit" });
      const at = await waitInteractive(counted, "table");
      times.push(Math.round(at));
      bytes.push(bytesBefore(counted, at));
    }
    console.log(`  [${throttle ? "10 Mbit/s, 40 ms" : "localhost"}] navigation → interactive table (seat resumed, no cache): median ${median(times)} ms of [${times.join(", ")}], ${kb(median(bytes))} on the wire`);
  } finally {
    await counted.context.close();
  }
}

export async function benchDelivery(): Promise<void> {
  console.log("Delivery (what a browser downloads, and how soon the screens take input):");
  buildClient();
  const server = await serveClient();
  try {
    await javascriptSizes(server.url);
    if (!existsSync("/usr/bin/chromium")) {
      console.log("  browser timings: not measured — Chromium is missing (apt-get install -y chromium).");
      return;
    }
    const browser = await launchChromium();
    try {
      for (const throttle of [false, true]) {
        for (const locale of ["en-US", "ja-JP"]) await titleRuns(browser, server.url, throttle, locale);
        await tableRuns(browser, server.url, throttle);
      }
    } finally {
      await browser.close();
    }
    console.log("  (headless Chromium renders WebGL in software here; a classroom GPU is faster)");
  } finally {
    await server.stop();
  }
}

runWhenMain(import.meta.url, benchDelivery);
