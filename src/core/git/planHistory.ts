// project.yml at earlier revisions, read from its own git history: the
// postmortem's baseline (the plan as it stood when a milestone was first
// committed) and the plan at release (the milestone's tag, else HEAD).
//
// Cost model (a 1k-task plan is ~180 KB and takes ~100 ms to parse): the
// revision list is one path-limited `git log`, every revision's text comes
// through ONE `git cat-file --batch`, and only the revisions the report needs
// are parsed: the baseline (found by a text search first, so only candidates
// are parsed), the release, and the revisions in between while they fit a
// byte budget (evenly sampled beyond it). A revision that does not parse is
// skipped and named, never fatal, unless it is an explicit --baseline.
//
// Safety: refs are checked with strict patterns and passed after
// `--end-of-options`; the path goes after `--`; blob names reach git only on
// cat-file's stdin, where they cannot be options.
import { realpathSync } from 'node:fs';
import * as nodePath from 'node:path';
import { DEFAULT_MAX_BYTES, parsePlan, type ParsedPlan } from '../parse';
import type { IsoDate, Milestone, Plan } from '../model';
import { runGit, assertRepoPath, filePathspec, printable, isSafeRevision, FULL_SHA_PATTERN, GitError } from './run';

export type PlanHistoryErrorKind =
  | 'unknown-milestone'
  | 'missing-release'
  | 'missing-baseline'
  | 'bad-ref'
  | 'no-history'
  | 'unparseable-baseline'
  | 'bad-plan'
  | 'bad-since';

/** Bad input the user can fix (CLI exit code 1): the message says what and how. */
export class PlanHistoryError extends Error {
  constructor(readonly kind: PlanHistoryErrorKind, message: string) {
    super(message);
    this.name = 'PlanHistoryError';
  }
}

/** One commit that changed project.yml. */
export interface PlanRevisionInfo {
  readonly sha: string;
  /** Committer date, strict ISO 8601: when the change landed. */
  readonly date: string;
  /** The committer date's calendar day as written (the committer's own zone). */
  readonly day: IsoDate;
  readonly subject: string;
}

export interface PlanRevision extends PlanRevisionInfo {
  readonly parsed: ParsedPlan;
  readonly plan: Plan;
  /**
   * True when only the project header and this milestone were parsed (large
   * plans, revisions between baseline and release): other milestones, the
   * backlog and risks are missing from `plan`.
   */
  readonly partial?: boolean;
}

export interface SkippedRevision extends PlanRevisionInfo {
  /** The first error, as `line:col: message`. */
  readonly reason: string;
}

export interface ReleasePoint {
  /** The milestone's `release` tag, or undefined for HEAD. */
  readonly tag?: string;
  /** What the report calls it: the tag, or `HEAD`. */
  readonly label: string;
  readonly sha: string;
  /** Committer day of the released commit (undefined for HEAD: not released yet). */
  readonly day?: IsoDate;
}

export interface MilestoneHistory {
  readonly milestoneId: string;
  /** Path of project.yml inside the repository, with `/`. */
  readonly path: string;
  readonly baseline: PlanRevision;
  /** `--baseline REF` as given, or undefined when found automatically. */
  readonly baselineRef?: string;
  /** project.yml as it stood at the release (newest revision reachable from it that parses). */
  readonly actual: PlanRevision;
  readonly release: ReleasePoint;
  /** Parsed revisions from the baseline to the actual one inclusive, oldest first. */
  readonly revisions: readonly PlanRevision[];
  /** Revisions that did not parse (and were needed or in range), oldest first. */
  readonly skipped: readonly SkippedRevision[];
  /** Revisions of project.yml between baseline and release (inclusive) in git. */
  readonly revisionsInRange: number;
  /** True when revisions in between were sampled to stay fast (very large plans). */
  readonly sampled: boolean;
  /** Every commit reachable from the release that changed project.yml. */
  readonly planCommits: ReadonlySet<string>;
}

export interface MilestoneHistoryOptions {
  /** `--baseline REF`: a tag, branch or commit. */
  baseline?: string;
  /** Bytes of intermediate revisions (or their slices) parsed before sampling starts. Default 300 KB (~0.2 s of parsing). */
  parseBudgetBytes?: number;
  /** The release, when the caller resolved it already (resolveRelease). */
  release?: ReleasePoint;
  /** Revisions in between larger than this are parsed as a slice (header + the milestone). Default 64 KB. */
  sliceAboveBytes?: number;
  /**
   * project.yml's revisions up to the release with their texts, when the
   * caller read them already (several postmortems of one release share one
   * path-limited `git log`, the costliest read on a long history).
   */
  revisions?: PlanRevisionTexts;
  /** Full parses by commit, shared between postmortems (a 1k-task revision takes ~100 ms to parse). */
  parseCache?: Map<string, ParsedPlan>;
  /** project.yml as the caller read it and its parse (parsePlan(bytes), default options): a revision with these bytes is not parsed again. */
  known?: KnownPlan;
  gitPath?: string;
}

export interface KnownPlan {
  readonly bytes: Uint8Array;
  readonly parsed: ParsedPlan;
}

/** Commits that changed project.yml, oldest first, and its text at each (undefined where it did not exist). */
export interface PlanRevisionTexts {
  readonly infos: readonly PlanRevisionInfo[];
  readonly texts: readonly (Buffer | undefined)[];
}

/** The revisions of `path` reachable from `rev` with their texts: one path-limited `git log`, one `git cat-file --batch`. */
export async function readPlanRevisions(repoDir: string, path: string, rev: string, gitPath?: string): Promise<PlanRevisionTexts> {
  const infos = await listPlanRevisions(repoDir, path, rev, gitPath);
  return { infos, texts: infos.length ? await readFilesAt(repoDir, infos.map((i) => i.sha), path, gitPath) : [] };
}

/**
 * readPlanRevisions' answer for revisions a walk of the whole history
 * derived (pathSimplify.ts; `shas` newest first, in git's order): their
 * dates and subjects from one `git log --no-walk`, their texts from one
 * `git cat-file --batch`. Undefined when git does not list exactly those
 * commits: the caller walks the path instead.
 */
export async function readDerivedRevisions(repoDir: string, path: string, shas: readonly string[], gitPath?: string): Promise<PlanRevisionTexts | undefined> {
  assertRepoPath(path);
  for (const s of shas) if (!FULL_SHA_PATTERN.test(s)) throw new GitError('bad-argument', `'${printable(s)}' is not a full commit id`);
  if (shas.length === 0) return { infos: [], texts: [] };
  const r = await runGit(repoDir, ['log', '-z', '--no-walk=unsorted', INFO_FORMAT, '--stdin'], { gitPath, input: `${shas.join('\n')}\n` });
  const newest = infosOf(r.stdout);
  if (newest.length !== shas.length || newest.some((info, i) => info.sha !== shas[i])) return undefined;
  const infos = newest.reverse();
  return { infos, texts: await readFilesAt(repoDir, infos.map((i) => i.sha), path, gitPath) };
}

const DEFAULT_BUDGET = 300_000;
const DEFAULT_SLICE_ABOVE = 64_000;

/** Path of `file` relative to the repository root, with `/`, or undefined when outside. */
export async function repoRelativePath(repoDir: string, file: string, gitPath?: string): Promise<{ root: string; path: string }> {
  const root = (await runGit(repoDir, ['rev-parse', '--show-toplevel'], { gitPath })).stdout.toString('utf8').trim();
  const rel = pathInside(root, file);
  if (rel === undefined) throw new PlanHistoryError('no-history', `${file} is not inside the git repository at ${root}`);
  return { root, path: rel };
}

/** `file`'s path from the work tree's top `root`, with `/` separators; undefined outside it. */
export function pathInside(root: string, file: string): string | undefined {
  // realpath on both sides: /tmp vs /private/tmp and symlinked checkouts.
  const real = (p: string): string => { try { return realpathSync(p); } catch { return p; } };
  const rel = nodePath.relative(real(root), real(nodePath.resolve(file))).split(nodePath.sep).join('/');
  return !rel || rel.startsWith('../') || nodePath.isAbsolute(rel) ? undefined : rel;
}

/** The commit a revision names, or undefined when it does not exist. Throws on an unsafe ref. */
export async function resolveCommit(repoDir: string, rev: string, gitPath?: string): Promise<string | undefined> {
  if (!isSafeRevision(rev)) throw new PlanHistoryError('bad-ref', `'${printable(rev)}' is not a valid git revision`);
  const r = await runGit(repoDir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { gitPath, okCodes: [1, 128] });
  const sha = r.stdout.toString('utf8').trim();
  return r.code === 0 && FULL_SHA_PATTERN.test(sha) ? sha : undefined;
}

/** The tag's commit, or undefined when there is no such tag. */
export async function resolveTag(repoDir: string, tag: string, gitPath?: string): Promise<string | undefined> {
  if (!isSafeRevision(tag) || tag.startsWith('refs/')) throw new PlanHistoryError('bad-ref', `'${printable(tag)}' is not a valid tag name`);
  return resolveCommit(repoDir, `refs/tags/${tag}`, gitPath);
}

/** The commit's sha, date (and its day), subject. */
export async function commitInfo(repoDir: string, sha: string, gitPath?: string): Promise<PlanRevisionInfo> {
  const out = (await runGit(repoDir, ['log', '-1', INFO_FORMAT, '--end-of-options', sha, '--'], { gitPath })).stdout.toString('utf8');
  return toInfo(out.trim());
}

/** What toInfo reads, in its order. */
const INFO_FORMAT = '--format=%H%x1f%cI%x1f%s';

function toInfo(line: string): PlanRevisionInfo {
  const [sha, date, subject] = line.split('\x1f');
  return { sha, date, day: date.slice(0, 10), subject: subject ?? '' };
}

/** The records of `git log -z INFO_FORMAT`, in git's order (git may start a record with a newline). */
function infosOf(stdout: Buffer): PlanRevisionInfo[] {
  return stdout.toString('utf8').split('\0').map((s) => s.replace(/^\n+/, '')).filter((s) => s.length > 0).map(toInfo);
}

/** Commits that changed `path`, reachable from `rev`, oldest first. */
export async function listPlanRevisions(repoDir: string, path: string, rev = 'HEAD', gitPath?: string): Promise<PlanRevisionInfo[]> {
  return listPlanRevisionsOf(repoDir, path, [rev], gitPath);
}

/** Commits that changed `path` in the revision range `revs` (`B`, or `B ^A`), oldest first. */
export async function listPlanRevisionsOf(repoDir: string, path: string, revs: readonly string[], gitPath?: string): Promise<PlanRevisionInfo[]> {
  assertRepoPath(path);
  for (const rev of revs) {
    if (!isSafeRevision(rev.replace(/^\^/, ''))) throw new PlanHistoryError('bad-ref', `'${printable(rev)}' is not a valid git revision`);
  }
  // Two readers asking for the same range of full commit ids at the same time share one walk: the site
  // reads HEAD's revisions for the sprints' scope and for the postmortems side by side. Only while it
  // runs: a later deepening of a shallow clone or a `git replace` can change what the same ids list.
  const fixed = revs.every((rev) => FULL_SHA_PATTERN.test(rev.replace(/^\^/, '')));
  const key = fixed ? JSON.stringify([repoDir, path, revs, gitPath ?? null]) : undefined;
  const running = key !== undefined ? walksRunning.get(key) : undefined;
  if (running) return (await running).slice();
  const walk = walkPlanRevisions(repoDir, path, revs, gitPath);
  if (key !== undefined) {
    walksRunning.set(key, walk);
    walk.then(() => walksRunning.delete(key), () => walksRunning.delete(key));
  }
  return (await walk).slice();
}

/** Walks of project.yml's revisions in progress, by (folder, path, full-sha range); see listPlanRevisionsOf. */
const walksRunning = new Map<string, Promise<PlanRevisionInfo[]>>();

async function walkPlanRevisions(repoDir: string, path: string, revs: readonly string[], gitPath?: string): Promise<PlanRevisionInfo[]> {
  // log.follow would make a walk of one path follow renames: the scan's derived list (pathSimplify.ts) does not.
  const r = await runGit(repoDir, ['-c', 'log.follow=false', 'log', '-z', INFO_FORMAT, '--end-of-options', ...revs, '--', filePathspec(path)], { gitPath });
  return infosOf(r.stdout).reverse();
}

/**
 * Reads `<sha>:<path>` for many commits through one `git cat-file --batch`.
 * Returns undefined where the file does not exist at that commit.
 */
export function readFilesAt(repoDir: string, shas: readonly string[], path: string, gitPath?: string): Promise<(Buffer | undefined)[]> {
  assertRepoPath(path);
  for (const s of shas) if (!FULL_SHA_PATTERN.test(s)) throw new GitError('bad-argument', `'${printable(s)}' is not a full commit id`);
  if (shas.length === 0) return Promise.resolve([]);
  return runGit(repoDir, ['cat-file', '--batch'], { gitPath, input: shas.map((s) => `${s}:${path}\n`).join('') })
    .then((r) => splitBatch(r.stdout, shas.length));
}

/** Splits cat-file --batch output: `<oid> <type> <size>\n<bytes>\n` or `<name> missing\n` per request. */
function splitBatch(out: Buffer, count: number): (Buffer | undefined)[] {
  const result: (Buffer | undefined)[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    const nl = out.indexOf(0x0a, p);
    if (nl < 0) throw new GitError('failed', 'git cat-file ended early');
    const header = out.toString('utf8', p, nl);
    p = nl + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) { result.push(undefined); continue; } // "<name> missing" / "ambiguous"
    const size = Number(m[2]);
    result.push(m[1] === 'blob' ? out.subarray(p, p + size) : undefined);
    p += size + 1;
  }
  return result;
}

/** project.yml at one commit, or undefined when it does not exist there. */
export async function showFile(repoDir: string, rev: string, path: string, gitPath?: string): Promise<string | undefined> {
  const sha = await resolveCommit(repoDir, rev, gitPath);
  if (!sha) return undefined;
  const [buf] = await readFilesAt(repoDir, [sha], path, gitPath);
  return buf?.toString('utf8');
}

/** The first error of a parse, as `line:col: message`, or undefined when the plan is usable. */
export function parseFailure(parsed: ParsedPlan): string | undefined {
  const first = parsed.diagnostics.find((d) => d.severity === 'error');
  if (parsed.plan && parsed.syntaxOk) return undefined;
  if (first) return `${first.start.line}:${first.start.col}: ${first.message}`;
  return 'the file could not be understood as a plan';
}

function findMilestone(plan: Plan, id: string): Milestone | undefined {
  return plan.milestones.find((m) => m.id === id);
}

/** `id: beta` as a key/value anywhere in the text: the cheap test before a parse. */
function idPattern(id: string): RegExp {
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\s{,-])id:\\s*["']?${esc}["']?\\s*(?:$|[,}#])`, 'm');
}

/** The milestone's release: its `release` tag (which must exist), else HEAD. */
export async function resolveRelease(repoDir: string, current: Plan, milestoneId: string, gitPath?: string): Promise<ReleasePoint> {
  const milestone = findMilestone(current, milestoneId);
  if (!milestone) {
    const ids = current.milestones.map((m) => m.id);
    throw new PlanHistoryError('unknown-milestone',
      `unknown milestone '${printable(milestoneId)}'; the plan has ${ids.length ? ids.map((i) => `'${i}'`).join(', ') : 'no milestones'}`);
  }
  if (milestone.release !== undefined) {
    const sha = await resolveTag(repoDir, milestone.release, gitPath);
    if (!sha) {
      throw new PlanHistoryError('missing-release',
        `milestone '${milestoneId}' names release tag '${printable(milestone.release)}', but the repository has no such tag (create it with 'git tag ${printable(milestone.release)} <commit>' or remove 'release:')`);
    }
    const info = await commitInfo(repoDir, sha, gitPath);
    return { tag: milestone.release, label: milestone.release, sha, day: info.day };
  }
  return headRelease(repoDir, gitPath);
}

/** HEAD as the release of milestones without a `release` tag. */
export async function headRelease(repoDir: string, gitPath?: string): Promise<ReleasePoint> {
  const sha = await resolveCommit(repoDir, 'HEAD', gitPath);
  if (!sha) throw new PlanHistoryError('no-history', 'the repository has no commits yet, so project.yml has no history');
  return { label: 'HEAD', sha };
}

/**
 * The baseline and actual plans of `milestoneId` (see the file comment).
 * `current` is the plan the user works on (the file on disk): it names the
 * milestone and its `release` tag.
 */
export async function loadMilestoneHistory(
  repoDir: string,
  path: string,
  current: Plan,
  milestoneId: string,
  options: MilestoneHistoryOptions = {},
): Promise<MilestoneHistory> {
  const gitPath = options.gitPath;

  const release = options.release ?? await resolveRelease(repoDir, current, milestoneId, gitPath);

  const { infos, texts } = options.revisions ?? await readPlanRevisions(repoDir, path, release.sha, gitPath);
  if (infos.length === 0) {
    throw new PlanHistoryError('no-history', `${path} was never committed before ${release.label}, so there is no plan history to compare`);
  }
  const skipped = new Map<string, SkippedRevision>();
  const parsedCache = new Map<number, PlanRevision | undefined>();
  const parseAt = (i: number): PlanRevision | undefined => {
    if (parsedCache.has(i)) return parsedCache.get(i);
    const buf = texts[i];
    let rev: PlanRevision | undefined;
    if (buf) {
      const sha = infos[i].sha;
      const parsed = options.parseCache?.get(sha) ?? (isKnown(buf, options.known) ? options.known!.parsed : parsePlan(buf));
      options.parseCache?.set(sha, parsed);
      const failure = parseFailure(parsed);
      if (failure) skipped.set(infos[i].sha, { ...infos[i], reason: failure });
      else rev = { ...infos[i], parsed, plan: parsed.plan as Plan };
    }
    parsedCache.set(i, rev);
    return rev;
  };

  // The baseline: an explicit ref, or the first revision whose plan has the milestone.
  let baseline: PlanRevision | undefined;
  let baselineIndex = -1;
  if (options.baseline !== undefined) {
    const ref = options.baseline;
    const sha = await resolveCommit(repoDir, ref, gitPath);
    if (!sha) throw new PlanHistoryError('missing-baseline', `baseline '${printable(ref)}' does not exist in this repository (give a tag, branch or commit)`);
    // A baseline among the plan's revisions: its text and commit are already at hand.
    baselineIndex = infos.findIndex((r) => r.sha === sha);
    const known = baselineIndex >= 0;
    // (commitInfo trims its output: the subject loses trailing blanks there too.)
    const [[buf], info] = known
      ? [[texts[baselineIndex]], { ...infos[baselineIndex], subject: infos[baselineIndex].subject.trimEnd() }]
      : await Promise.all([readFilesAt(repoDir, [sha], path, gitPath), commitInfo(repoDir, sha, gitPath)]);
    if (!buf) throw new PlanHistoryError('missing-baseline', `${path} does not exist at baseline '${printable(ref)}' (${sha.slice(0, 7)})`);
    const parsed = parsePlan(buf);
    const failure = parseFailure(parsed);
    if (failure) throw new PlanHistoryError('unparseable-baseline', `${path} at baseline '${printable(ref)}' (${sha.slice(0, 7)}) does not parse: ${failure}`);
    baseline = { ...info, parsed, plan: parsed.plan as Plan };
    // Revisions after the baseline's date count as "in range".
    if (!known) baselineIndex = lastIndexWhere(infos, (r) => r.date <= info.date);
  } else {
    const mentions = idPattern(milestoneId);
    for (let i = 0; i < infos.length && !baseline; i++) {
      const buf = texts[i];
      if (!buf || !mentions.test(buf.toString('utf8'))) continue;
      const rev = parseAt(i);
      if (rev && findMilestone(rev.plan, milestoneId)) { baseline = rev; baselineIndex = i; }
    }
    if (!baseline) {
      throw new PlanHistoryError('missing-baseline',
        `milestone '${milestoneId}' is in no committed revision of ${path} up to ${release.label}${skipped.size ? ' that parses' : ''}, so there is no baseline: commit the plan or pass --baseline REF`);
    }
  }

  // The actual plan: the newest revision reachable from the release that parses.
  let actual: PlanRevision | undefined;
  let actualIndex = -1;
  for (let i = infos.length - 1; i >= 0 && i >= baselineIndex; i--) {
    const rev = parseAt(i);
    if (rev) { actual = rev; actualIndex = i; break; }
  }
  if (!actual) { actual = baseline; actualIndex = baselineIndex; }
  if (!findMilestone(actual.plan, milestoneId)) {
    throw new PlanHistoryError('unknown-milestone', `milestone '${milestoneId}' is not in ${path} at ${release.label} (${actual.sha.slice(0, 7)})`);
  }

  // Revisions in between, within the byte budget (evenly sampled beyond it).
  // Large ones are parsed as a slice: the header and this milestone only.
  const sliceAbove = options.sliceAboveBytes ?? DEFAULT_SLICE_ABOVE;
  const between: { i: number; slice?: string }[] = [];
  for (let i = Math.max(0, baselineIndex + 1); i < actualIndex; i++) if (texts[i]) between.push({ i });
  // Slicing every revision would cost more than it saves: the middle one's
  // slice tells what share of a large revision gets parsed.
  let sliceShare = 1;
  if (between.length) {
    const mid = between[between.length >> 1];
    if (texts[mid.i]!.length > sliceAbove) {
      const slice = milestoneSlice(texts[mid.i]!.toString('utf8'), milestoneId);
      if (slice !== undefined) sliceShare = Buffer.byteLength(slice) / texts[mid.i]!.length;
    }
  }
  const budget = options.parseBudgetBytes ?? DEFAULT_BUDGET;
  const cost = (b: { i: number }): number => {
    const n = texts[b.i]?.length ?? 0;
    return n > sliceAbove ? n * sliceShare : n;
  };
  const bytes = between.reduce((n, b) => n + cost(b), 0);
  let chosen = between;
  let sampled = false;
  if (bytes > budget && between.length > 0) {
    const avg = bytes / between.length;
    const take = Math.max(0, Math.floor(budget / avg));
    sampled = take < between.length;
    chosen = take === 0 ? [] : Array.from({ length: take }, (_, k) => between[Math.floor(((k + 0.5) * between.length) / take)]);
  }
  // Most revisions leave a given milestone alone: a slice seen before is not parsed again (its parse is a pure function of the text).
  const sliceParses = new Map<string, ParsedPlan>();
  const parseBetween = (b: { i: number }): PlanRevision | undefined => {
    const buf = texts[b.i];
    const slice = buf && buf.length > sliceAbove ? milestoneSlice(buf.toString('utf8'), milestoneId) : undefined;
    if (slice !== undefined) {
      let parsed = sliceParses.get(slice);
      if (!parsed) sliceParses.set(slice, (parsed = parsePlan(slice)));
      if (!parseFailure(parsed) && parsed.plan && findMilestone(parsed.plan, milestoneId)) {
        return { ...infos[b.i], parsed, plan: parsed.plan, partial: true };
      }
    }
    return parseAt(b.i); // small, not in block layout, or the slice failed: the whole file says why
  };
  const revisions: PlanRevision[] = [baseline];
  for (const b of chosen) {
    const rev = parseBetween(b);
    if (rev) revisions.push(rev);
  }
  if (actual !== baseline) revisions.push(actual);

  const rangeStart = Math.max(0, baselineIndex);
  return {
    milestoneId,
    path,
    baseline,
    baselineRef: options.baseline,
    actual,
    release,
    revisions,
    skipped: [...skipped.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    revisionsInRange: infos.length - rangeStart,
    sampled,
    planCommits: new Set(infos.map((i) => i.sha)),
  };
}

/** The revision's bytes are the known plan's, which parsePlan's default size limit admits (the caller's parse may have had another). */
function isKnown(buf: Buffer, known: KnownPlan | undefined): boolean {
  return known !== undefined && known.bytes.byteLength <= DEFAULT_MAX_BYTES && buf.equals(known.bytes);
}

function lastIndexWhere<T>(a: readonly T[], f: (x: T) => boolean): number {
  for (let i = a.length - 1; i >= 0; i--) if (f(a[i])) return i;
  return -1;
}

/**
 * project.yml reduced to its `version`, `project` and `people` sections plus
 * the one milestone, for a cheap parse of a large plan. Works on the usual
 * block layout (top-level keys at column 0, the milestone an item starting
 * `- id: <id>`); undefined otherwise, and the caller parses the whole file.
 */
export function milestoneSlice(text: string, milestoneId: string): string | undefined {
  const esc = milestoneId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const top = /^([A-Za-z_][\w-]*)[ \t]*:/gm;
  const sections: { key: string; start: number }[] = [];
  for (let m = top.exec(text); m; m = top.exec(text)) sections.push({ key: m[1], start: m.index });
  const sectionEnd = (k: number): number => (k + 1 < sections.length ? sections[k + 1].start : text.length);
  const ms = sections.findIndex((x) => x.key === 'milestones');
  if (ms < 0) return undefined;
  const item = new RegExp(`^( *)- +id: *["']?${esc}["']? *(?:#.*)?\r?$`, 'gm');
  item.lastIndex = sections[ms].start;
  const hit = item.exec(text);
  if (!hit || hit.index >= sectionEnd(ms)) return undefined;
  const indent = hit[1].length;
  // The item ends at the next line indented no deeper than its dash (blank and comment lines do not end it).
  const next = new RegExp(`^ {0,${indent}}(?=[^ \\r\\n#])`, 'gm');
  next.lastIndex = hit.index + hit[0].length;
  const end = Math.min(next.exec(text)?.index ?? text.length, sectionEnd(ms));
  let head = '';
  sections.forEach((x, k) => {
    if (x.key === 'version' || x.key === 'project' || x.key === 'people') head += text.slice(x.start, sectionEnd(k)).replace(/\r?\n?$/, '\n');
  });
  return `${head}milestones:\n${text.slice(hit.index, end).replace(/\r?\n?$/, '\n')}`;
}
