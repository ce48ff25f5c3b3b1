// Problems-panel diagnostics from a computed schedule: missed deadlines,
// over-allocated people and the schedule's own warnings, positioned on the
// plan text. The engine that computes the schedule is schedule.ts.
import { WorkCalendar, toDayNumber } from './calendar';
import type { Diagnostic, IsoDate, Plan, Position } from './model';
import { diag, type Schedule } from './schedule';
import { computeWorkload, type Workload } from './workload';

/**
 * Problems-panel diagnostics from a schedule: tasks and milestones forecast
 * past their `due` (code `missed-deadline`, on the `due` value), people
 * over-allocated in a week that has not ended (code `over-allocated`, on the
 * person), plus the schedule's own (`schedule-cycle`, `schedule-horizon`),
 * which come first in the list.
 */
export function scheduleDiagnostics(
  plan: Plan,
  schedule: Schedule,
  options: { positionAt?: (offset: number) => Position; workload?: Workload } = {},
): Diagnostic[] {
  const positionAt = options.positionAt ?? ((): Position => ({ line: 1, col: 1 }));
  const cal = WorkCalendar.forPlan(plan);
  // Re-position the schedule's own diagnostics: schedulePlan may have run without positionAt.
  const out: Diagnostic[] = options.positionAt
    ? schedule.diagnostics.map((d) => ({ ...d, start: positionAt(d.span.start), end: positionAt(d.span.end) }))
    : [...schedule.diagnostics];
  const late = (due: IsoDate, finish: IsoDate): number => cal.ordinal(toDayNumber(finish) + 1) - cal.ordinal(toDayNumber(due) + 1);
  const what = (id: string, due: IsoDate, finish: IsoDate): string => {
    if (due < schedule.today) return `'${id}' is past its due ${due} and not done; forecast finish ${finish}.`;
    const n = late(due, finish);
    return `'${id}' is forecast to finish ${finish}, ${n} workday${n === 1 ? '' : 's'} after its due ${due}.`;
  };
  for (const t of plan.tasks) {
    const ts = schedule.tasks.get(t.id);
    if (!ts || t.due === undefined || ts.forecastBasis === 'actual' || ts.forecastBasis === 'dropped') continue;
    if (ts.forecastFinish > t.due) {
      out.push(diag('warning', 'missed-deadline', what(t.id, t.due, ts.forecastFinish), t.fieldSpans.due ?? t.span, positionAt));
    }
  }
  for (const m of plan.milestones) {
    const ms = schedule.milestones.get(m.id);
    if (!ms || m.due === undefined || ms.forecastFinish === undefined || ms.forecastFinish <= m.due) continue;
    const open = m.tasks.some((t) => { const b = schedule.tasks.get(t.id)?.forecastBasis; return b === 'started' || b === 'remaining'; });
    if (open) out.push(diag('warning', 'missed-deadline', `Milestone ${what(m.id, m.due, ms.forecastFinish)}`, m.fieldSpans.due ?? m.span, positionAt));
  }
  const workload = options.workload ?? computeWorkload(plan, schedule);
  for (const o of workload.overAllocations) {
    const person = plan.byId.get(o.person);
    if (person?.kind === 'person') out.push(diag('warning', 'over-allocated', o.message, person.span, positionAt));
  }
  return out;
}
