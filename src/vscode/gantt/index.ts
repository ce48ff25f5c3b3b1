// Registers the Gantt: the `waymark.openGantt` command (palette, Plan view
// toolbar, milestone context menu), the panel serializer that restores the
// chart after a reload, and hidden test hooks.
import * as vscode from 'vscode';
import type { PlanWriter } from '../planWriter';
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

function adopt(panel: GanttPanel): GanttPanel {
  current?.dispose();
  current = panel;
  panel.whenDisposed(() => { if (current === panel) current = undefined; });
  return panel;
}

export function registerGantt(context: vscode.ExtensionContext, writer: PlanWriter): void {
  const { store } = writer;
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openGantt, async (arg?: unknown) => {
      await store.ready();
      const focus = focusOf(arg);
      if (current) {
        current.panel.reveal(undefined, false);
        current.focus(focus);
        return;
      }
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, 'Gantt', vscode.ViewColumn.Active, panelOptions(context.extensionUri));
      const snapshot = focus ? store.all().find((s) => s.plan?.byId.has(focus)) : store.forUri();
      adopt(new GanttPanel(panel, context, writer, snapshot?.fileUri)).focus(focus);
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      // The webview restores its own view state (getState); the host only reconnects it.
      async deserializeWebviewPanel(panel: vscode.WebviewPanel): Promise<void> {
        adopt(new GanttPanel(panel, context, writer, undefined));
      },
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
}
