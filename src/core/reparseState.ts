// What a full parse keeps for the incremental reparse (reparse.ts): its
// syntax tree, the diagnostics the builder wrote (before the cross-item
// rules), the id and reference sites, and where each task entry of a block
// list sits and what it contributed. parse.ts records it on the fast read
// path only, and only when asked (ParseOptions.reparse: callers that will
// reparse); kept out of ParsedPlan (a WeakMap keyed by it), like syntaxTree.ts.
import type { Document, YAMLSeq } from 'yaml';
import type { Diagnostic, Task } from './model';
import type { IdSite, RefSite } from './validate';
import type { LineIndex } from './yamlUtil';

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
  /** Its node's range in the current text: start and end (range[0], range[2]); the tree's may lag (MovingTree). */
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** Where its contributions start in the builder's lists, and how many: MARK fields, MARKS per entry. */
  readonly marks: Int32Array;
}

/**
 * The syntax tree of the latest parse of a chain of reparses. Each reparse
 * puts the entry it read in place at once, but moving the ranges after the
 * edit is a walk over the whole tree: it waits (pending) until someone reads
 * the tree (documentOf), then every pending move is applied in one walk.
 */
export class MovingTree {
  private pending: { q: number; delta: number }[] = [];
  /** Entry nodes read by a reparse: their ranges are already in the coordinates after edit n (pending[0, n) applied). */
  private born = new Map<unknown, number>();
  private length: number;

  constructor(readonly doc: Document, textLength: number) {
    this.length = textLength;
  }

  /** After an edit: offsets from `q` on move by `delta`; `fresh` (read in the new text) is already right. */
  move(q: number, delta: number, fresh: unknown, textLength: number): void {
    this.pending.push({ q, delta });
    this.born.set(fresh, this.pending.length);
    this.length = textLength;
    // A long run of edits nobody reads the tree between: settle now and then, so pending stays short.
    if (this.pending.length >= 64) this.settle();
  }

  /** Where `offset`, in the coordinates after edit `from`, is now. */
  private at(offset: number, from: number): number {
    let o = offset;
    for (let j = from; j < this.pending.length; j++) if (o >= this.pending[j].q) o += this.pending[j].delta;
    return o;
  }

  /** The current range of `node` (read before the first pending move, or read by a reparse). */
  rangeOf(node: { range?: [number, number, number] | null }): [number, number, number] {
    const r = node.range!;
    const from = this.born.get(node) ?? 0;
    return [this.at(r[0], from), this.at(r[1], from), this.at(r[2], from)];
  }

  /** The tree with every range where the current text has it. */
  settle(): Document {
    if (this.pending.length) {
      type Walked = { range?: [number, number, number] | null; items?: unknown[]; key?: unknown; value?: unknown };
      // Node, and the number of moves already applied to it.
      const stack: [unknown, number][] = [[this.doc.contents, 0]];
      const last = this.pending.length;
      // The moves from each `from` on, composed once: a node's offsets then move in log(moves) steps, not one per move.
      const composed = new Map<number, ComposedMoves>();
      while (stack.length) {
        const [x, from0] = stack.pop()!;
        const n = x as Walked | null;
        if (n === null || typeof n !== 'object') continue;
        const from = this.born.get(n) ?? from0;
        if (from === last) continue; // read by the last reparse: right as it is
        const r = n.range;
        if (r === undefined) { stack.push([n.key, from], [n.value, from]); continue; } // a pair
        if (r === null) continue;
        let moves = composed.get(from);
        if (!moves) composed.set(from, (moves = new ComposedMoves(this.pending, from)));
        if (r[2] < moves.firstQ) continue; // ends before every edit: so does all inside
        r[0] = moves.at(r[0]);
        r[1] = moves.at(r[1]);
        r[2] = moves.at(r[2]);
        const items = n.items;
        if (items !== undefined) for (let i = 0; i < items.length; i++) stack.push([items[i], from]);
      }
      this.pending = [];
      this.born = new Map();
      const top = this.doc.contents as Walked | null;
      if (top?.range) this.doc.range = [top.range[0], top.range[1], this.length];
    }
    return this.doc;
  }
}

/**
 * Moves `pending[from..]` applied one after the other, as one function: the
 * offsets split into runs (`starts`, ascending from 0) that every move treats
 * alike, and how far each run moves in all (`shifts`). Exactly what applying
 * the moves in turn gives (MovingTree.at), for any offset.
 */
class ComposedMoves {
  private readonly starts: number[] = [0];
  private readonly shifts: number[] = [0];
  /** Offsets below this are before every edit: none moves. */
  readonly firstQ: number = Infinity;

  constructor(pending: readonly { q: number; delta: number }[], from: number) {
    let starts = this.starts;
    let shifts = this.shifts;
    for (let j = from; j < pending.length; j++) {
      const { q, delta } = pending[j];
      this.firstQ = Math.min(this.firstQ, q);
      const ns: number[] = [];
      const nd: number[] = [];
      for (let i = 0; i < starts.length; i++) {
        const a = starts[i];
        const b = i + 1 < starts.length ? starts[i + 1] : Infinity;
        const c = shifts[i];
        // Offsets of this run that have reached q when this move comes (o + c >= q) move by delta.
        const cut = q - c;
        if (cut <= a) { ns.push(a); nd.push(c + delta); } else if (cut >= b) { ns.push(a); nd.push(c); } else { ns.push(a, cut); nd.push(c, c + delta); }
      }
      starts = ns;
      shifts = nd;
    }
    this.starts = starts;
    this.shifts = shifts;
  }

  at(offset: number): number {
    const s = this.starts;
    let lo = 0;
    let hi = s.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (s[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return offset + this.shifts[lo];
  }
}

export interface ReparseState {
  readonly tree: MovingTree;
  readonly lines: LineIndex;
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
