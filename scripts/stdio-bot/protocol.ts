import { z } from "zod";
import { MAX_CHAT_LENGTH, offerSchema, type Action } from "../../shared/engine/actions.js";
import type { MatchView } from "../../shared/engine/views.js";
import { describeProblems, problemsFromZod } from "../../shared/util/problems.js";

/**
 * What a stdio bot may write: one JSON object per line (docs/bots.md, "Bots in any language").
 * `seq` is optional: a bot that echoes the view's seq lets the driver drop an answer that comes
 * too late for its view instead of taking it for the next one.
 */

const chat = z.string().trim().min(1).max(MAX_CHAT_LENGTH).optional();
const seq = z.number().int().min(0).optional();

export const botReplySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("propose"), offer: offerSchema, chat, seq }),
  /** Accepts the standing proposal; `proposalId`, if given, must name it. */
  z.strictObject({ type: z.literal("accept"), proposalId: z.string().min(1).max(40).optional(), chat, seq }),
  z.strictObject({ type: z.literal("walkaway"), chat, seq }),
]);

export type BotReply = z.infer<typeof botReplySchema>;

/** Why a bot lost a move: a short code to count by, and a sentence for the log. */
export type FaultKind = "timeout" | "budget" | "exited" | "not-json" | "bad-reply" | "refused" | "spawn" | "superseded";
export type Fault = { kind: FaultKind; message: string };

export const fault = (kind: FaultKind, message: string): Fault => ({ kind, message });

/** Longest line a bot may write (a full offer is well under 4 KB); longer ones are garbage. */
export const MAX_LINE_LENGTH = 256 * 1024;

/** Parses one line of a bot's stdout. */
export function parseReply(line: string): { ok: true; reply: BotReply } | { ok: false; fault: Fault } {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return { ok: false, fault: fault("not-json", `wrote a line that is not JSON: ${excerpt(line)}`) };
  }
  const parsed = botReplySchema.safeParse(json);
  if (!parsed.success) {
    return { ok: false, fault: fault("bad-reply", `wrote ${excerpt(line)}, which is not an action: ${describeProblems(problemsFromZod(parsed.error), 3)}`) };
  }
  return { ok: true, reply: parsed.data };
}

/** Must the seat whose view this is act on it? (Its side's move while negotiating.) */
export function mustAct(view: MatchView): boolean {
  return view.phase === "negotiating" && view.viewer.kind === "seat" && view.turn === view.viewer.side;
}

/** The engine action for a reply; `by` is the seat's player id. Accept names the standing proposal. */
export function replyToAction(reply: BotReply, view: MatchView, by: string): { ok: true; action: Action } | { ok: false; fault: Fault } {
  switch (reply.type) {
    case "propose":
      return { ok: true, action: { type: "propose", by, offer: reply.offer } };
    case "walkaway":
      return { ok: true, action: { type: "walkaway", by } };
    case "accept": {
      const standing = view.standingProposalId;
      if (standing === null) return { ok: false, fault: fault("refused", "accepted, but there is no proposal on the table") };
      if (reply.proposalId !== undefined && reply.proposalId !== standing) {
        return { ok: false, fault: fault("refused", `accepted proposal "${reply.proposalId}", but the one on the table is "${standing}"`) };
      }
      return { ok: true, action: { type: "accept", by, proposalId: standing } };
    }
  }
}

export function excerpt(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return JSON.stringify(flat.length > length ? `${flat.slice(0, length)}…` : flat);
}
