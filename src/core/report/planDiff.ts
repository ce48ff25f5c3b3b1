// Baseline vs actual for one milestone: what changed in the plan between the
// revision that first committed the milestone and the plan at release.
// Pure: two Plans in, a list of changes out (the postmortem renders it).
import type { IsoDate, Plan, Task } from '../model';

export interface TaskBrief {
  readonly id: string;
  readonly title: string;
  readonly assignee?: string;
  readonly estimate?: string;
  readonly estimateHours?: number;
}

export interface ValueChange<T> extends TaskBrief {
  readonly from?: T;
  readonly to?: T;
}

export interface MoveChange extends TaskBrief {
  /** The other milestone's id, or null for the backlog. */
  readonly other: string | null;
}

export interface PlanDiff {
  readonly milestoneId: string;
  /** Tasks in the baseline milestone (planned scope). */
  readonly baselineTasks: readonly TaskBrief[];
  /** New to the plan after the baseline and now in the milestone: scope creep. */
  readonly added: readonly TaskBrief[];
  /** Moved into the milestone from another milestone or the backlog: scope creep too. */
  readonly movedIn: readonly MoveChange[];
  /** Planned in the milestone, moved elsewhere by the release. */
  readonly movedOut: readonly MoveChange[];
  /** Planned in the milestone, gone from the plan by the release. */
  readonly removed: readonly TaskBrief[];
  /** In the milestone at release with status `dropped` (and not dropped at the baseline). */
  readonly dropped: readonly TaskBrief[];
  /** Estimate in hours changed (a rewrite such as 3d -> 24h is not a change). */
  readonly reestimated: readonly (ValueChange<string> & { fromHours?: number; toHours?: number })[];
  readonly reassigned: readonly ValueChange<string>[];
  readonly dueMoved: readonly ValueChange<IsoDate>[];
  /** The milestone's own due date. */
  readonly milestoneDue: { readonly from?: IsoDate; readonly to?: IsoDate; readonly changed: boolean };
  /** Estimate hours of the baseline scope (tasks without an estimate count 0 here). */
  readonly baselineHours: number;
  /** Estimate hours of the scope at release, dropped tasks excluded. */
  readonly actualHours: number;
}

function brief(t: Task): TaskBrief {
  return { id: t.id, title: t.title, assignee: t.assignee, estimate: t.estimate, estimateHours: t.estimateHours };
}

function tasksOf(plan: Plan, milestoneId: string): readonly Task[] {
  return plan.milestones.find((m) => m.id === milestoneId)?.tasks ?? [];
}

export function taskById(plan: Plan): Map<string, Task> {
  return new Map(plan.tasks.map((t) => [t.id, t]));
}

export function diffMilestone(baseline: Plan, actual: Plan, milestoneId: string): PlanDiff {
  const before = tasksOf(baseline, milestoneId);
  const after = tasksOf(actual, milestoneId);
  const beforeIds = new Set(before.map((t) => t.id));
  const afterIds = new Set(after.map((t) => t.id));
  const baselineAll = taskById(baseline);
  const actualAll = taskById(actual);

  const added: TaskBrief[] = [];
  const movedIn: MoveChange[] = [];
  for (const t of after) {
    if (beforeIds.has(t.id)) continue;
    const then = baselineAll.get(t.id);
    if (then) movedIn.push({ ...brief(t), other: then.milestone ?? null });
    else added.push(brief(t));
  }

  const removed: TaskBrief[] = [];
  const movedOut: MoveChange[] = [];
  for (const t of before) {
    if (afterIds.has(t.id)) continue;
    const now = actualAll.get(t.id);
    if (now) movedOut.push({ ...brief(now), other: now.milestone ?? null });
    else removed.push(brief(t));
  }

  const dropped: TaskBrief[] = [];
  const reestimated: (ValueChange<string> & { fromHours?: number; toHours?: number })[] = [];
  const reassigned: ValueChange<string>[] = [];
  const dueMoved: ValueChange<IsoDate>[] = [];
  for (const t of after) {
    const then = baselineAll.get(t.id);
    if (t.status === 'dropped' && then?.status !== 'dropped') dropped.push(brief(t));
    if (!then) continue;
    if (then.estimateHours !== t.estimateHours) {
      reestimated.push({ ...brief(t), from: then.estimate, to: t.estimate, fromHours: then.estimateHours, toHours: t.estimateHours });
    }
    if (then.assignee !== t.assignee) reassigned.push({ ...brief(t), from: then.assignee, to: t.assignee });
    if (then.due !== t.due) dueMoved.push({ ...brief(t), from: then.due, to: t.due });
  }

  const mBefore = baseline.milestones.find((m) => m.id === milestoneId);
  const mAfter = actual.milestones.find((m) => m.id === milestoneId);
  const sum = (ts: readonly Task[]): number => ts.reduce((n, t) => n + (t.estimateHours ?? 0), 0);
  return {
    milestoneId,
    baselineTasks: before.map(brief),
    added,
    movedIn,
    movedOut,
    removed,
    dropped,
    reestimated,
    reassigned,
    dueMoved,
    milestoneDue: { from: mBefore?.due, to: mAfter?.due, changed: mBefore?.due !== mAfter?.due },
    baselineHours: sum(before),
    actualHours: sum(after.filter((t) => t.status !== 'dropped')),
  };
}

/** True when nothing changed between the two plans for this milestone. */
export function isEmptyDiff(d: PlanDiff): boolean {
  return d.added.length + d.movedIn.length + d.movedOut.length + d.removed.length + d.dropped.length +
    d.reestimated.length + d.reassigned.length + d.dueMoved.length === 0 && !d.milestoneDue.changed;
}
