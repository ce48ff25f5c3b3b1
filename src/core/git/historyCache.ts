// The incremental history cache: only commits that reference a task, plus the
// default branch tips, the unplanned count and the key of the linking rules.
//
// Two files, so that a new commit costs an append, not a rewrite:
//   <file>          small JSON header (tips, counts, other branches' commits, authors)
//   <file>.commits  the default branch's linked commits, one line each, oldest
//                   first: sha, author index, date, merge (0/1), refs, subject,
//                   separated by U+001F (the subject last: it may hold one);
//                   only the first `commitsBytes` bytes named by the header
//                   are valid, so a crash between the append and the header
//                   write is harmless.
// Lines, not JSON: the CLI reads this file on every run (a git hook, a
// prompt), and splitting lines is about 4x faster than JSON.parse of the same
// commits. Every field is checked on load; a file that fails any check is
// damaged and the history is rescanned.
// A process keeps the last state it read or wrote in memory (keyed by the
// header's random writeId), so the extension does not re-parse the commits
// file on every refresh.
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export const CACHE_FORMAT = 4;

/** [sha, authorIndex, authorDate, subject, refs ("PAY-1 PAY-2!" with ! = closing), merge]. */
export type CompactCommit = [string, number, string, string, string, 0 | 1];

export interface CacheState {
  key: string;
  defaultTips: { ref: string; sha: string }[];
  unlinked: number;
  /** Oldest first. Treat as immutable: it may be shared with the in-memory copy. */
  defaultCommits: readonly CompactCommit[];
  sideKey: string;
  sideCommits: readonly CompactCommit[];
  authors: [string, string][];
}

interface Header extends Omit<CacheState, 'defaultCommits'> {
  format: number;
  writeId: string;
  commitsBytes: number;
  commitsCount: number;
}

interface Loaded {
  state: CacheState;
  /** Bytes and items of the commits file that the header vouches for. */
  commitsBytes: number;
  commitsCount: number;
  writeId: string;
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
    let defaultCommits: readonly CompactCommit[];
    if (known && known.writeId === h.writeId) {
      defaultCommits = known.state.defaultCommits;
    } else {
      const body = readFileSync(`${file}.commits`);
      if (body.length < h.commitsBytes) throw new Error('commits file is shorter than its header says');
      defaultCommits = parseLines(body.toString('utf8', 0, h.commitsBytes), h.authors.length);
      if (defaultCommits.length !== h.commitsCount) throw new Error('commit count mismatch');
    }
    const loaded: Loaded = {
      state: { key: h.key, defaultTips: h.defaultTips, unlinked: h.unlinked, defaultCommits, sideKey: h.sideKey, sideCommits: h.sideCommits, authors: h.authors },
      commitsBytes: h.commitsBytes,
      commitsCount: h.commitsCount,
      writeId: h.writeId,
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
 * extends its commits, only the new ones are appended.
 */
export function saveCache(file: string, state: CacheState, base: Loaded | undefined, warnings: string[]): void {
  try {
    mkdirSync(dirname(file), { recursive: true });
    const commitsFile = `${file}.commits`;
    let commitsBytes: number;
    const appendable = base !== undefined && isExtension(base, state);
    if (appendable && base) {
      const bytes = Buffer.from(toLines(state.defaultCommits.slice(base.commitsCount)), 'utf8');
      const fd = openSync(commitsFile, 'r+');
      try {
        writeSync(fd, bytes, 0, bytes.length, base.commitsBytes);
        ftruncateSync(fd, base.commitsBytes + bytes.length);
      } finally {
        closeSync(fd);
      }
      commitsBytes = base.commitsBytes + bytes.length;
    } else {
      const bytes = Buffer.from(toLines(state.defaultCommits), 'utf8');
      atomicWrite(commitsFile, bytes);
      commitsBytes = bytes.length;
    }
    const header: Header = {
      format: CACHE_FORMAT,
      writeId: randomBytes(8).toString('hex'),
      key: state.key,
      defaultTips: state.defaultTips,
      unlinked: state.unlinked,
      sideKey: state.sideKey,
      sideCommits: state.sideCommits,
      authors: state.authors,
      commitsBytes,
      commitsCount: state.defaultCommits.length,
    };
    atomicWrite(file, Buffer.from(JSON.stringify(header), 'utf8'));
    memory.set(file, { state, commitsBytes, commitsCount: state.defaultCommits.length, writeId: header.writeId });
  } catch (e) {
    memory.delete(file);
    warnings.push(`could not write the history cache ${file}: ${(e as Error).message}`);
  }
}

const SEP = '\x1f';
const SHA_RE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** One line per commit: sha, author, date, merge, refs, subject (last: it may contain SEP). */
function toLines(list: readonly CompactCommit[]): string {
  let out = '';
  for (const [sha, a, date, subject, refs, merge] of list) out += `${sha}${SEP}${a}${SEP}${date}${SEP}${merge}${SEP}${refs}${SEP}${subject}\n`;
  return out;
}

/** The commits of toLines, every field checked; throws on anything else. */
function parseLines(text: string, authorCount: number): CompactCommit[] {
  const out: CompactCommit[] = [];
  if (text === '') return out;
  if (!text.endsWith('\n')) throw new Error('commits file does not end with a whole line');
  const lines = text.split('\n');
  lines.pop();
  for (const line of lines) {
    const f = line.split(SEP);
    if (f.length < 6) throw new Error('malformed commit line');
    const subject = f.length === 6 ? f[5] : f.slice(5).join(SEP);
    const c: CompactCommit = [f[0], Number(f[1]), f[2], subject, f[4], f[3] === '1' ? 1 : 0];
    if (!validCompact(c, authorCount) || (f[3] !== '0' && f[3] !== '1')) throw new Error('malformed commit line');
    out.push(c);
  }
  return out;
}

/**
 * A commit as the scan writes it: a full sha, a known author, a date, refs
 * ("ID" or "ID!" separated by spaces), a one-line subject. Cheap enough for
 * every line of every load: length checks first, one regex for the sha.
 */
function validCompact(c: unknown, authorCount: number): c is CompactCommit {
  if (!Array.isArray(c) || c.length !== 6) return false;
  const [sha, a, date, subject, refs, merge] = c as unknown[];
  return (
    typeof sha === 'string' && (sha.length === 40 || sha.length === 64) && SHA_RE.test(sha) &&
    typeof a === 'number' && Number.isInteger(a) && a >= 0 && a < authorCount &&
    typeof date === 'string' && date.length >= 10 && date.length <= 40 &&
    typeof subject === 'string' && !subject.includes('\n') &&
    typeof refs === 'string' && refs.length > 0 && !refs.includes(SEP) && !refs.includes('\n') &&
    (merge === 0 || merge === 1)
  );
}

function validHeader(h: Header): boolean {
  const tip = (t: unknown): boolean => {
    const x = t as { ref?: unknown; sha?: unknown } | null;
    return typeof x === 'object' && x !== null && typeof x.ref === 'string' && typeof x.sha === 'string' && SHA_RE.test(x.sha);
  };
  return (
    typeof h.writeId === 'string' && typeof h.sideKey === 'string' &&
    Number.isSafeInteger(h.unlinked) && h.unlinked >= 0 &&
    Number.isSafeInteger(h.commitsBytes) && h.commitsBytes >= 0 &&
    Number.isSafeInteger(h.commitsCount) && h.commitsCount >= 0 &&
    Array.isArray(h.defaultTips) && h.defaultTips.every(tip) &&
    Array.isArray(h.authors) && h.authors.every((x) => Array.isArray(x) && x.length === 2 && typeof x[0] === 'string' && typeof x[1] === 'string') &&
    Array.isArray(h.sideCommits) && h.sideCommits.every((c) => validCompact(c, h.authors.length))
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

/** Forget in-memory copies (tests, or after deleting cache files). */
export function clearCacheMemory(): void {
  memory.clear();
}
