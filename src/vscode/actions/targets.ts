// What a command acts on. Every task command accepts, as its first argument,
// a tree node, a task id (`'PAY-12'`), `{ taskId, folder? }` (folder: the
// workspace folder's URI string) or nothing (then a quick pick of tasks). From
// a tree with several items selected, VS Code passes the selection as the
// second argument, and the command acts on all of them.
import * as vscode from 'vscode';
import { preferredFirst, type PlanSnapshot, type PlanStore } from '../planStore';
import type { Milestone, Task, TaskStatus } from '../../core/model';
import type { ViewNode } from '../tree/model';
import { statusIcon } from '../presentation';
import { folderKeyOf } from '../tree/sources';
import { selectedTaskNodes } from '../tree/selection';

export interface TaskTarget {
  readonly snapshot: PlanSnapshot;
  readonly task: Task;
}

export interface TaskRefArg {
  readonly taskId: string;
  readonly folder?: string;
}

export function isViewNode(x: unknown): x is ViewNode {
  return typeof x === 'object' && x !== null && typeof (x as ViewNode).id === 'string'
    && typeof (x as ViewNode).folderKey === 'string' && typeof (x as ViewNode).kind === 'string';
}

function snapshotForKey(store: PlanStore, key: string | undefined): PlanSnapshot | undefined {
  return key === undefined ? undefined : store.forFolderKey(key);
}

/** One argument to a task, when it names one that exists. */
export function resolveTask(store: PlanStore, arg: unknown): TaskTarget | undefined {
  let taskId: string | undefined;
  let folder: string | undefined;
  if (typeof arg === 'string') taskId = arg.trim();
  else if (isViewNode(arg)) { taskId = arg.taskId; folder = arg.folderKey; }
  else if (typeof arg === 'object' && arg !== null && typeof (arg as TaskRefArg).taskId === 'string') {
    taskId = (arg as TaskRefArg).taskId;
    folder = typeof (arg as TaskRefArg).folder === 'string' ? (arg as TaskRefArg).folder : undefined;
  }
  if (!taskId) return undefined;
  const snapshot = snapshotForKey(store, folder);
  if (snapshot) {
    const item = snapshot.plan?.byId.get(taskId);
    return item?.kind === 'task' ? { snapshot, task: item } : undefined;
  }
  return store.findTask(taskId);
}

/**
 * The tasks a command acts on: the tree selection when the clicked node is
 * part of it, else the one argument, else what the user picks (undefined when
 * they cancel). Unknown ids are reported, not ignored.
 */
export async function resolveTargets(store: PlanStore, arg: unknown, selection: unknown, placeHolder: string): Promise<TaskTarget[] | undefined> {
  await store.ready();
  if (Array.isArray(selection) && selection.length > 1 && isViewNode(arg) && selection.some((n) => isViewNode(n) && n.id === arg.id)) {
    const targets = selection.filter(isViewNode).filter((n) => n.kind === 'task').map((n) => resolveTask(store, n)).filter((t) => t !== undefined);
    if (targets.length) return targets;
  }
  if (arg !== undefined && arg !== null) {
    const one = resolveTask(store, arg);
    if (!one) {
      const name = typeof arg === 'string' ? arg : isViewNode(arg) ? arg.label : JSON.stringify(arg);
      void vscode.window.showErrorMessage(vscode.l10n.t('Waymark: there is no task \'{0}\' in project.yml.', name));
      return undefined;
    }
    return [one];
  }
  return pickTasks(store, placeHolder);
}

interface TaskPick extends vscode.QuickPickItem {
  readonly targets: TaskTarget[];
}

/**
 * A quick pick of tasks; when tasks are selected in a visible Waymark view,
 * the first entry stands for that selection (so Enter acts on it).
 */
export async function pickTasks(store: PlanStore, placeHolder: string, filter?: (t: TaskTarget) => boolean): Promise<TaskTarget[] | undefined> {
  const snapshots = store.all().filter((s) => s.plan);
  if (!snapshots.length) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Waymark: no project.yml with tasks in this workspace.'));
    return undefined;
  }
  const multi = snapshots.length > 1;
  const items: TaskPick[] = [];
  const selected = selectedTaskNodes().map((n) => resolveTask(store, n)).filter((t) => t !== undefined).filter((t) => !filter || filter(t));
  if (selected.length) {
    items.push({
      label: `$(check-all) ${selected.length === 1 ? vscode.l10n.t('The selected task') : vscode.l10n.t('The {0} selected tasks', selected.length)}`,
      description: selected.map((t) => t.task.id).join(', '),
      targets: selected,
    });
    items.push({ label: vscode.l10n.t('All tasks'), kind: vscode.QuickPickItemKind.Separator, targets: [] });
  }
  for (const snapshot of snapshots) {
    for (const task of snapshot.plan?.tasks ?? []) {
      const target = { snapshot, task };
      if (filter && !filter(target)) continue;
      const status = effectiveStatus(snapshot, task);
      items.push({
        label: `$(${statusIcon(status).id}) ${task.id}`,
        description: task.title,
        detail: [status, task.assignee, task.milestone ?? 'backlog', multi ? snapshot.folder.name : undefined].filter(Boolean).join(' · '),
        targets: [target],
      });
    }
  }
  const pick = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true, matchOnDetail: true });
  return pick?.targets.length ? pick.targets : undefined;
}

export function effectiveStatus(snapshot: PlanSnapshot, task: Task): TaskStatus {
  return snapshot.progress?.tasks.get(task.id)?.effective ?? task.status;
}

/**
 * A milestone argument (tree node or id), or undefined. A node names its plan
 * (folderKey); an id is looked up in `preferred` first, then in every plan.
 */
export function resolveMilestone(store: PlanStore, arg: unknown, preferred?: PlanSnapshot): { snapshot: PlanSnapshot; milestone: Milestone } | undefined {
  let id: string | undefined;
  let folder: string | undefined;
  if (typeof arg === 'string') id = arg;
  else if (isViewNode(arg)) { id = arg.milestoneId; folder = arg.folderKey; }
  if (!id) return undefined;
  const order = folder ? store.all().filter((s) => folderKeyOf(s) === folder) : preferredFirst(preferred, store.all());
  for (const snapshot of order) {
    const m = snapshot.plan?.milestones.find((x) => x.id === id);
    if (m) return { snapshot, milestone: m };
  }
  return undefined;
}

/** Groups targets by plan (folder key -> task ids) so each plan gets one edit (one undo step, one write). */
export function byPlan(targets: readonly TaskTarget[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const t of targets) {
    const key = folderKeyOf(t.snapshot);
    const list = out.get(key);
    if (list) list.push(t.task.id);
    else out.set(key, [t.task.id]);
  }
  return out;
}
