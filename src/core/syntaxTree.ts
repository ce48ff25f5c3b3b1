// The yaml syntax tree behind a parsed plan: the Document of a ParsedPlan and
// the mapping node each plan item (task, milestone, person, ...) was built
// from. parse.ts records them while building; edit.ts reads them to compute
// minimal text edits. Kept out of ParsedPlan and Plan (WeakMaps keyed by
// them) so the public shapes stay plain data and nothing else reaches into
// the yaml nodes.
import type { Document, YAMLMap } from 'yaml';
import type { ParsedPlan } from './parse';
import type { PlanItem } from './model';

const documents = new WeakMap<ParsedPlan, Document>();
const itemNodes = new WeakMap<object, YAMLMap>();

/** parse.ts: `parsed` was read from `doc`. */
export function recordDocument(parsed: ParsedPlan, doc: Document): void {
  documents.set(parsed, doc);
}

/** parse.ts: `item` was built from the mapping `node`. */
export function recordItemNode(item: object, node: YAMLMap): void {
  itemNodes.set(item, node);
}

/** The yaml Document a ParsedPlan was read from; undefined when the text did not parse as YAML. */
export function documentOf(parsed: ParsedPlan): Document | undefined {
  return documents.get(parsed);
}

/** The mapping node a plan item was built from. */
export function nodeOf(item: PlanItem): YAMLMap | undefined {
  return itemNodes.get(item);
}
