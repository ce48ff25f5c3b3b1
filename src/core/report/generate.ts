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
import { loadMilestoneHistory, parseFailure, PlanHistoryError, repoRelativePath, type MilestoneHistory } from '../git/planHistory';
import { computePostmortem, postmortemBurndownSvg, renderPostmortem, type PostmortemData, type RangeCommit } from './postmortem';

export interface PostmortemRequest {
  readonly repoDir: string;
  /** Absolute path of project.yml. */
  readonly planFile: string;
  /** The plan file's current text (the open editor's in VS Code). Names the milestone and its release tag. */
  readonly planText: string | Uint8Array;
  readonly milestoneId: string;
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
export function currentPlan(text: string | Uint8Array, file: string): Plan {
  const parsed = parsePlan(text);
  const failure = parseFailure(parsed);
  if (failure || !parsed.plan) throw new PlanHistoryError('bad-plan', `${file}:${failure ?? '1:1: the plan cannot be read'}`);
  return parsed.plan;
}

export async function generatePostmortem(req: PostmortemRequest): Promise<PostmortemResult> {
  const plan = currentPlan(req.planText, req.planFile);
  const { root, path } = await repoRelativePath(req.repoDir, req.planFile, req.gitPath);
  const history = await loadMilestoneHistory(root, path, plan, req.milestoneId, { baseline: req.baseline, gitPath: req.gitPath });
  const { scan, rangeCommits } = await readReleaseCommits(root, history, req.gitPath);
  const data = computePostmortem({ history, scan, rangeCommits, today: req.today, rule: req.rule });
  const svg = postmortemBurndownSvg(data);
  return { data, svg, markdown: (chartHref?: string) => renderPostmortem(data, { chartHref }) };
}

/**
 * Commits reachable from the release, linked to the plan at release (all
 * count as shipped, so all can close tasks), and the release range
 * `baseline..release` in full.
 */
export async function readReleaseCommits(
  repoDir: string,
  history: MilestoneHistory,
  gitPath?: string,
): Promise<{ scan: HistoryScan; rangeCommits: RangeCommit[] }> {
  const matcher = buildMatcher(history.actual.plan);
  const linked: LinkedCommit[] = [];
  const all = new Map<string, RangeCommit>();
  const rangeShas = runGit(repoDir, ['rev-list', '--end-of-options', history.release.sha, `^${history.baseline.sha}`, '--'], { gitPath })
    .then((r) => r.stdout.toString('latin1').split('\n').filter((s) => s.length > 0));
  let unlinked = 0;
  const [inRange] = await Promise.all([
    rangeShas,
    streamLog(repoDir, [history.release.sha], (c) => {
      const refs = matcher.match(c.message);
      const nl = c.message.indexOf('\n');
      const subject = nl < 0 ? c.message : c.message.slice(0, nl);
      const merge = c.parents.length > 1;
      const rc: RangeCommit = {
        sha: c.sha, authorName: c.authorName, authorEmail: c.authorEmail, authorDate: c.authorDate, subject, merge,
        refs, changedPlan: history.planCommits.has(c.sha),
      };
      all.set(c.sha, rc);
      if (refs.length > 0) {
        linked.push({ sha: c.sha, authorName: c.authorName, authorEmail: c.authorEmail, authorDate: c.authorDate, subject, onDefaultBranch: true, refs, merge });
      } else if (!merge) unlinked++;
    }, { gitPath }),
  ]);
  const rangeCommits: RangeCommit[] = [];
  for (let i = inRange.length - 1; i >= 0; i--) {
    const c = all.get(inRange[i]);
    if (c) rangeCommits.push(c);
  }
  const scan: HistoryScan = {
    defaultBranch: history.release.label,
    head: history.release.sha,
    shallow: false,
    empty: false,
    commits: linked.reverse(),
    unlinkedCommits: unlinked,
    warnings: [],
  };
  return { scan, rangeCommits };
}
