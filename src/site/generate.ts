// `waymark site`'s work: read the history once, compute progress and the
// schedule, draw the Gantt with the webview's code, generate the postmortems
// of the latest finished milestones, and hand everything to the pure
// renderer (src/core/site/render.ts). Used by the CLI, the tests and the bench.
import type { EarnedValueRule, IsoDate, Milestone, Plan } from '../core/model';
import { scanHistory, type HistoryScan } from '../core/git/history';
import { GitError } from '../core/git/run';
import { PlanHistoryError, type KnownPlan } from '../core/git/planHistory';
import type { ProgressResult } from '../core/progress';
import { trySprintRevisions } from '../core/git/sprintRevisions';
import { analyzePlan } from '../core/analyze';
import { startPostmortem, type StartedPostmortem } from '../core/report/generate';
import { PostmortemSession } from '../core/report/releaseCommits';
import { forecastOnThread, forecastThreadAvailable } from '../core/report/forecastThread';
import type { ProbabilisticForecast } from '../core/forecast/monteCarlo';
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
  /** How many postmortem pages (latest finished milestones first). Default 3. */
  readonly postmortems?: number;
  readonly generator?: string;
  /** planText's bytes and their parse, when the caller has both (the CLI): the postmortems do not parse a revision with the same bytes again. */
  readonly current?: KnownPlan;
  /** false: every Monte Carlo forecast runs in this thread (default: on worker threads beside the postmortems' work; the same figures). */
  readonly forecastThreads?: boolean;
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
  // The forecasts at the postmortems' baselines run on a worker thread.
  const threads = req.forecastThreads !== false;
  const session = new PostmortemSession(req.repoDir, req.planFile, undefined, { forecastThread: threads, current: req.current });
  // A milestone declared finished (commits only raise statuses) and released
  // at HEAD will get a postmortem: its reads run beside the history scan.
  // A cold scan reads the whole history anyway: it hands its commits to the
  // postmortems' walk of HEAD instead of a second `git log` of them all.
  const headPostmortem = limit > 0 && plan.milestones.some((m) => m.release === undefined && m.tasks.length > 0 && m.tasks.every((t) => t.status === 'done' || t.status === 'dropped'));
  if (headPostmortem) session.prefetchHead(false);
  let history: HistoryScan | undefined;
  let gitNote: string | undefined;
  try {
    history = await scanHistory(req.repoDir, plan, { cacheFile: req.cacheFile, onFullHistory: headPostmortem ? (tip, commits) => session.adoptWalk(tip, commits) : undefined });
  } catch (e) {
    if (!(e instanceof GitError)) throw e;
    gitNote = `${e.message}: progress from declared statuses only`;
  }
  const planRevisions = history ? await trySprintRevisions(req.repoDir, req.planFile, plan, req.today) : undefined;
  // The worker's forecast, once it answered (below).
  const fromThread: { forecast?: ProbabilisticForecast } = {};
  const analysis = analyzePlan(plan, history, { today: req.today, rule: req.rule, planRevisions, forecastFrom: () => fromThread.forecast });
  const { progress, schedule } = analysis;
  const finished = history ? finishedMilestones(plan, progress, limit) : [];
  // With postmortems to write, the Monte Carlo runs leave the main thread: the
  // site's forecast and those at the postmortems' baselines run on worker
  // threads while it links the releases' commits. Same seeds, same figures;
  // read before the worker answered (or without one), the runs are made here.
  const siteForecast = threads && history && finished.length > 0 && forecastThreadAvailable()
    ? forecastOnThread({ plan, scan: history, today: req.today, rule: req.rule }).catch(() => undefined)
    : undefined;
  const { postmortems, skipped } = await finishPostmortems(await startPostmortems(req, session, finished));
  fromThread.forecast = await siteForecast;
  // With the Monte Carlo forecast: the chart draws the P50-P95 band beside each milestone, as in VS Code.
  const ganttData = buildGanttData({ plan, schedule, progress, history, today: req.today, note: gitNote, forecast: analysis.forecast });
  const gantt = renderGanttSvg(ganttData, `Gantt chart of ${plan.project.name}`);
  const pages = renderSite({ analysis, gitNote, gantt, postmortems, postmortemNotes: skipped, generator: req.generator });
  return { pages, history, scheduled: gantt.scheduled, skipped };
}

/** A postmortem under way (startPostmortem), or why it cannot be written. */
type PostmortemStart = { readonly id: string } & ({ readonly started: StartedPostmortem } | { readonly failure: PlanHistoryError | GitError });

/** The finished milestones (every task done or dropped), the latest finish first, at most `limit`: those that get a postmortem. */
function finishedMilestones(plan: Plan, progress: ProgressResult, limit: number): Milestone[] {
  return plan.milestones
    .filter((m) => { const mp = progress.milestones.get(m.id); return mp !== undefined && mp.totalTasks > 0 && mp.doneTasks === mp.totalTasks; })
    .map((m) => ({ m, last: m.tasks.map((t) => progress.tasks.get(t.id)?.actualFinish ?? '').sort().pop() ?? '' }))
    .sort((a, b) => (a.last < b.last ? 1 : a.last > b.last ? -1 : 0))
    .slice(0, Math.max(0, limit))
    .map(({ m }) => m);
}

/**
 * Starts the postmortems of `finished`. A milestone whose history cannot be
 * read (a missing release tag, a plan that never parsed) is skipped with why.
 */
async function startPostmortems(req: SiteRequest, session: PostmortemSession, finished: readonly Milestone[]): Promise<PostmortemStart[]> {
  const starts: PostmortemStart[] = [];
  // One history walk and one read of project.yml's revisions for all of them.
  for (const m of finished) {
    try {
      const started = await startPostmortem({ repoDir: req.repoDir, planFile: req.planFile, planText: req.planText, plan: req.plan, milestoneId: m.id, today: req.today, rule: req.rule, session });
      starts.push({ id: m.id, started });
    } catch (e) {
      starts.push({ id: m.id, failure: historyFailure(e) });
    }
  }
  return starts;
}

async function finishPostmortems(starts: readonly PostmortemStart[]): Promise<{ postmortems: SitePostmortem[]; skipped: string[] }> {
  const postmortems: SitePostmortem[] = [];
  const skipped: string[] = [];
  for (const s of starts) {
    try {
      if ('failure' in s) throw s.failure;
      const r = await s.started.finish();
      postmortems.push({ data: r.data, svg: r.svg });
    } catch (e) {
      skipped.push(`No postmortem of ${s.id}: ${historyFailure(e).message}`);
    }
  }
  return { postmortems, skipped };
}

/** A history the postmortem cannot read (the page is skipped with why); anything else is a bug and thrown. */
function historyFailure(e: unknown): PlanHistoryError | GitError {
  if (e instanceof PlanHistoryError || e instanceof GitError) return e;
  throw e;
}
