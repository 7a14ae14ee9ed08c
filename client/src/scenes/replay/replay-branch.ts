import { Client } from "@colyseus/sdk";
import type { App } from "../../game/app.js";
import { lobbyError, serverEndpoint } from "../../net/colyseus-connection.js";
import type { MatchConnection } from "../../net/match-connection.js";

/**
 * "What if": a live match from the step on screen (the server's `branch` create option,
 * docs/protocol.md). The branch is created by a watching connection that leaves at once; the
 * player then joins it by its code like anyone else, which seats them in the parent's seat of
 * their side. With `vsBot`, a bot of the chosen difficulty holds the other side.
 */
export async function startBranch(app: App, matchId: string, step: number, vsBot: boolean): Promise<MatchConnection> {
  const other = app.soloSide === "japan" ? "us" : "japan";
  const bots = vsBot ? { [other]: app.difficulty } : {};
  let code: string;
  try {
    const client = new Client(serverEndpoint(window.location, window.location.port === "5173"));
    const room = await client.create("negotiation", { spectator: true, branch: { matchId, step, bots } });
    code = room.roomId;
    await room.leave();
  } catch (error) {
    throw lobbyError(error);
  }
  return app.lobby.joinTable(code, app.playerName());
}
