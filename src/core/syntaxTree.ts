// The yaml syntax tree behind a parsed plan: the Document of a ParsedPlan and
// the mapping node each plan item (task, milestone, person, ...) was built
// from. parse.ts records them while building; edit.ts reads them to compute
// minimal text edits. Kept out of ParsedPlan and Plan (WeakMaps keyed by
// them) so the public shapes stay plain data and nothing else reaches into
// the yaml nodes.
//
// Item nodes are recorded per Document: an incremental reparse (reparse.ts)
// keeps the item objects that did not move, and the same item then belongs
// to two parses, each with its own tree. A Document may also be recorded
// lazily (a function that builds it on first use): the parse an incremental
// reparse started from hands its tree over to the new parse and gets its own
// back by reading its text again, only if someone asks.
import type { Document, YAMLMap } from 'yaml';
import type { ParsedPlan } from './parse';
import type { PlanItem } from './model';
import { Y } from './yamlLib';

/** A Document built (or brought up to date) on first use; `shape`, when given, has its keys and values right already. */
export interface LazyDocument {
  read(): Document | undefined;
  readonly shape?: Document;
}

const documents = new WeakMap<ParsedPlan, Document | LazyDocument>();
// A Map per Document, not a WeakMap: reparse.ts binds thousands of moved items per keystroke, and
// removes the ones it replaced (forgetItemNode), so a Map holds only the items of the Document's plan.
const itemNodes = new WeakMap<Document, Map<object, YAMLMap>>();

/** parse.ts: `parsed` was read from `doc` (or from what `doc.read()` gives, when first asked). */
export function recordDocument(parsed: ParsedPlan, doc: Document | LazyDocument): void {
  documents.set(parsed, doc);
}

/** parse.ts: in `doc`, `item` was built from the mapping `node`. */
export function recordItemNode(doc: Document, item: object, node: YAMLMap): void {
  let nodes = itemNodes.get(doc);
  if (!nodes) itemNodes.set(doc, (nodes = new Map()));
  nodes.set(item, node);
}

/** reparse.ts: `item` moved to another object (`moved`), or is gone when `moved` is undefined. */
export function moveItemNode(doc: Document, item: object, moved: object | undefined): void {
  const nodes = itemNodes.get(doc);
  const node = nodes?.get(item);
  if (!nodes || !node) return;
  nodes.delete(item);
  if (moved) nodes.set(moved, node);
}

/** The yaml Document a ParsedPlan was read from; undefined when the text did not parse as YAML. */
export function documentOf(parsed: ParsedPlan): Document | undefined {
  const d = documents.get(parsed);
  if (!isLazy(d)) return d;
  const doc = d.read();
  if (doc) documents.set(parsed, doc);
  else documents.delete(parsed);
  return doc;
}

/**
 * The Document for reading its keys, kinds and values, not its ranges: it
 * may skip bringing the ranges up to date (planRecognition asks on every
 * keystroke for the top-level keys).
 */
export function documentShapeOf(parsed: ParsedPlan): Document | undefined {
  const d = documents.get(parsed);
  return isLazy(d) && d.shape ? d.shape : documentOf(parsed);
}

function isLazy(d: Document | LazyDocument | undefined): d is LazyDocument {
  return d !== undefined && typeof (d as LazyDocument).read === 'function';
}

/** Documents whose tasks reparse.ts moves without binding each copy: nodeOf finds those by their span. */
const tasksBySpan = new WeakSet<Document>();

/**
 * reparse.ts: the task copies it makes in `doc` (thousands per keystroke, with
 * moved spans) are found by their span when an edit asks, not bound one by one.
 */
export function findMovedTasksBySpan(doc: Document): void {
  tasksBySpan.add(doc);
}

/** The mapping node a plan item was built from, in `doc` (the Document of the item's parse, read with documentOf). */
export function nodeOf(item: PlanItem, doc: Document): YAMLMap | undefined {
  const bound = itemNodes.get(doc)?.get(item);
  if (bound || item.kind !== 'task' || !tasksBySpan.has(doc)) return bound;
  return taskNodeAt(doc, item.span.start, item.id);
}

/** The mapping that starts at `at` and has the id `id`: down the tree through the nodes that hold `at`. */
function taskNodeAt(doc: Document, at: number, id: string): YAMLMap | undefined {
  type Walked = { range?: [number, number, number] | null; items?: unknown[] };
  let n = doc.contents as Walked | null;
  while (n !== null && typeof n === 'object') {
    if (Y().isMap(n) && n.range?.[0] === at) {
      const v = n.get('id', true);
      return Y().isScalar(v) && (v.source === id || String(v.value) === id) ? n : undefined;
    }
    const items = n.items;
    if (items === undefined) return undefined;
    let next: Walked | null = null;
    for (const item of items) {
      const x = (Y().isPair(item) ? item.value : item) as Walked | null;
      const r = x?.range;
      if (r && r[0] <= at && at < r[2]) { next = x; break; }
    }
    n = next;
  }
  return undefined;
}
