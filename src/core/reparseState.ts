// What a full parse keeps for the incremental reparse (reparse.ts): its
// syntax tree, the diagnostics the builder wrote (before the cross-item
// rules), the id and reference sites, and where each task entry of a block
// list sits and what it contributed. parse.ts records it on the fast read
// path only; kept out of ParsedPlan (a WeakMap keyed by it), like syntaxTree.ts.
import type { Document, YAMLSeq } from 'yaml';
import type { Diagnostic, Task } from './model';
import type { IdSite, RefSite } from './validate';

/** Per task entry, in build order: 7 numbers in TaskEntries.marks. */
export const MARK = { idsAt: 0, ids: 1, refsAt: 2, refs: 3, diagsAt: 4, diags: 5, orderAt: 6 } as const;
export const MARKS = 7;

/**
 * Every entry of a block-style task list (a milestone's `tasks`, the
 * `backlog`) the builder read, in build order (the order of plan.tasks).
 */
export interface TaskEntries {
  /** The entry's node (a mapping, or whatever was written there). */
  readonly nodes: readonly unknown[];
  /** The list holding it and its index there. */
  readonly seqs: readonly YAMLSeq[];
  readonly indexes: Int32Array;
  /** plan.milestones index of its milestone; -1: the backlog. */
  readonly owners: Int32Array;
  /** The task built from it, if any. */
  readonly tasks: readonly (Task | undefined)[];
  /** Where its contributions start in the builder's lists, and how many: MARK fields, MARKS per entry. */
  readonly marks: Int32Array;
}

export interface ReparseState {
  readonly doc: Document;
  /** The builder's diagnostics in the order written (before validatePlan's). */
  readonly built: readonly Diagnostic[];
  /** validatePlan's diagnostics, in the order written. */
  readonly checked: readonly Diagnostic[];
  readonly ids: readonly IdSite[];
  readonly refs: readonly RefSite[];
  readonly entries: TaskEntries;
}

const states = new WeakMap<object, ReparseState>();

export function recordReparseState(parsed: object, state: ReparseState): void {
  states.set(parsed, state);
}

/** The state of `parsed`, taken: the tree moves to the next parse, so a parse is a base only once. */
export function takeReparseState(parsed: object): ReparseState | undefined {
  const s = states.get(parsed);
  states.delete(parsed);
  return s;
}
