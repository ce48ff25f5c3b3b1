// Registers the Gantt: the `waymark.openGantt` command (palette, Plan view
// toolbar, milestone context menu), the panel serializer that restores the
// chart after a reload, and hidden test hooks.
import * as vscode from 'vscode';
import type { PlanSnapshot, PlanStore } from '../planStore';
import type { PlanWriter } from '../planWriter';
import { isViewNode, resolveMilestone } from '../actions/targets';
import { GanttPanel, VIEW_TYPE, panelOptions } from './panel';
import { pickBaseline } from './baseline';
import { COMMANDS, TEST_COMMANDS } from '../commands';

let current: GanttPanel | undefined;

/** A milestone (or task) id from the command's argument: a Plan view node or an id. */
function focusOf(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (typeof arg === 'object' && arg !== null) {
    const n = arg as { milestoneId?: unknown; taskId?: unknown };
    if (typeof n.milestoneId === 'string') return n.milestoneId;
    if (typeof n.taskId === 'string') return n.taskId;
  }
  return undefined;
}

/** The plan to chart: a tree node's own plan, else the plan that has the focused id, else the active one. */
function planOf(store: PlanStore, arg: unknown, focus: string | undefined): PlanSnapshot | undefined {
  if (isViewNode(arg)) return resolveMilestone(store, arg)?.snapshot ?? store.forFolderKey(arg.folderKey);
  return focus ? store.all().find((s) => s.plan?.byId.has(focus)) : store.forUri();
}

function adopt(panel: GanttPanel): GanttPanel {
  current?.dispose();
  current = panel;
  panel.whenDisposed(() => { if (current === panel) current = undefined; });
  return panel;
}

/** Registers the commands; returns the panel serializer, which src/extension.ts registers at activation. */
export function registerGantt(context: vscode.ExtensionContext, writer: PlanWriter): vscode.WebviewPanelSerializer {
  const { store } = writer;
  const serializer: vscode.WebviewPanelSerializer = {
    // The webview restores its own view state (getState); the host only reconnects it.
    async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
      adopt(new GanttPanel(panel, context, writer, undefined));
    },
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openGantt, async (arg?: unknown) => {
      await store.ready();
      const focus = focusOf(arg);
      const snapshot = planOf(store, arg, focus);
      // The open chart serves unless the argument names another plan (multi-root).
      if (current && (!snapshot || current.shows(snapshot.fileUri))) {
        current.panel.reveal(undefined, false);
        current.focus(focus);
        return;
      }
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Gantt', vscode.ViewColumn.Active, panelOptions(context.extensionUri));
      adopt(new GanttPanel(panel, context, writer, snapshot?.fileUri)).focus(focus);
    }),
    // Test hooks: not contributed in package.json, so not in the palette.
    vscode.commands.registerCommand(TEST_COMMANDS.ganttState, () => current?.state()),
    vscode.commands.registerCommand(TEST_COMMANDS.ganttReceive, (message: unknown) => current?.receive(message)),
    vscode.commands.registerCommand(TEST_COMMANDS.ganttBaseline, async (ref: unknown) => {
      if (typeof ref !== 'string') return undefined;
      const answer = await pickBaseline(store, store.forUri(), ref);
      return answer;
    }),
    { dispose: () => current?.dispose() },
  );
  return serializer;
}
