// Small numeric helpers shared by the core modules.

/** Rounds to two decimals (hours and money in results). */
export const round2 = (x: number): number => Math.round(x * 100) / 100;
