// Incremental reparse: the ParsedPlan of a new text from the parse of the
// text before a small edit, equal to parsePlan of the new text (the same
// plan, spans, diagnostics and positions; test/unit/reparse.test.ts checks it
// on thousands of random edits). Typing in a 5k-task plan re-reads only the
// task being typed in instead of the whole file.
//
// How: the changed range is the common prefix and suffix of the two texts.
// When it lies inside one entry of a block-style task list (a milestone's
// `tasks`, the `backlog`), past its `- `, the fast reader reads that entry
// again, alone, in the new text; when it ends where the old one ended
// (shifted by the length change), every other part of the file reads as
// before. Then: the new entry's task replaces the old one, everything after
// the edit moves by the length change (spans, diagnostics, the syntax tree's
// ranges), and the cross-item rules (validatePlan) run again on the whole
// plan (a few milliseconds). Anything else is a full parse: no previous fast
// read, CRs, tabs or other characters the fast reader leaves to yaml, an
// edit outside a task entry or across entries, an entry that now ends
// elsewhere (a line added at its end, an indentation changed...).
//
// The syntax tree moves to the new parse (its ranges are shifted in place:
// copying it would cost as much as reading it); the previous parse gets a tree
// of its own back, by reading its text again, only if asked (documentOf).
import type { Document, Node as YamlNode } from 'yaml';
import type { Diagnostic, Fix, Milestone, Plan, PlanItem, Span, Task } from './model';
import { DEFAULT_MAX_BYTES, buildTaskEntry, parsePlan, parsedPlanOf, type ParseOptions, type ParsedPlan } from './parse';
import { fastReadable, readBlockSeqEntry } from './fastYaml';
import { MARK, MARKS, recordReparseState, takeReparseState, type TaskEntries } from './reparseState';
import { documentOf, findMovedTasksBySpan, moveItemNode, nodeOf, recordDocument, recordItemNode } from './syntaxTree';
import { DiagnosticSink, checkDateOrder, checkReferences, validatePlan, type IdSite, type RefSite } from './validate';
import { LineIndex, lineStartOf } from './yamlUtil';

/**
 * parsePlan of `text`, computed from `previous` (a parse of the text before
 * an edit) when the edit is local to one task; else parsePlan itself. A parse
 * serves as `previous` once: its syntax tree moves to the result. Either way
 * the result can start the next reparse (ParseOptions.reparse); `previous`
 * can only when it came from here or from parsePlan with that option.
 */
export function reparsePlan(previous: ParsedPlan | undefined, text: string, options: ParseOptions = {}): ParsedPlan {
  if (previous && text === previous.text && previous.plan) return previous;
  return (previous && incremental(previous, text, options)) ?? parsePlan(text, { ...options, reparse: true });
}

/** The edit from `a` to `b`: a[0, p) and a[q, end) are kept, b[p, q + delta) replaces a[p, q). */
function changedRange(a: string, b: string): { p: number; q: number; delta: number } {
  const n = Math.min(a.length, b.length);
  // Whole chunks first (a native comparison), then characters: a loop over a megabyte costs milliseconds.
  let p = 0;
  while (p + CHUNK <= n && a.slice(p, p + CHUNK) === b.slice(p, p + CHUNK)) p += CHUNK;
  while (p < n && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  const max = n - p;
  let s = 0;
  while (s + CHUNK <= max && a.slice(a.length - s - CHUNK, a.length - s) === b.slice(b.length - s - CHUNK, b.length - s)) s += CHUNK;
  while (s < max && a.charCodeAt(a.length - 1 - s) === b.charCodeAt(b.length - 1 - s)) s++;
  return { p, q: a.length - s, delta: b.length - a.length };
}
const CHUNK = 4096;

function incremental(previous: ParsedPlan, text: string, options: ParseOptions): ParsedPlan | undefined {
  const old = previous.text;
  const plan = previous.plan;
  if (!plan || text.length > (options.maxBytes ?? DEFAULT_MAX_BYTES) || options.yamlOnly) return undefined;
  const state = takeReparseState(previous);
  if (!state) return undefined;
  const kept = () => { recordReparseState(previous, state); return undefined; };
  const { p, q, delta } = changedRange(old, text);
  if (!fastReadable(text.slice(p, q + delta))) return kept();
  const k = entryHolding(state.entries, old, p, q);
  if (k < 0) return kept();
  const tree = state.tree;
  const v = state.entries.starts[k];
  const e = state.entries.ends[k];
  const dash = old.lastIndexOf('-', v - 1);
  const indent = dash - lineStartOf(old, dash);
  const before = readBlockSeqEntry(old, tree.doc, dash, indent);
  const after = readBlockSeqEntry(text, tree.doc, dash, indent);
  // The rest of the file reads as before only if the entry's reader stops at the same place, in text after the edit.
  if (!before || !after || q > before.end || after.end !== before.end + delta) return kept();
  if (e > p && e < q) return kept();
  const shift = (o: number) => (o < q ? o : o + delta);
  if (after.node.range![2] !== shift(e)) return kept();

  // Committed: from here on the tree belongs to the new parse.
  const doc = tree.doc;
  handBack(previous, old, plan);
  const seq = state.entries.seqs[k];
  seq.items[state.entries.indexes[k]] = after.node;
  tree.move(q, delta, after.node, text.length);
  const seqRange = tree.rangeOf(seq);

  const lines = state.lines.edited(text, p, q, delta);
  const owner = state.entries.owners[k];
  const m = owner >= 0 ? plan.milestones[owner] : undefined;
  const marks = state.entries.marks;
  const at = (f: number) => marks[k * MARKS + f];
  const built = buildTaskEntry(doc, text, lines, {
    calendar: plan.project.calendar, order: at(MARK.orderAt), milestone: m?.id, label: m ? 'tasks' : 'backlog',
    listSpan: { start: seqRange[0], end: seqRange[1] },
  }, after.node);
  const moved = new Mover(q, delta, lines, doc);
  findMovedTasksBySpan(doc);
  const oldTask = state.entries.tasks[k];
  const newPlan = moved.plan(plan, oldTask, built.task, owner, at(MARK.orderAt));
  const oldIds = state.ids.slice(at(MARK.idsAt), at(MARK.idsAt) + at(MARK.ids));
  const oldRefs = state.refs.slice(at(MARK.refsAt), at(MARK.refsAt) + at(MARK.refs));
  const diagnosticsBuilt = splice(state.built, at(MARK.diagsAt), at(MARK.diags), built.diagnostics, (d) => moved.diagnostic(d));
  // The sites are the state's own (it was taken): moved in place, in the same lists.
  const ids = spliceOwned(state.ids as IdSite[], at(MARK.idsAt), at(MARK.ids), built.ids, (s) => moved.site(s));
  const refs = spliceOwned(state.refs as RefSite[], at(MARK.refsAt), at(MARK.refs), built.refs, (r) => moved.ref(r));
  // The cross-item rules (validatePlan) see ids, references and dates, as little of them again as the edit needs.
  const lineCount = (t: string) => t.split('\n').length;
  const sameIds = sameSites(oldIds, built.ids, (x) => `${x.kind} ${x.id}`);
  const duplicates = state.checked.some((d) => d.code === 'duplicate-id');
  const cycles = state.checked.some((d) => d.code === 'cycle');
  let checked: Diagnostic[];
  if (sameIds && sameSites(oldRefs, built.refs, (x) => `${x.kind} ${x.from} ${x.id}`)
    && oldTask?.start === built.task?.start && oldTask?.due === built.task?.due
    && !state.checked.some((d) => d.span.end >= v && d.span.start <= e)
    && (!duplicates || lineCount(old.slice(p, q)) === lineCount(text.slice(p, q + delta)))) {
    // The entry's ids, references and dates are as they were: so are the findings (outside the entry).
    checked = state.checked.map((d) => moved.diagnostic(d));
  } else if (sameIds && !duplicates && !cycles && !(built.task && closesCycle(newPlan, built.task))) {
    // Its references changed, and no id: duplicates stay none, and a cycle would have to pass through this task.
    const sink = new DiagnosticSink(lines);
    checkReferences({ plan: newPlan, ids, refs }, sink);
    checkDateOrder(newPlan, sink);
    checked = sink.list;
  } else {
    const sink = new DiagnosticSink(lines);
    validatePlan({ plan: newPlan, ids, refs }, sink, lines);
    checked = sink.list;
  }
  // Not dependenciesOf(newPlan): the first schedule of this plan resolves them (parsePlan only does it early).
  const parsed = parsedPlanOf(text, newPlan, [...diagnosticsBuilt, ...checked], lines);
  recordDocument(parsed, { read: () => tree.settle(), shape: doc });
  const counts = [built.ids.length - at(MARK.ids), built.refs.length - at(MARK.refs), built.diagnostics.length - at(MARK.diags), (built.task ? 1 : 0) - (oldTask ? 1 : 0)];
  recordReparseState(parsed, {
    tree, lines, built: diagnosticsBuilt, checked, ids, refs,
    entries: entriesAfter(state.entries, k, after.node, built.task, counts, newPlan.tasks, q, delta),
  });
  return parsed;
}

/**
 * Whether a dependency of `task` leads back to it, along the edges validate.ts's cycle check
 * follows (an item to what it depends on, a milestone to its tasks, a task to its milestone's
 * dependencies). For a plan whose ids are unique, where only this task's dependencies changed.
 */
function closesCycle(plan: Plan, task: Task): boolean {
  const seen = new Set<string>();
  const queue = task.depends.filter((d) => d !== task.id);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    if (seen.has(id)) continue;
    seen.add(id);
    const item = plan.byId.get(id);
    if (item?.kind === 'task') {
      for (const d of item.depends) if (d === task.id) return true; else queue.push(d);
      const m = item.milestone !== undefined ? plan.byId.get(item.milestone) : undefined;
      if (m?.kind === 'milestone') for (const d of m.depends) if (d === task.id) return true; else queue.push(d);
    } else if (item?.kind === 'milestone') {
      for (const d of item.depends) if (d === task.id) return true; else queue.push(d);
      for (const t of item.tasks) if (t.id === task.id) return true; else queue.push(t.id);
    }
  }
  return false;
}

function sameSites<T>(a: readonly T[], b: readonly T[], key: (x: T) => string): boolean {
  return a.length === b.length && a.every((x, i) => key(x) === key(b[i]));
}

/** The task entry whose text, past its `- `, holds the old range [p, q]; -1 when none does. */
function entryHolding(entries: TaskEntries, old: string, p: number, q: number): number {
  const { starts, ends } = entries;
  for (let k = 0; k < starts.length; k++) {
    const start = starts[k];
    if (start < 0 || q > ends[k] || p <= start) continue;
    // The dash and the space after it stay as they were: the entry starts where it started.
    const dash = old.lastIndexOf('-', start - 1);
    if (dash < 0 || p < dash + 2 || old.slice(dash + 1, start).trim() !== '') return -1;
    return k;
  }
  return -1;
}

/** `list` with its run [at, at + n) replaced by `fresh`, every other element through `move`. */
function splice<T>(list: readonly T[], at: number, n: number, fresh: readonly T[], move: (x: T) => T): T[] {
  const out: T[] = new Array<T>(list.length - n + fresh.length);
  let o = 0;
  for (let i = 0; i < at; i++) out[o++] = move(list[i]);
  for (const x of fresh) out[o++] = x;
  for (let i = at + n; i < list.length; i++) out[o++] = move(list[i]);
  return out;
}

/**
 * `list` itself with its run [at, at + n) replaced by `fresh` and `move` (which changes an
 * element in place) run on every other element: for lists nothing else holds.
 */
function spliceOwned<T>(list: T[], at: number, n: number, fresh: readonly T[], move: (x: T) => void): T[] {
  for (let i = 0; i < at; i++) move(list[i]);
  for (let i = at + n; i < list.length; i++) move(list[i]);
  list.splice(at, n, ...fresh);
  return list;
}

/**
 * Hands the previous parse a syntax tree of its own, read again from its text when first asked
 * (its items are bound to the new tree's nodes by their order, the plans being equal).
 */
function handBack(previous: ParsedPlan, text: string, plan: Plan): void {
  recordDocument(previous, { read: () => {
    const again = parsePlan(text);
    const doc = documentOf(again);
    if (!doc || !again.plan) return doc;
    const bind = (mine: readonly PlanItem[], theirs: readonly PlanItem[]) => mine.forEach((item, i) => {
      const node = theirs[i] ? nodeOf(theirs[i], doc) : undefined;
      if (node) recordItemNode(doc, item, node);
    });
    const p = again.plan;
    bind(plan.people, p.people);
    bind(plan.milestones, p.milestones);
    bind(plan.tasks, p.tasks);
    bind(plan.sprints, p.sprints);
    bind(plan.risks, p.risks);
    return doc;
  } });
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What the edit does to everything outside the entry read again: offsets at or after `q` move by `delta`. */
class Mover {
  constructor(private readonly q: number, private readonly delta: number, private readonly lines: LineIndex, private readonly doc: Document) {}

  private at(o: number): number { return o < this.q ? o : o + this.delta; }

  span(s: Span): Span {
    return s.end < this.q ? s : { start: this.at(s.start), end: this.at(s.end) };
  }

  private spans(r: Readonly<Record<string, Span>>): Record<string, Span> {
    // A copy, then each span replaced: the keys stay in place (thousands of these per keystroke).
    const out: Record<string, Span> = { ...r };
    // for-in, not Object.keys: no array of keys per item.
    for (const k in out) out[k] = this.span(out[k]);
    return out;
  }

  private fix(f: Fix): Fix {
    return { ...f, edits: f.edits.map((e) => (e.offset < this.q ? e : { ...e, offset: e.offset + this.delta })) };
  }

  diagnostic(d: Diagnostic): Diagnostic {
    if (d.span.end < this.q && !(d.fix && d.fix.edits.some((e) => e.offset >= this.q))) return d;
    const span = this.span(d.span);
    const out: Mutable<Diagnostic> = { ...d, span, start: this.lines.positionAt(span.start), end: this.lines.positionAt(span.end) };
    if (d.fix) out.fix = this.fix(d.fix);
    return out;
  }

  /**
   * Moves a site of the reparse state in place. Only the state holds sites: the plan and the
   * diagnostics hold their spans and removal edits, which are replaced here, never changed.
   */
  site(s: IdSite): void {
    if (s.span.end >= this.q) (s as Mutable<IdSite>).span = this.span(s.span);
  }

  /** Moves a reference site in place (as site does). */
  ref(r: RefSite): void {
    const m = r as Mutable<RefSite>;
    if (r.span.end >= this.q) m.span = this.span(r.span);
    const removal = r.removal;
    if (removal && removal.offset >= this.q) m.removal = { offset: removal.offset + this.delta, length: removal.length, newText: removal.newText };
  }

  /** An item moved (its node moved with the tree): a copy with its spans moved, bound to the same node. */
  private item<T extends PlanItem>(x: T, changes: Partial<Mutable<T>>): T {
    return this.bind(x, { ...x, ...changes } as T);
  }

  /** `moved` replaces `x`: the node `x` was built from is now `moved`'s. */
  private bind<T extends PlanItem>(x: T, moved: T): T {
    moveItemNode(this.doc, x, moved);
    return moved;
  }

  private moved<T extends PlanItem>(x: T): T {
    return x.span.end < this.q ? x : this.item(x, { span: this.span(x.span) } as Partial<Mutable<T>>);
  }

  private task(t: Task, order: number): Task {
    if (t.span.end < this.q && t.order === order) return t;
    const out: Mutable<Task> = { ...t };
    out.span = this.span(t.span);
    out.fieldSpans = this.spans(t.fieldSpans);
    out.order = order;
    // Not bound to its node: nodeOf finds a moved task by its span (findMovedTasksBySpan).
    moveItemNode(this.doc, t, undefined);
    return out;
  }

  /**
   * The plan with `oldTask` (at `orderAt` in plan.tasks, of milestone `owner` or
   * the backlog: -1) replaced by `newTask` (either may be undefined), and every
   * item after the edit moved.
   */
  plan(plan: Plan, oldTask: Task | undefined, newTask: Task | undefined, owner: number, orderAt: number): Plan {
    const all = plan.tasks;
    const tasks: Task[] = [];
    for (let i = 0; i < orderAt; i++) tasks.push(this.task(all[i], i));
    if (newTask) tasks.push(newTask);
    for (let i = orderAt + (oldTask ? 1 : 0); i < all.length; i++) tasks.push(this.task(all[i], tasks.length));
    // plan.tasks is the milestones' tasks one after the other, then the backlog (parse.ts, build).
    const grow = (newTask ? 1 : 0) - (oldTask ? 1 : 0);
    const same = (a: readonly Task[], b: readonly Task[]) => a.length === b.length && a.every((t, i) => t === b[i]);
    let at = 0;
    const milestones = plan.milestones.map((m, i) => {
      const n = m.tasks.length + (i === owner ? grow : 0);
      const mine = tasks.slice(at, (at += n));
      if (m.span.end < this.q && same(mine, m.tasks)) return m;
      return this.item<Milestone>(m, { span: this.span(m.span), fieldSpans: this.spans(m.fieldSpans), tasks: mine });
    });
    const backlog = tasks.slice(at);
    const project = plan.project.span.end < this.q ? plan.project : { ...plan.project, span: this.span(plan.project.span) };
    const people = plan.people.map((x) => this.moved(x));
    const sprints = plan.sprints.map((x) => this.moved(x));
    const risks = plan.risks.map((x) => this.moved(x));
    if (oldTask) moveItemNode(this.doc, oldTask, undefined);
    const next = { version: 1 as const, project, people, milestones, backlog, sprints, risks, tasks };
    if (!oldTask || !newTask || oldTask.id !== newTask.id) return { ...next, byId: firstById(people, milestones, backlog, sprints, risks) };
    // The entry's id unchanged: plan.byId with each moved item in place of the old one.
    // Copied by forEach: new Map(map) makes a [key, value] array per entry.
    const byId = new Map<string, PlanItem>();
    plan.byId.forEach((item, id) => byId.set(id, item));
    const swap = (was: PlanItem, now: PlanItem) => { if (was !== now && byId.get(was.id) === was) byId.set(was.id, now); };
    swap(oldTask, newTask);
    for (let i = 0; i < all.length; i++) if (i !== orderAt) swap(all[i], tasks[i]);
    plan.milestones.forEach((m, i) => swap(m, milestones[i]));
    plan.people.forEach((x, i) => swap(x, people[i]));
    plan.sprints.forEach((x, i) => swap(x, sprints[i]));
    plan.risks.forEach((x, i) => swap(x, risks[i]));
    return { ...next, byId };
  }
}

/** The first item of each id, in the order the builder registers them (parse.ts). */
function firstById(people: readonly PlanItem[], milestones: readonly Milestone[], backlog: readonly Task[], sprints: readonly PlanItem[], risks: readonly PlanItem[]): Map<string, PlanItem> {
  const byId = new Map<string, PlanItem>();
  const register = (x: PlanItem) => { if (!byId.has(x.id)) byId.set(x.id, x); };
  people.forEach(register);
  for (const m of milestones) { register(m); m.tasks.forEach(register); }
  backlog.forEach(register);
  sprints.forEach(register);
  risks.forEach(register);
  return byId;
}

/** The entries after entry `k` was read again: its node and task replaced, the marks after it moved by `counts`. */
function entriesAfter(e: TaskEntries, k: number, node: unknown, task: Task | undefined, counts: readonly number[], planTasks: readonly Task[], q: number, delta: number): TaskEntries {
  const marks = e.marks.slice();
  const n = e.nodes.length;
  const starts = e.starts.slice();
  const ends = e.ends.slice();
  for (let j = 0; j < n; j++) {
    if (starts[j] >= q) starts[j] += delta;
    if (ends[j] >= q) ends[j] += delta;
  }
  const r = (node as YamlNode).range!;
  starts[k] = r[0];
  ends[k] = r[2];
  for (let j = k + 1; j < n; j++) {
    const b = j * MARKS;
    marks[b + MARK.idsAt] += counts[0];
    marks[b + MARK.refsAt] += counts[1];
    marks[b + MARK.diagsAt] += counts[2];
    marks[b + MARK.orderAt] += counts[3];
  }
  const base = k * MARKS;
  marks[base + MARK.ids] += counts[0];
  marks[base + MARK.refs] += counts[1];
  marks[base + MARK.diags] += counts[2];
  const nodes = e.nodes.slice();
  nodes[k] = node;
  // Each entry's task is plan.tasks at its order, when it built one.
  const tasks = e.tasks.map((t, j) => (j === k ? task : t && planTasks[marks[j * MARKS + MARK.orderAt]]));
  return { nodes, seqs: e.seqs, indexes: e.indexes, owners: e.owners, tasks, marks, starts, ends };
}
