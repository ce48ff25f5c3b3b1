// The reports' git work, shared by the CLI and the extension: reads what a
// postmortem needs (plan history, the commits reachable from the release, the
// release range; releaseCommits.ts) and hands it to the pure
// computePostmortem. Git processes run side by side: the path-limited log of
// project.yml (read by the session, parsed inside loadMilestoneHistory), one
// streamed `git log` of the release's history, and a `git rev-list` of the
// release range when the baseline is not in that history.
import type { EarnedValueRule, IsoDate, Plan } from '../model';
import { parsePlan } from '../parse';
import type { HistoryScan } from '../git/history';
import { scanHistory } from '../git/history';
import { GitError } from '../git/run';
import { commitInfo, loadMilestoneHistory, parseFailure, PlanHistoryError, resolveTag } from '../git/planHistory';
import { analyzePlan, type PlanAnalysis } from '../analyze';
import { sprintRevisionsBeside } from '../git/sprintRevisions';
import { fromDayNumber, toDayNumber } from '../calendar';
import { computeStatusReport, defaultSince, renderStatusReport, type StatusReportData } from './statusReport';
import { currentSprint, sprintBurndownSvg } from './sprintSection';
import { computePostmortem, type PostmortemData } from './postmortem';
import { PostmortemSession, type LinkSettings } from './releaseCommits';
import { postmortemBurndownSvg, renderPostmortem } from './postmortemMarkdown';

export interface PostmortemRequest {
  readonly repoDir: string;
  /** Absolute path of project.yml. */
  readonly planFile: string;
  /** The plan file's current text (the open editor's in VS Code). Names the milestone and its release tag. */
  readonly planText: string | Uint8Array;
  readonly milestoneId: string;
  /** planText already parsed (the CLI and the extension have it): saves a parse. */
  readonly plan?: Plan;
  readonly baseline?: string;
  readonly today: IsoDate;
  readonly rule?: EarnedValueRule;
  readonly gitPath?: string;
  /** Reads shared with other postmortems of the same repository and plan file (the site writes several). */
  readonly session?: PostmortemSession;
  /** Linking settings from outside the plan (VS Code's), for a postmortem without a session; a session carries its own. */
  readonly link?: LinkSettings;
}

export interface PostmortemResult {
  readonly data: PostmortemData;
  /** The report with the chart at `chartHref` (a file name next to it, or a data: URI). */
  markdown(chartHref?: string): string;
  readonly svg: string;
}

/** The plan the user works on, or a PlanHistoryError('bad-plan') that says why not. */
function currentPlan(text: string | Uint8Array, file: string): Plan {
  const parsed = parsePlan(text);
  const failure = parseFailure(parsed);
  if (failure || !parsed.plan) throw new PlanHistoryError('bad-plan', `${file}:${failure ?? '1:1: the plan cannot be read'}`);
  return parsed.plan;
}

export async function generatePostmortem(req: PostmortemRequest): Promise<PostmortemResult> {
  const plan = req.plan ?? currentPlan(req.planText, req.planFile);
  const session = req.session ?? new PostmortemSession(req.repoDir, req.planFile, req.gitPath, { link: req.link });
  const { root, path } = await session.where();
  // The release's whole history streams while project.yml's history is read and parsed.
  const release = await session.releaseOf(root, plan, req.milestoneId);
  session.walk(root, release.sha).catch(() => { /* reported by releaseCommits below */ });
  const revisions = await session.revisionsOf(root, path, release.sha);
  const history = await loadMilestoneHistory(root, path, plan, req.milestoneId, {
    baseline: req.baseline, gitPath: req.gitPath, release, revisions, parseCache: session.parseCache, known: session.options.current,
  });
  const [{ scan, rangeCommits }, baselineScan] = await Promise.all([session.releaseCommits(root, history), session.baselineScan(root, history)]);
  const data = computePostmortem({ history, scan, rangeCommits, baselineScan, today: req.today, rule: req.rule, analyze: session.analyze, forecastMilestone: session.forecastMilestone });
  const svg = postmortemBurndownSvg(data);
  return { data, svg, markdown: (chartHref?: string) => renderPostmortem(data, { chartHref }) };
}

export interface StatusReportRequest {
  readonly repoDir: string;
  readonly planFile: string;
  readonly planText: string | Uint8Array;
  /** planText already parsed (the CLI has it): saves a parse. */
  readonly plan?: Plan;
  readonly today: IsoDate;
  /** `--since`: YYYY-MM-DD or a tag; default 7 days before today. */
  readonly since?: string;
  readonly rule?: EarnedValueRule;
  /** Incremental history cache (see scanHistory). */
  readonly cacheFile?: string | ((gitDir: string) => string);
  /** Where to keep project.yml's revision list for the sprints' scope (planRevisionsCache.ts); walked each time without it. */
  readonly revisionsCacheFile?: (gitDir: string) => string;
  readonly gitPath?: string;
}

/** `--since DATE|TAG` to a day; a tag must exist (its commit's day). */
async function resolveSince(repoDir: string, since: string | undefined, today: IsoDate, gitPath?: string): Promise<{ day: IsoDate; label: string }> {
  if (since === undefined) return defaultSince(today);
  if (/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    if (fromDayNumber(toDayNumber(since)) !== since) throw new PlanHistoryError('bad-since', `--since '${since}' is not a real date`);
    return { day: since, label: since };
  }
  const sha = await resolveTag(repoDir, since, gitPath).catch((e: unknown) => {
    // eslint-disable-next-line no-control-regex
    if (e instanceof PlanHistoryError) throw new PlanHistoryError('bad-since', `--since takes a date (YYYY-MM-DD) or a tag, not '${since.replace(/[\x00-\x1f]/g, '?').slice(0, 80)}'`);
    throw e;
  });
  if (!sha) throw new PlanHistoryError('bad-since', `--since: the repository has no tag '${since}'`);
  const { day } = await commitInfo(repoDir, sha, gitPath);
  return { day, label: `${since} (${day})` };
}

export interface StatusReportResult {
  readonly data: StatusReportData;
  /** The report without the sprint chart. */
  readonly markdown: string;
  /** The report with the current sprint's chart at `href` (a file name beside it, or a data: URI). */
  markdownWithChart(href: string): string;
  /** The current sprint's burndown (sprintSection.ts), when a sprint has begun. */
  readonly sprintChart?: { readonly sprintId: string; readonly svg: string };
  readonly analysis: PlanAnalysis;
}

export async function generateStatusReport(req: StatusReportRequest): Promise<StatusReportResult> {
  const plan = req.plan ?? currentPlan(req.planText, req.planFile);
  let history: HistoryScan | undefined;
  let gitNote: string | undefined;
  const revisionsRead = sprintRevisionsBeside(req.repoDir, req.planFile, plan, req.today, req.gitPath, req.revisionsCacheFile);
  try {
    history = await scanHistory(req.repoDir, plan, { cacheFile: req.cacheFile, gitPath: req.gitPath });
  } catch (e) {
    if (!(e instanceof GitError)) throw e;
    gitNote = `${e.message}: progress from declared statuses only`;
  }
  const since = history ? await resolveSince(req.repoDir, req.since, req.today, req.gitPath) : await resolveSinceNoGit(req.since, req.today);
  const planRevisions = history ? await revisionsRead : undefined;
  const analysis = analyzePlan(plan, history, { today: req.today, rule: req.rule, planRevisions });
  const data = computeStatusReport({ analysis, since, gitNote: gitNote ?? (history?.warnings.join('; ') || undefined) });
  const current = currentSprint(data.sprints);
  return {
    data,
    markdown: renderStatusReport(data),
    markdownWithChart: (href) => renderStatusReport(data, { sprintChartHref: href }),
    sprintChart: current && { sprintId: current.id, svg: sprintBurndownSvg(current, req.today) },
    analysis,
  };
}

async function resolveSinceNoGit(since: string | undefined, today: IsoDate): Promise<{ day: IsoDate; label: string }> {
  if (since !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(since)) {
    throw new PlanHistoryError('bad-since', `--since '${since.slice(0, 80)}' names a tag, but there is no git repository to read it from`);
  }
  return resolveSince('.', since, today);
}
