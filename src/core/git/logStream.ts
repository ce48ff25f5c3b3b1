// Streaming `git log` reader: one git process, NUL-terminated records (-z) with
// unit-separator fields, parsed a block (64 KB) at a time as chunks arrive
// (a whole history from a temporary file git writes into, spool.ts; else a pipe).
// Only a block and the record being assembled are held, never the whole
// output, so 100k commits cost the memory of the caller's result, not of
// git's output. Records are ranges of the block, decoded lazily, and a
// prefilter over the block's bytes spares decoding the messages that cannot
// reference a task.
//
// Measured against simple-git's log() in bench/cases/history.mjs: simple-git
// buffers the whole output and splits strings; this reader is the one the
// scan uses.
import type { ChildProcess } from 'node:child_process';
import { closeSpool, followSpool, openSpool, releaseWriter, unlinkSpool, type Spool } from './spool';
import { spawnGit, spawnError, classifyFailure, assertRevision, filePathspec, GitError } from './run';

/** %aN/%aE honour .mailmap, so authors map to people by their canonical address. */
export const LOG_FORMAT = '--format=%H%x1f%P%x1f%aN%x1f%aE%x1f%aI%x1f%ct%x1f%B';
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
  /** Committer date, seconds since the epoch: the order git walks in (pathSimplify.ts). */
  committed: number;
  /** The full raw message (subject and body), UTF-8 decoded; invalid bytes become U+FFFD. */
  message: string;
}

export interface LogStreamOptions {
  gitPath?: string;
  /** Extra `git log` options placed before the revisions (must be constants, never user text). */
  logOptions?: readonly string[];
  /**
   * ASCII text pattern, matched case-insensitively: records whose message has
   * no match get mayReference false (see forEachRecord). Without it every
   * record may reference.
   */
  prefilter?: RegExp;
  /**
   * Also lists, for every commit, the change of `path` (relative to the
   * repository's top, whatever folder git runs in) against its first parent
   * (a root commit's: against nothing), so one walk gives both the commits
   * and the file's history (pathSimplify.ts): the walk still lists every
   * commit (--full-history --sparse), and git diffs only that path. Needs
   * git 2.31 (--diff-merges); `onChange` gets the commit's position among
   * the records (0 for the first onRecord), the path's entry after it
   * (`<mode> <object id>`, null when deleted), and the path git printed
   * (another one means `path` was not a plain file's path).
   */
  changesOf?: { readonly path: string; readonly onChange: (position: number, entry: string | null, printed: string) => void };
  /** A whole history: through a temporary file (LogStart.spool). */
  spool?: boolean;
}

/** A path the log's change lines can carry: no control characters (they hold the record and field separators). */
export function changesPathFits(path: string): boolean {
  // eslint-disable-next-line no-control-regex
  return !/[\x00-\x1f]/.test(path);
}

/** The log options of LogStreamOptions.changesOf, explicit where a config could change them (log.showRoot, diff.renames, diff.relative, core.abbrev). */
export const CHANGES_OPTIONS: readonly string[] = ['--full-history', '--sparse', '--diff-merges=first-parent', '--raw', '--no-abbrev', '--no-renames', '--no-relative', '--root'];
/** `git log --raw -z`'s line before each path: `:<old mode> <new mode> <old id> <new id> <status>`. */
const RAW_CHANGE = /^\n*:([0-7]{6}) ([0-7]{6}) ([0-9a-f]{40,64}) ([0-9a-f]{40,64}) ([A-Z])[0-9]*$/;

/** Bytes gathered before complete records are handed over (fewer, larger blocks). */
const BLOCK = 1 << 16;

/**
 * Splits a byte stream into NUL-terminated records. Chunks are appended to one
 * growing buffer; once a block is gathered, every complete record in it is
 * handed over as a range of that buffer (no Buffer object per record) and the
 * unfinished tail moves to the front. Records split across chunks (and
 * multi-byte characters split with them) are therefore always whole and
 * contiguous before anything is decoded. `onBlock(buf, end)` receives bytes
 * [0, end): whole records, each followed by a NUL except the stream's last.
 */
export class RecordSplitter {
  private buf = Buffer.allocUnsafe(BLOCK * 2);
  private len = 0;

  constructor(private readonly onBlock: (buf: Buffer, end: number) => void) {}

  push(chunk: Buffer): void {
    if (this.len + chunk.length > this.buf.length) {
      const grown = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + chunk.length + BLOCK));
      this.buf.copy(grown, 0, 0, this.len);
      this.buf = grown;
    }
    chunk.copy(this.buf, this.len);
    this.len += chunk.length;
    if (this.len < BLOCK) return;
    const last = this.buf.lastIndexOf(RECORD, this.len - 1);
    if (last < 0) return; // one record longer than a block: keep gathering
    this.onBlock(this.buf, last + 1);
    this.buf.copy(this.buf, 0, last + 1, this.len);
    this.len -= last + 1;
  }

  /** Output without a final terminator still yields its last record. */
  end(): void {
    const len = this.len;
    this.len = 0;
    if (len > 0) this.onBlock(this.buf, len);
  }
}

/**
 * Calls `each` for every well-formed record in a block of RecordSplitter,
 * with `record` pointing at it. With a prefilter (a case-insensitive pattern
 * of plain ASCII text), record.mayReference is false when the message holds
 * no match: one search over the block's bytes instead of decoding every
 * message. A match of ASCII text in the UTF-8 bytes is the same match in the
 * decoded message (UTF-8 never uses ASCII bytes inside other characters, and
 * a non-ASCII character never matches ASCII under /i without /u), so the
 * answer is the one the decoded message would give.
 */
export function forEachRecord(buf: Buffer, end: number, record: LogRecord, prefilter: RegExp | undefined, each: (r: LogRecord) => void, other?: (text: string) => void): void {
  // One byte per character: string offsets are byte offsets. Searching the
  // string costs less than a Buffer.indexOf call per field of every record.
  const text = buf.toString('latin1', 0, end);
  let next = -1; // leftmost prefilter match at or after the current message start
  let p = 0;
  while (p < end) {
    let q = text.indexOf('\0', p);
    if (q < 0) q = end;
    if (record.reset(buf, p, q, text)) {
      if (prefilter) {
        const from = record.messageStart;
        if (next < from) {
          prefilter.lastIndex = from;
          const m = prefilter.exec(text);
          next = m ? m.index : Infinity;
        }
        record.mayReference = next < record.messageEnd;
      } else {
        record.mayReference = true;
      }
      each(record);
    } else if (other) {
      // What follows a record without being one: --raw's change lines and paths (changesOf).
      other(buf.toString('utf8', p, q));
    }
    p = q + 1;
  }
}

/**
 * One record of LOG_FORMAT, decoded lazily: the scan decodes only the message
 * of commits that may reference a task, and the other fields only of commits
 * that do. A LogRecord is reused for the next record: copy what you keep.
 */
export class LogRecord {
  private buf: Buffer = Buffer.alloc(0);
  private start = 0;
  private end = 0;
  private readonly f = new Int32Array(6);
  /** False when the prefilter proved the message references nothing. */
  mayReference = true;

  /** Points at bytes [start, end) of `buf` (`latin1`: the same bytes as a latin1 string, to search); false for a malformed record. */
  reset(buf: Buffer, start = 0, end = buf.length, latin1?: string): boolean {
    let p = start;
    // git separates -z records with NUL and may start the next one with a newline.
    while (p < end && buf[p] === 0x0a) p++;
    let pos = p;
    for (let i = 0; i < 6; i++) {
      const at = latin1 !== undefined ? latin1.indexOf('\x1f', pos) : buf.indexOf(FIELD, pos);
      if (at < 0 || at >= end) return false;
      this.f[i] = at;
      pos = at + 1;
    }
    this.buf = buf;
    this.start = p;
    this.end = end;
    this.mayReference = true;
    return true;
  }

  get sha(): string { return this.buf.toString('latin1', this.start, this.f[0]); }

  get parents(): string[] {
    const text = this.buf.toString('latin1', this.f[0] + 1, this.f[1]);
    return !text ? [] : this.parentCount === 1 ? [text] : text.split(' ');
  }

  /** Number of parents without decoding them: more than one is a merge. */
  get parentCount(): number {
    const a = this.f[0] + 1;
    const b = this.f[1];
    if (b <= a) return 0;
    // Every id of a repository has the sha's width: n ids and the n - 1 spaces between them
    // (checked, so the count is the same as counting the spaces).
    const width = this.f[0] - this.start + 1;
    if ((b - a + 1) % width === 0) {
      const n = (b - a + 1) / width;
      let k = 1;
      while (k < n && this.buf[a + k * width - 1] === 0x20) k++;
      if (k === n) return n;
    }
    let count = 1;
    for (let i = a; i < b; i++) if (this.buf[i] === 0x20) count++;
    return count;
  }

  get authorName(): string { return this.buf.toString('utf8', this.f[1] + 1, this.f[2]); }
  get authorEmail(): string { return this.buf.toString('utf8', this.f[2] + 1, this.f[3]); }
  get authorDate(): string { return this.buf.toString('latin1', this.f[3] + 1, this.f[4]); }

  /** True when the author's calendar date (YYYY-MM-DD) is on or after `day`, compared as bytes. */
  authorDayAtLeast(day: string): boolean {
    const base = this.f[3] + 1;
    for (let i = 0; i < 10; i++) {
      const a = base + i < this.f[4] ? this.buf[base + i] : 0;
      const b = day.charCodeAt(i);
      if (a !== b) return a > b;
    }
    return true;
  }

  /** %ct: the committer date in seconds (-1 if git printed anything but digits). */
  get committed(): number {
    let n = 0;
    const end = this.f[5];
    for (let i = this.f[4] + 1; i < end; i++) {
      const d = this.buf[i] - 0x30;
      if (d < 0 || d > 9) return -1;
      n = n * 10 + d;
    }
    return end > this.f[4] + 1 ? n : -1;
  }

  /** Offset of the message's first byte in the buffer. */
  get messageStart(): number { return this.f[5] + 1; }

  /** Offset after the message's last byte, trailing newlines excluded. */
  get messageEnd(): number {
    const from = this.f[5] + 1;
    let end = this.end;
    while (end > from && this.buf[end - 1] === 0x0a) end--;
    return end;
  }

  /** The full raw message, UTF-8 decoded (invalid bytes become U+FFFD), trailing newlines removed. */
  get message(): string {
    return this.buf.toString('utf8', this.messageStart, this.messageEnd);
  }

  /** The record as a RawCommit; `message` when the caller decoded it already (this.message). */
  toCommit(intern?: Map<string, string>, message = this.message): RawCommit {
    let authorName = this.authorName;
    let authorEmail = this.authorEmail;
    if (intern) {
      // A few authors write most commits: share one string per author.
      authorName = internString(intern, authorName);
      authorEmail = internString(intern, authorEmail);
    }
    return { sha: this.sha, parents: this.parents, authorName, authorEmail, authorDate: this.authorDate, committed: this.committed, message };
  }
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

/** What decides the git command of a log besides its revisions: reads with equal ones may share a started log. */
export interface LogStart {
  gitPath?: string;
  logOptions?: readonly string[];
  /** LogStreamOptions.changesOf's path. */
  changesPath?: string;
  /**
   * git writes into a temporary file instead of a pipe (spool.ts): for reads
   * of a whole history, where git would otherwise wait on a full pipe. A small
   * log gains nothing and would pay the file and the reader's polling.
   */
  spool?: boolean;
}

/**
 * A `git log` started before anyone reads it (earlyLog.ts): its output waits
 * in its spool (or its pipe) for streamLogRecords, which takes it over when it
 * asks for the same command (`key`); else `cancel` ends it.
 */
export interface StartedLog {
  /** The folder, executable and arguments it runs with. */
  readonly key: string;
  readonly revisions: readonly string[];
  /** What it was started with besides the folder and revisions. */
  readonly start: LogStart;
  readonly child: ChildProcess;
  readonly spool: Spool | undefined;
  readonly stderr: Buffer[];
  /** Settles with git's exit code (null when killed or never started). */
  readonly closed: Promise<number | null>;
  spawnError?: NodeJS.ErrnoException;
  /** Waiting for a read, taken over by one, or cancelled. */
  state: 'waiting' | 'read' | 'cancelled';
  /** Ends git and frees its file, unless a read took it over. */
  cancel(): void;
}

function logCommand(repoDir: string, revisions: readonly string[], start: LogStart): { args: string[]; viaStdin: boolean; key: string } {
  for (const r of revisions) checkRevisionExpr(r);
  // Many branches: revisions go through stdin (Windows caps a command line at 32k characters).
  const viaStdin = revisions.length > STDIN_THRESHOLD;
  const changes = start.changesPath !== undefined;
  // log.follow would turn a walk limited to one path into --follow's.
  const args = [...(changes ? ['-c', 'log.follow=false'] : []), 'log', '-z', LOG_FORMAT, ...(start.logOptions ?? []), ...(changes ? CHANGES_OPTIONS : []),
    ...(viaStdin ? ['--stdin'] : ['--end-of-options', ...revisions]), '--', ...(changes ? [filePathspec(start.changesPath!)] : [])];
  return { args, viaStdin, key: JSON.stringify([repoDir, start.gitPath ?? '', args, viaStdin ? revisions : [], start.spool === true]) };
}

/** Starts `git log` over `revisions` (validated; `^rev` and `a..b` allowed) for streamLogRecords to read. */
export function startLog(repoDir: string, revisions: readonly string[], start: LogStart = {}): StartedLog {
  const { args, viaStdin, key } = logCommand(repoDir, revisions, start);
  // Into a private file when asked and one can be made (spool.ts: git never waits for us), else a pipe.
  const spool = start.spool ? openSpool() : undefined;
  let child: ChildProcess;
  try {
    child = spawnGit(repoDir, args, { gitPath: start.gitPath, stdin: viaStdin, streamed: true, stdout: spool?.writeFd });
    // Out of descriptors (EMFILE), spawn returns without stdio pipes: fail here, not on a missing stderr.
    if (!child.stderr) {
      child.on('error', () => undefined); // reported by this throw
      throw new GitError('failed', 'could not start git: no output pipe (too many open files?)');
    }
  } catch (e) {
    if (spool) closeSpool(spool);
    throw e;
  }
  if (spool) {
    // git holds its own copy of the write handle; ours is not needed (spool.ts).
    releaseWriter(spool);
    unlinkSpool(spool);
  }
  if (viaStdin) {
    child.stdin!.on('error', () => undefined); // git exiting early is reported by its exit code
    child.stdin!.end(`${revisions.join('\n')}\n`);
  }
  let settle!: (code: number | null) => void;
  const log: StartedLog = {
    key, revisions, start, child, spool, stderr: [], state: 'waiting',
    closed: new Promise((resolve) => { settle = resolve; }),
    cancel(): void {
      if (log.state !== 'waiting') return;
      log.state = 'cancelled';
      child.kill();
      child.stdout?.resume(); // a pipe drains to its end, so 'close' comes
      if (spool) void log.closed.then(() => closeSpool(spool));
    },
  };
  child.stderr!.on('data', (b: Buffer) => log.stderr.push(b));
  child.on('error', (e: NodeJS.ErrnoException) => {
    log.spawnError = e;
    settle(null);
  });
  child.on('close', (code) => settle(code));
  return log;
}

/**
 * Like streamLog, handing over each record undecoded (one reused LogRecord):
 * the fast path of the scan. `started` is read instead of a new git when it
 * runs the same command; the caller cancels it otherwise.
 */
export function streamLogRecords(
  repoDir: string,
  revisions: readonly string[],
  onRecord: (r: LogRecord) => void,
  options: LogStreamOptions & { started?: StartedLog } = {},
): Promise<number> {
  const changes = options.changesOf;
  const start: LogStart = { gitPath: options.gitPath, logOptions: options.logOptions, changesPath: changes?.path, spool: options.spool };
  const { started } = options;
  const same = started !== undefined && started.state === 'waiting' && started.key === logCommand(repoDir, revisions, start).key;
  // A started log that is not this command will not be read by anyone: it stops before ours starts.
  if (started && !same) started.cancel();
  const log = same ? started : startLog(repoDir, revisions, start);
  log.state = 'read';
  const { child, spool } = log;
  return new Promise((resolve, reject) => {
    let stopReading = (): void => undefined;
    let count = 0;
    let failure: unknown;
    const record = new LogRecord();
    const prefilter = options.prefilter ? new RegExp(options.prefilter.source, 'gi') : undefined;
    // changesOf: the change lines follow their commit's record (the count-th), each before its path.
    let pending: { entry: string | null } | undefined;
    // A consumer error stops reading; git is killed and the error reported.
    const fail = (e: unknown): void => {
      failure = e;
      child.kill();
      stopReading();
    };
    const each = (r: LogRecord): void => {
      if (failure) return;
      count++;
      pending = undefined;
      try {
        onRecord(r);
      } catch (e) {
        fail(e);
      }
    };
    const other = changes && ((text: string): void => {
      if (failure) return;
      if (pending) {
        const { entry } = pending;
        pending = undefined;
        try {
          changes.onChange(count - 1, entry, text);
        } catch (e) {
          fail(e);
        }
        return;
      }
      const m = RAW_CHANGE.exec(text);
      if (m && count > 0) pending = { entry: /^0+$/.test(m[2]) ? null : `${m[2]} ${m[4]}` };
    });
    const splitter = new RecordSplitter((buf, end) => forEachRecord(buf, end, record, prefilter, each, other || undefined));
    const finish = (code: number | null | undefined, readError?: unknown): void => {
      if (log.spawnError) return reject(spawnError(log.spawnError, repoDir));
      if (failure) return reject(failure);
      if (readError) return reject(new GitError('failed', `could not read git's output: ${(readError as Error).message}`));
      if (code !== 0) return reject(classifyFailure(['log'], Buffer.concat(log.stderr).toString('utf8'), repoDir));
      splitter.end();
      if (failure) return reject(failure);
      resolve(count);
    };
    if (spool) {
      const follower = followSpool(spool, log.closed, (b) => splitter.push(b), finish, () => child.kill());
      stopReading = () => follower.stop();
    } else {
      child.stdout!.on('data', (b: Buffer) => splitter.push(b));
      void log.closed.then((code) => finish(code));
    }
  });
}

/** `rev`, `^rev` or `a..b` where each side is a safe revision. */
function checkRevisionExpr(expr: string): void {
  const body = expr.startsWith('^') ? expr.slice(1) : expr;
  const parts = body.includes('..') ? body.split('..') : [body];
  if (parts.length > 2 || parts.some((p) => p === '')) throw new GitError('bad-argument', `'${expr}' is not a valid revision range`);
  for (const p of parts) assertRevision(p);
}
