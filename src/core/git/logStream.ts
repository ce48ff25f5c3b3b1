// Streaming `git log` reader: one git process, NUL-terminated records (-z) with
// unit-separator fields, parsed as chunks arrive. Only the record being
// assembled is held, never the whole output, so 100k commits cost the memory
// of the caller's result, not of git's output.
//
// Measured against simple-git's log() in bench/cases/history.mjs: simple-git
// buffers the whole output and splits strings; this reader is the one the
// scan uses.
import { spawnGit, spawnError, classifyFailure, assertRevision, GitError } from './run';

/** %aN/%aE honour .mailmap, so authors map to people by their canonical address. */
export const LOG_FORMAT = '--format=%H%x1f%P%x1f%aN%x1f%aE%x1f%aI%x1f%B';
const FIELD = 0x1f;
/** More revisions than this are passed on stdin. */
export const STDIN_THRESHOLD = 64;
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

/**
 * One record of LOG_FORMAT, decoded lazily: the scan decodes only the message
 * of most commits, and the other fields only of commits that reference a task.
 * A LogRecord is reused for the next record: copy what you keep.
 */
export class LogRecord {
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;
  private readonly f = new Int32Array(5);

  /** Points at `rec`; false for a malformed record. */
  reset(rec: Buffer): boolean {
    let p = 0;
    // git separates -z records with NUL and may start the next one with a newline.
    while (p < rec.length && rec[p] === 0x0a) p++;
    let pos = p;
    for (let i = 0; i < 5; i++) {
      const at = rec.indexOf(FIELD, pos);
      if (at < 0) return false;
      this.f[i] = at;
      pos = at + 1;
    }
    this.buf = rec;
    this.start = p;
    return true;
  }

  get sha(): string { return this.buf.toString('latin1', this.start, this.f[0]); }

  get parents(): string[] {
    const text = this.buf.toString('latin1', this.f[0] + 1, this.f[1]);
    return text ? text.split(' ') : [];
  }

  /** Number of parents without decoding them: more than one is a merge. */
  get parentCount(): number {
    const a = this.f[0] + 1;
    const b = this.f[1];
    if (b <= a) return 0;
    let n = 1;
    for (let i = a; i < b; i++) if (this.buf[i] === 0x20) n++;
    return n;
  }

  get authorName(): string { return this.buf.toString('utf8', this.f[1] + 1, this.f[2]); }
  get authorEmail(): string { return this.buf.toString('utf8', this.f[2] + 1, this.f[3]); }
  get authorDate(): string { return this.buf.toString('latin1', this.f[3] + 1, this.f[4]); }

  /** True when the author's calendar date (YYYY-MM-DD) is on or after `day`, compared as bytes. */
  authorDayAtLeast(day: string): boolean {
    const base = this.f[3] + 1;
    for (let i = 0; i < 10; i++) {
      const a = this.buf[base + i] ?? 0;
      const b = day.charCodeAt(i);
      if (a !== b) return a > b;
    }
    return true;
  }

  /** The full raw message, UTF-8 decoded (invalid bytes become U+FFFD), trailing newlines removed. */
  get message(): string {
    const from = this.f[4] + 1;
    let end = this.buf.length;
    while (end > from && this.buf[end - 1] === 0x0a) end--;
    return this.buf.toString('utf8', from, end);
  }

  toCommit(intern?: Map<string, string>): RawCommit {
    let authorName = this.authorName;
    let authorEmail = this.authorEmail;
    if (intern) {
      // A few authors write most commits: share one string per author.
      authorName = internString(intern, authorName);
      authorEmail = internString(intern, authorEmail);
    }
    return { sha: this.sha, parents: this.parents, authorName, authorEmail, authorDate: this.authorDate, message: this.message };
  }
}

/** Decodes one record of LOG_FORMAT. Returns undefined for a malformed record. */
export function parseRecord(rec: Buffer, intern?: Map<string, string>): RawCommit | undefined {
  const r = new LogRecord();
  return r.reset(rec) ? r.toCommit(intern) : undefined;
}

export function internString(map: Map<string, string>, s: string): string {
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
  const intern = new Map<string, string>();
  return streamLogRecords(repoDir, revisions, (r) => onCommit(r.toCommit(intern)), options);
}

/** Like streamLog, handing over each record undecoded (one reused LogRecord): the fast path of the scan. */
export function streamLogRecords(
  repoDir: string,
  revisions: readonly string[],
  onRecord: (r: LogRecord) => void,
  options: LogStreamOptions = {},
): Promise<number> {
  for (const r of revisions) checkRevisionExpr(r);
  // Many branches: revisions go through stdin (Windows caps a command line at 32k characters).
  const viaStdin = revisions.length > STDIN_THRESHOLD;
  const args = ['log', '-z', LOG_FORMAT, ...(options.logOptions ?? []), ...(viaStdin ? ['--stdin'] : ['--end-of-options', ...revisions]), '--'];
  return new Promise((resolve, reject) => {
    const child = spawnGit(repoDir, args, { gitPath: options.gitPath, stdin: viaStdin, streamed: true });
    if (viaStdin) {
      child.stdin!.on('error', () => undefined); // git exiting early is reported by its exit code
      child.stdin!.end(`${revisions.join('\n')}\n`);
    }
    let count = 0;
    let failure: unknown;
    const record = new LogRecord();
    const splitter = new RecordSplitter((rec) => {
      if (failure || !record.reset(rec)) return;
      count++;
      try {
        onRecord(record);
      } catch (e) {
        // A consumer error stops reading; git is killed and the error reported.
        failure = e;
        child.kill();
      }
    });
    const err: Buffer[] = [];
    child.stdout!.on('data', (b: Buffer) => splitter.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
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
