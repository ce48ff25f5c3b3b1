// The probabilistic forecast: the same schedule (schedule.ts: dependencies,
// calendars, capacity, pinned starts, done work at its actual dates, open
// work from today) run many times with each open task's duration scaled by a
// ratio drawn from the team's estimate accuracy (accuracy.ts). Percentile
// finish dates and on-time probability per milestone, a criticality index per
// task. Rules: docs/schedule.md, "Probabilistic forecast".
//
// Pure and reproducible: `today` and the seed come in, so the same plan,
// history, today, runs and seed always give the same numbers.
import { fromDayNumber, toDayNumber } from '../calendar';
import type { IsoDate, Plan } from '../model';
import type { ProgressResult } from '../progress';
import { milestonesRunner, scheduleRunner } from '../schedule';
import { ACCURACY_RULES, estimateAccuracy, ratioPool, type EstimateAccuracy } from './accuracy';
import { jumpingMulberry32, normal, NORMAL_DRAWS } from './random';

export const FORECAST_DEFAULTS = {
  /** Runs per forecast (`--runs`). */
  runs: 1000,
  /** Fixed default seed (`--seed`), so two forecasts of the same plan agree. */
  seed: 20,
  /** Upper bound on `--runs`: each run is a whole schedule. */
  maxRuns: 100_000,
} as const;

export interface ForecastOptions {
  readonly today: IsoDate;
  readonly runs?: number;
  readonly seed?: number;
  /**
   * False: no criticality index (an empty map), which saves the backward pass
   * of every run, for surfaces that show none (the site). Default true.
   */
  readonly criticality?: boolean;
}

/** Finish dates reached in 50%, 85% and 95% of the runs. */
export interface Percentiles {
  readonly p50: IsoDate;
  readonly p85: IsoDate;
  readonly p95: IsoDate;
}

export interface MilestoneForecast extends Percentiles {
  readonly id: string;
  /** Share of runs finishing on or before `due`; absent without a due. */
  readonly onTimeProbability?: number;
}

export interface ProbabilisticForecast {
  readonly runs: number;
  readonly seed: number;
  readonly accuracy: EstimateAccuracy;
  /** Milestones with work to schedule. */
  readonly milestones: ReadonlyMap<string, MilestoneForecast>;
  /** The project's finish (the committed scope, as Schedule.forecastFinish). */
  readonly project: Percentiles;
  /** Per task: share of runs in which it was critical (0 for done and dropped work); empty when asked without (ForecastOptions.criticality). */
  readonly criticality: ReadonlyMap<string, number>;
}

/** Clamps `runs` to 1..maxRuns whole runs (default FORECAST_DEFAULTS.runs). */
export function forecastRuns(runs: number | undefined): number {
  if (runs === undefined || !Number.isFinite(runs)) return FORECAST_DEFAULTS.runs;
  return Math.min(FORECAST_DEFAULTS.maxRuns, Math.max(1, Math.floor(runs)));
}

/**
 * Runs for a surface that must answer at once (the editor's tooltips): the
 * default, fewer on big plans so a forecast stays near `budget` task
 * schedulings (about half a second), never under 20.
 */
export function interactiveRuns(tasks: number, budget = 200_000): number {
  return Math.max(20, Math.min(FORECAST_DEFAULTS.runs, Math.floor(budget / Math.max(1, tasks))));
}

/** What every forecast of a plan shares: its runs, seed, estimate accuracy, and the sampler of each run's duration scales. */
interface Sampling {
  readonly runs: number;
  readonly seed: number;
  readonly accuracy: EstimateAccuracy;
  /** Per task, whether its duration is sampled (open work only). */
  readonly sampled: readonly boolean[];
  /** Draws the next run's scales into `scale` (per task; 1 where not sampled). */
  next(): Float64Array;
}

/**
 * The sampler of a plan's forecast. With `needed` (per task), only those
 * tasks get a scale: the draws of the others are skipped, not made, so each
 * needed task gets the very number it gets when every task is drawn.
 */
function sampling(plan: Plan, progress: ProgressResult | undefined, options: ForecastOptions, needed?: Uint8Array): Sampling {
  const runs = forecastRuns(options.runs);
  const seed = (options.seed ?? FORECAST_DEFAULTS.seed) >>> 0;
  const accuracy = estimateAccuracy(plan, progress);
  const tasks = plan.tasks;
  const T = tasks.length;
  // Which tasks get a sampled duration, and from which pool: open work only
  // (done work sits at its actual dates; dropped work takes no time).
  const pools = new Map<string | undefined, Float64Array>();
  const poolOf: (Float64Array | undefined)[] = tasks.map((t) => {
    const effective = progress?.tasks.get(t.id)?.effective ?? t.status;
    if (effective === 'done' || effective === 'dropped' || t.status === 'dropped') return undefined;
    let pool = pools.get(t.assignee);
    if (!pool) { pool = ratioPool(accuracy, t.assignee); pools.set(t.assignee, pool); }
    return pool;
  });
  const rng = jumpingMulberry32(seed);
  const random = rng.next;
  const scale = new Float64Array(T).fill(1);
  const draw = (pool: Float64Array): number =>
    pool.length > 0 ? pool[Math.floor(random() * pool.length)] : Math.exp(ACCURACY_RULES.defaultSigma * normal(random));
  const sampled = poolOf.map((p) => p !== undefined);
  // Per run: the sampled tasks to draw (all, or the needed ones) in plan order, each with the draws of
  // the tasks before it to skip (none when every task is drawn).
  const drawn: number[] = [];
  const skipBefore: number[] = [];
  let skip = 0;
  for (let i = 0; i < T; i++) {
    const pool = poolOf[i];
    if (!pool) continue;
    if (!needed || needed[i]) { drawn.push(i); skipBefore.push(skip); skip = 0; } else skip += pool.length > 0 ? 1 : NORMAL_DRAWS;
  }
  const tail = skip;
  return {
    runs, seed, accuracy, sampled,
    next() {
      for (let k = 0; k < drawn.length; k++) {
        if (skipBefore[k] > 0) rng.skip(skipBefore[k]);
        const i = drawn[k];
        scale[i] = draw(poolOf[i]!);
      }
      if (tail > 0) rng.skip(tail);
      return scale;
    },
  };
}

export function forecastPlan(plan: Plan, progress: ProgressResult | undefined, options: ForecastOptions): ProbabilisticForecast {
  const { runs, seed, accuracy, sampled, next } = sampling(plan, progress, options);
  const tasks = plan.tasks;
  const T = tasks.length;
  const M = plan.milestones.length;
  const finishes = plan.milestones.map(() => new Int32Array(runs));
  const projectFinish = new Int32Array(runs);
  const criticalCount = new Int32Array(T);
  const withCriticality = options.criticality !== false;
  const run = scheduleRunner(plan, progress, options.today, withCriticality, sampled);
  // As schedule.milestones.get(id): with a repeated id, the last milestone of that id.
  const lastOfId = new Map(plan.milestones.map((m, k) => [m.id, k]));
  const source = plan.milestones.map((m) => lastOfId.get(m.id)!);
  let scheduled: Uint8Array = new Uint8Array(M);
  for (let r = 0; r < runs; r++) {
    const s = run(next());
    if (r === 0) scheduled = Uint8Array.from(source, (k) => s.hasWork[k]);
    for (let m = 0; m < M; m++) finishes[m][r] = s.milestoneFinish[source[m]];
    projectFinish[r] = s.projectFinish;
    const critical = s.critical;
    if (withCriticality) for (let i = 0; i < T; i++) if (critical[i] && sampled[i]) criticalCount[i]++;
  }
  const milestones = new Map<string, MilestoneForecast>();
  plan.milestones.forEach((m, k) => {
    if (!scheduled[k]) return;
    milestones.set(m.id, milestoneFigures(m.id, finishes[k], m.due));
  });
  const criticality = new Map<string, number>();
  if (withCriticality) tasks.forEach((t, i) => criticality.set(t.id, criticalCount[i] / runs));
  return { runs, seed, accuracy, milestones, project: percentiles(projectFinish.sort()), criticality };
}

/** One milestone's forecast: what forecastPlan gives for it, at the cost of what it depends on. */
export interface OneMilestoneForecast {
  readonly runs: number;
  readonly seed: number;
  readonly accuracy: EstimateAccuracy;
  /** Undefined when the milestone has no work to schedule (forecastPlan leaves it out then). */
  readonly milestone?: MilestoneForecast;
}

/**
 * forecastPlan's figures for milestone `id` alone, identical to them (the
 * same draws, the same schedule of everything the milestone depends on),
 * without scheduling the rest of the plan nor the criticality: a postmortem's
 * forecast at the baseline reads one milestone. Undefined for an unknown id.
 */
export function forecastMilestone(plan: Plan, progress: ProgressResult | undefined, id: string, options: ForecastOptions): OneMilestoneForecast | undefined {
  return forecastMilestones(plan, progress, [id], options).get(id);
}

/**
 * forecastMilestone for several milestones from one set of runs (each
 * schedules what any of them depends on): the same figures as one call per
 * milestone, for the cost of the largest when they depend on one another.
 * Unknown ids are left out.
 */
export function forecastMilestones(plan: Plan, progress: ProgressResult | undefined, ids: readonly string[], options: ForecastOptions): Map<string, OneMilestoneForecast> {
  // The last milestone of a repeated id, as forecastPlan.
  const lastOfId = new Map(plan.milestones.map((m, k) => [m.id, k]));
  const known = [...new Set(ids)].filter((id) => lastOfId.has(id));
  const indexes = known.map((id) => lastOfId.get(id)!);
  const result = new Map<string, OneMilestoneForecast>();
  if (known.length === 0) return result;
  const runner = milestonesRunner(plan, progress, options.today, indexes);
  const { runs, seed, accuracy, next } = sampling(plan, progress, options, runner.needed);
  const finishes = known.map(() => new Int32Array(runs));
  if (runner.hasWork.some((w) => w)) {
    for (let r = 0; r < runs; r++) {
      const f = runner.run(next());
      for (let m = 0; m < known.length; m++) finishes[m][r] = f[m];
    }
  }
  known.forEach((id, m) => {
    result.set(id, runner.hasWork[m] ? { runs, seed, accuracy, milestone: milestoneFigures(id, finishes[m], plan.milestones[indexes[m]].due) } : { runs, seed, accuracy });
  });
  return result;
}

/** Percentiles and the chance by `due` of one milestone's finish days (sorted in place). */
function milestoneFigures(id: string, finishes: Int32Array, due: IsoDate | undefined): MilestoneForecast {
  const days = finishes.sort();
  const dueDay = due !== undefined ? toDayNumber(due) : undefined;
  return {
    id,
    ...percentiles(days),
    ...(dueDay !== undefined ? { onTimeProbability: countAtMost(days, dueDay) / days.length } : {}),
  };
}

/** Nearest-rank percentile of sorted day numbers: the smallest day reached in at least q of the runs. */
export function percentileDay(sorted: Int32Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length - 1e-9) - 1))];
}

function percentiles(sorted: Int32Array): Percentiles {
  return { p50: fromDayNumber(percentileDay(sorted, 0.5)), p85: fromDayNumber(percentileDay(sorted, 0.85)), p95: fromDayNumber(percentileDay(sorted, 0.95)) };
}

/** How many of the sorted days are <= day (binary search). */
function countAtMost(sorted: Int32Array, day: number): number {
  let lo = 0, hi = sorted.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (sorted[mid] <= day) lo = mid + 1; else hi = mid; }
  return lo;
}
