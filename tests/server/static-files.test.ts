import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { precompressDir } from "../../scripts/build/precompress.js";
import { acceptedEncodings } from "../../server/http/static-files.js";
import { startServer, type TestServer } from "./helpers.js";

/**
 * The built client as a browser receives it: the build's precompressed copies (written by the
 * same step Vite runs, scripts/build/precompress.ts) chosen by Accept-Encoding, through the real
 * server's HTTP stack, with Content-Encoding, Vary and the cache headers.
 */

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

function get(url: string, acceptEncoding?: string, method = "GET"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: acceptEncoding === undefined ? {} : { "Accept-Encoding": acceptEncoding } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("precompressed static files", () => {
  let server: TestServer;
  let clientDir: string;
  const script = `export const words = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => `word number ${i} of the tariff talks`))};\n`;

  beforeAll(async () => {
    clientDir = mkdtempSync(path.join(os.tmpdir(), "tt-static-"));
    mkdirSync(path.join(clientDir, "assets"));
    writeFileSync(path.join(clientDir, "index.html"), `<!doctype html><title>Tariff Talks</title>${"<p>hello</p>".repeat(100)}`);
    writeFileSync(path.join(clientDir, "assets", "game-abc123.js"), script);
    writeFileSync(path.join(clientDir, "assets", "font.woff2"), Buffer.alloc(4000, 7));
    precompressDir(clientDir);
    server = await startServer({ clientDir });
  });

  afterAll(async () => {
    await server?.close();
    rmSync(clientDir, { recursive: true, force: true });
  });

  it("sends Brotli to a browser that accepts it, gzip to one that accepts only gzip, and the file itself otherwise", async () => {
    const url = `${server.url}/assets/game-abc123.js`;
    const br = await get(url, "gzip, deflate, br, zstd");
    expect(br.status).toBe(200);
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["vary"]).toBe("Accept-Encoding");
    expect(br.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(Number(br.headers["content-length"])).toBe(br.body.length);
    expect(br.body.length).toBeLessThan(script.length / 4);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);

    const gz = await get(url, "gzip");
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await get(url);
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.headers["vary"]).toBe("Accept-Encoding");
    expect(plain.body.toString()).toBe(script);

    // A browser that refuses Brotli by q=0 gets gzip.
    const refused = await get(url, "br;q=0, gzip;q=0.8");
    expect(refused.headers["content-encoding"]).toBe("gzip");
  });

  it("compresses index.html too, keeps it uncached, and leaves fonts as they are", async () => {
    const index = await get(`${server.url}/`, "br");
    expect(index.headers["content-encoding"]).toBe("br");
    expect(index.headers["cache-control"]).toBe("no-cache");
    expect(brotliDecompressSync(index.body).toString()).toContain("<title>Tariff Talks</title>");
    const font = await get(`${server.url}/assets/font.woff2`, "br, gzip");
    expect(font.headers["content-encoding"]).toBeUndefined();
    expect(font.headers["content-type"]).toBe("font/woff2");
    expect(font.body.length).toBe(4000);
    const head = await get(`${server.url}/assets/game-abc123.js`, "br", "HEAD");
    expect(head.headers["content-encoding"]).toBe("br");
    expect(head.body.length).toBe(0);
  });

  it("never serves a precompressed copy by its own name outside the root", async () => {
    const outside = await get(`${server.url}/..%2f..%2fetc%2fpasswd`, "br");
    expect(outside.status).toBe(404);
  });

  it("reads Accept-Encoding with q-values and *", () => {
    expect([...acceptedEncodings("gzip, deflate, br")]).toEqual(["br", "gzip"]);
    expect([...acceptedEncodings("br;q=0, *")]).toEqual(["gzip"]);
    expect([...acceptedEncodings("identity")]).toEqual([]);
    expect([...acceptedEncodings("")]).toEqual([]);
    expect([...acceptedEncodings("*;q=0")]).toEqual([]);
  });
});
