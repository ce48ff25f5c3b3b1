// Three-way merge of project.yml by meaning: items matched by id, then field by
// field; lists of plain values merged as sets; tasks followed across milestones.
// The result is OURS with minimal edits (THEIRS' text where only THEIRS changed
// something), so everything OURS wrote survives byte for byte. Pure: no I/O.
import type { Document, Pair, YAMLMap, YAMLSeq } from 'yaml';
import { Y } from '../yamlLib';
import type { PlanItem, TextEdit } from '../model';
import { appendEntries, nextTaskId, type EntryText } from '../edit';
import { readFastDocument } from '../fastYaml';
import { DEFAULT_MAX_BYTES, listItemRemoval, parsePlan, type ParsedPlan } from '../parse';
import { documentOf } from '../syntaxTree';
import { eolOf, findPair, keyName, lineStartOf } from '../yamlUtil';
import { Collector, DEFAULT_LABELS, render, type MarkerLabels } from './render';
import { entryUnit, normText, pairUnit, placeText } from './units';

export interface Renumbered { readonly from: string; readonly to: string }

export type MergeOutcome =
  | { ok: true; text: string; conflicts: string[]; renumbered: Renumbered[] }
  /** A version does not parse (or is not a plan Waymark can merge by meaning): merge lines instead. */
  | { ok: false; reason: string };

interface Side {
  readonly name: string;
  readonly text: string;
  /** The plan as parsePlan reads it: OURS always (its edits need it); BASE and THEIRS only when ids collide. */
  readonly parsed: ParsedPlan;
  readonly top?: YAMLMap;
}

/** Top-level lists whose entries are matched by id. */
const ID_LISTS = new Set(['people', 'sprints', 'risks']);
/** Lists of plain values that merge as sets (a scalar counts as a one-entry list). */
const SET_KEYS = new Set(['depends', 'tags', 'tasks', 'email', 'off', 'workdays', 'holidays']);

type Kind = 'top' | 'milestone' | 'task' | 'other';

/**
 * One version, read. BASE and THEIRS are only compared and copied from, so
 * their syntax tree is enough: when the fast reader takes the text (it takes
 * only YAML that parses cleanly), the plan is not built unless asked for.
 * Anything else goes through parsePlan, whose diagnostics say why it fails.
 */
function sideOf(name: string, text: string, edited = false): Side | string {
  const fast = edited || text.length > DEFAULT_MAX_BYTES ? undefined : readFastDocument(text);
  let parsed: ParsedPlan | undefined;
  const parse = () => (parsed ??= parsePlan(text));
  const doc: Document | undefined = fast ?? documentOf(parse());
  if (!fast && (!parse().syntaxOk || !doc)) {
    const e = parse().diagnostics.find((d) => d.severity === 'error');
    return `${name} does not parse${e ? ` (line ${e.start.line}, column ${e.start.col}: ${e.message})` : ''}`;
  }
  const top = doc!.contents;
  const side = { name, text, get parsed() { return parse(); } };
  if (top === null || (Y().isScalar(top) && top.value === null)) return side;
  if (!Y().isMap(top) || top.flow) return `${name} is not a block mapping at the top`;
  return Object.assign(side, { top });
}

/** Merges three versions of project.yml. */
export function mergePlans(base: string, ours: string, theirs: string, labels: MarkerLabels = DEFAULT_LABELS): MergeOutcome {
  const strip = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
  [base, ours, theirs] = [strip(base), strip(ours), strip(theirs)];
  if (ours === theirs || base === theirs) return { ok: true, text: ours, conflicts: [], renumbered: [] };
  if (base === ours) return { ok: true, text: theirs, conflicts: [], renumbered: [] };
  const b = sideOf('BASE', base);
  const o = sideOf('OURS', ours, true);
  let t = sideOf('THEIRS', theirs);
  for (const s of [b, o, t]) if (typeof s === 'string') return { ok: false, reason: s };
  if (!(o as Side).top || !(t as Side).top) return { ok: false, reason: 'OURS or THEIRS holds no plan' };
  const renum = renumberCollisions(b as Side, o as Side, t as Side);
  if (typeof renum === 'string') return { ok: false, reason: renum };
  if (renum.theirs !== theirs) {
    t = sideOf('THEIRS', renum.theirs);
    if (typeof t === 'string') return { ok: false, reason: t };
  }
  const m = new Merger(b as Side, o as Side, t as Side);
  const failed = m.run();
  if (failed) return { ok: false, reason: failed };
  const eol = eolOf(ours);
  return { ok: true, text: render(ours, 0, ours.length, m.col, eol, labels), conflicts: [...m.carried, ...m.col.conflicts.map((c) => c.what)], renumbered: renum.renumbered };
}

// ---------------------------------------------------------------- tasks by id, wherever they are

interface Site { readonly node: YAMLMap; readonly seq: YAMLSeq; readonly index: number; readonly container: string | null }

function idOf(node: unknown): string | undefined {
  if (!Y().isMap(node)) return undefined;
  const v = findPair(node, 'id')?.value;
  return Y().isScalar(v) && v.value !== null ? String(v.value) : undefined;
}

/** Entries of a list of id-carrying maps, by id; a string when an entry has no id or an id repeats. */
function entriesOf(seq: YAMLSeq, what: string): Map<string, { node: YAMLMap; index: number }> | string {
  const out = new Map<string, { node: YAMLMap; index: number }>();
  for (let i = 0; i < seq.items.length; i++) {
    const id = idOf(seq.items[i]);
    if (id === undefined) return `an entry of ${what} has no id`;
    if (out.has(id)) return `the id '${id}' appears twice in ${what}`;
    out.set(id, { node: seq.items[i] as YAMLMap, index: i });
  }
  return out;
}

function seqAt(map: YAMLMap | undefined, key: string): YAMLSeq | undefined {
  const v = map ? findPair(map, key)?.value : undefined;
  return Y().isSeq(v) ? v : undefined;
}

/** Every task of a version by id, with the list it sits in; a string when ids are missing or repeat. */
function taskSites(s: Side): Map<string, Site> | string {
  const out = new Map<string, Site>();
  const add = (seq: YAMLSeq | undefined, container: string | null): string | undefined => {
    if (!seq) return undefined;
    const entries = entriesOf(seq, `the tasks of ${container ?? 'the backlog'} in ${s.name}`);
    if (typeof entries === 'string') return entries;
    for (const [id, e] of entries) {
      if (out.has(id)) return `the task id '${id}' appears twice in ${s.name}`;
      out.set(id, { node: e.node, seq, index: e.index, container });
    }
    return undefined;
  };
  const milestones = seqAt(s.top, 'milestones');
  for (const m of milestones?.items ?? []) {
    const id = idOf(m);
    if (id === undefined) return `a milestone has no id in ${s.name}`;
    const problem = add(seqAt(m as YAMLMap, 'tasks'), id);
    if (problem) return problem;
  }
  return add(seqAt(s.top, 'backlog'), null) ?? out;
}

// ---------------------------------------------------------------- id collisions

/**
 * Tasks both sides added under the same id with different content: THEIRS'
 * task takes the next free id, and THEIRS' references to it follow.
 */
function renumberCollisions(b: Side, o: Side, t: Side): { theirs: string; renumbered: Renumbered[] } | string {
  const [bs, os, ts] = [b.top ? taskSites(b) : new Map<string, Site>(), taskSites(o), taskSites(t)];
  for (const s of [bs, os, ts]) if (typeof s === 'string') return s;
  const [bm, om, tm] = [bs as Map<string, Site>, os as Map<string, Site>, ts as Map<string, Site>];
  const collisions = [...tm.keys()].filter((id) => om.has(id) && !bm.has(id) && entryText(o, om.get(id)!) !== entryText(t, tm.get(id)!));
  if (collisions.length === 0) return { theirs: t.text, renumbered: [] };
  const byId = new Map<string, PlanItem>();
  for (const s of [b, o, t]) for (const [id, item] of s.parsed.plan?.byId ?? []) byId.set(id, item);
  const project = o.parsed.plan!.project;
  const tasks = [...o.parsed.plan!.tasks, ...t.parsed.plan!.tasks];
  const renumbered: Renumbered[] = [];
  const to = new Map<string, string>();
  for (const id of collisions) {
    const next = nextTaskId({ project, tasks, byId });
    byId.set(next, byId.get(id)!);
    to.set(id, next);
    renumbered.push({ from: id, to: next });
  }
  const edits: TextEdit[] = [];
  const rename = (node: unknown) => {
    if (!Y().isScalar(node) || node.value === null || !node.range) return;
    const next = to.get(String(node.value));
    if (next === undefined) return;
    const raw = t.text.slice(node.range[0], node.range[1]);
    const q = raw[0] === '"' || raw[0] === "'" ? raw[0] : '';
    edits.push({ offset: node.range[0], length: node.range[1] - node.range[0], newText: `${q}${next}${q}` });
  };
  const renameList = (map: unknown, key: string) => {
    if (!Y().isMap(map)) return;
    const v = findPair(map, key)?.value;
    if (Y().isSeq(v)) v.items.forEach(rename); else rename(v);
  };
  for (const [id, site] of tm) {
    if (to.has(id)) rename(findPair(site.node, 'id')?.value);
    renameList(site.node, 'depends');
  }
  for (const m of seqAt(t.top, 'milestones')?.items ?? []) renameList(m, 'depends');
  for (const key of ['sprints', 'risks']) for (const x of seqAt(t.top, key)?.items ?? []) renameList(x, 'tasks');
  const sorted = edits.sort((x, y) => y.offset - x.offset);
  let text = t.text;
  for (const e of sorted) text = text.slice(0, e.offset) + e.newText + text.slice(e.offset + e.length);
  return { theirs: text, renumbered };
}

// ---------------------------------------------------------------- text of entries and pairs

function entryText(s: Side, site: { seq: YAMLSeq; index: number }): string {
  return normText(s.text, entryUnit(s.text, site.seq, site.index));
}

function pairText(s: Side, map: YAMLMap, pair: Pair | undefined): string | undefined {
  return pair ? normText(s.text, pairUnit(s.text, map, pair)) : undefined;
}

/** The value as it means, for "same meaning, different text" checks. */
function meaning(pair: Pair | undefined): string | undefined {
  if (!pair) return undefined;
  const v = pair.value as { toJSON?: () => unknown } | null;
  return JSON.stringify(v && typeof v.toJSON === 'function' ? v.toJSON() : v);
}

/** An entry of a version as text that can be appended to another list. */
function entryOf(s: Side, seq: YAMLSeq, index: number): EntryText {
  const node = seq.items[index] as YAMLMap;
  const src = s.text.slice(node.range![0], node.range![1]);
  const flow = node.flow ? src.replace(/\r\n/g, '\n') : JSON.stringify(node.toJSON());
  return { block: seq.flow ? `- ${flow}\n` : normText(s.text, entryUnit(s.text, seq, index)), flow };
}

function atLineStart(text: string, offset: number): boolean {
  return /^[ ]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

function keyStart(p: Pair): number { return (p.key as { range: number[] }).range[0]; }
function valueEnd(p: Pair): number { return (p.value as { range?: number[] } | null)?.range?.[1] ?? (p.key as { range: number[] }).range[1]; }

// ---------------------------------------------------------------- the merger

class Merger {
  readonly col = new Collector();
  /** Conflicts already rendered inside a task that moved. */
  readonly carried: string[] = [];
  private readonly eol: string;
  private readonly newMilestones = new Set<string>();
  private readonly pending = new Map<string | null, EntryText[]>();

  constructor(private readonly b: Side, private readonly o: Side, private readonly t: Side) {
    this.eol = eolOf(o.text);
  }

  /** Collects every edit; a string when the versions cannot be merged by meaning. */
  run(): string | undefined {
    if (!seqAt(this.o.top, 'milestones') || !seqAt(this.t.top, 'milestones')) return 'OURS or THEIRS has no `milestones` list';
    const failed = this.map(this.b.top, this.o.top!, this.t.top!, 'top', '', this.col);
    return failed ?? this.tasks();
  }

  // ---- mappings

  private map(bm: YAMLMap | undefined, om: YAMLMap, tm: YAMLMap, kind: Kind, label: string, col: Collector): string | undefined {
    const keys = new Set<string>();
    for (const m of [om, tm]) for (const p of m.items as Pair[]) { const k = keyName(p); if (k !== undefined) keys.add(k); }
    for (const key of keys) {
      if ((kind === 'top' && key === 'backlog') || (kind === 'milestone' && key === 'tasks')) continue;
      const [bp, op, tp] = [bm && findPair(bm, key), findPair(om, key), findPair(tm, key)];
      const what = `${label}${label ? ' ' : ''}${key}`;
      if (kind === 'top' && key === 'milestones') {
        const failed = this.idList(Y().isSeq(bp?.value) ? bp.value : undefined, op!.value as YAMLSeq, tp!.value as YAMLSeq, 'milestone', col);
        if (failed) return failed;
        continue;
      }
      const [nb, no, nt] = [bm && pairText(this.b, bm, bp), pairText(this.o, om, op), pairText(this.t, tm, tp)];
      if (no === nt || nb === nt) continue;
      if (nb === no) { col.edit(this.theirsPair(om, op, tm, tp)); continue; }
      const [bv, ov, tv] = [bp?.value, op?.value, tp?.value];
      if (op && tp && Y().isMap(ov) && Y().isMap(tv) && (!bp || Y().isMap(bv))) {
        const failed = this.map(Y().isMap(bv) ? bv : undefined, ov, tv, 'other', what, col);
        if (failed) return failed;
        continue;
      }
      if (kind === 'top' && ID_LISTS.has(key) && Y().isSeq(ov) && Y().isSeq(tv) && (!bp || Y().isSeq(bv))) {
        if (!this.idList(Y().isSeq(bv) ? bv : undefined, ov, tv, 'other', col)) continue;
      }
      if (SET_KEYS.has(key) && op && [bv, ov, tv].every(plainList)) { this.set(bv, op, tv, col); continue; }
      const [jb, jo, jt] = [meaning(bp), meaning(op), meaning(tp)];
      if (jo === jt || jt === jb) continue;
      const theirs = this.theirsPair(om, op, tm, tp);
      if (jo === jb) { col.edit(theirs); continue; }
      const u = op ? pairUnit(this.o.text, om, op) : undefined;
      col.conflict({ start: u?.start ?? theirs.offset, end: u?.end ?? theirs.offset + theirs.length, theirs: [theirs], what: `${what}: changed on both sides` });
    }
    return undefined;
  }

  /** The edit that makes OURS' pair what THEIRS has (replaced, inserted or removed). */
  private theirsPair(om: YAMLMap, op: Pair | undefined, tm: YAMLMap, tp: Pair | undefined): TextEdit {
    const text = this.o.text;
    if (!tp) return this.removePair(om, op!);
    const tu = pairUnit(this.t.text, tm, tp);
    let norm = normText(this.t.text, tu);
    if (om.flow && norm.includes('\n')) norm = `${keyName(tp)}: ${JSON.stringify((tp.value as { toJSON(): unknown }).toJSON())}`;
    if (op) {
      const u = pairUnit(text, om, op);
      return { offset: u.start, length: u.end - u.start, newText: this.fit(placeText(norm, u.col, this.eol, atLineStart(text, u.start)), text.slice(u.start, u.end)) };
    }
    const pairs = om.items as Pair[];
    if (om.flow) {
      const last = pairs[pairs.length - 1];
      const body = norm.replace(/\n$/, '');
      if (!last) { const open = text.indexOf('{', om.range![0]); return { offset: open + 1, length: 0, newText: ` ${body} ` }; }
      return { offset: valueEnd(last), length: 0, newText: `, ${body}` };
    }
    const col = keyStart(pairs[0]) - lineStartOf(text, keyStart(pairs[0]));
    // After the key that precedes it in THEIRS; before a nested block (its end is where appended entries go).
    const theirsKeys = (tm.items as Pair[]).map(keyName);
    let offset = pairUnit(text, om, pairs[pairs.length - 1]).end;
    for (let i = theirsKeys.indexOf(keyName(tp)) - 1; i >= 0; i--) {
      const prev = findPair(om, theirsKeys[i]!);
      if (!prev) continue;
      const v = prev.value;
      const nested = (Y().isSeq(v) || Y().isMap(v)) && !v.flow;
      const u = pairUnit(text, om, prev);
      offset = nested && atLineStart(text, u.start) ? u.start : u.end;
      break;
    }
    let newText = placeText(norm.endsWith('\n') ? norm : `${norm}\n`, col, this.eol, true);
    if (offset === text.length && !text.endsWith('\n')) newText = this.eol + newText.slice(0, -this.eol.length);
    return { offset, length: 0, newText };
  }

  /** Keeps OURS' line-break shape at the end of a replaced span. */
  private fit(newText: string, old: string): string {
    const endsOld = old.endsWith('\n');
    const endsNew = newText.endsWith('\n');
    if (endsOld && !endsNew) return newText + this.eol;
    if (!endsOld && endsNew) return newText.replace(/\r?\n$/, '');
    return newText;
  }

  private removePair(om: YAMLMap, op: Pair): TextEdit {
    const text = this.o.text;
    const pairs = om.items as Pair[];
    const i = pairs.indexOf(op);
    const u = pairUnit(text, om, op);
    if (om.flow) {
      if (pairs.length === 1) return { offset: u.start, length: u.end - u.start, newText: '' };
      if (i < pairs.length - 1) return { offset: u.start, length: keyStart(pairs[i + 1]) - u.start, newText: '' };
      const prevEnd = valueEnd(pairs[i - 1]);
      return { offset: prevEnd, length: u.end - prevEnd, newText: '' };
    }
    if (atLineStart(text, u.start)) return { offset: u.start, length: u.end - u.start, newText: '' };
    // The first key shares its line with the list dash: pull the next key up.
    const next = pairs[i + 1];
    if (next) return { offset: u.start, length: keyStart(next) - u.start, newText: '' };
    return { offset: u.start, length: u.end - u.start, newText: `{}${this.eol}` };
  }

  // ---- plain lists as sets

  private set(bv: unknown, op: Pair, tv: unknown, col: Collector): void {
    const values = (v: unknown): string[] => (Y().isSeq(v) ? v.items.map((x) => String((x as { value: unknown }).value)) : isNull(v) ? [] : [String((v as { value: unknown }).value)]);
    const [bs, os, ts] = [values(bv), values(op.value), values(tv)];
    const removed = new Set(bs.filter((x) => !ts.includes(x)));
    const added = ts.filter((x) => !bs.includes(x) && !os.includes(x));
    const ov = op.value;
    const text = this.o.text;
    const keep = os.filter((x) => !removed.has(x));
    if (keep.length === os.length && added.length === 0) return;
    const sourceOf = (v: unknown, x: string): string => {
      if (Y().isSeq(v)) { const n = v.items.find((y) => String((y as { value: unknown }).value) === x) as { range: number[] }; return (v === ov ? text : this.t.text).slice(n.range[0], n.range[1]); }
      return (v === ov ? text : this.t.text).slice((v as { range: number[] }).range[0], (v as { range: number[] }).range[1]);
    };
    if (Y().isSeq(ov) && !ov.flow && keep.length > 0) {
      ov.items.forEach((x, i) => { if (removed.has(String((x as { value: unknown }).value))) col.edit(listItemRemoval(text, ov, i)!); });
      if (added.length > 0) {
        const u = entryUnit(text, ov, ov.items.length - 1);
        col.edit({ offset: u.end, length: 0, newText: added.map((x) => `${' '.repeat(u.col)}- ${sourceOf(tv, x)}${this.eol}`).join('') });
      }
      return;
    }
    const items = [...keep.map((x) => sourceOf(ov, x)), ...added.map((x) => sourceOf(tv, x))];
    const flow = `[${items.join(', ')}]`;
    if (ov && (ov as { range?: number[] }).range && !isNull(ov)) {
      const r = (ov as { range: number[] }).range;
      const end = text.slice(r[0], r[1]).endsWith('\n') ? r[1] - (text.slice(r[0], r[1]).endsWith('\r\n') ? 2 : 1) : r[1];
      col.edit({ offset: r[0], length: end - r[0], newText: flow });
    } else {
      const colon = text.indexOf(':', (op.key as { range: number[] }).range[1]);
      col.edit({ offset: colon + 1, length: 0, newText: ` ${flow}` });
    }
  }

  // ---- lists of id-carrying entries

  /** Merges entries by id; a string when the list cannot be matched by id. */
  private idList(bs: YAMLSeq | undefined, os: YAMLSeq, ts: YAMLSeq, kind: 'milestone' | 'other', col: Collector): string | undefined {
    const [be, oe, te] = [bs ? entriesOf(bs, 'BASE') : new Map(), entriesOf(os, 'OURS'), entriesOf(ts, 'THEIRS')];
    for (const e of [be, oe, te]) if (typeof e === 'string') return e;
    const [bm, om, tm] = [be, oe, te] as Map<string, { node: YAMLMap; index: number }>[];
    const appended: EntryText[] = [];
    for (const id of new Set([...om.keys(), ...tm.keys()])) {
      const [bx, ox, tx] = [bm.get(id), om.get(id), tm.get(id)];
      const site = (seq: YAMLSeq | undefined, x: { index: number } | undefined) => (x ? { seq: seq!, index: x.index } : undefined);
      const [bsite, osite, tsite] = [site(bs, bx), site(os, ox), site(ts, tx)];
      if (ox && tx) {
        const failed = this.entry(bsite && { ...bsite, node: bx!.node }, { ...osite!, node: ox.node }, { ...tsite!, node: tx.node }, kind, id, col);
        if (failed) return failed;
      } else if (ox && bx) {
        this.removedByTheirs(entryText(this.b, bsite!), osite!, id, col);
      } else if (tx && bx) {
        if (entryText(this.t, tsite!) !== entryText(this.b, bsite!)) this.changedButRemoved(appendEntries(this.o.parsed, { seq: os }, [entryOf(this.t, ts, tx.index)]), id, col);
      } else if (tx) {
        appended.push(entryOf(this.t, ts, tx.index));
        if (kind === 'milestone') this.newMilestones.add(id);
      }
    }
    if (appended.length > 0) this.append(appendEntries(this.o.parsed, { seq: os }, appended), appended, col);
    return undefined;
  }

  /** One entry present on both sides: as is, THEIRS' text, or field by field. */
  private entry(bx: { seq: YAMLSeq; index: number; node: YAMLMap } | undefined, ox: { seq: YAMLSeq; index: number; node: YAMLMap }, tx: { seq: YAMLSeq; index: number; node: YAMLMap }, kind: 'milestone' | 'task' | 'other', id: string, col: Collector): string | undefined {
    const [nb, no, nt] = [bx && entryText(this.b, bx), entryText(this.o, ox), entryText(this.t, tx)];
    if (no === nt || nb === nt) return undefined;
    if (nb === no && kind !== 'milestone') {
      const u = entryUnit(this.o.text, ox.seq, ox.index);
      const e = entryOf(this.t, tx.seq, tx.index);
      const newText = ox.seq.flow ? e.flow : placeText(e.block, u.col, this.eol, true);
      col.edit({ offset: u.start, length: u.end - u.start, newText: this.fit(newText, this.o.text.slice(u.start, u.end)) });
      return undefined;
    }
    return this.map(bx?.node, ox.node, tx.node, kind, id, col);
  }

  private removedByTheirs(nb: string, osite: { seq: YAMLSeq; index: number }, id: string, col: Collector): void {
    const removal = listItemRemoval(this.o.text, osite.seq, osite.index)!;
    const u = entryUnit(this.o.text, osite.seq, osite.index);
    const edit = osite.seq.flow ? removal : { offset: u.start, length: u.end - u.start, newText: '' };
    if (entryText(this.o, osite) === nb) col.edit(edit);
    else col.conflict({ start: u.start, end: u.end, theirs: [edit], what: `${id}: removed on their side, changed on ours` });
  }

  private changedButRemoved(insert: TextEdit | string, id: string, col: Collector): void {
    const at = typeof insert === 'string' ? { offset: this.o.text.length, length: 0, newText: '' } : insert;
    col.conflict({ start: at.offset, end: at.offset + at.length, theirs: typeof insert === 'string' ? [] : [insert], what: `${id}: removed on our side, changed on theirs` });
  }

  /** Appends entries; where the list's style cannot take them, a conflict shows them at the end of the file. */
  private append(edit: TextEdit | string, entries: EntryText[], col: Collector): void {
    if (typeof edit !== 'string') { col.edit(edit); return; }
    const end = this.o.text.length;
    const lead = this.o.text.endsWith('\n') ? '' : this.eol;
    col.conflict({ start: end, end, theirs: [{ offset: end, length: 0, newText: lead + entries.map((e) => placeText(e.block, 0, this.eol, true)).join('') }], what: `${edit}` });
  }

  // ---- tasks

  private tasks(): string | undefined {
    const [bs, os, ts] = [this.b.top ? taskSites(this.b) : new Map<string, Site>(), taskSites(this.o), taskSites(this.t)];
    for (const s of [bs, os, ts]) if (typeof s === 'string') return s;
    const [bm, om, tm] = [bs, os, ts] as Map<string, Site>[];
    const oursMilestones = new Set((seqAt(this.o.top, 'milestones')?.items ?? []).map(idOf));
    const where = (c: string | null) => c ?? 'the backlog';
    for (const id of new Set([...om.keys(), ...tm.keys()])) {
      const [bx, ox, tx] = [bm.get(id), om.get(id), tm.get(id)];
      if (ox && tx) {
        if (ox.container === tx.container || !bx || bx.container === tx.container) {
          const failed = this.entry(bx, ox, tx, 'task', id, this.col);
          if (failed) return failed;
          continue;
        }
        const u = entryUnit(this.o.text, ox.seq, ox.index);
        const removal = ox.seq.flow ? listItemRemoval(this.o.text, ox.seq, ox.index)! : { offset: u.start, length: u.end - u.start, newText: '' };
        if (bx.container !== ox.container) {
          // Both places are shown: ours with nothing on their side, theirs with nothing on ours.
          const what = `${id}: moved to ${where(ox.container)} on our side, to ${where(tx.container)} on theirs`;
          this.col.conflict({ start: u.start, end: u.end, theirs: [removal], what });
          const there = appendEntries(this.o.parsed, { milestone: this.home(tx.container, oursMilestones) }, [entryOf(this.t, tx.seq, tx.index)]);
          if (typeof there !== 'string') this.col.conflict({ start: there.offset, end: there.offset + there.length, theirs: [there], what });
          continue;
        }
        const oursUntouched = entryText(this.o, ox) === entryText(this.b, bx);
        if (tx.container !== null && (this.newMilestones.has(tx.container) || !oursMilestones.has(tx.container))) {
          // THEIRS' version arrives inside a milestone OURS does not have yet (or removed).
          if (oursUntouched && this.newMilestones.has(tx.container)) this.col.edit(removal);
          else this.col.conflict({ start: u.start, end: u.end, theirs: [removal], what: `${id}: moved to ${tx.container} on their side, changed on ours` });
          continue;
        }
        this.col.edit(removal);
        if (oursUntouched) { this.queue(tx.container, entryOf(this.t, tx.seq, tx.index)); continue; }
        // Changed here, moved there: carry our merged text to their list.
        const local = new Collector();
        const failed = this.entry(bx, ox, tx, 'task', id, local);
        if (failed) return failed;
        const moved = render(this.o.text, u.start, u.end, local, this.eol);
        this.carried.push(...local.conflicts.map((c) => c.what));
        const src = ox.seq.flow ? this.o.text.slice(ox.node.range![0], ox.node.range![1]) : undefined;
        this.queue(tx.container, src !== undefined ? { block: `- ${moved}\n`, flow: moved } : { block: normText(moved, { start: 0, end: moved.length, col: u.col }), flow: JSON.stringify(ox.node.toJSON()) });
      } else if (ox && bx) {
        this.removedByTheirs(entryText(this.b, bx), ox, id, this.col);
      } else if (tx && bx) {
        if (entryText(this.t, tx) !== entryText(this.b, bx)) this.changedButRemoved(appendEntries(this.o.parsed, { milestone: this.home(tx.container, oursMilestones) }, [entryOf(this.t, tx.seq, tx.index)]), id, this.col);
      } else if (tx && !(tx.container !== null && this.newMilestones.has(tx.container))) {
        this.queue(this.home(tx.container, oursMilestones), entryOf(this.t, tx.seq, tx.index));
      }
    }
    for (const [container, entries] of this.pending) this.append(appendEntries(this.o.parsed, { milestone: container }, entries), entries, this.col);
    return undefined;
  }

  /** The list a task goes to in OURS: its milestone, or the backlog when OURS removed that milestone. */
  private home(container: string | null, ours: Set<string | undefined>): string | null {
    return container !== null && ours.has(container) ? container : null;
  }

  private queue(container: string | null, e: EntryText): void {
    const list = this.pending.get(container) ?? [];
    list.push(e);
    this.pending.set(container, list);
  }
}

function isNull(v: unknown): boolean {
  return v === undefined || v === null || (Y().isScalar(v) && v.value === null);
}

/** A list of plain values, a single plain value, or nothing. */
function plainList(v: unknown): boolean {
  if (isNull(v)) return true;
  if (Y().isSeq(v)) return v.items.every((x) => Y().isScalar(x));
  return Y().isScalar(v);
}
