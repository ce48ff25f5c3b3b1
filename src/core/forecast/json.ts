// The probabilistic forecast's fields in `waymark status --json`
// (docs/status-json.md): per milestone, per task, the project, and the
// samples behind them.
import type { IsoDate } from '../model';
import type { AccuracySample, AccuracySource } from './accuracy';
import type { MilestoneForecast, ProbabilisticForecast } from './monteCarlo';

export interface MilestoneForecastJson {
  forecastP50: IsoDate | null;
  forecastP85: IsoDate | null;
  forecastP95: IsoDate | null;
  /** 0..1, 4 decimals; null without a due or without work to schedule. */
  onTimeProbability: number | null;
}

export interface ForecastJson {
  runs: number;
  seed: number;
  /** Where unassigned work, and people without enough samples of their own, draw from. */
  teamSource: Exclude<AccuracySource, 'person'>;
  /** Per person id: `person` (their own ratios), `team` or `default`. */
  people: Record<string, AccuracySource>;
  samples: readonly AccuracySample[];
}

const round4 = (x: number): number => Math.round(x * 10000) / 10000;

export function milestoneForecastJson(f: ProbabilisticForecast, id: string): MilestoneForecastJson {
  return milestoneFiguresJson(f.milestones.get(id));
}

/** One milestone's forecast figures as JSON, from the whole plan's forecast or from forecastMilestone. */
export function milestoneFiguresJson(m: MilestoneForecast | undefined): MilestoneForecastJson {
  return {
    forecastP50: m?.p50 ?? null,
    forecastP85: m?.p85 ?? null,
    forecastP95: m?.p95 ?? null,
    onTimeProbability: m?.onTimeProbability !== undefined ? round4(m.onTimeProbability) : null,
  };
}

/** Share of runs in which the task was critical, 4 decimals. */
export function criticalityJson(f: ProbabilisticForecast, id: string): number {
  return round4(f.criticality.get(id) ?? 0);
}

export function projectForecastJson(f: ProbabilisticForecast): Omit<MilestoneForecastJson, 'onTimeProbability'> {
  return { forecastP50: f.project.p50, forecastP85: f.project.p85, forecastP95: f.project.p95 };
}

export function forecastJson(f: ProbabilisticForecast): ForecastJson {
  return {
    runs: f.runs,
    seed: f.seed,
    teamSource: f.accuracy.teamSource,
    people: Object.fromEntries(f.accuracy.sources),
    samples: f.accuracy.samples,
  };
}
