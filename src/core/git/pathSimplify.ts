// project.yml's revisions as `git log <tip> -- <path>` lists them, derived
// from a walk that lists every commit. The site's history scan reads the
// whole history anyway; asked for each commit's change of the path against
// its first parent on the way (logStream.ts, LogStreamOptions.changesOf),
// git adds ~0.1 s to a 100k-commit walk, where a second, path-limited walk
// costs ~0.55 s of git's CPU (it parses every commit object again).
//
// git's default history simplification (revision.c, try_to_simplify_commit):
// a commit whose entry for the path equals a parent's ("TREESAME") is not
// shown, and of a merge only the first such parent is followed (the other
// side did not bring the file's content); a commit that differs from every
// parent is shown and all its parents are followed; a root commit is shown
// when the path exists in it. A commit's entry is its own change against its
// first parent, or else its first parent's entry.
//
// The order is the walk's. Both walks pop the newest commit date first, but
// they queue different commits, so where a clock went back they can list the
// same commits in different orders. The answer is therefore given only when
// it is provably git's: every parent the path-limited walk follows is no
// newer than its child (so git lists by date), and the commits shown have
// strictly descending dates (so there is one such order). Otherwise the
// caller asks git.
// test/unit/path-simplify.test.ts holds this to real `git log -- path` on
// random repositories with branches, conflicting and evil merges, deletions
// and skewed clocks.

/** A commit of the walk, as git lists it (newest first). */
export interface WalkCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  /** Committer date in seconds (%ct). */
  readonly committed: number;
}

/** The path's entry after a commit, `<mode> <object id>`; null where the path does not exist. */
export type PathEntry = string | null;

/** How far after a commit its parent is looked for before the whole walk is indexed: git lists most parents soon after. */
const NEAR = 64;

/**
 * The commits `git log <tip> -- <path>` shows, in the walk's order, from
 * `walk` (every commit reachable from `tip`) and `changes` (by position in
 * the walk: the path's entry after each commit that changed it against its
 * first parent; a root commit that has the path counts as a change).
 * Undefined when the walk does not hold `tip` or a parent of a commit it
 * reaches, when first parents go round in a cycle (a graft), or when git's
 * order is not certain (skewed clocks, see above): the caller asks git
 * instead. (A shallow clone's boundary commits have no parents for git
 * either: they are roots here too.)
 */
export function simplifiedPathHistory(walk: readonly WalkCommit[], changes: ReadonlyMap<number, PathEntry>, tip: string): string[] | undefined {
  const n = walk.length;
  // A parent's position: among the next few commits, else from an index of the whole walk, built once if ever
  // (hashing 100k shas costs more than the rest of this function).
  let index: Map<string, number> | undefined;
  const positionOf = (sha: string, after: number): number | undefined => {
    for (let j = after + 1, end = Math.min(n, after + 1 + NEAR); j < end; j++) if (walk[j].sha === sha) return j;
    if (!index) {
      index = new Map();
      for (let i = 0; i < n; i++) index.set(walk[i].sha, i);
    }
    return index.get(sha);
  };
  const start = n > 0 && walk[0].sha === tip ? 0 : positionOf(tip, -1);
  if (start === undefined) return undefined;

  // Each commit's entry as a number (0: no file; equal entries, equal numbers): its change, else its first parent's.
  const numbers = new Map<PathEntry, number>([[null, 0]]);
  const entry = new Int32Array(n).fill(-1);
  for (const [i, e] of changes) {
    if (i < 0 || i >= n) continue;
    let k = numbers.get(e);
    if (k === undefined) numbers.set(e, (k = numbers.size));
    entry[i] = k;
  }
  const firstParent = new Int32Array(n).fill(-1);
  const chain: number[] = [];
  // From the oldest, so a first parent listed after its child is usually known already.
  for (let i = n - 1; i >= 0; i--) {
    let j = i;
    chain.length = 0;
    while (entry[j] < 0) {
      const parents = walk[j].parents;
      if (parents.length === 0) { entry[j] = 0; break; }
      const p = firstParent[j] >= 0 ? firstParent[j] : positionOf(parents[0], j);
      // A chain longer than the walk goes round (grafts or replace refs can make one).
      if (p === undefined || chain.length > n) return undefined;
      firstParent[j] = p;
      chain.push(j);
      j = p;
    }
    for (const k of chain) entry[k] = entry[j];
  }

  // From the tip, over the parents git keeps.
  const shown = new Uint8Array(n);
  const seen = new Uint8Array(n);
  const stack = [start];
  const parents: number[] = [];
  while (stack.length) {
    const i = stack.pop()!;
    if (seen[i]) continue;
    seen[i] = 1;
    const shas = walk[i].parents;
    if (shas.length === 0) {
      if (entry[i] !== 0) shown[i] = 1;
      continue;
    }
    parents.length = 0;
    let same = -1;
    for (let k = 0; k < shas.length; k++) {
      const p = k === 0 && firstParent[i] >= 0 ? firstParent[i] : positionOf(shas[k], i);
      if (p === undefined) return undefined;
      parents.push(p);
      if (same < 0 && entry[p] === entry[i]) same = p;
    }
    const followed = same >= 0 ? [same] : parents;
    // A parent newer than its child, or a date git did not print as digits (-1): git's order is not certain.
    for (const p of followed) if (walk[p].committed > walk[i].committed || walk[p].committed < 0) return undefined;
    if (same < 0) shown[i] = 1;
    stack.push(...followed);
  }
  const out: string[] = [];
  let last = Infinity;
  for (let i = 0; i < n; i++) {
    if (!shown[i]) continue;
    if (!(walk[i].committed < last)) return undefined;
    last = walk[i].committed;
    out.push(walk[i].sha);
  }
  return out;
}
