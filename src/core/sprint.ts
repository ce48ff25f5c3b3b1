// Sprint burndown: remaining estimate per workday of the sprint, from the
// finish dates the commits give (schedule forecast = actual finish for done
// tasks), committed vs completed work, and scope added while the sprint ran
// (from project.yml's history, sprintScope.ts). Rules: docs/schedule.md.
import { WorkCalendar, fromDayNumber, toDayNumber } from './calendar';
import type { IsoDate, Plan, Sprint } from './model';
import { round2 } from './numbers';
import type { Schedule } from './schedule';
import { sprintScope, type PlanAtDay } from './sprintScope';

export interface BurndownPoint {
  readonly date: IsoDate;
  /** Committed hours not yet done at the end of `date`; null for days after today. */
  readonly remaining: number | null;
  /** Straight line from the committed hours to 0 at the sprint's last workday. */
  readonly ideal: number;
  /** Hours in the sprint at the end of `date`: committed plus scope added so far. */
  readonly scope: number;
}

export interface ScopeAddition {
  readonly id: string;
  /** Day of the first project.yml revision that has the task in the sprint (today when not committed yet). */
  readonly day: IsoDate;
  readonly hours: number;
}

export interface SprintReport {
  readonly id: string;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly goal?: string;
  readonly state: 'planned' | 'active' | 'closed';
  /** `listed`: the sprint's `tasks`; `planned-dates`: tasks planned to finish within the sprint. */
  readonly membership: 'listed' | 'planned-dates';
  readonly tasks: readonly string[];
  /** Hours of the tasks that were members at the start (all members when the history is unknown). */
  readonly committedHours: number;
  /**
   * Tasks that joined after the start, from project.yml's history; null when
   * that history was not read or the sprint began before the file's first commit.
   */
  readonly scopeAdded: { readonly hours: number; readonly tasks: readonly ScopeAddition[] } | null;
  /** Hours of member tasks done by the sprint's end (or by today while it runs). */
  readonly completedHours: number;
  readonly completedTasks: readonly string[];
  readonly series: readonly BurndownPoint[];
}

/** `revisions`: project.yml's history (one per day, oldest first) for the scope added; without it nothing counts as added. */
export function computeSprints(plan: Plan, schedule: Schedule, revisions?: readonly PlanAtDay[]): SprintReport[] {
  const cal = WorkCalendar.forPlan(plan);
  const today = toDayNumber(schedule.today);
  return plan.sprints.map((s) => sprintReport(plan, schedule, cal, today, s, revisions));
}

/**
 * A sprint's tasks: those it lists, else the tasks planned to finish within
 * its dates (docs/schedule.md). The Plan view's sprint groups use it too.
 */
export function sprintMembers(plan: Plan, schedule: Schedule, s: Sprint): string[] {
  if (s.tasks.length > 0) return s.tasks.filter((id) => schedule.tasks.has(id));
  const members: string[] = [];
  for (const t of plan.tasks) {
    const ts = schedule.tasks.get(t.id);
    if (ts && !ts.dropped && ts.plannedFinish >= s.start && ts.plannedFinish <= s.end) members.push(t.id);
  }
  return members;
}

function sprintReport(plan: Plan, schedule: Schedule, cal: WorkCalendar, today: number, s: Sprint, revisions?: readonly PlanAtDay[]): SprintReport {
  const start = toDayNumber(s.start);
  const end = toDayNumber(s.end);
  const listed = s.tasks.length > 0;
  const members = sprintMembers(plan, schedule, s);
  const scope = revisions ? sprintScope(s, members, revisions, schedule.today) : undefined;
  // Per member: its hours, the day it joined (start for the committed ones), the day it was done.
  const work: { id: string; hours: number; joined: number; done?: number }[] = [];
  for (const id of members) {
    const ts = schedule.tasks.get(id)!;
    if (ts.dropped || ts.forecastBasis === 'dropped') continue;
    const added = scope?.added.get(id);
    work.push({
      id, hours: ts.hours, joined: added !== undefined ? toDayNumber(added) : start,
      done: ts.forecastBasis === 'actual' ? toDayNumber(ts.forecastFinish) : undefined,
    });
  }
  const committed = work.reduce((a, w) => a + (scope?.added.has(w.id) ? 0 : w.hours), 0);
  const additions: ScopeAddition[] = work.filter((w) => scope?.added.has(w.id)).map((w) => ({ id: w.id, day: scope!.added.get(w.id)!, hours: w.hours }));
  const cutoff = Math.min(end, today);
  const completed = work.filter((w) => w.done !== undefined && w.done <= cutoff);
  const total = cal.countWorkdays(start, end);
  const series: BurndownPoint[] = [];
  let i = 0;
  for (let d = cal.onOrAfter(start); d <= end; d = cal.nextWorkday(d)) {
    i++;
    let inScope = 0;
    let open = 0;
    for (const w of work) {
      if (w.joined > d) continue;
      inScope += w.hours;
      if (w.done === undefined || w.done > d) open += w.hours;
    }
    series.push({
      date: fromDayNumber(d),
      remaining: d <= today ? round2(open) : null,
      ideal: round2(total > 0 ? (committed * (total - i)) / total : 0),
      scope: round2(inScope),
    });
  }
  return {
    id: s.id,
    start: s.start,
    end: s.end,
    ...(s.goal !== undefined ? { goal: s.goal } : {}),
    state: today < start ? 'planned' : today > end ? 'closed' : 'active',
    membership: listed ? 'listed' : 'planned-dates',
    tasks: members,
    committedHours: round2(committed),
    scopeAdded: scope ? { hours: round2(additions.reduce((a, w) => a + w.hours, 0)), tasks: additions } : null,
    completedHours: round2(completed.reduce((a, f) => a + f.hours, 0)),
    completedTasks: completed.map((f) => f.id),
    series,
  };
}
