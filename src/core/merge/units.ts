// Text units of a YAML document for the merge: the span a list entry or a
// `key: value` pair occupies (own comment lines above it and a comment at the
// end of its last line included), compared across the three versions after
// removing indentation and CR, and moved between files re-indented.
import type { Pair, YAMLMap, YAMLSeq } from 'yaml';
import { lineEndAfterBreak, lineStartOf } from '../yamlUtil';

/** [start, end) in one version's text; `col` is the indentation its lines are relative to. */
export interface Unit { readonly start: number; readonly end: number; readonly col: number }

type Ranged = { range?: [number, number, number] | null };

function columnOf(text: string, offset: number): number { return offset - lineStartOf(text, offset); }

function onlySpacesBefore(text: string, offset: number): boolean {
  return /^[ ]*$/.test(text.slice(lineStartOf(text, offset), offset));
}

/** Start of the comment lines directly above `lineStart` that are indented exactly `col`. */
function ownCommentsStart(text: string, lineStart: number, col: number): number {
  let start = lineStart;
  while (start > 0) {
    const prev = lineStartOf(text, start - 1);
    const m = /^([ ]*)#/.exec(text.slice(prev, start));
    if (!m || m[1].length !== col) break;
    start = prev;
  }
  return start;
}

/** End of the line holding `end - 1` (past its break), unless `end` already starts a line. */
function wholeLinesEnd(text: string, end: number): number {
  return end > 0 && text[end - 1] === '\n' ? end : lineEndAfterBreak(text, end);
}

/** A block list entry: its lines from the dash (and own comments above) to the end of its last line. */
export function entryUnit(text: string, seq: YAMLSeq, index: number): Unit {
  const node = seq.items[index] as Ranged;
  const r = node.range!;
  if (seq.flow) return { start: r[0], end: r[1], col: 0 };
  const lineStart = lineStartOf(text, r[0]);
  const col = text.indexOf('-', lineStart) - lineStart;
  let end = wholeLinesEnd(text, r[1]);
  const next = seq.items[index + 1] as Ranged | undefined;
  if (next?.range) end = Math.min(end, lineStartOf(text, next.range[0]));
  return { start: ownCommentsStart(text, lineStart, col), end, col };
}

/**
 * A pair of a mapping. In a block mapping: whole lines, with own comments
 * above (unless the key shares its line with a list dash) and the comment at
 * the end of its last line. In a flow mapping: from the key to the end of the value.
 */
export function pairUnit(text: string, map: YAMLMap, pair: Pair): Unit {
  const keyStart = (pair.key as Ranged).range![0];
  const v = pair.value as Ranged | null;
  const valueEnd = v?.range?.[1] ?? (pair.key as Ranged).range![1];
  const col = columnOf(text, keyStart);
  if (map.flow) return { start: keyStart, end: valueEnd, col };
  const end = wholeLinesEnd(text, valueEnd);
  if (!onlySpacesBefore(text, keyStart)) return { start: keyStart, end, col };
  return { start: ownCommentsStart(text, lineStartOf(text, keyStart), col), end, col };
}

const leads = new Map<number, RegExp>();
function leadOf(col: number): RegExp {
  let re = leads.get(col);
  if (!re) leads.set(col, (re = new RegExp(`^ {0,${col}}`, 'gm')));
  return re;
}

/** The unit's text without its indentation and CRs: equal across versions when the user saw the same thing. */
export function normText(text: string, u: Unit): string {
  const body = text.slice(u.start, u.end).replace(/\r\n/g, '\n');
  if (u.col === 0) return body;
  return body.replace(leadOf(u.col), '');
}

/**
 * Normalised text placed at indentation `col`, with `eol` line breaks. The
 * first line is indented only when `indentFirst` (the text then starts a line).
 */
export function placeText(norm: string, col: number, eol: string, indentFirst: boolean): string {
  const pad = ' '.repeat(col);
  return norm.split('\n').map((line, i) => (line === '' || (i === 0 && !indentFirst) ? line : pad + line)).join(eol);
}
