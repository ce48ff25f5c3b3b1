// The getting-started walkthrough's progress (package.json
// contributes.walkthroughs): context keys its steps complete on, set from
// what really happened. `waymark.hasProject` (planStore.ts) completes
// "Create project.yml"; this module adds `waymark.hasLinkedCommit` (a commit
// references a task) and `waymark.ciChecksPlan` (a CI file runs `waymark`).
// Nothing runs at activation: the first plan snapshot starts it.
import * as vscode from 'vscode';
import type { PlanSnapshot, PlanStore } from './planStore';

/** CI files that may run the CLI (docs/ci.md's recipes: GitHub Actions, GitLab CI). */
const CI_GLOB = '{.github/workflows/*.yml,.github/workflows/*.yaml,.gitlab-ci.yml}';
/** A command line that runs the Waymark CLI (`waymark validate`, `npx waymark status`, ...). */
const RUNS_WAYMARK = /\bwaymark\s+(validate|status|report|site|postmortem|list)\b/;

/** True when any of `texts` runs the Waymark CLI. */
export function ciRunsWaymark(texts: readonly string[]): boolean {
  return texts.some((t) => RUNS_WAYMARK.test(t));
}

export function registerWalkthroughProgress(context: vscode.ExtensionContext, store: PlanStore): void {
  let started = false;
  let sent = '';
  const update = async () => {
    const linked = store.all().some((s: PlanSnapshot) => (s.history?.commits.length ?? 0) > 0);
    const texts: string[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const files = await vscode.workspace.findFiles(new vscode.RelativePattern(folder, CI_GLOB), null, 50);
      for (const f of files) texts.push(new TextDecoder().decode(await vscode.workspace.fs.readFile(f)));
    }
    const keys = `${linked} ${ciRunsWaymark(texts)}`;
    if (keys === sent) return;
    sent = keys;
    void vscode.commands.executeCommand('setContext', 'waymark.hasLinkedCommit', linked);
    void vscode.commands.executeCommand('setContext', 'waymark.ciChecksPlan', ciRunsWaymark(texts));
  };
  const run = () => { update().catch((e) => store.log.warn(`walkthrough progress: ${(e as Error).message}`)); };
  context.subscriptions.push(store.onDidChange(() => {
    if (!started) {
      started = true;
      const watcher = vscode.workspace.createFileSystemWatcher(`**/${CI_GLOB}`);
      context.subscriptions.push(watcher, watcher.onDidCreate(run), watcher.onDidChange(run), watcher.onDidDelete(run));
    }
    run();
  }));
}
