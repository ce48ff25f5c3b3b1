// Adapts the store's PlanSnapshots to the view model's PlanSource, and turns
// view nodes into TreeItems. The only place the tree touches `vscode` types
// besides the providers themselves.
import * as vscode from 'vscode';
import type { PlanSnapshot } from '../planStore';
import type { TaskStatus } from '../../core/model';
import type { PlanSource, ViewNode } from './model';
import { COMMANDS } from '../commands';
import { milestoneForecastJson } from '../../core/forecast/json';

export function folderKeyOf(snapshot: PlanSnapshot): string {
  return snapshot.folder.uri.toString();
}

/** Statuses being written, not yet re-read by the store (the plan writer's pending display). */
export type PendingLookup = (folderKey: string, currentText: string) => ReadonlyMap<string, TaskStatus> | undefined;

/** The view's input for one snapshot, or undefined when its project.yml could not be understood. */
export function sourceOf(snapshot: PlanSnapshot, pending?: PendingLookup): PlanSource | undefined {
  const plan = snapshot.plan;
  if (!plan) return undefined;
  const schedule = snapshot.schedule;
  return {
    key: folderKeyOf(snapshot),
    folderName: snapshot.folder.name,
    plan,
    today: snapshot.today,
    progress: snapshot.progress,
    pendingStatus: pending?.(folderKeyOf(snapshot), snapshot.parsed.text),
    sprint: (id) => snapshot.analysis?.sprints.find((s) => s.id === id),
    commitHours: (id) => snapshot.analysis?.actuals.tasks.get(id)?.hours,
    schedule: schedule && {
      task: (id) => schedule.tasks.get(id),
      // Health reads the forecast (analysis.health): the runs happen on the first milestone row drawn.
      milestone: (id) => {
        const ms = schedule.milestones.get(id);
        const mh = snapshot.analysis?.health.get(id);
        return ms && mh ? { ...ms, health: mh.health, healthOverridden: mh.healthOverridden, healthReasons: mh.healthReasons } : ms;
      },
      forecast: (id) => (snapshot.analysis ? milestoneForecastJson(snapshot.analysis.forecast, id) : undefined),
    },
  };
}

export function toTreeItem(node: ViewNode): vscode.TreeItem {
  const state = node.childCount === 0 ? vscode.TreeItemCollapsibleState.None
    : node.expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed;
  const item = new vscode.TreeItem(node.label, state);
  item.id = node.id;
  item.description = node.description;
  if (!node.lazyTooltip) item.tooltip = tooltipOf(node);
  if (node.icon) {
    item.iconPath = new vscode.ThemeIcon(node.icon.id, node.icon.color ? new vscode.ThemeColor(node.icon.color) : undefined);
  }
  item.contextValue = node.contextValue;
  item.accessibilityInformation = { label: node.accessibilityLabel, role: 'treeitem' };
  if (node.kind === 'task' || node.kind === 'risk') {
    // Enter or a click shows the item in project.yml (keeping focus in the tree for keyboard users).
    item.command = { command: COMMANDS.revealInFile, title: vscode.l10n.t('Reveal in project.yml'), arguments: [node, { preserveFocus: true }] };
  }
  return item;
}

/** The node's tooltip; for a `lazyTooltip` node the providers' resolveTreeItem calls this on hover. */
export function tooltipOf(node: ViewNode): vscode.MarkdownString {
  // Plan text is escaped by the model; the tooltip is untrusted (no command links) and renders no HTML.
  const tooltip = new vscode.MarkdownString(node.tooltip);
  tooltip.isTrusted = false;
  tooltip.supportHtml = false;
  return tooltip;
}
