// "Create project.yml": scaffolds a commented starter plan, the welcome view's action.
import * as vscode from 'vscode';
import type { PlanStore } from './planStore';
import { localToday } from '../core/calendar';
import { starterPlan } from '../core/starterPlan';

export function registerProjectScaffold(context: vscode.ExtensionContext, store: PlanStore): void {
  context.subscriptions.push(vscode.commands.registerCommand('waymark.createProjectFile', async (folderArg?: vscode.Uri) => {
    const folders = vscode.workspace.workspaceFolders ?? [];
    let folder = folderArg ? vscode.workspace.getWorkspaceFolder(folderArg) : undefined;
    if (!folder) {
      if (folders.length === 0) {
        void vscode.window.showInformationMessage('Open a folder first: project.yml lives in the repository.');
        return undefined;
      }
      folder = folders.length === 1 ? folders[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Folder for project.yml' });
      if (!folder) return undefined;
    }
    const uri = vscode.Uri.joinPath(folder.uri, 'project.yml');
    try {
      await vscode.workspace.fs.stat(uri);
      void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(uri)} already exists; opening it.`);
    } catch {
      const edit = new vscode.WorkspaceEdit();
      edit.createFile(uri, { ignoreIfExists: true, contents: new TextEncoder().encode(starterPlan(folder.name, localToday())) });
      await vscode.workspace.applyEdit(edit);
    }
    const doc = await vscode.workspace.openTextDocument(uri);
    await doc.save();
    await vscode.window.showTextDocument(doc);
    await store.refresh();
    return uri;
  }));
}
