import { promises as fs } from "node:fs";
import path from "node:path";
import type { HttpHandler } from "./express-types.js";

/**
 * Serves the built client (Vite's `client/dist`): files by path, `/` as index.html, hashed
 * assets cached for a year. Paths are resolved inside the root only. The build writes a Brotli
 * (`.br`) and a gzip (`.gz`) copy beside each compressible file (scripts/build/precompress.ts);
 * a browser gets the smallest copy its Accept-Encoding allows, with Content-Encoding and
 * `Vary: Accept-Encoding` so caches keep the copies apart. Nothing is compressed per request.
 */

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** The types the build may have precompressed (the rest are sent as they are, without Vary). */
const compressible = new Set([".html", ".js", ".mjs", ".css", ".json", ".map", ".svg", ".txt"]);

/** Encodings in our order of preference, with the file suffix the build gave each. */
const encodings = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/**
 * The encodings an Accept-Encoding header allows (RFC 9110 §12.5.3): listed with q > 0, or
 * covered by `*` with q > 0 and not refused by name. `identity` is always acceptable here.
 */
export function acceptedEncodings(header: string | undefined): Set<string> {
  const q = new Map<string, number>();
  for (const part of (header ?? "").split(",")) {
    const [token, ...params] = part.trim().toLowerCase().split(";");
    if (!token) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(token, Number.isFinite(value) ? value : 0);
  }
  const star = q.get("*");
  const accepted = new Set<string>();
  for (const { name } of encodings) {
    const own = q.get(name);
    if (own !== undefined ? own > 0 : star !== undefined && star > 0) accepted.add(name);
  }
  return accepted;
}

export function staticFiles(root: string): HttpHandler {
  const base = path.resolve(root);
  return async (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let relative: string;
    try {
      relative = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    if (relative.endsWith("/")) relative += "index.html";
    const file = path.resolve(base, `.${relative}`);
    if (file !== base && !file.startsWith(base + path.sep)) return next();
    const ext = path.extname(file).toLowerCase();
    let body: Buffer | undefined;
    let encoding: string | null = null;
    if (compressible.has(ext)) {
      const accepted = acceptedEncodings(String(req.headers["accept-encoding"] ?? ""));
      for (const candidate of encodings) {
        if (!accepted.has(candidate.name)) continue;
        body = await fs.readFile(file + candidate.suffix).catch(() => undefined);
        if (body !== undefined) {
          encoding = candidate.name;
          break;
        }
      }
    }
    body ??= await fs.readFile(file).catch(() => undefined);
    if (body === undefined) return next();
    res.setHeader("Content-Type", contentTypes[ext] ?? "application/octet-stream");
    res.setHeader("Cache-Control", relative.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    if (compressible.has(ext)) res.setHeader("Vary", "Accept-Encoding");
    if (encoding) res.setHeader("Content-Encoding", encoding);
    res.setHeader("Content-Length", String(body.length));
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
