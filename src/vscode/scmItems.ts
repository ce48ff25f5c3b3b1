// What the commit-message completion offers, as plain data (no `vscode`
// import, unit-tested): every task id, the checked-out branch's task first,
// then open work (in progress, review, blocked, todo), then closed tasks; and
// the closing words from the settings.
import type { Plan, TaskStatus } from '../core/model';
import { closingWordSuggestions } from './actions/naming';
import * as l10n from '@vscode/l10n';

export interface CommitCompletion {
  readonly kind: 'task' | 'closing-word';
  readonly label: string;
  /** The task's title (tasks only). */
  readonly description?: string;
  readonly detail: string;
  readonly sortText: string;
  readonly filterText: string;
}

const RANK: Record<TaskStatus, number> = { 'in-progress': 1, 'review': 2, 'blocked': 3, 'todo': 4, 'done': 8, 'dropped': 9 };

export function commitCompletions(
  plans: readonly { plan: Plan; effective(taskId: string): TaskStatus | undefined }[],
  currentTaskId: string | undefined,
  closingWords: readonly string[],
): CommitCompletion[] {
  const out: CommitCompletion[] = [];
  for (const { plan, effective } of plans) {
    for (const task of plan.tasks) {
      const status = effective(task.id) ?? task.status;
      out.push({
        kind: 'task',
        label: task.id,
        description: task.title,
        detail: [task.id === currentTaskId ? l10n.t('current branch') : '', status, task.assignee].filter(Boolean).join(' · '),
        sortText: `${task.id === currentTaskId ? 0 : RANK[status]}-${String(task.order).padStart(6, '0')}`,
        filterText: `${task.id} ${task.title}`,
      });
    }
  }
  for (const w of closingWordSuggestions(closingWords)) {
    out.push({
      kind: 'closing-word',
      label: w,
      detail: l10n.t('closing word: the task is done once this commit is on the default branch'),
      sortText: `7-${w}`,
      filterText: w,
    });
  }
  return out;
}
