import { promises as fs } from "node:fs";
import path from "node:path";
import type { HttpHandler } from "./express-types.js";

/**
 * Serves the built client (Vite's `client/dist`): files by path, `/` as index.html, hashed
 * assets cached for a year. Paths are resolved inside the root only.
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
    const body = await fs.readFile(file).catch(() => undefined);
    if (body === undefined) return next();
    res.setHeader("Content-Type", contentTypes[path.extname(file).toLowerCase()] ?? "application/octet-stream");
    res.setHeader("Cache-Control", relative.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    res.end(req.method === "HEAD" ? undefined : body);
  };
}
