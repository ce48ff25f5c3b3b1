// Statuses written by an action but not yet re-read by the store. Re-parsing
// a plan of thousands of tasks takes longer than a tree refresh should, so the
// views show the new status at once; the entry stays valid only while the
// store still holds the text it was made against, so the next snapshot (the
// truth) always wins, and a refused edit is cleared by the action.
import type { TaskStatus } from '../../core/model';

interface Entry {
  readonly base: string;
  readonly statuses: Map<string, TaskStatus>;
}

const byFolder = new Map<string, Entry>();

export function setPendingStatus(folderKey: string, baseText: string, taskIds: readonly string[], status: TaskStatus): void {
  let entry = byFolder.get(folderKey);
  if (!entry || entry.base !== baseText) byFolder.set(folderKey, (entry = { base: baseText, statuses: new Map() }));
  for (const id of taskIds) entry.statuses.set(id, status);
}

/** The pending statuses of a folder, while its plan text is still `currentText`. */
export function pendingStatus(folderKey: string, currentText: string): ReadonlyMap<string, TaskStatus> | undefined {
  const entry = byFolder.get(folderKey);
  if (!entry) return undefined;
  if (entry.base !== currentText) {
    byFolder.delete(folderKey);
    return undefined;
  }
  return entry.statuses;
}

export function clearPendingStatus(folderKey: string): void {
  byFolder.delete(folderKey);
}
