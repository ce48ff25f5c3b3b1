// Registers the board: the `waymark.openBoard` command (palette, Plan view
// toolbar, milestone context menu), one panel per plan (multi-root: one per
// folder with a project.yml, titled by the folder), the serializer that
// reconnects boards after a reload, and hidden test hooks.
import * as vscode from 'vscode';
import type { PlanWriter } from '../planWriter';
import type { PlanSnapshot, PlanStore } from '../planStore';
import { BoardPanel, VIEW_TYPE, panelOptions, boardTitle } from './panel';
import { validateViewState } from '../../protocol/board';
import { COMMANDS, TEST_COMMANDS } from '../commands';

/** Open boards by project.yml URI; `last` is the one the test hooks talk to. */
const boards = new Map<string, BoardPanel>();
let last: BoardPanel | undefined;

/** What the command was given: a Plan view node ({ folderKey, milestoneId }), a milestone or task id, or nothing. */
function targetOf(arg: unknown): { folderKey?: string; milestone?: string; id?: string } {
  if (typeof arg === 'string') return { id: arg };
  if (typeof arg !== 'object' || arg === null) return {};
  const n = arg as { folderKey?: unknown; milestoneId?: unknown; taskId?: unknown };
  return {
    folderKey: typeof n.folderKey === 'string' ? n.folderKey : undefined,
    milestone: typeof n.milestoneId === 'string' ? n.milestoneId : undefined,
    id: typeof n.taskId === 'string' ? n.taskId : undefined,
  };
}

async function pickPlan(store: PlanStore, target: ReturnType<typeof targetOf>): Promise<PlanSnapshot | undefined> {
  const all = store.all();
  if (target.folderKey) return all.find((s) => s.folder.uri.toString() === target.folderKey);
  const ref = target.milestone ?? target.id;
  if (ref) {
    const found = all.find((s) => s.plan?.byId.has(ref));
    if (found) return found;
  }
  if (all.length <= 1) return all[0];
  const active = vscode.window.activeTextEditor ? store.forUri(vscode.window.activeTextEditor.document.uri) : undefined;
  if (active && vscode.window.activeTextEditor?.document.uri.toString() === active.fileUri.toString()) return active;
  const pick = await vscode.window.showQuickPick(all.map((s) => ({ label: s.folder.name, description: vscode.workspace.asRelativePath(s.fileUri), s })), { placeHolder: vscode.l10n.t('Open the board of which plan?') });
  return pick?.s;
}

function adopt(panel: BoardPanel): BoardPanel {
  const key = panel.fileUri.toString();
  boards.get(key)?.dispose();
  boards.set(key, panel);
  last = panel;
  panel.panel.onDidChangeViewState((e) => { if (e.webviewPanel.active) last = panel; });
  panel.whenDisposed(() => {
    if (boards.get(key) === panel) boards.delete(key);
    if (last === panel) last = [...boards.values()].pop();
  });
  return panel;
}

/** Registers the commands; returns the panel serializer, which src/extension.ts registers at activation. */
export function registerBoard(context: vscode.ExtensionContext, writer: PlanWriter): vscode.WebviewPanelSerializer {
  const { store } = writer;
  const serializer: vscode.WebviewPanelSerializer = {
    // The webview restores its own view state; the host reconnects it to its plan (the state's file).
    async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown): Promise<void> {
      await store.ready();
      const file = !validateViewState(state) ? (state as { file: string }).file : '';
      const snapshot = store.all().find((s) => s.fileUri.toString() === file) ?? (store.all().length === 1 ? store.all()[0] : undefined);
      if (!snapshot) { panel.dispose(); return; }
      adopt(new BoardPanel(panel, context, writer, snapshot.fileUri));
    },
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.openBoard, async (arg?: unknown) => {
      await store.ready();
      const target = targetOf(arg);
      const snapshot = await pickPlan(store, target);
      if (!snapshot) {
        if (store.all().length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Waymark: there is no project.yml in this workspace.'));
        return;
      }
      const open = boards.get(snapshot.fileUri.toString());
      if (open) {
        open.panel.reveal(undefined, false);
        last = open;
        open.focus(target);
        return;
      }
      const panel = vscode.window.createWebviewPanel(VIEW_TYPE, boardTitle(snapshot.folder.name), vscode.ViewColumn.Active, panelOptions(context.extensionUri));
      adopt(new BoardPanel(panel, context, writer, snapshot.fileUri)).focus(target);
    }),
    // Test hooks: not contributed in package.json, so not in the palette.
    vscode.commands.registerCommand(TEST_COMMANDS.boardState, () => last?.state()),
    vscode.commands.registerCommand(TEST_COMMANDS.boardReceive, (message: unknown) => last?.receive(message)),
    { dispose: () => { for (const b of [...boards.values()]) b.dispose(); } },
  );
  return serializer;
}
