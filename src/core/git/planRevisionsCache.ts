// project.yml's revision list (sha, committer date, subject), kept in
// .git/waymark/ so that `waymark status` with a started sprint does not walk
// the whole history for it on every run (about 1 s at 100k commits).
// - Same HEAD: the kept list.
// - HEAD moved forward along a line of single-parent commits from the kept
//   HEAD: the kept list plus `git log <kept>..HEAD -- project.yml`. On such a
//   line git's history simplification treats the old part exactly as a walk
//   from the kept HEAD did, so the result equals a full walk.
// - Anything else (a merge, a rewrite, a reset, a damaged or foreign file):
//   the full walk, and the list is kept again.
import { mkdirSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../atomicWrite';
import { dirname } from 'node:path';
import { listPlanRevisionsOf, type PlanRevisionInfo } from './planHistory';
import { FULL_SHA_PATTERN, GitError, runGit } from './run';

const FORMAT = 1;

export interface CachedRevisions {
  readonly infos: PlanRevisionInfo[];
  /** How the list was made: kept as is, kept plus the new commits, or walked in full. */
  readonly source: 'hit' | 'incremental' | 'full';
}

/** The revisions of `path` reachable from HEAD, oldest first, through the cache that `cacheFile` names in the git directory. */
export async function listPlanRevisionsCached(root: string, path: string, cacheFile: (gitDir: string) => string, gitPath?: string): Promise<CachedRevisions> {
  // One process for both: the git directory (where the cache lives) and HEAD.
  const out = (await runGit(root, ['rev-parse', '--absolute-git-dir', '--verify', 'HEAD'], { gitPath })).stdout.toString('utf8').split('\n');
  const [gitDir, head] = [out[0]?.trim(), out[1]?.trim()];
  if (!gitDir || !head || !FULL_SHA_PATTERN.test(head)) return { infos: await listPlanRevisionsOf(root, path, ['HEAD'], gitPath), source: 'full' };
  const file = cacheFile(gitDir);
  const kept = readKept(file, path);
  let result: CachedRevisions | undefined;
  if (kept?.head === head) return { infos: kept.infos, source: 'hit' };
  if (kept && await linearFrom(root, kept.head, head, gitPath)) {
    const added = await listPlanRevisionsOf(root, path, [head, `^${kept.head}`], gitPath);
    result = { infos: [...kept.infos, ...added], source: 'incremental' };
  }
  result ??= { infos: await listPlanRevisionsOf(root, path, [head], gitPath), source: 'full' };
  keep(file, path, head, result.infos);
  return result;
}

/** Whether `head` is `from` plus single-parent commits, each the child of the one before. */
async function linearFrom(root: string, from: string, head: string, gitPath?: string): Promise<boolean> {
  try {
    const r = await runGit(root, ['rev-list', '--parents', '--end-of-options', head, `^${from}`, '--'], { gitPath });
    const lines = r.stdout.toString('utf8').split('\n').filter((l) => l.length > 0);
    if (lines.length === 0) return false; // `from` is ahead of HEAD (a reset): not a line forward
    let child = head;
    for (const line of lines) {
      const [sha, ...parents] = line.split(' ');
      if (sha !== child || parents.length !== 1) return false;
      child = parents[0];
    }
    return child === from;
  } catch (e) {
    if (e instanceof GitError) return false; // the kept HEAD is gone (gc after a rewrite)
    throw e;
  }
}

function readKept(file: string, path: string): { head: string; infos: PlanRevisionInfo[] } | undefined {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined; // none yet, or damaged: walked again and rewritten
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as { format?: unknown; path?: unknown; head?: unknown; revisions?: unknown };
  if (d.format !== FORMAT || d.path !== path || typeof d.head !== 'string' || !FULL_SHA_PATTERN.test(d.head) || !Array.isArray(d.revisions)) return undefined;
  const infos: PlanRevisionInfo[] = [];
  for (const r of d.revisions as unknown[]) {
    if (!Array.isArray(r) || r.length !== 3) return undefined;
    const [sha, date, subject] = r as unknown[];
    if (typeof sha !== 'string' || !FULL_SHA_PATTERN.test(sha) || typeof date !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(date) || typeof subject !== 'string') return undefined;
    infos.push({ sha, date, day: date.slice(0, 10), subject });
  }
  return { head: d.head, infos };
}

function keep(file: string, path: string, head: string, infos: readonly PlanRevisionInfo[]): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    writeFileAtomic(file, JSON.stringify({ format: FORMAT, path, head, revisions: infos.map((i) => [i.sha, i.date, i.subject]) }));
  } catch {
    // A read-only .git: the next run walks again.
  }
}
