/**
 * What the server keeps alive, apart from garbage not yet collected: the heap in use plus array
 * buffers, right after a full collection. RSS mixes that with wherever the collector happens to
 * be, so the benchmark reports both. Needs `--expose-gc` (the benchmark server is started with it).
 */
export type LiveMemory = { heapBytes: number; arrayBufferBytes: number };

export function liveMemory(): LiveMemory | undefined {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (!collect) return undefined;
  collect();
  const usage = process.memoryUsage();
  return { heapBytes: usage.heapUsed, arrayBufferBytes: usage.arrayBuffers };
}
