import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { FileStorage } from "../../../server/store/file-storage.js";
import { startWriter, storageContract, until, type StoreUnderTest } from "./contract.js";

/**
 * The storage contract on the data folder. Refusing writes: the folder and its files made
 * immutable (`chattr +i`, which binds root too — as root, permissions would not); running out:
 * the writer runs under a file-size limit (`ulimit -f`), so the kernel refuses its writes past
 * it as a full disk does (a short write, then EFBIG).
 */

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

storageContract({
  name: "file",
  available: true,
  missing: "",
  // chattr +i needs root (CAP_LINUX_IMMUTABLE); file permissions would not stop an open log's appends.
  cannotRefuseWrites: process.getuid?.() === 0 ? undefined : "making the folder immutable (chattr +i) needs root",
  async fresh(): Promise<StoreUnderTest> {
    const dir = mkdtempSync(path.join(os.tmpdir(), "tt-storage-"));
    dirs.push(dir);
    let refusing = false;
    return {
      open: () => FileStorage.open(dir, 200),
      env: { DATA_DIR: dir, DATABASE_URL: "", LOG_SYNC_MS: "200" },
      async refuseWrites() {
        execFileSync("chattr", ["-R", "+i", dir]);
        refusing = true;
      },
      async allowWrites() {
        if (refusing) execFileSync("chattr", ["-R", "-i", dir]);
        refusing = false;
      },
      async runOutMidStream(code) {
        // 32 KB: a few hundred lines, then a line cut short by the limit.
        const writer = startWriter(["log", code], { DATA_DIR: dir, DATABASE_URL: "", LOG_SYNC_MS: "200" }, ["bash", "-c", 'ulimit -f 32 && exec "$@"', "limited"]);
        await until(() => writer.child.exitCode !== null, "the writer to hit the size limit");
        await writer.exited;
        return { acked: writer.acked(), output: writer.output() };
      },
    };
  },
});
