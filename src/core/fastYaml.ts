// A fast reader for the YAML that plans are written in: block mappings and
// lists, one-line flow lists and mappings, plain and one-line quoted scalars,
// `|` / `|-` block text and comments. It builds the same yaml nodes (classes,
// values, ranges [start, valueEnd, nodeEnd], styles) that yaml's own composer
// builds, about 5x faster, and gives up (undefined) on anything else:
// anchors, aliases, tags, multi-line plain or quoted scalars, folded text,
// tabs, lone CRs, unusual keys, duplicate keys, any YAML error. The caller then
// parses with yaml (parseYamlDocument), so the result never depends on which
// path ran; test/unit/fastRead.test.ts compares both on real, generated and
// mutated plans.
//
// Not built: comments on nodes (commentBefore, comment, spaceBefore). Waymark
// never reads them: edits are splices of the text, which keeps every comment.
import type { Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { Y } from './yamlLib';

type Node = Scalar | YAMLMap | YAMLSeq;
type Range = [number, number, number];

/** Thrown inside the reader when the text leaves the subset it reads; never escapes. */
class Bail extends Error {}
const BAIL = new Bail('outside the fast reader');

/** Characters the reader leaves to yaml: controls but LF and CR, tab, NEL, line/paragraph separators, BOM, surrogates. */
// eslint-disable-next-line no-control-regex
const UNUSUAL = /[\u0000-\u0009\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ufeff\ud800-\udfff]/;
/** A key as plans write them. Anything else (quoted, spaces, indicators) is left to yaml. */
const KEY = /[A-Za-z_][A-Za-z0-9_.-]*(?=:(?: |$|\n))/y;
/** Starts of values the reader leaves to yaml: indicators, anchors, aliases, tags, folded text, directives. */
const UNUSUAL_START = /[-?:,\]}#&*!>%@`]/;

/** How yaml marks a node's kind (yaml/dist/nodes/identity.js): isScalar, isMap... read it. */
const NODE_TYPE = Symbol.for('yaml.node.type');

interface NodeMaker {
  scalar(value: unknown): Scalar;
  pair(key: Scalar, value: Node): Pair;
  map(schema: Document['schema']): YAMLMap;
  seq(schema: Document['schema']): YAMLSeq;
}
let maker: NodeMaker | undefined;

/**
 * yaml's nodes, made without their constructors: every constructor defines
 * the kind symbol on the new node with Object.defineProperty, a runtime call
 * that was a fifth of this reader's time on a 5k-task plan (--cpu-prof). Here
 * the symbol sits, non-enumerable as before, on one prototype per class
 * between the node and the class's own prototype, so isScalar / isMap /
 * instanceof, clone and every method see the node they would; the own
 * properties are the constructor's (value; key, value; schema, items).
 * Should a yaml version stop marking nodes that way, the constructors are used.
 */
function nodeMaker(): NodeMaker {
  if (maker) return maker;
  const y = Y();
  const schema = new y.Document().schema;
  const samples = [new y.Scalar(null), new y.Pair(null), new y.YAMLMap(schema), new y.YAMLSeq(schema)];
  if (!samples.every((n) => Object.getOwnPropertySymbols(n).includes(NODE_TYPE))) {
    return (maker = { scalar: (v) => new y.Scalar(v), pair: (k, v) => new y.Pair(k, v), map: (s) => new y.YAMLMap(s), seq: (s) => new y.YAMLSeq(s) });
  }
  const [scalarProto, pairProto, mapProto, seqProto] = samples.map((n) =>
    Object.create(Object.getPrototypeOf(n) as object, { [NODE_TYPE]: { value: (n as unknown as Record<symbol, unknown>)[NODE_TYPE] } }) as object);
  const collection = <T>(proto: object, s: Document['schema']): T => {
    const c = Object.create(proto) as { items: unknown[] };
    Object.defineProperty(c, 'schema', { value: s, configurable: true, enumerable: false, writable: true });
    c.items = [];
    return c as T;
  };
  return (maker = {
    scalar(value) {
      const s = Object.create(scalarProto) as Scalar;
      s.value = value;
      return s;
    },
    pair(key, value) {
      const p = Object.create(pairProto) as Pair;
      p.key = key;
      p.value = value;
      return p;
    },
    map: (s) => collection<YAMLMap>(mapProto, s),
    seq: (s) => collection<YAMLSeq>(seqProto, s),
  });
}

interface Tag { default?: boolean | 'key'; test?: RegExp; format?: string; resolve(value: string, onError: (m: string) => void, options: object): unknown }
interface SchemaLike { tags: Tag[]; [k: symbol]: Tag }

class Reader {
  private pos = 0;
  /** The items of the collections being read, innermost last (push, itemsFrom). */
  private readonly stack: (Node | Pair)[] = [];
  private top = 0;
  /** Whether the last tag.resolve reported an error (one handler for all: a closure per scalar was garbage). */
  private resolveFailed = false;
  private readonly onResolveError = (): void => { this.resolveFailed = true; };
  /** Where the last value read inside a flow collection ends, with the spaces after it. */
  private after = 0;
  private readonly tags: Tag[];
  private readonly str: Tag;
  private readonly schema: SchemaLike;
  private readonly make = nodeMaker();
  /** Whether the last skipGap passed a comment line. */
  private gapHadComment = false;

  constructor(private readonly text: string, private readonly doc: Document) {
    this.schema = doc.schema as unknown as SchemaLike;
    this.tags = this.schema.tags.filter((t) => t.default === true && t.test);
    this.str = this.schema[Symbol.for('yaml.scalar')];
  }

  read(): Node {
    const first = this.skipGap(0);
    if (first >= this.text.length || this.indentAt(first) !== 0) throw BAIL;
    const root = this.blockMap(first, 0);
    if (this.pos < this.text.length) throw BAIL;
    return root;
  }

  // ---- lines

  private lineStart(at: number): number { return this.text.lastIndexOf('\n', at - 1) + 1; }
  private indentAt(at: number): number { return at - this.lineStart(at); }

  /**
   * From `at` (a line start, or just past a line's end), over blank and
   * comment lines, to the first character of the next content line (or the
   * text's end). Comment lines must sit at the column of that next line (at
   * column 0 before the end): yaml gives comments indented otherwise to the
   * node before them, which moves its range's end; that is left to yaml.
   */
  private skipGap(at: number): number {
    const t = this.text;
    let comments = -1;
    for (;;) {
      let p = at;
      while (t.charCodeAt(p) === 32) p++;
      const c = t[p];
      if (c === '\n') { at = p + 1; continue; }
      if (c === '#') {
        if (comments >= 0 && comments !== p - at) throw BAIL;
        comments = p - at;
        const nl = t.indexOf('\n', p);
        at = nl < 0 ? t.length : nl + 1;
        continue;
      }
      this.gapHadComment = comments >= 0;
      if (p >= t.length) {
        if (comments > 0) throw BAIL;
        return t.length;
      }
      if (comments >= 0 && comments !== p - at) throw BAIL;
      if ((c === '-' || c === '.') && p === at && /^(?:---|\.\.\.)(?:[ \n]|$)/.test(t.slice(p, p + 4))) throw BAIL;
      if (c === '%' && p === at) throw BAIL;
      return p;
    }
  }


  /** After a value on its line: spaces, an optional comment, the line break. Returns the offset past them. */
  private lineEnd(at: number): number {
    const t = this.text;
    let p = at;
    while (t.charCodeAt(p) === 32) p++;
    if (p >= t.length) return t.length;
    if (t[p] === '#') {
      if (p === at) throw BAIL; // `#` right after a value is part of it in YAML
      const nl = t.indexOf('\n', p);
      return nl < 0 ? t.length : nl + 1;
    }
    if (t[p] !== '\n') throw BAIL;
    return p + 1;
  }

  // ---- scalars

  private scalar(value: unknown, range: Range, source: string, type: Scalar.Type, tag: Tag): Scalar {
    const s = (Y().isScalar(value) ? value : this.make.scalar(value)) as Scalar;
    s.range = range;
    s.source = source;
    s.type = type;
    if (tag.format) s.format = tag.format;
    return s;
  }

  private plain(source: string, range: Range, atKey: boolean): Scalar {
    // Core schema: only null, booleans and numbers resolve to other than a string, and none starts with another letter.
    const c = source.charCodeAt(0);
    const word = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
    const tag = word && !'nNtTfF'.includes(source[0]) ? this.str : this.tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test!.test(source)) ?? this.str;
    this.resolveFailed = false;
    const value = tag.resolve(source, this.onResolveError, this.doc.options);
    if (this.resolveFailed) throw BAIL;
    return this.scalar(value, range, source, Y().Scalar.PLAIN, tag);
  }

  /** A quoted scalar on one line at `start`, in a block or a flow collection (stopAfter). */
  private quoted(start: number, block: boolean): Scalar {
    const t = this.text;
    const q = t[start];
    let p = start + 1;
    let value = '';
    for (;;) {
      const close = t.indexOf(q, p);
      const nl = t.indexOf('\n', p);
      if (close < 0 || (nl >= 0 && nl < close)) throw BAIL;
      const part = t.slice(p, close);
      if (q === '"' && part.includes('\\')) throw BAIL;
      value += part;
      if (q === "'" && t[close + 1] === "'") { value += "'"; p = close + 2; continue; }
      p = close + 1;
      break;
    }
    const type = q === '"' ? Y().Scalar.QUOTE_DOUBLE : Y().Scalar.QUOTE_SINGLE;
    return this.scalar(value, [start, p, this.stopAfter(p, block)], value, type, this.str);
  }

  /** `|` or `|-` text at `start` (the indicator) whose lines are indented more than `parent`. */
  private blockText(start: number, parent: number): Scalar {
    const t = this.text;
    const header = /^\|(-?) *(?:\n|$)/.exec(t.slice(start, start + 64));
    if (!header) throw BAIL;
    const strip = header[1] === '-';
    let p = start + header[0].length;
    const lines: string[] = [];
    let indent = -1;
    let end = p;
    let blank = 0;
    while (p < t.length) {
      const nl = t.indexOf('\n', p);
      const lineEnd = nl < 0 ? t.length : nl;
      let sp = p;
      while (t.charCodeAt(sp) === 32) sp++;
      if (sp === lineEnd) {
        if (sp !== p) throw BAIL; // a line of spaces: yaml's rules for it are subtle
        if (indent < 0) throw BAIL;
        blank++;
        p = lineEnd + 1;
        continue;
      }
      const col = sp - p;
      if (indent < 0) {
        if (col <= parent) throw BAIL; // empty block text
        indent = col;
      } else if (col < indent) break;
      for (; blank > 0; blank--) lines.push('');
      lines.push(t.slice(p + indent, lineEnd));
      end = nl < 0 ? t.length : nl + 1;
      p = end;
    }
    if (indent < 0) throw BAIL;
    const body = lines.join('\n');
    const value = strip ? body : `${body}\n`;
    this.pos = end;
    return this.scalar(value, [start, end, end], value, Y().Scalar.BLOCK_LITERAL, this.str);
  }

  /** A plain scalar in block context from `start` to the end of its line (or a comment). */
  private blockPlain(start: number): Scalar {
    const t = this.text;
    let end = start;
    for (let c = t.charCodeAt(end); end < t.length && c !== 10 && !(c === 35 && t.charCodeAt(end - 1) === 32); c = t.charCodeAt(++end));
    while (t.charCodeAt(end - 1) === 32) end--;
    const source = t.slice(start, end);
    if (source.includes(': ') || source.endsWith(':')) throw BAIL;
    const stop = this.lineEnd(end);
    return this.plain(source, [start, end, stop], false);
  }

  // ---- flow collections (one line)

  /** A flow collection at `start` on one line, in a block or in a flow collection (stopAfter). */
  private flow(start: number, block: boolean): YAMLMap | YAMLSeq {
    const t = this.text;
    const isMap = t[start] === '{';
    const close = isMap ? '}' : ']';
    const coll = isMap ? this.make.map(this.doc.schema) : this.make.seq(this.doc.schema);
    coll.flow = true;
    let p = this.spaces(start + 1);
    if (t[p] === close) { p++; coll.range = [start, p, this.stopAfter(p, block)]; return coll; }
    const base = this.top;
    for (;;) {
      if (isMap) {
        const key = this.key(p, base);
        const keyEnd = key.range![1];
        p = this.spaces(keyEnd + 1);
        if (t[keyEnd + 1] !== ' ') throw BAIL;
        const value = this.flowValue(p);
        this.push(this.make.pair(key, value));
      } else {
        this.push(this.flowValue(p));
      }
      p = this.after;
      if (t[p] === ',') {
        p = this.spaces(p + 1);
        if (t[p] === close) throw BAIL; // a trailing comma: left to yaml
        continue;
      }
      if (t[p] !== close) throw BAIL;
      p++;
      coll.items = this.itemsFrom(base);
      coll.range = [start, p, this.stopAfter(p, block)];
      return coll;
    }
  }

  /**
   * The key at `p` (a plain word followed by a colon) of a mapping whose
   * pairs so far are on the stack from `base`; a key written twice is left
   * to yaml, which reports it.
   */
  private key(p: number, base: number): Scalar {
    const t = this.text;
    KEY.lastIndex = p;
    if (!KEY.test(t)) throw BAIL;
    const keyEnd = KEY.lastIndex;
    const source = t.slice(p, keyEnd);
    // A linear scan: plan mappings have a handful of keys, and a Set per mapping was a tenth of the reader's garbage.
    for (let i = base; i < this.top; i++) if (((this.stack[i] as Pair).key as Scalar).source === source) throw BAIL;
    return this.plain(source, [p, keyEnd, keyEnd], true);
  }

  /** An item of the collection being read. */
  private push(item: Node | Pair): void {
    this.stack[this.top++] = item;
  }

  /**
   * The items pushed since `base`, taken off the stack, in an array of their
   * own exact size (an array grown by push keeps room for 16 or more: a
   * tenth of the tree's memory, with a list or mapping per task field).
   */
  private itemsFrom<T>(base: number): T[] {
    const items = this.stack.slice(base, this.top) as T[];
    this.top = base;
    return items;
  }

  private spaces(at: number): number {
    while (this.text.charCodeAt(at) === 32) at++;
    return at;
  }

  /**
   * Where a one-line value ending at `end` ends as a node: in a block, past
   * the rest of its line (then `pos` is there); in a flow collection, past
   * the spaces after it (then `after` is there).
   */
  private stopAfter(end: number, block: boolean): number {
    return block ? (this.pos = this.lineEnd(end)) : (this.after = this.spaces(end));
  }

  /** A value inside a flow collection at `start`; its nodeEnd, and `after`, cover the spaces after it. */
  private flowValue(start: number): Node {
    const t = this.text;
    const c = t[start];
    if (c === '[' || c === '{') return this.flow(start, false);
    if (c === '"' || c === "'") return this.quoted(start, false);
    if (c === undefined || c === '\n' || c === ' ' || UNUSUAL_START.test(c) || c === '|' || c === '[') throw BAIL;
    let end = start;
    while (end < t.length && !',[]{}\n#'.includes(t[end]) && !(t[end] === ':' && (t[end + 1] === ' ' || ',[]{}'.includes(t[end + 1] ?? '')))) end++;
    if (t[end] === '#' || t[end] === '\n' || end >= t.length || t[end] === ':') throw BAIL;
    const after = end;
    while (t.charCodeAt(end - 1) === 32) end--;
    this.after = after;
    return this.plain(t.slice(start, end), [start, end, after], false);
  }

  // ---- block collections

  /** The value after `key:` at `at` (past the colon), in a mapping at column `indent`. */
  private blockValue(at: number, indent: number, afterColon = true): Node {
    const t = this.text;
    const p = this.spaces(at);
    const c = t[p];
    if (p >= t.length || c === '\n' || c === '#') {
      // Nothing on this line: a nested block, or null.
      const nl = c === '#' ? t.indexOf('\n', p) : -1;
      const lineEnd = p >= t.length ? t.length : c === '#' ? (nl < 0 ? t.length : nl + 1) : p + 1;
      const next = this.skipGap(lineEnd);
      if (next < t.length) {
        const col = this.indentAt(next);
        const dash = t[next] === '-' && (t[next + 1] === ' ' || t[next + 1] === '\n');
        if (col > indent || (col === indent && dash)) {
          return dash ? this.blockSeq(next, col) : this.blockMap(next, col);
        }
      }
      if (this.gapHadComment) throw BAIL; // yaml stretches an empty value over the comments after it
      if (c === '#') {
        this.pos = lineEnd;
        return this.plain('', [p, p, lineEnd], false);
      }
      this.pos = p >= t.length ? p : p + 1;
      return this.plain('', [p, p, p], false);
    }
    if (afterColon && at === p) throw BAIL;
    if (c === '|') return this.blockText(p, indent);
    if (c === '"' || c === "'" || c === '[' || c === '{') {
      // One line; the node's end covers the spaces, the comment and the line break after it.
      return c === '"' || c === "'" ? this.quoted(p, true) : this.flow(p, true);
    }
    if (UNUSUAL_START.test(c)) throw BAIL;
    const s = this.blockPlain(p);
    this.pos = s.range![2];
    return s;
  }

  /** A block mapping whose first key is at `start`, column `indent`. Leaves `pos` at the next content line. */
  private blockMap(start: number, indent: number): YAMLMap {
    const map = this.make.map(this.doc.schema);
    const base = this.top;
    let p = start;
    let last: Node | undefined;
    for (;;) {
      const key = this.key(p, base);
      if (typeof key.value !== 'string') throw BAIL; // `true:`, `1:`: left to yaml's key rules
      last = this.blockValue(key.range![1] + 1, indent);
      this.push(this.make.pair(key, last));
      const next = this.continueAt(indent);
      if (next < 0) break;
      p = next;
    }
    return this.close(map, start, last, base);
  }

  /**
   * A block list whose first dash is at `start`, column `indent` (a mapping
   * value may be written at the mapping's own column).
   */
  private blockSeq(start: number, indent: number): YAMLSeq {
    const seq = this.make.seq(this.doc.schema);
    const base = this.top;
    let p = start;
    let last: Node | undefined;
    for (;;) {
      last = this.seqEntry(p, indent);
      this.push(last);
      const next = this.continueAt(indent, '-');
      if (next < 0) break;
      p = next;
    }
    return this.close(seq, start, last, base);
  }

  /** One entry of a block list: its dash at `dash`, column `indent`. Leaves `pos` just past the entry's last line. */
  seqEntry(dash: number, indent: number): Node {
    const t = this.text;
    if (t[dash + 1] !== ' ') throw BAIL; // `-` alone on its line: left to yaml
    const v = this.spaces(dash + 1);
    const c = t[v];
    if (v >= t.length || c === '\n' || c === '#' || c === '-' || c === '|') throw BAIL;
    KEY.lastIndex = v;
    if (KEY.test(t)) return this.blockMap(v, v - this.lineStart(v));
    // A scalar or flow entry: the same as a mapping value on its line.
    const entry = this.blockValue(v, indent, false);
    if (Y().isMap(entry) && !entry.flow) throw BAIL;
    return entry;
  }

  /** Where the last entry read left off (reparse.ts compares it before and after an edit). */
  get offset(): number { return this.pos; }

  /**
   * After an entry: the offset of the next entry of the collection at column
   * `indent` (a key, or a dash when `dash`), or -1 when the collection ends
   * there. A line indented deeper than an entry can be is left to yaml.
   */
  private continueAt(indent: number, dash?: '-'): number {
    const t = this.text;
    const next = this.pos >= t.length ? t.length : this.skipGap(this.pos);
    this.pos = next;
    if (next >= t.length) return -1;
    const col = this.indentAt(next);
    if (col > indent) throw BAIL;
    if (col < indent) return -1;
    const isDash = t[next] === '-' && (t[next + 1] === ' ' || t[next + 1] === '\n');
    if (dash ? !isDash : isDash) return -1;
    return next;
  }

  /** A block collection ends where its last entry's node ends; its items are the ones pushed from `base`. */
  private close<T extends YAMLMap | YAMLSeq>(coll: T, start: number, last: Node | undefined, base: number): T {
    coll.items = this.itemsFrom(base);
    const end = last?.range?.[2] ?? start;
    coll.range = [start, end, end];
    return coll;
  }
}

/**
 * The Document yaml would build for `text`, read by the fast reader; undefined
 * when the text is outside what it reads (the caller then asks yaml).
 */
export function readFastDocument(text: string): Document.Parsed | undefined {
  if (UNUSUAL.test(text)) return undefined;
  // CRLF files (git's autocrlf on Windows) are read as LF, then every offset moves back by the CRs before it.
  const crlf = text.includes('\r');
  if (crlf && /\r(?!\n)/.test(text)) return undefined;
  const lf = crlf ? text.replace(/\r\n/g, '\n') : text;
  const doc = new (Y().Document)(undefined, { uniqueKeys: true, keepSourceTokens: false }) as unknown as Document.Parsed;
  let root: Node;
  try {
    root = new Reader(lf, doc).read();
  } catch (e) {
    // Nesting deeper than the stack: yaml reports it (too-deep) with its position.
    if (e === BAIL || e instanceof RangeError) return undefined;
    throw e;
  }
  if (crlf) toCrlfOffsets(root, text);
  doc.contents = root as Document.Parsed['contents'];
  doc.range = [root.range![0], root.range![1], text.length];
  return doc;
}

/** False when `chunk` holds a character that makes readFastDocument leave a text to yaml (a tab, a CR, a control...). */
export function fastReadable(chunk: string): boolean {
  return !UNUSUAL.test(chunk) && !chunk.includes('\r');
}

/**
 * One entry of a block list in `text` (LF line breaks only), read exactly as
 * readFastDocument reads it inside the whole text: the dash at `dash`, column
 * `indent`. `end` is where the reader stood after it (past its last line
 * break), before looking for the next entry. Undefined when the entry is
 * outside what the fast reader reads.
 */
export function readBlockSeqEntry(text: string, doc: Document, dash: number, indent: number): { node: Node; end: number } | undefined {
  const reader = new Reader(text, doc);
  try {
    const node = reader.seqEntry(dash, indent);
    return { node, end: reader.offset };
  } catch (e) {
    if (e === BAIL || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** Moves every range read from the LF copy of `text` back to `text`: one more for each CRLF before it. */
function toCrlfOffsets(root: Node, text: string): void {
  // Where each CRLF's line break is in the LF copy (a file may mix CRLF and LF lines).
  const breaks: number[] = [];
  for (let i = text.indexOf('\r\n'); i >= 0; i = text.indexOf('\r\n', i + 2)) breaks.push(i - breaks.length);
  const move = (o: number) => {
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (breaks[mid] < o) lo = mid + 1;
      else hi = mid;
    }
    return o + lo;
  };
  const visit = (n: unknown): void => {
    const node = n as Node;
    node.range = node.range!.map(move) as Range;
    if (Y().isMap(node)) for (const p of node.items) { visit(p.key); visit(p.value); }
    else if (Y().isSeq(node)) for (const x of node.items) visit(x);
  };
  visit(root);
}
