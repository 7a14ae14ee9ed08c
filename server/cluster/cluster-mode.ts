import { matchMaker, type Presence } from "@colyseus/core";
import { RedisDriver } from "@colyseus/redis-driver";
import { RedisPresence } from "@colyseus/redis-presence";
import { CLASSROOM_ROOM } from "../../shared/index.js";
import type { ServerConfig } from "../config.js";
import { classClaim, reopenClass } from "../classroom/class-boot.js";
import type { ClassroomDeps } from "../classroom/ClassroomRoom.js";
import { MatchRegistry } from "../room/match-registry.js";
import { ClusterMatchRegistry } from "./cluster-registry.js";
import { LocalClaims, PresenceClaims, type HostingClaims } from "./hosting-claims.js";

/**
 * Cluster mode (REDIS_URL set): Colyseus's Redis presence and driver, this process's public
 * address, a match registry that reaches other processes, and hosting claims with failover.
 * Without REDIS_URL every piece is the one-process default and no Redis is needed.
 */
export type ClusterParts = {
  /** `defineServer` options: presence, driver, publicAddress, where rooms are created. */
  serverOptions: Record<string, unknown>;
  matches: MatchRegistry;
  claims: HostingClaims;
  /** Colyseus's shared presence (cluster only): the failover's announcements travel on it. */
  presence?: Presence;
};

export function clusterParts(config: ServerConfig): ClusterParts {
  if (config.redisUrl === undefined) return { serverOptions: {}, matches: new MatchRegistry(), claims: new LocalClaims() };
  const presence: Presence = new RedisPresence(config.redisUrl);
  const driver = new RedisDriver(config.redisUrl);
  return {
    serverOptions: {
      presence,
      driver,
      ...(config.publicAddress ? { publicAddress: config.publicAddress } : {}),
      selectProcessIdToCreateRoom,
    },
    matches: new ClusterMatchRegistry(),
    presence,
    claims: new PresenceClaims(presence, () => matchMaker.processId, (id) => matchMaker.healthCheckProcessId(id).then((alive) => !alive)),
  };
}

/**
 * Where a room is created. A classroom room stays in the process that holds its class in memory
 * (the one that created or took it over). A match a player creates stays in the process their
 * HTTP request reached: the proxy in front already spreads those requests, and a create sent to
 * another process waits on that process's first log write, which on a busy machine can outlast
 * Colyseus's 2 s inter-process timeout (Colyseus then makes the room locally as well, leaving an
 * empty match behind). A match the server opens (class tables, resumes after a restart or a
 * failover) goes to the process with the fewest rooms (Colyseus's default rule), so a class's
 * tables spread over the cluster. Colyseus publishes room counts at most once
 * a second, so this process's own picks of the last seconds count too: a class starting ten
 * tables at once spreads them instead of sending all ten to the same process.
 */
const recentPicks: { processId: string; at: number }[] = [];
const RECENT_MS = 2000;

async function selectProcessIdToCreateRoom(roomName: string, options: unknown): Promise<string> {
  const serverOpened = (options as { open?: unknown } | undefined)?.open !== undefined;
  if (roomName === CLASSROOM_ROOM || !serverOpened) return matchMaker.processId;
  const now = Date.now();
  while (recentPicks.length > 0 && recentPicks[0]!.at < now - RECENT_MS) recentPicks.shift();
  const load = (processId: string, rooms: number) => rooms + recentPicks.filter((p) => p.processId === processId).length;
  const all = (await matchMaker.stats.fetchAll()).map((s) => ({ processId: s.processId, load: load(s.processId, s.roomCount) }));
  const chosen = all.sort((a, b) => a.load - b.load)[0]?.processId ?? matchMaker.processId;
  recentPicks.push({ processId: chosen, at: now });
  return chosen;
}

/**
 * A dead process's matches and classes, taken over: each match is opened again from its log
 * (on whichever survivor Colyseus picks; the claim makes it one), then each class's room here.
 */
/** Published after a takeover: every process re-pauses the resumed tables of its paused classes. */
const RESUMED_CHANNEL = "tt:tables-resumed";

/**
 * Pausing a class's tables is hosting state, not in the logs: a table resumed after a failover
 * comes back unpaused. Its class may live on any process, so each process hears of resumed
 * tables (presence pub/sub) and pauses those of its own paused classes again.
 */
export async function watchResumedTables(presence: Presence, cdeps: ClassroomDeps): Promise<void> {
  await presence.subscribe(RESUMED_CHANNEL, (codes: string[]) => {
    void (async () => {
      const resumed = new Set(codes);
      for (const code of cdeps.open) {
        const record = cdeps.service.get(code);
        if (!record?.paused) continue;
        for (const table of record.tables) if (resumed.has(table.matchCode)) await (await cdeps.service.deps.matches.live(table.matchCode))?.setPaused(true);
      }
    })().catch((e: Error) => console.warn(`Could not pause resumed tables again: ${e.message}`));
  });
}

export async function takeOver(cdeps: ClassroomDeps, keys: string[], deadProcessId: string, presence?: Presence): Promise<void> {
  const started = Date.now();
  const classes = keys.filter((k) => k.startsWith(classClaim(""))).map((k) => k.slice(classClaim("").length));
  const matches = keys.filter((k) => !k.startsWith(classClaim("")));
  let resumed = 0;
  for (const code of matches) {
    if (await cdeps.service.deps.matches.find(code)) continue;
    try {
      await cdeps.service.deps.matches.open(code);
      resumed++;
    } catch (error) {
      console.warn(`Match ${code} of stopped process ${deadProcessId} was not resumed: ${(error as Error).message}`);
    }
  }
  if (presence && matches.length > 0) presence.publish(RESUMED_CHANNEL, matches);
  let classesResumed = 0;
  for (const code of classes) {
    await cdeps.service.reload(code);
    if (await reopenClass(cdeps, code)) classesResumed++;
  }
  console.log(`Took over from stopped process ${deadProcessId}: ${resumed}/${matches.length} match(es), ${classesResumed}/${classes.length} class(es) in ${Date.now() - started} ms (done at ${new Date().toISOString()})`);
}
