import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

/**
 * `--profile 1`: the server records a V8 CPU profile of the measured window only (connecting a
 * thousand matches would otherwise fill most of it). The orchestrator's SIGUSR2 at the start of the
 * window starts it, the one at the end writes it to `file` (open it in Chrome's DevTools).
 */
export function profileWindowOnSignals(file: string): void {
  const session = new Session();
  session.connect();
  let running = false;
  process.on("SIGUSR2", () => {
    void (async () => {
      if (!running) {
        running = true;
        await session.post("Profiler.enable");
        await session.post("Profiler.start");
        return;
      }
      const { profile } = await session.post("Profiler.stop");
      writeFileSync(file, JSON.stringify(profile));
      console.log(`profile ${file}`);
    })();
  });
}
