// The reports' git work, shared by the CLI and the extension: reads what a
// postmortem needs (plan history, the commits reachable from the release, the
// release range) and hands it to the pure computePostmortem. Three git
// processes run side by side: the path-limited log of project.yml (inside
// loadMilestoneHistory), one streamed `git log` of the release's history, and
// a `git rev-list` of the release range.
import type { EarnedValueRule, IsoDate, Plan } from '../model';
import { parsePlan } from '../parse';
import { buildMatcher } from '../link';
import { streamLog } from '../git/logStream';
import { runGit } from '../git/run';
import type { HistoryScan, LinkedCommit } from '../git/history';
import { scanHistory } from '../git/history';
import { GitError } from '../git/run';
import { commitInfo, loadMilestoneHistory, parseFailure, PlanHistoryError, repoRelativePath, resolveRelease, resolveTag, type MilestoneHistory } from '../git/planHistory';
import type { RawCommit } from '../git/logStream';
import { analyzePlan, type PlanAnalysis } from '../analyze';
import { trySprintRevisions } from '../git/sprintRevisions';
import { fromDayNumber, toDayNumber } from '../calendar';
import { computeStatusReport, defaultSince, renderStatusReport, type StatusReportData } from './statusReport';
import { currentSprint, sprintBurndownSvg } from './sprintSection';
import { computePostmortem, type PostmortemData, type RangeCommit } from './postmortem';
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
  const { root, path } = await repoRelativePath(req.repoDir, req.planFile, req.gitPath);
  // The release's whole history streams while project.yml's history is read and parsed.
  const release = await resolveRelease(root, plan, req.milestoneId, req.gitPath);
  const commits = collectCommits(root, release.sha, req.gitPath);
  commits.catch(() => { /* reported by the await below */ });
  const history = await loadMilestoneHistory(root, path, plan, req.milestoneId, { baseline: req.baseline, gitPath: req.gitPath, release });
  const { scan, rangeCommits } = await readReleaseCommits(root, history, req.gitPath, await commits);
  const data = computePostmortem({ history, scan, rangeCommits, today: req.today, rule: req.rule });
  const svg = postmortemBurndownSvg(data);
  return { data, svg, markdown: (chartHref?: string) => renderPostmortem(data, { chartHref }) };
}

/** Every commit reachable from `sha`, newest first, as git lists them. */
async function collectCommits(repoDir: string, sha: string, gitPath?: string): Promise<RawCommit[]> {
  const all: RawCommit[] = [];
  await streamLog(repoDir, [sha], (c) => { all.push(c); }, { gitPath });
  return all;
}

/**
 * `baseline..release`: the release's commits minus those reachable from the
 * baseline, walked over the parents already in memory (no second git walk).
 * A baseline outside the release's history (another branch) asks git.
 */
async function rangeOf(repoDir: string, raw: readonly RawCommit[], baseline: string, release: string, gitPath?: string): Promise<Set<string>> {
  const parents = new Map<string, readonly string[]>();
  for (const c of raw) parents.set(c.sha, c.parents);
  if (!parents.has(baseline)) {
    const r = await runGit(repoDir, ['rev-list', '--end-of-options', release, `^${baseline}`, '--'], { gitPath });
    return new Set(r.stdout.toString('latin1').split('\n').filter((s) => s.length > 0));
  }
  const before = new Set<string>();
  const stack = [baseline];
  while (stack.length) {
    const sha = stack.pop()!;
    if (before.has(sha)) continue;
    before.add(sha);
    for (const p of parents.get(sha) ?? []) if (!before.has(p)) stack.push(p);
  }
  const range = new Set<string>();
  for (const c of raw) if (!before.has(c.sha)) range.add(c.sha);
  return range;
}

/**
 * Commits reachable from the release, linked to the plan at release (all
 * count as shipped, so all can close tasks), and the release range
 * `baseline..release` in full.
 */
async function readReleaseCommits(
  repoDir: string,
  history: MilestoneHistory,
  gitPath: string | undefined,
  raw: readonly RawCommit[],
): Promise<{ scan: HistoryScan; rangeCommits: RangeCommit[] }> {
  const inRange = await rangeOf(repoDir, raw, history.baseline.sha, history.release.sha, gitPath);
  const matcher = buildMatcher(history.actual.plan);
  const linked: LinkedCommit[] = [];
  const rangeCommits: RangeCommit[] = [];
  let unlinked = 0;
  // git lists newest first; reports read oldest first.
  for (let i = raw.length - 1; i >= 0; i--) {
    const c = raw[i];
    const refs = matcher.match(c.message);
    const nl = c.message.indexOf('\n');
    const subject = nl < 0 ? c.message : c.message.slice(0, nl);
    const merge = c.parents.length > 1;
    if (refs.length > 0) {
      linked.push({ sha: c.sha, authorName: c.authorName, authorEmail: c.authorEmail, authorDate: c.authorDate, subject, onDefaultBranch: true, refs, merge });
    } else if (!merge) unlinked++;
    if (inRange.has(c.sha)) {
      rangeCommits.push({
        sha: c.sha, authorName: c.authorName, authorEmail: c.authorEmail, authorDate: c.authorDate, subject, merge,
        refs, changedPlan: history.planCommits.has(c.sha),
      });
    }
  }
  const scan: HistoryScan = {
    defaultBranch: history.release.label,
    head: history.release.sha,
    shallow: false,
    empty: false,
    commits: linked,
    unlinkedCommits: unlinked,
    warnings: [],
  };
  return { scan, rangeCommits };
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
  try {
    history = await scanHistory(req.repoDir, plan, { cacheFile: req.cacheFile, gitPath: req.gitPath });
  } catch (e) {
    if (!(e instanceof GitError)) throw e;
    gitNote = `${e.message}: progress from declared statuses only`;
  }
  const since = history ? await resolveSince(req.repoDir, req.since, req.today, req.gitPath) : await resolveSinceNoGit(req.since, req.today);
  const planRevisions = history ? await trySprintRevisions(req.repoDir, req.planFile, plan, req.today, req.gitPath) : undefined;
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
