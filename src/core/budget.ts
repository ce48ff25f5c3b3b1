// Earned-value figures for the committed scope (tasks in milestones; the
// backlog is not committed work). Everything is computed twice: in hours
// (always possible) and in money where the assignee has a `rate`.
// Rules: docs/schedule.md.
import { PlanCalendars, toDayNumber } from './calendar';
import type { Plan } from './model';
import { round2 } from './numbers';
import type { Schedule, ScheduleProgress } from './schedule';
import { actualHoursOf, type Actuals } from './actuals';

export interface EarnedValue {
  /** Budget at completion: planned hours/cost of the committed scope. */
  readonly bac: number;
  /** Planned value: what the planned schedule says should be done by the end of `today`. */
  readonly pv: number;
  /** Earned value: planned hours/cost x progress (by the plan's progress rule). */
  readonly ev: number;
  /** Actual cost: hours spent (x rate): declared `spent`, else the commits' time lines. */
  readonly ac: number;
  /** EV / PV; undefined while PV is 0. */
  readonly spi?: number;
  /** EV / AC over the tasks with hours spent; undefined when none has. */
  readonly cpi?: number;
  /** Estimate at completion, AC + (EV without spent) + (BAC - EV) / CPI, when CPI is known (docs/schedule.md). */
  readonly eac?: number;
}

export interface TaskCost {
  readonly id: string;
  readonly hours: number;
  readonly rate?: number;
  readonly plannedCost?: number;
  readonly spentHours?: number;
  readonly costToDate?: number;
}

export interface BudgetResult {
  readonly today: string;
  readonly currency?: string;
  /** `project.budget.amount`, when set. */
  readonly amount?: number;
  /** amount - cost.bac, when both are known. */
  readonly variance?: number;
  readonly hours: EarnedValue;
  /** Money figures; undefined when no task in scope has an assignee with a rate. */
  readonly cost?: EarnedValue;
  /** Committed tasks whose assignee has no rate (their hours are in `hours` but not in `cost`). */
  readonly unratedTasks: readonly string[];
  readonly tasks: readonly TaskCost[];
}

/** `actuals`: hours from commits (actuals.ts), counted where a task declares no `spent`. */
export function computeBudget(plan: Plan, schedule: Schedule, progress: ScheduleProgress | undefined, actuals?: Actuals): BudgetResult {
  const today = toDayNumber(schedule.today);
  const cals = new PlanCalendars(plan);
  const rates = new Map(plan.people.map((p) => [p.id, p.rate]));
  const h = { bac: 0, pv: 0, ev: 0, ac: 0, evSpent: 0 };
  const c = { bac: 0, pv: 0, ev: 0, ac: 0, evSpent: 0 };
  let anyRate = false;
  let anySpent = false;
  const unrated: string[] = [];
  const rows: TaskCost[] = [];

  for (const task of plan.tasks) {
    if (task.milestone === undefined) continue;
    const ts = schedule.tasks.get(task.id);
    if (!ts || ts.dropped) continue;
    const tp = progress?.tasks.get(task.id);
    if (tp?.effective === 'dropped') continue;
    const hours = ts.hours;
    const share = progressOf(task.status, task.progress, tp);
    const cal = cals.forAssignee(task.assignee);
    const start = toDayNumber(ts.plannedStart);
    const finish = toDayNumber(ts.plannedFinish);
    // Planned share done by the end of today: elapsed planned workdays over the duration.
    const plannedShare = ts.durationDays > 0 ? Math.min(1, cal.countWorkdays(start, Math.min(today, finish)) / ts.durationDays) : (start <= today ? 1 : 0);
    const rate = task.assignee !== undefined ? rates.get(task.assignee) : undefined;
    const spent = actualHoursOf(task.spent, actuals?.tasks.get(task.id)?.hours);

    h.bac += hours; h.pv += hours * plannedShare; h.ev += hours * share;
    if (spent !== undefined) { anySpent = true; h.ac += spent; h.evSpent += hours * share; }
    if (rate !== undefined) {
      anyRate = true;
      c.bac += hours * rate; c.pv += hours * rate * plannedShare; c.ev += hours * rate * share;
      if (spent !== undefined) { c.ac += spent * rate; c.evSpent += hours * rate * share; }
    } else if (hours > 0) {
      unrated.push(task.id);
    }
    rows.push({
      id: task.id,
      hours,
      ...(rate !== undefined ? { rate, plannedCost: round2(hours * rate) } : {}),
      ...(spent !== undefined ? { spentHours: spent } : {}),
      ...(spent !== undefined && rate !== undefined ? { costToDate: round2(spent * rate) } : {}),
    });
  }

  const budget = plan.project.budget;
  const cost = anyRate ? figures(c, anySpent) : undefined;
  return {
    today: schedule.today,
    ...(budget ? { currency: budget.currency, amount: budget.amount } : {}),
    ...(budget && cost ? { variance: round2(budget.amount - cost.bac) } : {}),
    hours: figures(h, anySpent),
    ...(cost ? { cost } : {}),
    unratedTasks: unrated,
    tasks: rows,
  };
}

/** A task's share done: 1 when done, else the progress rule's figure (progress.ts), else its explicit `progress`. */
function progressOf(status: string, explicit: number | undefined, tp: { effective: string; progress: number } | undefined): number {
  if (tp) return tp.effective === 'done' ? 1 : tp.progress;
  if (status === 'done') return 1;
  return explicit ?? 0;
}

function figures(x: { bac: number; pv: number; ev: number; ac: number; evSpent: number }, anySpent: boolean): EarnedValue {
  const spi = x.pv > 0 ? x.ev / x.pv : undefined;
  const cpi = anySpent && x.ac > 0 ? x.evSpent / x.ac : undefined;
  return {
    bac: round2(x.bac),
    pv: round2(x.pv),
    ev: round2(x.ev),
    ac: round2(x.ac),
    ...(spi !== undefined ? { spi: round3(spi) } : {}),
    ...(cpi !== undefined ? { cpi: round3(cpi) } : {}),
    // Work earned where no time was logged counts at its estimate: without it, a plan where few tasks log
    // time had an EAC below the work already done (the demo: 109 h of a 712 h budget).
    ...(cpi !== undefined && cpi > 0 ? { eac: round2(x.ac + (x.ev - x.evSpent) + (x.bac - x.ev) / cpi) } : {}),
  };
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
