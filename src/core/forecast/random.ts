// The seeded generator behind the Monte Carlo forecast (and the randomized
// tests): the same numbers on every machine for a given seed, so two runs of
// `waymark status` agree and a failing test names a seed that reproduces it.

/** mulberry32: a small 32-bit generator; returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  return jumpingMulberry32(seed).next;
}

/**
 * mulberry32 that can also skip draws: its state moves by the same constant
 * at every draw, so `skip(n)` lands where n draws would, in one step. A
 * forecast of one milestone skips the draws of the tasks it does not schedule
 * and still gives every other task the number the whole plan's forecast does.
 */
export function jumpingMulberry32(seed: number): { next: () => number; skip: (draws: number) => void } {
  let a = seed >>> 0;
  return {
    next: () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), a | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
    skip: (draws) => { a = (a + Math.imul(draws, 0x6d2b79f5)) >>> 0; },
  };
}

/** A standard normal draw (Box-Muller) from exactly two uniform draws of `next` (NORMAL_DRAWS). */
export function normal(next: () => number): number {
  const u = 1 - next(); // (0, 1]: log(0) never happens
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

/** Uniform draws one `normal` takes. */
export const NORMAL_DRAWS = 2;
