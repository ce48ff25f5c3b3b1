// The one git runner: how every git process in Waymark starts. The binary
// (`git`, or a test's gitPath), the folder it runs in, its environment
// (gitEnv: one policy for our own processes and simple-git's), the options
// placed before every subcommand, an argument array and never a shell. No
// string from project.yml, a commit or the workspace may reach git as an
// option: refs, shas and paths are checked against strict patterns first, and
// callers put `--end-of-options` before revisions and `--` before paths.
// runGit collects output, spawnGit streams it (logStream.ts), simpleGitAt
// hands simple-git the same binary, config and environment.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import type { SimpleGit } from 'simple-git';

export type GitErrorKind = 'git-missing' | 'not-a-repo' | 'bad-argument' | 'failed';

/** A git failure with a message fit to show a user (no stack needed). */
export class GitError extends Error {
  constructor(readonly kind: GitErrorKind, message: string, readonly stderr = '') {
    super(message);
    this.name = 'GitError';
  }
}

/** Config every git call runs with: paths printed as they are, no colour codes in output we parse. */
const GIT_CONFIG: readonly string[] = ['core.quotepath=off', 'color.ui=false'];

/** Options placed before the subcommand on every call. */
export const GIT_PREFIX: readonly string[] = ['--no-pager', ...GIT_CONFIG.flatMap((c) => ['-c', c])];

/** Full or abbreviated object name. */
export const SHA_PATTERN = /^[0-9a-f]{4,64}$/i;
/** A full object name (sha-1 or sha-256). */
export const FULL_SHA_PATTERN = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;

/**
 * A branch, tag or remote-tracking name as people write them (`main`,
 * `origin/main`, `feature/PAY-12-login`, `refs/heads/main`, `v1.0.0`).
 * Stricter than git-check-ref-format: no leading `-` or `.`, no `..`, no
 * `@{`, no control characters, spaces or `~^:?*[\`, no trailing `/`, `.` or
 * `.lock`.
 */
export function isSafeRefName(name: string): boolean {
  return (
    name.length > 0 &&
    name.length <= 255 &&
    /^[A-Za-z0-9_][A-Za-z0-9_./+-]*$/.test(name) &&
    !name.includes('..') &&
    !name.includes('//') &&
    !name.includes('/.') &&
    !name.endsWith('/') &&
    !name.endsWith('.') &&
    !name.endsWith('.lock')
  );
}

/** A revision: a safe ref name or an object name, optionally with `~N`/`^N` suffixes. */
export function isSafeRevision(rev: string): boolean {
  const m = /^(.*?)((?:[~^][0-9]{0,6})*)$/.exec(rev);
  const base = m ? m[1] : rev;
  return base === 'HEAD' || SHA_PATTERN.test(base) || isSafeRefName(base);
}

/** A path inside the repository: relative, no `..` segment, no NUL or newline. */
export function isSafeRepoPath(path: string): boolean {
  return (
    path.length > 0 &&
    !/[\0\n\r]/.test(path) &&
    !path.startsWith('/') &&
    !/^[A-Za-z]:/.test(path) &&
    !path.split(/[\\/]/).some((s) => s === '..')
  );
}

export function assertRef(name: string, what = 'branch'): string {
  if (!isSafeRefName(name)) throw new GitError('bad-argument', `'${printable(name)}' is not a valid ${what} name`);
  return name;
}

export function assertRevision(rev: string): string {
  if (!isSafeRevision(rev)) throw new GitError('bad-argument', `'${printable(rev)}' is not a valid revision`);
  return rev;
}

export function assertSha(sha: string): string {
  if (!SHA_PATTERN.test(sha)) throw new GitError('bad-argument', `'${printable(sha)}' is not a commit id`);
  return sha;
}

export function assertRepoPath(path: string): string {
  if (!isSafeRepoPath(path)) throw new GitError('bad-argument', `'${printable(path)}' is not a path inside the repository`);
  return path;
}

/** `s` safe to quote in a message: control characters as `?`, at most 80 characters. */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\x00-\x1f\x7f]/g, '?').slice(0, 80);
}

/**
 * Inherited variables git must not see. They point git at another repository,
 * work tree, index or object store (a hook, `git rebase -x` or a CI runner
 * sets them for its own repository, and they would override the folder we
 * were asked to read), inject config, change how pathspecs after `--` are
 * read, or name a program git would run (we never want a pager, an editor or
 * a credential prompt; simple-git refuses to run with them).
 */
const DROPPED_ENV = new RegExp(`^(?:${[
  'GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_OBJECT_DIRECTORY', 'GIT_ALTERNATE_OBJECT_DIRECTORIES', 'GIT_NAMESPACE',
  'GIT_CEILING_DIRECTORIES', 'GIT_COMMON_DIR', 'GIT_DISCOVERY_ACROSS_FILESYSTEM', 'GIT_PREFIX', 'GIT_QUARANTINE_PATH',
  'GIT_REPLACE_REF_BASE', 'GIT_NO_REPLACE_OBJECTS', 'GIT_GRAFT_FILE', 'GIT_SHALLOW_FILE',
  'GIT_CONFIG', 'GIT_CONFIG_PARAMETERS', 'GIT_CONFIG_COUNT', 'GIT_CONFIG_KEY_\\d+', 'GIT_CONFIG_VALUE_\\d+',
  'GIT_LITERAL_PATHSPECS', 'GIT_GLOB_PATHSPECS', 'GIT_NOGLOB_PATHSPECS', 'GIT_ICASE_PATHSPECS',
  'GIT_EDITOR', 'GIT_SEQUENCE_EDITOR', 'EDITOR', 'VISUAL', 'GIT_PAGER', 'PAGER', 'GIT_ASKPASS', 'SSH_ASKPASS',
  'GIT_SSH', 'GIT_SSH_COMMAND', 'GIT_EXTERNAL_DIFF', 'GIT_PROXY_COMMAND', 'GIT_EXEC_PATH', 'GIT_TEMPLATE_DIR', 'GIT_FLUSH',
].join('|')})$`, 'i');

export interface GitEnvOptions {
  /**
   * The output is read as a stream of many records (the log scan): git fills
   * its output buffer instead of flushing after every record, which into a
   * pipe cost a write per commit (GIT_FLUSH=0).
   */
  readonly streamed?: boolean;
}

/**
 * The environment of every git process (ours and simple-git's): the inherited
 * one without DROPPED_ENV, plus no prompts, no optional locks (we only read;
 * `git status` must not take index.lock in a tree other people work in), and
 * English messages so failures can be classified.
 */
export function gitEnv(options: GitEnvOptions = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !DROPPED_ENV.test(k)) env[k] = v;
  }
  Object.assign(env, { GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C', LANGUAGE: 'C' });
  if (options.streamed) env.GIT_FLUSH = '0';
  return env;
}

export interface SpawnGitOptions extends GitEnvOptions {
  /** The git executable (tests point it at a missing file). Default `git`. */
  readonly gitPath?: string;
  /** Open stdin as a pipe for the caller to write; else git reads nothing. */
  readonly stdin?: boolean;
  /** A file descriptor for git's stdout instead of a pipe. */
  readonly stdout?: number;
}

/** Starts `git <prefix> <args>` in `cwd` with stdout (unless given a file) and stderr piped. The caller validated `args`. */
export function spawnGit(cwd: string, args: readonly string[], options: SpawnGitOptions = {}): ChildProcess {
  return spawn(options.gitPath ?? 'git', [...GIT_PREFIX, ...args], {
    cwd,
    env: gitEnv(options),
    shell: false,
    windowsHide: true,
    stdio: [options.stdin ? 'pipe' : 'ignore', options.stdout ?? 'pipe', 'pipe'],
  });
}

/** One file's repository path as a pathspec: from the repository's top whatever folder git runs in, no glob or magic read in its characters. */
export function filePathspec(path: string): string {
  return `:(top,literal)${path}`;
}

const versions = new Map<string, Promise<readonly [number, number] | undefined>>();

/** git's major and minor version (`git version 2.39.5`), asked once per executable; undefined when unreadable. */
export function gitVersion(cwd: string, gitPath?: string): Promise<readonly [number, number] | undefined> {
  const key = gitPath ?? 'git';
  let v = versions.get(key);
  if (!v) {
    v = runGit(cwd, ['version'], { gitPath }).then((r) => {
      const m = /(\d+)\.(\d+)/.exec(r.stdout.toString('utf8'));
      return m ? [Number(m[1]), Number(m[2])] as const : undefined;
    }, () => undefined);
    versions.set(key, v);
  }
  return v;
}

/** True when git is at least major.minor. */
export async function gitAtLeast(cwd: string, major: number, minor: number, gitPath?: string): Promise<boolean> {
  const v = await gitVersion(cwd, gitPath);
  return v !== undefined && (v[0] > major || (v[0] === major && v[1] >= minor));
}

/**
 * simple-git for the ordinary repository operations (repo.ts), with the same
 * config and environment as spawnGit. simple-git refuses GIT_* variables it
 * was not told about and config-file locations: gitEnv already dropped what
 * must not pass, so what is left is allowed by name, and the user's own
 * config locations (GIT_CONFIG_GLOBAL, ...) are kept as every git they run
 * keeps them. (simple-git waits 50 ms after a process that prints nothing;
 * completion.onExit turns that off.)
 */
export function simpleGitAt(dir: string): SimpleGit {
  const env = gitEnv();
  try {
    // Required here, not imported: the extension bundle then evaluates simple-git on first use, not at activation.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { simpleGit } = require('simple-git') as typeof import('simple-git');
    return simpleGit({
      baseDir: dir,
      config: [...GIT_CONFIG],
      completion: { onClose: true, onExit: false },
      allowEnvironment: Object.keys(env),
      unsafe: { allowUnsafeConfigPaths: true },
    }).env(env);
  } catch (e) {
    throw new GitError('not-a-repo', `folder '${dir}' does not exist`, String(e));
  }
}

export interface RunOptions {
  /** The git executable (tests point it at a missing file). Default `git`. */
  gitPath?: string;
  /** Exit codes other than 0 that are an answer, not a failure (e.g. 1 for `merge-base --is-ancestor`). */
  okCodes?: readonly number[];
  /** Written to git's stdin, which is then closed (e.g. the requests of `cat-file --batch`). */
  input?: string;
}

export interface RunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Runs `git <prefix> <args>` in `cwd` and collects its output. For big output use logStream. */
export function runGit(cwd: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawnGit(cwd, args, { gitPath: options.gitPath, stdin: options.input !== undefined });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => reject(spawnError(e, cwd)));
    child.on('close', (code) => {
      const stderr = Buffer.concat(err).toString('utf8');
      const c = code ?? -1;
      if (c === 0 || options.okCodes?.includes(c)) resolve({ code: c, stdout: Buffer.concat(out), stderr });
      else reject(classifyFailure(args, stderr, cwd));
    });
    if (options.input !== undefined) {
      child.stdin!.on('error', () => { /* git exited early (EPIPE): reported by 'close' */ });
      child.stdin!.end(options.input);
    }
  });
}

/**
 * Runs a quick `git <prefix> <args>` synchronously: its stdout, or undefined
 * when it failed. Only for the few milliseconds that decide whether to start
 * work before a synchronous step (earlyLog.ts); everything else is async.
 */
export function runGitSync(cwd: string, args: readonly string[], options: { gitPath?: string } = {}): string | undefined {
  const r = spawnSync(options.gitPath ?? 'git', [...GIT_PREFIX, ...args], { cwd, env: gitEnv(), shell: false, windowsHide: true, stdio: ['ignore', 'pipe', 'ignore'], encoding: 'utf8', timeout: 10_000 });
  return r.status === 0 ? r.stdout : undefined;
}

/** Like runGit, returning trimmed stdout text. */
export async function gitText(cwd: string, args: readonly string[], options?: RunOptions): Promise<string> {
  return (await runGit(cwd, args, options)).stdout.toString('utf8').trim();
}

export function spawnError(e: NodeJS.ErrnoException, cwd: string): GitError {
  if (e.code === 'ENOENT') {
    // spawn reports a missing cwd as ENOENT too; tell the two apart.
    return cwdExists(cwd)
      ? new GitError('git-missing', 'git was not found: install git and make sure it is on PATH')
      : new GitError('not-a-repo', `folder '${cwd}' does not exist`);
  }
  return new GitError('failed', `could not run git: ${e.message}`);
}

function cwdExists(cwd: string): boolean {
  try {
    return statSync(cwd).isDirectory();
  } catch {
    return false;
  }
}

export function classifyFailure(args: readonly string[], stderr: string, cwd: string): GitError {
  const first = stderr.split('\n').find((l) => l.trim() !== '')?.trim() ?? '';
  if (/not a git repository/i.test(stderr)) {
    return new GitError('not-a-repo', `'${cwd}' is not inside a git repository`, stderr);
  }
  if (/detected dubious ownership/i.test(stderr)) {
    return new GitError('not-a-repo', `git refuses to read '${cwd}': it is owned by another user (safe.directory)`, stderr);
  }
  return new GitError('failed', `git ${args[0] ?? ''} failed: ${first.replace(/^(fatal|error): /, '') || 'unknown error'}`, stderr);
}
