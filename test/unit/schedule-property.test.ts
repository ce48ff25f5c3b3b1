// Property test: seeded random plans (custom workdays, holidays, days off,
// capacity, pinned starts, dues, done and dropped tasks with actual dates,
// backlog, 0h tasks, milestone dependencies, milestones without tasks)
// scheduled by schedulePlan must agree with the reference scheduler below,
// written from docs/schedule.md alone: whole days counted one at a time,
// recursion with memos instead of a topological order, no typed arrays, no
// workday ordinals, nothing from calendar.ts.
//
// `WAYMARK_SCHEDULE_SEEDS=5000 npx mocha out/test/unit/schedule-property.test.js`
// runs more plans (docs/development.md); `WAYMARK_SCHEDULE_SEED=<n>` starts at seed n.
import * as assert from 'node:assert/strict';
import type { Milestone, Plan, Task, TaskStatus } from '../../src/core/model';
import { parsePlan } from '../../src/core/parse';
import { schedulePlan, type ScheduleProgress } from '../../src/core/schedule';
import { forecastMilestone, forecastMilestones, forecastPlan } from '../../src/core/forecast/monteCarlo';
import { jumpingMulberry32 } from '../../src/core/forecast/random';
import type { ProgressResult } from '../../src/core/progress';
import { mulberry32 as random } from './seededRandom';

const PLANS = Number(process.env.WAYMARK_SCHEDULE_SEEDS ?? 400);
const FIRST_SEED = Number(process.env.WAYMARK_SCHEDULE_SEED ?? 1);

// ---- Days: whole UTC days, ISO text ------------------------------------------

const MS_PER_DAY = 86_400_000;
const dayOf = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / MS_PER_DAY;
const isoOf = (day: number): string => new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
const NONE = Infinity;

/** A calendar as the docs define it: working weekdays minus days off, walked one day at a time. */
class DayByDay {
  constructor(private readonly weekdays: ReadonlySet<number>, private readonly off: ReadonlySet<number>) {}
  isWork(day: number): boolean { return this.weekdays.has(new Date(day * MS_PER_DAY).getUTCDay()) && !this.off.has(day); }
  onOrAfter(day: number): number { while (!this.isWork(day)) day++; return day; }
  onOrBefore(day: number): number { while (!this.isWork(day)) day--; return day; }
  /** The last of `n` workdays counted from workday `day`. */
  forward(day: number, n: number): number { for (let k = 1; k < n;) { day++; if (this.isWork(day)) k++; } return day; }
  /** The first of `n` workdays ending on workday `day`. */
  backward(day: number, n: number): number { for (let k = 1; k < n;) { day--; if (this.isWork(day)) k++; } return day; }
  /** Workdays in [a, b); negative (those in [b, a)) when b < a. */
  between(a: number, b: number): number {
    let n = 0;
    for (let d = a; d < b; d++) if (this.isWork(d)) n++;
    for (let d = b; d < a; d++) if (this.isWork(d)) n--;
    return n;
  }
}

// ---- The reference scheduler ------------------------------------------------------

interface RefTask { es: number; ef: number; ls: number; lf: number; float: number; critical: boolean; fs: number; ff: number }
interface RefMilestone { pf?: number; ff?: number; slip?: number; float?: number }
interface Reference { tasks: Map<string, RefTask>; milestones: Map<string, RefMilestone>; end: number; forecastEnd: number; criticalPath: string[] }

type Node = { kind: 'task'; t: Task } | { kind: 'gate'; m: Milestone } | { kind: 'fin'; m: Milestone };
interface Demand { ready: number; finish: number }

function reference(plan: Plan, progress: ScheduleProgress, todayIso: string): Reference {
  const today = dayOf(todayIso);
  const start = dayOf(plan.project.start!);
  const { workdays, holidays, hoursPerDay } = plan.project.calendar;
  const weekdays = new Set(workdays);
  const planCal = new DayByDay(weekdays, new Set(holidays.map(dayOf)));
  const person = (t: Task) => plan.people.find((p) => p.id === t.assignee);
  const calOf = (t: Task): DayByDay => {
    const p = person(t);
    return p ? new DayByDay(weekdays, new Set([...holidays, ...p.off].map(dayOf))) : planCal;
  };
  const milestoneOf = (t: Task) => plan.milestones.find((m) => m.id === t.milestone);
  const taskById = (id: string) => plan.tasks.find((t) => t.id === id);
  const milestoneById = (id: string) => plan.milestones.find((m) => m.id === id);
  const effective = (t: Task): TaskStatus => progress.tasks.get(t.id)?.effective ?? t.status;
  const live = (t: Task) => t.status !== 'dropped';
  const liveForecast = (t: Task) => live(t) && effective(t) !== 'dropped';

  // Durations: the median of every written estimate stands in for a missing one.
  const written = plan.tasks.flatMap((t) => (t.estimateHours === undefined ? [] : [t.estimateHours])).sort((a, b) => a - b);
  const mid = written.length >> 1;
  const median = written.length === 0 ? 8 : written.length % 2 ? written[mid] : (written[mid - 1] + written[mid]) / 2;
  const duration = (t: Task): number => {
    const hours = t.estimateHours ?? median;
    if (!live(t) || hours <= 0) return 0;
    return Math.max(1, Math.ceil(hours / (hoursPerDay * (person(t)?.capacity ?? 1))));
  };

  // ---- Forward passes: "ready" is the first day a successor may start.
  function forwardPass(readyOfTask: (t: Task) => number, isLive: (t: Task) => boolean) {
    const readyOfId = (id: string): number => {
      const t = taskById(id);
      if (t) return readyOfTask(t);
      const m = milestoneById(id);
      return m ? milestoneReady(m) : start;
    };
    const gateReady = (m: Milestone): number => Math.max(start, ...m.depends.map(readyOfId));
    const milestoneReady = (m: Milestone): number => {
      const tasks = m.tasks.filter(isLive);
      return tasks.length ? Math.max(start, ...tasks.map(readyOfTask)) : gateReady(m);
    };
    /** The latest ready day of t's predecessors (its depends and its milestone's), at least the project start. */
    const allowed = (t: Task): number => {
      const m = milestoneOf(t);
      return Math.max(start, ...t.depends.map(readyOfId), m ? gateReady(m) : start);
    };
    return { allowed, milestoneReady };
  }

  const planned = new Map<string, { es: number; ef: number; ready: number }>();
  const plannedOf = (t: Task): { es: number; ef: number; ready: number } => {
    let p = planned.get(t.id);
    if (p) return p;
    const c = plannedPass.allowed(t);
    if (!live(t)) {
      p = { es: c, ef: c, ready: c };
    } else {
      const cal = calOf(t);
      const d = duration(t);
      const es = cal.onOrAfter(Math.max(c, t.start ? dayOf(t.start) : c));
      const ef = d > 0 ? cal.forward(es, d) : es;
      p = { es, ef, ready: d > 0 ? ef + 1 : es };
    }
    planned.set(t.id, p);
    return p;
  };
  const plannedPass = forwardPass((t) => plannedOf(t).ready, live);

  const forecast = new Map<string, { fs: number; ff: number; ready: number }>();
  const forecastOf = (t: Task): { fs: number; ff: number; ready: number } => {
    let f = forecast.get(t.id);
    if (f) return f;
    const cal = calOf(t);
    const d = duration(t);
    const tp = progress.tasks.get(t.id);
    if (!liveForecast(t)) {
      const c = forecastPass.allowed(t);
      f = { fs: c, ff: c, ready: c };
    } else if (effective(t) === 'done') {
      const p = plannedOf(t);
      const ff = tp?.actualFinish ? dayOf(tp.actualFinish) : Math.min(p.ef, cal.onOrBefore(today - 1));
      const fs = tp?.actualFinish ? Math.min(tp.actualStart ? dayOf(tp.actualStart) : ff, ff) : Math.min(p.es, ff);
      f = { fs, ff, ready: ff + 1 };
    } else if (tp?.actualStart) {
      const fs = dayOf(tp.actualStart);
      const asPlanned = d > 0 ? cal.forward(cal.onOrAfter(fs), d) : fs;
      const remaining = t.progress !== undefined ? Math.max(1, Math.ceil(d * (1 - t.progress))) : 1;
      const ff = Math.max(asPlanned, cal.forward(cal.onOrAfter(today), remaining));
      f = { fs, ff, ready: ff + 1 };
    } else {
      const fs = cal.onOrAfter(Math.max(forecastPass.allowed(t), today, t.start ? dayOf(t.start) : start));
      const ff = d > 0 ? cal.forward(fs, d) : fs;
      f = { fs, ff, ready: d > 0 ? ff + 1 : fs };
    }
    forecast.set(t.id, f);
    return f;
  };
  const forecastPass = forwardPass((t) => forecastOf(t).ready, liveForecast);

  const endOf = (finish: (t: Task) => number, isLive: (t: Task) => boolean, fallback: number): number => {
    const inMilestones = plan.tasks.filter((t) => isLive(t) && milestoneOf(t));
    const scope = inMilestones.length ? inMilestones : plan.tasks.filter(isLive);
    return scope.length ? Math.max(...scope.map(finish)) : fallback;
  };
  const end = endOf((t) => plannedOf(t).ef, live, start);
  const forecastEnd = endOf((t) => forecastOf(t).ff, liveForecast, Math.max(start, today));

  // ---- Backward pass: what each node's dependents demand of it.
  const dependents = (n: Node): Node[] => {
    if (n.kind === 'gate') {
      const out: Node[] = n.m.tasks.map((t) => ({ kind: 'task', t }));
      return n.m.tasks.some(live) ? out : [...out, { kind: 'fin', m: n.m }];
    }
    const id = n.kind === 'task' ? n.t.id : n.m.id;
    const out: Node[] = [
      ...plan.tasks.filter((s) => s.depends.includes(id)).map((t): Node => ({ kind: 'task', t })),
      ...plan.milestones.filter((m) => m.depends.includes(id)).map((m): Node => ({ kind: 'gate', m })),
    ];
    if (n.kind === 'task' && live(n.t) && milestoneOf(n.t)) out.push({ kind: 'fin', m: milestoneOf(n.t)! });
    return out;
  };
  const combine = (nodes: Node[]): Demand => {
    let ready = NONE;
    let finish = NONE;
    for (const n of nodes) { const d = demand(n); ready = Math.min(ready, d.ready); finish = Math.min(finish, d.finish); }
    return { ready, finish };
  };
  const demand = (n: Node): Demand => {
    if (n.kind === 'task') return live(n.t) ? { ready: late(n.t).ls, finish: NONE } : combine(dependents(n));
    const d = combine(dependents(n));
    if (n.kind === 'gate') return d;
    return { ready: d.ready, finish: Math.min(d.finish, n.m.due ? dayOf(n.m.due) : NONE, end) };
  };
  const lateMemo = new Map<string, { ls: number; lf: number }>();
  const late = (t: Task): { ls: number; lf: number } => {
    let l = lateMemo.get(t.id);
    if (l) return l;
    const cal = calOf(t);
    const d = duration(t);
    const by = combine(dependents({ kind: 'task', t }));
    let finish = by.finish;
    if (by.ready === NONE && by.finish === NONE) finish = milestoneOf(t) ? end : Math.max(end, plannedOf(t).ef);
    if (t.due) finish = Math.min(finish, dayOf(t.due));
    const lf = cal.onOrBefore(Math.min(d > 0 ? by.ready - 1 : by.ready, finish));
    l = { lf, ls: d > 0 ? cal.backward(lf, d) : lf };
    lateMemo.set(t.id, l);
    return l;
  };
  const leads = (n: Node): boolean => n.kind !== 'task' || (live(n.t) && milestoneOf(n.t) !== undefined) || dependents(n).some(leads);

  const tasks = new Map<string, RefTask>();
  for (const t of plan.tasks) {
    const p = plannedOf(t);
    const f = forecastOf(t);
    const l = live(t) ? late(t) : { ls: p.es, lf: p.ef };
    const float = live(t) ? calOf(t).between(p.es, l.ls) : 0;
    tasks.set(t.id, { es: p.es, ef: p.ef, ...l, float, critical: live(t) && float <= 0 && leads({ kind: 'task', t }), fs: f.fs, ff: f.ff });
  }
  const milestones = new Map<string, RefMilestone>();
  for (const m of plan.milestones) {
    const scope = m.tasks.filter(liveForecast);
    if (!scope.length) { milestones.set(m.id, {}); continue; }
    const pf = Math.max(...scope.map((t) => plannedOf(t).ef));
    const ff = Math.max(...scope.map((t) => forecastOf(t).ff));
    const due = m.due ? dayOf(m.due) : undefined;
    const by = demand({ kind: 'fin', m });
    let float = planCal.between(pf + 1, by.finish + 1);
    if (by.ready !== NONE) float = Math.min(float, planCal.between(plannedPass.milestoneReady(m), by.ready));
    milestones.set(m.id, { pf, ff, float, ...(due !== undefined ? { slip: planCal.between(due + 1, ff + 1) } : {}) });
  }
  const criticalPath = plan.tasks.filter((t) => tasks.get(t.id)!.critical)
    .sort((a, b) => tasks.get(a.id)!.es - tasks.get(b.id)!.es || a.order - b.order).map((t) => t.id);
  return { tasks, milestones, end, forecastEnd, criticalPath };
}

// ---- Random plans --------------------------------------------------------------------


interface Generated { yaml: string; progress: ScheduleProgress; today: string }

function generate(seed: number): Generated {
  const r = random(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const chance = (p: number): boolean => r() < p;
  const start = dayOf('2026-01-01') + int(0, 365);
  const dates = (n: number): string[] => Array.from({ length: n }, () => {
    const d = start + int(-5, 50);
    return chance(0.3) ? `${isoOf(d)}..${isoOf(d + int(1, 4))}` : isoOf(d);
  });
  const names = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
  let workdays = names.filter(() => chance(0.7));
  if (!workdays.length) workdays = ['wed'];

  const people = Array.from({ length: int(0, 3) }, (_, i) => ({ id: `p${i}`, capacity: pick(['1', '0.5', '0.25', '0.75']), off: dates(int(0, 3)) }));
  const nM = int(0, 3);
  const nT = int(1, 12);
  // Nodes for the acyclicity check: task i, then per milestone a gate and a finish.
  const gate = (m: number) => nT + 2 * m;
  const fin = (m: number) => nT + 2 * m + 1;
  const edges: number[][] = Array.from({ length: nT + 2 * nM }, () => []);
  const reaches = (from: number, to: number): boolean => {
    const seen = new Set<number>();
    const stack = [from];
    while (stack.length) { const n = stack.pop()!; if (n === to) return true; if (!seen.has(n)) { seen.add(n); stack.push(...edges[n]); } }
    return false;
  };
  const home = Array.from({ length: nT }, () => (nM > 0 && chance(0.75) ? int(0, nM - 1) : -1));
  home.forEach((m, i) => { if (m >= 0) edges[gate(m)].push(i); if (m >= 0) edges[i].push(fin(m)); });
  for (let m = 0; m < nM; m++) edges[gate(m)].push(fin(m));
  const taskDeps: string[][] = Array.from({ length: nT }, () => []);
  const msDeps: string[][] = Array.from({ length: nM }, () => []);
  /** Adds "node depends on target" unless it would close a cycle (the validator refuses those). */
  const tryDepend = (node: number, list: string[]): void => {
    const target = int(0, nT + nM - 1);
    const id = target < nT ? `T${target}` : `m${target - nT}`;
    const from = target < nT ? target : fin(target - nT);
    if (from === node || list.includes(id) || reaches(node, from)) return;
    edges[from].push(node);
    list.push(id);
  };
  for (let k = 0; k < nT + nM; k++) {
    const n = int(0, nT + nM - 1);
    for (let j = int(0, 2); j > 0; j--) {
      if (n < nT) tryDepend(n, taskDeps[n]);
      else tryDepend(gate(n - nT), msDeps[n - nT]);
    }
  }

  const today = start + int(-10, 45);
  const progress = new Map<string, { effective: TaskStatus; actualStart?: string; actualFinish?: string; progress: number }>();
  const taskLine = (i: number): string => {
    const f: string[] = [`id: T${i}`, `title: T${i}`];
    const estimate = pick(['0h', '4h', '1d', '2d', '3d', '5d', '1w', '12h', '']);
    if (estimate) f.push(`estimate: ${estimate}`);
    if (people.length && chance(0.6)) f.push(`assignee: ${pick(people).id}`);
    const status = pick<TaskStatus>(['todo', 'todo', 'todo', 'todo', 'in-progress', 'blocked', 'done', 'done', 'dropped', 'dropped']);
    if (status !== 'todo') f.push(`status: ${status}`);
    const pin = chance(0.2) ? start + int(-3, 30) : undefined;
    if (pin !== undefined) f.push(`start: ${isoOf(pin)}`);
    if (chance(0.25)) f.push(`due: ${isoOf(Math.max(pin ?? start, start + int(-2, 40)))}`);
    if (chance(0.15)) f.push(`progress: ${pick(['25%', '50%', '75%'])}`);
    if (taskDeps[i].length) f.push(`depends: [${taskDeps[i].join(', ')}]`);
    // What the commits say: declared dropped and done stay; others may be closed or started.
    const actualStart = start + int(-3, 25);
    const actual = { actualStart: isoOf(actualStart), actualFinish: isoOf(actualStart + int(0, 8)) };
    if (status === 'dropped') progress.set(`T${i}`, { effective: 'dropped', progress: 0 });
    else if (status === 'done') progress.set(`T${i}`, { effective: 'done', progress: 1, ...(chance(0.5) ? actual : {}) });
    else if (chance(0.2)) progress.set(`T${i}`, { effective: 'done', progress: 1, ...actual });
    else if (chance(0.3)) progress.set(`T${i}`, { effective: status === 'blocked' ? 'blocked' : 'in-progress', progress: 0.5, actualStart: isoOf(Math.min(actualStart, today)) });
    else progress.set(`T${i}`, { effective: status, progress: 0 });
    return `{ ${f.join(', ')} }`;
  };

  const out = ['version: 1', 'project:', '  name: Property', `  start: ${isoOf(start)}`, '  calendar:',
    `    workdays: [${workdays.join(', ')}]`, `    hoursPerDay: ${pick([8, 6])}`, `    holidays: [${dates(int(0, 3)).join(', ')}]`];
  if (people.length) {
    out.push('people:');
    for (const p of people) out.push(`  - { id: ${p.id}, capacity: ${p.capacity}, off: [${p.off.join(', ')}] }`);
  }
  out.push(nM ? 'milestones:' : 'milestones: []');
  {
    for (let m = 0; m < nM; m++) {
      out.push(`  - id: m${m}`, `    title: m${m}`);
      if (chance(0.6)) out.push(`    due: ${isoOf(start + int(0, 50))}`);
      if (msDeps[m].length) out.push(`    depends: [${msDeps[m].join(', ')}]`);
      const mine = home.flatMap((h, i) => (h === m ? [taskLine(i)] : []));
      out.push(mine.length ? '    tasks:' : '    tasks: []', ...mine.map((l) => `      - ${l}`));
    }
  }
  const backlog = home.flatMap((h, i) => (h < 0 ? [taskLine(i)] : []));
  if (backlog.length) out.push('backlog:', ...backlog.map((l) => `  - ${l}`));
  // taskLine ran in file order: the progress Map is in plan order, as progress.ts builds it.
  return { yaml: `${out.join('\n')}\n`, progress: { tasks: progress }, today: isoOf(today) };
}

// ---- The comparison -----------------------------------------------------------------

/** Every figure the property covers, as ISO text, from the product and from the reference. */
function figures(plan: Plan, g: Generated): { product: unknown; reference: unknown } {
  const s = schedulePlan(plan, g.progress, { today: g.today });
  const ref = reference(plan, g.progress, g.today);
  const iso = (d: number | undefined) => (d === undefined ? undefined : isoOf(d));
  const product: Record<string, unknown> = { plannedFinish: s.plannedFinish, forecastFinish: s.forecastFinish, criticalPath: s.criticalPath };
  const expected: Record<string, unknown> = { plannedFinish: iso(ref.end), forecastFinish: iso(ref.forecastEnd), criticalPath: ref.criticalPath };
  for (const t of plan.tasks) {
    const p = s.tasks.get(t.id)!;
    const e = ref.tasks.get(t.id)!;
    product[t.id] = [p.plannedStart, p.plannedFinish, p.lateStart, p.lateFinish, p.float, p.critical, p.forecastStart, p.forecastFinish];
    expected[t.id] = [iso(e.es), iso(e.ef), iso(e.ls), iso(e.lf), e.float, e.critical, iso(e.fs), iso(e.ff)];
  }
  for (const m of plan.milestones) {
    const p = s.milestones.get(m.id)!;
    const e = ref.milestones.get(m.id)!;
    product[m.id] = { finish: p.plannedFinish, forecast: p.forecastFinish, slip: p.slipDays, float: p.float };
    expected[m.id] = { finish: iso(e.pf), forecast: iso(e.ff), slip: e.slip, float: e.float };
  }
  return { product, reference: expected };
}

/** How many plans show each feature, so a generator change cannot quietly stop testing one. */
function features(plan: Plan, g: Generated, counts: Record<string, number>): void {
  const has = (name: string, yes: boolean): void => { counts[name] = (counts[name] ?? 0) + (yes ? 1 : 0); };
  has('0h task', plan.tasks.some((t) => t.estimateHours === 0));
  has('no estimate', plan.tasks.some((t) => t.estimateHours === undefined));
  has('dropped', plan.tasks.some((t) => t.status === 'dropped'));
  has('done with commit dates', [...g.progress.tasks.values()].some((p) => p.effective === 'done' && p.actualFinish));
  has('started', [...g.progress.tasks.values()].some((p) => p.effective !== 'done' && p.actualStart));
  has('backlog', plan.tasks.some((t) => t.milestone === undefined));
  has('pinned start', plan.tasks.some((t) => t.start));
  has('due', plan.tasks.some((t) => t.due));
  has('days off', plan.people.some((p) => p.off.length));
  has('milestone without tasks', plan.milestones.some((m) => m.tasks.length === 0));
  has('milestone dependency', plan.milestones.some((m) => m.depends.length) || plan.tasks.some((t) => t.depends.some((d) => plan.byId.get(d)?.kind === 'milestone')));
}

describe('schedule: agrees with a day-by-day reference written from docs/schedule.md', () => {
  it(`on ${PLANS} random plans from seed ${FIRST_SEED}`, function () {
    this.timeout(0); // bounded by PLANS; a few seconds at the default
    const counts: Record<string, number> = {};
    for (let seed = FIRST_SEED; seed < FIRST_SEED + PLANS; seed++) {
      const g = generate(seed);
      const parsed = parsePlan(g.yaml);
      const errors = parsed.diagnostics.filter((d) => d.severity === 'error');
      assert.ok(parsed.plan && errors.length === 0, `seed ${seed} generated an invalid plan: ${errors.map((d) => `${d.start.line}: ${d.message}`).join('; ')}\n${g.yaml}`);
      features(parsed.plan, g, counts);
      const { product, reference: expected } = figures(parsed.plan, g);
      assert.deepEqual(product, expected, `seed ${seed}, today ${g.today}:\n${g.yaml}`);
    }
    for (const [feature, plans] of Object.entries(counts)) assert.ok(plans >= PLANS / 20, `${feature}: only in ${plans} of ${PLANS} plans`);
  });
});

describe('forecastMilestone(s) and a forecast without criticality: the whole plan\'s figures, for less', () => {
  // The postmortem's forecast at the baseline schedules only what its milestone depends on
  // (milestonesRunner), several postmortems' milestones in one set of runs; on the same random plans, every milestone's percentiles and chance by
  // its due must be forecastPlan's, draw for draw.
  it(`on ${Math.ceil(PLANS / 4)} random plans from seed ${FIRST_SEED}`, function () {
    this.timeout(0); // bounded by PLANS
    let compared = 0;
    for (let seed = FIRST_SEED; seed < FIRST_SEED + Math.ceil(PLANS / 4); seed++) {
      const g = generate(seed);
      const plan = parsePlan(g.yaml).plan!;
      // Done tasks with actual dates count as measured (a commit each), so some plans draw from the team's ratios.
      const tasks = new Map([...g.progress.tasks].map(([id, tp]) => [id, { ...tp, commits: tp.actualFinish ? [`c-${id}`] : [] }]));
      const progress = { tasks } as unknown as ProgressResult;
      const options = { today: g.today, runs: 40, seed };
      const whole = forecastPlan(plan, progress, options);
      // Without the criticality index (the site's): the same dates, no index.
      const lean = forecastPlan(plan, progress, { ...options, criticality: false });
      assert.deepEqual([[...lean.milestones], lean.project], [[...whole.milestones], whole.project], `seed ${seed} without criticality`);
      assert.equal(lean.criticality.size, 0);
      for (const m of plan.milestones) {
        const one = forecastMilestone(plan, progress, m.id, options)!;
        assert.deepEqual(one.milestone, whole.milestones.get(m.id), `seed ${seed}, milestone ${m.id}:\n${g.yaml}`);
        assert.deepEqual([one.runs, one.seed, one.accuracy], [whole.runs, whole.seed, whole.accuracy]);
        compared++;
      }
      // Several milestones from one set of runs: each one's figures as above. A first half and
      // every milestone (with a repeated id and an unknown one) give different unions of work.
      const ids = plan.milestones.map((m) => m.id);
      for (const some of [ids.slice(0, Math.ceil(ids.length / 2)), [...ids, ...ids.slice(0, 1), 'no-such-milestone']]) {
        const many = forecastMilestones(plan, progress, some, options);
        assert.deepEqual([...many.keys()].sort(), [...new Set(some.filter((id) => id !== 'no-such-milestone'))].sort());
        for (const [id, one] of many) {
          assert.deepEqual(one.milestone, whole.milestones.get(id), `seed ${seed}, milestones ${some.join(',')}, ${id}:\n${g.yaml}`);
          assert.deepEqual([one.runs, one.seed, one.accuracy], [whole.runs, whole.seed, whole.accuracy]);
        }
      }
    }
    assert.ok(compared >= Math.ceil(PLANS / 4), `only ${compared} milestones compared`);
    assert.equal(forecastMilestone(parsePlan(generate(FIRST_SEED).yaml).plan!, undefined, 'no-such-milestone', { today: '2026-06-01' }), undefined);
  });
});

describe('a forecast without criticality on the schedule\'s hard cases: the same dates', () => {
  // Its runs after the first schedule only what open work can move (scheduleRunner, movedBy) and keep
  // the rest from the first run. Plans the generator above does not make: dependency cycles, estimates
  // and pinned starts past the schedule's horizon (clamped, durations rewritten in place), done work
  // without dates after open work, progress that contradicts the declared status, milestone depends.
  it('on 600 random plans', () => {
    const iso = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);
    let compared = 0;
    let clamped = 0;
    let cycles = 0;
    for (let seed = 1; seed <= 600; seed++) {
      const r = random(seed);
      const int = (a: number, b: number): number => a + Math.floor(r() * (b - a + 1));
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
      const start = 20_454 + int(0, 300);
      const today = start + int(-20, 60);
      const nT = int(1, 10);
      const nM = int(0, 3);
      const home = Array.from({ length: nT }, () => (nM && r() < 0.75 ? int(0, nM - 1) : -1));
      const tasks = new Map<string, { effective: TaskStatus; progress: number; actualStart?: string; actualFinish?: string; commits: string[] }>();
      const line = (i: number): string => {
        const f = [`id: T${i}`, `title: T${i}`];
        const estimate = pick(['0h', '4h', '1d', '3d', '1w', '', '40000d', '9000w']);
        if (estimate) f.push(`estimate: ${estimate}`);
        const status = pick<TaskStatus>(['todo', 'todo', 'in-progress', 'done', 'dropped', 'blocked']);
        if (status !== 'todo') f.push(`status: ${status}`);
        if (r() < 0.2) f.push(`start: ${iso(start + int(-5, 40_000))}`);
        if (r() < 0.15) f.push(`progress: ${pick(['25%', '50%'])}`);
        const deps: string[] = [];
        for (let k = int(0, 2); k > 0; k--) {
          const t = int(0, nT + nM - 1);
          const id = t < nT ? `T${t}` : `m${t - nT}`;
          if (id !== `T${i}` && !deps.includes(id)) deps.push(id);
        }
        if (deps.length) f.push(`depends: [${deps.join(', ')}]`);
        const began = start + int(-3, 25);
        const dated = r() < 0.5 ? { actualStart: iso(began), actualFinish: iso(began + int(0, 8)) } : {};
        const x = r();
        const tp = status === 'dropped' || (status !== 'done' && x >= 0.4 && x < 0.45) ? { effective: 'dropped' as const, progress: 0 }
          : status === 'done' || x < 0.2 ? { effective: 'done' as const, progress: 1, ...dated }
          : x < 0.4 ? { effective: 'in-progress' as const, progress: 0.5, actualStart: iso(Math.min(began, today)) }
          : { effective: status, progress: 0 };
        tasks.set(`T${i}`, { ...tp, commits: 'actualFinish' in tp && tp.actualFinish ? [`c-T${i}`] : [] });
        return `{ ${f.join(', ')} }`;
      };
      const out = ['version: 1', 'project:', '  name: P', `  start: ${iso(start)}`, nM ? 'milestones:' : 'milestones: []'];
      for (let m = 0; m < nM; m++) {
        out.push(`  - id: m${m}`, `    title: m${m}`);
        if (r() < 0.5) out.push(`    due: ${iso(start + int(0, 50))}`);
        if (r() < 0.4) out.push(`    depends: [${pick(['T0', 'm0', 'T1', 'm1'])}]`);
        const mine = home.flatMap((h, i) => (h === m ? [line(i)] : []));
        out.push(mine.length ? '    tasks:' : '    tasks: []', ...mine.map((l) => `      - ${l}`));
      }
      const backlog = home.flatMap((h, i) => (h < 0 ? [line(i)] : []));
      if (backlog.length) out.push('backlog:', ...backlog.map((l) => `  - ${l}`));
      const yaml = `${out.join('\n')}\n`;
      const plan = parsePlan(yaml).plan;
      if (!plan) continue;
      const progress = { tasks } as unknown as ProgressResult;
      const options = { today: iso(today), runs: 30, seed };
      const codes = schedulePlan(plan, progress, { today: options.today }).diagnostics.map((d) => d.code);
      if (codes.some((c) => /horizon/.test(c))) clamped++;
      if (codes.some((c) => /cycle/.test(c))) cycles++;
      const whole = forecastPlan(plan, progress, options);
      const lean = forecastPlan(plan, progress, { ...options, criticality: false });
      assert.deepEqual([[...lean.milestones], lean.project], [[...whole.milestones], whole.project], `seed ${seed}:\n${yaml}`);
      const many = forecastMilestones(plan, progress, plan.milestones.map((m) => m.id).reverse(), options);
      for (const [id, one] of many) assert.deepEqual(one.milestone, whole.milestones.get(id), `seed ${seed}, ${id}:\n${yaml}`);
      compared++;
    }
    assert.ok(compared >= 550, `only ${compared} plans parsed`);
    assert.ok(clamped >= 20 && cycles >= 20, `the hard cases were made: ${clamped} with clamped dates, ${cycles} with cycles`);
  });
});

describe('jumpingMulberry32: skipping draws lands where drawing them would', () => {
  it('skip(n) then next() equals n draws then next(), across the 32-bit wrap', () => {
    for (const seed of [0, 1, 20, 0xffffffff, 123456789]) {
      for (const n of [0, 1, 2, 7, 1000, 100_000]) {
        const drawn = jumpingMulberry32(seed);
        for (let k = 0; k < n; k++) drawn.next();
        const jumped = jumpingMulberry32(seed);
        jumped.skip(n);
        assert.deepEqual([jumped.next(), jumped.next()], [drawn.next(), drawn.next()], `seed ${seed}, skip ${n}`);
      }
    }
  });
});
