// Statistics shared by the bench cases.

/** The median; for an even count, the mean of the two middle values. */
export function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** x rounded to d decimals. */
export const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/**
 * CPU time of this process (user + system) per call of fn, in ms, over
 * `repeat` calls: on a shared, loaded machine wall time mostly measures the
 * neighbours; CPU time measures our work.
 */
export function cpuMs(fn, repeat = 1) {
  const c0 = process.cpuUsage();
  for (let i = 0; i < repeat; i++) fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000 / repeat;
}
