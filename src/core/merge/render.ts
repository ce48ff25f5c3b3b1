// Turning the merge's decisions into text: clean edits on OURS, and conflicts
// written as standard markers around the smallest run of whole lines that
// holds both versions of the disputed text.
import type { TextEdit } from '../model';
import { lineEndAfterBreak, lineStartOf } from '../yamlUtil';

/** A dispute: OURS keeps [start, end); THEIRS would apply `theirs` there instead. */
export interface Conflict {
  readonly start: number;
  readonly end: number;
  readonly theirs: readonly TextEdit[];
  /** What disagrees, for the driver's report: `PAY-3 status`. */
  readonly what: string;
}

export class Collector {
  readonly edits: TextEdit[] = [];
  readonly conflicts: Conflict[] = [];
  edit(e: TextEdit): void { this.edits.push(e); }
  conflict(c: Conflict): void { this.conflicts.push(c); }
}

export interface MarkerLabels { readonly ours: string; readonly theirs: string; readonly size: number }

export const DEFAULT_LABELS: MarkerLabels = { ours: 'ours', theirs: 'theirs', size: 7 };

/**
 * Applies edits that may nest: an edit lying wholly inside an earlier deletion
 * is dropped (a task removed inside a milestone that is removed too). Any
 * other overlap is a bug in the caller and throws.
 */
export function applyNested(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.offset - b.offset || b.length - a.length);
  let out = '';
  let pos = 0;
  let deletedTo = -1;
  for (const e of sorted) {
    if (e.offset < pos || (e.length > 0 && e.offset < deletedTo)) {
      if (e.offset + e.length <= deletedTo) continue;
      throw new Error(`overlapping merge edits at offset ${e.offset}`);
    }
    out += text.slice(pos, e.offset) + e.newText;
    pos = e.offset + e.length;
    if (e.newText === '' && e.length > 0) deletedTo = pos;
  }
  return out + text.slice(pos);
}

/** Whole lines around [start, end); an empty span at a line start stays empty. */
function lineSpan(text: string, start: number, end: number): [number, number] {
  const s = lineStartOf(text, start);
  if (end === start && s === start) return [s, s];
  const e = end > start && text[end - 1] === '\n' ? end : lineEndAfterBreak(text, end);
  return [s, e];
}

function overlaps(e: TextEdit, s: number, t: number): boolean {
  const end = e.offset + e.length;
  return e.length === 0 ? e.offset > s && e.offset < t : e.offset < t && end > s;
}

/**
 * The text of ours[start, end) after the collector's edits, with every conflict
 * rendered as markers. Conflicts whose lines touch are written as one block.
 */
export function render(text: string, start: number, end: number, col: Collector, eol: string, labels: MarkerLabels = DEFAULT_LABELS): string {
  const groups: { s: number; e: number; theirs: TextEdit[] }[] = [];
  for (const c of [...col.conflicts].sort((a, b) => a.start - b.start)) {
    let [s, e] = lineSpan(text, c.start, c.end);
    // Grow over clean edits that straddle the block, so each edit is in or out.
    for (let changed = true; changed;) {
      changed = false;
      for (const x of col.edits) {
        if (overlaps(x, s, e) && (x.offset < s || x.offset + x.length > e)) {
          [s, e] = lineSpan(text, Math.min(s, x.offset), Math.max(e, x.offset + x.length));
          changed = true;
        }
      }
    }
    const last = groups[groups.length - 1];
    if (last && s < last.e) { last.e = Math.max(last.e, e); last.theirs.push(...c.theirs); } else groups.push({ s, e, theirs: [...c.theirs] });
  }
  const edits: TextEdit[] = [];
  const inGroup = new Set<TextEdit>();
  for (const g of groups) {
    const inner = col.edits.filter((x) => x.offset >= g.s && x.offset + x.length <= g.e && !(x.length === 0 && (x.offset === g.e || (x.offset === g.s && g.s !== g.e))));
    for (const x of inner) inGroup.add(x);
    const shift = (x: TextEdit): TextEdit => ({ ...x, offset: x.offset - g.s });
    const region = text.slice(g.s, g.e);
    const ours = applyNested(region, inner.map(shift));
    let theirs: string;
    try { theirs = applyNested(region, [...inner, ...g.theirs].map(shift)); } catch { theirs = applyNested(region, g.theirs.map(shift)); }
    edits.push({ offset: g.s, length: g.e - g.s, newText: markers(ours, theirs, eol, labels) });
  }
  for (const x of col.edits) if (!inGroup.has(x)) edits.push(x);
  const inside = edits.filter((x) => x.offset >= start && x.offset + x.length <= end).map((x) => ({ ...x, offset: x.offset - start }));
  return applyNested(text.slice(start, end), inside);
}

function markers(ours: string, theirs: string, eol: string, l: MarkerLabels): string {
  const line = (s: string) => (s === '' || s.endsWith('\n') ? s : s + eol);
  return `${'<'.repeat(l.size)} ${l.ours}${eol}${line(ours)}${'='.repeat(l.size)}${eol}${line(theirs)}${'>'.repeat(l.size)} ${l.theirs}${eol}`;
}
