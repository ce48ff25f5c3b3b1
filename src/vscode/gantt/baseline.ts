// Baseline: the plan as of a git tag or commit, scheduled on its own, drawn as
// ghost bars. Reads git only in a trusted workspace, and only with a ref that
// passes a strict pattern (it never reaches git as an option).
import * as vscode from 'vscode';
import { parsePlan } from '../../core/parse';
import { schedulePlan } from '../../core/schedule';
import { listTags } from '../../core/git/repo';
import { repoRelativePath, showFile } from '../../core/git/planHistory';
import type { HostMessage } from '../../protocol/gantt';
import type { PlanSnapshot, PlanStore } from '../planStore';
import { baselineRows } from './data';

/** Tag names and abbreviated or full commit ids; no `..`, `@{`, leading `-`, or trailing `.lock`. */
const TAG_RE = /^[A-Za-z0-9_][A-Za-z0-9._/+-]{0,199}$/;
const SHA_RE = /^[0-9a-fA-F]{7,64}$/;

export function isBaselineRef(ref: string): boolean {
  if (SHA_RE.test(ref)) return true;
  return TAG_RE.test(ref) && !ref.includes('..') && !ref.includes('//') && !ref.endsWith('.lock') && !ref.endsWith('/') && !ref.endsWith('.');
}

type BaselineMessage = Extract<HostMessage, { type: 'baseline' }>;
const none = (reason?: string): BaselineMessage => (reason ? { type: 'baseline', label: null, rows: [], reason } : { type: 'baseline', label: null, rows: [] });

/** Asks for a tag (or a commit) and answers with the baseline's rows, or with why there is none. */
export async function pickBaseline(store: PlanStore, s: PlanSnapshot | undefined, preset?: string): Promise<BaselineMessage> {
  if (!s?.plan) return none(vscode.l10n.t('There is no plan to compare.'));
  if (!store.trusted) return none(vscode.l10n.t('Baselines read project.yml from git history, which needs a trusted workspace.'));
  let where: { root: string; path: string };
  try {
    where = await repoRelativePath(s.folder.uri.fsPath, s.fileUri.fsPath);
  } catch (e) {
    return none(vscode.l10n.t('No git history for project.yml: {0}', (e as Error).message));
  }
  let ref = preset;
  if (ref === undefined) {
    let tags: string[] = [];
    try { tags = (await listTags(where.root)).filter(isBaselineRef).reverse(); } catch { /* no tags: commit input only */ }
    const commitItem: vscode.QuickPickItem = { label: '$(git-commit) Enter a commit…', alwaysShow: true };
    const picked = await vscode.window.showQuickPick(
      [...tags.map((t): vscode.QuickPickItem => ({ label: t, description: 'tag' })), commitItem],
      { title: vscode.l10n.t('Gantt baseline: compare with project.yml as of…'), placeHolder: tags.length ? vscode.l10n.t('A tag, or a commit') : vscode.l10n.t('No tags: enter a commit') },
    );
    if (!picked) return none();
    ref = picked === commitItem
      ? await vscode.window.showInputBox({ title: vscode.l10n.t('Gantt baseline'), prompt: vscode.l10n.t('Commit id (7 to 40 hex digits) or tag'), validateInput: (v) => (isBaselineRef(v.trim()) ? undefined : vscode.l10n.t('Not a commit id or tag name')) })
      : picked.label;
    if (ref === undefined) return none();
    ref = ref.trim();
  }
  if (!isBaselineRef(ref)) return none(vscode.l10n.t('\'{0}\' is not a commit id or tag name.', ref.slice(0, 60)));
  let text: string | undefined;
  try {
    text = await showFile(where.root, ref, where.path);
  } catch (e) {
    return none(vscode.l10n.t('Could not read project.yml at {0}: {1}', ref, (e as Error).message));
  }
  if (text === undefined) return none(vscode.l10n.t('project.yml does not exist at {0}.', ref));
  const parsed = parsePlan(text);
  if (!parsed.plan) return none(vscode.l10n.t('project.yml at {0} cannot be read as a plan.', ref));
  const schedule = schedulePlan(parsed.plan, undefined, { today: s.today });
  return { type: 'baseline', label: ref, rows: baselineRows(schedule) };
}
