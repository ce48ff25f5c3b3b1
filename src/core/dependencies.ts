// Every `depends` entry of a plan resolved to what it names, once per Plan
// object. At 100k tasks the 200k id look-ups in `plan.byId` were a third of
// a schedule's time; parsePlan resolves them while the plan is new (a few
// tens of milliseconds in a parse of seconds), and every later schedule of
// that plan (tree, Gantt, reports, status bar) reads plain integer arrays.
//
// A Plan is immutable, so a WeakMap keyed by it can never go stale.
import type { Milestone, Plan, Task } from './model';

/** A `depends` entry that names nothing known (validate.ts reports it). */
export const UNKNOWN = -1;

export interface ResolvedDependencies {
  /**
   * Targets of plan.tasks[i]'s depends: targets[taskStart[i] .. taskStart[i + 1]).
   * Then plan.milestones[m]'s: targets[milestoneStart[m] .. milestoneStart[m + 1]).
   */
  readonly taskStart: Int32Array;
  readonly milestoneStart: Int32Array;
  /** `t >= 0`: plan.tasks[t]; `t <= -2`: plan.milestones[-2 - t]; UNKNOWN: neither. */
  readonly targets: Int32Array;
}

const cache = new WeakMap<Plan, ResolvedDependencies>();

/** The plan's dependencies, resolved on first use and remembered for the plan's lifetime. */
export function dependenciesOf(plan: Plan): ResolvedDependencies {
  let r = cache.get(plan);
  if (!r) { r = resolveDependencies(plan); cache.set(plan, r); }
  return r;
}

/** Milestone number `m` as a target. */
export const milestoneTarget = (m: number): number => -2 - m;

/** The look-ups themselves, uncached (dependenciesOf remembers them). */
export function resolveDependencies(plan: Plan): ResolvedDependencies {
  const { tasks, milestones } = plan;
  const T = tasks.length;
  const M = milestones.length;
  let total = 0;
  for (let i = 0; i < T; i++) total += tasks[i].depends.length;
  for (let m = 0; m < M; m++) total += milestones[m].depends.length;
  // parse.ts numbers tasks by position (Task.order); plans built in memory may not.
  let ordered = true;
  for (let i = 0; i < T && ordered; i++) ordered = tasks[i].order === i;
  const taskIndex = ordered ? undefined : new Map<Task, number>(tasks.map((t, i) => [t, i]));
  const msIndex = new Map<Milestone, number>();
  for (let m = 0; m < M; m++) if (!msIndex.has(milestones[m])) msIndex.set(milestones[m], m);

  const targetOf = (id: string): number => {
    const item = plan.byId.get(id);
    if (item === undefined) return UNKNOWN;
    if (item.kind === 'task') return ordered ? (item as Task).order : taskIndex!.get(item as Task) ?? UNKNOWN;
    if (item.kind === 'milestone') {
      const m = msIndex.get(item as Milestone);
      return m === undefined ? UNKNOWN : milestoneTarget(m);
    }
    return UNKNOWN;
  };

  const targets = new Int32Array(total);
  const taskStart = new Int32Array(T + 1);
  const milestoneStart = new Int32Array(M + 1);
  let k = 0;
  for (let i = 0; i < T; i++) {
    taskStart[i] = k;
    const deps = tasks[i].depends;
    for (let j = 0; j < deps.length; j++) targets[k++] = targetOf(deps[j]);
  }
  taskStart[T] = k;
  for (let m = 0; m < M; m++) {
    milestoneStart[m] = k;
    const deps = milestones[m].depends;
    for (let j = 0; j < deps.length; j++) targets[k++] = targetOf(deps[j]);
  }
  milestoneStart[M] = k;
  return { taskStart, milestoneStart, targets };
}

/**
 * Who refers to a task, in plan order by kind: tasks' `depends`, then
 * milestones' `depends`, then risks' and sprints' `tasks` (Remove Task names
 * them; removeTask warns about them).
 */
export function dependentsOf(plan: Plan, taskId: string): string[] {
  const out: string[] = [];
  for (const t of plan.tasks) if (t.depends.includes(taskId)) out.push(t.id);
  for (const m of plan.milestones) if (m.depends.includes(taskId)) out.push(m.id);
  for (const r of plan.risks) if (r.tasks.includes(taskId)) out.push(r.id);
  for (const s of plan.sprints) if (s.tasks.includes(taskId)) out.push(s.id);
  return out;
}
