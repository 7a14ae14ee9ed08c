import type { Room } from "@colyseus/sdk";
import { stepMessageSchema, viewMessageSchema, ViewFold, type Offer } from "../../shared/index.js";

/**
 * A scripted player over the wire (docs/protocol.md), for browser tests that need people at
 * other seats: folds `view` and `step`, says it is ready in the briefing, proposes `offer` on its
 * side's move, accepts the other side's standing offer; resolves when the match ends.
 */
export function playScripted(room: Room, side: string, offer: Offer): Promise<void> {
  const fold = new ViewFold();
  let acted = -1;
  let ready = false;
  return new Promise<void>((resolve) => {
    const play = () => {
      const view = fold.view;
      if (!view) return;
      if (view.phase === "ended") return resolve();
      const me = fold.seat && !fold.seat.spectator ? view.players.find((p) => p.id === (fold.seat as { playerId: string }).playerId) : undefined;
      if (view.phase === "briefing" && me && !me.ready && !ready) {
        ready = true;
        return room.send("ready", {});
      }
      if (view.phase !== "negotiating" || view.turn !== side || view.seq === acted) return;
      acted = view.seq;
      const standing = view.proposals.find((p) => p.id === view.standingProposalId);
      if (standing && standing.side !== side) room.send("accept", { proposalId: standing.id });
      else room.send("propose", { offer });
    };
    room.onMessage("view", (message: unknown) => {
      fold.take(viewMessageSchema.parse(message));
      play();
    });
    room.onMessage("step", (message: unknown) => {
      if (!fold.step(stepMessageSchema.parse(message))) room.send("sync", {});
      else play();
    });
  });
}
