import { createGameServer } from "../../server/app.js";
import { configFromEnv } from "../../server/config.js";
import { BaselineRoom } from "./baseline-room.js";
import { RecordRoom } from "./record-room.js";
import { watchGcPauses } from "./gc-pauses.js";
import { liveMemory } from "./live-memory.js";
import { profileWindowOnSignals } from "./window-profile.js";

/**
 * The server under test: the real game server, plus the bare baseline room and the record-keeping
 * reference room (record-room.ts), on loopback.
 * SIGUSR2 prints its garbage-collection pauses so far (`gc {json}`), for the window's figures;
 * SIGWINCH runs a full collection and prints what is still alive (`live {json}`): asked of a
 * throwaway idle server for the baseline, and of the measured one only after its window.
 */
const gcPauses = watchGcPauses();
process.on("SIGUSR2", () => console.log(`gc ${JSON.stringify(gcPauses())}`));
if (process.env.BENCH_CPU_PROFILE) profileWindowOnSignals(process.env.BENCH_CPU_PROFILE);
process.on("SIGWINCH", () => void liveMemory().then((live) => console.log(`live ${JSON.stringify(live ?? null)}`)));
const config = configFromEnv();
if (!config.ok) {
  console.error(config.error);
  process.exit(1);
}
if (config.value.host !== "127.0.0.1") {
  console.error("The benchmark server listens on loopback only: set HOST=127.0.0.1.");
  process.exit(1);
}
const game = await createGameServer(config.value);
// The comparison rooms' connections are pinged by the game's heartbeat too (the transport's own loop is off).
game.server.define("bench-baseline", BaselineRoom, { heartbeat: game.deps.heartbeat });
game.server.define("bench-record", RecordRoom, { dataDir: config.value.dataDir, syncMs: config.value.logSyncMs, heartbeat: game.deps.heartbeat });
const port = await game.listen();
console.log(`ready ${port}`);
process.on("SIGTERM", () => void game.shutdown().finally(() => process.exit(0)));
