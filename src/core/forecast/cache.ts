// A forecast kept between runs of the CLI (`waymark status` in a git hook or
// a prompt): the Monte Carlo runs over a big plan take most of a second, and
// a new commit that moves no task's status or actual dates changes nothing
// they read. The file is keyed by everything forecastPlan reads: the plan's
// text (its parse is fixed by the Waymark version), per task the progress
// fields the schedule and the accuracy samples read, the milestones'
// progress, today, runs, seed and the Waymark version. A key that differs, a
// damaged or foreign file: the forecast is computed again and the file
// rewritten (atomically). The figures are the computed ones, as JSON keeps
// every double exactly.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomicWrite';
import { dirname } from 'node:path';
import type { ProgressResult } from '../progress';
import type { AccuracySample, AccuracySource, EstimateAccuracy } from './accuracy';
import { forecastPlan, forecastRuns, FORECAST_DEFAULTS, type ForecastOptions, type MilestoneForecast, type Percentiles, type ProbabilisticForecast } from './monteCarlo';
import type { Plan } from '../model';

/** Bumped whenever what forecastPlan reads, or this file's shape, changes. */
export const FORECAST_CACHE_FORMAT = 1;

export interface ForecastCache {
  /** Where the forecast is kept. */
  readonly file: string;
  /** Content hash of the plan's text (ParsedPlan.version). */
  readonly planVersion: string;
  /** Waymark's version: another release may compute other figures. */
  readonly waymarkVersion: string;
}

/** What a cache file holds. */
interface Stored {
  format: number;
  key: string;
  runs: number;
  seed: number;
  accuracy: { samples: AccuracySample[]; sources: [string, AccuracySource][]; teamSource: Exclude<AccuracySource, 'person'> };
  milestones: MilestoneForecast[];
  project: Percentiles;
  criticality: [string, number][];
}

/**
 * forecastPlan's answer, from `cache` when its key matches, else computed and
 * stored there. Never fails for the file: any trouble reading or writing it
 * only costs the computation.
 */
export function cachedForecast(plan: Plan, progress: ProgressResult | undefined, options: ForecastOptions, cache: ForecastCache | undefined): ProbabilisticForecast {
  // Only whole forecasts are kept: a reader of the file may want the criticality.
  if (!cache || options.criticality === false) return forecastPlan(plan, progress, options);
  const key = forecastKey(progress, options, cache);
  const known = readForecast(cache.file, key);
  if (known) return known;
  const forecast = forecastPlan(plan, progress, options);
  writeForecast(cache.file, key, forecast);
  return forecast;
}

/**
 * Everything forecastPlan reads besides the plan: per task its effective
 * status, actual start and finish, share done and whether commits link it
 * (estimateAccuracy takes done tasks with commits), and each milestone's
 * progress (schedule.ts, ScheduleProgress).
 */
export function forecastKey(progress: ProgressResult | undefined, options: ForecastOptions, cache: Pick<ForecastCache, 'planVersion' | 'waymarkVersion'>): string {
  const h = createHash('sha256');
  h.update(JSON.stringify([FORECAST_CACHE_FORMAT, cache.waymarkVersion, cache.planVersion, options.today, forecastRuns(options.runs), (options.seed ?? FORECAST_DEFAULTS.seed) >>> 0, progress === undefined]));
  if (progress) {
    for (const [id, t] of progress.tasks) h.update(`\n${JSON.stringify([id, t.effective, t.actualStart ?? null, t.actualFinish ?? null, t.progress, t.commits.length > 0])}`);
    h.update('\nmilestones');
    for (const [id, m] of progress.milestones) h.update(`\n${JSON.stringify([id, m.progress])}`);
  }
  return h.digest('hex');
}

function readForecast(file: string, key: string): ProbabilisticForecast | undefined {
  let s: Stored;
  try {
    s = JSON.parse(readFileSync(file, 'utf8')) as Stored;
  } catch {
    return undefined; // none yet, or damaged: computed again and rewritten
  }
  if (typeof s !== 'object' || s === null || s.format !== FORECAST_CACHE_FORMAT || s.key !== key || !validStored(s)) return undefined;
  const accuracy: EstimateAccuracy = { samples: s.accuracy.samples, sources: new Map(s.accuracy.sources), teamSource: s.accuracy.teamSource };
  return {
    runs: s.runs,
    seed: s.seed,
    accuracy,
    milestones: new Map(s.milestones.map((m) => [m.id, m])),
    project: s.project,
    criticality: new Map(s.criticality),
  };
}

function writeForecast(file: string, key: string, f: ProbabilisticForecast): void {
  const stored: Stored = {
    format: FORECAST_CACHE_FORMAT,
    key,
    runs: f.runs,
    seed: f.seed,
    accuracy: { samples: [...f.accuracy.samples], sources: [...f.accuracy.sources], teamSource: f.accuracy.teamSource },
    milestones: [...f.milestones.values()],
    project: f.project,
    criticality: [...f.criticality],
  };
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify(stored));
  } catch {
    // A read-only .git: the next run computes it again.
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (x: unknown): boolean => typeof x === 'string' && DATE.test(x);
const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
const isPercentiles = (p: unknown): boolean => {
  const x = p as Percentiles | null;
  return typeof x === 'object' && x !== null && isDate(x.p50) && isDate(x.p85) && isDate(x.p95);
};
const SOURCES: readonly unknown[] = ['person', 'team', 'default'];

/** Every field of the file has the type the surfaces read; anything else is recomputed. */
function validStored(s: Stored): boolean {
  const a = s.accuracy as Stored['accuracy'] | null;
  return (
    isNumber(s.runs) && isNumber(s.seed) && isPercentiles(s.project) &&
    typeof a === 'object' && a !== null && (a.teamSource === 'team' || a.teamSource === 'default') &&
    Array.isArray(a.sources) && a.sources.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && SOURCES.includes(e[1])) &&
    Array.isArray(a.samples) && a.samples.every((x) =>
      typeof x === 'object' && x !== null && typeof x.task === 'string' && (x.assignee === undefined || typeof x.assignee === 'string') &&
      isNumber(x.estimateDays) && isNumber(x.actualDays) && isNumber(x.ratio) && isDate(x.actualStart) && isDate(x.actualFinish)) &&
    Array.isArray(s.milestones) && s.milestones.every((m) =>
      typeof m === 'object' && m !== null && typeof m.id === 'string' && isPercentiles(m) && (m.onTimeProbability === undefined || isNumber(m.onTimeProbability))) &&
    Array.isArray(s.criticality) && s.criticality.every((e) => Array.isArray(e) && e.length === 2 && typeof e[0] === 'string' && isNumber(e[1]))
  );
}
