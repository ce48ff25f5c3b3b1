// Turns a plan snapshot (plan, schedule, progress, history) into the Gantt's
// compact data, and two successive data sets into an incremental update.
// Pure (no `vscode`), so unit tests, the bench and e2e checks use it as is.
import type { Plan } from '../../core/model';
import type { Schedule } from '../../core/schedule';
import type { ProgressResult } from '../../core/progress';
import type { HistoryScan } from '../../core/git/history';
import type { ProbabilisticForecast } from '../../core/forecast/monteCarlo';
import type { MilestoneHealth } from '../../core/health';
import { computeWorkload } from '../../core/workload';
import { clip as clipText } from '../../core/text';
import {
  G, GroupFlag, HEALTH_CODES, MAX_TEXT_LENGTH, NO_DAY, STATUS_CODES, T, TaskFlag, isPlanId, isoToDay,
  type BaselineRow, type GanttData, type GroupRow, type HostMessage, type PersonRow, type TaskRow,
} from '../../protocol/gantt';

export interface GanttSource {
  readonly plan: Plan;
  readonly schedule?: Schedule;
  readonly progress?: ProgressResult;
  readonly history?: HistoryScan;
  readonly today: string;
  /** Why some of the data is missing (shown above the chart). */
  readonly note?: string;
  /** The Monte Carlo forecast, for the P50-P95 band of each milestone; none: no band. */
  readonly forecast?: ProbabilisticForecast;
  /** Milestone health (analysis.health, which reads the forecast); none: no health colour. */
  readonly health?: ReadonlyMap<string, MilestoneHealth>;
}

/** Plan text within the protocol's length limit. */
const clip = (s: string, max = MAX_TEXT_LENGTH): string => clipText(s, max);
const pct = (x: number | undefined): number => Math.max(0, Math.min(100, Math.round((x ?? 0) * 100)));

export function buildGanttData(src: GanttSource): GanttData {
  const { plan, schedule, progress, history } = src;
  const people: PersonRow[] = plan.people.filter((p) => isPlanId(p.id)).map((p) => [p.id, clip(p.name ?? '')]);
  const personIndex = new Map(people.map((p, i) => [p[0], i]));
  const assigneeOf = (id: string | undefined): number => {
    if (!id || !isPlanId(id)) return -1;
    let i = personIndex.get(id);
    if (i === undefined) { i = people.length; people.push([id, '']); personIndex.set(id, i); }
    return i;
  };

  // Over-allocated: the task falls in a week where its assignee has more planned hours than capacity.
  const over = new Set<string>();
  if (schedule) {
    try {
      for (const o of computeWorkload(plan, schedule, { basis: 'planned' }).overAllocations) for (const t of o.tasks) over.add(t);
    } catch { /* the chart stays useful without workload marks */ }
  }
  const subjects = new Map<string, string>();
  for (const c of history?.commits ?? []) subjects.set(c.sha, c.subject);

  const groups: GroupRow[] = [];
  const groupIndex = new Map<string, number>();
  for (const m of plan.milestones) {
    if (!isPlanId(m.id) || groupIndex.has(m.id)) continue;
    const ms = schedule?.milestones.get(m.id);
    const critical = m.tasks.some((t) => schedule?.tasks.get(t.id)?.critical);
    groupIndex.set(m.id, groups.length);
    groups.push([
      m.id, clip(m.title), isoToDay(m.due), isoToDay(ms?.forecastFinish),
      pct(progress?.milestones.get(m.id)?.progress ?? ms?.progress), Math.max(0, HEALTH_CODES.indexOf(src.health?.get(m.id)?.health ?? '')),
      critical ? GroupFlag.critical : 0, m.depends.filter(isPlanId),
    ]);
  }
  const backlog = plan.backlog.length > 0 ? groups.push(['', 'Backlog', NO_DAY, NO_DAY, 0, 0, GroupFlag.backlog, []]) - 1 : -1;
  const forecast = src.forecast;
  const bands = forecast && groups.flatMap((g) => {
    const f = g[G.id] ? forecast.milestones.get(g[G.id]) : undefined;
    return f ? [isoToDay(f.p50), isoToDay(f.p95)] : [NO_DAY, NO_DAY];
  });

  const tasks: TaskRow[] = [];
  const seen = new Set<string>();
  for (const t of plan.tasks) {
    if (!isPlanId(t.id) || seen.has(t.id)) continue;
    const group = t.milestone !== undefined ? groupIndex.get(t.milestone) : backlog;
    if (group === undefined || group < 0) continue;
    seen.add(t.id);
    const ts = schedule?.tasks.get(t.id);
    const tp = progress?.tasks.get(t.id);
    let start = isoToDay(ts?.plannedStart);
    let finish = isoToDay(ts?.plannedFinish);
    if (start === NO_DAY || finish === NO_DAY || finish < start) { start = NO_DAY; finish = NO_DAY; }
    // The core's deterministic forecast (docs/schedule.md): what the chart draws unless the pure plan is asked for.
    let fStart = start === NO_DAY ? NO_DAY : isoToDay(ts?.forecastStart);
    let fFinish = start === NO_DAY ? NO_DAY : isoToDay(ts?.forecastFinish);
    if (fStart === NO_DAY || fFinish === NO_DAY || fFinish < fStart) { fStart = start; fFinish = finish; }
    const status = STATUS_CODES.indexOf(tp?.effective ?? t.status);
    const last = tp && tp.commits.length > 0 ? subjects.get(tp.commits[tp.commits.length - 1]) ?? '' : '';
    tasks.push([
      t.id, clip(t.title), group, assigneeOf(t.assignee), Math.max(0, status), start, finish,
      isoToDay(tp?.actualStart), isoToDay(tp?.actualFinish), pct(tp?.progress ?? t.progress),
      ts ? Math.round(ts.float) : 0,
      (ts?.critical ? TaskFlag.critical : 0) | (over.has(t.id) ? TaskFlag.overAllocated : 0) | (t.start ? TaskFlag.pinnedStart : 0)
        | (ts ? 0 : TaskFlag.noFloat) | (t.estimate ? TaskFlag.hasEstimate : 0),
      t.depends.filter(isPlanId), tp?.commits.length ?? 0, clip(last, 200), fStart, fFinish,
    ]);
  }
  // Actual dates must not end before they start (a closing commit authored before the first reference).
  for (const r of tasks) if (r[T.actualFinish] !== NO_DAY && r[T.actualStart] !== NO_DAY && r[T.actualFinish] < r[T.actualStart]) r[T.actualFinish] = r[T.actualStart];
  // Rows go out grouped, in group order, file order within a group.
  tasks.sort((a, b) => a[T.group] - b[T.group]);
  const cal = plan.project.calendar;
  // People's days off, so the chart's drag preview uses their calendars as the schedule does.
  const daysOff = people.map(([id]) => {
    const p = plan.byId.get(id);
    return p?.kind === 'person' ? p.off.map(isoToDay).filter((d) => d !== NO_DAY).sort((a, b) => a - b) : [];
  });
  return {
    name: clip(plan.project.name),
    today: isoToDay(src.today),
    start: isoToDay(schedule?.start ?? plan.project.start),
    calendar: { workdays: [...cal.workdays].filter((w) => Number.isInteger(w) && w >= 0 && w <= 6), holidays: cal.holidays.map(isoToDay).filter((d) => d !== NO_DAY) },
    people, ...(daysOff.some((d) => d.length) ? { daysOff } : {}), groups, ...(bands ? { bands } : {}), tasks, note: clip(src.note ?? ''),
  };
}

/** Planned dates of a plan as of a baseline revision. */
export function baselineRows(schedule: Schedule): BaselineRow[] {
  const rows: BaselineRow[] = [];
  for (const [id, ts] of schedule.tasks) {
    const a = isoToDay(ts.plannedStart);
    const b = isoToDay(ts.plannedFinish);
    if (isPlanId(id) && a !== NO_DAY && b >= a) rows.push([id, a, b]);
  }
  return rows;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The message that brings a webview holding `prev` (at `prevRev`) to `next`:
 * an `update` with only the changed rows when the people, groups and calendar
 * keep their shape, else a full `init`.
 */
export function diffGanttData(prev: GanttData | undefined, next: GanttData, prevRev: number, nextRev: number): HostMessage {
  const init: HostMessage = { type: 'init', v: 1, rev: nextRev, data: next };
  if (!prev) return init;
  if (prev.name !== next.name || prev.start !== next.start || !sameJson(prev.calendar, next.calendar) || !sameJson(prev.people, next.people) || !sameJson(prev.daysOff, next.daysOff)
    || prev.groups.length !== next.groups.length || prev.groups.some((g, i) => g[G.id] !== next.groups[i][G.id])) {
    return init;
  }
  const before = new Map(prev.tasks.map((t) => [t[T.id], t]));
  const upsert = next.tasks.filter((t) => { const o = before.get(t[T.id]); return !o || !sameJson(o, t); });
  const nextIds = new Set(next.tasks.map((t) => t[T.id]));
  const remove = prev.tasks.filter((t) => !nextIds.has(t[T.id])).map((t) => t[T.id]);
  // The order the webview gets by default: old order minus removals, new rows appended.
  const implied = prev.tasks.map((t) => t[T.id]).filter((id) => nextIds.has(id));
  for (const t of next.tasks) if (!before.has(t[T.id])) implied.push(t[T.id]);
  const order = next.tasks.map((t) => t[T.id]);
  const msg: HostMessage = { type: 'update', rev: nextRev, baseRev: prevRev, upsert, remove, groups: next.groups, today: next.today, note: next.note };
  if (next.bands) msg.bands = next.bands;
  if (!sameJson(implied, order)) msg.order = order;
  return msg;
}
