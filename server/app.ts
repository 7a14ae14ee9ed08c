import "./node20.js";
import "./native-hash.js";
import type { AddressInfo } from "node:net";
import { defineRoom, defineServer, matchMaker, type Server } from "@colyseus/core";
import { WebSocketTransport } from "@colyseus/ws-transport";
import type { ServerConfig } from "./config.js";
import { classroomDeps, reopenClasses } from "./classroom/class-boot.js";
import type { ClassService } from "./classroom/class-service.js";
import { classroomRoom } from "./classroom/ClassroomRoom.js";
import { mountApi } from "./http/api.js";
import { mountClassesApi } from "./http/classes-api.js";
import { errorHandler, notFound } from "./http/errors.js";
import { mountVerifyApi } from "./http/verify-api.js";
import type { HttpApp } from "./http/express-types.js";
import { staticFiles } from "./http/static-files.js";
import { CLASSROOM_ROOM, NEGOTIATION_ROOM } from "../shared/index.js";
import { MatchRegistry } from "./room/match-registry.js";
import { negotiationRoom } from "./room/NegotiationRoom.js";
import type { RoomDeps } from "./room/room-deps.js";
import { ensureMatchesDir, listMatches } from "./store/match-catalog.js";
import { LogSigner } from "./store/log-signing.js";
import { SeatTokens } from "./store/seat-tokens.js";
import { installScenariosDir, type InstalledScenarios } from "./scenario-files.js";

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
  /** Reopens every unfinished match found on disk under its own code, then the classes' rooms; returns the match codes. */
  resumeUnfinished(): Promise<string[]>;
  shutdown(): Promise<void>;
};

export async function createGameServer(config: ServerConfig, options: { handleSignals?: boolean } = {}): Promise<GameServer> {
  await ensureMatchesDir(config.dataDir);
  // Before any room opens (a resumed match may use one); a bad file is reported, never fatal.
  const scenarios = installScenariosDir(config.scenariosDir);
  for (const problem of scenarios.problems) console.warn(`Scenario file skipped: ${problem}`);
  const signer = await LogSigner.load(config.dataDir, config.logSigningKey);
  const deps: RoomDeps = { config, tokens: await SeatTokens.load(config.dataDir), matches: new MatchRegistry(), openable: new Set(), signer };
  // The one way the server itself opens a logged match in this process (a restart, a class table).
  deps.matches.open = async (code) => {
    deps.openable.add(code);
    try {
      await matchMaker.createRoom(NEGOTIATION_ROOM, { open: code });
    } finally {
      deps.openable.delete(code);
    }
  };
  const cdeps = await classroomDeps(deps);
  const server = defineServer({
    greet: false,
    // Colyseus' own SIGINT/SIGTERM/uncaught handlers exit the process: right for `npm start`, not inside a test runner.
    gracefullyShutdown: options.handleSignals ?? false,
    transport: new WebSocketTransport({ maxPayload: config.maxPayloadBytes }),
    rooms: { [NEGOTIATION_ROOM]: defineRoom(negotiationRoom(deps)), [CLASSROOM_ROOM]: defineRoom(classroomRoom(cdeps)) },
    express: (app: HttpApp) => {
      mountClassesApi(app as unknown as Parameters<typeof mountClassesApi>[0], cdeps);
      mountVerifyApi(app as unknown as Parameters<typeof mountVerifyApi>[0], signer);
      mountApi(app, config.dataDir, (classCode, key) => cdeps.service.authorize(classCode, key) === "ok");
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
      return port;
    },
    async resumeUnfinished() {
      const resumed: string[] = [];
      for (const match of await listMatches(config.dataDir)) {
        // A match nobody ever sat down in is abandoned, not interrupted.
        if (match.status !== "running" || !match.players.some((p) => p.bot === undefined)) continue;
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
      await server.gracefullyShutdown(false);
    },
  };
}
