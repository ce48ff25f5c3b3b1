// project.yml's own history for the sprints' scope change (sprintScope.ts):
// the plan as it stood at the end of each day that matters, i.e. the last
// revision on or before each started sprint's first day and every day's last
// revision from there to the sprint's end. One path-limited `git log`, one
// `git cat-file --batch`; revisions that do not parse are skipped (a
// half-edited plan committed mid-sprint must not hide the rest).
import type { IsoDate, Plan } from '../model';
import { parsePlan } from '../parse';
import type { PlanAtDay } from '../sprintScope';
import { listPlanRevisionsCached } from './planRevisionsCache';
import { listPlanRevisions, parseFailure, PlanHistoryError, readFilesAt, repoRelativePath, type PlanRevisionInfo } from './planHistory';
import { GitError } from './run';

/** Most days parsed (newest kept): ~100 ms per parse of a 1k-task plan. */
export const MAX_SPRINT_REVISIONS = 120;

/** The revisions the sprints of `plan` need, oldest first, one per day; [] when the plan has no started sprint. */
export async function loadSprintRevisions(repoDir: string, planFile: string, plan: Plan, today: IsoDate, gitPath?: string, cacheFile?: (gitDir: string) => string): Promise<PlanAtDay[]> {
  const started = plan.sprints.filter((s) => s.start <= today);
  if (started.length === 0) return [];
  const { root, path } = await repoRelativePath(repoDir, planFile, gitPath);
  // With a cache file (the CLI's .git/waymark/), the revision list is kept between runs (planRevisionsCache.ts).
  const infos = cacheFile ? (await listPlanRevisionsCached(root, path, cacheFile, gitPath)).infos : await listPlanRevisions(root, path, 'HEAD', gitPath);
  const chosen = pickDays(infos, started);
  const texts = await readFilesAt(root, chosen.map((i) => i.sha), path, gitPath);
  const result: PlanAtDay[] = [];
  chosen.forEach((info, i) => {
    const buf = texts[i];
    if (!buf) return;
    const parsed = parsePlan(buf);
    if (!parseFailure(parsed) && parsed.plan) result.push({ day: info.day, plan: parsed.plan });
  });
  return result;
}

/** Each day's last revision, within [the last day on or before a sprint's start, its end]. */
export function pickDays(infos: readonly PlanRevisionInfo[], sprints: readonly { start: IsoDate; end: IsoDate }[]): PlanRevisionInfo[] {
  const lastOfDay = new Map<IsoDate, PlanRevisionInfo>();
  for (const i of infos) lastOfDay.set(i.day, i); // oldest first: the last one wins
  const days = [...lastOfDay.keys()].sort();
  const keep = new Set<IsoDate>();
  for (const s of sprints) {
    let base: IsoDate | undefined;
    for (const d of days) {
      if (d <= s.start) base = d;
      else if (d <= s.end) keep.add(d);
    }
    if (base !== undefined) keep.add(base);
  }
  return [...keep].sort().slice(-MAX_SPRINT_REVISIONS).map((d) => lastOfDay.get(d)!);
}

/**
 * For the surfaces: the revisions, or undefined when they cannot be read
 * (the plan is outside the repository or not committed, git failed), in
 * which case sprints show no scope change rather than failing.
 */
export async function trySprintRevisions(repoDir: string, planFile: string, plan: Plan, today: IsoDate, gitPath?: string, cacheFile?: (gitDir: string) => string): Promise<PlanAtDay[] | undefined> {
  try {
    return await loadSprintRevisions(repoDir, planFile, plan, today, gitPath, cacheFile);
  } catch (e) {
    if (e instanceof GitError || e instanceof PlanHistoryError) return undefined;
    throw e;
  }
}

/**
 * trySprintRevisions started now, beside the history scan: the two are
 * independent git reads (this one walks the whole history for project.yml's
 * revisions), so they overlap instead of running one after the other. Await
 * it once the scan is done; its failures wait for that await.
 */
export function sprintRevisionsBeside(repoDir: string, planFile: string, plan: Plan, today: IsoDate, gitPath?: string, cacheFile?: (gitDir: string) => string): Promise<PlanAtDay[] | undefined> {
  const read = trySprintRevisions(repoDir, planFile, plan, today, gitPath, cacheFile);
  read.catch(() => { /* reported where it is awaited */ });
  return read;
}
