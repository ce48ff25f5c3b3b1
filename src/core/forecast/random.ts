// The seeded generator behind the Monte Carlo forecast (and the randomized
// tests): the same numbers on every machine for a given seed, so two runs of
// `waymark status` agree and a failing test names a seed that reproduces it.

/** mulberry32: a small 32-bit generator; returns numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal draw (Box-Muller) from two uniform draws of `next`. */
export function normal(next: () => number): number {
  const u = 1 - next(); // (0, 1]: log(0) never happens
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}
