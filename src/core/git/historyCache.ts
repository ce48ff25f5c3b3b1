// The incremental history cache: only commits that reference a task, plus the
// default branch tips, the unplanned count and the key of the linking rules.
//
// Two files, so that a new commit costs an append, not a rewrite:
//   <file>          small JSON header (tips, counts, authors, other branches' commits)
//   <file>.commits  the default branch's linked commits, oldest first: one JSON
//                   object of columns (all shas in one string, all dates in
//                   one string, a list of authors, all refs and all subjects
//                   each in one string, a line per commit),
//                   written whole, then one line per commit appended since
//                   (sha, author, date, merge, refs, subject separated by
//                   U+001F; the subject last, it may hold one). Only the first
//                   `commitsBytes` bytes named by the header are valid, so a
//                   crash between the append and the header write is harmless.
//                   The columns are rewritten once APPENDED_MAX lines pile up.
// Columns, because the CLI reads this file on every run (a git hook, a
// prompt) in a fresh process: one native JSON.parse, one regex each over all
// shas and all dates, one split each for refs and subjects, and one loop that
// makes the commits, is about a third cheaper there than JSON arrays or lines
// checked one by one (and a list of 30k strings costs JSON.parse more than
// one string split at its newlines; a subject is a first line, never holds one). Every field is
// checked on load; a file that fails any check is damaged and the history is
// rescanned.
// A process keeps the last state it read or wrote in memory (keyed by the
// header's random writeId), so the extension does not re-read the files on
// every refresh.
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LinkedCommit } from './history';
import type { TaskRef } from '../link';

export const CACHE_FORMAT = 6;

/** Lines appended after the columns before the commits file is rewritten whole. */
const APPENDED_MAX = 2000;
/** git's %aI: 2026-01-05T10:00:00+01:00. */
const DATE_LENGTH = 25;

/**
 * A frozen LinkedCommit: the scan and the cache make them the same way.
 * `sharedRefs` (one per scan) hands out one frozen refs list per distinct
 * list: most commits reference one task, and at a million commits a list per
 * commit was about a fifth of the heap the result keeps.
 */
export function linkedCommit(
  sha: string, authorName: string, authorEmail: string, authorDate: string, subject: string,
  onDefaultBranch: boolean, refs: readonly LinkedCommit['refs'][number][], merge: boolean, time?: readonly string[],
  sharedRefs?: Map<string, LinkedCommit['refs']>,
): LinkedCommit {
  const key = sharedRefs ? refKey(refs) : '';
  let frozenRefs = sharedRefs?.get(key);
  if (!frozenRefs) {
    frozenRefs = Object.freeze(refs.map((r) => Object.freeze({ taskId: r.taskId, closing: r.closing, ...(r.via ? { via: r.via } : {}) }))) as LinkedCommit['refs'];
    sharedRefs?.set(key, frozenRefs);
  }
  const c: LinkedCommit = { sha, authorName, authorEmail, authorDate, subject, onDefaultBranch, refs: frozenRefs };
  if (merge) c.merge = true;
  if (time && time.length) c.time = Object.freeze([...time]);
  return Object.freeze(c);
}

export interface CacheState {
  key: string;
  defaultTips: { ref: string; sha: string }[];
  unlinked: number;
  /** Oldest first, frozen. Treat as immutable: it is shared with the in-memory copy. */
  defaultCommits: readonly LinkedCommit[];
  sideKey: string;
  sideCommits: readonly LinkedCommit[];
}

/** Commits as columns: shas and dates concatenated (fixed widths), the rest as lists. */
interface Columns {
  shaLength: number;
  sha: string;
  date: string;
  /** Index into the header's authors. */
  author: number[];
  /** "0"/"1" per commit. */
  merge: string;
  /** Per commit "PAY-1 PAY-2!" (! = closing), one line each. */
  refs: string;
  /** One line per commit. */
  subject: string;
}

interface Header {
  format: number;
  writeId: string;
  key: string;
  defaultTips: { ref: string; sha: string }[];
  unlinked: number;
  sideKey: string;
  authors: [string, string][];
  side: Columns;
  /** Bytes of the columns object at the start of the commits file, and how many commits it holds. */
  columnsBytes: number;
  columnsCount: number;
  commitsBytes: number;
  commitsCount: number;
}

interface Loaded {
  state: CacheState;
  header: Header;
}

const memory = new Map<string, Loaded>();

/** The cached state for `key`, or undefined (no cache, other rules, damaged). */
export function loadCache(file: string, key: string, warnings: string[]): Loaded | undefined {
  let headerText: string;
  try {
    headerText = readFileSync(file, 'utf8');
  } catch {
    return undefined; // no cache yet
  }
  try {
    const h = JSON.parse(headerText) as Header;
    if (typeof h !== 'object' || h === null || Array.isArray(h)) throw new Error('header is not an object');
    // Another format (an older Waymark) or other linking rules: not damaged, just not ours to reuse.
    if (h.format !== CACHE_FORMAT || h.key !== key) return undefined;
    if (!validHeader(h)) throw new Error('malformed header');
    const known = memory.get(file);
    let defaultCommits: readonly LinkedCommit[];
    if (known && known.header.writeId === h.writeId) {
      defaultCommits = known.state.defaultCommits;
    } else {
      const body = readFileSync(`${file}.commits`);
      if (body.length < h.commitsBytes) throw new Error('commits file is shorter than its header says');
      const columns = JSON.parse(body.toString('utf8', 0, h.columnsBytes)) as Columns;
      const list = fromColumns(columns, h.authors, true);
      if (list.length !== h.columnsCount) throw new Error('commit count mismatch');
      appendLines(list, body.toString('utf8', h.columnsBytes, h.commitsBytes), h.authors);
      if (list.length !== h.commitsCount) throw new Error('commit count mismatch');
      defaultCommits = list;
    }
    const sideCommits = fromColumns(h.side, h.authors, false);
    const loaded: Loaded = {
      state: { key: h.key, defaultTips: h.defaultTips, unlinked: h.unlinked, defaultCommits, sideKey: h.sideKey, sideCommits },
      header: h,
    };
    memory.set(file, loaded);
    return loaded;
  } catch {
    memory.delete(file);
    warnings.push(`the history cache ${file} was damaged and has been rebuilt`);
    return undefined;
  }
}

/**
 * Saves `state`. When `base` is the loaded cache and state.defaultCommits
 * extends its commits, only the new ones are appended (as lines).
 */
export function saveCache(file: string, state: CacheState, base: Loaded | undefined, warnings: string[]): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const commitsFile = `${file}.commits`;
    const old = base?.header;
    const appendable = base !== undefined && old !== undefined && isExtension(base, state) && old.commitsCount - old.columnsCount + state.defaultCommits.length - old.commitsCount <= APPENDED_MAX;
    const authors = new AuthorTable(appendable ? old!.authors : []);
    let columnsBytes: number;
    let columnsCount: number;
    let commitsBytes: number;
    if (appendable && old) {
      const bytes = Buffer.from(toLines(state.defaultCommits.slice(old.commitsCount), authors), 'utf8');
      const fd = openSync(commitsFile, 'r+');
      try {
        writeSync(fd, bytes, 0, bytes.length, old.commitsBytes);
        ftruncateSync(fd, old.commitsBytes + bytes.length);
      } finally {
        closeSync(fd);
      }
      columnsBytes = old.columnsBytes;
      columnsCount = old.columnsCount;
      commitsBytes = old.commitsBytes + bytes.length;
    } else {
      const bytes = Buffer.from(JSON.stringify(toColumns(state.defaultCommits, authors)), 'utf8');
      atomicWrite(commitsFile, bytes);
      columnsBytes = commitsBytes = bytes.length;
      columnsCount = state.defaultCommits.length;
    }
    const side = toColumns(state.sideCommits, authors);
    const header: Header = {
      format: CACHE_FORMAT,
      writeId: randomBytes(8).toString('hex'),
      key: state.key,
      defaultTips: state.defaultTips,
      unlinked: state.unlinked,
      sideKey: state.sideKey,
      authors: authors.list,
      side,
      columnsBytes,
      columnsCount,
      commitsBytes,
      commitsCount: state.defaultCommits.length,
    };
    atomicWrite(file, Buffer.from(JSON.stringify(header), 'utf8'));
    memory.set(file, { state, header });
  } catch (e) {
    memory.delete(file);
    warnings.push(`could not write the history cache ${file}: ${(e as Error).message}`);
  }
}

/** Forget in-memory copies (tests, or after deleting cache files). */
export function clearCacheMemory(): void {
  memory.clear();
}

class AuthorTable {
  readonly list: [string, string][];
  private readonly byKey = new Map<string, number>();
  constructor(list: readonly [string, string][]) {
    this.list = list.slice();
    this.list.forEach(([n, e], i) => this.byKey.set(`${n}\n${e}`, i));
  }
  index(c: LinkedCommit): number {
    const k = `${c.authorName}\n${c.authorEmail}`;
    let i = this.byKey.get(k);
    if (i === undefined) {
      i = this.list.length;
      this.list.push([c.authorName, c.authorEmail]);
      this.byKey.set(k, i);
    }
    return i;
  }
}

const SEP = '\x1f';
const SHA_RE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;
/** What a stored date may hold: %aI's characters. */
const DATES_RE = /^[0-9T:+-]*$/;

/** Between the refs and each time line in a refs field (time lines never hold control characters). */
const TIME_SEP = '\x1e';

/**
 * "PAY-1 PAY-2!" (! = closing by a word; !m by a merged branch, !s by a
 * squash merge), then the commit's time lines (timeSpent.ts), each after U+001E.
 */
function refText(c: LinkedCommit): string {
  const refs = refKey(c.refs);
  return c.time ? [refs, ...c.time].join(TIME_SEP) : refs;
}

/** "PAY-1 PAY-2!" of refText: names a refs list exactly (decodeRef reads each word back). */
function refKey(refs: readonly LinkedCommit['refs'][number][]): string {
  return refs.map((r) => (r.closing ? `${r.taskId}!${r.via === 'merge' ? 'm' : r.via === 'squash' ? 's' : ''}` : r.taskId)).join(' ');
}

function decodeRef(x: string): LinkedCommit['refs'][number] {
  const bang = x.lastIndexOf('!');
  if (bang < 0) return { taskId: x, closing: false };
  const tail = x.slice(bang + 1);
  if (tail !== '' && tail !== 'm' && tail !== 's') throw new Error('malformed refs');
  return { taskId: x.slice(0, bang), closing: true, ...(tail === 'm' ? { via: 'merge' as const } : tail === 's' ? { via: 'squash' as const } : {}) };
}

function toColumns(list: readonly LinkedCommit[], authors: AuthorTable): Columns {
  const shaLength = list.length ? list[0].sha.length : 40;
  for (const c of list) {
    // Every date git prints with %aI has this width, every sha of one repository the same one.
    if (c.sha.length !== shaLength || c.authorDate.length !== DATE_LENGTH) throw new Error(`unexpected commit ${c.sha}`);
  }
  return {
    shaLength,
    sha: list.map((c) => c.sha).join(''),
    date: list.map((c) => c.authorDate).join(''),
    author: list.map((c) => authors.index(c)),
    merge: list.map((c) => (c.merge ? '1' : '0')).join(''),
    refs: list.map(refText).join('\n'),
    subject: list.map((c) => oneLine(c.subject)).join('\n'),
  };
}

/** The commits of toColumns, every field checked; throws on anything else. */
function fromColumns(o: Columns, authors: readonly [string, string][], onDefaultBranch: boolean): LinkedCommit[] {
  if (typeof o !== 'object' || o === null) throw new Error('malformed columns');
  const { shaLength: L, sha, date, author, merge } = o;
  if (typeof o.subject !== 'string' || typeof o.refs !== 'string' || !Array.isArray(author)) throw new Error('malformed columns');
  const n = author.length;
  // An empty column is no line, not one empty line.
  const subject = n ? o.subject.split('\n') : [];
  const refs = n ? o.refs.split('\n') : [];
  if (
    (L !== 40 && L !== 64) || typeof sha !== 'string' || sha.length !== L * n || !/^[0-9a-f]*$/.test(sha) ||
    typeof date !== 'string' || date.length !== DATE_LENGTH * n || !DATES_RE.test(date) ||
    typeof merge !== 'string' || merge.length !== n || !/^[01]*$/.test(merge) ||
    refs.length !== n || subject.length !== n
  ) {
    throw new Error('malformed columns');
  }
  const out: LinkedCommit[] = new Array(n);
  // Frozen refs lists are shared by commits with the same references (most reference one task).
  const refsOf = new Map<string, TaskRef[]>();
  for (let i = 0; i < n; i++) {
    const a = author[i];
    const s = subject[i];
    const r = refs[i];
    if (typeof a !== 'number' || !(a >= 0 && a < authors.length) || (a | 0) !== a) throw new Error('malformed commit');
    const [authorName, authorEmail] = authors[a];
    out[i] = makeCommit(sha.slice(L * i, L * i + L), authorName, authorEmail, date.slice(DATE_LENGTH * i, DATE_LENGTH * i + DATE_LENGTH), s, onDefaultBranch, r, merge.charCodeAt(i) === 49, refsOf);
  }
  return out;
}

const NO_TIME: string[] = [];

function makeCommit(
  sha: string, authorName: string, authorEmail: string, authorDate: string, subject: string,
  onDefaultBranch: boolean, refText: string, merge: boolean, refsOf: Map<string, TaskRef[]>,
): LinkedCommit {
  // Most commits have no time lines: no split, and the shared refs list is found by the whole text.
  const timeAt = refText.indexOf(TIME_SEP);
  const refPart = timeAt < 0 ? refText : refText.slice(0, timeAt);
  const time = timeAt < 0 ? NO_TIME : refText.slice(timeAt + 1).split(TIME_SEP);
  let refs = refsOf.get(refPart);
  if (!refs) {
    if (refPart === '' || refPart.includes('\n')) throw new Error('malformed refs');
    refs = Object.freeze(refPart.split(' ').map((x) => Object.freeze(decodeRef(x)))) as TaskRef[];
    refsOf.set(refPart, refs);
  }
  const c: LinkedCommit = { sha, authorName, authorEmail, authorDate, subject, onDefaultBranch, refs: refs as LinkedCommit['refs'] };
  if (merge) c.merge = true;
  if (time.length) c.time = Object.freeze(time);
  return Object.freeze(c);
}

/** A subject as one line of a column (a subject is a message's first line: this only guards the format). */
function oneLine(s: string): string {
  return s.includes('\n') ? s.replace(/\n/g, ' ') : s;
}

/** One line per commit: sha, author, date, merge, refs, subject (last: it may contain SEP). */
function toLines(list: readonly LinkedCommit[], authors: AuthorTable): string {
  let out = '';
  for (const c of list) out += `${c.sha}${SEP}${authors.index(c)}${SEP}${c.authorDate}${SEP}${c.merge ? 1 : 0}${SEP}${refText(c)}${SEP}${c.subject}\n`;
  return out;
}

/** Adds the commits of toLines to `out`, every field checked; throws on anything else. */
function appendLines(out: LinkedCommit[], text: string, authors: readonly [string, string][]): void {
  if (text === '') return;
  if (!text.endsWith('\n')) throw new Error('commits file does not end with a whole line');
  const lines = text.split('\n');
  lines.pop();
  const refsOf = new Map<string, TaskRef[]>();
  for (const line of lines) {
    const f = line.split(SEP);
    const a = Number(f[1]);
    if (
      f.length < 6 || !SHA_RE.test(f[0]) || !/^[0-9]{1,9}$/.test(f[1]) || a >= authors.length ||
      f[2].length !== DATE_LENGTH || !DATES_RE.test(f[2]) || (f[3] !== '0' && f[3] !== '1')
    ) {
      throw new Error('malformed commit line');
    }
    const subject = f.length === 6 ? f[5] : f.slice(5).join(SEP);
    out.push(makeCommit(f[0], authors[a][0], authors[a][1], f[2], subject, true, f[4], f[3] === '1', refsOf));
  }
}

function validHeader(h: Header): boolean {
  const tip = (t: unknown): boolean => {
    const x = t as { ref?: unknown; sha?: unknown } | null;
    return typeof x === 'object' && x !== null && typeof x.ref === 'string' && typeof x.sha === 'string' && SHA_RE.test(x.sha);
  };
  const count = (n: unknown): boolean => Number.isSafeInteger(n) && (n as number) >= 0;
  return (
    typeof h.writeId === 'string' && typeof h.sideKey === 'string' &&
    count(h.unlinked) && count(h.columnsBytes) && count(h.columnsCount) && count(h.commitsBytes) && count(h.commitsCount) &&
    h.columnsBytes <= h.commitsBytes && h.columnsCount <= h.commitsCount &&
    Array.isArray(h.defaultTips) && h.defaultTips.every(tip) &&
    Array.isArray(h.authors) && h.authors.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string')
  );
}

/** state's commits start with exactly the loaded ones (same array prefix). */
function isExtension(base: Loaded, state: CacheState): boolean {
  const old = base.state.defaultCommits;
  const now = state.defaultCommits;
  if (now.length < old.length) return false;
  if (old.length === 0) return true;
  // The scan builds the new list as old.concat(fresh): the same objects.
  return now[0] === old[0] && now[old.length - 1] === old[old.length - 1];
}

/** Write then rename: a crash mid-write never leaves half a file behind. */
function atomicWrite(file: string, bytes: Buffer): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
}
