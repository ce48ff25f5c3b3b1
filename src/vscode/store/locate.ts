// Where a workspace folder's plan is: project.yml at its root, else the
// shallowest one below it, found within a time limit.
import * as vscode from 'vscode';
import { PLAN_FILE_NAME } from '../../core/planFile';

/** How long a folder without a root project.yml may be searched before it counts as having none. */
const FIND_TIMEOUT_MS = 5000;

/** The folder's project.yml, or undefined (none, or the search took too long; the file watcher catches a later one). */
export async function locatePlanFile(folder: vscode.WorkspaceFolder, log: vscode.LogOutputChannel): Promise<vscode.Uri | undefined> {
  const root = vscode.Uri.joinPath(folder.uri, PLAN_FILE_NAME);
  try {
    await vscode.workspace.fs.stat(root);
    return root;
  } catch {
    // A search must not hold every other folder's plan back (views wait for all folders): give up after a while.
    const cts = new vscode.CancellationTokenSource();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<undefined>((resolve) => { timer = setTimeout(() => { cts.cancel(); resolve(undefined); }, FIND_TIMEOUT_MS); });
    try {
      const found = await Promise.race([
        vscode.workspace.findFiles(new vscode.RelativePattern(folder, `**/${PLAN_FILE_NAME}`), '**/{node_modules,.git}/**', 20, cts.token),
        timedOut,
      ]);
      if (!found) {
        log.warn(`${folder.name}: no project.yml at its root, and searching below it took over ${FIND_TIMEOUT_MS / 1000} s; treating it as a folder without a plan`);
        return undefined;
      }
      found.sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path));
      return found[0];
    } catch (e) {
      log.warn(`${folder.name}: searching for project.yml failed: ${(e as Error).message}`);
      return undefined;
    } finally {
      clearTimeout(timer);
      cts.dispose();
    }
  }
}
