// Where every card goes: the filtered cards, their swimlanes and columns, and
// the pixel geometry the virtualized view draws from. Pure (no DOM), so the
// bench and checks can call it.
import * as l10n from '@vscode/l10n';
import { C, STATUSES, type BoardData, type BoardViewState, type CardRow } from '../../src/protocol/board';

export const CARD_H = 112;
export const CARD_GAP = 6;
export const LANE_HEAD_H = 30;
export const COLUMN_HEAD_H = 34;
export const MIN_COLUMN_W = 180;
export const LANE_PAD = 8;

export interface Lane {
  /** The lane's value: milestone, person or sprint id; '' for backlog / unassigned / no sprint / the one lane. */
  key: string;
  label: string;
  /** cells[column] = indexes into data.cards, in file order. */
  cells: number[][];
  top: number;
  /** Height of the lane's header (0 without swimlanes). */
  head: number;
  height: number;
  count: number;
}

export interface Layout {
  columns: number[]; // status codes shown, in order
  lanes: Lane[];
  /** Cards per shown column, over all lanes (the WIP counts). */
  counts: number[];
  columnWidth: number;
  height: number;
  width: number;
  shown: number;
  /** card index -> [lane, column, row] */
  where: Map<number, [number, number, number]>;
}

export const DROPPED = STATUSES.indexOf('dropped');

/** The cards the filters let through (indexes into data.cards). */
export function filterCards(data: BoardData, s: BoardViewState): number[] {
  const text = s.text.trim().toLowerCase();
  const person = s.mine ? data.me : s.assignee;
  const pIdx = person ? data.people.findIndex((p) => p[0] === person) : -1;
  const mIdx = s.milestone ? data.milestones.findIndex((m) => m[0] === s.milestone) : -1;
  const sIdx = s.sprint ? data.sprints.findIndex((x) => x[0] === s.sprint) : -1;
  const out: number[] = [];
  data.cards.forEach((c, i) => {
    if (!s.showDropped && c[C.status] === DROPPED) return;
    if ((person || s.mine) && c[C.assignee] !== pIdx) return;
    if (s.milestone && c[C.milestone] !== mIdx) return;
    if (s.sprint && !c[C.sprints].includes(sIdx)) return;
    if (s.tag && !c[C.tags].includes(s.tag)) return;
    if (text && !c[C.id].toLowerCase().includes(text) && !c[C.title].toLowerCase().includes(text)) return;
    out.push(i);
  });
  return out;
}

/** The lane a card belongs to (index into the lane list of `lanesOf`). */
function laneIndexOf(c: CardRow, s: BoardViewState, laneCount: number): number {
  switch (s.lanes) {
    case 'none': return 0;
    case 'milestone': return c[C.milestone] >= 0 ? c[C.milestone] : laneCount - 1;
    case 'assignee': return c[C.assignee] >= 0 ? c[C.assignee] : laneCount - 1;
    // A card in several sprints sits in its latest one.
    case 'sprint': return c[C.sprints].length > 0 ? c[C.sprints][c[C.sprints].length - 1] : laneCount - 1;
  }
}

function laneHeads(data: BoardData, s: BoardViewState): [string, string][] {
  const named = (rows: [string, string][], rest: string): [string, string][] => [...rows.map(([id, name]): [string, string] => [id, name ? `${id} · ${name}` : id]), ['', rest]];
  switch (s.lanes) {
    case 'none': return [['', '']];
    case 'milestone': return named(data.milestones, l10n.t('Backlog'));
    case 'assignee': return named(data.people, l10n.t('Unassigned'));
    case 'sprint': return named(data.sprints, l10n.t('No sprint'));
  }
}

export function layoutBoard(data: BoardData, s: BoardViewState, viewportWidth: number): Layout {
  const columns = STATUSES.map((_, i) => i).filter((i) => s.showDropped || i !== DROPPED);
  const colOf = new Map(columns.map((c, i) => [c, i]));
  const heads = laneHeads(data, s);
  const lanes: Lane[] = heads.map(([key, label]) => ({ key, label, cells: columns.map(() => []), top: 0, head: 0, height: 0, count: 0 }));
  const counts = columns.map(() => 0);
  const cards = filterCards(data, s);
  for (const i of cards) {
    const c = data.cards[i];
    const col = colOf.get(c[C.status]);
    if (col === undefined) continue;
    const lane = lanes[laneIndexOf(c, s, lanes.length)];
    lane.cells[col].push(i);
    lane.count++;
    counts[col]++;
  }
  // Lanes for a filtered-out milestone / person / sprint, and empty catch-all lanes, are left out.
  const kept = lanes.filter((l, i) => {
    if (s.lanes === 'none') return true;
    if (s.lanes === 'milestone' && s.milestone) return l.key === s.milestone;
    if (s.lanes === 'assignee' && (s.assignee || s.mine)) return l.key === (s.mine ? data.me : s.assignee);
    if (s.lanes === 'sprint' && s.sprint) return l.key === s.sprint;
    return l.count > 0 || i < lanes.length - 1;
  });
  const where = new Map<number, [number, number, number]>();
  let y = COLUMN_HEAD_H;
  kept.forEach((lane, li) => {
    const rows = lane.cells.reduce((m, cell) => Math.max(m, cell.length), 1);
    lane.top = y;
    lane.head = s.lanes === 'none' ? 0 : LANE_HEAD_H;
    lane.height = lane.head + LANE_PAD + rows * (CARD_H + CARD_GAP);
    y += lane.height;
    lane.cells.forEach((cell, ci) => cell.forEach((card, r) => where.set(card, [li, ci, r])));
  });
  const columnWidth = Math.max(MIN_COLUMN_W, Math.floor(viewportWidth / columns.length));
  return { columns, lanes: kept, counts, columnWidth, height: y + LANE_PAD, width: columnWidth * columns.length, shown: cards.length, where };
}

/** Top-left of a card cell (lane, column, row) in the scroller's content coordinates. */
export function cardPosition(l: Layout, lane: number, column: number, row: number): { x: number; y: number } {
  const ln = l.lanes[lane];
  return { x: column * l.columnWidth + CARD_GAP, y: ln.top + ln.head + LANE_PAD / 2 + row * (CARD_H + CARD_GAP) };
}

/** The (lane, column) under a point in content coordinates, or undefined. */
export function cellAt(l: Layout, x: number, y: number): { lane: number; column: number } | undefined {
  if (x < 0 || x >= l.width || y < COLUMN_HEAD_H) return undefined;
  const column = Math.floor(x / l.columnWidth);
  let lo = 0;
  let hi = l.lanes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const ln = l.lanes[mid];
    if (y < ln.top) hi = mid - 1;
    else if (y >= ln.top + ln.height) lo = mid + 1;
    else return { lane: mid, column };
  }
  return undefined;
}

/** Lanes overlapping [top, bottom) (binary search: 10k cards may mean hundreds of lanes). */
export function lanesIn(l: Layout, top: number, bottom: number): number[] {
  let lo = 0;
  let hi = l.lanes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (l.lanes[mid].top + l.lanes[mid].height <= top) lo = mid + 1;
    else hi = mid;
  }
  const out: number[] = [];
  for (let i = lo; i < l.lanes.length && l.lanes[i].top < bottom; i++) out.push(i);
  return out;
}
