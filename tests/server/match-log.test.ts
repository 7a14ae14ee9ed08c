import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { MatchLogFile } from "../../server/store/match-log.js";

/** The log file's promise: an appended line is on file before `append` returns, and on the device soon after. */

const dirs: string[] = [];
const tempFile = () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "tt-log-"));
  dirs.push(dir);
  return path.join(dir, "M1.jsonl");
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("match log file", () => {
  it("writes each append before returning, and flushes it to the device within syncMs", async () => {
    const file = tempFile();
    const log = await MatchLogFile.create(file, ["header"], 50);
    const flushesAtStart = log.flushesStarted;
    expect(log.append(["one", "two"])).toBeUndefined(); // synchronous: nothing to wait for
    expect(readFileSync(file, "utf8")).toBe("header\none\ntwo\n");
    log.append(["three"]);
    expect(log.flushesStarted).toBe(flushesAtStart);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(log.flushesStarted).toBe(flushesAtStart + 1); // one flush for both appends
    await log.close();
    expect(readFileSync(file, "utf8")).toBe("header\none\ntwo\nthree\n");
  });

  it("closes its descriptor only after its flushes have finished, even one begun just before", async () => {
    const file = tempFile();
    const log = await MatchLogFile.create(file, ["header"], 1000);
    const internals = log as unknown as { handle: { close(): Promise<void> }; flushesInFlight: number };
    const inFlightAtClose: number[] = [];
    const close = internals.handle.close.bind(internals.handle);
    vi.spyOn(internals.handle, "close").mockImplementation(() => {
      inFlightAtClose.push(internals.flushesInFlight);
      return close();
    });
    log.append(["日本 and the US: one"]);
    log.beginFlush(); // a background flush under way as the room closes
    log.append(["two"]);
    await log.close(); // flushes "two" too
    expect(log.flushesStarted).toBe(2);
    expect(inFlightAtClose).toEqual([0]); // an fdatasync on a closed (or reused) descriptor would be lost
    expect(readFileSync(file, "utf8")).toBe("header\n日本 and the US: one\ntwo\n");
  });

  it("with syncMs 0, waits for the device on every append", async () => {
    const file = tempFile();
    const log = await MatchLogFile.create(file, ["header"], 0);
    const pending = log.append(["one"]);
    expect(pending).toBeInstanceOf(Promise);
    await pending;
    await log.close();
    expect(readFileSync(file, "utf8")).toBe("header\none\n");
  });

  it("keeps every line whose append returned when the process is killed with SIGKILL right after", () => {
    const file = tempFile();
    const script = `
      const { MatchLogFile } = await import(${JSON.stringify(path.resolve("server/store/match-log.ts"))});
      const log = await MatchLogFile.create(${JSON.stringify(file)}, ["header"], 200);
      for (let i = 0; i < 100; i++) log.append(["line " + i]);
      process.kill(process.pid, "SIGKILL");
    `;
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { encoding: "utf8" });
    expect(run.signal).toBe("SIGKILL");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines).toHaveLength(101);
    expect(lines.at(-1)).toBe("line 99");
  });
});
