// The incremental history cache: only commits that reference a task, plus the
// default branch tips, the unplanned count and the key of the linking rules.
//
// Two files, so that a new commit costs an append, not a rewrite:
//   <file>          small JSON header (tips, counts, other branches' commits, authors)
//   <file>.commits  the default branch's linked commits as JSON array items
//                   separated by ",\n", oldest first; only the first
//                   `commitsBytes` bytes named by the header are valid, so a
//                   crash between the append and the header write is harmless.
// A process keeps the last state it read or wrote in memory (keyed by the
// header's random writeId), so the extension does not re-parse the commits
// file on every refresh.
import { randomBytes } from 'node:crypto';
import { closeSync, ftruncateSync, mkdirSync, openSync, readFileSync, renameSync, writeFileSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';

export const CACHE_FORMAT = 4;

/**
 * [sha, authorIndex, authorDate, subject, refs ("PAY-1 PAY-2!" with ! = closing), merge,
 * time lines joined by "\n" (timeSpent.ts; only when the message states time)].
 */
export type CompactCommit = [string, number, string, string, string, 0 | 1] | [string, number, string, string, string, 0 | 1, string];

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
    if (h.format !== CACHE_FORMAT || h.key !== key || !Array.isArray(h.sideCommits) || !Array.isArray(h.authors) || !Array.isArray(h.defaultTips)) return undefined;
    const known = memory.get(file);
    let defaultCommits: readonly CompactCommit[];
    if (known && known.writeId === h.writeId) {
      defaultCommits = known.state.defaultCommits;
    } else {
      const body = readFileSync(`${file}.commits`);
      if (body.length < h.commitsBytes) throw new Error('commits file is shorter than its header says');
      defaultCommits = JSON.parse(`[${body.toString('utf8', 0, h.commitsBytes)}]`) as CompactCommit[];
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
      const added = state.defaultCommits.slice(base.commitsCount);
      const text = added.map((c, i) => (base.commitsCount + i === 0 ? '' : ',\n') + JSON.stringify(c)).join('');
      const bytes = Buffer.from(text, 'utf8');
      const fd = openSync(commitsFile, 'r+');
      try {
        writeSync(fd, bytes, 0, bytes.length, base.commitsBytes);
        ftruncateSync(fd, base.commitsBytes + bytes.length);
      } finally {
        closeSync(fd);
      }
      commitsBytes = base.commitsBytes + bytes.length;
    } else {
      const bytes = Buffer.from(state.defaultCommits.map((c) => JSON.stringify(c)).join(',\n'), 'utf8');
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
