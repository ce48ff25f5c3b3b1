// The second half of "merged branches close tasks" (docs/format.md): a merge
// commit on the default branch whose merged-in commits (those of its second
// parent that its first parent does not reach) are all on a branch named
// after a task closes that task, whatever its message says: "Merge pull
// request #45" with an edited title, a merge with a hand-written message.
//
// Git records no branch on a commit, so "on a branch" means reachable from a
// branch that still exists (local, or remote-tracking as CI clones have it):
// every merged-in commit is an ancestor of the second parent, so they are all
// on branch B exactly when B reaches the second parent. When several task
// branches reach it, the nearest one names it (`git name-rev`: the fewest
// steps from the branch tip), so a branch started from another task's branch
// does not close that task. A deleted branch leaves only the message rule.
import type { LinkedCommit } from './history';
import type { RepoState } from './repo';
import type { MergeCloser } from '../mergeClose';
import { streamLog } from './logStream';
import { FULL_SHA_PATTERN, isSafeRefName, runGit } from './run';

/** Second parents named per name-rev call (a command line stays far below any OS limit). */
const CHUNK = 200;

/** A merge the rule closes tasks with; `ids` in the branch name's order. */
export interface BranchMerge {
  readonly sha: string;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorDate: string;
  readonly subject: string;
  readonly ids: readonly string[];
}

/**
 * The merges on the default branch (`defaultTips`) that the message rule did
 * not already close and whose merged-in commits all sit on one task branch.
 * One `git log --merges` of the default branch and one `git name-rev` per
 * CHUNK merges; nothing at all when no branch is named after a task.
 */
export async function mergesOfTaskBranches(
  dir: string, state: RepoState, defaultTips: readonly string[], closer: MergeCloser, gitPath?: string,
): Promise<BranchMerge[]> {
  // name-rev's short names (`RET-12-x`, `remotes/origin/RET-12-x`, `origin/RET-12-x`) -> task ids.
  const byName = new Map<string, string[]>();
  const refs: string[] = [];
  const add = (kind: 'heads' | 'remotes', short: string, branch: string, sha: string): void => {
    const ref = `refs/${kind}/${short}`;
    const ids = closer.tasksInBranch(branch);
    if (ids.length === 0 || !isSafeRefName(ref) || defaultTips.includes(sha)) return;
    refs.push(ref);
    for (const name of [ref, `${kind}/${short}`, short]) byName.set(name, ids);
  };
  for (const [name, sha] of state.branches) add('heads', name, name, sha);
  // `origin/RET-12-x`: the remote's name is not part of the branch's name.
  for (const [name, sha] of state.remoteBranches) add('remotes', name, name.slice(name.indexOf('/') + 1), sha);
  if (refs.length === 0 || defaultTips.length === 0) return [];

  const merges: { commit: Omit<BranchMerge, 'ids'>; parents: string[] }[] = [];
  // Not bounded by the task branches' tips: a branch started after an earlier merge reaches that merge.
  await streamLog(dir, [...defaultTips], (c) => {
    const subject = c.message.slice(0, (c.message.indexOf('\n') + 1 || c.message.length + 1) - 1);
    if (closer.branchTasks(subject).length > 0) return; // the message rule closes it already
    merges.push({ commit: { sha: c.sha, authorName: c.authorName, authorEmail: c.authorEmail, authorDate: c.authorDate, subject: subject.slice(0, 200) }, parents: c.parents.slice(1) });
  }, { gitPath, logOptions: ['--merges'] });
  if (merges.length === 0) return [];

  const wanted = [...new Set(merges.flatMap((m) => m.parents))].filter((p) => FULL_SHA_PATTERN.test(p));
  const branchOf = new Map<string, string[]>();
  for (let i = 0; i < wanted.length; i += CHUNK) {
    const chunk = wanted.slice(i, i + CHUNK);
    const out = await runGit(dir, ['name-rev', '--name-only', ...refs.map((r) => `--refs=${r}`), ...chunk], { gitPath });
    out.stdout.toString('utf8').split('\n').forEach((line, j) => {
      // `RET-12-x~2^2`: the branch, then the steps from its tip.
      const ids = byName.get(line.trim().replace(/[~^].*$/, ''));
      if (ids && j < chunk.length) branchOf.set(chunk[j], ids);
    });
  }
  const found: BranchMerge[] = [];
  for (const m of merges) {
    // An octopus merge: every merged-in parent on the same task branch.
    const named = m.parents.map((p) => branchOf.get(p));
    const first = named[0];
    if (first && named.every((ids) => ids && ids.join(' ') === first.join(' '))) found.push({ ...m.commit, ids: first });
  }
  return found;
}

/** The scan's commits with the merges added as closing references (`via: 'merge'`), default-branch commits first. */
export function withBranchMerges(commits: readonly LinkedCommit[], merges: readonly BranchMerge[], make: (m: BranchMerge, refs: LinkedCommit['refs']) => LinkedCommit): LinkedCommit[] {
  if (merges.length === 0) return [...commits];
  const bySha = new Map(merges.map((m) => [m.sha, m]));
  const out: LinkedCommit[] = [];
  for (const c of commits) {
    const m = c.onDefaultBranch ? bySha.get(c.sha) : undefined;
    if (!m) { out.push(c); continue; }
    bySha.delete(c.sha);
    // Already linked (its message names other tasks, or names these without closing them).
    const refs = c.refs.map((r) => (m.ids.includes(r.taskId) && !r.closing ? { taskId: r.taskId, closing: true, via: 'merge' as const } : r));
    for (const id of m.ids) if (!refs.some((r) => r.taskId === id)) refs.push({ taskId: id, closing: true, via: 'merge' });
    out.push(make(m, refs));
  }
  const added = [...bySha.values()].map((m) => make(m, m.ids.map((taskId) => ({ taskId, closing: true, via: 'merge' as const }))));
  const firstSide = out.findIndex((c) => !c.onDefaultBranch);
  if (firstSide < 0) out.push(...added);
  else out.splice(firstSide, 0, ...added);
  return out;
}
