import path from "node:path";
import { z } from "zod";
import { describeProblems, problemsFromZod } from "../shared/index.js";
import { err, ok, type Result } from "../shared/index.js";
import { parseSigningKey } from "./store/log-signing.js";

const isSigningKey = (text: string): boolean => {
  try {
    parseSigningKey(text);
    return true;
  } catch {
    return false;
  }
};

/**
 * Everything the server can be tuned with. `npm start` reads it from the environment
 * (`configFromEnv`); tests and the benchmark build it directly (`serverConfig`).
 */
export const serverConfigSchema = z.strictObject({
  /** TCP port for HTTP and WebSocket together; 0 picks a free one. */
  port: z.number().int().min(0).max(65535).default(2567),
  /** Interface to bind; undefined = all interfaces (classes play over the LAN). */
  host: z.string().min(1).optional(),
  /** Match logs live in `<dataDir>/matches`; the seat-token secret in `<dataDir>/secret`. */
  dataDir: z.string().min(1).default("./data"),
  /** Scenario files (*.json) installed at start beside the built-ins; a missing folder is fine. */
  scenariosDir: z.string().min(1).default("./data/scenarios"),
  /** Built client to serve at `/`; missing is allowed (API and rooms still work). */
  clientDir: z.string().min(1).default("./client/dist"),
  /** How long a dropped connection keeps its seat for automatic reconnection. */
  reconnectSeconds: z.number().min(0).max(3600).default(60),
  /**
   * Each connection is pinged once per `heartbeatMs`; one that leaves 2 pings in a row unanswered
   * is closed and counts as dropped (server/heartbeat.ts). 0: never pinged.
   */
  heartbeatMs: z.number().int().min(0).max(600_000).default(3000),
  /** Pause before a bot moves, so people can follow. 0 in tests. */
  botDelayMs: z.number().int().min(0).max(60_000).default(1500),
  /** Token bucket per connection: sustained messages per second, and burst size. */
  ratePerSecond: z.number().positive().max(100_000).default(10),
  rateBurst: z.number().int().positive().max(100_000).default(30),
  /** The most seats per side a creator may ask for (`seatsPerSide`, default 1); a full side refuses with SIDE_FULL. */
  maxPlayersPerSide: z.number().int().min(1).max(20).default(4),
  /** An unfinished match with nobody connected is unloaded after this long (its log resumes on restart). */
  idleMinutes: z.number().positive().max(7 * 24 * 60).default(120),
  /**
   * A match still in its briefing (never started) with nobody connected is closed after this
   * long and marked abandoned: never resumed at restart (its log is kept). Class tables wait for their class.
   */
  abandonMinutes: z.number().positive().max(24 * 60).default(3),
  /** Spectators per match (SPECTATORS_FULL); seats never count against it, so watchers cannot keep a player out. */
  maxSpectators: z.number().int().min(0).max(1000).default(32),
  /**
   * Connections and unconnected seat reservations per room, Colyseus' ceiling: far above the
   * seats and spectators, so reservations that never connect (they expire) cannot fill it first.
   */
  maxRoomClients: z.number().int().min(10).max(10_000).default(500),
  /** Chat per seat (all its connections together): sustained lines per minute, and burst. */
  chatPerMinute: z.number().positive().max(10_000_000).default(20),
  chatBurst: z.number().int().positive().max(100_000).default(8),
  /** Chat lines per match (CHAT_FULL), and the size its log may reach before chat is refused (LOG_FULL). */
  maxChatLines: z.number().int().min(0).max(100_000).default(500),
  maxLogBytes: z.number().int().min(64 * 1024).max(1024 * 1024 * 1024).default(1024 * 1024),
  /** `GET /api/matches` lists at most this many ended matches, newest first. */
  maxListedMatches: z.number().int().min(1).max(100_000).default(500),
  /** Students per class, latecomers included (CLASS_FULL); a returning student with their token is never refused. */
  maxClassStudents: z.number().int().min(1).max(10_000).default(200),
  /**
   * Per source address: matches created (`create`) and classes opened (POST /api/classes) per
   * minute, as a bucket of that size; and matchmaking requests (joins) per second with a burst.
   * A join with a valid seat token, student token or instructor key is never limited. The source
   * of a matchmaking request is the address a reverse proxy puts in X-Real-IP/X-Forwarded-For;
   * on a direct connection Colyseus gives that HTTP step no address, so all direct requests share
   * one bucket: the defaults let a whole class (60 students) start solo matches at once.
   */
  createsPerMinute: z.number().positive().max(100_000).default(300),
  joinsPerSecond: z.number().positive().max(100_000).default(5),
  joinBurst: z.number().int().positive().max(100_000).default(120),
  /**
   * Wrong secrets (instructor keys, student tokens, seat tokens) per minute, counted per source
   * and per class or match; past either the wrong ones get RATE_LIMITED, a right one still gets in.
   */
  maxFailuresPerMinute: z.number().int().min(1).max(100_000).default(20),
  /**
   * Match logs: an accepted move is written to the operating system before it is broadcast (it
   * survives kill -9), and flushed to the storage device within this many ms (a power cut loses
   * at most that much). 0 = flush every move to the device before broadcasting it (slower).
   */
  logSyncMs: z.number().int().min(0).max(10_000).default(200),
  /**
   * PostgreSQL connection string (`postgres://user:pass@host:5432/db`): logs, classes, notes and
   * the seat-token secret are kept there, shared by every process (docs/storage.md). Unset: the
   * files in `dataDir`, as always.
   */
  databaseUrl: z.string().min(1).optional(),
  /** Largest WebSocket frame accepted; bigger ones close the connection (ws limit). */
  maxPayloadBytes: z.number().int().min(1024).max(1024 * 1024).default(64 * 1024),
  /** Cluster mode (server/cluster): processes share Colyseus's Redis presence and driver. Unset = one process, no Redis. */
  redisUrl: z.string().regex(/^rediss?:\/\//, "a redis:// or rediss:// URL").optional(),
  /** Cluster mode: the `host:port[/path]` clients open this process's WebSocket at (Colyseus `publicAddress`). */
  publicAddress: z.string().min(1).optional(),
  /**
   * The Ed25519 key that signs every finished match log (docs/log-format.md, "Signatures"): 64 hex
   * digits (the 32-byte seed) or a PEM private key. Unset: `<dataDir>/log-signing-key.pem`, created
   * at first start. Servers that share the key sign as one ("signed by this server" on each).
   */
  logSigningKey: z.string().min(1).refine(isSigningKey, "must be 64 hex digits (an Ed25519 seed) or an Ed25519 private key in PEM").optional(),
});

export type ServerConfigInput = z.input<typeof serverConfigSchema>;
export type ServerConfig = z.output<typeof serverConfigSchema> & { dataDir: string; clientDir: string; scenariosDir: string };

export function serverConfig(input: ServerConfigInput = {}): ServerConfig {
  const config = serverConfigSchema.parse(input);
  return { ...config, dataDir: path.resolve(config.dataDir), clientDir: path.resolve(config.clientDir), scenariosDir: path.resolve(config.scenariosDir) };
}

const envNames: Record<string, keyof ServerConfigInput> = {
  PORT: "port",
  HOST: "host",
  DATA_DIR: "dataDir",
  CLIENT_DIR: "clientDir",
  SCENARIOS_DIR: "scenariosDir",
  RECONNECT_SECONDS: "reconnectSeconds",
  HEARTBEAT_MS: "heartbeatMs",
  BOT_DELAY_MS: "botDelayMs",
  RATE_PER_SECOND: "ratePerSecond",
  RATE_BURST: "rateBurst",
  MAX_PLAYERS_PER_SIDE: "maxPlayersPerSide",
  IDLE_MINUTES: "idleMinutes",
  MAX_PAYLOAD_BYTES: "maxPayloadBytes",
  LOG_SYNC_MS: "logSyncMs",
  DATABASE_URL: "databaseUrl",
  REDIS_URL: "redisUrl",
  PUBLIC_ADDRESS: "publicAddress",
  ABANDON_MINUTES: "abandonMinutes",
  MAX_SPECTATORS: "maxSpectators",
  MAX_ROOM_CLIENTS: "maxRoomClients",
  CHAT_PER_MINUTE: "chatPerMinute",
  CHAT_BURST: "chatBurst",
  MAX_CHAT_LINES: "maxChatLines",
  MAX_LOG_BYTES: "maxLogBytes",
  MAX_CLASS_STUDENTS: "maxClassStudents",
  MAX_LISTED_MATCHES: "maxListedMatches",
  CREATES_PER_MINUTE: "createsPerMinute",
  JOINS_PER_SECOND: "joinsPerSecond",
  JOIN_BURST: "joinBurst",
  MAX_FAILURES_PER_MINUTE: "maxFailuresPerMinute",
  LOG_SIGNING_KEY: "logSigningKey",
};
const textKeys = new Set<keyof ServerConfigInput>(["host", "dataDir", "clientDir", "scenariosDir", "databaseUrl", "redisUrl", "publicAddress", "logSigningKey"]);

/** Reads the environment; a bad value is a sentence naming the variable, not a stack trace. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Result<ServerConfig, string> {
  const input: Record<string, unknown> = {};
  for (const [name, key] of Object.entries(envNames)) {
    const raw = env[name];
    if (raw === undefined || raw === "") continue;
    input[key] = textKeys.has(key) ? raw : Number(raw);
  }
  const parsed = serverConfigSchema.safeParse(input);
  if (!parsed.success) {
    const byKey = Object.fromEntries(Object.entries(envNames).map(([name, key]) => [key, name]));
    const problems = problemsFromZod(parsed.error).map((p) => ({ ...p, path: byKey[p.path] ?? p.path }));
    return err(`Bad setting: ${describeProblems(problems)}`);
  }
  return ok(serverConfig(parsed.data));
}
