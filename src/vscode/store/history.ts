// A folder's git history for the store: scanned only in a trusted workspace,
// for a local file inside a repository, through the per-repository cache, and
// again only when what links commits to tasks changed.
import * as vscode from 'vscode';
import * as path from 'node:path';
import { existsSync } from 'node:fs';
import type { Plan } from '../../core/model';
import { localToday } from '../../core/calendar';
import { contentHash } from '../../core/yamlUtil';
import { scanHistory, type HistoryScan } from '../../core/git/history';
import { trySprintRevisions } from '../../core/git/sprintRevisions';
import type { PlanAtDay } from '../../core/sprintScope';
import { closeOnMergeOf } from './settings';

/** What the store keeps of a folder's history between loads. */
export interface FolderHistory {
  history?: HistoryScan;
  /** Why there is no (or partial) history, for the views. */
  historyNote?: string;
  /** The linking key `history` was scanned for; cleared to force a rescan. */
  historyFor?: string;
  /** project.yml's revisions for the sprints' scope change, read with the history. */
  planRevisions?: PlanAtDay[];
  /** The history key plus the sprints' dates `planRevisions` were read for. */
  planRevisionsFor?: string;
}

export interface HistoryContext {
  readonly trusted: boolean;
  readonly storageUri: vscode.Uri;
  readonly log: vscode.LogOutputChannel;
}

/** The folder holding `.git` for a path, or undefined outside a repository. */
export function findRepoRoot(start: string): string | undefined {
  let dir = start;
  for (;;) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** Brings `state` up to date for `plan` (a no-op when the linking key did not change). */
export async function updateHistory(ctx: HistoryContext, folder: vscode.WorkspaceFolder, state: FolderHistory, fileUri: vscode.Uri, plan: Plan): Promise<void> {
  if (!ctx.trusted) {
    state.history = undefined;
    state.historyNote = vscode.l10n.t('Progress from commits needs a trusted workspace: Waymark runs no git until you trust this folder.');
    return;
  }
  if (fileUri.scheme !== 'file') {
    state.history = undefined;
    state.historyNote = vscode.l10n.t('Progress from commits needs a local git repository.');
    return;
  }
  const config = vscode.workspace.getConfiguration('waymark', folder);
  // Only what linking depends on: a status or estimate edit must not cost a git scan.
  const key = JSON.stringify([linkSignature(plan), config.get('defaultBranch'), config.get('closingWords'), closeOnMergeOf(config, plan)]);
  const repoDir = findRepoRoot(path.dirname(fileUri.fsPath));
  if (!(state.historyFor === key && state.history)) await scan(ctx, state, config, repoDir, plan, key);
  if (!state.history || !repoDir) { state.planRevisions = undefined; return; }
  // The sprints' scope change: again only when HEAD moved (a new revision) or a sprint's dates did.
  const sprintKey = JSON.stringify([state.history.head, plan.sprints.map((s) => [s.id, s.start, s.end])]);
  if (state.planRevisionsFor === sprintKey) return;
  // The revision list is kept beside the history cache: a new commit on the branch adds only its own.
  const revisionsFile = vscode.Uri.joinPath(ctx.storageUri, `revisions-${hashString(fileUri.fsPath)}.json`).fsPath;
  state.planRevisions = await trySprintRevisions(repoDir, fileUri.fsPath, plan, localToday(), undefined, () => revisionsFile);
  state.planRevisionsFor = sprintKey;
}

async function scan(ctx: HistoryContext, state: FolderHistory, config: vscode.WorkspaceConfiguration, repoDir: string | undefined, plan: Plan, key: string): Promise<void> {
  if (!repoDir) {
    state.history = undefined;
    state.historyNote = vscode.l10n.t('This folder is not a git repository, so progress comes from project.yml alone.');
    return;
  }
  const cacheFile = vscode.Uri.joinPath(ctx.storageUri, `history-${hashString(repoDir)}.json`).fsPath;
  try {
    await vscode.workspace.fs.createDirectory(ctx.storageUri);
    const scan = await vscode.window.withProgress(
      { location: { viewId: 'waymark.plan' }, title: vscode.l10n.t('Reading the git history') },
      () => scanHistory(repoDir, plan, {
        cacheFile,
        defaultBranch: nonEmpty(config.get<string>('defaultBranch')),
        closingWords: config.get<string[]>('closingWords'),
        closeOnMerge: closeOnMergeOf(config, plan),
      }),
    );
    state.history = scan;
    state.historyNote = scan.warnings.length ? scan.warnings.join(' ') : undefined;
    state.historyFor = key;
  } catch (e) {
    state.history = undefined;
    state.historyNote = vscode.l10n.t('Could not read the git history: {0}', (e as Error).message);
    ctx.log.warn(state.historyNote);
  }
}

/** The parts of a plan that decide which commits link where: task ids, their issues, the default branch. */
function linkSignature(plan: Plan): string {
  const parts: string[] = [plan.project.defaultBranch ?? '', plan.project.start ?? ''];
  for (const t of plan.tasks) {
    parts.push(t.issue ? `${t.id}#${t.issue.owner ?? ''}/${t.issue.repo ?? ''}#${t.issue.number}` : t.id);
  }
  return contentHash(parts.join('\n'));
}

function nonEmpty(s: string | undefined): string | undefined {
  return s && s.trim() ? s.trim() : undefined;
}

/** A short stable name for a cache file (FNV-1a 32). */
function hashString(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}
