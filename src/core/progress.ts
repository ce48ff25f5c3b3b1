// Effective status, actual dates and weighted progress, per the contract
// (../shared/design/project-yml.md, "Effective status" and "Progress").
// Pure: works from a Plan and an optional HistoryScan (none in an untrusted
// workspace or outside a repository: declared statuses only).
import type { EarnedValueRule, IsoDate, Plan, Task, TaskStatus } from './model';
import type { HistoryScan, LinkedCommit } from './git/history';
import { instantOf } from './calendar';

export interface TaskProgress {
  id: string;
  declared: TaskStatus;
  effective: TaskStatus;
  /** Full shas of referencing commits, oldest first (by author date). */
  commits: string[];
  /** The first closing commit on the default branch, whatever the status; null when none. */
  closedBy: string | null;
  /** Which rule made `closedBy` closing: a closing word, a merged task branch, a squash merge (mergeClose.ts). */
  closedByRule?: 'closing-word' | 'merged-branch' | 'squash-merge';
  /** Author date (YYYY-MM-DD, author's calendar) of the earliest referencing commit. */
  actualStart?: IsoDate;
  /** Author date of the first closing commit on the default branch, when effectively done. */
  actualFinish?: IsoDate;
  /** 0..1 */
  progress: number;
  weightHours: number;
  /** People (ids) whose commits reference the task; authors who are nobody in the plan by email. */
  authors: string[];
}

export interface MilestoneProgress {
  progress: number;
  weightHours: number;
  /** Effectively done tasks. */
  doneTasks: number;
  /** Tasks that are not dropped. */
  totalTasks: number;
}

export interface ProgressResult {
  tasks: Map<string, TaskProgress>;
  milestones: Map<string, MilestoneProgress>;
  project: { progress: number; weightHours: number };
  unlinkedCommits: number;
  rule: EarnedValueRule;
}

/** Earliest date the plan names: project.start, else any task/milestone/sprint date. */
export function planStart(plan: Plan): IsoDate | undefined {
  if (plan.project.start) return plan.project.start;
  let min: string | undefined;
  const see = (d?: string): void => {
    if (d && (min === undefined || d < min)) min = d;
  };
  for (const t of plan.tasks) { see(t.start); see(t.due); }
  for (const m of plan.milestones) see(m.due);
  for (const s of plan.sprints) see(s.start);
  return min;
}

/** Hours a task with no estimate weighs when no task has one. */
export const DEFAULT_WEIGHT_HOURS = 8;

const STARTED_SHARE: Record<EarnedValueRule, number> = { '50/50': 0.5, '0/100': 0, '20/80': 0.2 };

/** Work has begun and is not finished: in progress, in review, or blocked after commits. */
export function isStarted(effective: TaskStatus, hasCommits: boolean): boolean {
  return effective === 'in-progress' || effective === 'review' || (effective === 'blocked' && hasCommits);
}

/** Person id for an email (a commit author's, git's user.email): case-insensitive, surrounding blanks ignored. */
export function personForEmail(plan: Plan, email: string | undefined): string | undefined {
  const e = email?.trim().toLowerCase();
  if (!e) return undefined;
  for (const p of plan.people) if (p.emails.includes(e)) return p.id;
  return undefined;
}

// computeProgress and schedulePlan both need the median of the same plan; a
// Plan is immutable, so a WeakMap keyed by it can never go stale.
const medianCache = new WeakMap<Plan, number>();

/** Median estimate (hours) over tasks that have one, else DEFAULT_WEIGHT_HOURS; computed once per plan. */
export function medianEstimateHours(plan: Plan): number {
  let m = medianCache.get(plan);
  if (m === undefined) { m = computeMedianEstimateHours(plan); medianCache.set(plan, m); }
  return m;
}

function computeMedianEstimateHours(plan: Plan): number {
  // A typed array sorts numerically without a comparator callback (fast at 100k tasks).
  const hours = Float64Array.from(plan.tasks
    .map((t) => t.estimateHours)
    .filter((h): h is number => typeof h === 'number' && Number.isFinite(h) && h >= 0))
    .sort();
  if (hours.length === 0) return DEFAULT_WEIGHT_HOURS;
  const mid = hours.length >> 1;
  return hours.length % 2 ? hours[mid] : (hours[mid - 1] + hours[mid]) / 2;
}

export function taskWeight(task: Task, median: number): number {
  if (task.status === 'dropped') return 0;
  return typeof task.estimateHours === 'number' && Number.isFinite(task.estimateHours) ? task.estimateHours : median;
}

/** Commits raise a declared status, never lower it. */
export function effectiveStatus(declared: TaskStatus, referenced: boolean, closedOnDefault: boolean): TaskStatus {
  if (declared === 'blocked' || declared === 'dropped' || declared === 'done') return declared;
  if (closedOnDefault) return 'done';
  if (declared === 'todo' && referenced) return 'in-progress';
  return declared;
}

export function computeProgress(plan: Plan, history?: HistoryScan, rule: EarnedValueRule = '50/50'): ProgressResult {
  const byTask = commitsByTask(history);
  const median = medianEstimateHours(plan);
  const emailToPerson = new Map<string, string>();
  for (const p of plan.people) for (const e of p.emails) emailToPerson.set(e.toLowerCase(), p.id);

  const tasks = new Map<string, TaskProgress>();
  for (const t of plan.tasks) {
    const list = byTask.get(t.id) ?? [];
    let first: { c: LinkedCommit; time: number } | undefined;
    let closing: { c: LinkedCommit; time: number } | undefined;
    const authors = new Set<string>();
    const dated = list.map((c) => ({ c, time: instantOf(c.authorDate) }));
    for (const d of dated) {
      if (!first || d.time < first.time) first = d;
      const closes = d.c.onDefaultBranch && d.c.refs.some((r) => r.taskId === t.id && r.closing);
      if (closes && (!closing || d.time < closing.time)) closing = d;
      const email = d.c.authorEmail.toLowerCase();
      authors.add(emailToPerson.get(email) ?? email);
    }
    const effective = effectiveStatus(t.status, list.length > 0, closing !== undefined);
    const started = isStarted(effective, list.length > 0);
    let progress: number;
    if (effective === 'done') progress = 1;
    else if (effective === 'dropped') progress = 0;
    else if (typeof t.progress === 'number') progress = clamp01(t.progress);
    else progress = started ? STARTED_SHARE[rule] : 0;
    const tp: TaskProgress = {
      id: t.id,
      declared: t.status,
      effective,
      commits: dated.sort((a, b) => a.time - b.time).map((d) => d.c.sha),
      closedBy: closing ? closing.c.sha : null,
      ...(closing ? { closedByRule: ruleOf(closing.c.refs.find((r) => r.taskId === t.id && r.closing)?.via) } : {}),
      progress,
      weightHours: taskWeight(t, median),
      authors: [...authors],
    };
    if (first) tp.actualStart = first.c.authorDate.slice(0, 10);
    if (closing && effective === 'done') tp.actualFinish = closing.c.authorDate.slice(0, 10);
    tasks.set(t.id, tp);
  }

  const milestones = new Map<string, MilestoneProgress>();
  let projectWeight = 0;
  let projectEarned = 0;
  for (const m of plan.milestones) {
    let weight = 0;
    let earned = 0;
    let done = 0;
    let total = 0;
    for (const t of m.tasks) {
      const tp = tasks.get(t.id)!;
      weight += tp.weightHours;
      earned += tp.weightHours * tp.progress;
      if (tp.effective !== 'dropped') total++;
      if (tp.effective === 'done') done++;
    }
    milestones.set(m.id, { progress: weight > 0 ? earned / weight : 0, weightHours: weight, doneTasks: done, totalTasks: total });
    projectWeight += weight;
    projectEarned += earned;
  }
  return {
    tasks,
    milestones,
    project: { progress: projectWeight > 0 ? projectEarned / projectWeight : 0, weightHours: projectWeight },
    unlinkedCommits: history?.unlinkedCommits ?? 0,
    rule,
  };
}

function commitsByTask(history?: HistoryScan): Map<string, LinkedCommit[]> {
  const map = new Map<string, LinkedCommit[]>();
  if (!history) return map;
  for (const c of history.commits) {
    for (const r of c.refs) {
      const list = map.get(r.taskId);
      if (list) {
        if (list[list.length - 1] !== c) list.push(c);
      } else map.set(r.taskId, [c]);
    }
  }
  return map;
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

function ruleOf(via: 'merge' | 'squash' | undefined): NonNullable<TaskProgress['closedByRule']> {
  return via === 'merge' ? 'merged-branch' : via === 'squash' ? 'squash-merge' : 'closing-word';
}
