// Commit message -> task references, per the contract
// (../shared/design/project-yml.md, "Commits -> tasks").
//
// One matcher per plan: a single tokenizer regex walks the message once and
// every token is looked up in a Map of lower-cased ids, so the cost per commit
// does not grow with the number of tasks (10k tasks x 100k commits stays fast).
//
// Rules:
// - a task id as a whole token, any case. Tokens are runs of letters, digits
//   and `_`, with `-` and `.` allowed inside, so `PAY-123` and `PAY-12a` are
//   not `PAY-12`, while `[PAY-12]`, `pay-12:` and `PAY-12.` are;
// - trailers (`Task: PAY-12`, `Refs: PAY-12`, `Closes: PAY-12`) need no rule
//   of their own: their values are whole tokens, and `Closes:` is a closing
//   word followed by a colon;
// - a task with `issue: N` (own repository) is referenced by `#N`, `gh-N` and
//   `owner/repo#N` when owner/repo is this repository (rules.ownRepo); a task
//   with `issue: owner/repo#N` only by `owner/repo#N`;
// - a closing word right before a reference (optional colon) makes it
//   closing, and keeps governing a list: `fixes #12, #13 and PAY-4`.
import { createHash } from 'node:crypto';
import type { Plan } from './model';

export const DEFAULT_CLOSING_WORDS: readonly string[] = [
  'close', 'closes', 'closed', 'closing',
  'fix', 'fixes', 'fixed', 'fixing',
  'resolve', 'resolves', 'resolved', 'resolving',
  'complete', 'completes', 'completed',
  'implement', 'implements', 'implemented',
];

export interface LinkRules {
  /** Words that make the following reference(s) closing (any case). Default DEFAULT_CLOSING_WORDS. */
  closingWords?: readonly string[];
  /** This repository as `owner/repo` (from the origin URL), so `owner/repo#N` can mean an own issue. */
  ownRepo?: string;
}

export interface TaskRef {
  taskId: string;
  closing: boolean;
}

/** A reference with where it sits in the message (for hovers and highlighting). */
export interface RefMatch extends TaskRef {
  /** Offset of the reference text in the message (UTF-16 units), and its end. */
  start: number;
  end: number;
}

export interface Matcher {
  /** Stable hash of everything that decides links: ids, issues, closing words, own repo. Caches key on it. */
  readonly key: string;
  /** References in the message, one per task (closing when any mention is), in order of first mention. */
  match(message: string): TaskRef[];
  /** Every mention, with positions. */
  matchAll(message: string): RefMatch[];
  /**
   * ASCII text (case-insensitive) that every referencing message contains:
   * a message without a match references nothing. Undefined when no such
   * pattern exists (every message must be matched).
   */
  readonly prefilter?: RegExp;
}

// Alternatives, tried at each position:
//  1. `owner/repo#N` or `#N` (not glued to a preceding token);
//  2. a token (letters/digits/_ with inner - or .).
const TOKEN_RE =
  /(?<![\p{L}\p{N}_/#-])(?:([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#([0-9]{1,9}))(?![\p{L}\p{N}_])|[\p{L}\p{N}_](?:[\p{L}\p{N}_.-]*[\p{L}\p{N}_])?/gu;
/** The same tokenizer for pure ASCII text, without the (slower) Unicode mode: equivalent there. */
const ASCII_TOKEN_RE =
  /(?<![A-Za-z0-9_/#-])(?:([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+)?#([0-9]{1,9}))(?![A-Za-z0-9_])|[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?/g;
// eslint-disable-next-line no-control-regex
const NON_ASCII_RE = /[^\x00-\x7f]/;
const GH_RE = /^gh-([0-9]{1,9})$/;
/** What may stand between a closing word and its reference: an optional colon, spaces. */
const AFTER_WORD_RE = /^:?[ \t]*$/;
/** What may stand between two references of one governed list. */
const MAX_GAP = 24;
const LIST_GAP_RE = /^[ \t]*(?:,[ \t]*)?(?:(?:and|&)[ \t]+)?$/;

export interface MatcherOptions {
  /** false: always tokenize the whole message (tests compare both paths). */
  sparse?: boolean;
}

export function buildMatcher(plan: Plan, rules: LinkRules = {}, options: MatcherOptions = {}): Matcher {
  const ids = new Map<string, string>();
  const ownIssues = new Map<number, string[]>();
  const qualifiedIssues = new Map<string, string[]>();
  const ownRepo = rules.ownRepo?.toLowerCase();
  const keyParts: string[] = [];
  const add = <K>(map: Map<K, string[]>, k: K, id: string): void => {
    const list = map.get(k);
    if (list) list.push(id);
    else map.set(k, [id]);
  };
  for (const t of plan.tasks) {
    ids.set(t.id.toLowerCase(), t.id);
    keyParts.push(t.id);
    const issue = t.issue;
    if (!issue) continue;
    const qualified = issue.owner && issue.repo ? `${issue.owner}/${issue.repo}`.toLowerCase() : undefined;
    keyParts.push(`${t.id}=${qualified ?? ''}#${issue.number}`);
    if (!qualified || qualified === ownRepo) add(ownIssues, issue.number, t.id);
    if (qualified) add(qualifiedIssues, `${qualified}#${issue.number}`, t.id);
    else if (ownRepo) add(qualifiedIssues, `${ownRepo}#${issue.number}`, t.id);
  }
  const closing = new Set((rules.closingWords ?? DEFAULT_CLOSING_WORDS).map((w) => w.toLowerCase()));
  keyParts.push(`closing:${[...closing].sort().join(',')}`, `own:${ownRepo ?? ''}`);
  const key = createHash('sha1').update(keyParts.join('\n')).digest('hex');
  const prefilter = buildPrefilter([...ids.keys()], ownIssues.size > 0, ownIssues.size > 0 || qualifiedIssues.size > 0);

  const candidates = prefilter && options.sparse !== false ? new RegExp(prefilter.source, 'g') : undefined;

  /**
   * The fast path for ASCII messages without `#`: visit only the places where
   * an id prefix occurs, instead of every token. Gives exactly the
   * tokenizer's answer (ids are ASCII token characters plus `.`/`-`, so a
   * token can only start where some id prefix starts); `#` (and with it
   * `owner/repo#N`, which can swallow a neighbouring token) goes the slow way.
   */
  const sparse = (t: string): RefMatch[] => {
    const out: RefMatch[] = [];
    const re = candidates!;
    re.lastIndex = 0;
    let listEnd = -1;
    let m: RegExpExecArray | null;
    while ((m = re.exec(t)) !== null) {
      const start = m.index;
      if (!isTokenStart(t, start)) continue;
      const end = tokenEnd(t, start);
      const tok = t.slice(start, end);
      let targets: readonly string[] | undefined;
      const id = ids.get(tok);
      if (id !== undefined) targets = [id];
      else if (tok.startsWith('gh-')) {
        const gh = GH_RE.exec(tok);
        if (gh) targets = ownIssues.get(Number(gh[1]));
      }
      if (!targets) continue;
      re.lastIndex = Math.max(re.lastIndex, end);
      const word = wordBefore(t, start);
      const governed =
        (word !== undefined && closing.has(word) && !ids.has(word)) ||
        (listEnd >= 0 && start - listEnd <= MAX_GAP && LIST_GAP_RE.test(t.slice(listEnd, start)));
      listEnd = governed ? end : -1;
      for (const taskId of targets) out.push({ taskId, closing: governed, start, end });
    }
    return out;
  };

  const matchAll = (message: string): RefMatch[] => {
    const out: RefMatch[] = [];
    // Most commits mention no task: one cheap search rules them out before tokenizing.
    if (prefilter && !prefilter.test(message)) return out;
    if (candidates && !message.includes('#') && !NON_ASCII_RE.test(message)) return sparse(message.toLowerCase());
    const lower = message.toLowerCase();
    // A lower-cased string can differ in length (rare: e.g. U+0130); positions then come from the original.
    const text = lower.length === message.length ? lower : message;
    // Shared regexes are safe: matching is synchronous and lastIndex is reset here.
    const re = NON_ASCII_RE.test(text) ? TOKEN_RE : ASCII_TOKEN_RE;
    re.lastIndex = 0;
    let wordEnd = -1; // end of a closing word that may govern the next reference
    let listEnd = -1; // end of the last reference of a governed list
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      let targets: readonly string[] | undefined;
      if (m[2] !== undefined) {
        const n = Number(m[2]);
        targets = m[1] !== undefined ? qualifiedIssues.get(`${m[1].toLowerCase()}#${n}`) : ownIssues.get(n);
      } else {
        const tok = text === lower ? m[0] : m[0].toLowerCase();
        const id = ids.get(tok);
        if (id !== undefined) targets = [id];
        else if (tok.charCodeAt(0) === 103 /* g */ && tok.startsWith('gh-')) {
          const gh = GH_RE.exec(tok);
          if (gh) targets = ownIssues.get(Number(gh[1]));
        }
        if (!targets && closing.has(tok)) {
          wordEnd = end;
          continue;
        }
      }
      // Other tokens need no handling: any text between a closing word (or a
      // governed reference) and the next reference fails the gap patterns.
      if (!targets) continue;
      const governed =
        (wordEnd >= 0 && start - wordEnd <= MAX_GAP && AFTER_WORD_RE.test(text.slice(wordEnd, start))) ||
        (listEnd >= 0 && start - listEnd <= MAX_GAP && LIST_GAP_RE.test(text.slice(listEnd, start)));
      wordEnd = -1;
      listEnd = governed ? end : -1;
      for (const taskId of targets) out.push({ taskId, closing: governed, start, end });
    }
    return out;
  };

  return {
    key,
    prefilter,
    matchAll,
    match(message: string): TaskRef[] {
      const all = matchAll(message);
      if (all.length === 0) return [];
      const byTask = new Map<string, TaskRef>();
      for (const r of all) {
        const seen = byTask.get(r.taskId);
        if (seen) seen.closing ||= r.closing;
        else byTask.set(r.taskId, { taskId: r.taskId, closing: r.closing });
      }
      return [...byTask.values()];
    },
  };
}

// ---- helpers of the sparse path (lower-cased ASCII text) ----

function isTok(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 95 || (c >= 65 && c <= 90);
}

function isJoin(c: number): boolean {
  return c === 45 /* - */ || c === 46 /* . */;
}

/** True when a token starts at i: not preceded by a token character, even across inner `-`/`.`. */
function isTokenStart(t: string, i: number): boolean {
  if (!isTok(t.charCodeAt(i))) return false;
  let k = i;
  while (k > 0 && isJoin(t.charCodeAt(k - 1))) k--;
  return k === 0 || !isTok(t.charCodeAt(k - 1));
}

/** End of the token starting at i: the run of token characters and `-`/`.`, without trailing `-`/`.`. */
function tokenEnd(t: string, i: number): number {
  let j = i;
  while (j < t.length && (isTok(t.charCodeAt(j)) || isJoin(t.charCodeAt(j)))) j++;
  while (j > i && isJoin(t.charCodeAt(j - 1))) j--;
  return j;
}

/** The token right before position i across spaces/tabs and one optional colon (`fixes: PAY-1`), if any. */
function wordBefore(t: string, i: number): string | undefined {
  let j = i;
  while (j > 0 && i - j <= MAX_GAP && (t.charCodeAt(j - 1) === 32 || t.charCodeAt(j - 1) === 9)) j--;
  if (j > 0 && t.charCodeAt(j - 1) === 58 /* : */) j--;
  if (i - j > MAX_GAP || j === 0 || !isTok(t.charCodeAt(j - 1))) return undefined;
  let s = j;
  while (s > 0 && (isTok(t.charCodeAt(s - 1)) || isJoin(t.charCodeAt(s - 1)))) s--;
  while (s < j && isJoin(t.charCodeAt(s))) s++;
  return t.slice(s, j);
}

/**
 * A regex that finds every message that could hold a reference: it must
 * contain the start of some id (its part before the first digit: `pay-` for
 * PAY-12), or `#` / `gh-` when tasks have issues. Undefined when ids share
 * too few prefixes for that to help (then every message is tokenized).
 */
export function buildPrefilter(lowerIds: readonly string[], ownIssues: boolean, anyIssues: boolean): RegExp | undefined {
  const prefixes = new Set<string>();
  for (const id of lowerIds) {
    const m = /^[^0-9]*/.exec(id)![0];
    const prefix = m === '' ? id.charAt(0) : m;
    // Case folding of non-ASCII text differs between toLowerCase and /i: tokenize everything then.
    // Printable ASCII only: a match then never spans a line or a field of a git log record.
    if (/[^\x20-\x7e]/.test(prefix)) return undefined;
    prefixes.add(prefix);
    if (prefixes.size > 64) return undefined;
  }
  if (anyIssues) prefixes.add('#');
  if (ownIssues) prefixes.add('gh-');
  if (prefixes.size === 0) return /(?!)/;
  // Longest first so a shorter prefix never hides a longer one (irrelevant to a test, but tidy).
  const alts = [...prefixes].sort((a, b) => b.length - a.length).map((p) => p.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&'));
  return new RegExp(alts.join('|'), 'i');
}

