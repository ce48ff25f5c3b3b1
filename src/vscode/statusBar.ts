// The current task in the status bar: taken from the checked-out branch's
// name (`PAY-12-login` -> PAY-12), with its status and progress. A click
// shows it in the Plan view. Hidden when the branch names no task.
import * as vscode from 'vscode';
import { preferredFirst, type PlanSnapshot, type PlanStore } from './planStore';
import type { Task } from '../core/model';
import { taskIdFromBranch } from './actions/naming';
import { branchOf } from './startWork';
import { escapeMarkdown, percent } from '../core/text';
import { folderKeyOf } from './tree/sources';
import { COMMANDS } from './commands';

export interface StatusBarState {
  readonly visible: boolean;
  readonly text: string;
  readonly taskId?: string;
  readonly branch?: string;
}

export interface StatusBarController {
  update(): Promise<void>;
  state(): StatusBarState;
}

let controller: StatusBarController | undefined;

/** The task the status bar shows (the checked-out branch's), if any. */
export function currentTaskId(): string | undefined {
  return controller?.state().taskId;
}

/** Refreshes the item now (Start Work calls it right after switching branches). */
export function updateStatusBar(): Promise<void> {
  return controller?.update() ?? Promise.resolve();
}

export function registerStatusBar(context: vscode.ExtensionContext, store: PlanStore, firstLookMs: number): StatusBarController {
  const item = vscode.window.createStatusBarItem('waymark.currentTask', vscode.StatusBarAlignment.Left, 50);
  item.name = vscode.l10n.t('Waymark: Current Task');
  let shown: StatusBarState = { visible: false, text: '' };
  let pending: Promise<void> | undefined;
  let again = false;

  const compute = async (): Promise<void> => {
    const found = await currentTask(store);
    if (!found) {
      item.hide();
      shown = { visible: false, text: '' };
      return;
    }
    const { snapshot, task, branch } = found;
    const p = snapshot.progress?.tasks.get(task.id);
    const effective = p?.effective ?? task.status;
    const share = p?.progress ?? task.progress;
    item.text = `$(target) ${task.id}${share !== undefined ? ` · ${percent(share)}` : ''}`;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = false;
    md.appendMarkdown(`**${escapeMarkdown(task.id)}** ${escapeMarkdown(task.title)}  \n`);
    md.appendMarkdown(`${effective !== task.status ? vscode.l10n.t('Status: {0} (project.yml says {1})', effective, task.status) : vscode.l10n.t('Status: {0}', effective)}  \n`);
    if (share !== undefined) md.appendMarkdown(`${vscode.l10n.t('Progress: {0}', percent(share))}  \n`);
    md.appendMarkdown(`${vscode.l10n.t('Branch: {0}', escapeMarkdown(branch))}  \n\n${vscode.l10n.t('Click to show it in the Plan view.')}`);
    item.tooltip = md;
    item.accessibilityInformation = {
      label: share !== undefined
        ? vscode.l10n.t('Current task {0}, {1}, {2}, {3} done. Show it in the Plan view.', task.id, task.title, effective, percent(share))
        : vscode.l10n.t('Current task {0}, {1}, {2}. Show it in the Plan view.', task.id, task.title, effective),
      role: 'button',
    };
    item.command = { command: COMMANDS.openTask, title: vscode.l10n.t('Show Task'), arguments: [{ taskId: task.id, folder: folderKeyOf(snapshot) }] };
    item.show();
    shown = { visible: true, text: item.text, taskId: task.id, branch };
  };

  // One computation at a time; a request during one runs once more after it.
  const update = (): Promise<void> => {
    if (pending) {
      again = true;
      return pending;
    }
    pending = compute()
      .catch(() => { item.hide(); shown = { visible: false, text: '' }; })
      .finally(() => {
        pending = undefined;
        if (again) { again = false; void update(); }
      });
    return pending;
  };

  let timer: NodeJS.Timeout | undefined;
  const soon = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => void update(), 200);
  };
  controller = { update, state: () => shown };
  context.subscriptions.push(
    item,
    store.onDidChange(soon),
    vscode.window.onDidChangeActiveTextEditor(soon),
    vscode.window.onDidChangeWindowState((e) => { if (e.focused) soon(); }),
    { dispose: () => { if (timer) clearTimeout(timer); controller = undefined; } },
  );
  // Shown without opening a view, but a little after start-up (firstLookMs: 2 s after activation) so
  // activation stays cheap (the store loads lazily).
  const first = setTimeout(() => void store.ready().then(update), firstLookMs);
  context.subscriptions.push({ dispose: () => clearTimeout(first) });
  return controller;
}

/** The task of the checked-out branch, preferring the plan of the active editor's folder. */
async function currentTask(store: PlanStore): Promise<{ snapshot: PlanSnapshot; task: Task; branch: string } | undefined> {
  if (!store.trusted) return undefined;
  const first = store.forUri();
  const order = preferredFirst(first, store.all());
  for (const snapshot of order) {
    const plan = snapshot.plan;
    if (!plan) continue;
    const branch = await branchOf(snapshot);
    const id = taskIdFromBranch(branch, plan.tasks.map((t) => t.id));
    const task = id ? plan.byId.get(id) : undefined;
    if (branch && task?.kind === 'task') return { snapshot, task, branch };
  }
  return undefined;
}
