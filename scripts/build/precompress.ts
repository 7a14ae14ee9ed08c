import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";

/**
 * A Vite build step: beside every compressible file of the built client it writes `name.br`
 * (Brotli, quality 11) and `name.gz` (gzip -9), once, at build time, so the server only picks a
 * file by the browser's Accept-Encoding (server/http/static-files.ts) and never compresses per
 * request. Fonts (woff2) and images are compressed already and are left alone; so is any file
 * that would not shrink by at least 5 %.
 */

export const COMPRESSIBLE = new Set([".js", ".mjs", ".css", ".html", ".svg", ".json", ".txt", ".map"]);
const MIN_BYTES = 512;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

/** Writes the .br and .gz siblings of every compressible file under `dir`; returns how many files it compressed. */
export function precompressDir(dir: string): number {
  let count = 0;
  for (const file of filesUnder(dir)) {
    if (!COMPRESSIBLE.has(path.extname(file).toLowerCase())) continue;
    const raw = readFileSync(file);
    if (raw.length < MIN_BYTES) continue;
    const brotli = brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } });
    const gzip = gzipSync(raw, { level: 9 });
    if (brotli.length <= raw.length * 0.95) writeFileSync(`${file}.br`, brotli);
    if (gzip.length <= raw.length * 0.95) writeFileSync(`${file}.gz`, gzip);
    count++;
  }
  return count;
}

export function precompress(): Plugin {
  let outDir = "";
  return {
    name: "tariff-talks:precompress",
    apply: "build",
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      precompressDir(outDir);
    },
  };
}
