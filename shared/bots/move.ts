import type { Action } from "../engine/actions.js";
import type { MatchView } from "../engine/views.js";
import { chatLine } from "./chat.js";
import { decide } from "./decide.js";
import { botRandom } from "./random.js";
import { choiceOffer, seatSide, situate } from "./situation.js";
import type { BotSpec } from "./spec.js";

export type BotContext = { playerId: string; seed: string };
export type BotMove = { action: Action; chat?: string };

/**
 * The bot's move for the seat whose view it is given, or null when it has nothing to do (not
 * its side's move, already ready, match over). Pure and deterministic: it reads only the view
 * (a seat's view — it refuses any view that shows the other side's sheet) and a random stream
 * seeded from ctx.seed, ctx.playerId and view.seq. The server sends `chat` as a table line
 * with the move.
 */
export function botMove(spec: BotSpec, view: MatchView, ctx: BotContext): BotMove | null {
  const side = seatSide(view);
  const by = ctx.playerId;
  if (view.phase === "briefing") {
    const me = view.players.find((p) => p.id === by);
    return me && !me.ready ? { action: { type: "ready", by } } : null;
  }
  if (view.phase !== "negotiating" || view.turn !== side) return null;

  const s = situate(view, side);
  const random = botRandom(ctx.seed, by, view.seq);
  const decision = decide(s, spec.strategy, spec.params, random);
  const chat = chatLine(s, decision, random);
  const action: Action =
    decision.kind === "accept"
      ? { type: "accept", by, proposalId: decision.proposalId }
      : decision.kind === "propose"
        ? { type: "propose", by, offer: choiceOffer(s.issues, decision.choice) }
        : { type: "walkaway", by };
  return chat ? { action, chat } : { action };
}
