import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { configFromEnv } from "../../../server/config.js";

/** Cluster mode is configuration: REDIS_URL and PUBLIC_ADDRESS, checked; an unreachable Redis is a sentence, not a hang. */

describe("cluster settings", () => {
  it("reads REDIS_URL and PUBLIC_ADDRESS, and names REDIS_URL when it is not a redis URL", () => {
    const on = configFromEnv({ REDIS_URL: "redis://10.0.0.20:6379", PUBLIC_ADDRESS: "game.example.edu/p1" });
    expect(on.ok && [on.value.redisUrl, on.value.publicAddress]).toEqual(["redis://10.0.0.20:6379", "game.example.edu/p1"]);
    const off = configFromEnv({});
    expect(off.ok && off.value.redisUrl).toBeUndefined();
    const bad = configFromEnv({ REDIS_URL: "10.0.0.20:6379" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error).toContain("REDIS_URL");
  });

  it("stops with one sentence when Redis cannot be reached", () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "tt-redis-off-"));
    try {
      const run = spawnSync(process.execPath, ["--import", "tsx", "server/main.ts"], {
        cwd: path.resolve(import.meta.dirname, "../../.."),
        env: { ...process.env, REDIS_URL: "redis://127.0.0.1:1", PORT: "0", HOST: "127.0.0.1", DATA_DIR: dataDir },
        encoding: "utf8",
        timeout: 30_000,
      });
      expect(run.status).toBe(1);
      expect(run.stderr.trim()).toBe("Cannot reach Redis at 127.0.0.1:1 (ECONNREFUSED). Start Redis there or fix REDIS_URL; without REDIS_URL the server runs alone.");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 40_000);
});
