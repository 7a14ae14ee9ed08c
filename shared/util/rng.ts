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
  // Alea's step, as seedrandom's lib/alea.js computes it, run on the saved registers: the same
  // numbers as resuming a seedrandom generator, without building one (and its Mash) per draw.
  let { c, s0, s1, s2 } = rng.alea;
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const t = 2091639 * s0 + c * 2.3283064365386963e-10; // 2^-32
    s0 = s1;
    s1 = s2;
    c = t | 0;
    s2 = t - c;
    values.push(s2);
  }
  return { values, rng: { seed: rng.seed, draws: rng.draws + count, alea: { c, s0, s1, s2 } } };
}
