// Repository facts (branches, HEAD, shallow, empty, default branch) and the
// ordinary operations other features need (create a branch, check the tree is
// clean, read a file at a revision, list tags).
//
// The history scan reads its facts with runGit: two small processes in
// parallel (rev-parse, for-each-ref), and the origin URL with a third only
// when the repository's config files changed since it was last read
// (originOf), so an incremental scan stays in the tens of milliseconds.
// The ordinary operations go through simple-git, started by run.ts like every
// other git process.
import { readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { runGit, simpleGitAt as sg, GitError, assertRef, assertRevision, assertRepoPath, isSafeRefName, SHA_PATTERN } from './run';

export interface RepoState {
  /** Absolute path of the git directory (`.git`), where the CLI keeps its cache. */
  gitDir: string;
  /** Absolute path of the directory shared by all worktrees (holds `config`); gitDir outside a linked worktree. */
  commonDir: string;
  shallow: boolean;
  /** No commit at all (HEAD is unborn and no branch exists). */
  empty: boolean;
  /** Full sha of HEAD; undefined in an empty repository or on an unborn branch. */
  head?: string;
  /** Current branch short name; undefined when detached. */
  branch?: string;
  detached: boolean;
  /** Local branches: short name -> tip sha. */
  branches: Map<string, string>;
  /** Remote-tracking branches: `origin/main` -> tip sha. */
  remoteBranches: Map<string, string>;
  /** Branch name origin/HEAD points at (`main`), when the remote says. */
  originHead?: string;
}

export interface ReadOptions {
  gitPath?: string;
}

/** Reads the facts the scan needs, with two git processes run in parallel. Throws GitError (git-missing, not-a-repo). */
export async function readRepoState(dir: string, options: ReadOptions = {}): Promise<RepoState> {
  const o = { gitPath: options.gitPath };
  const [facts, refs] = await Promise.all([
    // --revs-only: an unborn HEAD (empty repository) prints nothing instead of failing.
    runGit(dir, ['rev-parse', '--absolute-git-dir', '--git-common-dir', '--is-shallow-repository', '--revs-only', 'HEAD'], o),
    // %(HEAD) marks the checked-out branch: no mark and a HEAD sha means detached.
    runGit(dir, ['for-each-ref', '--format=%(HEAD) %(objectname) %(refname) %(symref)', 'refs/heads', 'refs/remotes'], o),
  ]);
  const [gitDir, commonDir, shallowText, headText] = facts.stdout.toString('utf8').split('\n');
  const branches = new Map<string, string>();
  const remoteBranches = new Map<string, string>();
  let originHead: string | undefined;
  let branch: string | undefined;
  for (const line of refs.stdout.toString('utf8').split('\n')) {
    // `%(HEAD)` is `*` or a space: "* sha ref symref" / "  sha ref symref".
    const m = /^([* ]) (\S+) (\S+) ?(\S*)$/.exec(line);
    if (!m) continue;
    const [, mark, sha, ref, symref] = m;
    if (ref === 'refs/remotes/origin/HEAD') {
      if (symref?.startsWith('refs/remotes/origin/')) originHead = symref.slice('refs/remotes/origin/'.length);
      continue;
    }
    if (ref.startsWith('refs/heads/')) {
      branches.set(ref.slice(11), sha);
      if (mark === '*') branch = ref.slice(11);
    } else if (ref.startsWith('refs/remotes/') && !ref.endsWith('/HEAD')) remoteBranches.set(ref.slice(13), sha);
  }
  const head = headText && SHA_PATTERN.test(headText.trim()) ? headText.trim() : undefined;
  return {
    gitDir: gitDir.trim(),
    // Printed relative to the folder git ran in, unless it is elsewhere.
    commonDir: path.resolve(dir, commonDir.trim()),
    shallow: shallowText?.trim() === 'true',
    empty: head === undefined && branches.size === 0,
    head,
    branch,
    detached: branch === undefined && head !== undefined,
    branches,
    remoteBranches,
    originHead,
  };
}

export type DefaultBranchSource = 'option' | 'plan' | 'origin/HEAD' | 'main' | 'master' | 'current';

export interface DefaultBranch {
  /** The name people know it by (`main`). */
  name: string;
  source: DefaultBranchSource;
  /**
   * Refs whose commits count as on the default branch, with their tips: the
   * local branch and its `origin/` counterpart when they exist (a closing
   * commit pushed and merged upstream closes the task before a pull).
   */
  tips: { ref: string; sha: string }[];
  /** Why nothing can close, or how the branch was guessed. */
  warning?: string;
}

/**
 * Default branch: `override` (setting or --option), else the plan's
 * `project.defaultBranch`, else origin/HEAD, else `main`, else `master`, else
 * the current branch (with a warning). A configured branch that does not
 * exist is reported, and then nothing closes tasks.
 */
export function resolveDefaultBranch(state: RepoState, planBranch?: string, override?: string): DefaultBranch {
  const tipsFor = (name: string): { ref: string; sha: string }[] => {
    const tips: { ref: string; sha: string }[] = [];
    const local = state.branches.get(name);
    if (local) tips.push({ ref: `refs/heads/${name}`, sha: local });
    const remote = state.remoteBranches.get(`origin/${name}`) ?? (name.startsWith('origin/') ? state.remoteBranches.get(name) : undefined);
    if (remote) tips.push({ ref: `refs/remotes/${name.startsWith('origin/') ? name : `origin/${name}`}`, sha: remote });
    return tips;
  };
  const configured: [string | undefined, DefaultBranchSource][] = [[override, 'option'], [planBranch, 'plan']];
  for (const [name, source] of configured) {
    if (!name) continue;
    if (!isSafeRefName(name)) {
      return { name, source, tips: [], warning: `default branch '${name}' is not a valid branch name: no commit can close a task` };
    }
    const tips = tipsFor(name);
    if (tips.length === 0 && !state.empty) {
      return { name, source, tips, warning: `default branch '${name}' (from ${source === 'plan' ? 'project.defaultBranch' : 'the settings'}) does not exist: no commit can close a task` };
    }
    return { name, source, tips };
  }
  if (state.originHead && isSafeRefName(state.originHead)) {
    const tips = tipsFor(state.originHead);
    if (tips.length) return { name: state.originHead, source: 'origin/HEAD', tips };
  }
  for (const name of ['main', 'master'] as const) {
    const tips = tipsFor(name);
    if (tips.length) return { name, source: name, tips };
  }
  if (state.branch && state.head) {
    return {
      name: state.branch,
      source: 'current',
      tips: tipsFor(state.branch),
      warning: `no default branch found (no origin/HEAD, main or master): using the current branch '${state.branch}'; set project.defaultBranch to choose`,
    };
  }
  return { name: 'main', source: 'main', tips: [], warning: state.empty ? undefined : 'no default branch found: no commit can close a task; set project.defaultBranch' };
}

/** True when `ancestor` is reachable from `descendant` (history was not rewritten). */
export async function isAncestor(dir: string, ancestor: string, descendant: string, options: ReadOptions = {}): Promise<boolean> {
  const r = await runGit(dir, ['merge-base', '--is-ancestor', '--end-of-options', assertRevision(ancestor), assertRevision(descendant)], {
    gitPath: options.gitPath,
    okCodes: [1, 128],
  });
  return r.code === 0;
}

/** `owner/repo` of the origin remote (GitHub-style URLs), for `owner/repo#N` references. */
export async function originRepo(dir: string, options: ReadOptions = {}): Promise<string | undefined> {
  const r = await runGit(dir, ['config', '--get', 'remote.origin.url'], { gitPath: options.gitPath, okCodes: [1] });
  return parseOwnerRepo(r.stdout.toString('utf8').trim());
}

/**
 * What originOf remembers: the config files' signature when the URL was read,
 * and its owner/repo (null: not a GitHub-style URL).
 */
export interface OriginMemo {
  readonly signature: string;
  readonly repo: string | null;
}

/** Per process, by the repository's config file (the extension scans the same repository on every refresh). */
const originMemos = new Map<string, OriginMemo>();

/**
 * `owner/repo` of the origin remote, as originRepo reads it, without a git
 * process while the repository's config files keep the signature `known` (or
 * this process's memo) was taken with. Only a URL set in the repository's own
 * config file, which includes no other file, is remembered: nothing read
 * later (config.worktree, whose signature is taken too) can then override it,
 * and any other place (global config, an included file) is read every time.
 * `remember` receives what the caller may store for the next process.
 */
export async function originOf(dir: string, state: RepoState, known: OriginMemo | undefined, options: ReadOptions & { remember?: (memo: OriginMemo | undefined) => void } = {}): Promise<string | undefined> {
  const local = path.join(state.commonDir, 'config');
  // Taken before git reads the files: a change after it shows as another signature next time.
  const signature = configSignature(local, path.join(state.gitDir, 'config.worktree'));
  const memo = originMemos.get(local) ?? known;
  if (signature !== undefined && memo?.signature === signature) {
    options.remember?.(memo);
    return memo.repo ?? undefined;
  }
  const r = await runGit(dir, ['config', '--show-origin', '--get', 'remote.origin.url'], { gitPath: options.gitPath, okCodes: [1] });
  // `file:<path>\t<url>`; exit 1 and nothing when there is no origin URL.
  const line = r.stdout.toString('utf8').replace(/\r?\n$/, '');
  const tab = line.indexOf('\t');
  const repo = tab < 0 ? undefined : parseOwnerRepo(line.slice(tab + 1).trim());
  const fromLocal = tab > 5 && line.startsWith('file:') && path.resolve(dir, line.slice(5, tab)) === local && !includesOtherFiles(local);
  const fresh = fromLocal && signature !== undefined ? { signature, repo: repo ?? null } : undefined;
  if (fresh) originMemos.set(local, fresh);
  else originMemos.delete(local);
  options.remember?.(fresh);
  return repo;
}

/** Forget this process's origin memos (tests: as a new process). */
export function forgetOrigins(): void {
  originMemos.clear();
}

/** Identity, size and times of each file ('-' when absent); undefined when one cannot be read. */
export function configSignature(...files: string[]): string | undefined {
  try {
    return files.map((f) => {
      const s = statSync(f, { bigint: true, throwIfNoEntry: false });
      return s ? `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}` : '-';
    }).join('|');
  } catch {
    return undefined;
  }
}

/** True when the config file has an [include] or [includeIf] section (or cannot be read). */
export function includesOtherFiles(file: string): boolean {
  try {
    return /^\s*\[\s*include/im.test(readFileSync(file, 'utf8'));
  } catch {
    return true;
  }
}

export function parseOwnerRepo(url: string): string | undefined {
  const m = /[:/]([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+?)(?:\.git)?\/?$/.exec(url);
  return m ? `${m[1]}/${m[2]}` : undefined;
}

// ---- ordinary operations through simple-git ----

/** Maps simple-git failures to GitError with a readable message. */
async function wrap<T>(dir: string, what: string, p: () => Promise<T>): Promise<T> {
  try {
    return await p();
  } catch (e) {
    if (e instanceof GitError) throw e;
    const text = e instanceof Error ? e.message : String(e);
    if (/ENOENT/.test(text) && /spawn/.test(text)) throw new GitError('git-missing', 'git was not found: install git and make sure it is on PATH');
    if (/not a git repository/i.test(text)) throw new GitError('not-a-repo', `'${dir}' is not inside a git repository`, text);
    const first = text.split('\n').find((l) => l.trim()) ?? text;
    throw new GitError('failed', `${what} failed: ${first.replace(/^(fatal|error): /, '')}`, text);
  }
}

/** Current branch short name, or undefined when HEAD is detached. */
export async function currentBranch(dir: string): Promise<string | undefined> {
  return wrap(dir, 'reading the current branch', async () => {
    const out = (await sg(dir).raw(['symbolic-ref', '-q', '--short', 'HEAD'])).trim();
    return out || undefined;
  });
}

/** Default branch name as resolveDefaultBranch decides it. */
export async function defaultBranch(dir: string, planBranch?: string, override?: string): Promise<DefaultBranch> {
  return resolveDefaultBranch(await readRepoState(dir), planBranch, override);
}

/**
 * True when tracked files have no changes (staged or not). Untracked files do
 * not count unless includeUntracked: switching branches keeps them.
 */
export async function isWorkingTreeClean(dir: string, options: { includeUntracked?: boolean } = {}): Promise<boolean> {
  return wrap(dir, 'checking the working tree', async () => {
    // --no-optional-locks: status must not take index.lock in a tree someone else is using.
    const out = await sg(dir).raw(['--no-optional-locks', 'status', '--porcelain', options.includeUntracked ? '--untracked-files=normal' : '--untracked-files=no']);
    return out.trim() === '';
  });
}

/** True when a local branch with this name exists. */
export async function branchExists(dir: string, name: string): Promise<boolean> {
  assertRef(name);
  return wrap(dir, 'checking the branch', async () => (await sg(dir).branchLocal()).all.includes(name));
}

/**
 * Creates branch `name` at `startPoint` (default HEAD) and switches to it
 * (checkout: false only creates it). The name is checked first: it can never
 * become an option. Throws GitError when it exists or the switch fails.
 */
export async function createBranch(dir: string, name: string, startPoint?: string, options: { checkout?: boolean } = {}): Promise<void> {
  assertRef(name);
  if (startPoint !== undefined) assertRevision(startPoint);
  const checkName = await wrap(dir, 'checking the branch name', () => sg(dir).raw(['check-ref-format', '--branch', name]));
  if (checkName.trim() !== name) throw new GitError('bad-argument', `'${name}' is not a valid branch name`);
  await wrap(dir, `creating branch '${name}'`, async () => {
    const git = sg(dir);
    const start = startPoint ? [startPoint] : [];
    if (options.checkout === false) await git.raw(['branch', '--end-of-options', name, ...start]);
    else await git.raw(['switch', '-c', name, ...(start.length ? ['--end-of-options', ...start] : [])]);
  });
}

/** A file's bytes at a revision (`rev:path`, path from the repository root); undefined when absent there. */
export async function showFile(dir: string, rev: string, path: string): Promise<Buffer | undefined> {
  assertRevision(rev);
  assertRepoPath(path);
  const spec = `${rev}:${path.replace(/\\/g, '/').replace(/^\.\//, '')}`;
  return wrap(dir, `reading ${spec}`, async () => {
    const git = sg(dir);
    const type = (await git.raw(['cat-file', '-t', '--end-of-options', spec]).catch(() => '')).trim();
    if (type !== 'blob') return undefined;
    return (await git.binaryCatFile(['blob', '--end-of-options', spec])) as Buffer;
  });
}

/** Tags, oldest version first as simple-git sorts them. */
export async function listTags(dir: string): Promise<string[]> {
  return wrap(dir, 'listing tags', async () => (await sg(dir).tags()).all);
}

/** Resolves a revision to a full sha, or undefined when it does not exist. */
export async function resolveRevision(dir: string, rev: string): Promise<string | undefined> {
  assertRevision(rev);
  return wrap(dir, `resolving '${rev}'`, async () => {
    const out = (await sg(dir).raw(['rev-parse', '-q', '--verify', '--end-of-options', `${rev}^{commit}`]).catch(() => '')).trim();
    return SHA_PATTERN.test(out) ? out : undefined;
  });
}
