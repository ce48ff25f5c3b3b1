// Actual hours per task from the commits' time lines (timeSpent.ts): each
// commit's hours are split evenly across the tasks it references. A line we
// cannot read is left out with a warning that names the commit, never fatal.
// Combined with a task's declared `spent` (docs/format.md): the declared
// figure wins where it is given (it is the team's own total), the commits'
// hours count where it is not.
import type { Plan, Task } from './model';
import type { HistoryScan } from './git/history';
import { round2 } from './numbers';
import { readTime } from './timeSpent';

export interface TaskActuals {
  /** Hours from commits, split evenly across each commit's tasks. */
  readonly hours: number;
  /** The commits that stated time, with this task's share, oldest first. */
  readonly commits: readonly { readonly sha: string; readonly hours: number }[];
}

export interface Actuals {
  readonly tasks: ReadonlyMap<string, TaskActuals>;
  /** Malformed time lines, one message each, naming the commit. */
  readonly warnings: readonly string[];
}

export function computeActuals(plan: Plan, history: HistoryScan | undefined): Actuals {
  const tasks = new Map<string, { hours: number; commits: { sha: string; hours: number }[] }>();
  const warnings: string[] = [];
  const hoursPerDay = plan.project.calendar.hoursPerDay || 8;
  const seen = new Set<string>();
  for (const c of history?.commits ?? []) {
    if (!c.time || seen.has(c.sha)) continue;
    seen.add(c.sha);
    const { hours, malformed } = readTime(c.time, hoursPerDay);
    for (const line of malformed) {
      warnings.push(`commit ${c.sha.slice(0, 7)} ("${c.subject}"): '${line}' is not a time spent (write e.g. Time: 1h30m, Spent: 2h or #time 1d 4h); ignored`);
    }
    const ids = c.refs.map((r) => r.taskId).filter((id) => plan.byId.get(id)?.kind === 'task');
    if (!(hours > 0) || ids.length === 0) continue;
    const share = hours / ids.length;
    for (const id of ids) {
      let t = tasks.get(id);
      if (!t) tasks.set(id, (t = { hours: 0, commits: [] }));
      t.hours += share;
      t.commits.push({ sha: c.sha, hours: round2(share) });
    }
  }
  const rounded = new Map<string, TaskActuals>();
  for (const [id, t] of tasks) rounded.set(id, { hours: round2(t.hours), commits: t.commits });
  return { tasks: rounded, warnings };
}

/** The hours a task actually took: declared `spent`, else the commits' hours, else undefined. */
export function actualHoursOf(spent: number | undefined, fromCommits: number | undefined): number | undefined {
  return spent ?? fromCommits;
}

/** A task's fields in the status JSON (docs/status-json.md). */
export function taskActualsJson(task: Task, actuals: Actuals): { actualHours: number | null; commitHours: number | null } {
  const fromCommits = actuals.tasks.get(task.id)?.hours;
  return { actualHours: actualHoursOf(task.spent, fromCommits) ?? null, commitHours: fromCommits ?? null };
}
