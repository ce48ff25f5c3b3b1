// Sprint burndown: remaining estimate per workday of the sprint, from the
// finish dates the commits give (schedule forecast = actual finish for done
// tasks), and committed vs completed work. Rules: docs/schedule.md.
import { WorkCalendar, fromDayNumber, toDayNumber } from './calendar';
import type { IsoDate, Plan, Sprint } from './model';
import { round2 } from './numbers';
import type { Schedule } from './schedule';

export interface BurndownPoint {
  readonly date: IsoDate;
  /** Committed hours not yet done at the end of `date`; null for days after today. */
  readonly remaining: number | null;
  /** Straight line from the committed hours to 0 at the sprint's last workday. */
  readonly ideal: number;
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
  readonly committedHours: number;
  /** Hours of member tasks done by the sprint's end (or by today while it runs). */
  readonly completedHours: number;
  readonly completedTasks: readonly string[];
  readonly series: readonly BurndownPoint[];
}

export function computeSprints(plan: Plan, schedule: Schedule): SprintReport[] {
  const cal = WorkCalendar.forPlan(plan);
  const today = toDayNumber(schedule.today);
  return plan.sprints.map((s) => sprintReport(plan, schedule, cal, today, s));
}

function sprintReport(plan: Plan, schedule: Schedule, cal: WorkCalendar, today: number, s: Sprint): SprintReport {
  const start = toDayNumber(s.start);
  const end = toDayNumber(s.end);
  const listed = s.tasks.length > 0;
  const members: string[] = [];
  if (listed) {
    for (const id of s.tasks) if (schedule.tasks.has(id)) members.push(id);
  } else {
    for (const t of plan.tasks) {
      const ts = schedule.tasks.get(t.id);
      if (ts && !ts.dropped && ts.plannedFinish >= s.start && ts.plannedFinish <= s.end) members.push(t.id);
    }
  }
  let committed = 0;
  const finishes: { day: number; hours: number; id: string }[] = [];
  for (const id of members) {
    const ts = schedule.tasks.get(id)!;
    if (ts.dropped || ts.forecastBasis === 'dropped') continue;
    committed += ts.hours;
    if (ts.forecastBasis === 'actual') finishes.push({ day: toDayNumber(ts.forecastFinish), hours: ts.hours, id });
  }
  const cutoff = Math.min(end, today);
  const completed = finishes.filter((f) => f.day <= cutoff);
  const total = cal.countWorkdays(start, end);
  const series: BurndownPoint[] = [];
  let i = 0;
  for (let d = cal.onOrAfter(start); d <= end; d = cal.nextWorkday(d)) {
    i++;
    let doneHours = 0;
    for (const f of finishes) if (f.day <= d) doneHours += f.hours;
    series.push({
      date: fromDayNumber(d),
      remaining: d <= today ? round2(committed - doneHours) : null,
      ideal: round2(total > 0 ? (committed * (total - i)) / total : 0),
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
    completedHours: round2(completed.reduce((a, f) => a + f.hours, 0)),
    completedTasks: completed.map((f) => f.id),
    series,
  };
}
