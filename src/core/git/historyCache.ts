// The incremental history cache: only commits that reference a task, plus the
// default branch tips, the unplanned count and the key of the linking rules.
//
// Two files, so that a new commit costs an append, not a rewrite:
//   <file>          small JSON header (tips, counts, authors, the column
//                   layout, other branches' commits as lines)
//   <file>.commits  the default branch's linked commits, oldest first, as
//                   columns written whole: all shas (fixed width, ASCII), all
//                   dates (%aI, fixed width), a 0/1 merge flag each, a JSON
//                   index (per commit an author number and a refs number,
//                   and the distinct refs texts), then the subjects one line
//                   each (UTF-8); then one line per commit appended since
//                   (sha, author, date, merge, refs, subject separated by
//                   U+001F; the subject last, it may hold one). Only the first
//                   `commitsBytes` bytes named by the header are valid, so a
//                   crash between the append and the header write is harmless.
//                   The columns are rewritten once APPENDED_MAX lines pile up.
// Columns, because the CLI reads this file on every run (a git hook, a
// prompt) in a fresh process: each column is one decode of a byte range (no
// JSON.parse over megabytes of text), one regex checks all shas and one all
// dates, each distinct refs text is decoded once (30k commits share about 6k),
// and one loop slices the columns into the commits. Every field is checked on
// load; a file that fails any check is damaged and the history is rescanned.
// A process keeps the last state it read or wrote in memory (keyed by the
// header's random writeId), so the extension does not re-read the files on
// every refresh.
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic } from '../atomicWrite';
import type { LinkedCommit } from './history';
import { forgetOrigins, type OriginMemo } from './repo';
import type { TaskRef } from '../link';

export const CACHE_FORMAT = 7;

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
  /** The other branches' tips alone (sideKey names the default tips too). */
  sideTipsKey: string;
  sideCommits: readonly LinkedCommit[];
  /** The origin URL as read with the config files' signature (repo.ts, originOf); absent: read it every time. */
  origin?: OriginMemo;
}

/**
 * Where the columns sit in the commits file (byte lengths; the sha, date and
 * merge columns have fixed widths per commit, so only `count` names them).
 */
interface Layout {
  count: number;
  shaLength: number;
  /** The JSON index: each commit's author and refs as numbers, and the distinct refs texts. */
  indexBytes: number;
  /** The subjects, one line each (UTF-8). */
  subjectBytes: number;
}

/**
 * The columns' JSON part: per commit an index into the header's authors and
 * one into `lists`; the distinct refs lists as indexes into `tokens` (JSON.parse
 * makes these arrays; the loader turns them into the frozen lists in place).
 */
interface Index {
  author: number[];
  refs: number[];
  lists: number[][];
  /** One reference each, as refKey writes it: "PAY-1", "PAY-1!" (closing), "PAY-1!m", "PAY-1!s". */
  tokens: string[];
  /** [commit index, its time lines] for the few commits that state time spent. */
  time: [number, string[]][];
}

interface Header {
  format: number;
  writeId: string;
  key: string;
  defaultTips: { ref: string; sha: string }[];
  unlinked: number;
  sideKey: string;
  sideTipsKey: string;
  authors: [string, string][];
  /** The other branches' commits, as the lines appended to the commits file (few: a text field is enough). */
  side: string;
  /** The columns at the start of the commits file. */
  layout: Layout;
  origin?: OriginMemo;
  /** Bytes of the columns at the start of the commits file, and how many commits it holds. */
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

/**
 * The origin memo of the cache's header (read before the key, which depends
 * on the origin URL), or undefined: no file, another format, damaged. Checked
 * like the rest of the header: a bad one only costs a git process.
 */
export function cachedOrigin(file: string): OriginMemo | undefined {
  const known = memory.get(file);
  if (known) return known.state.origin;
  try {
    const o = (JSON.parse(readFileSync(file, 'utf8')) as Partial<Header> | null)?.origin;
    return validOrigin(o) ? o : undefined;
  } catch {
    return undefined;
  }
}

function validOrigin(o: unknown): o is OriginMemo {
  const x = o as OriginMemo | null | undefined;
  return typeof x === 'object' && x !== null && typeof x.signature === 'string' && (x.repo === null || typeof x.repo === 'string');
}

/** A checked header: the cached state but the default branch's commits, which stay in the commits file until loadCacheCommits. */
export interface CacheHead {
  state: Omit<CacheState, 'defaultCommits'>;
  header: Header;
}

/**
 * The cached state for `key` but the default branch's commits, or undefined
 * (no cache, other rules, damaged: then with a warning). The scan starts its
 * git processes from it, then loads the commits while they run.
 */
export function readCacheHead(file: string, key: string, warnings: string[]): CacheHead | undefined {
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
    const sideCommits: LinkedCommit[] = [];
    appendLines(sideCommits, h.side, h.authors, false);
    return {
      state: { key: h.key, defaultTips: h.defaultTips, unlinked: h.unlinked, sideKey: h.sideKey, sideTipsKey: h.sideTipsKey, sideCommits, ...(h.origin ? { origin: h.origin } : {}) },
      header: h,
    };
  } catch {
    return damaged(file, warnings);
  }
}

/** The whole cached state of `head`: its commits from this process's memory, else from the commits file; undefined when damaged (with a warning). */
export function loadCacheCommits(file: string, head: CacheHead, warnings: string[]): Loaded | undefined {
  const h = head.header;
  try {
    const known = memory.get(file);
    let defaultCommits: readonly LinkedCommit[];
    if (known && known.header.writeId === h.writeId) {
      defaultCommits = known.state.defaultCommits;
    } else {
      const body = readFileSync(`${file}.commits`);
      if (body.length < h.commitsBytes) throw new Error('commits file is shorter than its header says');
      const list = fromColumns(body, h.layout, h.columnsBytes, h.authors);
      if (list.length !== h.columnsCount) throw new Error('commit count mismatch');
      appendLines(list, body.toString('utf8', h.columnsBytes, h.commitsBytes), h.authors, true);
      if (list.length !== h.commitsCount) throw new Error('commit count mismatch');
      defaultCommits = list;
    }
    const loaded: Loaded = { state: { ...head.state, defaultCommits }, header: h };
    memory.set(file, loaded);
    return loaded;
  } catch {
    return damaged(file, warnings);
  }
}

function damaged(file: string, warnings: string[]): undefined {
  memory.delete(file);
  warnings.push(`the history cache ${file} was damaged and has been rebuilt`);
  return undefined;
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
    let layout: Layout;
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
      layout = old.layout;
      columnsBytes = old.columnsBytes;
      columnsCount = old.columnsCount;
      commitsBytes = old.commitsBytes + bytes.length;
    } else {
      const columns = toColumns(state.defaultCommits, authors);
      writeFileAtomic(commitsFile, columns.bytes);
      layout = columns.layout;
      columnsBytes = commitsBytes = columns.bytes.length;
      columnsCount = state.defaultCommits.length;
    }
    const side = toLines(state.sideCommits, authors);
    const header: Header = {
      format: CACHE_FORMAT,
      writeId: randomBytes(8).toString('hex'),
      key: state.key,
      defaultTips: state.defaultTips,
      unlinked: state.unlinked,
      sideKey: state.sideKey,
      sideTipsKey: state.sideTipsKey,
      authors: authors.list,
      side,
      layout,
      columnsBytes,
      columnsCount,
      commitsBytes,
      commitsCount: state.defaultCommits.length,
      ...(state.origin ? { origin: state.origin } : {}),
    };
    writeFileAtomic(file, Buffer.from(JSON.stringify(header), 'utf8'));
    memory.set(file, { state, header });
  } catch (e) {
    memory.delete(file);
    warnings.push(`could not write the history cache ${file}: ${(e as Error).message}`);
  }
}

/** Forget in-memory copies (tests, or after deleting cache files). */
export function clearCacheMemory(): void {
  memory.clear();
  forgetOrigins();
}

class AuthorTable {
  readonly list: [string, string][];
  /** By name, then address: no key string built per commit. */
  private readonly byName = new Map<string, Map<string, number>>();
  constructor(list: readonly [string, string][]) {
    this.list = list.slice();
    this.list.forEach(([n, e], i) => this.emails(n).set(e, i));
  }
  index(c: LinkedCommit): number {
    const byEmail = this.emails(c.authorName);
    let i = byEmail.get(c.authorEmail);
    if (i === undefined) {
      i = this.list.length;
      this.list.push([c.authorName, c.authorEmail]);
      byEmail.set(c.authorEmail, i);
    }
    return i;
  }
  private emails(name: string): Map<string, number> {
    let byEmail = this.byName.get(name);
    if (!byEmail) this.byName.set(name, (byEmail = new Map()));
    return byEmail;
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

/** The commits as the columns of Layout: fixed-width shas, dates and merge flags, the JSON index, the subjects. */
function toColumns(list: readonly LinkedCommit[], authors: AuthorTable): { bytes: Buffer; layout: Layout } {
  const shaLength = list.length ? list[0].sha.length : 40;
  const index: Index = { author: new Array<number>(list.length), refs: new Array<number>(list.length), lists: [], tokens: [], time: [] };
  const lists = new Map<string, number>();
  const tokens = new Map<string, number>();
  const number = (map: Map<string, number>, key: string, add: () => void): number => {
    let k = map.get(key);
    if (k === undefined) {
      k = map.size;
      map.set(key, k);
      add();
    }
    return k;
  };
  // The scan shares one frozen refs array among the commits with the same references: each is keyed once.
  const listOf = new Map<LinkedCommit['refs'], number>();
  list.forEach((c, i) => {
    // Every date git prints with %aI has this width, every sha of one repository the same one.
    if (c.sha.length !== shaLength || c.authorDate.length !== DATE_LENGTH) throw new Error(`unexpected commit ${c.sha}`);
    index.author[i] = authors.index(c);
    let k = listOf.get(c.refs);
    if (k === undefined) {
      k = number(lists, refKey(c.refs), () =>
        index.lists.push(c.refs.map((r) => { const t = refKey([r]); return number(tokens, t, () => index.tokens.push(t)); })));
      listOf.set(c.refs, k);
    }
    index.refs[i] = k;
    if (c.time) index.time.push([i, [...c.time]]);
  });
  const indexBytes = Buffer.from(JSON.stringify(index), 'utf8');
  const subjectBytes = Buffer.from(list.map((c) => oneLine(c.subject)).join('\n'), 'utf8');
  const bytes = Buffer.concat([
    Buffer.from(list.map((c) => c.sha).join(''), 'latin1'),
    Buffer.from(list.map((c) => c.authorDate).join(''), 'latin1'),
    Buffer.from(list.map((c) => (c.merge ? '1' : '0')).join(''), 'latin1'),
    indexBytes,
    subjectBytes,
  ]);
  return { bytes, layout: { count: list.length, shaLength, indexBytes: indexBytes.length, subjectBytes: subjectBytes.length } };
}

/**
 * The default branch's commits from the columns at the start of `body`, every
 * field checked; throws on anything else. One decode per column, each
 * distinct reference and refs list made once, then one loop that slices the
 * columns into the commits.
 */
function fromColumns(body: Buffer, layout: Layout, columnsBytes: number, authors: readonly [string, string][]): LinkedCommit[] {
  if (typeof layout !== 'object' || layout === null) throw new Error('malformed layout');
  const { count: n, shaLength: L, indexBytes, subjectBytes } = layout;
  if (!isCount(n) || (L !== 40 && L !== 64) || !isCount(indexBytes) || !isCount(subjectBytes)) throw new Error('malformed layout');
  const shaEnd = n * L;
  const dateEnd = shaEnd + n * DATE_LENGTH;
  const mergeEnd = dateEnd + n;
  const indexEnd = mergeEnd + indexBytes;
  if (indexEnd + subjectBytes !== columnsBytes) throw new Error('layout does not match the columns');
  const sha = body.toString('latin1', 0, shaEnd);
  const date = body.toString('latin1', shaEnd, dateEnd);
  const merge = body.toString('latin1', dateEnd, mergeEnd);
  if (!/^[0-9a-f]*$/.test(sha) || !DATES_RE.test(date) || !/^[01]*$/.test(merge)) throw new Error('malformed columns');
  const index = JSON.parse(body.toString('utf8', mergeEnd, indexEnd)) as Index;
  if (typeof index !== 'object' || index === null) throw new Error('malformed index');
  const { author, refs } = index;
  if (!Array.isArray(author) || author.length !== n || !Array.isArray(refs) || refs.length !== n) throw new Error('malformed index');
  const lists = refsLists(index);
  const time = timeLines(index, n);
  const subjects = body.toString('utf8', indexEnd, columnsBytes);
  const out: LinkedCommit[] = new Array(n);
  const A = authors.length;
  const R = lists.length;
  let at = 0;
  for (let i = 0; i < n; i++) {
    const a = author[i];
    const r = refs[i];
    if (!isIndex(a, A) || !isIndex(r, R)) throw new Error('malformed commit');
    let end = subjects.indexOf('\n', at);
    if (end < 0) {
      // An empty column is no line, not one empty line.
      if (i !== n - 1) throw new Error('too few subjects');
      end = subjects.length;
    }
    const c: LinkedCommit = {
      sha: sha.slice(L * i, L * i + L),
      authorName: authors[a][0],
      authorEmail: authors[a][1],
      authorDate: date.slice(DATE_LENGTH * i, DATE_LENGTH * i + DATE_LENGTH),
      subject: subjects.slice(at, end),
      onDefaultBranch: true,
      refs: lists[r],
    };
    if (merge.charCodeAt(i) === 49) c.merge = true;
    const t = time?.get(i);
    if (t) c.time = t;
    out[i] = Object.freeze(c);
    at = end + 1;
  }
  if (n ? at !== subjects.length + 1 : subjects.length !== 0) throw new Error('too many subjects');
  return out;
}

const isCount = (x: unknown): x is number => Number.isSafeInteger(x) && (x as number) >= 0;
const isIndex = (x: unknown, length: number): x is number => typeof x === 'number' && x >= 0 && x < length && (x | 0) === x;

/** The index's refs lists, frozen, their references shared: the parsed arrays themselves, filled in. */
function refsLists(index: Index): LinkedCommit['refs'][] {
  const { lists, tokens } = index;
  if (!Array.isArray(lists) || !Array.isArray(tokens)) throw new Error('malformed index');
  const refs = tokens.map((t) => {
    if (typeof t !== 'string' || t === '' || /[\s]/.test(t) || t.startsWith('!')) throw new Error('malformed refs');
    return Object.freeze(decodeRef(t));
  });
  for (const list of lists) {
    if (!Array.isArray(list) || list.length === 0) throw new Error('malformed refs');
    for (let j = 0; j < list.length; j++) {
      if (!isIndex(list[j], refs.length)) throw new Error('malformed refs');
      (list as unknown[])[j] = refs[list[j]];
    }
    Object.freeze(list);
  }
  return lists as unknown as LinkedCommit['refs'][];
}

/** Commit index -> frozen time lines; undefined when no commit states time. */
function timeLines(index: Index, n: number): Map<number, readonly string[]> | undefined {
  const { time } = index;
  if (!Array.isArray(time)) throw new Error('malformed index');
  if (time.length === 0) return undefined;
  const byCommit = new Map<number, readonly string[]>();
  for (const entry of time) {
    if (!Array.isArray(entry) || entry.length !== 2 || !isIndex(entry[0], n) || byCommit.has(entry[0])) throw new Error('malformed time');
    const lines = entry[1];
    if (!Array.isArray(lines) || lines.length === 0 || !lines.every((l) => typeof l === 'string' && !l.includes('\n') && !l.includes(TIME_SEP))) throw new Error('malformed time');
    byCommit.set(entry[0], Object.freeze(lines));
  }
  return byCommit;
}

/** "PAY-1 PAY-2!" + time lines (refText) read back; `refsOf` shares one frozen refs list per distinct text. */
function decodeRefText(text: string, refsOf: Map<string, TaskRef[]>): { refs: LinkedCommit['refs']; time?: readonly string[] } {
  // Most commits have no time lines: no split, and the shared refs list is found by the whole text.
  const timeAt = text.indexOf(TIME_SEP);
  const refPart = timeAt < 0 ? text : text.slice(0, timeAt);
  let refs = refsOf.get(refPart);
  if (!refs) {
    if (refPart === '' || refPart.includes('\n')) throw new Error('malformed refs');
    refs = Object.freeze(refPart.split(' ').map((x) => Object.freeze(decodeRef(x)))) as TaskRef[];
    refsOf.set(refPart, refs);
  }
  return { refs: refs as LinkedCommit['refs'], ...(timeAt < 0 ? {} : { time: Object.freeze(text.slice(timeAt + 1).split(TIME_SEP)) }) };
}

/** A subject as one line of a column (a subject is a message's first line: this only guards the format). */
function oneLine(s: string): string {
  return s.includes('\n') ? s.replace(/\n/g, ' ') : s;
}

/** One line per commit: sha, author, date, merge, refs, subject (last: it may contain SEP). */
function toLines(list: readonly LinkedCommit[], authors: AuthorTable): string {
  let out = '';
  for (const c of list) out += `${c.sha}${SEP}${authors.index(c)}${SEP}${c.authorDate}${SEP}${c.merge ? 1 : 0}${SEP}${refText(c)}${SEP}${oneLine(c.subject)}\n`;
  return out;
}

/** Adds the commits of toLines to `out`, every field checked; throws on anything else. */
function appendLines(out: LinkedCommit[], text: string, authors: readonly [string, string][], onDefaultBranch: boolean): void {
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
    const { refs, time } = decodeRefText(f[4], refsOf);
    const c: LinkedCommit = {
      sha: f[0], authorName: authors[a][0], authorEmail: authors[a][1], authorDate: f[2],
      subject: f.length === 6 ? f[5] : f.slice(5).join(SEP), onDefaultBranch, refs,
    };
    if (f[3] === '1') c.merge = true;
    if (time) c.time = time;
    out.push(Object.freeze(c));
  }
}

function validHeader(h: Header): boolean {
  const tip = (t: unknown): boolean => {
    const x = t as { ref?: unknown; sha?: unknown } | null;
    return typeof x === 'object' && x !== null && typeof x.ref === 'string' && typeof x.sha === 'string' && SHA_RE.test(x.sha);
  };
  const count = isCount;
  return (
    typeof h.writeId === 'string' && typeof h.sideKey === 'string' && typeof h.sideTipsKey === 'string' && typeof h.side === 'string' &&
    (h.origin === undefined || validOrigin(h.origin)) &&
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
