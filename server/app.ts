import "./node20.js";
import "./native-hash.js";
import type { AddressInfo } from "node:net";
import { defineRoom, defineServer, matchMaker, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import type { ServerConfig } from "./config.js";
import { AttemptLimiter } from "./classroom/attempt-limiter.js";
import { classroomDeps, classVouches, reopenClasses } from "./classroom/class-boot.js";
import type { ClassService } from "./classroom/class-service.js";
import { classroomRoom } from "./classroom/ClassroomRoom.js";
import { mountApi } from "./http/api.js";
import { mountClassesApi } from "./http/classes-api.js";
import { errorHandler, notFound } from "./http/errors.js";
import { mountVerifyApi } from "./http/verify-api.js";
import type { HttpApp } from "./http/express-types.js";
import { staticFiles } from "./http/static-files.js";
import { CLASSROOM_ROOM, NEGOTIATION_ROOM } from "../shared/index.js";
import type { GateRules } from "./room/matchmake-gate.js";
import { KeyedBuckets } from "./room/rate-limit.js";
import { negotiationRoom } from "./room/NegotiationRoom.js";
import type { RoomDeps } from "./room/room-deps.js";
import { openStorage } from "./store/open-storage.js";
import { LogSigner } from "./store/log-signing.js";
import { SeatTokens } from "./store/seat-tokens.js";
import { installScenariosDir, type InstalledScenarios } from "./scenario-files.js";
import { clusterParts, takeOver, watchResumedTables } from "./cluster/cluster-mode.js";
import { openGrant } from "./cluster/open-grant.js";
import { Heartbeat } from "./heartbeat.js";

/** Unanswered pings in a row before a connection is closed: Colyseus's default (`pingMaxRetries`). */
const HEARTBEAT_MISSES = 2;

/**
 * One process, one port: the Colyseus matchmaker and rooms, the HTTP API and the built
 * client. `npm start` (server/main.ts), the tests and the benchmark all build it here.
 */
export type GameServer = {
  server: Server;
  deps: RoomDeps;
  /** The scenario files installed from `config.scenariosDir`, and the problems of those refused. */
  scenarios: InstalledScenarios;
  /** Classroom mode (server/classroom): the classes of this server. */
  classes: ClassService;
  /** Binds the port; resolves with the port actually bound. */
  listen(): Promise<number>;
  /** Reopens every unfinished match found in storage under its own code, then the classes' rooms; returns the match codes. */
  resumeUnfinished(): Promise<string[]>;
  shutdown(): Promise<void>;
};

export async function createGameServer(config: ServerConfig, options: { handleSignals?: boolean } = {}): Promise<GameServer> {
  const storage = await openStorage(config);
  // Before any room opens (a resumed match may use one); a bad file is reported, never fatal.
  const scenarios = installScenariosDir(config.scenariosDir);
  for (const problem of scenarios.problems) console.warn(`Scenario file skipped: ${problem}`);
  // Alone: local registry and claims. REDIS_URL: Colyseus's Redis presence and driver (server/cluster).
  const cluster = clusterParts(config);
  const signer = await LogSigner.load(config.dataDir, config.logSigningKey);
  const deps: RoomDeps = {
    config,
    storage,
    tokens: await SeatTokens.load(storage),
    matches: cluster.matches,
    openable: new Set(),
    claims: cluster.claims,
    failures: new AttemptLimiter(config.maxFailuresPerMinute, 60_000),
    signer,
    heartbeat: new Heartbeat(config.heartbeatMs, HEARTBEAT_MISSES),
  };
  // The one way the server itself opens a logged match (a restart, a class table, a failover); in a cluster maybe on another process, hence the grant.
  deps.matches.open = async (code) => {
    deps.openable.add(code);
    try {
      await matchMaker.createRoom(NEGOTIATION_ROOM, { open: code, grant: openGrant(deps.tokens, code) });
    } finally {
      deps.openable.delete(code);
    }
  };
  const cdeps = await classroomDeps(deps);
  // Seats are invitations (server/room/matchmake-gate.ts): both room kinds are entered by code only.
  const gate: GateRules = {
    vouched: (name, id, options) =>
      name === NEGOTIATION_ROOM
        ? typeof options.seat === "string" && deps.tokens.playerFor(id, options.seat) !== undefined
        : name === CLASSROOM_ROOM && classVouches(cdeps.service, id, options),
    creates: new KeyedBuckets(config.createsPerMinute / 60, Math.max(1, Math.floor(config.createsPerMinute))),
    joins: new KeyedBuckets(config.joinsPerSecond, config.joinBurst),
  };
  const server = defineServer({
    greet: false,
    // Colyseus' own SIGINT/SIGTERM/uncaught handlers exit the process: right for `npm start`, not inside a test runner.
    gracefullyShutdown: options.handleSignals ?? false,
    // The transport's own ping loop is off: server/heartbeat.ts pings the same connections, spread over the interval.
    transport: new WebSocketTransport({ maxPayload: config.maxPayloadBytes, pingInterval: 0 }),
    ...cluster.serverOptions,
    rooms: { [NEGOTIATION_ROOM]: defineRoom(negotiationRoom(deps, gate)), [CLASSROOM_ROOM]: defineRoom(classroomRoom(cdeps, gate)) },
    express: (app: HttpApp) => {
      mountClassesApi(app as unknown as Parameters<typeof mountClassesApi>[0], cdeps);
      mountVerifyApi(app as unknown as Parameters<typeof mountVerifyApi>[0], signer);
      mountApi(app, storage, (classCode, key) => cdeps.service.authorize(classCode, key) === "ok", config.maxListedMatches);
      app.use(staticFiles(config.clientDir));
      // Last: anything unanswered or thrown becomes JSON {code, message} (server/http/errors.ts).
      app.use(notFound);
      app.use(errorHandler);
    },
  });

  return {
    server,
    deps,
    scenarios,
    classes: cdeps.service,
    async listen() {
      await server.listen(config.port, config.host);
      const address = server.transport.server?.address() as AddressInfo | null | undefined;
      const port = address?.port ?? config.port;
      // @colyseus/testing reads the port from here to build its SDK URL.
      (server as unknown as { port: number }).port = port;
      // Cluster: beat, and take over the matches and classes of processes that stop beating.
      if (cluster.presence) await watchResumedTables(cluster.presence, cdeps);
      await deps.claims.start((keys, dead) => takeOver(cdeps, keys, dead, cluster.presence));
      return port;
    },
    async resumeUnfinished() {
      const resumed: string[] = [];
      // A match nobody ever sat down in is abandoned, not interrupted (storage.ts, isResumableMatch).
      for (const match of (await storage.resumable()).matches) {
        // Cluster: another process may host it already.
        if (await deps.matches.find(match.id)) continue;
        try {
          await deps.matches.open(match.id);
          resumed.push(match.id);
        } catch (error) {
          console.warn(`Match ${match.id} could not be resumed: ${(error as Error).message}`);
        }
      }
      await reopenClasses(cdeps);
      return resumed;
    },
    async shutdown() {
      // Claims stay with this process: in a cluster the survivors resume its unfinished matches.
      await deps.claims.stop();
      deps.heartbeat.stop();
      await server.gracefullyShutdown(false);
      await storage.close();
    },
  };
}
