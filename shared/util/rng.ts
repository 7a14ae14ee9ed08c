import seedrandom from "seedrandom";

/**
 * The match's random stream lives in its state as plain data (seed, generator state, draw count),
 * so a saved state or a replayed log continues with exactly the same draws.
 */
export type RngState = {
  seed: string;
  draws: number;
  /** Alea generator registers, as seedrandom exports them. */
  alea: { c: number; s0: number; s1: number; s2: number };
};

export function createRng(seed: string): RngState {
  const prng = seedrandom.alea(seed, { state: true });
  return { seed, draws: 0, alea: { ...prng.state() } as RngState["alea"] };
}

/** Draws `count` numbers in [0, 1) and returns them with the advanced stream. */
export function drawNumbers(rng: RngState, count: number): { values: number[]; rng: RngState } {
  // When a state is given, alea ignores the seed and resumes from the registers.
  const prng = seedrandom.alea("", { state: { ...rng.alea } });
  const values: number[] = [];
  for (let i = 0; i < count; i++) values.push(prng());
  return { values, rng: { seed: rng.seed, draws: rng.draws + count, alea: { ...prng.state() } as RngState["alea"] } };
}
