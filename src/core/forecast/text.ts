// The probabilistic forecast in words, the same on every surface (terminal
// table, status report, tree tooltip, site, agent tool).
import type { IsoDate } from '../model';
import type { AccuracySource } from './accuracy';

export interface ForecastFigures {
  readonly forecastP50: IsoDate | null;
  readonly forecastP85: IsoDate | null;
  readonly forecastP95: IsoDate | null;
  readonly onTimeProbability?: number | null;
}

/** "P50 2026-12-30 · P85 2027-01-05 · P95 2027-01-08 · 97% chance by its due"; '' without a forecast. */
export function forecastRange(f: ForecastFigures): string {
  if (f.forecastP50 === null || f.forecastP85 === null || f.forecastP95 === null) return '';
  const odds = f.onTimeProbability !== undefined && f.onTimeProbability !== null ? ` · ${chance(f.onTimeProbability)} chance by its due` : '';
  return `P50 ${f.forecastP50} · P85 ${f.forecastP85} · P95 ${f.forecastP95}${odds}`;
}

/** Where the durations came from: "1000 runs, durations from the team's history (11 tasks)". */
export function forecastBasis(runs: number, teamSource: Exclude<AccuracySource, 'person'>, samples: number): string {
  const from = teamSource === 'team' ? `the team's history (${samples} done task${samples === 1 ? '' : 's'})` : 'the default spread (too little history)';
  return `${runs} runs, durations from ${from}`;
}

/** A probability as a whole percentage, never rounding to 0% or 100% unless it is. */
export function chance(p: number): string {
  if (p > 0 && p < 0.01) return '<1%';
  if (p < 1 && p > 0.99) return '>99%';
  return `${Math.round(p * 100)}%`;
}
