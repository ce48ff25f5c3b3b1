// scanHistory: which commits reference which tasks, and where they are.
//
// Two sets of commits, each listed by one streaming `git log`:
// - the default branch (local and origin/ tips): these can close tasks;
// - commits reachable from HEAD or any other local branch but not from the
//   default branch: work started (contract: "commits elsewhere count as work
//   started"). Remote branches other than the default are not read.
// git lists each commit once per walk and the two walks are disjoint, so a
// commit is never counted twice (a merged feature branch's commits are on the
// default branch, the merge commit is its own commit). Merge commits can
// reference tasks like any commit, but are never counted as unplanned work.
//
// Incremental: the cache file keeps only linked commits plus the default
// branch tips, the unplanned count and a key (linking rules + plan start).
// When the old tips are ancestors of the new ones, only `git log new ^old`
// is read; otherwise (rebase, force push) the default branch is rescanned.
// The other branches are small and re-read whenever any tip moved.
import { createHash } from 'node:crypto';
import type { Plan } from '../model';
import { buildMatcher, type LinkRules, type Matcher, type TaskRef } from '../link';
import { planStart } from '../progress';
import { internString, streamLogRecords, type LogRecord, type LogStreamOptions, type RawCommit, type StartedLog } from './logStream';
import type { PathEntry } from './pathSimplify';
import { cachedOrigin, linkedCommit, loadCacheCommits, readCacheHead, saveCache, type CacheHead } from './historyCache';
import { timeLines } from '../timeSpent';
import { buildMergeCloser, type CloseVia, type MergeCloser } from '../mergeClose';
import { mergesOfTaskBranches, withBranchMerges } from './mergedBranches';
import { GitError, gitAtLeast } from './run';
import { isAncestor, originOf, readRepoState, resolveDefaultBranch, type DefaultBranch, type OriginMemo, type RepoState } from './repo';

/** Frozen: objects are shared between scans of the same cache. */
export interface LinkedCommit {
  sha: string;
  authorName: string;
  authorEmail: string;
  /** ISO 8601 with the author's offset. */
  authorDate: string;
  subject: string;
  onDefaultBranch: boolean;
  /** `via`: closed by a merged branch or a squash merge (mergeClose.ts) rather than a closing word. */
  refs: { taskId: string; closing: boolean; via?: CloseVia }[];
  /** Lines stating time spent (`Time: 1h30m`, `#time 2h`), when there are any (core/timeSpent.ts reads them). */
  time?: readonly string[];
  /** True for a merge commit (more than one parent). */
  merge?: boolean;
}

export interface UnlinkedCommit {
  sha: string;
  subject: string;
  authorEmail: string;
  authorDate: string;
}

export interface HistoryScan {
  defaultBranch: string;
  /** Full sha of HEAD, when there is one. */
  head?: string;
  shallow: boolean;
  empty: boolean;
  /** Only commits that reference a task: the default branch oldest first, then other branches' commits oldest first. */
  commits: LinkedCommit[];
  /** Non-merge commits on the default branch, authored on or after the plan's start, that reference nothing. */
  unlinkedCommits: number;
  /** Those commits, when options.includeUnlinked (newest first). */
  unlinked?: UnlinkedCommit[];
  /** Partial history, detached HEAD, missing default branch, cache trouble: show them to users. */
  warnings: string[];
  /**
   * Something failed this time only (git mid-scan, the merged branches, the
   * origin URL, the cache file damaged or not written): the next scan with
   * nothing changed may read more or say otherwise. The CLI keeps no status
   * answer from such a scan (src/cli/statusAnswer.ts).
   */
  transient?: true;
  /** How the scan went: commits git printed, and what the cache did. */
  stats?: ScanStats;
}

export interface ScanStats {
  /** Commits read from git in this scan (0 when the cache answered everything). */
  readCommits: number;
  /** none: no cache file given; cold: nothing usable cached; hit: nothing changed; incremental: only new commits read; rewritten: history was rewritten, rescanned. */
  cache: 'none' | 'cold' | 'hit' | 'incremental' | 'rewritten';
}

export interface ScanOptions extends LinkRules {
  /** Default branch override (setting / CLI); else project.defaultBranch, origin/HEAD, main, master. */
  defaultBranch?: string;
  /** Where to keep the incremental cache, or how to name it from the git directory; no cache without it. */
  cacheFile?: string | ((gitDir: string) => string);
  /** Merged task branches and squash merges close tasks (setting waymark.closeOnMerge); default: project.closeOnMerge, else true. */
  closeOnMerge?: boolean;
  /** Also list the unplanned commits (skips the cache: the list is not kept). */
  includeUnlinked?: boolean;
  /** git executable, for tests. */
  gitPath?: string;
  /**
   * Receives every commit of the default branch, decoded, newest first (git's
   * order), when the scan read that branch in full from a single tip (a cold
   * or rewritten cache): a caller that needs the whole history too (the site's
   * postmortems) takes it from the scan's `git log` instead of running another.
   * Not called when the cache answered or only new commits were read.
   * `links` says what the scan linked each commit to, so a reader linking
   * them to the same plan with the same rules need not match them again.
   */
  onFullHistory?: (tip: string, commits: RawCommit[], links: ScanLinks, planChanges?: PlanChanges) => void;
  /**
   * project.yml's path from the repository's top: the walk handed to onFullHistory
   * also lists that file's changes (planChanges), from which its revisions
   * follow without a walk of their own (pathSimplify.ts). Needs git 2.31.
   * A promise is awaited only when that walk starts (the caller's checks run
   * beside the scan's first reads).
   */
  planPath?: string | Promise<string | undefined>;
  /**
   * A log started before the plan was parsed (earlyLog.ts): the full read of
   * the default branch takes it over when it is the same command. The caller
   * cancels it after the scan (a no-op once taken over).
   */
  started?: StartedLog;
}

/** The changes of project.yml in a full walk (ScanOptions.planPath): its entry after each commit that changed it, by the commit's position in the walk. */
export interface PlanChanges {
  readonly path: string;
  readonly changes: ReadonlyMap<number, PathEntry>;
}

/** The scan's references of the commits it hands over (ScanOptions.onFullHistory): refs[i] are commits[i]'s. */
export interface ScanLinks {
  readonly plan: Plan;
  /** commitLinker's `key`: the rules the commits were linked by. */
  readonly rulesKey: string;
  /** The origin's `owner/repo` the scan linked `owner/repo#N` references with; undefined when reading it failed. */
  readonly origin: { readonly ownRepo: string | undefined } | undefined;
  readonly refs: readonly (readonly LinkRef[])[];
}

/**
 * Scans the repository. Never throws for repository conditions: a folder that
 * is not a repository or a missing git come back as a GitError (typed, with a
 * message for users); everything else degrades into `warnings`.
 */
/** Every surface (status table and JSON, reports, site) says this for a shallow clone instead of under-counting quietly. */
export const SHALLOW_WARNING = 'shallow clone: the history is partial, so older commits are missing from progress; progress from commits needs the full history (`git fetch --unshallow`; in CI, `fetch-depth: 0` on actions/checkout or `GIT_DEPTH: 0` in GitLab CI)';

export async function scanHistory(repoDir: string, plan: Plan, options: ScanOptions = {}): Promise<HistoryScan> {
  const state = await readRepoState(repoDir, { gitPath: options.gitPath });
  const def = resolveDefaultBranch(state, plan.project.defaultBranch, options.defaultBranch);
  const warnings: string[] = [];
  if (def.warning) warnings.push(def.warning);
  const result: HistoryScan = {
    defaultBranch: def.name,
    head: state.head,
    shallow: state.shallow,
    empty: state.empty,
    commits: [],
    unlinkedCommits: 0,
    warnings,
  };
  if (state.empty) {
    warnings.push('the repository has no commits yet');
    return result;
  }
  if (state.shallow) {
    warnings.push(SHALLOW_WARNING);
  }
  if (state.detached && state.head) {
    warnings.push(`HEAD is detached at ${state.head.slice(0, 7)}: its commits count as started, not as on ${def.name}`);
  }

  const cacheFile = typeof options.cacheFile === 'function' ? options.cacheFile(state.gitDir) : options.cacheFile;
  const useCache = cacheFile !== undefined && !options.includeUnlinked && !state.shallow;
  // The origin URL the cache's last writer read, reused while the config files are unchanged (repo.ts, originOf).
  let origin: OriginMemo | undefined;
  let originRead = true;
  const ownRepo = options.ownRepo !== undefined
    ? options.ownRepo
    : await originOf(repoDir, state, useCache ? cachedOrigin(cacheFile!) : undefined, { gitPath: options.gitPath, remember: (m) => { origin = m; } })
      .catch(() => { result.transient = true; originRead = false; return undefined; });
  try {
    await readCommits(repoDir, plan, options, state, def, { ownRepo, read: originRead }, result, useCache ? { file: cacheFile!, origin } : undefined);
  } catch (e) {
    // A git failure mid-scan (damaged object, a ref deleted meanwhile) degrades to declared statuses.
    if (!(e instanceof GitError) || e.kind === 'git-missing' || e.kind === 'not-a-repo') throw e;
    result.commits = [];
    result.unlinkedCommits = 0;
    warnings.push(`could not read the history: ${e.message}`);
    result.transient = true;
  }
  return result;
}

/** The scan proper: fills result.commits, unlinkedCommits, stats; may throw GitError. */
async function readCommits(
  repoDir: string,
  plan: Plan,
  options: ScanOptions,
  state: RepoState,
  def: DefaultBranch,
  /** The origin's owner/repo; `read` false when reading it failed (undefined then). */
  own: { readonly ownRepo: string | undefined; readonly read: boolean },
  result: HistoryScan,
  /** The cache file, and the origin memo to keep in it; undefined: no cache. */
  cached: { file: string; origin: OriginMemo | undefined } | undefined,
): Promise<void> {
  const warnings = result.warnings;
  // Every warning of the cache file (damaged, not written) is about this run only.
  const cacheSays = <T>(read: () => T): T => {
    const before = warnings.length;
    const value = read();
    if (warnings.length > before) result.transient = true;
    return value;
  };
  const { ownRepo } = own;
  const { matcher, closeOnMerge, closer, refs: link, key: rulesKey } = commitLinker(plan, { closingWords: options.closingWords, ownRepo, closeOnMerge: options.closeOnMerge });
  const start = planStart(plan);
  const key = createHash('sha1').update(`${matcher.key}\n${start ?? ''}\nmerge:${closeOnMerge}`).digest('hex');
  const useCache = cached !== undefined;
  // The header first: the git processes start from its tips, and the cached commits load while they run.
  const head = cached ? cacheSays(() => readCacheHead(cached.file, key, warnings)) : undefined;
  let cache: CacheHead['state'] | undefined = head?.state;
  // A few authors write most commits: one string per author, shared.
  const authors = new Map<string, string>();

  // The other branches' log runs while the default branch is read.
  const defTips = def.tips;
  // A local branch and its origin/ counterpart at one commit are one walk (`git log A A` is `git log A`).
  const defRevs = [...new Set(defTips.map((t) => t.sha))];
  const unlinkedList: UnlinkedCommit[] | undefined = options.includeUnlinked ? [] : undefined;
  const sideTips = [...new Set([...state.branches.values(), ...(state.head ? [state.head] : [])])]
    .filter((sha) => !defRevs.includes(sha))
    .sort();
  const sideKey = createHash('sha1').update(`${sideTips.join(' ')}|${defRevs.join(' ')}`).digest('hex');
  const sideTipsKey = createHash('sha1').update(sideTips.join(' ')).digest('hex');
  let tipsSame = cache !== undefined && sameTips(cache.defaultTips, defTips);
  const refsSame = cache !== undefined && cache.defaultTips.length === defTips.length && cache.defaultTips.every((t, i) => t.ref === defTips[i].ref);
  const scan = (revs: string[], onDefaultBranch: boolean, since: string | undefined, list: UnlinkedCommit[] | undefined, keep?: Kept): Promise<Range> =>
    scanRange(repoDir, revs, onDefaultBranch, link, since, authors, list, options.gitPath, undefined, keep);
  /** The default branch read in full, handed to onFullHistory when it is asked for and there is one tip. */
  const scanDefault = async (): Promise<Range> => {
    const keep: Kept | undefined = options.onFullHistory && defRevs.length === 1 ? { commits: [], refs: [] } : undefined;
    const path = keep && (await options.planPath);
    const changes = new Map<number, PathEntry>();
    let changesHold = true;
    // Every record read is kept, so a record's position is its commit's in the walk; a path git printed
    // otherwise (a folder of that name) is not one file's history.
    let changesOf: LogStreamOptions['changesOf'] = path ? {
      path,
      onChange: (at: number, entry: PathEntry, printed: string) => {
        if (printed !== path) changesHold = false;
        changes.set(at, entry);
      },
    } : undefined;
    // A log started early lists project.yml's changes too: with none wanted it is still this walk (every
    // commit is listed), so it is taken over and its change lines skipped, where git can print them.
    // Still waiting means it is this tip's (readCommits cancels it otherwise).
    const started = options.started;
    const earlyPath = started?.state === 'waiting' ? started.start.changesPath : undefined;
    if (!changesOf && earlyPath !== undefined && (await gitAtLeast(repoDir, 2, 31, options.gitPath))) {
      changesOf = { path: earlyPath, onChange: () => undefined };
    }
    const range = await scanRange(repoDir, defRevs, true, link, start, authors, unlinkedList, options.gitPath, undefined, keep, undefined, changesOf, started, true);
    if (keep) options.onFullHistory!(defRevs[0], keep.commits, { plan, rulesKey, origin: own.read ? { ownRepo } : undefined, refs: keep.refs }, path && changesHold ? { path, changes } : undefined);
    return range;
  };

  const scanSide = (): Promise<Range> => {
    const p = sideTips.length ? scan([...sideTips, ...defRevs.map((s) => `^${s}`)], false, undefined, undefined) : Promise.resolve(EMPTY_RANGE);
    // Handled here so a failure while the default branch is still being read is
    // not an unhandled rejection; `await sidePromise` below still throws it.
    p.catch(() => undefined);
    return p;
  };
  // The other branches' commits are those their tips reach and the default
  // branch's do not. With the same side tips and a default branch only added
  // to, they are the cached ones minus what the default branch now reaches:
  // the incremental range, read anyway. No log of the other branches then.
  let deriveSide = cache !== undefined && !tipsSame && refsSame && cache.sideKey !== sideKey && cache.sideTipsKey === sideTipsKey;
  // sideKey names the default tips too, so a cached side list implies unchanged default tips.
  let sidePromise: Promise<Range> | undefined = (cache && cache.sideKey === sideKey) || deriveSide ? undefined : scanSide();
  let derivedSide: readonly LinkedCommit[] | undefined;
  // `git log new ^old` also proves the history was only added to: an old
  // tip that is a parent of a listed commit is reachable from the new tips.
  // When that proof is missing (old tips behind one another), ask git.
  const oldTips = new Set(cache?.defaultTips.map((t) => t.sha).filter((sha) => !defRevs.includes(sha)));
  const reached = deriveSide ? new Set<string>() : undefined;
  // A rewritten history may have lost an old tip entirely: then git log fails and we rescan.
  let incPromise = cache && !tipsSame && refsSame
    ? scanRange(repoDir, [...defRevs, ...cache.defaultTips.map((t) => `^${t.sha}`)], true, link, start, authors, undefined, options.gitPath, oldTips, undefined, reached).catch(() => undefined)
    : undefined;

  // The cached commits, while git runs.
  const loaded = head && cacheSays(() => loadCacheCommits(cached!.file, head, warnings));
  if (head && !loaded) {
    // The commits file is damaged: as without a cache (the started log's answer is not used).
    cache = undefined;
    tipsSame = deriveSide = false;
    incPromise = undefined;
    sidePromise ??= scanSide();
  }
  const stats: ScanStats = { readCommits: 0, cache: !useCache ? 'none' : !cache ? 'cold' : tipsSame ? 'hit' : 'rewritten' };
  result.stats = stats;
  // A log started early (ScanOptions.started) serves only the full read of this one tip: else it stops now,
  // not after the scan (it would read the whole history beside ours).
  const early = options.started;
  if (early && !(loaded === undefined && defRevs.length === 1 && early.revisions.length === 1 && early.revisions[0] === defRevs[0])) early.cancel();

  let defaultCommits: readonly LinkedCommit[] = [];
  let unlinked = 0;
  if (loaded && tipsSame) {
    defaultCommits = loaded.state.defaultCommits;
    unlinked = loaded.state.unlinked;
  } else {
    let fresh: Range | undefined;
    if (loaded && incPromise) {
      const prev = loaded.state;
      const inc = await incPromise;
      const ok = inc !== undefined && (oldTips.size === 0 || (await allAncestors(repoDir, prev.defaultTips, defTips, options.gitPath)));
      if (ok && inc) {
        stats.cache = 'incremental';
        stats.readCommits += inc.read;
        defaultCommits = prev.defaultCommits.concat(inc.commits);
        unlinked = prev.unlinked + inc.unlinked;
        if (reached) derivedSide = prev.sideCommits.filter((c) => !reached.has(c.sha));
      } else {
        if (deriveSide) sidePromise = scanSide();
        fresh = await scanDefault();
      }
    } else if (defRevs.length) {
      fresh = await scanDefault();
    }
    if (fresh) {
      stats.readCommits += fresh.read;
      defaultCommits = fresh.commits;
      unlinked = fresh.unlinked;
    }
  }
  let sideCommits: readonly LinkedCommit[];
  if (derivedSide) {
    sideCommits = derivedSide;
  } else if (sidePromise) {
    const side = await sidePromise;
    stats.readCommits += side.read;
    sideCommits = side.commits;
  } else {
    sideCommits = loaded!.state.sideCommits;
  }

  // Old commits are the cached objects themselves (frozen), not copies.
  result.commits = defaultCommits.concat(sideCommits);
  // Merges whose merged-in commits all sit on a task branch (mergedBranches.ts): read on every scan, not
  // cached, because they depend on which branches exist, not only on the history.
  if (closer && !state.shallow) {
    try {
      const merges = await mergesOfTaskBranches(repoDir, state, defRevs, closer, options.gitPath);
      result.commits = withBranchMerges(result.commits, merges, (m, refs) =>
        linkedCommit(m.sha, internString(authors, m.authorName), internString(authors, m.authorEmail), m.authorDate, m.subject, true, refs, true));
    } catch (e) {
      if (!(e instanceof GitError)) throw e;
      warnings.push(`merged task branches were not read: ${e.message}`);
      result.transient = true;
    }
  }
  result.unlinkedCommits = unlinked;
  if (unlinkedList) result.unlinked = unlinkedList;
  const changed = !loaded || stats.cache !== 'hit' || loaded.state.sideKey !== sideKey || !sameOrigin(loaded.state.origin, cached?.origin);
  if (cached && changed) {
    cacheSays(() => saveCache(cached.file, { key, defaultTips: defTips, unlinked, defaultCommits, sideKey, sideTipsKey, sideCommits, origin: cached.origin }, stats.cache === 'incremental' || stats.cache === 'hit' ? loaded : undefined, warnings));
  }
}

/** True when each cached tip is an ancestor of the same ref's new tip (history was only added to). */
async function allAncestors(dir: string, old: { ref: string; sha: string }[], now: { ref: string; sha: string }[], gitPath?: string): Promise<boolean> {
  const checks = await Promise.all(old.map((o, i) => (o.sha === now[i].sha ? true : isAncestor(dir, o.sha, now[i].sha, { gitPath }))));
  return checks.every(Boolean);
}

function sameOrigin(a: OriginMemo | undefined, b: OriginMemo | undefined): boolean {
  return a?.signature === b?.signature && a?.repo === b?.repo;
}

function sameTips(a: { ref: string; sha: string }[], b: { ref: string; sha: string }[]): boolean {
  return a.length === b.length && a.every((t, i) => t.ref === b[i].ref && t.sha === b[i].sha);
}

interface Range {
  /** Linked commits, oldest first. */
  commits: LinkedCommit[];
  unlinked: number;
  /** Commits git printed. */
  read: number;
}
const EMPTY_RANGE: Range = { commits: [], unlinked: 0, read: 0 };
const NO_REFS: readonly TaskRef[] = Object.freeze([]);

/** Streams one range; returns linked commits oldest first and the unplanned count. */
async function scanRange(
  dir: string,
  revs: string[],
  onDefaultBranch: boolean,
  link: RefsOf,
  start: string | undefined,
  authors: Map<string, string>,
  unlinkedList: UnlinkedCommit[] | undefined,
  gitPath?: string,
  /** Shas to strike out when seen as a parent of a listed commit (the ancestry proof). */
  parentsToSee?: Set<string>,
  /** Receives every commit read, decoded, and its references (onFullHistory). */
  keep?: Kept,
  /** Receives the sha of every commit read. */
  reached?: Set<string>,
  /** The changes of one path, listed by the same walk (LogStreamOptions.changesOf). */
  changesOf?: LogStreamOptions['changesOf'],
  /** A log already running that this read takes over when it is the same command (ScanOptions.started). */
  started?: StartedLog,
  /** The default branch read in full: through a temporary file (LogStart.spool). */
  whole = false,
): Promise<Range> {
  const commits: LinkedCommit[] = [];
  const sharedRefs = new Map<string, LinkedCommit['refs']>();
  let unlinked = 0;
  const read = await streamLogRecords(dir, revs, (r: LogRecord) => {
    if (parentsToSee && parentsToSee.size) for (const p of r.parents) parentsToSee.delete(p);
    reached?.add(r.sha);
    // Most messages are ruled out on their bytes by the matcher's prefilter and never decoded (unless kept).
    const message = r.mayReference || unlinkedList ? r.message : '';
    const refs = r.mayReference ? link(message, r.parentCount > 1) : NO_REFS;
    // A kept commit's fields are decoded once, for both.
    const raw = keep ? r.toCommit(authors, r.mayReference || unlinkedList ? message : r.message) : undefined;
    if (raw) {
      keep!.commits.push(raw);
      keep!.refs.push(refs);
    }
    if (refs.length) {
      const name = raw ? raw.authorName : internString(authors, r.authorName);
      const email = raw ? raw.authorEmail : internString(authors, r.authorEmail);
      commits.push(linkedCommit(raw ? raw.sha : r.sha, name, email, raw ? raw.authorDate : r.authorDate, subjectOf(message), onDefaultBranch, refs, r.parentCount > 1, timeLines(message), sharedRefs));
    } else if (r.parentCount <= 1 && (start === undefined || r.authorDayAtLeast(start))) {
      // The author's own calendar date decides "since the plan's start".
      unlinked++;
      unlinkedList?.push({ sha: r.sha, subject: subjectOf(message), authorEmail: r.authorEmail.toLowerCase(), authorDate: r.authorDate });
    }
  }, { gitPath, prefilter: link.prefilter, changesOf, started, spool: whole });
  commits.reverse();
  return { commits, unlinked, read };
}

type LinkRef = { taskId: string; closing: boolean; via?: CloseVia };
/** The commits a scan hands over, and their references. */
interface Kept { readonly commits: RawCommit[]; readonly refs: (readonly LinkRef[])[] }
/**
 * How a commit message links to the plan's tasks: the matcher (ids, issues, closing words,
 * `owner/repo#N` of the origin) plus the merged-branch and squash-merge rules when they are on
 * (default: project.closeOnMerge, else true). The scan and the postmortem's release walk share it,
 * so a postmortem closes exactly the tasks `waymark status` closes.
 */
export function commitLinker(plan: Plan, rules: LinkRules & { closeOnMerge?: boolean }): { matcher: Matcher; closeOnMerge: boolean; closer: MergeCloser | undefined; refs: RefsOf; key: string } {
  const matcher = buildMatcher(plan, { closingWords: rules.closingWords, ownRepo: rules.ownRepo });
  const closeOnMerge = rules.closeOnMerge ?? plan.project.closeOnMerge ?? true;
  const closer = closeOnMerge ? buildMergeCloser(plan) : undefined;
  // Of one plan, two linkers with the same key link every message alike.
  return { matcher, closeOnMerge, closer, refs: refsOf(matcher, closer), key: `${matcher.key}\nmerge:${closeOnMerge}` };
}

/** A commit's references; `prefilter` rules messages out on their bytes (the matcher's). */
export type RefsOf = ((message: string, merge: boolean) => readonly LinkRef[]) & { prefilter: Matcher['prefilter'] };

/** The commit's references: the matcher's, plus the merged-branch and squash-merge rules (mergeClose.ts) when on. */
function refsOf(matcher: Matcher, closer: MergeCloser | undefined): RefsOf {
  const prefilter = matcher.prefilter;
  if (!closer) return Object.assign((message: string) => matcher.match(message), { prefilter });
  return Object.assign((message: string, merge: boolean) => {
    const refs: LinkRef[] = matcher.match(message);
    const subject = message.slice(0, (message.indexOf('\n') + 1 || message.length + 1) - 1);
    const close = (taskId: string, via: CloseVia): void => {
      const i = refs.findIndex((x) => x.taskId === taskId);
      // A closing word already closes it: that rule is the one to name.
      if (i < 0) refs.push({ taskId, closing: true, via });
      else if (!refs[i].closing) refs[i] = { taskId, closing: true, via };
    };
    if (merge) for (const id of closer.branchTasks(subject)) close(id, 'merge');
    // The task must be named in the subject itself: the trailing (#N) is the pull request, not a reference.
    else if (closer.isSquash(subject)) for (const r of matcher.match(closer.withoutPullRequest(subject))) close(r.taskId, 'squash');
    return refs;
  }, { prefilter });
}

/**
 * The first line, at most 200 characters. V8 keeps a slice's parent string
 * alive, so a subject cut from a long message is copied (a 1 MB message must
 * not stay in memory for its subject).
 */
function subjectOf(message: string): string {
  const nl = message.indexOf('\n');
  let line = nl < 0 ? message : message.slice(0, nl);
  // Never half a surrogate pair: the cache stores subjects as UTF-8, which has no lone surrogates.
  if (line.length > 200) line = `${line.slice(0, isHighSurrogate(line.charCodeAt(198)) ? 198 : 199)}…`;
  return message.length - line.length > 64 ? Buffer.from(line, 'utf8').toString('utf8') : line;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

export { GitError, planStart };
export type { RepoState };
