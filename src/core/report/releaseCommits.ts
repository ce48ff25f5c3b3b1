// The git reads of postmortems, shared when several are written at once (the
// site writes up to three): where project.yml lives, each release's whole
// history (one `git log` per distinct release; milestones without a release
// tag all share HEAD's), project.yml's revisions up to each release, their
// parses, and the commits linked to the plan at release. On a long history
// each of these reads costs seconds; a PostmortemSession makes them once.
import type { EarnedValueRule, IsoDate, Plan } from '../model';
import type { ParsedPlan } from '../parse';
import { timeLines } from '../timeSpent';
import { analyzePlan, type PlanAnalysis } from '../analyze';
import { streamLog, type RawCommit } from '../git/logStream';
import { runGit } from '../git/run';
import { commitLinker, type HistoryScan, type LinkedCommit, type PlanChanges, type ScanLinks } from '../git/history';
import { simplifiedPathHistory } from '../git/pathSimplify';
import { originRepo } from '../git/repo';
import { headRelease, readDerivedRevisions, readPlanRevisions, repoRelativePath, resolveRelease, type KnownPlan, type MilestoneHistory, type PlanRevisionTexts, type ReleasePoint } from '../git/planHistory';
import type { RangeCommit } from './postmortem';
import { forecastMilestones, type ForecastOptions, type OneMilestoneForecast } from '../forecast/monteCarlo';
import type { ProgressResult } from '../progress';

export interface PostmortemSessionOptions {
  /** project.yml as the caller read it and its parse (the CLI has both): a revision with the same bytes is not parsed again. */
  readonly current?: KnownPlan;
  /** The linking rules the caller's own status uses (VS Code's settings); default: the plan's and the defaults. */
  readonly link?: LinkSettings;
}

/**
 * Linking settings from outside the plan: closing words, and whether a merged
 * task branch or a squash merge closes (unset: the plan at the release's
 * `project.closeOnMerge`, else on). The history scan takes the same.
 */
export interface LinkSettings {
  readonly closingWords?: readonly string[];
  readonly closeOnMerge?: boolean;
}

/** Every commit reachable from a release, newest first as git lists them. */
class ReleaseWalk {
  private graph?: { index: Map<string, number>; from: Int32Array; parents: Int32Array };
  private lastAncestors?: { start: number; seen: Uint8Array };

  /** `links`: what the history scan that read these commits linked them to (ScanOptions.onFullHistory). */
  constructor(readonly raw: readonly RawCommit[], readonly links?: ScanLinks) {}

  /** Position of a commit in `raw`, or undefined when the release does not reach it. */
  indexOf(sha: string): number | undefined {
    if (this.graph) return this.graph.index.get(sha);
    // One pass of string compares costs less than indexing 100k commits (the graph is built only when needed);
    // from the oldest, as the commits looked for are baselines, usually old (a sha is listed once).
    for (let i = this.raw.length - 1; i >= 0; i--) if (this.raw[i].sha === sha) return i;
    return undefined;
  }

  /**
   * Marks of the commits reachable from raw[start] (itself included), walked
   * over the parents in memory. git lists a commit's ancestors after it
   * (unless clocks were skewed), and a baseline is usually old, so they are
   * looked for among the commits after it first: an old baseline then costs
   * an index of its few ancestors instead of the whole release's graph. A
   * parent not found there falls back to the whole graph.
   */
  ancestors(start: number): Uint8Array {
    if (this.lastAncestors?.start === start) return this.lastAncestors.seen;
    const seen = (!this.graph && this.ancestorsAfter(start)) || this.ancestorsInGraph(start);
    this.lastAncestors = { start, seen };
    return seen;
  }

  private ancestorsAfter(start: number): Uint8Array | undefined {
    const { raw } = this;
    const index = new Map<string, number>();
    for (let i = start; i < raw.length; i++) index.set(raw[i].sha, i);
    const seen = new Uint8Array(raw.length);
    const stack = [start];
    while (stack.length) {
      const i = stack.pop()!;
      if (seen[i]) continue;
      seen[i] = 1;
      for (const p of raw[i].parents) {
        const j = index.get(p);
        if (j === undefined) return undefined; // listed before it (skewed clocks), or beyond a shallow boundary
        if (!seen[j]) stack.push(j);
      }
    }
    return seen;
  }

  /** The ancestors over the whole parent graph, built once per walk in flat arrays: 100k small arrays cost more than the walk itself. */
  private ancestorsInGraph(start: number): Uint8Array {
    const { from, parents } = this.parentGraph();
    const seen = new Uint8Array(this.raw.length);
    const stack = [start];
    while (stack.length) {
      const i = stack.pop()!;
      if (seen[i]) continue;
      seen[i] = 1;
      for (let k = from[i]; k < from[i + 1]; k++) if (!seen[parents[k]]) stack.push(parents[k]);
    }
    return seen;
  }

  private parentGraph(): { index: Map<string, number>; from: Int32Array; parents: Int32Array } {
    if (this.graph) return this.graph;
    const { raw } = this;
    const index = new Map<string, number>();
    let edges = 0;
    for (let i = 0; i < raw.length; i++) { index.set(raw[i].sha, i); edges += raw[i].parents.length; }
    const from = new Int32Array(raw.length + 1);
    const parents = new Int32Array(edges);
    let k = 0;
    for (let i = 0; i < raw.length; i++) {
      from[i] = k;
      // A parent outside the walk (a shallow clone's boundary) has no index: skipped.
      for (const p of raw[i].parents) { const j = index.get(p); if (j !== undefined) parents[k++] = j; }
    }
    from[raw.length] = k;
    return (this.graph = { index, from, parents });
  }
}

/** The commits of a release linked to one plan (the plan at release). */
interface LinkedRelease {
  readonly scan: HistoryScan;
  /** References of raw[i], per the plan at release. */
  readonly refs: readonly (readonly { readonly taskId: string; readonly closing: boolean }[])[];
  readonly subjects: readonly string[];
}

export class PostmortemSession {
  private location?: Promise<{ root: string; path: string }>;
  private origin?: Promise<string | undefined>;
  private readonly walks = new Map<string, Promise<ReleaseWalk>>();
  /** Releases by tag (HEAD for milestones without one). */
  private readonly releases = new Map<string, Promise<ReleasePoint>>();
  private readonly revisions = new Map<string, Promise<PlanRevisionTexts>>();
  private readonly linked = new Map<string, LinkedRelease>();
  /** Release ranges by release, plan at release and baseline. */
  private readonly ranges = new Map<string, Promise<readonly RangeCommit[]>>();
  private readonly analyses = new WeakMap<Plan, Map<string, PlanAnalysis>>();
  /** Baseline forecasts by plan, progress and options, then milestone. */
  private readonly forecasts = new WeakMap<Plan, WeakMap<ProgressResult, Map<string, Map<string, OneMilestoneForecast | undefined>>>>();
  /** Milestones whose postmortems this session will write (expect()). */
  private expected: readonly string[] = [];
  /** Full parses of project.yml by commit (a 1k-task revision takes ~100 ms to parse). */
  readonly parseCache = new Map<string, ParsedPlan>();

  constructor(
    private readonly repoDir: string,
    private readonly planFile: string,
    private readonly gitPath?: string,
    readonly options: PostmortemSessionOptions = {},
  ) {}

  /** The repository's root and project.yml's path in it. */
  where(): Promise<{ root: string; path: string }> {
    return (this.location ??= repoRelativePath(this.repoDir, this.planFile, this.gitPath));
  }

  /** `owner/repo` of the origin remote, for `owner/repo#N` references, as the history scan reads it. */
  private ownRepo(root: string): Promise<string | undefined> {
    return (this.origin ??= originRepo(root, { gitPath: this.gitPath }).catch(() => undefined));
  }

  /**
   * resolveRelease, once per release tag (and once for HEAD): the site's
   * postmortems mostly share one. A failure is asked again of the milestone
   * itself, so its message names that milestone.
   */
  releaseOf(root: string, plan: Plan, milestoneId: string): Promise<ReleasePoint> {
    const milestone = plan.milestones.find((m) => m.id === milestoneId);
    if (!milestone) return resolveRelease(root, plan, milestoneId, this.gitPath);
    const shared = memo(this.releases, milestone.release === undefined ? 'HEAD' : `tag ${milestone.release}`, () => resolveRelease(root, plan, milestoneId, this.gitPath));
    return shared.catch(() => resolveRelease(root, plan, milestoneId, this.gitPath));
  }

  /** Starts (or joins) the walk of the release's history. */
  walk(root: string, sha: string): Promise<ReleaseWalk> {
    return memo(this.walks, sha, () => collectCommits(root, sha, this.gitPath));
  }

  revisionsOf(root: string, path: string, sha: string): Promise<PlanRevisionTexts> {
    return memo(this.revisions, sha, () => readPlanRevisions(root, path, sha, this.gitPath));
  }

  /**
   * Takes a history another reader already walked (the site's history scan,
   * ScanOptions.onFullHistory): every commit reachable from `sha`, newest
   * first, as git lists them, the scan's references of them, and
   * project.yml's changes when the walk listed them (ScanOptions.planPath).
   * A walk or revisions already started or taken are kept.
   */
  adoptWalk(sha: string, commits: RawCommit[], links?: ScanLinks, planChanges?: PlanChanges): void {
    if (!this.walks.has(sha)) this.walks.set(sha, Promise.resolve(new ReleaseWalk(commits, links)));
    // The origin's owner/repo as the scan read it: the same rules, without asking git again.
    if (links?.origin) this.origin ??= Promise.resolve(links.origin.ownRepo);
    // The same walk listed project.yml's changes: its revisions follow from them (pathSimplify.ts), without a walk of their own.
    if (planChanges && !this.revisions.has(sha)) {
      memo(this.revisions, sha, async () => {
        const { root, path } = await this.where();
        const shas = path === planChanges.path ? simplifiedPathHistory(commits, planChanges.changes, sha) : undefined;
        const derived = shas && (await readDerivedRevisions(root, path, shas, this.gitPath));
        return derived ?? readPlanRevisions(root, path, sha, this.gitPath);
      });
    }
  }

  /**
   * Starts reading project.yml's revisions up to HEAD now (and HEAD's history
   * unless `walk` is false: the caller hands it over with adoptWalk), beside
   * other work, for postmortems of milestones released at HEAD; what
   * adoptWalk gave already is kept. Failures surface when a postmortem asks
   * for them.
   */
  prefetchHead(walk = true): void {
    const started = (async () => {
      const { root, path } = await this.where();
      const { sha: head } = await memo(this.releases, 'HEAD', () => headRelease(root, this.gitPath));
      if (walk) void this.walk(root, head);
      void this.revisionsOf(root, path, head);
    })();
    started.catch(() => { /* not a repository, no commits: the postmortems say so */ });
  }

  /**
   * Commits reachable from the release, linked to the plan at release (all
   * count as shipped, so all can close tasks), and the release range
   * `baseline..release` in full.
   */
  async releaseCommits(root: string, history: MilestoneHistory): Promise<{ scan: HistoryScan; rangeCommits: readonly RangeCommit[] }> {
    const walk = await this.walk(root, history.release.sha);
    const key = `${history.release.sha} ${history.actual.sha}`;
    let linked = this.linked.get(key);
    if (!linked) {
      const ownRepo = await this.ownRepo(root);
      linked = this.linked.get(key) ?? linkCommits(walk, history.actual.plan, { label: history.release.label, sha: history.release.sha }, { ...this.options.link, ownRepo });
      this.linked.set(key, linked);
    }
    const refs = linked;
    // Milestones with one baseline, release and plan at release (the site's, planned together) share one range:
    // the same array, so computePostmortem's per-range figures are computed once too.
    const rangeCommits = await memo(this.ranges, `${key} ${history.baseline.sha}`, async () => {
      const inRange = await rangeOf(root, walk, history.baseline.sha, history.release.sha, this.gitPath);
      const range: RangeCommit[] = [];
      for (let i = walk.raw.length - 1; i >= 0; i--) {
        if (!inRange(i)) continue;
        const c = walk.raw[i];
        range.push({
          sha: c.sha, authorName: c.authorName, authorEmail: c.authorEmail, authorDate: c.authorDate, subject: refs.subjects[i],
          merge: c.parents.length > 1, refs: refs.refs[i], changedPlan: history.planCommits.has(c.sha),
        });
      }
      return range;
    });
    return { scan: linked.scan, rangeCommits };
  }

  /**
   * The history as it stood at the baseline: the commits reachable from the
   * baseline commit (marked in the release's walk; another walk when the
   * release does not reach it), linked to the plan at the baseline.
   */
  async baselineScan(root: string, history: MilestoneHistory): Promise<HistoryScan> {
    const base = history.baseline;
    const key = `baseline ${base.sha}`;
    const known = this.linked.get(key);
    if (known) return known.scan;
    const release = await this.walk(root, history.release.sha);
    const start = release.indexOf(base.sha);
    const walk = start === undefined ? await this.walk(root, base.sha) : release;
    const reached = start === undefined ? undefined : release.ancestors(start);
    const linked = linkCommits(walk, base.plan, { label: 'baseline', sha: base.sha }, { ...this.options.link, ownRepo: await this.ownRepo(root) }, reached && ((i) => reached[i] === 1));
    this.linked.set(key, linked);
    return linked.scan;
  }

  /**
   * analyzePlan of the plan at release over the release's linked commits,
   * once per plan, release, day and rule (postmortems of milestones released
   * together analyse the same plan over the same commits).
   */
  readonly analyze = (plan: Plan, scan: HistoryScan, options: { today: IsoDate; rule?: EarnedValueRule }): PlanAnalysis => {
    let byPlan = this.analyses.get(plan);
    if (!byPlan) this.analyses.set(plan, (byPlan = new Map()));
    const key = `${scan.head ?? ''} ${options.today} ${options.rule ?? ''}`;
    let a = byPlan.get(key);
    if (!a) byPlan.set(key, (a = analyzePlan(plan, scan, options)));
    return a;
  };

  /** Names the milestones whose postmortems will follow, so their forecasts at a shared baseline run together (forecastMilestone). */
  expect(milestoneIds: readonly string[]): void {
    this.expected = milestoneIds;
  }

  /**
   * forecastMilestone, once per plan, progress, options and milestone; the
   * expected milestones the plan also has are forecast in the same runs
   * (forecastMilestones: the same figures), so postmortems sharing a
   * baseline pay for one set of runs instead of one each.
   */
  readonly forecastMilestone = (plan: Plan, progress: ProgressResult, id: string, options: ForecastOptions): OneMilestoneForecast | undefined => {
    let byProgress = this.forecasts.get(plan);
    if (!byProgress) this.forecasts.set(plan, (byProgress = new WeakMap()));
    let byOptions = byProgress.get(progress);
    if (!byOptions) byProgress.set(progress, (byOptions = new Map()));
    const key = `${options.today} ${options.runs ?? ''} ${options.seed ?? ''} ${options.criticality ?? ''}`;
    let done = byOptions.get(key);
    if (!done) byOptions.set(key, (done = new Map()));
    if (!done.has(id)) {
      const ids = [id, ...this.expected.filter((x) => x !== id && !done!.has(x) && plan.milestones.some((m) => m.id === x))];
      const figures = forecastMilestones(plan, progress, ids, options);
      for (const x of ids) done.set(x, figures.get(x));
    }
    return done.get(id);
  };
}

function memo<T>(map: Map<string, Promise<T>>, key: string, load: () => Promise<T>): Promise<T> {
  let p = map.get(key);
  if (!p) {
    p = load();
    p.catch(() => { /* reported to whoever awaits it */ });
    map.set(key, p);
  }
  return p;
}

/** Every commit reachable from `sha`, newest first, as git lists them. */
async function collectCommits(repoDir: string, sha: string, gitPath?: string): Promise<ReleaseWalk> {
  const raw: RawCommit[] = [];
  await streamLog(repoDir, [sha], (c) => { raw.push(c); }, { gitPath, spool: true });
  return new ReleaseWalk(raw);
}

/** The walk's commits (those `include` keeps) linked to `plan`, as a history scan at `head`. */
function linkCommits(walk: ReleaseWalk, plan: Plan, head: { label: string; sha: string }, rules: LinkSettings & { ownRepo?: string }, include?: (i: number) => boolean): LinkedRelease {
  // The scan's rules (closing words, the origin's owner/repo, merged task branches), so the postmortem closes what status closes.
  const { refs: link, key } = commitLinker(plan, rules);
  // The history scan that read the walk linked it already: to the same plan by the same rules, its references are these.
  const known = walk.links && walk.links.plan === plan && walk.links.rulesKey === key ? walk.links.refs : undefined;
  const commits: LinkedCommit[] = [];
  const refs: LinkedRelease['refs'][number][] = new Array(walk.raw.length);
  const subjects: string[] = new Array(walk.raw.length);
  let unlinked = 0;
  // git lists newest first; reports read oldest first.
  for (let i = walk.raw.length - 1; i >= 0; i--) {
    if (include && !include(i)) { refs[i] = []; subjects[i] = ''; continue; }
    const c = walk.raw[i];
    const merge = c.parents.length > 1;
    // A merge the scan ruled out on its bytes is matched again: the merged-branch rule reads branch
    // names with Unicode case rules the byte prefilter does not (a Kelvin sign in `TASK-1`), so the
    // postmortem keeps closing exactly what it closed without the scan's links. Merges are few.
    const r = known && !(merge && known[i].length === 0) ? known[i] : link(c.message, merge);
    const nl = c.message.indexOf('\n');
    const subject = nl < 0 ? c.message : c.message.slice(0, nl);
    refs[i] = r;
    subjects[i] = subject;
    if (r.length > 0) {
      // The time lines too: the postmortem measures estimates in hours where commits state time (actuals.ts).
      const time = timeLines(c.message);
      commits.push({ sha: c.sha, authorName: c.authorName, authorEmail: c.authorEmail, authorDate: c.authorDate, subject, onDefaultBranch: true, refs: r.slice(), merge, ...(time.length ? { time } : {}) });
    } else if (!merge) unlinked++;
  }
  const scan: HistoryScan = {
    defaultBranch: head.label,
    head: head.sha,
    shallow: false,
    empty: false,
    commits,
    unlinkedCommits: unlinked,
    warnings: [],
  };
  return { scan, refs, subjects };
}

/**
 * `baseline..release` as a test on walk indexes: the release's commits minus
 * those reachable from the baseline, walked over the parents already in
 * memory (no second git walk). A baseline outside the release's history
 * (another branch) asks git.
 */
async function rangeOf(repoDir: string, walk: ReleaseWalk, baseline: string, release: string, gitPath?: string): Promise<(i: number) => boolean> {
  const start = walk.indexOf(baseline);
  if (start === undefined) {
    const r = await runGit(repoDir, ['rev-list', '--end-of-options', release, `^${baseline}`, '--'], { gitPath });
    const range = new Set(r.stdout.toString('latin1').split('\n').filter((s) => s.length > 0));
    return (i) => range.has(walk.raw[i].sha);
  }
  const before = walk.ancestors(start);
  return (i) => before[i] === 0;
}
