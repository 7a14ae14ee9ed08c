/**
 * What the server keeps alive, apart from garbage not yet collected: the heap in use plus array
 * buffers, after a full collection. RSS mixes that with wherever the collector happens to be, so
 * the benchmark reports both. Needs `--expose-gc` (the benchmark server is started with it).
 */
export type LiveMemory = { heapBytes: number; arrayBufferBytes: number };

/** How long to wait for the array buffer sweeper before reading anyway. */
const SETTLE_LIMIT_MS = 3000;
const SETTLE_STEP_MS = 100;

/**
 * V8 frees the memory of dead array buffers on a background thread after a collection, and
 * `process.memoryUsage().arrayBuffers` counts it until then. Read at once after one collection, a
 * server that has just sent thousands of frames showed 3–6 MB of them where 0.9 MB were alive
 * (measured). So: collect, and read again until two readings a step apart agree.
 */
export async function liveMemory(): Promise<LiveMemory | undefined> {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return undefined;
  const read = (): LiveMemory => {
    collect();
    const usage = process.memoryUsage();
    return { heapBytes: usage.heapUsed, arrayBufferBytes: usage.arrayBuffers };
  };
  let last = read();
  for (let waited = 0; waited < SETTLE_LIMIT_MS; waited += SETTLE_STEP_MS) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_STEP_MS));
    const next = read();
    const settled = next.arrayBufferBytes === last.arrayBufferBytes;
    last = next;
    if (settled) break;
  }
  return last;
}
