// `waymark status` asked again with nothing it reads changed: a shell prompt or
// a git hook asks the same question many times between two commits, and the
// full answer (plan parse, history, schedule, forecast) costs a few hundred
// milliseconds on a big plan. The launcher (bin.ts) computes a key from what
// the answer depends on, cheaply: the plan's bytes, every ref and HEAD, the git
// config and .mailmap files, the options and today, Waymark's version. When
// `.git/waymark/answer-*.json` holds an answer under that key, it prints it
// before the commands' bundle even loads; otherwise the status command keeps
// its answer under the key.
//
// No answer is kept or used: with --no-cache, in a shallow clone (its history
// grows without a ref moving), when the repository's config has [include]
// (the origin URL may come from elsewhere), when the run printed diagnostics,
// when git could not be read, or for `waymark --json status` and other
// spellings the launcher does not recognise (the full CLI answers them).
// Imports nothing heavy: everything here runs before the commands load.
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, realpathSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeFileAtomic } from '../core/atomicWrite';
import { localToday } from '../core/calendar';
import { configSignature, includesOtherFiles } from '../core/git/repo';
import { runGit } from '../core/git/run';
import { readPlanBytesSync } from '../core/planBytes';
import { findPlanFile } from '../core/planFind';
import { parseArgs, type OptionSpec, type ParsedArgs } from './args';
import { cacheFileOf } from './cacheFiles';

/** `waymark status`'s own options (status.ts), here so the launcher parses them the same way. */
export const STATUS_OPTIONS = {
  rule: { type: 'string' },
  runs: { type: 'string' },
  seed: { type: 'string' },
  'no-cache': { type: 'boolean' },
} as const satisfies OptionSpec;

/** Where one question's answer is kept, and the key it must carry to be used. */
export interface AnswerSlot {
  readonly file: string;
  readonly key: string;
  /** The key computed again now: an answer is kept only when nothing moved while it was computed. */
  again(): Promise<string | undefined>;
}

/** The answer file's first line, before the key: a change of layout changes it. */
const HEADER = 'waymark-status-answer 1';
/** The line an answer file starts with: the header and the key its answer was kept under. */
const headerOf = (slot: AnswerSlot): Buffer => Buffer.from(`${HEADER} ${slot.key}\n`, 'utf8');
/** A plan larger than this is never hashed here (the parser refuses far smaller ones). */
const PLAN_BYTES_LIMIT = 64 * 1024 * 1024;
/** An answer larger than this is not kept (a 2000-task plan's JSON is about 4 MB). */
const ANSWER_BYTES_LIMIT = 64 * 1024 * 1024;

export interface AnswerContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal: the table is coloured then. */
  readonly isTTY: boolean;
  readonly version: string;
}

/**
 * The slot of `waymark status <argv>` (the arguments after `status`), or
 * undefined when this question is not one to keep (see the file comment).
 * Costs two small git processes, run side by side, and a hash of the plan.
 */
export async function statusAnswerSlot(argv: readonly string[], ctx: AnswerContext): Promise<AnswerSlot | undefined> {
  let args: ParsedArgs;
  try {
    args = parseArgs(argv, STATUS_OPTIONS);
  } catch {
    return undefined; // the full CLI says what is wrong
  }
  const g = args.globals;
  if (args.positionals.length > 0 || g.help || g.version || args.flags.has('no-cache') || g.file === '') return undefined;
  const planPath = g.file !== undefined ? path.resolve(ctx.cwd, g.file) : findPlanFile(ctx.cwd);
  if (!planPath) return undefined;
  const repoDir = g.repo !== undefined ? path.resolve(ctx.cwd, g.repo) : path.dirname(planPath);
  const plan = planBytesOf(planPath);
  if (!plan) return undefined;
  let facts: string;
  let refs: string;
  try {
    [facts, refs] = await Promise.all([
      // HEAD fails on an unborn branch, --show-toplevel in a bare repository: no answer kept there.
      runGit(repoDir, ['rev-parse', '--absolute-git-dir', '--git-common-dir', '--is-shallow-repository', '--show-toplevel', 'HEAD']),
      // Every ref, not only the branches the scan reads: a superset can only make a needless miss.
      runGit(repoDir, ['for-each-ref', '--format=%(HEAD) %(objectname) %(refname) %(symref)']),
    ].map((p) => p.then((r) => r.stdout.toString('utf8'))));
  } catch {
    return undefined;
  }
  const [gitDir, commonDirText, shallow, toplevel] = facts.split('\n');
  if (!gitDir || shallow !== 'false' || !toplevel) return undefined;
  const commonDir = path.resolve(repoDir, commonDirText);
  const configs = configFiles(gitDir, commonDir, ctx.env);
  // A config that includes another file may change with it: not watched, so nothing kept.
  if (configs.some((f) => existsSync(f) && includesOtherFiles(f))) return undefined;
  // The config files git reads (the origin URL), the worktree's .mailmap (authors map to people), grafts.
  const files = configSignature(...configs, path.join(toplevel, '.mailmap'), path.join(commonDir, 'info', 'grafts'));
  if (files === undefined) return undefined;
  let realPlan: string;
  try {
    realPlan = realpathSync(planPath); // a symlinked project.yml: its history is the target's
  } catch {
    return undefined;
  }
  const question = {
    version: ctx.version,
    argv,
    cwd: ctx.cwd,
    planPath,
    realPlan,
    repoDir,
    today: g.today ?? localToday(),
    color: ctx.isTTY && !ctx.env.NO_COLOR,
    gitEnv: Object.entries(ctx.env).filter(([k]) => k.startsWith('GIT_')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    facts,
    refs,
    files,
  };
  const key = createHash('sha256').update(JSON.stringify(question)).update('\0').update(plan).digest('hex');
  return { file: cacheFileOf(gitDir, 'answer', planPath), key, again: async () => (await statusAnswerSlot(argv, ctx))?.key };
}

/**
 * The config files git reads besides the command line: the repository's, the
 * worktree's, the global ones (or GIT_CONFIG_GLOBAL's) and the system one (or
 * GIT_CONFIG_SYSTEM's; /etc/gitconfig is where Debian's and most Linux gits
 * keep it, others are not watched).
 */
function configFiles(gitDir: string, commonDir: string, env: NodeJS.ProcessEnv): string[] {
  const home = os.homedir();
  const xdg = env.XDG_CONFIG_HOME || path.join(home, '.config');
  const global = env.GIT_CONFIG_GLOBAL ? [env.GIT_CONFIG_GLOBAL] : [path.join(home, '.gitconfig'), path.join(xdg, 'git', 'config')];
  const system = env.GIT_CONFIG_NOSYSTEM ? [] : [env.GIT_CONFIG_SYSTEM || '/etc/gitconfig'];
  return [path.join(commonDir, 'config'), path.join(gitDir, 'config.worktree'), ...global, ...system];
}

/**
 * The plan's bytes, or undefined unless it is a regular file of at most
 * PLAN_BYTES_LIMIT (planBytes.ts: a FIFO or a terminal given as --file never
 * hangs the launcher; the full CLI says what is wrong with it).
 */
function planBytesOf(file: string): Uint8Array | undefined {
  try {
    const read = readPlanBytesSync(file, PLAN_BYTES_LIMIT);
    return 'bytes' in read ? read.bytes : undefined;
  } catch {
    return undefined;
  }
}

/** `size` bytes of the open file from `position`, or undefined when it ends before. */
function readBytes(fd: number, position: number, size: number): Buffer | undefined {
  const bytes = Buffer.alloc(size);
  for (let read = 0; read < size;) {
    const n = readSync(fd, bytes, read, size - read, position + read);
    if (n === 0) return undefined;
    read += n;
  }
  return bytes;
}

/** The answer kept under the slot's key, or undefined (none, another key, unreadable). */
export function readAnswer(slot: AnswerSlot): Buffer | undefined {
  const header = headerOf(slot);
  let fd: number | undefined;
  try {
    fd = openSync(slot.file, 'r');
    // The header first: a stale answer (every miss) costs one small read, not the whole file.
    const head = Buffer.alloc(header.length);
    if (readSync(fd, head, 0, head.length, 0) !== head.length || !head.equals(header)) return undefined;
    const size = fstatSync(fd).size - header.length;
    if (size < 0 || size > ANSWER_BYTES_LIMIT) return undefined;
    return readBytes(fd, header.length, size);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Keeps `stdout` as the answer under the slot's key; a read-only .git keeps nothing. */
export function writeAnswer(slot: AnswerSlot, stdout: string): void {
  const body = Buffer.from(stdout, 'utf8');
  if (body.length > ANSWER_BYTES_LIMIT) return;
  try {
    mkdirSync(path.dirname(slot.file), { recursive: true });
    writeFileAtomic(slot.file, Buffer.concat([headerOf(slot), body]));
  } catch {
    // Not kept: the next run answers in full again.
  }
}
