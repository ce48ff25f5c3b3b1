// TreeDataProviders for the Plan and My Tasks views. Both rebuild their model
// lazily: a store change only marks them stale and fires the change event;
// the (cheap, pure) rebuild happens when VS Code next asks for children.
import * as vscode from 'vscode';
import type { PlanSnapshot, PlanStore } from '../planStore';
import type { PlanWriter } from '../planWriter';
import {
  buildMyTasks, buildPlanTree, describeFilter, isFilterActive,
  type GroupBy, type MyTasksModel, type TaskFilter, type TreeModel, type ViewNode,
} from './model';
import { sourceOf, toTreeItem, tooltipOf } from './sources';
import { readUserEmail, repoDirOf } from '../startWork';

/** Notes about the snapshots that every view shows: plans that do not parse, missing history. */
export function planNotes(snapshots: readonly PlanSnapshot[]): string[] {
  const multi = snapshots.length > 1;
  const notes: string[] = [];
  for (const s of snapshots) {
    const where = multi ? `${s.folder.name}: ` : '';
    if (!s.plan) {
      const first = s.parsed.diagnostics.find((d) => d.severity === 'error');
      notes.push(`${where}project.yml does not parse${first ? ` (line ${first.start.line}: ${first.message})` : ''}.`);
    } else if (s.historyNote) {
      notes.push(`${where}${s.historyNote}`);
    }
  }
  return notes;
}

abstract class BaseProvider<M extends TreeModel> implements vscode.TreeDataProvider<ViewNode>, vscode.Disposable {
  protected readonly emitter = new vscode.EventEmitter<ViewNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  protected current?: M;
  protected view?: vscode.TreeView<ViewNode>;
  protected readonly store: PlanStore;
  private readonly subscription: vscode.Disposable;
  private loaded = false;

  /** Redraws on every new snapshot, when a plan file turns out to be another tool's, and when the writer shows or drops statuses being written. */
  constructor(protected readonly writer: PlanWriter, private readonly viewId: string) {
    this.store = writer.store;
    this.subscription = vscode.Disposable.from(writer.store.onDidChange(() => this.invalidate()), writer.store.onDidDropPlan(() => this.invalidate()), writer.onDidChangePending(() => this.invalidate()));
  }

  /** The view's input for a snapshot, with the writer's pending statuses. */
  protected source(snapshot: PlanSnapshot) {
    return sourceOf(snapshot, (key, text) => this.writer.pendingStatus(key, text));
  }

  attach(view: vscode.TreeView<ViewNode>): void {
    this.view = view;
  }

  /** Marks the model stale and tells VS Code to ask again. */
  invalidate(): void {
    this.current = undefined;
    this.emitter.fire(undefined);
  }

  /** The model as of now, rebuilt when stale. */
  model(): M {
    if (!this.current) {
      this.current = this.build();
      this.decorate(this.current);
    }
    return this.current;
  }

  protected abstract build(): M;
  protected abstract decorate(model: M): void;

  getTreeItem(node: ViewNode): vscode.TreeItem {
    return toTreeItem(node);
  }

  /** On hover: the tooltips that cost a computation (a milestone's Monte Carlo range). */
  resolveTreeItem(item: vscode.TreeItem, node: ViewNode): vscode.TreeItem {
    if (item.tooltip === undefined) item.tooltip = tooltipOf(node);
    return item;
  }

  async getChildren(node?: ViewNode): Promise<ViewNode[]> {
    if (node) return node.children;
    if (!this.loaded) {
      // The first load parses project.yml and may scan a long history: show it in the view.
      await vscode.window.withProgress({ location: { viewId: this.viewId } }, () => this.store.ready());
      this.loaded = true;
    }
    return [...this.model().roots];
  }

  getParent(node: ViewNode): ViewNode | undefined {
    return node.parent;
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}

export class PlanTreeProvider extends BaseProvider<TreeModel> {
  groupBy: GroupBy = 'milestone';
  filter: TaskFilter = {};

  protected build(): TreeModel {
    const sources = this.store.all().map((s) => this.source(s)).filter((s) => s !== undefined);
    const showDone = vscode.workspace.getConfiguration('waymark').get<boolean>('showDoneTasks', true);
    return buildPlanTree(sources, { groupBy: this.groupBy, filter: this.filter, showDone });
  }

  protected decorate(model: TreeModel): void {
    if (!this.view) return;
    const snapshots = this.store.all();
    const notes = [...this.store.unreadable().map((u) => `${u.folder.name}: ${u.reason}`), ...planNotes(snapshots)];
    if (isFilterActive(this.filter)) {
      notes.unshift((model.hiddenTasks === 1 ? vscode.l10n.t('Filtered by {0}: 1 task hidden.', describeFilter(this.filter)) : vscode.l10n.t('Filtered by {0}: {1} tasks hidden.', describeFilter(this.filter), model.hiddenTasks)));
    } else if (model.hiddenTasks) {
      notes.push((model.hiddenTasks === 1 ? vscode.l10n.t('1 done or dropped task hidden (setting waymark.showDoneTasks).') : vscode.l10n.t('{0} done or dropped tasks hidden (setting waymark.showDoneTasks).', model.hiddenTasks)));
    }
    this.view.message = notes.join(' ') || undefined;
    const named = snapshots.filter((s) => s.plan);
    this.view.description = named.length === 1
      ? `${named[0].plan?.project.name}${this.groupBy !== 'milestone' ? ` · by ${this.groupBy}` : ''}`
      : named.length > 1 ? `${named.length} plans` : undefined;
  }

  setFilter(filter: TaskFilter): void {
    this.filter = filter;
    void vscode.commands.executeCommand('setContext', 'waymark.filtered', isFilterActive(filter));
    this.invalidate();
  }

  setGroupBy(groupBy: GroupBy): void {
    this.groupBy = groupBy;
    this.invalidate();
  }
}

export class MyTasksProvider extends BaseProvider<MyTasksModel> {
  /** `git config user.email` per repository directory; read again on every store change, used from cache meanwhile. */
  private readonly emails = new Map<string, string | undefined>();
  private readonly reading = new Set<string>();
  /** Read by loadEmails since the last invalidate: the build that follows need not spawn git again. */
  private readonly justRead = new Set<string>();

  override invalidate(): void {
    this.justRead.clear();
    super.invalidate();
  }

  protected build(): MyTasksModel {
    const inputs = this.store.all().flatMap((snapshot) => {
      const source = this.source(snapshot);
      if (!source) return [];
      const dir = this.store.trusted ? repoDirOf(snapshot) : undefined;
      if (dir && !this.justRead.delete(dir)) this.refreshEmail(dir);
      return [{ source, email: dir ? this.emails.get(dir) : undefined }];
    });
    return buildMyTasks(inputs);
  }

  protected decorate(model: MyTasksModel): void {
    if (!this.view) return;
    const notes: string[] = [];
    if (!this.store.trusted) notes.push(vscode.l10n.t('My Tasks needs a trusted workspace: it reads your git config user.email.'));
    else if (model.message) notes.push(model.message);
    this.view.message = notes.join(' ') || undefined;
    const snapshots = this.store.all().filter((s) => s.plan);
    this.view.description = snapshots.length === 1 ? snapshots[0].plan?.project.name : snapshots.length > 1 ? `${snapshots.length} plans` : undefined;
  }

  /** Awaits the email of every plan's repository (tests and the first render call this). */
  async loadEmails(): Promise<void> {
    await this.store.ready();
    await Promise.all(this.store.all().map(async (s) => {
      const dir = this.store.trusted ? repoDirOf(s) : undefined;
      if (dir && !this.emails.has(dir)) {
        this.emails.set(dir, await readUserEmail(dir));
        this.justRead.add(dir);
      }
    }));
  }

  override async getChildren(node?: ViewNode): Promise<ViewNode[]> {
    if (!node) await this.loadEmails();
    return super.getChildren(node);
  }

  private refreshEmail(dir: string): void {
    if (this.reading.has(dir)) return;
    this.reading.add(dir);
    void readUserEmail(dir).then((email) => {
      this.reading.delete(dir);
      const had = this.emails.has(dir);
      if (had && this.emails.get(dir) === email) return;
      this.emails.set(dir, email);
      if (had) this.invalidate();
    });
  }
}
