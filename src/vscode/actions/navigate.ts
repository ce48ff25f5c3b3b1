// Commands that show things: a task (or milestone, risk) in project.yml, and
// a task's linked commits (open the commit's changes, or copy its sha).
import * as vscode from 'vscode';
import type { PlanSnapshot, PlanStore } from '../planStore';
import type { LinkedCommit } from '../../core/git/history';
import type { Span } from '../../core/model';
import { FULL_SHA_PATTERN, runGit } from '../../core/git/run';
import { repoDirOf } from '../startWork';
import { isViewNode, resolveTargets, resolveTask } from './targets';
import { selectedNodes } from '../tree/selection';

/** Where a plan item's id is written, so the editor can select it. */
function idSpan(snapshot: PlanSnapshot, id: string): Span | undefined {
  const item = snapshot.plan?.byId.get(id);
  if (!item) return undefined;
  if ('fieldSpans' in item && item.fieldSpans.id) return item.fieldSpans.id;
  const at = snapshot.parsed.text.indexOf(id, item.span.start);
  return at >= 0 && at < item.span.end ? { start: at, end: at + id.length } : { start: item.span.start, end: item.span.start };
}

/** `waymark.revealInFile(target?, { preserveFocus? })`: a task, milestone or risk node, or a task id. */
export async function revealInFileCommand(store: PlanStore, arg?: unknown, options?: unknown): Promise<boolean> {
  await store.ready();
  // Enter in the tree (a keybinding, so no argument): show the one selected item without asking.
  if (arg === undefined) {
    const selected = selectedNodes().filter((n) => n.taskId || n.milestoneId || n.riskId);
    if (selected.length === 1) arg = selected[0];
  }
  let snapshot: PlanSnapshot | undefined;
  let id: string | undefined;
  if (isViewNode(arg) && !arg.taskId) {
    snapshot = store.forFolderKey(arg.folderKey);
    id = arg.milestoneId ?? arg.riskId;
  } else {
    const targets = arg === undefined ? await resolveTargets(store, undefined, undefined, vscode.l10n.t('Reveal which task in project.yml?')) : undefined;
    const t = targets?.[0] ?? (arg !== undefined ? resolveTask(store, arg) : undefined);
    if (!t && arg !== undefined && typeof arg === 'string') {
      // Milestone and risk ids work too when given as text.
      snapshot = store.all().find((s) => s.plan?.byId.has(arg));
      id = snapshot ? arg : undefined;
    } else if (t) {
      snapshot = t.snapshot;
      id = t.task.id;
    }
  }
  if (!snapshot || !id) return false;
  const span = idSpan(snapshot, id);
  const doc = await vscode.workspace.openTextDocument(snapshot.fileUri);
  const range = span ? new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end)) : undefined;
  const preserveFocus = typeof options === 'object' && options !== null && !Array.isArray(options) && (options as { preserveFocus?: boolean }).preserveFocus === true;
  const editor = await vscode.window.showTextDocument(doc, { selection: range, preserveFocus, preview: true });
  if (range) editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return true;
}

export interface CommitChoice {
  readonly sha?: string;
  /** list: return the shas without any UI; copy: put the sha on the clipboard; open: show its changes. */
  readonly action?: 'list' | 'copy' | 'open';
}

export function commitsOf(snapshot: PlanSnapshot, taskId: string): LinkedCommit[] {
  const commits = snapshot.history?.commits.filter((c) => c.refs.some((r) => r.taskId === taskId)) ?? [];
  // Newest first: what people look for is usually the latest work.
  return [...commits].sort((a, b) => (a.authorDate < b.authorDate ? 1 : a.authorDate > b.authorDate ? -1 : 0));
}

/** `waymark.showLinkedCommits(target?, { sha?, action? })`. */
export async function showLinkedCommitsCommand(store: PlanStore, arg?: unknown, second?: unknown): Promise<string[] | boolean> {
  const choice = typeof second === 'object' && second !== null && !Array.isArray(second) ? second as CommitChoice : {};
  const targets = await resolveTargets(store, arg, undefined, vscode.l10n.t('Show the commits of which task?'));
  if (!targets) return false;
  const { snapshot, task } = targets[0];
  if (!store.trusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Waymark: linked commits need a trusted workspace (no git runs until you trust it).'));
    return false;
  }
  const commits = commitsOf(snapshot, task.id);
  if (choice.action === 'list') return commits.map((c) => c.sha);
  if (!commits.length) {
    const why = snapshot.historyNote ? ` ${snapshot.historyNote}` : ` Mention ${task.id} in a commit message to link it.`;
    void vscode.window.showInformationMessage(vscode.l10n.t('Waymark: no commit references {0}.{1}', task.id, why));
    return false;
  }
  let commit = choice.sha ? commits.find((c) => c.sha === choice.sha || c.sha.startsWith(choice.sha ?? '\0')) : undefined;
  if (choice.sha && !commit) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Waymark: commit {0} does not reference {1}.', choice.sha, task.id));
    return false;
  }
  if (!commit) {
    const pick = await vscode.window.showQuickPick(commits.map((c) => {
      const closing = c.refs.some((r) => r.taskId === task.id && r.closing);
      return {
        label: `$(git-commit) ${c.sha.slice(0, 8)} ${c.subject}`,
        description: `${c.authorName} · ${c.authorDate.slice(0, 10)}`,
        detail: [closing ? (c.onDefaultBranch ? vscode.l10n.t('closes {0}', task.id) : (snapshot.history?.defaultBranch ? vscode.l10n.t('closes {0} once on {1}', task.id, snapshot.history.defaultBranch) : vscode.l10n.t('closes {0} once on the default branch', task.id))) : vscode.l10n.t('references {0}', task.id),
          c.onDefaultBranch ? vscode.l10n.t('on {0}', String(snapshot.history?.defaultBranch)) : vscode.l10n.t('not on the default branch'), c.merge ? 'merge' : ''].filter(Boolean).join(' · '),
        commit: c,
      };
    }), { placeHolder: commits.length === 1 ? vscode.l10n.t('1 commit of {0} {1}', task.id, task.title) : vscode.l10n.t('{0} commits of {1} {2}', commits.length, task.id, task.title), matchOnDescription: true, matchOnDetail: true });
    if (!pick) return false;
    commit = pick.commit;
  }
  let action = choice.action;
  if (!action) {
    const a = await vscode.window.showQuickPick([
      { label: '$(diff) Open Changes', action: 'open' as const },
      { label: '$(copy) Copy Commit SHA', description: commit.sha, action: 'copy' as const },
    ], { placeHolder: `${commit.sha.slice(0, 8)} ${commit.subject}` });
    if (!a) return false;
    action = a.action;
  }
  if (action === 'copy') {
    await vscode.env.clipboard.writeText(commit.sha);
    vscode.window.setStatusBarMessage(`$(copy) Copied ${commit.sha.slice(0, 8)}`, 3000);
    return true;
  }
  return openCommit(snapshot, commit);
}

/** The built-in git extension's API, as far as we use it. */
interface GitApi {
  toGitUri(uri: vscode.Uri, ref: string): vscode.Uri;
}

async function gitApi(): Promise<GitApi | undefined> {
  const ext = vscode.extensions.getExtension<{ getAPI(v: 1): GitApi }>('vscode.git');
  if (!ext) return undefined;
  try {
    const exports = ext.isActive ? ext.exports : await ext.activate();
    return exports.getAPI(1);
  } catch {
    return undefined;
  }
}

/** Opens a commit's changes in the multi-file diff editor (through git: URIs), else as `git show` text. */
async function openCommit(snapshot: PlanSnapshot, commit: LinkedCommit): Promise<boolean> {
  const dir = repoDirOf(snapshot);
  if (!dir || !FULL_SHA_PATTERN.test(commit.sha)) return false;
  const sha = commit.sha;
  const title = `${sha.slice(0, 8)} ${commit.subject}`;
  try {
    const [files, parents] = await Promise.all([
      runGit(dir, ['diff-tree', '-r', '--no-commit-id', '--name-status', '-z', '-m', '--first-parent', '--end-of-options', sha]),
      runGit(dir, ['rev-list', '--parents', '-n', '1', '--end-of-options', sha]),
    ]);
    const hasParent = parents.stdout.toString('utf8').trim().split(' ').length > 1;
    const api = hasParent ? await gitApi() : undefined;
    if (api) {
      const fields = files.stdout.toString('utf8').split('\0').filter(Boolean);
      const changes: [vscode.Uri, vscode.Uri, vscode.Uri][] = [];
      for (let i = 0; i < fields.length;) {
        const status = fields[i++];
        const paths = /^[RC]/.test(status) ? [fields[i++], fields[i++]] : [fields[i++]];
        const oldUri = vscode.Uri.joinPath(vscode.Uri.file(dir), paths[0]);
        const newUri = vscode.Uri.joinPath(vscode.Uri.file(dir), paths[paths.length - 1]);
        changes.push([newUri, api.toGitUri(oldUri, `${sha}^`), api.toGitUri(newUri, sha)]);
      }
      if (changes.length === 1) {
        await vscode.commands.executeCommand('vscode.diff', changes[0][1], changes[0][2], title);
        return true;
      }
      if (changes.length > 1) {
        await vscode.commands.executeCommand('vscode.changes', title, changes);
        return true;
      }
    }
    // No git extension, a root commit or nothing to diff: show the commit as text.
    const shown = await runGit(dir, ['show', '--stat', '--patch', '--format=fuller', '--end-of-options', sha]);
    const text = shown.stdout.subarray(0, 2 * 1024 * 1024).toString('utf8');
    const doc = await vscode.workspace.openTextDocument({ content: text, language: 'diff' });
    await vscode.window.showTextDocument(doc, { preview: true });
    return true;
  } catch (e) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Waymark could not open commit {0}: {1}', sha.slice(0, 8), (e as Error).message));
    return false;
  }
}
