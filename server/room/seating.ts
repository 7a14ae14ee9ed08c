import type { MatchState, Scenario } from "../../shared/index.js";
import { err, ok, type Result } from "../../shared/index.js";
import type { ErrorReply } from "../../shared/index.js";

/**
 * Where a newcomer sits when they do not say, and which sides are open to people: hosting
 * policy, not negotiation rules (the engine still checks the side and role exist). In solo
 * mode the bot's side is closed to people; sides hold at most `maxPerSide` people; without a
 * choice, people fill the emptier side and its least-taken role, in scenario order.
 */

/** `vacant`: seats nobody holds yet though a player is in the state (a branch's parent's people, taken over by whoever joins). */
export type SeatPolicy = { humanSides: readonly string[]; maxPerSide: number; vacant?: ReadonlySet<string> };

export function chooseSeat(
  scenario: Scenario,
  state: MatchState,
  wanted: { side?: string | undefined; role?: string | undefined },
  policy: SeatPolicy,
): Result<{ side: string; role: string }, ErrorReply> {
  const people = state.players.filter((p) => p.bot === undefined && !policy.vacant?.has(p.id));
  const count = (side: string) => people.filter((p) => p.side === side).length;
  const known = wanted.side !== undefined && scenario.sides.some((s) => s.id === wanted.side);
  if (known && !policy.humanSides.includes(wanted.side!)) {
    return err({ code: "BOT_SIDE", message: `A bot plays ${wanted.side} in this solo match; choose ${policy.humanSides.join(" or ")}.` });
  }
  const side =
    wanted.side ??
    [...policy.humanSides].sort((a, b) => count(a) - count(b) || sideIndex(scenario, a) - sideIndex(scenario, b))[0] ??
    scenario.sides[0]!.id;
  if (!known && wanted.side !== undefined) {
    return err({ code: "UNKNOWN_SIDE", message: `There is no side "${wanted.side}" (sides: ${scenario.sides.map((s) => s.id).join(", ")}).` });
  }
  if (count(side) >= policy.maxPerSide) {
    return err({ code: "SIDE_FULL", message: `${side} already has ${policy.maxPerSide} players; join the other side or as a spectator.` });
  }
  if (wanted.role !== undefined) return ok({ side, role: wanted.role });
  const roles = scenario.sides.find((s) => s.id === side)?.roles ?? [];
  const taken = (role: string) => people.filter((p) => p.side === side && p.role === role).length;
  const role = [...roles].sort((a, b) => taken(a.id) - taken(b.id) || roles.indexOf(a) - roles.indexOf(b))[0]?.id ?? "";
  return ok({ side, role });
}

const sideIndex = (scenario: Scenario, side: string) => scenario.sides.findIndex((s) => s.id === side);
