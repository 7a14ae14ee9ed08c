import v8 from "node:v8";
import vm from "node:vm";
import { afterAll, expect, it } from "vitest";
import { liveMemory } from "../../scripts/bench-server/live-memory.js";

v8.setFlagsFromString("--expose-gc");
const globals = globalThis as { gc?: () => void };
const hadGc = globals.gc;
globals.gc ??= vm.runInNewContext("gc") as () => void;
afterAll(() => {
  if (!hadGc) delete globals.gc;
});

/** bench:server's "memory per match" must not count the memory of array buffers that are already dead. */
it("does not count dead array buffers that V8 has not freed yet", async () => {
  const before = await liveMemory();
  const kept = new Uint8Array(4 << 20); // alive through the reading
  let sink = 0;
  for (let i = 0; i < 20_000; i++) sink += new Uint8Array(2048)[0]!; // 40 MB of frames, all dead
  const after = await liveMemory();
  expect(sink).toBe(0);
  const grown = after!.arrayBufferBytes - before!.arrayBufferBytes;
  expect(grown).toBeGreaterThanOrEqual(kept.length);
  expect(grown).toBeLessThan(kept.length + (1 << 20));
  expect(kept.length).toBe(4 << 20);
});
