// Start Work: a branch named from `waymark.branchTemplate`, then the task set
// in progress. Plus the small git reads the views need (repository folder,
// user.email, current branch). Git runs only in a trusted workspace, and every
// name that reaches git was checked against a strict ref pattern first.
import * as vscode from 'vscode';
import * as path from 'node:path';
import type { PlanSnapshot } from './planStore';
import { findRepoRoot } from './store/history';
import type { PlanWriter } from './planWriter';
import type { Task } from '../core/model';
import { setStatus } from '../core/edit';
import { runGit, GitError } from '../core/git/run';
import { branchExists, createBranch, currentBranch, resolveRevision } from '../core/git/repo';
import { branchNameFor, DEFAULT_BRANCH_TEMPLATE } from './actions/naming';
import { folderKeyOf } from './tree/sources';

/** The repository folder holding a plan's project.yml, or undefined (not a local file, no repository). */
export function repoDirOf(snapshot: PlanSnapshot): string | undefined {
  if (snapshot.fileUri.scheme !== 'file') return undefined;
  return findRepoRoot(path.dirname(snapshot.fileUri.fsPath));
}

/** `git config user.email` in a repository, lower-cased; undefined when unset or git fails. */
export async function readUserEmail(dir: string): Promise<string | undefined> {
  if (!vscode.workspace.isTrusted) return undefined;
  try {
    const r = await runGit(dir, ['config', '--get', 'user.email'], { okCodes: [1] });
    return r.stdout.toString('utf8').trim().toLowerCase() || undefined;
  } catch {
    return undefined;
  }
}

/** The checked-out branch, or undefined (detached, untrusted, not a repository). */
export async function branchOf(snapshot: PlanSnapshot): Promise<string | undefined> {
  const dir = vscode.workspace.isTrusted ? repoDirOf(snapshot) : undefined;
  if (!dir) return undefined;
  try {
    return await currentBranch(dir);
  } catch {
    return undefined;
  }
}

/**
 * True when no tracked file has changes (staged or not); untracked files survive a switch.
 * Through runGit rather than simple-git: simple-git refuses to pass an environment holding
 * variables such as GIT_SSL_CAINFO, which extension hosts often have.
 */
async function trackedFilesClean(dir: string): Promise<boolean> {
  const r = await runGit(dir, ['status', '--porcelain', '--untracked-files=no']);
  return r.stdout.toString('utf8').trim() === '';
}

export interface StartWorkResult {
  readonly ok: boolean;
  readonly branch?: string;
  /** What happened, or why nothing did (shown to the user). */
  readonly message: string;
}

/**
 * Switches to the task's branch (created at HEAD when new) and sets the task
 * in progress. A new branch at HEAD keeps uncommitted changes as they are, so
 * it is always safe; switching to an existing branch at another commit with
 * uncommitted changes could lose them, so that is refused.
 */
export async function startWork(writer: PlanWriter, snapshot: PlanSnapshot, task: Task): Promise<StartWorkResult> {
  const { store } = writer;
  if (!store.trusted) return { ok: false, message: vscode.l10n.t('Start Work needs a trusted workspace: Waymark runs no git until you trust this folder.') };
  const dir = repoDirOf(snapshot);
  if (!dir) return { ok: false, message: vscode.l10n.t('Start Work needs a git repository: {0} is not inside one.', snapshot.fileUri.fsPath) };
  const template = vscode.workspace.getConfiguration('waymark', snapshot.folder).get<string>('branchTemplate') ?? DEFAULT_BRANCH_TEMPLATE;
  const named = branchNameFor(template, task);
  if ('problem' in named) return { ok: false, message: vscode.l10n.t('Start Work could not name the branch: {0} (setting waymark.branchTemplate).', named.problem) };
  const name = named.name;

  let switched = false;
  try {
    const current = await currentBranch(dir);
    if (current !== name) {
      if (await branchExists(dir, name)) {
        const [target, head] = await Promise.all([resolveRevision(dir, name), resolveRevision(dir, 'HEAD')]);
        if (target !== head && !(await trackedFilesClean(dir))) {
          return {
            ok: false,
            branch: name,
            message: vscode.l10n.t('Start Work did not switch to \'{0}\': it points at another commit and you have uncommitted changes that switching could overwrite. Commit or stash them first.', name),
          };
        }
        await runGit(dir, ['switch', '--end-of-options', name]);
        switched = target !== head;
      } else {
        await createBranch(dir, name);
      }
    }
  } catch (e) {
    const reason = e instanceof GitError ? e.message : (e as Error).message;
    return { ok: false, branch: name, message: vscode.l10n.t('Start Work failed: {0}', reason) };
  }

  // Another commit may hold another project.yml: read it again before editing.
  if (switched) await store.refresh();
  const found = store.findTask(task.id, snapshot.fileUri);
  if (!found) return { ok: true, branch: name, message: vscode.l10n.t('On branch \'{0}\'; {1} is not in project.yml on this branch.', name, task.id) };
  if (found.task.status === 'in-progress') return { ok: true, branch: name, message: vscode.l10n.t('On branch \'{0}\'; {1} is already in progress.', name, task.id) };
  const { applied } = await writer.apply(folderKeyOf(found.snapshot), (p) => setStatus(p, task.id, 'in-progress'), { label: 'Start Work' });
  return {
    ok: applied,
    branch: name,
    message: applied ? `On branch '${name}'; ${task.id} is now in progress.` : `On branch '${name}', but ${task.id} could not be set in progress.`,
  };
}
