// The critical-path schedule of a plan: durations from estimates and
// capacity, finish-to-start dependencies (no lag), a forward and a backward
// pass over one topological order (Kahn), total float, the critical path,
// and a forecast from the commits. Rules: docs/schedule.md (milestone
// health, which needs the probabilistic forecast too, is health.ts).
//
// Pure: `today` always comes in as an argument, so every figure is
// reproducible. O(tasks + dependencies): nodes are array indices, edges are
// CSR arrays, dates are day numbers (calendar.ts) until the result is built.
import { PlanCalendars, type WorkCalendar, fromDayNumber, toDayNumber } from './calendar';
import { UNKNOWN, dependenciesOf } from './dependencies';
import { TASK_STATUSES, type Diagnostic, type IsoDate, type Milestone, type Plan, type Position, type Span, type Task, type TaskStatus } from './model';
import { medianEstimateHours, planStart } from './progress';

/** What the scheduler reads from progress.ts (ProgressResult satisfies it). */
export interface ScheduleProgress {
  readonly tasks: ReadonlyMap<string, {
    readonly effective: TaskStatus;
    readonly actualStart?: IsoDate;
    readonly actualFinish?: IsoDate;
    readonly progress: number;
  }>;
  readonly milestones?: ReadonlyMap<string, { readonly progress: number }>;
}

export interface ScheduleOptions {
  /** The date figures are computed for. Never read from the clock. */
  readonly today: IsoDate;
  /** Maps text offsets to 1-based positions for diagnostics (ParsedPlan.positionAt); else 1:1. */
  readonly positionAt?: (offset: number) => Position;
  /**
   * Per task (plan.tasks order), a factor on the hours its duration comes
   * from: the Monte Carlo forecast's sampled estimate accuracy (forecast/).
   * Default 1: the estimates as written.
   */
  readonly durationScale?: ArrayLike<number>;
}

export type ForecastBasis = 'actual' | 'started' | 'remaining' | 'dropped';

export interface TaskSchedule {
  readonly id: string;
  readonly milestone?: string;
  /** Planned duration in workdays of the assignee's calendar (0 for dropped or zero estimates). */
  readonly durationDays: number;
  /** Hours of work the duration came from (the plan's median when the task has no estimate). */
  readonly hours: number;
  /** True when the task has no estimate and the median was used. */
  readonly estimateAssumed: boolean;
  readonly earlyStart: IsoDate;
  readonly earlyFinish: IsoDate;
  readonly lateStart: IsoDate;
  readonly lateFinish: IsoDate;
  /** The planned schedule is the early dates of the plan-only pass. */
  readonly plannedStart: IsoDate;
  readonly plannedFinish: IsoDate;
  /** Total float in workdays of the task's calendar; negative when a due date cannot be met. */
  readonly float: number;
  /** On a float <= 0 chain that leads to a milestone. */
  readonly critical: boolean;
  readonly forecastStart: IsoDate;
  readonly forecastFinish: IsoDate;
  /** actual: done, at its commit dates; started: in progress since its first commit; remaining: not started. */
  readonly forecastBasis: ForecastBasis;
  readonly dropped: boolean;
}

export interface MilestoneSchedule {
  readonly id: string;
  readonly due?: IsoDate;
  /** Undefined when the milestone has no task to schedule. */
  readonly plannedStart?: IsoDate;
  readonly plannedFinish?: IsoDate;
  readonly forecastStart?: IsoDate;
  readonly forecastFinish?: IsoDate;
  /** Workdays (plan calendar) the forecast finish lies after `due`; negative = ahead. */
  readonly slipDays?: number;
  /** Planned float of the milestone's finish against its due and its successors, in workdays. */
  readonly float?: number;
  readonly progress: number;
}

export interface Schedule {
  readonly today: IsoDate;
  /** The date scheduling started from, and why that date. */
  readonly start: IsoDate;
  readonly startSource: 'project.start' | 'earliest-date' | 'today';
  readonly plannedFinish: IsoDate;
  readonly forecastFinish: IsoDate;
  /** Median estimate in hours used for tasks without one (0 when every task has an estimate). */
  readonly medianHours: number;
  readonly tasks: ReadonlyMap<string, TaskSchedule>;
  readonly milestones: ReadonlyMap<string, MilestoneSchedule>;
  /** Critical tasks in schedule order (early start, then file order). */
  readonly criticalPath: readonly string[];
  /** Scheduling problems (dependency cycles broken to keep going). */
  readonly diagnostics: readonly Diagnostic[];
}

/** Whole workdays for `hours` of work at `hoursPerDay x capacity` a day; at least 1 when hours > 0. */
export function durationDays(hours: number, hoursPerDay: number, capacity: number): number {
  return daysOfWork(hours, hoursPerDayAt(hoursPerDay, capacity));
}

/** Hours of work a day at `hoursPerDay x capacity` (8 h when hoursPerDay is not positive; capacity outside (0, 1]: 1). */
function hoursPerDayAt(hoursPerDay: number, capacity: number): number {
  return (hoursPerDay > 0 ? hoursPerDay : 8) * (capacity > 0 && capacity <= 1 ? capacity : 1);
}

/** durationDays with the hours a day already known (the scheduler's per-task `perDay`). */
function daysOfWork(hours: number, perDay: number): number {
  if (!(hours > 0)) return 0;
  // The epsilon keeps 24 h / (8 x 0.3) from becoming 11 days through rounding noise.
  return Math.max(1, Math.ceil(hours / perDay - 1e-9));
}

const NEG = -1e9;
const POS = 1e9;

/** No schedule date lies more than this after the later of the project start and today (docs/schedule.md). */
export const HORIZON_YEARS = 100;
const FIRST_DAY = toDayNumber('0000-01-01');
const LAST_DAY = toDayNumber('9999-12-31');

/** The same month and day `years` later (earlier when negative), within years 0000..9999. */
function addYears(day: number, years: number): number {
  const iso = fromDayNumber(day);
  const y = Number(iso.slice(0, 4)) + years;
  if (y > 9999) return LAST_DAY;
  if (y < 0) return FIRST_DAY;
  return toDayNumber(`${String(y).padStart(4, '0')}${iso.slice(4)}`);
}

/**
 * What a schedule needs from the plan alone: per-task facts, the dependency
 * graph as CSR arrays and one topological order. Plans are immutable, so it
 * is built once per plan (the Monte Carlo forecast schedules one plan a
 * thousand times) and only read by the passes.
 */
interface PlanGraph {
  readonly ordered: boolean;
  readonly medianHours: number;
  readonly taskIndex: Map<Task, number> | undefined;
  readonly calendars: readonly WorkCalendar[];
  /** Per task: its calendar, hours of work a day (hoursPerDay x capacity), estimate hours. */
  readonly calOf: Int32Array; readonly perDay: Float64Array; readonly hours: Float64Array;
  readonly pinned: Int32Array; readonly due: Int32Array; readonly taskMs: Int32Array;
  readonly dropped: Uint8Array; readonly liveTasks: Int32Array;
  readonly predStart: Int32Array; readonly succStart: Int32Array; readonly preds: Int32Array; readonly succs: Int32Array;
  readonly order: Int32Array; readonly pos: Int32Array;
  /** Nodes scheduled ignoring their dependencies on later nodes (cycles broken). */
  readonly forced: readonly number[];
}

const graphs = new WeakMap<Plan, PlanGraph>();

function planGraph(plan: Plan): PlanGraph {
  let g = graphs.get(plan);
  if (!g) { g = buildPlanGraph(plan); graphs.set(plan, g); }
  return g;
}

function buildPlanGraph(plan: Plan): PlanGraph {
  const cals = PlanCalendars.of(plan);
  const planCal = cals.plan;
  // One pass over the task objects for what the setup needs to know first
  // (at 100k tasks every pass over scattered objects shows in the timings).
  const tasks = plan.tasks;
  const T = tasks.length;
  let ordered = true;
  let unestimated = false;
  for (let i = 0; i < T; i++) {
    const t = tasks[i];
    if (t.order !== i) ordered = false;
    if (t.estimateHours === undefined) unestimated = true;
  }
  // The same median progress.ts weighs unestimated tasks with; only computed
  // when some task needs it (a sort of every estimate is not free at 100k).
  const medianHours = unestimated ? medianEstimateHours(plan) : 0;

  // ---- Nodes: tasks, then per milestone a start gate and a finish ----------
  const M = plan.milestones.length;
  const N = T + 2 * M;
  // Task nodes are indices into plan.tasks (Task.order), so no per-schedule
  // Map of 100k ids is built.
  const taskIndex = ordered ? undefined : new Map<Task, number>(tasks.map((t, i) => [t, i]));
  const gate = (m: number): number => T + 2 * m;
  const fin = (m: number): number => T + 2 * m + 1;
  // Dependencies come resolved to task and milestone numbers (dependencies.ts).
  const { taskStart, milestoneStart, targets } = dependenciesOf(plan);
  /** The node whose finish dependency `k` waits for, or -1 when it names nothing known. */
  const finishNode = (k: number): number => {
    const t = targets[k];
    return t >= 0 ? t : t === UNKNOWN ? -1 : fin(-2 - t);
  };

  // Calendars by small index (a 100k-entry array of references would be GC work).
  const calendars: WorkCalendar[] = [planCal];
  const calOf = new Int32Array(T);
  const perDay = new Float64Array(T);
  const hpd = plan.project.calendar.hoursPerDay;
  const hours = new Float64Array(T);
  const pinned = new Int32Array(T).fill(NEG);
  const due = new Int32Array(N).fill(POS);
  const taskMs = new Int32Array(T);
  const dropped = new Uint8Array(T);
  const liveTasks = new Int32Array(M); // tasks per milestone that are not dropped
  // One lookup per task gives both the assignee's calendar and capacity.
  const calIndex = new Map<WorkCalendar, number>([[planCal, 0]]);
  const assignees = new Map(plan.people.map((p) => {
    const c = cals.forAssignee(p.id);
    let k = calIndex.get(c);
    if (k === undefined) { k = calendars.length; calendars.push(c); calIndex.set(c, k); }
    return [p.id, { cal: k, capacity: p.capacity }];
  }));
  // Milestone of each task by its `milestone` id: a small map, read while the
  // task object is at hand anyway.
  const msById = new Map<string, number>();
  for (let m = M - 1; m >= 0; m--) msById.set(plan.milestones[m].id, m); // first wins on duplicates
  for (let m = 0; m < M; m++) {
    const d = plan.milestones[m].due;
    if (d !== undefined) due[fin(m)] = toDayNumber(d);
  }

  // ---- Per-task facts and edges (pred -> succ), in one pass ----------------
  const maxEdges = M + targets.length + 2 * T;
  const from = new Int32Array(maxEdges);
  const to = new Int32Array(maxEdges);
  let E = 0;
  const edge = (a: number, b: number): void => { if (a >= 0 && a !== b) { from[E] = a; to[E++] = b; } };
  for (let i = 0; i < T; i++) {
    const t = tasks[i];
    const a = t.assignee !== undefined ? assignees.get(t.assignee) : undefined;
    calOf[i] = a ? a.cal : 0;
    dropped[i] = t.status === 'dropped' ? 1 : 0;
    hours[i] = t.estimateHours ?? medianHours;
    perDay[i] = hoursPerDayAt(hpd, a ? a.capacity : 1);
    if (t.start !== undefined) pinned[i] = toDayNumber(t.start);
    if (t.due !== undefined) due[i] = toDayNumber(t.due);
    const m = t.milestone !== undefined ? msById.get(t.milestone) ?? -1 : -1;
    taskMs[i] = m;
    for (let k = taskStart[i]; k < taskStart[i + 1]; k++) edge(finishNode(k), i);
    // A milestone finishes with its live tasks: a dropped one neither delays
    // nor bounds it (but still waits for the gate, like its other predecessors).
    if (m >= 0) { edge(gate(m), i); if (!dropped[i]) { edge(i, fin(m)); liveTasks[m]++; } }
  }
  for (let m = 0; m < M; m++) {
    for (let k = milestoneStart[m]; k < milestoneStart[m + 1]; k++) edge(finishNode(k), gate(m));
    edge(gate(m), fin(m));
  }
  const predStart = new Int32Array(N + 1);
  const succStart = new Int32Array(N + 1);
  for (let e = 0; e < E; e++) { predStart[to[e] + 1]++; succStart[from[e] + 1]++; }
  for (let n = 0; n < N; n++) { predStart[n + 1] += predStart[n]; succStart[n + 1] += succStart[n]; }
  const preds = new Int32Array(E);
  const succs = new Int32Array(E);
  {
    const pf = predStart.slice(0, N);
    const sf = succStart.slice(0, N);
    for (let e = 0; e < E; e++) { preds[pf[to[e]]++] = from[e]; succs[sf[from[e]]++] = to[e]; }
  }

  // ---- Topological order (Kahn); cycles are broken, never looped on --------
  const indeg = new Int32Array(N);
  for (let n = 0; n < N; n++) indeg[n] = predStart[n + 1] - predStart[n];
  const order = new Int32Array(N);
  const pos = new Int32Array(N).fill(-1);
  let head = 0;
  let tail = 0;
  const place = (n: number): void => { pos[n] = tail; order[tail++] = n; };
  for (let n = 0; n < N; n++) if (indeg[n] === 0) place(n);
  const forced: number[] = [];
  const seen = new Int32Array(N);
  let stamp = 0;
  let scan = 0;
  while (head < N) {
    if (head === tail) {
      // Only nodes on or behind a cycle are left, each with an unplaced
      // predecessor: walk predecessors from the first one in file order until
      // a node repeats (it is on a cycle), and force that node; its edges from
      // unplaced predecessors are ignored below.
      while (pos[scan] >= 0) scan++;
      stamp++;
      let cur = scan;
      while (seen[cur] !== stamp) {
        seen[cur] = stamp;
        let k = predStart[cur];
        while (pos[preds[k]] >= 0) k++;
        cur = preds[k];
      }
      forced.push(cur);
      place(cur);
    }
    const n = order[head++];
    for (let k = succStart[n]; k < succStart[n + 1]; k++) {
      const s = succs[k];
      if (--indeg[s] === 0 && pos[s] < 0) place(s);
    }
  }
  // From here on an edge p -> s counts only when pos[p] < pos[s].
  return {
    ordered, medianHours, taskIndex, calendars, calOf, perDay, hours, pinned, due, taskMs, dropped, liveTasks,
    predStart, succStart, preds, succs, order, pos, forced,
  };
}

/** The per-schedule arrays of the passes, indexed like the plan graph's nodes (tasks first). */
interface PassArrays {
  dur: Int32Array; clamped: Uint8Array;
  es: Int32Array; ef: Int32Array; ready: Int32Array; esOrd: Int32Array;
  needReady: Int32Array; needFinish: Int32Array; ls: Int32Array; lf: Int32Array; floatDays: Int32Array; feeds: Uint8Array;
  fs: Int32Array; ff: Int32Array; fready: Int32Array; basis: Uint8Array; done: Uint8Array; fdropped: Uint8Array;
  critical: Uint8Array;
}

function passArrays(T: number, N: number): PassArrays {
  return {
    dur: new Int32Array(T), clamped: new Uint8Array(T),
    es: new Int32Array(N), ef: new Int32Array(N), ready: new Int32Array(N), esOrd: new Int32Array(T),
    needReady: new Int32Array(N), needFinish: new Int32Array(N), ls: new Int32Array(T), lf: new Int32Array(T), floatDays: new Int32Array(T), feeds: new Uint8Array(N),
    fs: new Int32Array(T), ff: new Int32Array(T), fready: new Int32Array(N), basis: new Uint8Array(T), done: new Uint8Array(T), fdropped: new Uint8Array(T),
    critical: new Uint8Array(T),
  };
}

/** What the passes computed: the arrays (a plain object of one shape: a run must not copy them), and the days they were computed from. */
interface Passes {
  readonly a: PassArrays;
  readonly columns: ProgressColumns;
  readonly startIso: IsoDate;
  readonly startSource: Schedule['startSource'];
  readonly projStart: number;
  readonly today: number;
  readonly horizonEnd: number;
  readonly projectEnd: number;
}

export function schedulePlan(plan: Plan, progress: ScheduleProgress | undefined, options: ScheduleOptions): Schedule {
  const positionAt = options.positionAt ?? ((): Position => ({ line: 1, col: 1 }));
  const planCal = PlanCalendars.of(plan).plan;
  const tasks = plan.tasks;
  const T = tasks.length;
  const g = planGraph(plan);
  const { ordered, medianHours, taskIndex, hours, due, taskMs, dropped, predStart, preds, pos, forced } = g;
  const indexOfTask = (t: Task): number => (ordered ? t.order : taskIndex!.get(t) ?? -1);
  const fin = (m: number): number => T + 2 * m + 1;
  const passes = runPasses(plan, g, progress, options.today, options.durationScale, passArrays(T, T + 2 * plan.milestones.length));
  const { startIso, startSource, projStart, today, horizonEnd, projectEnd } = passes;
  const { dur, clamped, es, ef, ready, needReady, needFinish, ls, lf, floatDays, critical, fs, ff, basis, done, fdropped } = passes.a;
  const { status: effective, share } = passes.columns;
  // ---- Results ------------------------------------------------------------------
  const iso = fromDayNumber;
  // Per-task objects are built on first access (a tree shows a few dozen;
  // 100k eager objects would cost more than the passes above).
  const columns: Columns = { tasks, dur, hours, dropped, es, ef, ls, lf, floatDays, critical, fs, ff, basis };
  const taskResults: ReadonlyMap<string, TaskSchedule> = ordered
    ? new TaskScheduleView(plan, columns)
    : new Map(tasks.map((t, i) => [t.id, materialize(columns, i)]));
  // Schedule order: early start, then file order. Early starts are whole
  // days in a bounded range, so a counting sort does it in O(tasks + days).
  let nCritical = 0;
  let minEs = POS;
  let maxEs = NEG;
  for (let i = 0; i < T; i++) {
    if (!critical[i]) continue;
    nCritical++;
    if (es[i] < minEs) minEs = es[i];
    if (es[i] > maxEs) maxEs = es[i];
  }
  const criticalPath = new Array<string>(nCritical);
  if (nCritical > 0 && maxEs - minEs > 4 * T + 100_000) {
    // Dates centuries apart (a typo'd year): a plain sort instead of a huge count array.
    const idx: number[] = [];
    for (let i = 0; i < T; i++) if (critical[i]) idx.push(i);
    idx.sort((a, b) => es[a] - es[b] || a - b);
    idx.forEach((i, k) => { criticalPath[k] = tasks[i].id; });
  } else if (nCritical > 0) {
    const slot = new Int32Array(maxEs - minEs + 2);
    for (let i = 0; i < T; i++) if (critical[i]) slot[es[i] - minEs + 1]++;
    for (let d = 1; d < slot.length; d++) slot[d] += slot[d - 1];
    for (let i = 0; i < T; i++) if (critical[i]) criticalPath[slot[es[i] - minEs]++] = tasks[i].id;
  }

  const diagnostics: Diagnostic[] = [];
  for (const n of forced) {
    const item: Task | Milestone = n < T ? tasks[n] : plan.milestones[(n - T) >> 1];
    const ignored: string[] = [];
    for (let k = predStart[n]; k < predStart[n + 1]; k++) {
      const p = preds[k];
      if (pos[p] > pos[n]) ignored.push(p < T ? tasks[p].id : plan.milestones[(p - T) >> 1].id);
    }
    const span = item.fieldSpans.depends ?? item.span;
    diagnostics.push(diag('warning', 'schedule-cycle',
      `'${item.id}' is on a dependency cycle; it was scheduled ignoring its dependency on ${[...new Set(ignored)].map((x) => `'${x}'`).join(', ')}.`,
      span, positionAt));
  }

  for (let i = 0; i < T; i++) {
    if (!clamped[i]) continue;
    const t = tasks[i];
    diagnostics.push(diag('warning', 'schedule-horizon',
      `'${t.id}' would end after ${iso(horizonEnd)}, the schedule's horizon (${HORIZON_YEARS} years after the later of the project start and today); its dates stop there.`,
      t.fieldSpans.estimate ?? t.fieldSpans.start ?? t.span, positionAt));
  }

  const milestones = milestoneResults(plan, {
    progress, planCal, es, ef, fs, ff, dur, dropped, done, indexOfTask, effective, share,
    ready, needReady, needFinish, due, fin, hours,
  });

  const forecastEnd = endOf(ff, fdropped, taskMs, Math.max(projStart, today));

  return {
    today: options.today,
    start: startIso,
    startSource,
    plannedFinish: iso(projectEnd),
    forecastFinish: iso(forecastEnd),
    medianHours,
    tasks: taskResults,
    milestones,
    criticalPath,
    diagnostics,
  };
}

/**
 * The planned forward pass, the backward pass and the forecast pass, into
 * `b` (the Monte Carlo forecast reuses one set of arrays for all its runs).
 */
function runPasses(plan: Plan, g: PlanGraph, progress: ScheduleProgress | undefined, todayIso: IsoDate, scale: ArrayLike<number> | undefined, b: PassArrays, only?: Int32Array, backward = only === undefined): Passes {
  const today = toDayNumber(todayIso);
  const tasks = plan.tasks;
  const T = tasks.length;
  const M = plan.milestones.length;
  const {
    calendars, calOf, perDay, hours, pinned, due, taskMs, dropped, liveTasks,
    predStart, succStart, preds, succs, pos,
  } = g;
  // `only`: the nodes some milestones' finishes depend on, in order (milestonesRunner). Every pass
  // runs forward over predecessors, so their dates are the whole schedule's; the backward pass
  // (float, critical flags) and the project's end need every node and are left out. `backward`
  // false leaves them out for all nodes (a forecast without criticality).
  const order = only ?? g.order;
  const N = only ? only.length : T + 2 * M;
  const fin = (m: number): number => T + 2 * m + 1;
  const gate = (m: number): number => T + 2 * m;
  // Durations: the only per-schedule fact of a task (sampled by the Monte Carlo forecast).
  const dur = b.dur;
  const durOf = (i: number): number => (dropped[i] ? 0 : daysOfWork(scale ? hours[i] * scale[i] : hours[i], perDay[i]));
  if (only) { for (let o = 0; o < only.length; o++) if (only[o] < T) dur[only[o]] = durOf(only[o]); } else for (let i = 0; i < T; i++) dur[i] = durOf(i);

  // ---- Start date ---------------------------------------------------------
  // progress.ts's rule, so progress and schedule agree on "the plan's start".
  const earliest = planStart(plan);
  const startSource: Schedule['startSource'] = plan.project.start ? 'project.start' : earliest ? 'earliest-date' : 'today';
  const startIso = earliest ?? todayIso;
  const projStart = toDayNumber(startIso);
  // In `order`, an edge p -> s counts only when pos[p] < pos[s] (cycles broken: planGraph).

  // ---- Horizon ----------------------------------------------------------------
  // No date goes past HORIZON_YEARS after the later of the start and today
  // (nor past 9999-12-31): huge estimates are clamped there and reported, so a
  // typo cannot make every surface count millions of days or print a 6-digit year.
  const horizonEnd = addYears(Math.max(projStart, today), HORIZON_YEARS);
  const horizonStart = addYears(projStart, -HORIZON_YEARS);
  /** Ordinal of the last workday on or before the horizon, per calendar. */
  const lastOrd = calendars.map((c) => c.ordinal(horizonEnd + 1) - 1);
  // With `only`, the other nodes keep what an earlier run left (the Monte Carlo forecast's constant part).
  const clamped = only ? clearAt(b.clamped, only, T) : b.clamped.fill(0);
  /** `day`, or when it lies beyond the horizon task i's last workday before it (and i is reported). */
  const withinHorizon = (i: number, day: number): number => {
    if (day <= horizonEnd) return day;
    clamped[i] = 1;
    return calendars[calOf[i]].dayOfOrdinal(lastOrd[calOf[i]]);
  };

  // ---- Planned forward pass -----------------------------------------------
  const { es, ef, esOrd } = b;
  const ready = b.ready; // first day successors may start; esOrd: workday ordinal of es in the task's calendar
  /** The latest `readyOf` among n's forward predecessors, at least `floor` (planned and forecast passes). */
  const readyFrom = (readyOf: Int32Array, n: number, floor: number): number => {
    let c = floor;
    for (let k = predStart[n]; k < predStart[n + 1]; k++) {
      const p = preds[k];
      if (pos[p] < pos[n] && readyOf[p] > c) c = readyOf[p];
    }
    return c;
  };
  /**
   * When milestone m's dependents may start: when its live tasks (not in
   * `skip`) are all ready; with none, when its gate is (it passes its own
   * `depends` through). Its tasks are gated anyway, so a milestone whose work
   * is done does not wait for its `depends` again.
   */
  const finishReady = (readyOf: Int32Array, m: number, skip: Uint8Array): number => {
    const n = fin(m);
    let c = NEG;
    for (let k = predStart[n]; k < predStart[n + 1]; k++) {
      const p = preds[k];
      if (p < T && pos[p] < pos[n] && !skip[p] && readyOf[p] > c) c = readyOf[p];
    }
    return Math.max(projStart, c === NEG ? readyOf[gate(m)] : c);
  };
  const isFin = (n: number): boolean => n >= T && ((n - T) & 1) === 1;
  for (let o = 0; o < N; o++) {
    const n = order[o];
    if (n >= T) { ready[n] = isFin(n) ? finishReady(ready, (n - T) >> 1, dropped) : readyFrom(ready, n, projStart); continue; }
    if (dropped[n]) {
      // A dropped task takes no time, ignores its pinned start and delays
      // nothing: it sits on the day its predecessors allow (any day).
      es[n] = ef[n] = ready[n] = Math.min(horizonEnd, readyFrom(ready, n, projStart));
      continue;
    }
    const c = readyFrom(ready, n, Math.max(projStart, pinned[n]));
    // Work in workday ordinals: the first workday on or after c has ordinal(c).
    const cn = calendars[calOf[n]];
    const limit = lastOrd[calOf[n]];
    let k = cn.ordinal(c);
    if (k > limit) { k = limit; clamped[n] = 1; }
    if (k + dur[n] - 1 > limit) { dur[n] = limit - k + 1; clamped[n] = 1; }
    esOrd[n] = k;
    es[n] = cn.dayOfOrdinal(k);
    // A zero estimate takes no time: it happens on its first workday, and its
    // successors may start that same day.
    ef[n] = dur[n] > 0 ? cn.dayOfOrdinal(k + dur[n] - 1) : es[n];
    ready[n] = dur[n] > 0 ? ef[n] + 1 : es[n];
  }
  const projectEnd = backward ? endOf(ef, dropped, taskMs, projStart) : NaN;

  // ---- Backward pass --------------------------------------------------------
  // What each node demands of its predecessors: needReady, the latest day
  // they may be ready (its late start), and needFinish, the latest day they
  // may finish (a milestone's due and the project end bound the finishes of
  // the milestone's tasks; for a 0h task finish and ready are the same day,
  // for others the ready day is the day after the finish).
  const { needReady, needFinish, ls, lf, floatDays } = b;
  const feeds = b.feeds; // leads to a milestone
  for (let o = backward ? N - 1 : -1; o >= 0; o--) {
    const n = order[o];
    const task = n < T;
    // A gate takes the milestone's bounds from its byFinish only when no live
    // task carries them (a milestone without tasks passes them through).
    const skipFin = !task && !isFin(n) && liveTasks[(n - T) >> 1] > 0 ? n + 1 : -1;
    let byReady = POS;
    let byFinish = POS;
    let f = task ? (taskMs[n] >= 0 && !dropped[n] ? 1 : 0) : 1;
    for (let k = succStart[n]; k < succStart[n + 1]; k++) {
      const s = succs[k];
      if (pos[s] <= pos[n] || s === skipFin) continue;
      if (needReady[s] < byReady) byReady = needReady[s];
      if (needFinish[s] < byFinish) byFinish = needFinish[s];
      if (feeds[s]) f = 1;
    }
    feeds[n] = f;
    if (!task) {
      needReady[n] = byReady;
      // Every milestone's work ends by the project end, whatever depends on it.
      needFinish[n] = isFin(n) ? Math.min(due[n], projectEnd, byFinish) : byFinish;
      continue;
    }
    needFinish[n] = POS;
    if (dropped[n]) {
      // Passes its successors' demands through; its own due binds nothing.
      needReady[n] = byReady;
      needFinish[n] = byFinish;
      ls[n] = lf[n] = es[n];
      continue;
    }
    // Nothing after it: a milestone's task ends by the project end; a backlog
    // task by the project end or its own early byFinish, whichever is later.
    if (byReady === POS && byFinish === POS) byFinish = taskMs[n] >= 0 ? projectEnd : Math.max(projectEnd, ef[n]);
    if (due[n] < byFinish) byFinish = due[n];
    const c = calendars[calOf[n]];
    const last = Math.min(dur[n] > 0 ? byReady - 1 : byReady, byFinish);
    // The last workday on or before `last` has ordinal(last + 1) - 1.
    const kf = c.ordinal(last + 1) - 1;
    const kStart = dur[n] > 0 ? kf - dur[n] + 1 : kf;
    const lfDay = c.dayOfOrdinal(kf);
    const lsDay = kStart === kf ? lfDay : c.dayOfOrdinal(kStart);
    lf[n] = Math.max(horizonStart, lfDay);
    ls[n] = Math.max(horizonStart, lsDay);
    needReady[n] = lsDay;
    floatDays[n] = kStart - esOrd[n];
  }

  // ---- Forecast forward pass -------------------------------------------------
  const { fs, ff, fready } = b;
  const columns = progressColumns(tasks, progress);
  const { status: effective, actualStart, actualFinish } = columns;
  const basis = b.basis; // index into FORECAST_BASES
  const done = only ? clearAt(b.done, only, T) : b.done.fill(0);
  const fdropped = only ? clearAt(b.fdropped, only, T) : b.fdropped.fill(0);
  for (let o = 0; o < N; o++) {
    const n = order[o];
    if (n >= T) { fready[n] = isFin(n) ? finishReady(fready, (n - T) >> 1, fdropped) : readyFrom(fready, n, projStart); continue; }
    const t = tasks[n];
    const status = effective[n];
    const c = calendars[calOf[n]];
    if (dropped[n] || status === DROPPED) {
      basis[n] = B_DROPPED;
      fdropped[n] = 1;
      fs[n] = ff[n] = fready[n] = Math.min(horizonEnd, readyFrom(fready, n, projStart));
    } else if (status === DONE) {
      done[n] = 1;
      basis[n] = B_ACTUAL;
      if (actualFinish[n] !== NEG) {
        ff[n] = actualFinish[n];
        fs[n] = Math.min(actualStart[n] !== NEG ? actualStart[n] : ff[n], ff[n]);
      } else {
        // Done without commit dates: at its planned dates, or by its last
        // workday before today if those lie ahead.
        ff[n] = Math.min(ef[n], c.previousWorkday(today));
        fs[n] = Math.min(es[n], ff[n]);
      }
      fready[n] = ff[n] + 1;
    } else if (actualStart[n] !== NEG) {
      basis[n] = B_STARTED;
      fs[n] = actualStart[n];
      // Planned length from the actual start, never before today; an explicit
      // `progress` sizes the remaining work from today instead.
      const asPlanned = dur[n] > 0 ? c.finishOf(fs[n], dur[n]) : fs[n];
      const remaining = t.progress !== undefined ? Math.max(1, Math.ceil(dur[n] * (1 - t.progress) - 1e-9)) : 1;
      ff[n] = Math.max(asPlanned, c.finishOf(today, remaining));
      if (ff[n] > horizonEnd) ff[n] = withinHorizon(n, ff[n]);
      fready[n] = ff[n] + 1;
    } else {
      basis[n] = B_REMAINING;
      const start = readyFrom(fready, n, Math.max(projStart, pinned[n], today));
      // onOrAfter and finishOf, sharing the ordinal (that of `start` is that of the first workday on or after it).
      const k = c.ordinal(start);
      fs[n] = c.dayOfOrdinal(k);
      ff[n] = dur[n] > 0 ? c.dayOfOrdinal(k + dur[n] - 1) : fs[n];
      if (ff[n] > horizonEnd) { ff[n] = withinHorizon(n, ff[n]); fs[n] = Math.min(fs[n], ff[n]); }
      fready[n] = dur[n] > 0 ? ff[n] + 1 : fs[n];
    }
  }
  const critical = b.critical;
  if (backward) for (let i = 0; i < T; i++) critical[i] = !dropped[i] && feeds[i] && floatDays[i] <= 0 ? 1 : 0;
  return { a: b, columns, startIso, startSource, projStart, today, horizonEnd, projectEnd };
}

/** Zeroes the task entries of `nodes` (node numbers; tasks are those under T). */
function clearAt(a: Uint8Array, nodes: Int32Array, T: number): Uint8Array {
  for (let k = 0; k < nodes.length; k++) if (nodes[k] < T) a[nodes[k]] = 0;
  return a;
}

/** One run of scheduleRunner: what the Monte Carlo forecast reads of a schedule, as day numbers. */
export interface ScheduleRun {
  /** Per milestone (plan order): the forecast finish of its tasks (not dropped), as schedulePlan's milestones; meaningless where `hasWork` is 0. */
  readonly milestoneFinish: Int32Array;
  /** Per milestone: 1 when it has a task to schedule (its MilestoneSchedule has a forecastFinish). */
  readonly hasWork: Uint8Array;
  /** The committed scope's forecast finish (Schedule.forecastFinish). */
  readonly projectFinish: number;
  /** Per task (plan order): 1 when critical in this run (Schedule.criticalPath as flags); all 0 without `criticality`. */
  readonly critical: Uint8Array;
}

/**
 * Schedules `plan` again and again with other duration scales (the Monte
 * Carlo forecast): schedulePlan's passes into one set of arrays reused by
 * every run, without the results no run reads (task objects, the sorted
 * critical path, milestone objects, diagnostics). The returned run's arrays
 * are overwritten by the next call. `criticality` false leaves out the
 * backward pass, a third of a run, which only the critical flags read.
 *
 * `sampled` (per task: whether the runs scale its duration) lets runs
 * without criticality after the first schedule only what a scale can move:
 * the sampled tasks and everything after them. The rest (done work at its
 * actual dates, and what depends on nothing open) comes out the same in
 * every run, so it keeps the first run's dates.
 */
export function scheduleRunner(plan: Plan, progress: ScheduleProgress | undefined, today: IsoDate, criticality = true, sampled?: readonly boolean[]): (scale: ArrayLike<number>) => ScheduleRun {
  const g = planGraph(plan);
  const T = plan.tasks.length;
  const M = plan.milestones.length;
  const arrays = passArrays(T, T + 2 * M);
  // The backward pass needs every node: only runs without it narrow down.
  const varying = !criticality && sampled ? movedBy(g, sampled, T + 2 * M) : undefined;
  let first = true;
  const { status } = progressColumns(plan.tasks, progress);
  // Each milestone's tasks as milestoneResults counts them: known, not dropped in the plan nor by the commits.
  const liveStart = new Int32Array(M + 1);
  const live: number[] = [];
  const hasWork = new Uint8Array(M);
  plan.milestones.forEach((m, mi) => {
    live.push(...liveTasksOf(m, g, status));
    liveStart[mi + 1] = live.length;
    hasWork[mi] = liveStart[mi + 1] > liveStart[mi] ? 1 : 0;
  });
  const liveTasks = Int32Array.from(live);
  const milestoneFinish = new Int32Array(M);
  return (scale) => {
    const p = runPasses(plan, g, progress, today, scale, arrays, first ? undefined : varying, criticality);
    first = false;
    const ff = arrays.ff;
    for (let m = 0; m < M; m++) milestoneFinish[m] = latestFinish(ff, liveTasks, liveStart[m], liveStart[m + 1]);
    const projectFinish = endOf(ff, arrays.fdropped, g.taskMs, Math.max(p.projStart, p.today));
    return { milestoneFinish, hasWork, projectFinish, critical: arrays.critical };
  };
}

/** The nodes a change of the sampled tasks' durations can move, in schedule order: those tasks and all their successors. */
function movedBy(g: PlanGraph, sampled: readonly boolean[], N: number): Int32Array {
  const moved = reachable(N, sampled.flatMap((s, i) => (s ? [i] : [])), g.succStart, g.succs);
  return g.order.filter((n) => moved[n] === 1);
}

/**
 * 1 for `seeds` and every node reachable from them over `edges` (node n's
 * are edges[start[n]] .. edges[start[n + 1] - 1]: planGraph's preds or
 * succs), also over edges a cycle made the passes ignore: a superset costs a
 * little, never a date.
 */
function reachable(N: number, seeds: readonly number[], start: Int32Array, edges: Int32Array): Uint8Array {
  const marked = new Uint8Array(N);
  const stack: number[] = [];
  for (const n of seeds) if (!marked[n]) { marked[n] = 1; stack.push(n); }
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (let k = start[n]; k < start[n + 1]; k++) {
      const e = edges[k];
      if (!marked[e]) { marked[e] = 1; stack.push(e); }
    }
  }
  return marked;
}

/** The latest finish in `ff` of tasks[from] .. tasks[to - 1]; NEG for none. */
function latestFinish(ff: Int32Array, tasks: Int32Array, from = 0, to = tasks.length): number {
  let f = NEG;
  for (let k = from; k < to; k++) if (ff[tasks[k]] > f) f = ff[tasks[k]];
  return f;
}

/** A milestone's tasks as milestoneResults counts them: known, not dropped in the plan nor by the commits. */
function liveTasksOf(m: Milestone, g: PlanGraph, status: Uint8Array): number[] {
  const live: number[] = [];
  for (const t of m.tasks) {
    const i = g.ordered ? t.order : g.taskIndex!.get(t) ?? -1;
    if (i >= 0 && !g.dropped[i] && status[i] !== DROPPED) live.push(i);
  }
  return live;
}

/**
 * scheduleRunner for some milestones (plan indexes `milestones`): each run
 * schedules only what their tasks depend on (the union of their ancestors in
 * the dependency graph), without the backward pass, and returns each
 * milestone's forecast finish, the same day scheduleRunner's run gives it. A
 * postmortem's forecast at the baseline reads one milestone, often a small
 * share of the plan; the site's postmortems sharing a baseline read theirs
 * from one set of runs.
 */
export function milestonesRunner(plan: Plan, progress: ScheduleProgress | undefined, today: IsoDate, milestones: readonly number[]): {
  /** Per milestone asked for: whether it has work to schedule. */
  readonly hasWork: readonly boolean[];
  /** Per node (tasks first, plan order): 1 when a run schedules it; only these tasks' scales are read. */
  readonly needed: Uint8Array;
  /** Per milestone asked for, its finish day in this run (NEG without work); the same array each run. */
  run(scale: ArrayLike<number>): Int32Array;
} {
  const g = planGraph(plan);
  const T = plan.tasks.length;
  const N = T + 2 * plan.milestones.length;
  const arrays = passArrays(T, N);
  const status = progressColumns(plan.tasks, progress).status;
  const lives = milestones.map((m) => Int32Array.from(liveTasksOf(plan.milestones[m], g, status)));
  // Every predecessor of their live tasks.
  const needed = reachable(N, lives.flatMap((live) => Array.from(live)), g.predStart, g.preds);
  const only = g.order.filter((n) => needed[n] === 1);
  const finishes = new Int32Array(milestones.length);
  return {
    hasWork: lives.map((live) => live.length > 0),
    needed,
    run(scale) {
      runPasses(plan, g, progress, today, scale, arrays, only);
      lives.forEach((live, m) => { finishes[m] = latestFinish(arrays.ff, live); });
      return finishes;
    },
  };
}

const FORECAST_BASES: readonly ForecastBasis[] = ['actual', 'started', 'remaining', 'dropped'];
const B_ACTUAL = 0, B_STARTED = 1, B_REMAINING = 2, B_DROPPED = 3;
/** Status codes: indices into model.ts's TASK_STATUSES. */
const DONE = TASK_STATUSES.indexOf('done');
const DROPPED = TASK_STATUSES.indexOf('dropped');

function statusCode(s: TaskStatus): number {
  const k = TASK_STATUSES.indexOf(s);
  return k < 0 ? 0 : k;
}

/**
 * What the forecast needs from progress.ts, as typed arrays in plan order:
 * effective status code, actual start/finish day (NEG when unknown) and share
 * done (the progress rule's, else the explicit `progress`). progress.ts fills
 * its Map in plan order, so walking both together (checking ids) avoids 100k
 * hash lookups; any other order falls back to lookups.
 */
interface ProgressColumns { status: Uint8Array; actualStart: Int32Array; actualFinish: Int32Array; share: Float64Array }

/** Columns by progress result and task list: the Monte Carlo forecast schedules the same pair a thousand times. */
const progressColumnsCache = new WeakMap<ScheduleProgress, WeakMap<readonly Task[], ProgressColumns>>();

/** The same without progress (no git: declared statuses only), by task list. */
const declaredColumnsCache = new WeakMap<readonly Task[], ProgressColumns>();

function progressColumns(tasks: readonly Task[], progress: ScheduleProgress | undefined): ProgressColumns {
  if (!progress) {
    let c = declaredColumnsCache.get(tasks);
    if (!c) { c = computeProgressColumns(tasks, undefined); declaredColumnsCache.set(tasks, c); }
    return c;
  }
  let byTasks = progressColumnsCache.get(progress);
  if (!byTasks) { byTasks = new WeakMap(); progressColumnsCache.set(progress, byTasks); }
  let c = byTasks.get(tasks);
  if (!c) { c = computeProgressColumns(tasks, progress); byTasks.set(tasks, c); }
  return c;
}

function computeProgressColumns(tasks: readonly Task[], progress: ScheduleProgress | undefined): ProgressColumns {
  const T = tasks.length;
  const status = new Uint8Array(T);
  const actualStart = new Int32Array(T).fill(NEG);
  const actualFinish = new Int32Array(T).fill(NEG);
  const share = new Float64Array(T);
  type Entry = ScheduleProgress['tasks'] extends ReadonlyMap<string, infer V> ? V : never;
  const put = (i: number, tp: Entry | undefined): void => {
    const t = tasks[i];
    status[i] = statusCode(tp ? tp.effective : t.status);
    share[i] = tp ? tp.progress : t.progress ?? 0;
    if (tp?.actualStart !== undefined) actualStart[i] = toDayNumber(tp.actualStart);
    if (tp?.actualFinish !== undefined) actualFinish[i] = toDayNumber(tp.actualFinish);
  };
  let i = 0;
  if (progress && progress.tasks.size === T) {
    for (const [id, tp] of progress.tasks) {
      if (id !== tasks[i].id) break;
      put(i++, tp);
    }
  }
  for (; i < T; i++) put(i, progress?.tasks.get(tasks[i].id));
  return { status, actualStart, actualFinish, share };
}

/** The schedule's per-task arrays, indexed like plan.tasks. */
interface Columns {
  tasks: readonly Task[];
  dur: Int32Array; hours: Float64Array; dropped: Uint8Array;
  es: Int32Array; ef: Int32Array; ls: Int32Array; lf: Int32Array;
  floatDays: Int32Array; critical: Uint8Array;
  fs: Int32Array; ff: Int32Array; basis: Uint8Array;
}

function materialize(c: Columns, i: number): TaskSchedule {
  const t = c.tasks[i];
  const iso = fromDayNumber;
  return {
    id: t.id,
    ...(t.milestone !== undefined ? { milestone: t.milestone } : {}),
    durationDays: c.dur[i],
    hours: c.dropped[i] ? 0 : c.hours[i],
    estimateAssumed: t.estimateHours === undefined,
    earlyStart: iso(c.es[i]),
    earlyFinish: iso(c.ef[i]),
    lateStart: iso(c.ls[i]),
    lateFinish: iso(c.lf[i]),
    plannedStart: iso(c.es[i]),
    plannedFinish: iso(c.ef[i]),
    float: c.floatDays[i],
    critical: c.critical[i] === 1,
    forecastStart: iso(c.fs[i]),
    forecastFinish: iso(c.ff[i]),
    forecastBasis: FORECAST_BASES[c.basis[i]],
    dropped: c.dropped[i] === 1,
  };
}

/**
 * The per-task results as a ReadonlyMap without building a Map of 100k ids:
 * plan.byId already resolves an id to its Task, whose `order` indexes the
 * columns. Each task's object is built once, on first access; iteration is
 * in file order.
 */
class TaskScheduleView implements ReadonlyMap<string, TaskSchedule> {
  private readonly cache: (TaskSchedule | undefined)[];
  constructor(private readonly plan: Plan, private readonly columns: Columns) {
    this.cache = new Array<TaskSchedule | undefined>(columns.tasks.length).fill(undefined);
  }
  private at(i: number): TaskSchedule {
    return (this.cache[i] ??= materialize(this.columns, i));
  }
  get size(): number { return this.cache.length; }
  get(id: string): TaskSchedule | undefined {
    const item = this.plan.byId.get(id);
    return item?.kind === 'task' && this.columns.tasks[item.order] === item ? this.at(item.order) : undefined;
  }
  has(id: string): boolean { return this.get(id) !== undefined; }
  forEach(fn: (value: TaskSchedule, key: string, map: ReadonlyMap<string, TaskSchedule>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.cache.length; i++) { const r = this.at(i); fn.call(thisArg, r, r.id, this); }
  }
  *entries(): MapIterator<[string, TaskSchedule]> { for (let i = 0; i < this.cache.length; i++) { const r = this.at(i); yield [r.id, r]; } }
  *keys(): MapIterator<string> { for (let i = 0; i < this.cache.length; i++) yield this.columns.tasks[i].id; }
  *values(): MapIterator<TaskSchedule> { for (let i = 0; i < this.cache.length; i++) yield this.at(i); }
  [Symbol.iterator](): MapIterator<[string, TaskSchedule]> { return this.entries(); }
}

/**
 * Latest finish of the committed scope: tasks in milestones, every task when
 * no milestone has one; `skip` marks dropped tasks (they take no time).
 */
function endOf(finish: Int32Array, skip: Uint8Array, taskMs: Int32Array, fallback: number): number {
  let end = NEG;
  let anyMs = false;
  const T = taskMs.length; // `finish` may hold milestone nodes after the tasks
  for (let i = 0; i < T; i++) if (taskMs[i] >= 0 && !skip[i]) { anyMs = true; if (finish[i] > end) end = finish[i]; }
  if (!anyMs) for (let i = 0; i < T; i++) if (!skip[i] && finish[i] > end) end = finish[i];
  return end === NEG ? fallback : end;
}

interface MilestoneInputs {
  progress: ScheduleProgress | undefined;
  planCal: WorkCalendar;
  es: Int32Array; ef: Int32Array; fs: Int32Array; ff: Int32Array;
  dur: Int32Array; dropped: Uint8Array; done: Uint8Array;
  indexOfTask: (t: Task) => number;
  effective: Uint8Array;
  share: Float64Array;
  /** Per node: first day successors may start; the latest ready and finish days its successors, due and the project end allow. */
  ready: Int32Array; needReady: Int32Array; needFinish: Int32Array;
  /** Due day number per node (tasks, milestone finishes); POS when none. */
  due: Int32Array;
  fin: (m: number) => number;
  hours: Float64Array;
}

function milestoneResults(plan: Plan, x: MilestoneInputs): Map<string, MilestoneSchedule> {
  const out = new Map<string, MilestoneSchedule>();
  const iso = fromDayNumber;
  plan.milestones.forEach((m, mi) => {
    let pS = POS, pF = NEG, fS = POS, fF = NEG;
    let live = 0, weight = 0, earned = 0;
    for (const t of m.tasks) {
      const i = x.indexOfTask(t);
      if (i < 0 || x.dropped[i]) continue;
      if (x.effective[i] === DROPPED) continue;
      live++;
      pS = Math.min(pS, x.es[i]); pF = Math.max(pF, x.ef[i]);
      fS = Math.min(fS, x.fs[i]); fF = Math.max(fF, x.ff[i]);
      const w = x.hours[i];
      weight += w;
      earned += w * (x.done[i] ? 1 : x.share[i]);
    }
    const msProgress = x.progress?.milestones?.get(m.id)?.progress ?? (weight > 0 ? earned / weight : 0);
    const finNode = x.fin(mi);
    const dueDay = x.due[finNode] !== POS ? x.due[finNode] : undefined;
    const slip = dueDay !== undefined && live > 0 ? x.planCal.ordinal(fF + 1) - x.planCal.ordinal(dueDay + 1) : undefined;
    // Float: how many plan workdays its finish can slip before it passes its
    // due or the project end, or its dependents' late starts.
    let float: number | undefined;
    if (live > 0) {
      const cal = x.planCal;
      float = cal.ordinal(x.needFinish[finNode] + 1) - cal.ordinal(pF + 1);
      if (x.needReady[finNode] !== POS) float = Math.min(float, cal.ordinal(x.needReady[finNode]) - cal.ordinal(x.ready[finNode]));
    }
    out.set(m.id, {
      id: m.id,
      ...(m.due !== undefined ? { due: m.due } : {}),
      ...(live > 0 ? { plannedStart: iso(pS), plannedFinish: iso(pF), forecastStart: iso(fS), forecastFinish: iso(fF) } : {}),
      ...(slip !== undefined ? { slipDays: slip } : {}),
      ...(float !== undefined ? { float } : {}),
      progress: msProgress,
    });
  });
  return out;
}

export function diag(severity: Diagnostic['severity'], code: string, message: string, span: Span, positionAt: (offset: number) => Position): Diagnostic {
  return { severity, code, message, span, start: positionAt(span.start), end: positionAt(span.end) };
}
