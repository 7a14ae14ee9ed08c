import { PerformanceObserver, constants } from "node:perf_hooks";

/**
 * Garbage-collection pauses of this process, counted from V8's own notifications (no polling):
 * the tail of the latency distribution is mostly actions that arrived during one, so the
 * benchmark reports them beside the percentiles. `snapshot()` is cumulative; diff two.
 */
export type GcPauses = { minor: number; minorMs: number; major: number; majorMs: number; longestMs: number };

/** Starts counting; the returned function gives the totals so far and restarts `longestMs`. */
export function watchGcPauses(): () => GcPauses {
  const totals: GcPauses = { minor: 0, minorMs: 0, major: 0, majorMs: 0, longestMs: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      // Minor: a scavenge of the young generation. Major: mark-compact and its incremental steps.
      if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
        totals.minor++;
        totals.minorMs += entry.duration;
      } else {
        totals.major++;
        totals.majorMs += entry.duration;
      }
      totals.longestMs = Math.max(totals.longestMs, entry.duration);
    }
  }).observe({ entryTypes: ["gc"] });
  return () => {
    const snapshot = { ...totals };
    totals.longestMs = 0;
    return snapshot;
  };
}

/** The pauses between two snapshots (`longestMs`: the longest since the first). */
export const diffGcPauses = (start: GcPauses, end: GcPauses): GcPauses => ({
  minor: end.minor - start.minor,
  minorMs: end.minorMs - start.minorMs,
  major: end.major - start.major,
  majorMs: end.majorMs - start.majorMs,
  longestMs: end.longestMs,
});
