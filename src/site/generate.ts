// `waymark site`'s work: read the history once, compute progress and the
// schedule, draw the Gantt with the webview's code, generate the postmortems
// of the latest finished milestones, and hand everything to the pure
// renderer (src/core/site/render.ts). Used by the CLI, the tests and the bench.
import type { EarnedValueRule, IsoDate, Plan } from '../core/model';
import { scanHistory, type HistoryScan } from '../core/git/history';
import { GitError, gitAtLeast } from '../core/git/run';
import { changesPathFits, type StartedLog } from '../core/git/logStream';
import { PlanHistoryError, type KnownPlan } from '../core/git/planHistory';
import type { ProgressResult } from '../core/progress';
import { sprintRevisionsBeside } from '../core/git/sprintRevisions';
import { analyzePlan } from '../core/analyze';
import { generatePostmortem } from '../core/report/generate';
import { PostmortemSession } from '../core/report/releaseCommits';
import { renderSite, type SitePage, type SitePostmortem } from '../core/site/render';
import { buildGanttData } from '../vscode/gantt/data';
import { renderGanttSvg } from './ganttSvg';

export interface SiteRequest {
  readonly repoDir: string;
  /** Absolute path of project.yml. */
  readonly planFile: string;
  readonly planText: string | Uint8Array;
  readonly plan: Plan;
  readonly today: IsoDate;
  readonly rule?: EarnedValueRule;
  readonly cacheFile?: string | ((gitDir: string) => string);
  /** Where to keep project.yml's revision list for the sprints' scope (planRevisionsCache.ts); walked each time without it. */
  readonly revisionsCacheFile?: (gitDir: string) => string;
  /** How many postmortem pages (latest finished milestones first). Default 3. */
  readonly postmortems?: number;
  readonly generator?: string;
  /** planText's bytes and their parse, when the caller has both (the CLI): the postmortems do not parse a revision with the same bytes again. */
  readonly current?: KnownPlan;
  /** The scan's log, started before the plan was parsed (core/git/earlyLog.ts); cancelled here once the scan is done with it. */
  readonly started?: StartedLog;
}

export interface SiteResult {
  readonly pages: SitePage[];
  readonly history?: HistoryScan;
  /** Tasks drawn as a Gantt bar. */
  readonly scheduled: number;
  /** Postmortems looked for but not written, with why. */
  readonly skipped: readonly string[];
}

export const DEFAULT_POSTMORTEMS = 3;

export async function generateSite(req: SiteRequest): Promise<SiteResult> {
  const { plan } = req;
  const limit = req.postmortems ?? DEFAULT_POSTMORTEMS;
  const session = new PostmortemSession(req.repoDir, req.planFile, undefined, { current: req.current });
  // A milestone declared finished (commits only raise statuses) and released
  // at HEAD will get a postmortem. A cold scan reads the whole history anyway:
  // it hands its commits to the postmortems' walk of HEAD instead of a second
  // `git log` of them all.
  const headPostmortem = limit > 0 && plan.milestones.some((m) => m.release === undefined && m.tasks.length > 0 && m.tasks.every((t) => t.status === 'done' || t.status === 'dropped'));
  const revisionsRead = sprintRevisionsBeside(req.repoDir, req.planFile, plan, req.today, undefined, req.revisionsCacheFile);
  // The scan's walk also lists project.yml's changes, which give its revisions: a second, path-limited walk
  // of the whole history would cost ~0.5 s more of git's CPU (100k commits).
  const planPath = headPostmortem ? planChangesPath(req.repoDir, session) : undefined;
  let history: HistoryScan | undefined;
  let gitNote: string | undefined;
  try {
    history = await scanHistory(req.repoDir, plan, {
      cacheFile: req.cacheFile, planPath, started: req.started,
      onFullHistory: headPostmortem ? (tip, commits, links, planChanges) => session.adoptWalk(tip, commits, links, planChanges) : undefined,
    });
  } catch (e) {
    if (!(e instanceof GitError)) throw e;
    gitNote = `${e.message}: progress from declared statuses only`;
  } finally {
    req.started?.cancel();
  }
  // HEAD's revisions for the postmortems, unless the scan's walk gave them (a cached scan reads no walk).
  if (headPostmortem) session.prefetchHead(false);
  const planRevisions = history ? await revisionsRead : undefined;
  // The site shows no criticality index: its forecast runs leave out the backward pass.
  const analysis = analyzePlan(plan, history, { today: req.today, rule: req.rule, planRevisions, forecastCriticality: false });
  const { progress, schedule } = analysis;
  // With the Monte Carlo forecast: the chart draws the P50-P95 band beside each milestone, as in VS Code.
  const ganttData = buildGanttData({ plan, schedule, progress, history, today: req.today, note: gitNote, forecast: analysis.forecast });
  const gantt = renderGanttSvg(ganttData, `Gantt chart of ${plan.project.name}`);
  const { postmortems, skipped } = history ? await latestPostmortems(req, session, progress, limit) : { postmortems: [], skipped: [] };
  const pages = renderSite({ analysis, gitNote, gantt, postmortems, postmortemNotes: skipped, generator: req.generator });
  return { pages, history, scheduled: gantt.scheduled, skipped };
}

/** project.yml's path in the repository for the scan to list its changes (ScanOptions.planPath): git 2.31 or later, and a path without control characters (the log's record separators). */
async function planChangesPath(repoDir: string, session: PostmortemSession): Promise<string | undefined> {
  const [recent, where] = await Promise.all([gitAtLeast(repoDir, 2, 31), session.where().catch(() => undefined)]);
  return recent && where && changesPathFits(where.path) ? where.path : undefined;
}

/**
 * Postmortems of the finished milestones (every task done or dropped), the
 * latest finish first, at most `limit`. A milestone whose history cannot be
 * read (a missing release tag, a plan that never parsed) is skipped with why.
 */
async function latestPostmortems(req: SiteRequest, session: PostmortemSession, progress: ProgressResult, limit: number): Promise<{ postmortems: SitePostmortem[]; skipped: string[] }> {
  const finished = req.plan.milestones
    .filter((m) => { const mp = progress.milestones.get(m.id); return mp !== undefined && mp.totalTasks > 0 && mp.doneTasks === mp.totalTasks; })
    .map((m) => ({ m, last: m.tasks.map((t) => progress.tasks.get(t.id)?.actualFinish ?? '').sort().pop() ?? '' }))
    .sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0))
    .slice(0, Math.max(0, limit));
  const postmortems: SitePostmortem[] = [];
  const skipped: string[] = [];
  // One history walk and one read of project.yml's revisions for all of them, and one set of forecast runs per shared baseline.
  session.expect(finished.map(({ m }) => m.id));
  for (const { m } of finished) {
    try {
      const r = await generatePostmortem({ repoDir: req.repoDir, planFile: req.planFile, planText: req.planText, plan: req.plan, milestoneId: m.id, today: req.today, rule: req.rule, session });
      postmortems.push({ data: r.data, svg: r.svg });
    } catch (e) {
      if (!(e instanceof PlanHistoryError) && !(e instanceof GitError)) throw e;
      skipped.push(`No postmortem of ${m.id}: ${e.message}`);
    }
  }
  return { postmortems, skipped };
}
