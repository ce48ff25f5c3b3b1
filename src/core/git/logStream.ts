// Streaming `git log` reader: one git process, NUL-terminated records (-z) with
// unit-separator fields, parsed as chunks arrive. Only the record being
// assembled is held, never the whole output, so 100k commits cost the memory
// of the caller's result, not of git's output.
//
// Measured against simple-git's log() in bench/cases/history.mjs: simple-git
// buffers the whole output and splits strings; this reader is the one the
// scan uses.
import { spawn } from 'node:child_process';
import { GIT_PREFIX, gitEnv, spawnError, classifyFailure, assertRevision, GitError } from './run';

/** %aN/%aE honour .mailmap, so authors map to people by their canonical address. */
export const LOG_FORMAT = '--format=%H%x1f%P%x1f%aN%x1f%aE%x1f%aI%x1f%B';
const FIELD = 0x1f;
const RECORD = 0x00;

export interface RawCommit {
  sha: string;
  /** Parent shas; more than one for a merge. */
  parents: string[];
  authorName: string;
  /** As printed by git after .mailmap; the caller lower-cases for matching. */
  authorEmail: string;
  /** Strict ISO 8601 with the author's offset. */
  authorDate: string;
  /** The full raw message (subject and body), UTF-8 decoded; invalid bytes become U+FFFD. */
  message: string;
}

export interface LogStreamOptions {
  gitPath?: string;
  /** Extra `git log` options placed before the revisions (must be constants, never user text). */
  logOptions?: readonly string[];
}

/**
 * Splits a byte stream into NUL-terminated records. Records split across
 * chunks (and multi-byte characters split with them) are joined before any
 * decoding, so decoding always sees whole records.
 */
export class RecordSplitter {
  private pending: Buffer[] = [];

  constructor(private readonly onRecord: (record: Buffer) => void) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const end = chunk.indexOf(RECORD, start);
      if (end < 0) break;
      if (this.pending.length) {
        this.pending.push(chunk.subarray(start, end));
        const whole = Buffer.concat(this.pending);
        this.pending = [];
        this.onRecord(whole);
      } else {
        this.onRecord(chunk.subarray(start, end));
      }
      start = end + 1;
    }
    if (start < chunk.length) this.pending.push(chunk.subarray(start));
  }

  /** Output without a final terminator still yields its last record. */
  end(): void {
    if (this.pending.length) {
      const whole = Buffer.concat(this.pending);
      this.pending = [];
      if (whole.length > 0 && !(whole.length === 1 && whole[0] === 0x0a)) this.onRecord(whole);
    }
  }
}

/** Decodes one record of LOG_FORMAT. Returns undefined for a malformed record. */
export function parseRecord(rec: Buffer, intern?: Map<string, string>): RawCommit | undefined {
  // git separates -z records with NUL and may start the next one with a newline.
  let p = 0;
  while (p < rec.length && rec[p] === 0x0a) p++;
  const f: number[] = [];
  let pos = p;
  for (let i = 0; i < 5; i++) {
    const at = rec.indexOf(FIELD, pos);
    if (at < 0) return undefined;
    f.push(at);
    pos = at + 1;
  }
  const sha = rec.toString('latin1', p, f[0]);
  const parentsText = rec.toString('latin1', f[0] + 1, f[1]);
  let authorName = rec.toString('utf8', f[1] + 1, f[2]);
  let authorEmail = rec.toString('utf8', f[2] + 1, f[3]);
  if (intern) {
    // A few authors write most commits: share one string per author.
    authorName = internString(intern, authorName);
    authorEmail = internString(intern, authorEmail);
  }
  const authorDate = rec.toString('latin1', f[3] + 1, f[4]);
  let end = rec.length;
  while (end > f[4] + 1 && rec[end - 1] === 0x0a) end--;
  const message = rec.toString('utf8', f[4] + 1, end);
  return { sha, parents: parentsText ? parentsText.split(' ') : [], authorName, authorEmail, authorDate, message };
}

function internString(map: Map<string, string>, s: string): string {
  const known = map.get(s);
  if (known !== undefined) return known;
  map.set(s, s);
  return s;
}

/**
 * Streams `git log` over `revisions` (validated; `^rev` and `a..b` allowed),
 * calling onCommit for each commit in git's order (newest first). Resolves
 * with the number of commits read.
 */
export function streamLog(
  repoDir: string,
  revisions: readonly string[],
  onCommit: (c: RawCommit) => void,
  options: LogStreamOptions = {},
): Promise<number> {
  for (const r of revisions) checkRevisionExpr(r);
  const args = [...GIT_PREFIX, 'log', '-z', LOG_FORMAT, ...(options.logOptions ?? []), '--end-of-options', ...revisions, '--'];
  return new Promise((resolve, reject) => {
    const child = spawn(options.gitPath ?? 'git', args, {
      cwd: repoDir,
      env: gitEnv(),
      shell: false,
      windowsHide: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let count = 0;
    let failure: unknown;
    const intern = new Map<string, string>();
    const splitter = new RecordSplitter((rec) => {
      if (failure) return;
      const c = parseRecord(rec, intern);
      if (!c) return;
      count++;
      try {
        onCommit(c);
      } catch (e) {
        // A consumer error stops reading; git is killed and the error reported.
        failure = e;
        child.kill();
      }
    });
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => splitter.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) => reject(spawnError(e, repoDir)));
    child.on('close', (code) => {
      if (failure) return reject(failure);
      if (code !== 0) return reject(classifyFailure(['log'], Buffer.concat(err).toString('utf8'), repoDir));
      splitter.end();
      if (failure) return reject(failure);
      resolve(count);
    });
  });
}

/** `rev`, `^rev` or `a..b` where each side is a safe revision. */
function checkRevisionExpr(expr: string): void {
  const body = expr.startsWith('^') ? expr.slice(1) : expr;
  const parts = body.includes('..') ? body.split('..') : [body];
  if (parts.length > 2 || parts.some((p) => p === '')) throw new GitError('bad-argument', `'${expr}' is not a valid revision range`);
  for (const p of parts) assertRevision(p);
}
