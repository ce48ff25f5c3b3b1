// Velocity: completed hours per sprint, and the forecast it gives for the
// open milestones and the backlog, next to the schedule's own forecast.
// Rules (docs/schedule.md, Sprints): velocity is the mean completed hours of
// the last three closed sprints; the team burns that many hours per sprint
// of that many workdays, from today, through the open milestones in plan
// order and then the backlog, so each forecast counts the work before it.
import { WorkCalendar, fromDayNumber, toDayNumber } from './calendar';
import type { IsoDate, Plan } from './model';
import { round2 } from './numbers';
import type { ProgressResult } from './progress';
import type { Schedule } from './schedule';
import type { SprintReport } from './sprint';

/** How many closed sprints the mean takes (the latest ones). */
export const VELOCITY_WINDOW = 3;

export interface SprintVelocity {
  readonly id: string;
  readonly end: IsoDate;
  readonly state: SprintReport['state'];
  readonly completedHours: number;
}

export interface VelocityTarget {
  /** Milestone id; absent for the backlog. */
  readonly id?: string;
  /** Hours of its tasks not done yet (dropped ones excluded). */
  readonly remainingHours: number;
  /** Sprints of velocity to finish it and all the open work before it; null when the velocity is 0. */
  readonly sprints: number | null;
  /** Null when the velocity is 0 (it never finishes at that rate). */
  readonly forecastFinish: IsoDate | null;
  /** The schedule's forecast, for comparison (docs/schedule.md). */
  readonly scheduleForecastFinish: IsoDate | null;
}

export interface VelocityResult {
  /** Every sprint's completed hours, in plan order. */
  readonly perSprint: readonly SprintVelocity[];
  /** Mean completed hours of the last closed sprints; null before a sprint has closed. */
  readonly hoursPerSprint: number | null;
  /** The sprints the mean was taken over. */
  readonly basis: readonly string[];
  /** Mean workdays of those sprints. */
  readonly sprintWorkdays: number | null;
  /** Open milestones in plan order; empty without a velocity. */
  readonly milestones: readonly VelocityTarget[];
  /** The backlog after them; null when it has no open work or there is no velocity. */
  readonly backlog: VelocityTarget | null;
}

export function computeVelocity(plan: Plan, schedule: Schedule, progress: ProgressResult, sprints: readonly SprintReport[]): VelocityResult {
  const cal = WorkCalendar.forPlan(plan);
  const perSprint = sprints.map((s) => ({ id: s.id, end: s.end, state: s.state, completedHours: s.completedHours }));
  const basis = sprints.filter((s) => s.state === 'closed').sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0)).slice(-VELOCITY_WINDOW);
  if (basis.length === 0) return { perSprint, hoursPerSprint: null, basis: [], sprintWorkdays: null, milestones: [], backlog: null };
  const hoursPerSprint = round2(basis.reduce((a, s) => a + s.completedHours, 0) / basis.length);
  const sprintWorkdays = round2(basis.reduce((a, s) => a + cal.countWorkdays(toDayNumber(s.start), toDayNumber(s.end)), 0) / basis.length);
  const remainingOf = (ids: readonly string[]): number => {
    let h = 0;
    for (const id of ids) {
      const tp = progress.tasks.get(id);
      const ts = schedule.tasks.get(id);
      if (ts && !ts.dropped && tp?.effective !== 'done' && tp?.effective !== 'dropped') h += ts.hours;
    }
    return h;
  };
  const today = toDayNumber(schedule.today);
  let before = 0;
  const target = (id: string | undefined, remaining: number, scheduleFinish: IsoDate | null): VelocityTarget => {
    before += remaining;
    const sprintsNeeded = hoursPerSprint > 0 ? before / hoursPerSprint : null;
    // Today is the first workday of the remaining work.
    const workdays = sprintsNeeded === null ? null : Math.max(1, Math.ceil(sprintsNeeded * sprintWorkdays));
    return {
      ...(id !== undefined ? { id } : {}),
      remainingHours: round2(remaining),
      sprints: sprintsNeeded === null ? null : round2(sprintsNeeded),
      forecastFinish: workdays === null ? null : fromDayNumber(cal.addWorkdays(today, workdays - 1)),
      scheduleForecastFinish: scheduleFinish,
    };
  };
  const milestones: VelocityTarget[] = [];
  for (const m of plan.milestones) {
    const remaining = remainingOf(m.tasks.map((t) => t.id));
    if (remaining > 0) milestones.push(target(m.id, remaining, schedule.milestones.get(m.id)?.forecastFinish ?? null));
  }
  const backlogRemaining = remainingOf(plan.backlog.map((t) => t.id));
  const backlogFinish = plan.backlog.reduce<IsoDate | null>((f, t) => {
    const ts = schedule.tasks.get(t.id);
    return ts && !ts.dropped && (f === null || ts.forecastFinish > f) ? ts.forecastFinish : f;
  }, null);
  const backlog = backlogRemaining > 0 ? target(undefined, backlogRemaining, backlogFinish) : null;
  return { perSprint, hoursPerSprint, basis: basis.map((s) => s.id), sprintWorkdays, milestones, backlog };
}
