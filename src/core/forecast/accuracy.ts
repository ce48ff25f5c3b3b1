// How long work really took against its estimate, from the commits: the
// samples the Monte Carlo forecast draws durations from (docs/schedule.md,
// "Probabilistic forecast").
//
// Pure: a plan and its progress (actual dates from the history) in.
import { PlanCalendars, toDayNumber } from '../calendar';
import type { IsoDate, Plan } from '../model';
import type { ProgressResult } from '../progress';
import { durationDays } from '../schedule';

/** One done task with an estimate and linked commits. */
export interface AccuracySample {
  readonly task: string;
  readonly assignee?: string;
  /** Workdays the estimate schedules (the scheduler's duration). */
  readonly estimateDays: number;
  /** Workdays of the assignee's calendar from the first linked commit to the closing one (at least 1). */
  readonly actualDays: number;
  /** actualDays / estimateDays: above 1, it took longer than estimated. */
  readonly ratio: number;
  readonly actualStart: IsoDate;
  readonly actualFinish: IsoDate;
}

/** Where a person's durations are drawn from. */
export type AccuracySource = 'person' | 'team' | 'default';

export interface EstimateAccuracy {
  readonly samples: readonly AccuracySample[];
  /** The pool each person draws from; unassigned tasks and unknown people draw from `teamSource`. */
  readonly sources: ReadonlyMap<string, AccuracySource>;
  readonly teamSource: Exclude<AccuracySource, 'person'>;
}

export const ACCURACY_RULES = {
  /** A person's own ratios are used from this many samples on. */
  minPersonSamples: 5,
  /** The team's ratios are used from this many samples on; below, the default spread. */
  minTeamSamples: 5,
  /**
   * Without enough history: ratio = exp(sigma x N(0, 1)), a log-normal with
   * median 1 (the estimate itself; P50 sits at the deterministic forecast or
   * a workday after it, as sampled durations round up to whole days) whose P85 is 1.51x and P95 1.93x the estimate: overruns larger than
   * underruns, as estimates usually err.
   */
  defaultSigma: 0.4,
} as const;

export function estimateAccuracy(plan: Plan, progress: ProgressResult | undefined): EstimateAccuracy {
  const cals = PlanCalendars.of(plan);
  const capacity = new Map(plan.people.map((p) => [p.id, p.capacity]));
  const hpd = plan.project.calendar.hoursPerDay;
  const samples: AccuracySample[] = [];
  for (const t of plan.tasks) {
    const tp = progress?.tasks.get(t.id);
    if (!tp || tp.effective !== 'done' || tp.commits.length === 0 || tp.actualFinish === undefined) continue;
    const estimateDays = durationDays(t.estimateHours ?? 0, hpd, capacity.get(t.assignee ?? '') ?? 1);
    if (estimateDays === 0) continue;
    const start = tp.actualStart ?? tp.actualFinish;
    const cal = cals.forAssignee(t.assignee);
    const actualDays = Math.max(1, cal.countWorkdays(toDayNumber(start), toDayNumber(tp.actualFinish)));
    samples.push({
      task: t.id,
      ...(t.assignee !== undefined ? { assignee: t.assignee } : {}),
      estimateDays, actualDays, ratio: actualDays / estimateDays,
      actualStart: start, actualFinish: tp.actualFinish,
    });
  }
  const teamSource = samples.length >= ACCURACY_RULES.minTeamSamples ? 'team' : 'default';
  const perPerson = new Map<string, number>();
  for (const s of samples) if (s.assignee !== undefined) perPerson.set(s.assignee, (perPerson.get(s.assignee) ?? 0) + 1);
  const sources = new Map<string, AccuracySource>(plan.people.map((p) => [
    p.id, (perPerson.get(p.id) ?? 0) >= ACCURACY_RULES.minPersonSamples ? 'person' : teamSource,
  ]));
  return { samples, sources, teamSource };
}

/** The ratios a task assigned to `assignee` draws from; empty: the default spread. */
export function ratioPool(accuracy: EstimateAccuracy, assignee: string | undefined): Float64Array {
  const source = (assignee !== undefined ? accuracy.sources.get(assignee) : undefined) ?? accuracy.teamSource;
  if (source === 'default') return new Float64Array(0);
  return Float64Array.from(accuracy.samples.filter((s) => source === 'team' || s.assignee === assignee), (s) => s.ratio);
}
