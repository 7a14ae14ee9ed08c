import seedrandom from "seedrandom";

/**
 * A bot's random stream for one decision: seeded from the match seed, the player and the
 * action count, so the same match replays move for move and two bots never share draws.
 */
export function botRandom(seed: string, playerId: string, seq: number): () => number {
  return seedrandom.alea(`bot|${seed}|${playerId}|${seq}`);
}
