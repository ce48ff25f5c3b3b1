// "What should I do next?": one person's open tasks in the order the My Tasks
// view shows them and the agent tool `next_tasks` returns them, with the
// reasons for each place. Pure: callers pass each task's effective status and
// schedule facts, however they hold them.
import { PRIORITIES, type IsoDate, type Priority, type Task, type TaskStatus } from './model';

/** What the ordering needs to know about a task beyond project.yml. */
export interface NextTaskFacts {
  readonly effective: TaskStatus;
  readonly critical?: boolean;
  readonly plannedStart?: IsoDate;
}

export interface NextTask {
  readonly task: Task;
  /** Why it sits where it does: `critical path`, `priority high`, `ready` / `waiting on X`, `planned start D`. */
  readonly why: string[];
}

const PRIORITY_RANK: Record<Priority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

export function isClosedStatus(status: TaskStatus): boolean {
  return status === 'done' || status === 'dropped';
}

/**
 * Critical-path tasks first, then by priority (critical .. low, none last),
 * then by planned start (earliest first, unscheduled last), then file order.
 * Effectively done and dropped tasks are left out.
 */
export function orderNextTasks(tasks: readonly Task[], personId: string, factsOf: (t: Task) => NextTaskFacts): Task[] {
  const rows = tasks
    .filter((t) => t.assignee === personId)
    .map((t) => ({ t, f: factsOf(t) }))
    .filter(({ f }) => !isClosedStatus(f.effective));
  rows.sort((a, b) => {
    const ca = a.f.critical ? 0 : 1;
    const cb = b.f.critical ? 0 : 1;
    if (ca !== cb) return ca - cb;
    const pa = a.t.priority ? PRIORITY_RANK[a.t.priority] : PRIORITIES.length;
    const pb = b.t.priority ? PRIORITY_RANK[b.t.priority] : PRIORITIES.length;
    if (pa !== pb) return pa - pb;
    const sa = a.f.plannedStart ?? a.t.start ?? '\uffff';
    const sb = b.f.plannedStart ?? b.t.start ?? '\uffff';
    if (sa !== sb) return sa < sb ? -1 : 1;
    return a.t.order - b.t.order;
  });
  return rows.map((r) => r.t);
}

/**
 * The ordered tasks with why. `statusOf` gives the effective status of any
 * task or milestone id (a milestone counts as done when its tasks are), so
 * "ready" means every dependency is effectively done or dropped.
 */
export function explainNextTasks(
  tasks: readonly Task[], personId: string, factsOf: (t: Task) => NextTaskFacts, isDone: (id: string) => boolean,
): NextTask[] {
  return orderNextTasks(tasks, personId, factsOf).map((task) => {
    const f = factsOf(task);
    const why: string[] = [];
    if (f.critical) why.push('critical path');
    if (task.priority) why.push(`priority ${task.priority}`);
    const waiting = task.depends.filter((d) => !isDone(d));
    why.push(waiting.length ? `waiting on ${waiting.join(', ')}` : 'ready');
    if (f.effective !== 'todo') why.push(f.effective);
    const start = f.plannedStart ?? task.start;
    if (start) why.push(`planned start ${start}`);
    return { task, why };
  });
}
