// What the plan store knows about a task (effective status, progress, commits,
// float), for the hover and the CodeLens of the document it owns.
import type { PlanSnapshot } from '../planStore';
import type { TaskFacts } from './hoverText';

export function taskFacts(snap: PlanSnapshot | undefined, taskId: string): TaskFacts {
  if (!snap) return {};
  const p = snap.progress?.tasks.get(taskId);
  const s = snap.schedule?.tasks.get(taskId);
  return {
    effective: p?.effective,
    progress: p?.progress,
    // Without a history scan there are no commits to count: say why instead of "0 commits".
    commits: snap.history && p ? p.commits.length : undefined,
    float: s && !s.dropped ? s.float : undefined,
    critical: s?.critical,
    historyNote: snap.history ? undefined : snap.historyNote,
  };
}
