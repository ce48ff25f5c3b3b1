// Per person, per ISO week: hours scheduled against hours available.
// Over-allocation is reported (warnings, diagnostics) and never fixed by
// moving work: the schedule stays what the plan says. Rules: docs/schedule.md.
import { PlanCalendars, fromDayNumber, isoWeekKey, isoWeekStart, toDayNumber } from './calendar';
import type { IsoDate, Plan } from './model';
import { round2 } from './numbers';
import type { Schedule } from './schedule';

export interface WorkloadWeek {
  /** ISO week, `2026-W03`. */
  readonly week: string;
  /** Monday of that week. */
  readonly weekStart: IsoDate;
  /** Estimate hours of the person's tasks that fall on that week's workdays. */
  readonly hours: number;
  /** hoursPerDay x capacity x the person's workdays that week (holidays and days off removed). */
  readonly capacityHours: number;
  readonly tasks: readonly string[];
  readonly over: boolean;
}

export interface PersonWorkload {
  readonly person: string;
  readonly weeks: readonly WorkloadWeek[];
  readonly totalHours: number;
}

export interface OverAllocation {
  readonly person: string;
  readonly week: string;
  readonly weekStart: IsoDate;
  readonly hours: number;
  readonly capacityHours: number;
  readonly tasks: readonly string[];
  readonly message: string;
}

export interface Workload {
  /** Which dates the hours follow: the forecast (remaining work) or the plan. */
  readonly basis: 'forecast' | 'planned';
  readonly people: readonly PersonWorkload[];
  /** Over-allocated weeks that end on or after `today`, in person then week order. */
  readonly overAllocations: readonly OverAllocation[];
  /** Hours of open work with no (known) assignee. */
  readonly unassignedHours: number;
}

export interface WorkloadOptions {
  /** Default `forecast`: open tasks at their forecast dates (done and dropped tasks carry no load). */
  readonly basis?: 'forecast' | 'planned';
}

/** Ten years: the weeks of one task that the workload lists (docs/schedule.md). */
export const WORKLOAD_MAX_WEEKS = 522;

export function computeWorkload(plan: Plan, schedule: Schedule, options: WorkloadOptions = {}): Workload {
  const basis = options.basis ?? 'forecast';
  const cals = new PlanCalendars(plan);
  const hpd = plan.project.calendar.hoursPerDay;
  const today = toDayNumber(schedule.today);
  const people = new Map(plan.people.map((p) => [p.id, p]));
  // person -> week start -> { hours, tasks }
  const load = new Map<string, Map<number, { hours: number; tasks: Set<string> }>>();
  let unassignedHours = 0;

  for (const task of plan.tasks) {
    const ts = schedule.tasks.get(task.id);
    if (!ts || ts.dropped || ts.hours <= 0) continue;
    if (basis === 'forecast' && (ts.forecastBasis === 'actual' || ts.forecastBasis === 'dropped')) continue;
    const person = task.assignee !== undefined ? people.get(task.assignee) : undefined;
    if (!person) { unassignedHours += ts.hours; continue; }
    const cal = cals.forAssignee(person.id);
    const first = toDayNumber(basis === 'forecast' ? ts.forecastStart : ts.plannedStart);
    const last = toDayNumber(basis === 'forecast' ? ts.forecastFinish : ts.plannedFinish);
    const days = cal.countWorkdays(first, last);
    if (days <= 0) continue;
    // The estimate is spread evenly over the task's workdays, week by week.
    const perDay = ts.hours / days;
    let weeks = load.get(person.id);
    if (!weeks) load.set(person.id, (weeks = new Map()));
    // Weeks are listed for at most the task's first WORKLOAD_MAX_WEEKS: a loop per week must stay short whatever the dates.
    const stop = Math.min(last, first + WORKLOAD_MAX_WEEKS * 7 - 1);
    for (let monday = isoWeekStart(first); monday <= stop; monday += 7) {
      const n = cal.countWorkdays(Math.max(monday, first), Math.min(monday + 6, stop));
      if (n === 0) continue;
      let w = weeks.get(monday);
      if (!w) weeks.set(monday, (w = { hours: 0, tasks: new Set() }));
      w.hours += perDay * n;
      w.tasks.add(task.id);
    }
  }

  const result: PersonWorkload[] = [];
  const overAllocations: OverAllocation[] = [];
  for (const person of plan.people) {
    const weeks = load.get(person.id);
    if (!weeks) continue;
    const cal = cals.forAssignee(person.id);
    const list: WorkloadWeek[] = [];
    let total = 0;
    for (const monday of [...weeks.keys()].sort((a, b) => a - b)) {
      const w = weeks.get(monday)!;
      const capacityHours = round2(hpd * person.capacity * cal.countWorkdays(monday, monday + 6));
      const hours = round2(w.hours);
      total += w.hours;
      const over = hours > capacityHours + 0.01;
      const week: WorkloadWeek = { week: isoWeekKey(monday), weekStart: fromDayNumber(monday), hours, capacityHours, tasks: [...w.tasks], over };
      list.push(week);
      if (over && monday + 6 >= today) {
        overAllocations.push({
          person: person.id, week: week.week, weekStart: week.weekStart, hours, capacityHours, tasks: week.tasks,
          message: `${person.name ?? person.id} is over-allocated in ${week.week} (week of ${week.weekStart}): ${fmt(hours)} h scheduled, ${fmt(capacityHours)} h available (${week.tasks.join(', ')}).`,
        });
      }
    }
    result.push({ person: person.id, weeks: list, totalHours: round2(total) });
  }
  return { basis, people: result, overAllocations, unassignedHours: round2(unassignedHours) };
}

function fmt(x: number): string {
  return Number.isInteger(x) ? String(x) : x.toFixed(1);
}
