// "Create project.yml": scaffolds a commented starter plan, the welcome view's action,
// and offers the git merge driver for it (the same setup as `waymark init`).
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { PlanStore } from './planStore';
import { localToday } from '../core/calendar';
import { COMMANDS } from './commands';
import { starterPlan } from '../core/starterPlan';
import { driverCommand, setupMerge } from '../core/merge/setup';

export function registerProjectScaffold(context: vscode.ExtensionContext, store: PlanStore): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.createProjectFile, async (folderArg?: vscode.Uri, options: { setUpMerge?: boolean } = {}) => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    let folder = folderArg ? vscode.workspace.getWorkspaceFolder(folderArg) : undefined;
    if (!folder) {
      if (folders.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a folder first: project.yml lives in the repository.'));
        return undefined;
      }
      folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: vscode.l10n.t('Folder for project.yml') });
      if (!folder) return undefined;
    }
    const uri = vscode.Uri.joinPath(folder.uri, 'project.yml');
    try {
      await vscode.workspace.fs.stat(uri);
      void vscode.window.showInformationMessage(vscode.l10n.t('{0} already exists; opening it.', vscode.workspace.asRelativePath(uri)));
    } catch {
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(starterPlan(folder.name, localToday())) });
      await vscode.workspace.applyEdit(edit);
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    await doc.save();
    await vscode.window.showTextDocument(doc);
    await store.refresh();
    const setUp = () => setUpMerge(context, folder);
    if (options.setUpMerge === true) await setUp();
    else if (options.setUpMerge === undefined && vscode.workspace.isTrusted) {
      // Not awaited: the file is open; the offer waits for the user without holding the command.
      void vscode.window.showInformationMessage(vscode.l10n.t('Merge project.yml by meaning when branches meet? Waymark can set up its git merge driver in this repository (.gitattributes and git config).'), vscode.l10n.t('Set Up Merge'), vscode.l10n.t('Not Now'))
        .then((choice) => (choice === 'Set Up Merge' ? setUp() : undefined));
    }
    return uri;
  }));
}

/**
 * `waymark init`'s merge setup, run with the CLI inside this extension:
 * VS Code's own runtime as node (ELECTRON_RUN_AS_NODE) in the desktop app, node elsewhere.
 * The path names this version of the extension; running the setup again after an update refreshes it.
 */
async function setUpMerge(context: vscode.ExtensionContext, folder: vscode.WorkspaceFolder): Promise<void> {
  if (!vscode.workspace.isTrusted) return;
  const script = path.join(context.extensionPath, 'dist', 'cli.js');
  const command = driverCommand(script, { onPath: false, runtime: process.execPath, electron: Boolean(process.versions.electron) });
  try {
    const { steps } = await setupMerge(folder.uri.fsPath, { command, today: localToday() });
    const changed = steps.filter((s) => s.changed).length;
    void vscode.window.showInformationMessage(changed ? vscode.l10n.t('project.yml now merges by meaning in this repository (see .gitattributes; commit it so others get it too).') : vscode.l10n.t('The project.yml merge driver was already set up.'));
  } catch (e) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Could not set up the project.yml merge driver: {0}', e instanceof Error ? e.message : String(e)));
  }
}
