// Where in project.yml is the cursor? A line- and indentation-based reading of
// the raw text, so completion keeps working while the user is mid-edit and the
// file does not parse. Pure (no `vscode`), unit-tested in plain Node.
//
// It understands the shapes people actually type in project.yml: block
// mappings, block sequences (`- id: x`, also `key:\n- a` at the same indent),
// flow lists (`depends: [A, B]`) and flow mappings on one line
// (`- { id: S1, tasks: [PAY-1] }`). Anything more exotic yields `undefined`,
// which means "no suggestion", never a wrong one.

export interface ValueContext {
  /** Keys from the top of the file to the value's key, sequence levels dropped: `['milestones', 'tasks', 'status']`. */
  readonly path: readonly string[];
  /** The key whose value is being typed (last element of `path`). */
  readonly key: string;
  /** `id` of the mapping that holds `key` (the task being edited), when it has one. */
  readonly selfId?: string;
  /** What has been typed of the value so far (before the cursor). */
  readonly prefix: string;
  /** Offsets of the word that a suggestion replaces, [start, end). */
  readonly replaceStart: number;
  readonly replaceEnd: number;
  /** True when the value is an item of a list (flow `[...]` or block `- item`). */
  readonly inList: boolean;
  /** Items already present in that list (so they are not suggested again). */
  readonly existing: readonly string[];
  /** The value would touch the colon (`key:|`): a suggestion must start with a space. */
  readonly needsSpace: boolean;
}

interface LineInfo {
  readonly text: string;
  /** Column of the first non-space character. */
  readonly indent: number;
  /** Column of the `-` when the line is a block sequence item. */
  readonly dash?: number;
  /** Column where the content after any `- ` starts. */
  readonly content: number;
  /** The `key` of a `key:` at the content column, if any. */
  readonly key?: string;
  /** Text after `key:` (comment stripped, trimmed). */
  readonly rest?: string;
  /** Blank or comment-only. */
  readonly empty: boolean;
}

const KEY_RE = /^([A-Za-z_][\w-]*)\s*:(?:\s|$)/;
const WORD_CHAR = /[A-Za-z0-9_./-]/;

function stripComment(s: string): string {
  // A `#` starts a comment only at the start or after whitespace (YAML rule); quotes are rare here.
  const m = /(^|\s)#/.exec(s);
  return m ? s.slice(0, m.index) : s;
}

export function readLine(text: string): LineInfo {
  let i = 0;
  while (i < text.length && text[i] === ' ') i++;
  const indent = i;
  const trimmed = text.slice(i);
  if (trimmed === '' || trimmed.startsWith('#') || /^\s*$/.test(trimmed)) {
    return { text, indent, content: indent, empty: true };
  }
  let dash: number | undefined;
  if (trimmed === '-' || trimmed.startsWith('- ')) {
    dash = i;
    i++;
    while (i < text.length && text[i] === ' ') i++;
  }
  const content = i;
  const m = KEY_RE.exec(text.slice(content));
  if (m) {
    const rest = stripComment(text.slice(content + m[0].length)).trim();
    return { text, indent, dash, content, key: m[1], rest, empty: false };
  }
  return { text, indent, dash, content, empty: false };
}

/** Lines of a text, sliced on demand: completion runs per keystroke on files of 100k lines. */
export class TextLines {
  private readonly starts: number[] = [0];
  constructor(private readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }
  get length(): number { return this.starts.length; }
  /** The line without its line break (`\n` or `\r\n`). */
  at(i: number): string {
    const start = this.starts[i];
    let end = i + 1 < this.starts.length ? this.starts[i + 1] - 1 : this.text.length;
    if (end > start && this.text.charCodeAt(end - 1) === 13) end--;
    return this.text.slice(start, end);
  }
  /** Leading spaces of line i, without slicing it (cheap skip of deeper lines). */
  indent(i: number): number {
    const start = this.starts[i];
    let j = start;
    while (this.text.charCodeAt(j) === 32) j++;
    return j - start;
  }
  /** Index of the line holding `offset`. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
  startOf(i: number): number { return this.starts[i]; }
}

interface Ancestry {
  /** Keys from the top down, excluding the starting key. */
  readonly path: string[];
  /** Line index of the `-` line of the innermost sequence item holding the start line, if any. */
  readonly itemLine?: number;
  /** The start line is not structure: it sits inside a multi-line scalar (`description: |`). */
  readonly opaque?: boolean;
}

/**
 * Walks up from `lineIdx`, whose mapping content sits at column `col`, collecting the
 * parent keys. `startDash` is set when the starting line is itself a sequence item (its
 * dash column); then the first parent is the key owning that sequence.
 */
function ancestry(lines: TextLines, lineIdx: number, col: number, startDash?: number): Ancestry {
  const path: string[] = [];
  let c = startDash ?? col;
  let inSeqAt: number | undefined = startDash;
  let itemLine: number | undefined = startDash !== undefined ? lineIdx : undefined;
  for (let i = lineIdx - 1; i >= 0; i--) {
    if (c === 0 && inSeqAt === undefined) break; // reached a top-level key
    if (lines.indent(i) > c) continue; // deeper than anything we look for (most lines)
    const li = readLine(lines.at(i));
    if (li.empty || li.indent > c) continue;
    const rest = li.rest ?? '';
    if (inSeqAt === undefined) {
      // Looking for the owner of a mapping whose keys sit at column c.
      if (li.dash !== undefined && li.dash < c && li.content === c) {
        inSeqAt = li.dash; // the mapping is this sequence item's
        itemLine ??= i;
        c = li.dash;
        continue;
      }
      if (li.key !== undefined && li.content < c) {
        if (rest !== '') return { path, itemLine, opaque: true }; // under `key: value` or `key: |`
        path.unshift(li.key);
        c = li.content;
        if (li.dash !== undefined) {
          inSeqAt = li.dash; // `- tasks:` : the key sits in an item of an outer sequence
          itemLine ??= i;
          c = li.dash;
        }
        continue;
      }
      if (li.indent < c) return { path, itemLine, opaque: true };
    } else {
      // Looking for the key owning a sequence whose dashes sit at column inSeqAt.
      if (li.dash !== undefined && li.dash === inSeqAt) continue; // a sibling item
      if (li.key !== undefined && li.content <= inSeqAt) {
        if (rest !== '') return { path, itemLine, opaque: true };
        path.unshift(li.key);
        c = li.content;
        inSeqAt = undefined;
        if (li.dash !== undefined) {
          inSeqAt = li.dash;
          c = li.dash;
        }
        continue;
      }
      if (li.indent <= inSeqAt) return { path, itemLine, opaque: true };
    }
  }
  return { path, itemLine };
}

/** The `id` value of the sequence item starting at `itemLine` (block or flow mapping). */
function itemId(lines: TextLines, itemLine: number): string | undefined {
  const first = readLine(lines.at(itemLine));
  if (first.dash === undefined) return undefined;
  const flow = /^\{(.*)/.exec(lines.at(itemLine).slice(first.content));
  if (flow) {
    const m = /(?:^|[{,\s])id\s*:\s*["']?([^,}\s"']+)/.exec(flow[1]);
    return m?.[1];
  }
  const col = first.content;
  for (let i = itemLine; i < lines.length; i++) {
    const li = i === itemLine ? first : readLine(lines.at(i));
    if (i > itemLine) {
      if (li.empty) continue;
      if (li.indent <= first.dash) break;
    }
    if (li.key === 'id' && li.content === col) return unquote(li.rest ?? '') || undefined;
  }
  return undefined;
}

function unquote(s: string): string {
  const t = s.trim();
  if (t.length >= 2 && (t[0] === '"' || t[0] === "'") && t[t.length - 1] === t[0]) return t.slice(1, -1);
  return t;
}

function wordAround(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && WORD_CHAR.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && WORD_CHAR.test(text[end])) end++;
  return { start, end };
}

/** Items of a flow list `[a, b, c]` written from `open` (the `[`) on one line. */
function flowItems(line: string, open: number): string[] {
  const close = line.indexOf(']', open);
  const inner = line.slice(open + 1, close < 0 ? undefined : close);
  return inner.split(',').map((s) => unquote(s)).filter((s) => s !== '');
}

/** Items of the block list under the key line `keyLine` (lines `- x` below it). */
function blockItems(lines: TextLines, keyLine: number, keyCol: number): string[] {
  const out: string[] = [];
  for (let i = keyLine + 1; i < lines.length; i++) {
    const line = lines.at(i);
    const li = readLine(line);
    if (li.empty) continue;
    if (li.dash === undefined || li.dash < keyCol) break;
    const v = unquote(stripComment(line.slice(li.content)));
    if (v) out.push(v);
  }
  return out;
}

/**
 * The value being typed at `offset`, or undefined when the cursor is not in a value position
 * (on a key, in a comment, in a multi-line string...).
 */
export function valueContextAt(text: string, offset: number): ValueContext | undefined {
  if (offset < 0 || offset > text.length) return undefined;
  const lines = new TextLines(text);
  const lineIdx = lines.lineOf(offset);
  const lineStart = lines.startOf(lineIdx);
  const lineText = lines.at(lineIdx);
  const col = offset - lineStart;
  const before = lineText.slice(0, col);
  if (/(^|\s)#/.test(before)) return undefined; // in a comment
  const li = readLine(lineText);
  const word = wordAround(text, offset);
  const prefix = text.slice(word.start, offset);
  const current = text.slice(word.start, word.end); // the item being edited is not "already listed"

  // 1. Inside a flow collection on this line: find the innermost unclosed bracket.
  const stack: { ch: string; at: number }[] = [];
  let quote: string | undefined;
  for (let i = li.content; i < col; i++) {
    const ch = lineText[i];
    if (quote) { if (ch === quote) quote = undefined; continue; }
    if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '[' || ch === '{') stack.push({ ch, at: i });
    else if ((ch === ']' || ch === '}') && stack.length) stack.pop();
  }
  if (quote) return undefined;
  const top = stack[stack.length - 1];
  if (top && top.ch === '[') {
    // `key: [a, b, |` : the key right before the bracket.
    const lead = lineText.slice(0, top.at);
    const km = /([A-Za-z_][\w-]*)\s*:\s*$/.exec(lead);
    if (!km) return undefined;
    const keyCol = km.index;
    const path = flowPath(lines, lineIdx, li, keyCol, stack);
    if (!path) return undefined;
    const existing = flowItems(lineText, top.at).filter((s) => s !== current);
    return {
      path: [...path.path, km[1]], key: km[1], selfId: path.selfId, prefix,
      replaceStart: word.start, replaceEnd: word.end, inList: true, existing, needsSpace: false,
    };
  }
  if (top && top.ch === '{') {
    // `- { id: S1, status: |` : the last `key:` after the brace or a comma.
    const seg = lineText.slice(top.at + 1, col);
    const km = /(?:^|,)\s*([A-Za-z_][\w-]*)\s*:\s*([^,]*)$/.exec(seg);
    if (!km) return undefined;
    const path = flowPath(lines, lineIdx, li, top.at + 1 + km.index, stack);
    if (!path) return undefined;
    return {
      path: [...path.path, km[1]], key: km[1], selfId: path.selfId, prefix,
      replaceStart: word.start, replaceEnd: word.end, inList: false, existing: [], needsSpace: text[word.start - 1] === ':',
    };
  }

  // 2. `key: value|` on a block mapping line.
  if (li.key !== undefined) {
    const colonEnd = lineText.indexOf(':', li.content) + 1;
    if (col < colonEnd) return undefined; // on the key itself
    if (/^[|>]/.test(li.rest ?? '')) return undefined; // a block scalar header: free text follows
    const anc = li.dash !== undefined ? ancestryFromDash(lines, lineIdx, li) : ancestry(lines, lineIdx, li.content, undefined);
    if (anc.opaque) return undefined;
    const selfLine = li.dash !== undefined ? lineIdx : anc.itemLine;
    return {
      path: [...anc.path, li.key], key: li.key,
      selfId: selfLine !== undefined ? itemId(lines, selfLine) : undefined,
      prefix, replaceStart: word.start, replaceEnd: word.end, inList: false, existing: [],
      needsSpace: text[word.start - 1] === ':',
    };
  }

  // 3. `- item|` in a block list: the key owning the list.
  if (li.dash !== undefined && !lineText.slice(li.content).includes(':')) {
    for (let i = lineIdx - 1; i >= 0; i--) {
      const p = readLine(lines.at(i));
      if (p.empty) continue;
      if (p.dash !== undefined && p.dash === li.dash && p.key === undefined) continue; // sibling item
      if (p.key !== undefined && p.content <= li.dash && (p.rest ?? '') === '') {
        const anc = p.dash !== undefined ? ancestryFromDash(lines, i, p) : ancestry(lines, i, p.content, undefined);
        if (anc.opaque) return undefined;
        const selfLine = p.dash !== undefined ? i : anc.itemLine;
        const existing = blockItems(lines, i, li.dash).filter((s) => s !== current);
        return {
          path: [...anc.path, p.key], key: p.key,
          selfId: selfLine !== undefined ? itemId(lines, selfLine) : undefined,
          prefix, replaceStart: word.start, replaceEnd: word.end, inList: true, existing,
          needsSpace: text[word.start - 1] === '-',
        };
      }
      return undefined;
    }
  }
  return undefined;
}

/** Ancestry of a `- key: ...` line: the key's mapping is the item started by this dash. */
function ancestryFromDash(lines: TextLines, lineIdx: number, li: LineInfo): Ancestry {
  return ancestry(lines, lineIdx, li.content, li.dash);
}

/** Path and owning id for a key inside a flow collection that starts on line `lineIdx`. */
function flowPath(
  lines: TextLines, lineIdx: number, li: LineInfo, keyCol: number,
  stack: readonly { ch: string; at: number }[],
): { path: string[]; selfId?: string } | undefined {
  // Only one level of flow mapping is understood: `- { key: [..] }` or `key: [..]`.
  const braces = stack.filter((s) => s.ch === '{');
  if (braces.length > 1) return undefined;
  if (braces.length === 1) {
    if (li.dash === undefined) return undefined;
    const anc = ancestry(lines, lineIdx, li.content, li.dash);
    return anc.opaque ? undefined : { path: anc.path, selfId: itemId(lines, lineIdx) };
  }
  // Plain `key: [` on a block line (possibly `- key: [`).
  if (li.key === undefined || li.content !== keyCol) return undefined;
  if (li.dash !== undefined) {
    const anc = ancestry(lines, lineIdx, li.content, li.dash);
    return anc.opaque ? undefined : { path: anc.path, selfId: itemId(lines, lineIdx) };
  }
  const anc = ancestry(lines, lineIdx, li.content, undefined);
  if (anc.opaque) return undefined;
  return { path: anc.path, selfId: anc.itemLine !== undefined ? itemId(lines, anc.itemLine) : undefined };
}

export type ScannedKind = 'person' | 'milestone' | 'task' | 'sprint' | 'risk';

export interface ScannedId {
  readonly id: string;
  readonly kind: ScannedKind;
  /** 0-based line of the `id:`. */
  readonly line: number;
}

const SECTION_KINDS: Record<string, ScannedKind> = {
  people: 'person',
  milestones: 'milestone',
  'milestones/tasks': 'task',
  backlog: 'task',
  sprints: 'sprint',
  risks: 'risk',
};

/**
 * Every `id:` in the text with the kind its position implies, in one top-down pass over the
 * lines (an indentation stack, no YAML parse), so it still works on a half-typed file.
 */
export function scanIds(text: string): ScannedId[] {
  const lines = text.split(/\r?\n/);
  const out: ScannedId[] = [];
  const stack: { col: number; key: string }[] = [];
  let skipDeeperThan = -1; // inside a block scalar (`description: |`)
  for (let i = 0; i < lines.length; i++) {
    const li = readLine(lines[i]);
    if (li.empty) continue;
    if (skipDeeperThan >= 0) {
      if (li.indent > skipDeeperThan) continue;
      skipDeeperThan = -1;
    }
    const lineCol = li.dash ?? li.content;
    while (stack.length) {
      const top = stack[stack.length - 1];
      // `tasks:` followed by `- a` at the same column: the items still belong to `tasks`.
      if (top.col < lineCol || (top.col === lineCol && li.dash !== undefined)) break;
      stack.pop();
    }
    const kind = SECTION_KINDS[stack.map((s) => s.key).join('/')];
    if (li.dash !== undefined && kind) {
      const flow = /^\{(.*)/.exec(lines[i].slice(li.content));
      if (flow) {
        const m = /(?:^|[{,\s])id\s*:\s*["']?([^,}\s"']+)/.exec(flow[1]);
        if (m) out.push({ id: m[1], kind, line: i });
        continue;
      }
    }
    if (li.key === undefined) continue;
    if (li.key === 'id' && kind && (li.dash !== undefined || stack.length > 0)) {
      const id = unquote(li.rest ?? '');
      if (id) out.push({ id, kind, line: i });
    }
    const rest = li.rest ?? '';
    if (rest === '') stack.push({ col: li.content, key: li.key });
    else if (/^[|>]/.test(rest)) skipDeeperThan = li.dash !== undefined ? li.dash : li.indent;
  }
  return out;
}
