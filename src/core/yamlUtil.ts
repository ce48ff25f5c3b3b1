// Small helpers over the `yaml` v2 AST and over raw text: offsets <-> 1-based
// positions, node spans, key lookup, line boundaries. Shared by parse, validate
// and edit so that every module measures positions the same way.
import type { Document, Node, Pair, YAMLMap } from 'yaml';
import { Y } from './yamlLib';
import type { Position, Span } from './model';
import { clip } from './text';

/** Offsets of every line start; positions are 1-based line and UTF-16 column. */
export class LineIndex {
  /** Where each line starts; typed: a megabyte plan has tens of thousands of lines, and a reparse copies them per keystroke. */
  private readonly starts: Int32Array;
  constructor(readonly text: string, starts?: Int32Array) {
    if (starts) { this.starts = starts; return; }
    // indexOf is far faster than a char loop on big files: once to count, once to fill.
    let n = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
    this.starts = new Int32Array(n);
    let k = 1;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts[k++] = i + 1;
  }

  /** The index of `text`, which is this index's text with [p, q) replaced by `text`'s [p, q + delta) (reparse.ts). */
  edited(text: string, p: number, q: number, delta: number): LineIndex {
    const s = this.starts;
    // Lines starting at or before p keep their start: the line break before each is before the edit.
    const head = this.firstAfter(p, 0);
    const added: number[] = [];
    for (let j = text.indexOf('\n', p); j >= 0 && j < q + delta; j = text.indexOf('\n', j + 1)) added.push(j + 1);
    const tail = this.firstAfter(q, head);
    const out = new Int32Array(head + added.length + s.length - tail);
    out.set(s.subarray(0, head));
    out.set(added, head);
    let o = head + added.length;
    for (let i = tail; i < s.length; i++) out[o++] = s[i] + delta;
    return new LineIndex(text, out);
  }

  /** The first line, from line index `from` on, that starts after `offset`. */
  private firstAfter(offset: number, from: number): number {
    const s = this.starts;
    let lo = from;
    let hi = s.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (s[mid] <= offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: o - this.starts[lo] + 1 };
  }
  offsetAt(pos: Position): number {
    const line = Math.max(1, Math.min(Math.floor(pos.line), this.starts.length));
    const start = this.starts[line - 1];
    const end = line < this.starts.length ? this.starts[line] : this.text.length;
    return Math.max(start, Math.min(start + Math.max(0, Math.floor(pos.col) - 1), end));
  }
  /** Start offset of the line holding `offset`. */
  lineStart(offset: number): number {
    return this.offsetAt({ line: this.positionAt(offset).line, col: 1 });
  }
}

/** FNV-1a 64-bit over UTF-16 code units, as 16 hex digits. Cheap, deterministic, no node imports. */
export function contentHash(text: string): string {
  // Two 32-bit halves emulate 64-bit multiplication by the FNV prime 0x100000001b3.
  let h0 = 0x2325; let h1 = 0x8422; let h2 = 0x9ce4; let h3 = 0xcbf2; // offset basis 0xcbf29ce484222325, 16-bit limbs
  for (let i = 0; i < text.length; i++) {
    h0 ^= text.charCodeAt(i);
    // multiply by 0x0000_0100_0000_01b3 in 16-bit limbs
    const t0 = h0 * 0x1b3; const t1 = h1 * 0x1b3; const t2 = h2 * 0x1b3 + (h0 << 8); const t3 = h3 * 0x1b3 + (h1 << 8);
    const c1 = t1 + (t0 >>> 16);
    const c2 = t2 + (c1 >>> 16);
    h3 = (t3 + (c2 >>> 16)) & 0xffff;
    h2 = c2 & 0xffff; h1 = c1 & 0xffff; h0 = t0 & 0xffff;
  }
  const hex = (n: number) => n.toString(16).padStart(4, '0');
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

export function nodeSpan(node: Node | null | undefined, fallback: Span = { start: 0, end: 0 }): Span {
  const r = node?.range;
  return r ? { start: r[0], end: r[1] } : fallback;
}

/** The key of a pair as a string, or undefined when it is not a scalar. */
export function keyName(pair: Pair): string | undefined {
  const k = pair.key;
  if (Y().isScalar(k)) return k.value === null ? undefined : String(k.value);
  return undefined;
}

/** Follows an alias one step (never expands recursively, so alias bombs cost nothing here). */
export function deref(node: unknown, doc: Document): unknown {
  if (Y().isAlias(node)) {
    try { return node.resolve(doc); } catch { return undefined; }
  }
  return node;
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  for (const item of map.items) if (keyName(item as Pair) === key) return item as Pair;
  return undefined;
}

export function isNullScalar(node: unknown): boolean {
  return node === null || node === undefined || (Y().isScalar(node) && node.value === null);
}

export function describeNode(node: unknown): string {
  if (Y().isMap(node)) return 'a mapping';
  if (Y().isSeq(node)) return 'a list';
  if (Y().isScalar(node)) {
    const v = node.value;
    if (v === null) return 'nothing';
    if (typeof v === 'number') return `the number ${String(v)}`;
    if (typeof v === 'boolean') return `the boolean ${String(v)}`;
    return `'${clip(String(v))}'`;
  }
  return 'an unsupported value';
}

// Keeps user text in messages short (very long lines stay readable); parse and edit import it from here.
export { clip };

/** Start offset of the line holding `offset` in `text`. */
export function lineStartOf(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset just past the line break that ends the line holding `offset` (or text end). */
export function lineEndAfterBreak(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** The line ending style of a text: CRLF when its first line break is CRLF. */
export function eolOf(text: string): string {
  const nl = text.indexOf('\n');
  return nl > 0 && text[nl - 1] === '\r' ? '\r\n' : '\n';
}

/**
 * The explicit tag (`!!str`, `!x`, `!<tag:...>`) written in front of a value
 * starting at `valueStart`, looking back over an anchor too (`!!str &a x`);
 * undefined when the value has no tag.
 */
export function tagSpan(text: string, valueStart: number): Span | undefined {
  let end = valueStart;
  for (let token = 0; token < 2; token++) {
    while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
    let start: number;
    if (text[end - 1] === '>') start = text.lastIndexOf('!<', end);
    else { start = end; while (start > 0 && !/[\s,[\]{}]/.test(text[start - 1])) start--; }
    if (start < 0 || start === end) return undefined;
    if (text[start] === '!') return { start, end };
    if (text[start] !== '&') return undefined;
    end = start;
  }
  return undefined;
}
