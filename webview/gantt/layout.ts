// Pure layout math of the Gantt: the row model (groups, collapse, filters),
// the time scale, what is visible (virtualization in both directions), axis
// ticks, the working-day calendar and the local forward pass that previews a
// drag's knock-on effect. No DOM here, so mocha tests it in plain Node.
import { fullDay, monthAndYear, monthName } from '../l10n';
import {
  G, GroupFlag, NO_DAY, STATUS_CODES, T, TaskFlag, weekday,
  type GanttData, type TaskRow, type Zoom,
} from '../../src/protocol/gantt';
import { WorkCalendar } from '../../src/core/calendar';

export const ROW_HEIGHT = 24;
export const HEADER_HEIGHT = 40;
/** Days of margin drawn before the first and after the last date of the plan. */
export const PAD_DAYS = 14;

export const PX_PER_DAY: Readonly<Record<Zoom, number>> = { day: 28, week: 8, month: 2.5, quarter: 0.9 };

// ---------------------------------------------------------------------------
// Rows

/** A displayed row: a group header (`-(g + 1)`) or a task index (`>= 0`). */
export type RowRef = number;
export const groupRef = (g: number): RowRef => -(g + 1);
export const isGroupRef = (r: RowRef): boolean => r < 0;
export const groupOf = (r: RowRef): number => -r - 1;

export interface Filter {
  text: string;
  assignee: string;
  status: string;
  criticalOnly: boolean;
}

export const NO_FILTER: Filter = { text: '', assignee: '', status: '', criticalOnly: false };

function filterActive(f: Filter): boolean {
  return f.text !== '' || f.assignee !== '' || f.status !== '' || f.criticalOnly;
}

/**
 * The rows to display, top to bottom. Tasks arrive grouped (the host sends
 * them in group order); a group with no task left after filtering is hidden
 * while a filter is active, an empty group is shown when none is.
 */
export function buildRows(data: GanttData, collapsed: ReadonlySet<string>, filter: Filter): RowRef[] {
  const active = filterActive(filter);
  const text = filter.text.toLowerCase();
  // -2: no assignee filter; an unknown person matches no task (not the unassigned ones, index -1).
  const found = data.people.findIndex((p) => p[0] === filter.assignee);
  const assignee = filter.assignee === '' ? -2 : found >= 0 ? found : -3;
  const status = filter.status === '' ? -1 : (STATUS_CODES as readonly string[]).indexOf(filter.status);
  const byGroup: number[][] = data.groups.map(() => []);
  for (let i = 0; i < data.tasks.length; i++) {
    const t = data.tasks[i];
    if (active) {
      if (assignee !== -2 && t[T.assignee] !== assignee) continue;
      if (status !== -1 && t[T.status] !== status) continue;
      if (filter.criticalOnly && !(t[T.flags] & TaskFlag.critical)) continue;
      if (text !== '' && !t[T.id].toLowerCase().includes(text) && !t[T.title].toLowerCase().includes(text)) continue;
    }
    byGroup[t[T.group]].push(i);
  }
  const rows: RowRef[] = [];
  for (let g = 0; g < data.groups.length; g++) {
    if (active && byGroup[g].length === 0) continue;
    rows.push(groupRef(g));
    if (!collapsed.has(data.groups[g][G.id])) for (const i of byGroup[g]) rows.push(i);
  }
  return rows;
}

// ---------------------------------------------------------------------------
// Which dates a bar shows

/**
 * The days a task's bar spans: its forecast (done work at its actual dates,
 * remaining work from today), or its planned dates when the pure plan is
 * drawn or the host sent no forecast. NO_DAY twice when unscheduled.
 */
export function barDays(t: TaskRow, planOnly: boolean): readonly [number, number] {
  return planOnly || t[T.forecastStart] === NO_DAY ? [t[T.start], t[T.finish]] : [t[T.forecastStart], t[T.forecastFinish]];
}

/**
 * The planned dates drawn as a thin ghost under a forecast bar, so a slip is
 * the gap between them; null when the pure plan is drawn, the task is not
 * scheduled, or the forecast keeps the planned dates.
 */
export function ghostDays(t: TaskRow, planOnly: boolean): readonly [number, number] | null {
  if (planOnly || t[T.start] === NO_DAY) return null;
  const [a, b] = barDays(t, false);
  return a === t[T.start] && b === t[T.finish] ? null : [t[T.start], t[T.finish]];
}

// ---------------------------------------------------------------------------
// Time scale and viewport

export interface Extent {
  /** Day drawn at x = 0. */
  readonly origin: number;
  /** Number of days across the whole chart. */
  readonly days: number;
}

/**
 * The days the chart spans: every planned, forecast, actual and due date,
 * today, padded. The same with or without the pure plan, so the toggle keeps
 * the scroll position meaning the same days.
 */
export function planExtent(data: GanttData, extra: readonly number[] = []): Extent {
  let lo = Infinity;
  let hi = -Infinity;
  const see = (d: number): void => { if (d !== NO_DAY) { if (d < lo) lo = d; if (d > hi) hi = d; } };
  for (const t of data.tasks) {
    see(t[T.start]); see(t[T.finish]); see(t[T.actualStart]); see(t[T.actualFinish]); see(t[T.forecastStart]); see(t[T.forecastFinish]);
  }
  for (const g of data.groups) { see(g[G.due]); see(g[G.forecast]); }
  for (const d of data.bands ?? []) see(d);
  see(data.today);
  for (const d of extra) see(d);
  return { origin: lo - PAD_DAYS, days: hi - lo + 1 + 2 * PAD_DAYS };
}

export interface Viewport {
  scrollX: number;
  scrollY: number;
  width: number;
  height: number;
}

export interface Visible {
  /** First and last row index drawn (inclusive); last < first when there is none. */
  firstRow: number;
  lastRow: number;
  /** First and last day drawn (inclusive). */
  firstDay: number;
  lastDay: number;
}

/** What falls inside the viewport, with one row / one day of overscan so partial ones are drawn. */
export function visibleRange(v: Viewport, rowCount: number, extent: Extent, pxPerDay: number): Visible {
  const firstRow = Math.max(0, Math.floor(v.scrollY / ROW_HEIGHT));
  const lastRow = Math.min(rowCount - 1, Math.floor((v.scrollY + v.height) / ROW_HEIGHT));
  const firstDay = extent.origin + Math.max(0, Math.floor(v.scrollX / pxPerDay));
  const lastDay = Math.min(extent.origin + extent.days - 1, extent.origin + Math.floor((v.scrollX + v.width) / pxPerDay));
  return { firstRow, lastRow, firstDay, lastDay };
}

export const dayToX = (day: number, extent: Extent, pxPerDay: number): number => (day - extent.origin) * pxPerDay;
export const xToDay = (x: number, extent: Extent, pxPerDay: number): number => extent.origin + Math.floor(x / pxPerDay);

/** The named zoom whose scale is closest to a fitted one. */
export function nearestZoom(pxPerDay: number): Zoom {
  let best: Zoom = 'day';
  for (const z of Object.keys(PX_PER_DAY) as Zoom[]) {
    if (Math.abs(Math.log(PX_PER_DAY[z] / pxPerDay)) < Math.abs(Math.log(PX_PER_DAY[best] / pxPerDay))) best = z;
  }
  return best;
}

/** scrollTop that puts a row near the top third of the viewport. */
export function scrollYForRow(row: number, viewportHeight: number, rowCount: number): number {
  const y = row * ROW_HEIGHT - Math.floor(viewportHeight / 3);
  return Math.max(0, Math.min(y, rowCount * ROW_HEIGHT - viewportHeight));
}

/** scrollTop that keeps `row` in view, moving as little as possible. */
export function ensureRowVisible(row: number, scrollY: number, viewportHeight: number): number {
  const top = row * ROW_HEIGHT;
  if (top < scrollY) return top;
  if (top + ROW_HEIGHT > scrollY + viewportHeight) return top + ROW_HEIGHT - viewportHeight;
  return scrollY;
}

// ---------------------------------------------------------------------------
// Axis ticks

export interface Tick {
  readonly day: number;
  readonly label: string;
}

function ymd(day: number): [number, number, number] {
  const d = new Date(day * 86_400_000);
  return [d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()];
}
function dayOf(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m, d) / 86_400_000);
}

/** Labels for the two header rows (major above, minor below) between two days. */
export function axisTicks(zoom: Zoom, from: number, to: number): { major: Tick[]; minor: Tick[] } {
  const major: Tick[] = [];
  const minor: Tick[] = [];
  const [y0, m0] = ymd(from);
  if (zoom === 'day' || zoom === 'week') {
    for (let y = y0, m = m0; ; m++) {
      if (m === 12) { m = 0; y++; }
      const d = dayOf(y, m, 1);
      if (d > to) break;
      major.push({ day: d, label: monthAndYear(d * 86_400_000) });
    }
    if (zoom === 'day') {
      for (let d = from; d <= to; d++) minor.push({ day: d, label: String(ymd(d)[2]) });
    } else {
      for (let d = from - ((weekday(from) + 6) % 7); d <= to; d += 7) minor.push({ day: d, label: String(ymd(d)[2]) });
    }
  } else {
    for (let y = y0; dayOf(y, 0, 1) <= to; y++) major.push({ day: dayOf(y, 0, 1), label: String(y) });
    const step = zoom === 'month' ? 1 : 3;
    for (let y = y0, m = m0 - (m0 % step); ; m += step) {
      if (m >= 12) { m -= 12; y++; }
      const d = dayOf(y, m, 1);
      if (d > to) break;
      minor.push({ day: d, label: step === 1 ? monthName(d * 86_400_000) : `Q${m / 3 + 1}` });
    }
  }
  // The first major label belongs to a period that began before `from`: keep it, clamped.
  if (major.length === 0 || major[0].day > from) {
    major.unshift({ day: from, label: zoom === 'day' || zoom === 'week' ? monthAndYear(dayOf(y0, m0, 1) * 86_400_000) : String(y0) });
  }
  return { major, minor };
}

/** `2026-01-05` -> `Jan 5, 2026` (`5. Jan. 2026` in German), for tooltips and aria labels. */
export function formatDay(day: number): string {
  if (day === NO_DAY) return '—';
  return fullDay(day * 86_400_000);
}

// ---------------------------------------------------------------------------
// Working days

/**
 * The chart's view of the engine's calendar (src/core/calendar.ts, the one
 * the schedule uses): the plan's workdays and holidays plus, for a person,
 * their days off, so a drag previews the dates the schedule will compute.
 */
export class ChartCalendar {
  private readonly work: WorkCalendar;
  /** The weekly pattern alone, for weekend shading. */
  private readonly week: WorkCalendar;
  private readonly holidays: ReadonlySet<number>;

  constructor(workdays: readonly number[], holidays: readonly number[], daysOff: readonly number[] = []) {
    this.work = new WorkCalendar(workdays, daysOff.length ? [...holidays, ...daysOff] : holidays);
    this.week = new WorkCalendar(workdays);
    this.holidays = new Set(holidays);
  }

  isWorkday(day: number): boolean {
    return this.work.isWorkday(day);
  }
  isWeekend(day: number): boolean {
    return !this.week.isWorkday(day);
  }
  isHoliday(day: number): boolean {
    return this.holidays.has(day);
  }

  /** `day` itself when it is a working day, else the next one. */
  nextWorkday(day: number): number {
    return this.work.onOrAfter(day);
  }

  /** Last day of `n` working days starting on `start` (itself moved to a working day). */
  finishAfter(start: number, n: number): number {
    return this.work.finishOf(start, Math.max(1, n));
  }

  /** Working days in `start..finish`, both included; at least 1 for a scheduled bar. */
  count(start: number, finish: number): number {
    return Math.max(1, this.work.countWorkdays(start, finish));
  }
}

/** The plan's calendar, and each person's (their days off added), as the engine's PlanCalendars. */
export class ChartCalendars {
  readonly plan: ChartCalendar;
  private readonly byPerson: ChartCalendar[];

  constructor(data: Pick<GanttData, 'calendar' | 'people' | 'daysOff'>) {
    const { workdays, holidays } = data.calendar;
    this.plan = new ChartCalendar(workdays, holidays);
    this.byPerson = data.people.map((_, i) => {
      const off = data.daysOff?.[i] ?? [];
      return off.length ? new ChartCalendar(workdays, holidays, off) : this.plan;
    });
  }

  /** The calendar of a person (by index in `people`), the plan's for -1 (unassigned). */
  forPerson(person: number): ChartCalendar {
    return this.byPerson[person] ?? this.plan;
  }
}

// ---------------------------------------------------------------------------
// Forward pass preview

export interface Successors {
  /** Task index -> indices of tasks that depend on it (directly or through its milestone). */
  readonly tasks: number[][];
  /** Group index -> indices of tasks that wait for the whole group. */
  readonly groupWaiters: number[][];
  /** Group index -> its task indices. */
  readonly members: number[][];
  readonly taskIndex: ReadonlyMap<string, number>;
}

/** Who waits for whom: task -> task edges, and milestone -> task edges (`depends: [milestone]` on tasks and milestones). */
export function successors(data: GanttData): Successors {
  const taskIndex = new Map<string, number>();
  data.tasks.forEach((t, i) => taskIndex.set(t[T.id], i));
  const groupIndex = new Map<string, number>();
  data.groups.forEach((g, i) => { if (g[G.id] !== '') groupIndex.set(g[G.id], i); });
  const tasks: number[][] = data.tasks.map(() => []);
  const groupWaiters: number[][] = data.groups.map(() => []);
  const tasksOfGroup: number[][] = data.groups.map(() => []);
  data.tasks.forEach((t, i) => tasksOfGroup[t[T.group]].push(i));
  const link = (dep: string, waiter: number): void => {
    const ti = taskIndex.get(dep);
    if (ti !== undefined) tasks[ti].push(waiter);
    else { const gi = groupIndex.get(dep); if (gi !== undefined) groupWaiters[gi].push(waiter); }
  };
  data.tasks.forEach((t, i) => { for (const d of t[T.deps]) link(d, i); });
  // A milestone's own `depends` holds back every task in it.
  data.groups.forEach((g, gi) => { for (const d of g[G.deps]) for (const w of tasksOfGroup[gi]) link(d, w); });
  return { tasks, groupWaiters, members: tasksOfGroup, taskIndex };
}

export interface Preview {
  /** Task index -> new [start, finish] for every task whose dates change. */
  readonly tasks: Map<number, [number, number]>;
  /** Group index -> new forecast finish for every group whose latest finish changes. */
  readonly groups: Map<number, number>;
}

/**
 * The knock-on effect of giving task `edited` the dates `start..finish`.
 * Successors are pushed later when a predecessor now finishes on or after
 * their start; they are never pulled earlier (what else holds a task where it
 * is, such as its own `start:` or a person's other work, is the engine's
 * business: it recomputes everything once the edit is written).
 */
export function forwardPass(data: GanttData, succ: Successors, cals: ChartCalendars, edited: number, start: number, finish: number, planOnly = false): Preview {
  const out = new Map<number, [number, number]>();
  out.set(edited, [start, finish]);
  // The dates drawn (forecast or plan): the preview moves what the user sees.
  const shown = (i: number): readonly [number, number] => barDays(data.tasks[i], planOnly);
  const finishOf = (i: number): number => out.get(i)?.[1] ?? shown(i)[1];
  const groupFinish = (g: number, now = true): number => {
    let f = NO_DAY;
    for (const i of succ.members[g]) f = Math.max(f, now ? finishOf(i) : shown(i)[1]);
    return f;
  };
  const queue: number[] = [edited];
  const dirtyGroups = new Set<number>([data.tasks[edited][T.group]]);
  let guard = data.tasks.length * 50 + 100; // a dependency cycle must not hang the drag
  while (queue.length > 0 && guard-- > 0) {
    const p = queue.shift() as number;
    const pf = finishOf(p);
    for (const s of succ.tasks[p]) {
      const row = data.tasks[s];
      if (row[T.start] === NO_DAY) continue;
      const [curStart, curFinish] = out.get(s) ?? shown(s);
      const cal = cals.forPerson(row[T.assignee]);
      const earliest = cal.nextWorkday(pf + 1);
      if (earliest <= curStart) continue;
      const dur = cal.count(...shown(s));
      const nf = cal.finishAfter(earliest, dur);
      if (earliest === curStart && nf === curFinish) continue;
      out.set(s, [earliest, nf]);
      dirtyGroups.add(row[T.group]);
      queue.push(s);
    }
    // Tasks that wait for p's whole milestone.
    const g = data.tasks[p][T.group];
    if (succ.groupWaiters[g].length > 0) {
      const gf = groupFinish(g);
      for (const s of succ.groupWaiters[g]) {
        const row = data.tasks[s];
        if (row[T.start] === NO_DAY) continue;
        const [curStart] = out.get(s) ?? shown(s);
        const cal = cals.forPerson(row[T.assignee]);
        const earliest = cal.nextWorkday(gf + 1);
        if (earliest <= curStart) continue;
        out.set(s, [earliest, cal.finishAfter(earliest, cal.count(...shown(s)))]);
        dirtyGroups.add(row[T.group]);
        queue.push(s);
      }
    }
  }
  const groups = new Map<number, number>();
  for (const g of dirtyGroups) {
    if (data.groups[g][G.flags] & GroupFlag.backlog) continue;
    // Shift the engine's forecast by how much the group's last drawn finish moved.
    const delta = groupFinish(g) - groupFinish(g, false);
    const base = data.groups[g][G.forecast] !== NO_DAY ? data.groups[g][G.forecast] : groupFinish(g, false);
    if (delta !== 0 && base !== NO_DAY) groups.set(g, base + delta);
  }
  return { tasks: out, groups };
}
