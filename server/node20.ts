import { WebSocket as NodeWebSocket } from "ws";

/**
 * Colyseus 0.18 is built for Node ≥ 22, which has a global `WebSocket`. On a reconnection it
 * reads `WebSocket.OPEN` (core/build/Room.mjs), which throws a ReferenceError on Node 20 and
 * loses the seat. Give Node 20 the `ws` class Colyseus' own transport uses. Import first.
 */
const scope = globalThis as { WebSocket?: unknown };
if (scope.WebSocket === undefined) scope.WebSocket = NodeWebSocket;
