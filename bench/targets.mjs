// How bench rows compare: ratio to the reference and the target check.

/** '< 30 ms' → ✔/✘ against the value; '< 1.3x' → against value/reference. */
export function checkTarget(row) {
  const m = /^\s*(<=|>=|<|>)\s*([\d.]+)\s*(x)?/.exec(row.target ?? '');
  if (!m || typeof row.value !== 'number' || Number.isNaN(row.value)) return undefined;
  const subject = m[3] ? ratio(row) : row.value;
  if (subject === undefined) return undefined;
  const limit = Number(m[2]);
  return { '<': subject < limit, '<=': subject <= limit, '>': subject > limit, '>=': subject >= limit }[m[1]];
}

export function ratio(row) {
  const ref = row.reference?.value;
  if (typeof row.value !== 'number' || typeof ref !== 'number' || !Number.isFinite(ref) || ref === 0) return undefined;
  return row.value / ref;
}
