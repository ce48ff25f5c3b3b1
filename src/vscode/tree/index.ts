// Registers the Plan and My Tasks views and the commands that belong to them:
// filter, clear filter, group by, show task (reveal in the tree), show first
// problem. Also starts the status bar item. The two views themselves are made at
// activation (src/extension.ts, lazyTree.ts); their providers are attached here.
import * as vscode from 'vscode';
import type { PlanStore } from '../planStore';
import type { PlanWriter } from '../planWriter';
import { TASK_STATUSES } from '../../core/model';
import { GROUP_BYS, describeFilter, isFilterActive, tagsOf, taskKey, type GroupBy, type TaskFilter, type ViewNode } from './model';
import { statusIcon } from '../presentation';
import { MyTasksProvider, PlanTreeProvider } from './providers';
import { folderKeyOf } from './sources';
import { registerStatusBar, type StatusBarState } from '../statusBar';
import type { LazyTree } from './lazyTree';
import { resolveTask } from '../actions/targets';
import { addSelectionSource } from './selection';
import { COMMANDS, TEST_COMMANDS } from '../commands';

const GROUP_BY_KEY = 'waymark.groupBy';

export interface Views {
  readonly plan: PlanTreeProvider;
  readonly myTasks: MyTasksProvider;
  readonly planView: vscode.TreeView<ViewNode>;
  readonly myTasksView: vscode.TreeView<ViewNode>;
  /** Shows a task in the Plan view (clearing a filter that hides it). False when it is not there. */
  revealTask(folderKey: string, taskId: string): Promise<boolean>;
}

let current: Views | undefined;

/** The registered views, for actions that reveal what they changed. */
export function views(): Views | undefined {
  return current;
}

/** What activation made for the views: the two tree views, waiting for their providers. */
export interface ViewsAtActivation {
  readonly plan: LazyTree<ViewNode>;
  readonly myTasks: LazyTree<ViewNode>;
  /** When the status bar first looks at the plan, in ms from now (2 s after activation). */
  readonly statusBarDelayMs: number;
}

export function registerViews(context: vscode.ExtensionContext, writer: PlanWriter, made: ViewsAtActivation): void {
  const { store } = writer;
  const plan = new PlanTreeProvider(writer, 'waymark.plan');
  const myTasks = new MyTasksProvider(writer, 'waymark.myTasks');
  const saved = context.workspaceState.get<string>(GROUP_BY_KEY);
  if (saved && (GROUP_BYS as readonly string[]).includes(saved)) plan.groupBy = saved as GroupBy;
  const planView = made.plan.view;
  const myTasksView = made.myTasks.view;
  made.plan.attach(plan);
  made.myTasks.attach(myTasks);
  plan.attach(planView);
  myTasks.attach(myTasksView);
  void vscode.commands.executeCommand('setContext', 'waymark.filtered', false);

  const revealTask = async (folderKey: string, taskId: string): Promise<boolean> => {
    await store.ready();
    let node = plan.model().tasks.get(taskKey(folderKey, taskId));
    if (!node && isFilterActive(plan.filter)) {
      plan.setFilter({});
      node = plan.model().tasks.get(taskKey(folderKey, taskId));
    }
    if (!node) return false;
    await planView.reveal(node, { select: true, focus: true, expand: true });
    return true;
  };
  current = { plan, myTasks, planView, myTasksView, revealTask };
  for (const view of [planView, myTasksView]) context.subscriptions.push(addSelectionSource(() => (view.visible ? view.selection : [])));
  const statusBar = registerStatusBar(context, store, made.statusBarDelayMs);

  context.subscriptions.push(
    plan, myTasks,
    { dispose: () => { current = undefined; } },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('waymark.showDoneTasks')) plan.invalidate();
    }),
    vscode.commands.registerCommand(COMMANDS.filter, (arg?: unknown) => filterCommand(store, plan, arg)),
    vscode.commands.registerCommand(COMMANDS.clearFilter, () => plan.setFilter({})),
    vscode.commands.registerCommand(COMMANDS.groupBy, async (arg?: unknown) => {
      let choice = typeof arg === 'string' && (GROUP_BYS as readonly string[]).includes(arg) ? arg as GroupBy : undefined;
      if (!choice) {
        const pick = await vscode.window.showQuickPick(GROUP_BYS.map((g) => ({
          label: `$(${g === 'milestone' ? 'milestone' : g === 'assignee' ? 'person' : 'history'}) By ${g}`,
          description: g === plan.groupBy ? '(current)' : undefined,
          g,
        })), { placeHolder: vscode.l10n.t('Group the Plan view') });
        if (!pick) return;
        choice = pick.g;
      }
      plan.setGroupBy(choice);
      await context.workspaceState.update(GROUP_BY_KEY, choice);
    }),
    vscode.commands.registerCommand(COMMANDS.openTask, async (arg?: unknown) => {
      await store.ready();
      const t = resolveTask(store, arg);
      if (!t) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Waymark: there is no task \'{0}\' in project.yml.', typeof arg === 'string' ? arg : JSON.stringify(arg)));
        return false;
      }
      if (await revealTask(folderKeyOf(t.snapshot), t.task.id)) return true;
      // Hidden (done tasks are switched off): show it in the file instead.
      return vscode.commands.executeCommand(COMMANDS.revealInFile, t.task.id);
    }),
    vscode.commands.registerCommand(COMMANDS.showFirstProblem, () => showFirstProblem(store)),
    // Test hook (not in package.json, so not in the palette): the views as plain data.
    vscode.commands.registerCommand(TEST_COMMANDS.planState, async (): Promise<ViewsState> => {
      await store.ready();
      await myTasks.loadEmails();
      await statusBar.update();
      const dump = (n: ViewNode): NodeState => ({
        id: n.id, kind: n.kind, folderKey: n.folderKey, label: n.label, description: n.description, tooltip: n.tooltip,
        icon: n.icon?.id, iconColor: n.icon?.color, contextValue: n.contextValue, accessibilityLabel: n.accessibilityLabel,
        taskId: n.taskId, milestoneId: n.milestoneId, riskId: n.riskId, children: n.children.map(dump),
      });
      return {
        plan: plan.model().roots.map(dump), planMessage: planView.message, planDescription: planView.description,
        myTasks: myTasks.model().roots.map(dump), myTasksMessage: myTasksView.message,
        groupBy: plan.groupBy, filter: plan.filter, statusBar: statusBar.state(),
      };
    }),
  );
}

/** A view node as plain data; it also works as a command argument (it has id, kind and folderKey). */
export interface NodeState {
  id: string; kind: string; folderKey: string; label: string; description?: string; tooltip: string; icon?: string; iconColor?: string;
  contextValue?: string; accessibilityLabel: string; taskId?: string; milestoneId?: string; riskId?: string; children: NodeState[];
}
export interface ViewsState {
  plan: NodeState[]; planMessage?: string; planDescription?: string; myTasks: NodeState[]; myTasksMessage?: string;
  groupBy: GroupBy; filter: TaskFilter; statusBar: StatusBarState;
}

/** `waymark.filter(filter?)`: with a TaskFilter object, applies it (merged with the current one); else asks. */
async function filterCommand(store: PlanStore, plan: PlanTreeProvider, arg?: unknown): Promise<void> {
  await store.ready();
  if (typeof arg === 'object' && arg !== null) {
    plan.setFilter(sanitizeFilter({ ...plan.filter, ...(arg as TaskFilter) }));
    return;
  }
  const f = plan.filter;
  type Kind = 'assignee' | 'status' | 'tag' | 'text' | 'clear';
  const kinds: (vscode.QuickPickItem & { what: Kind })[] = [
    { label: '$(person) Assignee…', description: f.assignee !== undefined ? f.assignee || 'unassigned' : undefined, what: 'assignee' },
    { label: '$(circle-large-outline) Status…', description: f.status, what: 'status' },
    { label: '$(tag) Tag…', description: f.tag, what: 'tag' },
    { label: '$(search) Text…', description: f.text, what: 'text' },
    ...(isFilterActive(f) ? [{ label: '$(clear-all) Clear Filter', description: describeFilter(f), what: 'clear' as const }] : []),
  ];
  const kind = await vscode.window.showQuickPick(kinds, { placeHolder: vscode.l10n.t('Filter the Plan view by') });
  if (!kind) return;
  const plans = store.all().flatMap((s) => (s.plan ? [s.plan] : []));
  const next: { -readonly [K in keyof TaskFilter]: TaskFilter[K] } = { ...f };
  if (kind.what === 'clear') {
    plan.setFilter({});
    return;
  } else if (kind.what === 'assignee') {
    const people = [...new Set(plans.flatMap((p) => [...p.people.map((x) => x.id), ...p.tasks.map((t) => t.assignee ?? '')]))].filter(Boolean);
    const pick = await vscode.window.showQuickPick([
      { label: '$(filter) Any assignee', value: undefined as string | undefined },
      ...people.map((id) => ({ label: `$(person) ${id}`, value: id as string | undefined })),
      { label: '$(circle-slash) Unassigned', value: '' as string | undefined },
    ], { placeHolder: vscode.l10n.t('Show the tasks of') });
    if (!pick) return;
    next.assignee = pick.value;
  } else if (kind.what === 'status') {
    const pick = await vscode.window.showQuickPick([
      { label: '$(filter) Any status', value: undefined as (typeof TASK_STATUSES)[number] | undefined },
      ...TASK_STATUSES.map((s) => ({ label: `$(${statusIcon(s).id}) ${s}`, value: s as (typeof TASK_STATUSES)[number] | undefined })),
    ], { placeHolder: vscode.l10n.t('Show tasks whose status (from commits where they say more) is') });
    if (!pick) return;
    next.status = pick.value;
  } else if (kind.what === 'tag') {
    const tags = [...new Set(plans.flatMap(tagsOf))];
    const pick = await vscode.window.showQuickPick([
      { label: '$(filter) Any tag', value: undefined as string | undefined },
      ...tags.map((t) => ({ label: `$(tag) ${t}`, value: t as string | undefined })),
    ], { placeHolder: tags.length ? vscode.l10n.t('Show tasks tagged') : vscode.l10n.t('No task has tags') });
    if (!pick) return;
    next.tag = pick.value;
  } else {
    const text = await vscode.window.showInputBox({ title: vscode.l10n.t('Filter tasks by text'), prompt: vscode.l10n.t('Part of a task id, title or description. Empty: any.'), value: f.text ?? '' });
    if (text === undefined) return;
    next.text = text.trim() || undefined;
  }
  plan.setFilter(sanitizeFilter(next));
}

function sanitizeFilter(f: TaskFilter): TaskFilter {
  return {
    assignee: typeof f.assignee === 'string' ? f.assignee : undefined,
    status: typeof f.status === 'string' && (TASK_STATUSES as readonly string[]).includes(f.status) ? f.status : undefined,
    tag: typeof f.tag === 'string' && f.tag ? f.tag : undefined,
    text: typeof f.text === 'string' && f.text.trim() ? f.text.trim() : undefined,
  };
}

/** Opens project.yml at its first error (else warning), for the welcome view's link. */
async function showFirstProblem(store: PlanStore): Promise<boolean> {
  await store.ready();
  const rank = { error: 0, warning: 1, info: 2 } as const;
  let best: { uri: vscode.Uri; line: number; col: number; endLine: number; endCol: number; message: string; r: number } | undefined;
  for (const s of store.all()) {
    for (const d of s.parsed.diagnostics) {
      const r = rank[d.severity];
      if (!best || r < best.r) best = { uri: s.fileUri, line: d.start.line, col: d.start.col, endLine: d.end.line, endCol: d.end.col, message: d.message, r };
      if (r === 0) break;
    }
    if (best?.r === 0) break;
  }
  if (!best) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Waymark: project.yml has no problems.'));
    return false;
  }
  const doc = await vscode.workspace.openTextDocument(best.uri);
  const range = new vscode.Range(best.line - 1, best.col - 1, best.endLine - 1, best.endCol - 1);
  await vscode.window.showTextDocument(doc, { selection: range });
  vscode.window.setStatusBarMessage(`$(error) ${best.message}`, 8000);
  return true;
}
