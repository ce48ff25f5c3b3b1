// parsePlan: project.yml text (or bytes) -> typed Plan + diagnostics, in one
// pass over the `yaml` v2 Document. Every item and field keeps its source span
// so diagnostics and edits can point at exact text. Never throws: anything
// unexpected becomes a diagnostic.
import type { Document, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { recordDocument, recordItemNode } from './syntaxTree';
import { MovingTree, recordReparseState, type TaskEntries } from './reparseState';
import { readFastDocument } from './fastYaml';
import { Y, parseYamlDocument } from './yamlLib';
import { dependenciesOf } from './dependencies';
import {
  HEALTHS, LEVELS, PRIORITIES, RISK_STATUSES, TASK_STATUSES, WEEKDAYS,
  type Budget, type Calendar, type Diagnostic, type IsoDate, type IssueRef, type Milestone, type Person, type Plan, type PlanItem,
  type Position, type ProjectInfo, type Risk, type Span, type Sprint, type Task, type TaskStatus,
} from './model';
import {
  DiagnosticSink, ID_RE, ISSUE_RE, KEY_RE, KNOWN_KEYS, REF_RE, REQUIRED_KEYS, closest, dateProblem, didYouMean,
  MIN_CAPACITY, expandDateRange, parseDuration, parseShare, replaceFix, validatePlan, type IdSite, type ItemKind, type RefSite,
} from './validate';
import { LineIndex, clip, contentHash, deref, tagSpan, describeNode, eolOf, findPair, isNullScalar, keyName, lineEndAfterBreak, lineStartOf, nodeSpan } from './yamlUtil';

export interface ParsedPlan {
  /** The text that was parsed (after BOM/encoding handling). */
  readonly text: string;
  /** Content hash of `text`; edits compare it to refuse stale writes. */
  readonly version: string;
  /** Undefined only when the file cannot be understood at all. */
  readonly plan?: Plan;
  readonly diagnostics: readonly Diagnostic[];
  /** False: YAML errors (or unreadable bytes); no edit is allowed. */
  readonly syntaxOk: boolean;
  positionAt(offset: number): Position;
  offsetAt(pos: Position): number;
}

export interface ParseOptions {
  /** Larger files are refused without parsing. Default DEFAULT_MAX_BYTES. */
  readonly maxBytes?: number;
  /** Read with yaml's own parser even where the fast reader could (tests and the bench compare the two). */
  readonly yamlOnly?: boolean;
  /**
   * Keep what reparsePlan needs to start from this parse (reparseState.ts). Only for a
   * caller that will reparse (the editor's documents, the plan store): it costs a tenth
   * of a parse and keeps the builder's lists alive; the CLI, the site and merges don't.
   */
  readonly reparse?: boolean;
}

/** The largest plan the CLI reads: about 20,000 tasks, a few seconds of parsing (docs/format.md, limits). */
export const DEFAULT_MAX_BYTES = 4 * 1024 * 1024;
/** The largest plan the extension reads: parsing runs on the extension host, so at most about half a second. */
export const EDITOR_MAX_BYTES = 1024 * 1024;
/** Aliases beyond this many expansions are treated as an alias bomb (yaml's own limit). */
export const MAX_ALIAS_COUNT = 100;

export const DEFAULT_CALENDAR: Calendar = { workdays: [1, 2, 3, 4, 5], hoursPerDay: 8, holidays: [] };

export function parsePlan(input: string | Uint8Array, options: ParseOptions = {}): ParsedPlan {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  let text = '';
  try {
    const size = typeof input === 'string' ? input.length : input.byteLength;
    if (size > maxBytes) {
      return result('', undefined, [sizeDiagnostic(size, maxBytes)], false);
    }
    const decoded = typeof input === 'string' ? { text: stripBom(input) } : decodeBytes(input);
    text = decoded.text;
    // YAML reads only LF and CRLF as line breaks; a lone CR (classic Mac files) becomes LF for reading.
    // Same length, so every offset, span and edit still fits the text as it is in the file.
    const source = text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
    const lines = new LineIndex(source);
    const sink = new DiagnosticSink(lines);
    if ('badOffset' in decoded && decoded.badOffset !== undefined) {
      sink.error('encoding', decoded.problem!, { start: decoded.badOffset, end: decoded.badOffset });
      return result(text, undefined, sink.list, false, lines);
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      const p = lines.positionAt(nul);
      sink.error('binary', `This is not a text file: it contains a NUL byte at line ${p.line}, column ${p.col}. project.yml must be UTF-8 text.`, { start: nul, end: nul + 1 });
      return result(text, undefined, sink.list, false, lines);
    }
    return parseText(source, lines, sink, text, options);
  } catch (e) {
    // A bug in here must not take the editor or the CLI down: report it instead.
    const lines = new LineIndex(text);
    const sink = new DiagnosticSink(lines);
    sink.error('internal', `Waymark could not read this file (internal error: ${e instanceof Error ? e.message : String(e)}).`, { start: 0, end: 0 });
    return result(text, undefined, sink.list, false, lines);
  }
}

function result(text: string, plan: Plan | undefined, diagnostics: Diagnostic[], syntaxOk: boolean, lines = new LineIndex(text), doc?: Document): ParsedPlan {
  // File order reads best in Problems lists and CLI output.
  diagnostics.sort((a, b) => a.span.start - b.span.start);
  let version: string | undefined;
  const parsed: ParsedPlan = {
    text, plan, diagnostics, syntaxOk,
    // On first use: hashing a megabyte costs milliseconds, a keystroke's whole budget in reparse.ts.
    get version() { return (version ??= contentHash(text)); },
    positionAt: (offset) => lines.positionAt(offset),
    offsetAt: (pos) => lines.offsetAt(pos),
  };
  if (doc) recordDocument(parsed, doc);
  return parsed;
}

/** The result for a file too large to read at all (planFile checks the size before reading). */
export function tooLargePlan(size: number, maxBytes = DEFAULT_MAX_BYTES): ParsedPlan {
  return result('', undefined, [sizeDiagnostic(size, maxBytes)], false);
}

function sizeDiagnostic(size: number, max: number): Diagnostic {
  const mb = (n: number) => (n >= 1024 * 1024 ? `${(n / (1024 * 1024)).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} KB` : `${n} bytes`);
  return {
    severity: 'error', code: 'too-large',
    message: `project.yml is ${mb(size)}; Waymark reads plan files up to ${mb(max)}, so this one was not parsed.`,
    span: { start: 0, end: 0 }, start: { line: 1, col: 1 }, end: { line: 1, col: 1 },
  };
}

function stripBom(s: string): string { return s.charCodeAt(0) === 0xfeff ? s.slice(1) : s; }

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/** True when the bytes start with the UTF-8 byte order mark (the one BOM Waymark strips and restores). */
export function hasUtf8Bom(bytes: Uint8Array): boolean {
  return bytes.length >= 3 && bytes[0] === UTF8_BOM[0] && bytes[1] === UTF8_BOM[1] && bytes[2] === UTF8_BOM[2];
}

/** The bytes of `text` for a file that had (`bom`) a UTF-8 BOM: the inverse of decodeBytes. */
export function encodePlanText(text: string, bom: boolean): Uint8Array {
  const body = new TextEncoder().encode(text);
  if (!bom) return body;
  const out = new Uint8Array(body.length + 3);
  out.set(UTF8_BOM);
  out.set(body, 3);
  return out;
}

interface Decoded { text: string; badOffset?: number; problem?: string }

/**
 * UTF-8 only. One leading BOM is dropped (encodePlanText puts it back); every
 * other byte, a second BOM included, stays in the text. On bad bytes, the
 * text is decoded leniently and the first bad byte is located.
 */
export function decodeBytes(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return { text: '', badOffset: 0, problem: 'This file is UTF-16 encoded; save project.yml as UTF-8.' };
  }
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  // ignoreBOM: the decoder would otherwise drop a second BOM, and an edit would lose its bytes.
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body) };
  } catch {
    const bad = firstInvalidUtf8(body);
    const lenient = new TextDecoder('utf-8', { ignoreBOM: true });
    const prefix = lenient.decode(body.subarray(0, bad));
    const text = lenient.decode(body);
    const lines = new LineIndex(prefix);
    const p = lines.positionAt(prefix.length);
    const hex = body[bad]?.toString(16).padStart(2, '0') ?? '??';
    return { text, badOffset: prefix.length, problem: `project.yml is not valid UTF-8: byte 0x${hex} at line ${p.line}, column ${p.col} (byte offset ${bad + (body === bytes ? 0 : 3)}). Save the file as UTF-8.` };
  }
}

function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let n: number; let min: number;
    if (c < 0x80) { i++; continue; }
    if (c >= 0xc2 && c <= 0xdf) { n = 1; min = 0x80; } else if (c >= 0xe0 && c <= 0xef) { n = 2; min = 0x800; } else if (c >= 0xf0 && c <= 0xf4) { n = 3; min = 0x10000; } else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** An anchor / alias token as YAML writes them (after a space, a line start or a flow indicator). */
const ANCHOR_RE = /(?:^|[\s[{,])&[^\s,[\]{}]/m;
const ALIAS_RE = /(?:^|[\s[{,])\*[^\s,[\]{}]/m;

const EMPTY_TEMPLATE = 'version: 1\nproject:\n  name: My project\nmilestones: []\n';

/** `text` is what YAML reads (lone CRs made LF), `fileText` the text as decoded from the file. */
function parseText(text: string, lines: LineIndex, sink: DiagnosticSink, fileText: string, options: ParseOptions): ParsedPlan {
  // The fast reader builds the same Document for the YAML plans are written in; anything else goes to yaml.
  const fast = options.yamlOnly ? undefined : readFastDocument(text);
  const doc = fast ?? parseYamlDocument(text, { uniqueKeys: true, keepSourceTokens: false });
  const syntaxOk = doc.errors.length === 0;
  for (const e of doc.errors) {
    const span = { start: e.pos[0], end: Math.max(e.pos[0], e.pos[1]) };
    if (e.code === 'DUPLICATE_KEY') {
      const key = /^[^:\r\n]{1,200}/.exec(text.slice(span.start, span.start + 200))?.[0].trimEnd() ?? '';
      sink.error('duplicate-key', `Duplicate key '${clip(key)}': a key may appear only once in a mapping; keep one of them.`, { start: span.start, end: span.start + key.length });
    }
    else if (e.code === 'TAB_AS_INDENT' || /\btab/i.test(e.message)) sink.error('tab-indent', 'Tabs are not allowed in YAML indentation; indent with spaces.', span);
    else if (/call stack/i.test(e.message)) sink.error('too-deep', 'Lists or mappings are nested too deeply to read; a plan needs only a few levels.', span);
    else sink.error('syntax', `YAML syntax error: ${e.message}`, span);
  }
  for (const w of doc.warnings) sink.warning('yaml-warning', `YAML: ${w.message}`, { start: w.pos[0], end: w.pos[1] });
  // The fast reader takes no anchor, alias or tag: the checks below have nothing to find in its Document.
  // reparse.ts starts only from the fast reader's tree, read from the file's own text (it moves offsets in LF text only).
  if (fast) return planOf(doc, text, lines, sink, fileText, syntaxOk, options.reparse === true && syntaxOk && fileText === text && !text.includes('\r'));
  if (syntaxOk && ANCHOR_RE.test(text) && ALIAS_RE.test(text)) {
    // Aliases are only expanded by toJS; its alias limit is what stops a billion-laughs file.
    try { doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }); } catch {
      const m = ALIAS_RE.exec(text)!;
      const star = m.index + m[0].indexOf('*');
      sink.error('alias-bomb', `Too many YAML alias expansions (more than ${MAX_ALIAS_COUNT}): this looks like an alias bomb, so the file is not read.`, { start: star, end: star + 1 });
      return result(fileText, undefined, sink.list, false, lines, undefined);
    }
  }
  if (syntaxOk && ALIAS_RE.test(text) && !checkAliases(doc, sink)) return result(fileText, undefined, sink.list, false, lines, undefined);
  if (text.includes('!')) checkTags(doc, text, sink);
  return planOf(doc, text, lines, sink, fileText, syntaxOk);
}

/**
 * reparse.ts: one entry of a task list read again, built in the context the
 * full build gave it (the project's calendar, its milestone, the number of
 * tasks before it). Its diagnostics go to a fresh list.
 */
export function buildTaskEntry(
  doc: Document, text: string, lines: LineIndex, at: { calendar: Calendar; order: number; milestone: string | undefined; label: string; listSpan: Span }, node: unknown,
): { task: Task | undefined; ids: readonly IdSite[]; refs: readonly RefSite[]; diagnostics: readonly Diagnostic[] } {
  const sink = new DiagnosticSink(lines);
  const b = Builder.forTaskEntry(doc, text, sink, at.calendar, at.order);
  const task = b.taskEntry(node, at.milestone, at.label, at.listSpan);
  return { task, ids: b.ids, refs: b.refs, diagnostics: sink.list };
}

/** reparse.ts: the ParsedPlan of a plan read without YAML errors (diagnostics in the order written); it records the tree. */
export function parsedPlanOf(text: string, plan: Plan, diagnostics: Diagnostic[], lines: LineIndex): ParsedPlan {
  return result(text, plan, diagnostics, true, lines);
}

/** The plan of a Document whose YAML-level checks are done. */
function planOf(doc: Document, text: string, lines: LineIndex, sink: DiagnosticSink, fileText: string, syntaxOk: boolean, reparsable = false): ParsedPlan {
  const top = doc.contents;
  if (top === null || (Y().isScalar(top) && (top.value === null || top.value === ''))) {
    sink.error('empty', 'project.yml is empty. It needs at least `version: 1`, a `project` with a `name`, and `milestones`.', { start: 0, end: text.length },
      text.trim() === '' ? { title: 'Insert a minimal plan', edits: [{ offset: 0, length: text.length, newText: EMPTY_TEMPLATE }] } : undefined);
    return result(fileText, undefined, sink.list, syntaxOk, lines, doc);
  }
  if (!Y().isMap(top)) {
    sink.error('not-a-mapping', `project.yml must be a mapping of keys (version, project, milestones, ...) at the top, not ${describeNode(top)}.`, nodeSpan(top));
    return result(fileText, undefined, sink.list, syntaxOk, lines, doc);
  }
  // With YAML errors the tree is a guess: build the plan (views can still show
  // something) but report only the syntax errors, not the noise they cause.
  const ruleSink = syntaxOk ? sink : new DiagnosticSink(lines);
  const b = new Builder(doc, text, ruleSink, reparsable);
  const plan = b.build(top);
  const built = reparsable ? sink.list.slice() : undefined;
  validatePlan({ plan, ids: b.ids, refs: b.refs }, ruleSink, lines);
  const checked = built && sink.list.slice(built.length);
  // Resolved now, while the plan is new: every schedule of it reads the result.
  dependenciesOf(plan);
  const parsed = result(fileText, plan, sink.list, syntaxOk, lines, doc);
  if (built && checked) recordReparseState(parsed, { tree: new MovingTree(doc, text.length), lines, built, checked, ids: b.ids, refs: b.refs, entries: b.entries() });
  return parsed;
}

/** An alias must name an anchor written before it; `*nosuch` is an error at the alias (YAML would refuse to read it). */
function checkAliases(doc: Document, sink: DiagnosticSink): boolean {
  let ok = true;
  Y().visit(doc, {
    Alias(_key, node) {
      let target: unknown;
      try { target = node.resolve(doc); } catch { target = undefined; }
      if (target !== undefined) return;
      ok = false;
      sink.error('unknown-alias', `The alias '*${clip(node.source)}' names no anchor: write '&${clip(node.source)}' on a value above it, or write the value itself.`, nodeSpan(node));
    },
  });
  return ok;
}

/**
 * Explicit tags (`!!binary`, `!!merge`, `!custom`) are not part of format 1:
 * each is an error at the tag, with a fix that removes it, and the value is
 * read as the text written after the tag, so a tag can never give a value a
 * type the rules do not expect. Edits replace the tag with the new value.
 */
function checkTags(doc: Document, text: string, sink: DiagnosticSink): void {
  Y().visit(doc, {
    Node(_key, node) {
      if (!node.tag) return;
      const span = nodeSpan(node);
      const t = tagSpan(text, span.start) ?? { start: span.start, end: span.start };
      const tag = text.slice(t.start, t.end);
      let cut = t.end;
      while (text[cut] === ' ' || text[cut] === '\t') cut++;
      sink.error('explicit-tag', `Explicit YAML tags are not part of project.yml: remove '${clip(tag)}' and write the value as it is.`, { start: t.start, end: span.end },
        { title: `Remove '${clip(tag)}'`, edits: [{ offset: t.start, length: Math.min(cut, span.start) - t.start, newText: '' }] });
      if (Y().isScalar(node)) {
        const raw = text.slice(span.start, span.end).trim();
        node.value = typeof node.value === 'string' || typeof node.value === 'number' ? node.value : raw;
        node.tag = undefined;
      }
    },
  });
}

// ---------------------------------------------------------------- building

/** One known key of a mapping and its value. */
class Field {
  constructor(
    readonly key: string,
    readonly pair: Pair,
    /** The value node after following an alias. */
    readonly node: unknown,
    /** The value as written (an alias points here, not at its anchor). */
    readonly span: Span,
    private readonly map: YAMLMap,
  ) {}

  /** Made when a diagnostic points at the key, not for each of the tens of thousands of fields. */
  get keySpan(): Span { return keySpanOf(this.pair, this.map); }
}

function keySpanOf(pair: Pair, map: YAMLMap): Span {
  const kr = (pair.key as { range?: [number, number, number] | null } | null)?.range;
  return kr ? { start: kr[0], end: kr[1] } : nodeSpan(map);
}

/**
 * The known keys of a mapping, in the order written. A list, not a Map: the
 * builder makes one per plan item, each of a handful of keys.
 */
class Fields {
  readonly list: Field[] = [];

  get(key: string): Field | undefined {
    const l = this.list;
    for (let i = 0; i < l.length; i++) if (l[i].key === key) return l[i];
    return undefined;
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const KNOWN_SETS = Object.fromEntries(Object.entries(KNOWN_KEYS).map(([k, v]) => [k, new Set<string>(v)])) as unknown as Record<ItemKind, ReadonlySet<string>>;

class Builder {
  readonly ids: IdSite[] = [];
  readonly refs: RefSite[] = [];
  private calendar: Calendar = DEFAULT_CALENDAR;
  private order = 0;
  private readonly byId = new Map<string, PlanItem>();
  /** Milestones built so far (the index the one being built will have). */
  private milestoneCount = 0;
  /** Task entries of block lists, for reparse.ts (when `recordEntries`): one element each, MARKS numbers each in `entryMarks`. */
  private readonly entryNodes: unknown[] = [];
  private readonly entrySeqs: YAMLSeq[] = [];
  private readonly entryIndexes: number[] = [];
  private readonly entryOwners: number[] = [];
  private readonly entryTasks: (Task | undefined)[] = [];
  private readonly entryMarks: number[] = [];

  constructor(private readonly doc: Document, private readonly text: string, private readonly sink: DiagnosticSink, private readonly recordEntries = false) {}

  /** A builder for one task entry read again (reparse.ts), in the context the full build gave it. */
  static forTaskEntry(doc: Document, text: string, sink: DiagnosticSink, calendar: Calendar, order: number): Builder {
    const b = new Builder(doc, text, sink);
    b.calendar = calendar;
    b.order = order;
    return b;
  }

  /** One task list entry, as taskList reads it. */
  taskEntry(raw: unknown, milestone: string | undefined, label: string, listSpan: Span): Task | undefined {
    return this.entry(raw, label, listSpan, (n) => this.task(n, milestone));
  }

  /** The task entries recorded while building, in the shape reparse.ts keeps. */
  entries(): TaskEntries {
    const nodes = this.entryNodes;
    return {
      nodes, seqs: this.entrySeqs, indexes: Int32Array.from(this.entryIndexes), owners: Int32Array.from(this.entryOwners),
      tasks: this.entryTasks, marks: Int32Array.from(this.entryMarks),
      starts: Int32Array.from(nodes, (x) => (x as { range?: number[] }).range?.[0] ?? -1),
      ends: Int32Array.from(nodes, (x) => (x as { range?: number[] }).range?.[2] ?? -1),
    };
  }

  build(top: YAMLMap): Plan {
    const f = this.fields(top, 'top', 'project.yml');
    this.checkVersion(f.get('version'), top);
    const project = this.project(f.get('project'), top);
    const people = this.list(f.get('people'), 'people', (n) => this.person(n));
    const milestones = this.list(f.get('milestones'), 'milestones', (n) => this.milestone(n));
    const backlog = this.taskList(f.get('backlog'), undefined, 'backlog');
    const sprints = this.list(f.get('sprints'), 'sprints', (n) => this.sprint(n));
    const risks = this.list(f.get('risks'), 'risks', (n) => this.risk(n));
    const tasks: Task[] = [];
    for (const m of milestones) for (const t of m.tasks) tasks.push(t);
    for (const t of backlog) tasks.push(t);
    return { version: 1, project, people, milestones, backlog, sprints, risks, tasks, byId: this.byId };
  }

  // ---- structure helpers

  /** The keys of a mapping: unknown keys warned (with a rename fix when close), required keys checked. */
  private fields(map: YAMLMap, kind: ItemKind, label: string): Fields {
    const known: readonly string[] = KNOWN_KEYS[kind];
    const knownSet = KNOWN_SETS[kind];
    const out = new Fields();
    const items = map.items as Pair[];
    for (let i = 0; i < items.length; i++) {
      const pair = items[i];
      const key = keyName(pair);
      if (key === undefined) {
        this.sink.error('bad-key', `Keys in ${label} must be plain words.`, keySpanOf(pair, map));
        continue;
      }
      if (!knownSet.has(key)) {
        const keySpan = keySpanOf(pair, map);
        const guess = closest(key, known.filter((k) => findPair(map, k) === undefined));
        this.sink.warning('unknown-key', `Unknown key '${clip(key)}' in ${label}${didYouMean(guess)}; it is kept but ignored.`, keySpan,
          guess ? replaceFix(`Rename to '${guess}'`, keySpan, guess) : undefined);
        continue;
      }
      if (out.get(key)) continue; // yaml already reported the duplicate key
      const v = pair.value as { range?: [number, number, number] | null } | null;
      const r = v?.range;
      // No value written: an empty span where the key ends.
      const vs = r ? { start: r[0], end: r[1] } : emptyAt(keySpanOf(pair, map).end);
      out.list.push(new Field(key, pair, deref(v, this.doc), vs, map));
    }
    for (const req of REQUIRED_KEYS[kind]) {
      const f = out.get(req);
      if (!f || isNullScalar(f.node)) {
        if (kind === 'top' && req === 'version') continue; // checkVersion says it better
        if (f) {
          const empty = req === 'milestones' ? { title: 'Write `milestones: []`', edits: [{ offset: this.text.indexOf(':', f.keySpan.end) + 1, length: 0, newText: ' []' }] } : undefined;
          this.sink.error('missing-key', `\`${req}\` has no value${req === 'milestones' ? '; write `milestones: []` when there are none yet' : ''}.`, f.keySpan, empty);
          continue;
        }
        // Name the item by its id when it has one: "Task 'PAY-3' is missing `title`."
        const idNode = out.get('id')?.node;
        const who = Y().isScalar(idNode) && idNode.value !== null ? `${cap(label.replace(/^an? /, ''))} '${clip(scalarText(idNode))}'` : label === 'project.yml' ? label : cap(label);
        this.sink.error('missing-key', `${who} is missing \`${req}\`.`, firstLine(this.text, nodeSpan(map)));
      }
    }
    return out;
  }

  private list<T>(f: Field | undefined, label: string, each: (n: YAMLMap) => T | undefined): T[] {
    if (!f || isNullScalar(f.node)) return [];
    if (!Y().isSeq(f.node)) {
      this.sink.error('bad-type', `\`${label}\` must be a list, not ${describeNode(f.node)}.`, f.span);
      return [];
    }
    const out: T[] = [];
    for (const raw of (f.node as YAMLSeq).items) {
      const item = this.entry(raw, label, f.span, each);
      if (item !== undefined) out.push(item);
    }
    return out;
  }

  private entry<T>(raw: unknown, label: string, listSpan: Span, each: (n: YAMLMap) => T | undefined): T | undefined {
    const n = deref(raw, this.doc);
    if (!Y().isMap(n)) {
      this.sink.error('bad-type', `Each entry of \`${label}\` must be a mapping (key: value), not ${describeNode(n)}.`, nodeSpan(raw as never, listSpan));
      return undefined;
    }
    return each(n);
  }

  private taskList(f: Field | undefined, milestone: string | undefined, label: string): Task[] {
    if (!this.recordEntries || !f || !Y().isSeq(f.node) || f.node.flow) return this.list(f, label, (n) => this.task(n, milestone));
    // A block list: each entry is recorded with what it added, so reparse.ts can read one again.
    const seq = f.node as YAMLSeq;
    const owner = milestone === undefined ? -1 : this.milestoneCount;
    const out: Task[] = [];
    const items = seq.items;
    for (let index = 0; index < items.length; index++) {
      const raw = items[index];
      const ids = this.ids.length; const refs = this.refs.length; const diags = this.sink.list.length; const order = this.order;
      const task = this.taskEntry(raw, milestone, label, f.span);
      if (task !== undefined) out.push(task);
      this.entryNodes.push(raw); this.entrySeqs.push(seq); this.entryIndexes.push(index); this.entryOwners.push(owner); this.entryTasks.push(task);
      // In MARK's order.
      this.entryMarks.push(ids, this.ids.length - ids, refs, this.refs.length - refs, diags, this.sink.list.length - diags, order);
    }
    return out;
  }

  private mapField(f: Field | undefined, label: string): YAMLMap | undefined {
    if (!f || isNullScalar(f.node)) return undefined;
    if (!Y().isMap(f.node)) {
      this.sink.error('bad-type', `\`${label}\` must be a mapping (key: value), not ${describeNode(f.node)}.`, f.span);
      return undefined;
    }
    return f.node;
  }

  // ---- scalar readers: invalid -> diagnostic + undefined (the field is omitted)

  private text_(f: Field | undefined): string | undefined {
    if (!f || isNullScalar(f.node)) return undefined;
    if (!Y().isScalar(f.node)) {
      this.sink.error('bad-type', `\`${f.key}\` must be a single value, not ${describeNode(f.node)}.`, f.span);
      return undefined;
    }
    return scalarText(f.node);
  }

  private id(f: Field | undefined, kind: string): string | undefined {
    const s = this.text_(f);
    if (s === undefined || !f) return undefined;
    if (!ID_RE.test(s)) {
      this.sink.error('bad-id', `'${clip(s)}' is not a valid id: use letters, digits, '.', '_' and '-', starting with a letter or digit.`, f.span);
      return undefined;
    }
    this.ids.push({ id: s, kind, span: f.span });
    return s;
  }

  private date(f: Field | undefined): IsoDate | undefined {
    const s = this.text_(f);
    if (s === undefined || !f) return undefined;
    const p = dateProblem(s);
    if (p) { this.sink.error('bad-date', `\`${f.key}\`: '${clip(s)}' is not a date: ${p}.`, f.span); return undefined; }
    return s;
  }

  private enumOf<T extends string>(f: Field | undefined, values: readonly T[]): T | undefined {
    const s = this.text_(f);
    if (s === undefined || !f) return undefined;
    if ((values as readonly string[]).includes(s)) return s as T;
    const guess = closest(s, values);
    this.sink.error('bad-enum', `\`${f.key}\` must be one of ${values.join(', ')}; '${clip(s)}' is not${didYouMean(guess)}.`, f.span,
      guess ? replaceFix(`Change to '${guess}'`, f.span, guess) : undefined);
    return undefined;
  }

  private number(f: Field | undefined, check: (n: number) => string | undefined): number | undefined {
    if (!f || isNullScalar(f.node)) return undefined;
    const v = Y().isScalar(f.node) ? f.node.value : undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      this.sink.error('bad-type', `\`${f.key}\` must be a number, not ${describeNode(f.node)}.`, f.span);
      return undefined;
    }
    const p = check(v);
    if (p) { this.sink.error('out-of-range', `\`${f.key}\`: ${p}.`, f.span); return undefined; }
    return v;
  }

  /** A list of strings; a single scalar counts as a one-item list. */
  private strings(f: Field | undefined, each?: (s: string, span: Span, seq: YAMLSeq | undefined, i: number) => boolean): string[] {
    if (!f || isNullScalar(f.node)) return [];
    const out: string[] = [];
    if (Y().isScalar(f.node)) {
      const s = scalarText(f.node);
      if (!each || each(s, f.span, undefined, 0)) out.push(s);
      return out;
    }
    if (!Y().isSeq(f.node)) {
      this.sink.error('bad-type', `\`${f.key}\` must be a list, not ${describeNode(f.node)}.`, f.span);
      return out;
    }
    const seq = f.node as YAMLSeq;
    const items = seq.items;
    for (let i = 0; i < items.length; i++) {
      const raw = items[i];
      const n = deref(raw, this.doc);
      if (!Y().isScalar(n) || n.value === null) {
        this.sink.error('bad-type', `Each entry of \`${f.key}\` must be a single value, not ${describeNode(n)}.`, nodeSpan(raw as never, f.span));
        continue;
      }
      const s = scalarText(n);
      if (!each || each(s, nodeSpan(raw as never, f.span), seq, i)) out.push(s);
    }
    return out;
  }

  private refList(f: Field | undefined, from: string | undefined, kind: RefSite['kind']): string[] {
    return this.strings(f, (s, span, seq, i) => {
      if (from !== undefined) {
        const removal = s === from && seq ? listItemRemoval(this.text, seq, i) : undefined;
        this.refs.push(removal ? { from, kind, id: s, span, removal } : { from, kind, id: s, span });
      }
      return true;
    });
  }

  private dates(f: Field | undefined): IsoDate[] {
    const all = new Set<string>();
    this.strings(f, (s, span) => {
      const r = expandDateRange(s.trim());
      if ('problem' in r) { this.sink.error('bad-date', `\`${f!.key}\`: ${r.problem}.`, span); return false; }
      for (const d of r.dates) all.add(d);
      return true;
    });
    return [...all].sort();
  }

  private register<T extends PlanItem>(item: T, map: YAMLMap): T {
    if (!this.byId.has(item.id)) this.byId.set(item.id, item);
    recordItemNode(this.doc, item, map);
    return item;
  }

  // ---- kinds

  private checkVersion(f: Field | undefined, top: YAMLMap): void {
    if (!f || isNullScalar(f.node)) {
      this.sink.error('missing-version', 'project.yml is missing `version: 1` (the format version Waymark understands).', f ? f.keySpan : firstLine(this.text, nodeSpan(top)),
        f ? undefined : { title: 'Add `version: 1`', edits: [{ offset: nodeSpan(top).start, length: 0, newText: `version: 1${eolOf(this.text)}` }] });
      return;
    }
    const v = Y().isScalar(f.node) ? f.node.value : undefined;
    if (v === 1 || v === '1') return;
    const said = Y().isScalar(f.node) ? clip(String(v)) : describeNode(f.node);
    this.sink.error('bad-version', `Waymark understands format version 1; this file says ${said}.`, f.span);
  }

  private project(f: Field | undefined, top: YAMLMap): ProjectInfo {
    const map = this.mapField(f, 'project');
    if (!map) {
      // A missing or empty `project` is reported with the other required keys.
      return { name: '', calendar: DEFAULT_CALENDAR, span: f ? f.span : nodeSpan(top) };
    }
    const p = this.fields(map, 'project', 'project');
    const calendar = this.calendarOf(p.get('calendar'));
    this.calendar = calendar;
    const out: Mutable<ProjectInfo> = { name: this.text_(p.get('name')) ?? '', calendar, span: nodeSpan(map) };
    const key = this.text_(p.get('key'));
    if (key !== undefined) {
      if (KEY_RE.test(key)) out.key = key;
      else this.sink.error('bad-key-prefix', `\`key\`: '${clip(key)}' must be a short word of letters and digits starting with a letter (e.g. PAY).`, p.get('key')!.span);
    }
    const start = this.date(p.get('start'));
    if (start) out.start = start;
    const branch = this.text_(p.get('defaultBranch'));
    if (branch !== undefined) {
      if (REF_RE.test(branch)) out.defaultBranch = branch;
      else this.sink.error('bad-branch', `\`defaultBranch\`: '${clip(branch)}' is not a valid branch name.`, p.get('defaultBranch')!.span);
    }
    const closeOnMerge = p.get('closeOnMerge');
    if (closeOnMerge && !isNullScalar(closeOnMerge.node)) {
      const v = Y().isScalar(closeOnMerge.node) ? closeOnMerge.node.value : undefined;
      if (typeof v === 'boolean') out.closeOnMerge = v;
      else this.sink.error('bad-type', '`closeOnMerge` must be true or false.', closeOnMerge.span);
    }
    const budget = this.budgetOf(p.get('budget'));
    if (budget) out.budget = budget;
    return out;
  }

  private calendarOf(f: Field | undefined): Calendar {
    const map = this.mapField(f, 'calendar');
    if (!map) return DEFAULT_CALENDAR;
    const c = this.fields(map, 'calendar', 'calendar');
    let workdays: number[] = [...DEFAULT_CALENDAR.workdays];
    const wf = c.get('workdays');
    if (wf && !isNullScalar(wf.node)) {
      const days = new Set<number>();
      this.strings(wf, (s, span) => {
        const i = (WEEKDAYS as readonly string[]).indexOf(s.toLowerCase().slice(0, 3));
        const full = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
        if (i >= 0 && (s.length === 3 || full[i] === s.toLowerCase())) { days.add(i); return true; }
        const guess = closest(s, WEEKDAYS);
        this.sink.error('bad-enum', `\`workdays\`: '${clip(s)}' is not a weekday; use ${WEEKDAYS.join(', ')}${didYouMean(guess)}.`, span,
          guess ? replaceFix(`Change to '${guess}'`, span, guess) : undefined);
        return false;
      });
      if (days.size === 0) this.sink.error('no-workdays', '`workdays` names no working day; nothing could ever be scheduled. Mon-Fri is used instead.', wf.span);
      else workdays = [...days].sort((a, b) => a - b);
    }
    const hoursPerDay = this.number(c.get('hoursPerDay'), (n) => (n > 0 && n <= 24 ? undefined : `${n} is not between 0 (excluded) and 24 hours`)) ?? DEFAULT_CALENDAR.hoursPerDay;
    const holidays = this.dates(c.get('holidays'));
    return { workdays, hoursPerDay, holidays };
  }

  private budgetOf(f: Field | undefined): Budget | undefined {
    const map = this.mapField(f, 'budget');
    if (!map) return undefined;
    const b = this.fields(map, 'budget', 'budget');
    const amount = this.number(b.get('amount'), (n) => (n >= 0 ? undefined : 'a budget cannot be negative'));
    const currency = this.text_(b.get('currency'));
    return amount !== undefined && currency !== undefined ? { amount, currency } : undefined;
  }

  private person(map: YAMLMap): Person | undefined {
    const f = this.fields(map, 'person', 'a person');
    const id = this.id(f.get('id'), 'person');
    if (id === undefined) return undefined;
    const emails = this.strings(f.get('email'), (s, span) => {
      if (/^[^\s@]+@[^\s@]+$/.test(s.trim())) return true;
      this.sink.warning('bad-email', `'${clip(s)}' does not look like an email address; commits are matched by author email.`, span);
      return false;
    }).map((s) => s.trim().toLowerCase());
    const out: Mutable<Person> = {
      kind: 'person', id, emails,
      capacity: this.share(f.get('capacity'), 'capacity') ?? 1,
      off: this.dates(f.get('off')),
      span: nodeSpan(map),
    };
    const name = this.text_(f.get('name'));
    if (name !== undefined) out.name = name;
    const rate = this.number(f.get('rate'), (n) => (n >= 0 ? undefined : 'a rate cannot be negative'));
    if (rate !== undefined) out.rate = rate;
    return this.register(out, map);
  }

  /** capacity: a share of a day, 0 < x <= 1 (also `50%`). */
  private share(f: Field | undefined, what: string): number | undefined {
    if (!f || isNullScalar(f.node)) return undefined;
    if (!Y().isScalar(f.node)) { this.sink.error('bad-type', `\`${what}\` must be a number, not ${describeNode(f.node)}.`, f.span); return undefined; }
    const r = parseShare(f.node.value as string | number);
    if ('problem' in r) { this.sink.error('out-of-range', `\`${what}\`: ${r.problem}.`, f.span, r.suggestion ? replaceFix(`Change to ${r.suggestion}`, f.span, r.suggestion) : undefined); return undefined; }
    if (r.value === 0) { this.sink.error('out-of-range', `\`${what}\` must be more than 0 (0 < ${what} <= 1).`, f.span); return undefined; }
    if (r.value < MIN_CAPACITY) { this.sink.error('out-of-range', `\`${what}\` must be at least ${MIN_CAPACITY * 100}% (${MIN_CAPACITY} <= ${what} <= 1).`, f.span); return undefined; }
    return r.value;
  }

  private milestone(map: YAMLMap): Milestone | undefined {
    const f = this.fields(map, 'milestone', 'a milestone');
    const id = this.id(f.get('id'), 'milestone');
    // Without an id the milestone (and its tasks) stay out of the plan until it has one; the missing id is reported.
    if (id === undefined) return undefined;
    const out: Mutable<Milestone> = {
      kind: 'milestone', id,
      title: this.text_(f.get('title')) ?? '',
      depends: this.refList(f.get('depends'), id, 'depends'),
      tasks: [],
      span: nodeSpan(map),
      fieldSpans: spansOf(f),
    };
    this.register(out, map);
    const due = this.date(f.get('due'));
    if (due) out.due = due;
    const release = this.text_(f.get('release'));
    if (release !== undefined) {
      if (REF_RE.test(release)) out.release = release;
      else this.sink.error('bad-tag', `\`release\`: '${clip(release)}' is not a valid git tag name.`, f.get('release')!.span);
    }
    const health = this.enumOf(f.get('health'), HEALTHS);
    if (health) out.health = health;
    const description = this.text_(f.get('description'));
    if (description !== undefined) out.description = description;
    out.tasks = this.taskList(f.get('tasks'), id, 'tasks');
    this.milestoneCount++;
    return out;
  }

  private task(map: YAMLMap, milestone: string | undefined): Task | undefined {
    const f = this.fields(map, 'task', 'a task');
    const id = this.id(f.get('id'), 'task');
    if (id === undefined) return undefined;
    const out: Mutable<Task> = {
      kind: 'task', id,
      title: this.text_(f.get('title')) ?? '',
      status: this.enumOf<TaskStatus>(f.get('status'), TASK_STATUSES) ?? 'todo',
      depends: this.refList(f.get('depends'), id, 'depends'),
      tags: this.strings(f.get('tags')),
      order: this.order++,
      span: nodeSpan(map),
      fieldSpans: spansOf(f),
    };
    if (milestone !== undefined) out.milestone = milestone;
    const assignee = this.text_(f.get('assignee'));
    if (assignee !== undefined) {
      out.assignee = assignee;
      this.refs.push({ from: id, kind: 'assignee', id: assignee, span: f.get('assignee')!.span });
    }
    const est = f.get('estimate');
    if (est && !isNullScalar(est.node)) {
      if (!Y().isScalar(est.node) || (typeof est.node.value !== 'string' && typeof est.node.value !== 'number')) {
        this.sink.error('bad-type', `\`estimate\` must be a duration like 3d, 4h or 1w, not ${describeNode(est.node)}.`, est.span);
      } else {
        const r = parseDuration(est.node.value, this.calendar.hoursPerDay, this.calendar.workdays.length, 'd');
        if ('problem' in r) this.sink.error('bad-duration', `\`estimate\`: '${clip(scalarText(est.node))}' is not a duration: ${r.problem}.`, est.span);
        else { out.estimate = scalarText(est.node); out.estimateHours = r.hours; }
      }
    }
    const start = this.date(f.get('start'));
    if (start) out.start = start;
    const due = this.date(f.get('due'));
    if (due) out.due = due;
    const issue = this.issue(f.get('issue'));
    if (issue) out.issue = issue;
    const pf = f.get('progress');
    if (pf && !isNullScalar(pf.node)) {
      const v = Y().isScalar(pf.node) ? pf.node.value : undefined;
      const r = typeof v === 'number' || typeof v === 'string' ? parseShare(v) : { problem: `write a percentage like 40% or a share like 0.4, not ${describeNode(pf.node)}` };
      if ('problem' in r) this.sink.error('bad-progress', `\`progress\`: ${r.problem}.`, pf.span, 'suggestion' in r && r.suggestion ? replaceFix(`Change to ${r.suggestion}`, pf.span, r.suggestion) : undefined);
      else out.progress = r.value;
    }
    const priority = this.enumOf(f.get('priority'), PRIORITIES);
    if (priority) out.priority = priority;
    const description = this.text_(f.get('description'));
    if (description !== undefined) out.description = description;
    const sf = f.get('spent');
    if (sf && !isNullScalar(sf.node)) {
      const v = Y().isScalar(sf.node) ? sf.node.value : undefined;
      const r = typeof v === 'number' || typeof v === 'string' ? parseDuration(v, this.calendar.hoursPerDay, this.calendar.workdays.length, 'h') : { problem: 'write hours as a number or a duration like 6h or 1d' };
      if ('problem' in r) this.sink.error('bad-duration', `\`spent\`: ${r.problem}.`, sf.span);
      else out.spent = r.hours;
    }
    return this.register(out, map);
  }

  private issue(f: Field | undefined): IssueRef | undefined {
    const s = this.text_(f);
    if (s === undefined || !f) return undefined;
    const m = ISSUE_RE.exec(s.trim());
    if (!m) { this.sink.error('bad-issue', `\`issue\`: '${clip(s)}' is not an issue reference; write 123 or owner/repo#123.`, f.span); return undefined; }
    return m[1] !== undefined ? { number: Number(m[1]) } : { owner: m[2], repo: m[3], number: Number(m[4]) };
  }

  private sprint(map: YAMLMap): Sprint | undefined {
    const f = this.fields(map, 'sprint', 'a sprint');
    const id = this.id(f.get('id'), 'sprint');
    if (id === undefined) return undefined;
    const start = this.date(f.get('start'));
    const end = this.date(f.get('end'));
    const tasks = this.refList(f.get('tasks'), id, 'sprint-task');
    const goal = this.text_(f.get('goal'));
    if (start === undefined || end === undefined) return undefined; // reported above; a sprint needs both dates
    return this.register({ kind: 'sprint', id, start, end, tasks, span: nodeSpan(map), ...(goal !== undefined ? { goal } : {}) }, map);
  }

  private risk(map: YAMLMap): Risk | undefined {
    const f = this.fields(map, 'risk', 'a risk');
    const id = this.id(f.get('id'), 'risk');
    if (id === undefined) return undefined;
    const out: Mutable<Risk> = {
      kind: 'risk', id,
      title: this.text_(f.get('title')) ?? '',
      probability: this.enumOf(f.get('probability'), LEVELS) ?? 'medium',
      impact: this.enumOf(f.get('impact'), LEVELS) ?? 'medium',
      status: this.enumOf(f.get('status'), RISK_STATUSES) ?? 'open',
      tasks: this.refList(f.get('tasks'), id, 'risk-task'),
      span: nodeSpan(map),
    };
    const owner = this.text_(f.get('owner'));
    if (owner !== undefined) {
      out.owner = owner;
      this.refs.push({ from: id, kind: 'owner', id: owner, span: f.get('owner')!.span });
    }
    const mitigation = this.text_(f.get('mitigation'));
    if (mitigation !== undefined) out.mitigation = mitigation;
    const reviewed = this.date(f.get('reviewed'));
    if (reviewed) out.reviewed = reviewed;
    return this.register(out, map);
  }
}

/** A scalar as the user wrote it: `1.10` stays "1.10" and a 20-digit id keeps its digits. */
function scalarText(node: { value: unknown; source?: string }): string {
  if (typeof node.value === 'string') return node.value;
  return typeof node.source === 'string' && node.source !== '' ? node.source : String(node.value);
}

function spansOf(f: Fields): Record<string, Span> {
  const out: Record<string, Span> = {};
  for (const field of f.list) out[field.key] = field.span;
  return out;
}

function emptyAt(offset: number): Span { return { start: offset, end: offset }; }

function cap(s: string): string { return s.charAt(0).toUpperCase() + s.slice(1); }

/** The first line of a span (for "missing key" diagnostics on a whole mapping). */
function firstLine(text: string, span: Span): Span {
  const nl = text.indexOf('\n', span.start);
  const end = nl < 0 || nl > span.end ? span.end : nl > 0 && text[nl - 1] === '\r' ? nl - 1 : nl;
  return { start: span.start, end: Math.max(span.start, end) };
}

/** The edit that removes item `i` of a list: `, x` in a flow list, the whole `- x` line in a block list. */
export function listItemRemoval(text: string, seq: YAMLSeq, i: number): { offset: number; length: number; newText: string } | undefined {
  const items = seq.items as { range?: [number, number, number] | null }[];
  const r = items[i]?.range;
  if (!r) return undefined;
  if (seq.flow) {
    if (items.length === 1) return { offset: r[0], length: r[1] - r[0], newText: '' };
    if (i < items.length - 1) {
      const next = items[i + 1].range!;
      return { offset: r[0], length: next[0] - r[0], newText: '' };
    }
    const prev = items[i - 1].range!;
    return { offset: prev[1], length: r[1] - prev[1], newText: '' };
  }
  const start = lineStartOf(text, r[0]);
  const end = lineEndAfterBreak(text, r[1]);
  return { offset: start, length: end - start, newText: '' };
}
