// Draws the chart: the time header and the body (shading, grid, bars,
// milestones, arrows, today line, drag preview) for the visible window only.
//
// Why canvas and not a pooled DOM (measured by bench/cases/gantt.mjs, rows
// `gantt-*` vs `gantt-dom-pool-*`, same plan, same Chromium, same run): a
// pooled DOM prototype that draws only a bar, a progress fill and a label per
// visible row already costs as much main-thread CPU per scroll frame as this
// canvas drawing the whole scene (shading, grid, arrows, milestones, actual
// dates, markers); each of those would add nodes and style/layout work to the
// DOM version and nothing but draw calls here. A pooled DOM also needs several nodes per visible
// bar plus arrow paths, and every frame re-binds them (style writes, layout),
// while the canvas is one element and draws only the visible rows and days.
// The side list stays a small pooled DOM (about 40 rows) because it carries
// the accessible tree (aria) and keyboard focus.
import * as l10n from '@vscode/l10n';
import { G, GroupFlag, HEALTH_CODES, NO_DAY, T, TaskFlag, type GanttData, type Zoom } from '../../src/protocol/gantt';
import {
  HEADER_HEIGHT, ROW_HEIGHT, axisTicks, barDays, dayToX, ghostDays, groupOf, isGroupRef,
  type Extent, type Preview, type RowRef, type Successors, type Visible, type ChartCalendar,
} from './layout';
import type { Painter } from './painter';
import type { Palette } from './palette';

export interface LinkDrag {
  /** Source task index and the pointer in chart coordinates. */
  from: number;
  x: number;
  y: number;
  /** Task index under the pointer, -1 none. */
  target: number;
}

export interface Scene {
  data: GanttData;
  rows: RowRef[];
  /** Task index -> row index, -1 when hidden (collapsed or filtered). */
  rowOfTask: Int32Array;
  /** Group index -> [first start, last finish] of its tasks' bars (NO_DAY when none). */
  groupSpans: Int32Array;
  /** Draw the pure plan (planned dates, no forecast marks) instead of the forecast with planned ghosts. */
  planOnly: boolean;
  extent: Extent;
  pxPerDay: number;
  zoom: Zoom;
  cal: ChartCalendar;
  pal: Palette;
  succ: Successors;
  baseline: Map<string, [number, number]> | null;
  preview: Preview | null;
  selectedRow: number;
  hoverRow: number;
  link: LinkDrag | null;
}

const BAR_Y = 5;
const BAR_H = 14;
/** The planned-dates ghost: a thin bar on the row's middle line. */
const GHOST_H = 4;

/** Summary spans of every group, from the dates its tasks' bars show. */
export function computeGroupSpans(data: GanttData, planOnly: boolean): Int32Array {
  const spans = new Int32Array(data.groups.length * 2).fill(NO_DAY);
  for (const t of data.tasks) {
    const [a, b] = barDays(t, planOnly);
    if (a === NO_DAY) continue;
    const g = t[T.group] * 2;
    if (spans[g] === NO_DAY || a < spans[g]) spans[g] = a;
    if (b > spans[g + 1]) spans[g + 1] = b;
  }
  return spans;
}

/** Where a task's bar is drawn (chart coordinates, before scrolling), or null when unscheduled. */
export function barRect(s: Scene, task: number, row: number): { x1: number; x2: number; y: number } | null {
  const [a, b] = barDays(s.data.tasks[task], s.planOnly);
  if (a === NO_DAY) return null;
  return { x1: dayToX(a, s.extent, s.pxPerDay), x2: dayToX(b + 1, s.extent, s.pxPerDay), y: row * ROW_HEIGHT };
}

function diamond(p: Painter, cx: number, cy: number, r: number, fill: string | null, stroke: string | null): void {
  p.poly([cx, cy - r, cx + r, cy, cx, cy + r, cx - r, cy], fill, stroke, 1.5);
}

export function drawHeader(p: Painter, s: Scene, vis: Visible, ox: number, width: number, ticks = axisTicks(s.zoom, vis.firstDay, vis.lastDay)): void {
  const { pal } = s;
  p.rect(0, 0, width, HEADER_HEIGHT, pal.headerBackground);
  const half = HEADER_HEIGHT / 2;
  for (let i = 0; i < ticks.major.length; i++) {
    const x = Math.max(0, dayToX(ticks.major[i].day, s.extent, s.pxPerDay) - ox);
    const next = i + 1 < ticks.major.length ? dayToX(ticks.major[i + 1].day, s.extent, s.pxPerDay) - ox : width;
    p.line(x, 0, x, HEADER_HEIGHT, pal.grid, 1);
    p.text(x + 4, half / 2 + 1, ticks.major[i].label, pal.foreground, pal.boldFont, 'left', next - x - 6);
  }
  const minorW = ticks.minor.length > 1 ? (ticks.minor[1].day - ticks.minor[0].day) * s.pxPerDay : width;
  for (const t of ticks.minor) {
    const x = dayToX(t.day, s.extent, s.pxPerDay) - ox;
    p.line(x, half, x, HEADER_HEIGHT, pal.grid, 1);
    p.text(x + minorW / 2, half + half / 2, t.label, pal.muted, pal.smallFont, 'center', minorW - 2);
  }
  p.line(0, HEADER_HEIGHT - 0.5, width, HEADER_HEIGHT - 0.5, pal.grid, 1);
  const tx = dayToX(s.data.today, s.extent, s.pxPerDay) - ox + s.pxPerDay / 2;
  if (tx >= 0 && tx <= width) p.poly([tx - 5, HEADER_HEIGHT - 6, tx + 5, HEADER_HEIGHT - 6, tx, HEADER_HEIGHT], s.pal.today, null);
}

/** Draws the visible part of the body; (ox, oy) is the scroll offset. */
export function drawBody(p: Painter, s: Scene, vis: Visible, ox: number, oy: number, width: number, height: number, ticks = axisTicks(s.zoom, vis.firstDay, vis.lastDay)): void {
  const { pal, data, extent, pxPerDay } = s;
  const X = (day: number): number => dayToX(day, extent, pxPerDay) - ox;
  p.rect(0, 0, width, height, pal.background);

  // Non-working days: weekends lightly, holidays a little more (one fill each).
  if (pxPerDay >= 4) { // at month and quarter zoom the stripes would only add noise
    const weekends: number[] = [];
    const holidays: number[] = [];
    for (let d = vis.firstDay; d <= vis.lastDay; d++) {
      if (s.cal.isHoliday(d)) holidays.push(X(d), 0, pxPerDay, height);
      else if (s.cal.isWeekend(d)) weekends.push(X(d), 0, pxPerDay, height);
    }
    p.rects(weekends, pal.foreground, 0.05);
    p.rects(holidays, pal.foreground, 0.1);
  }
  const grid: number[] = [];
  for (const t of ticks.minor) { const x = Math.round(X(t.day)) + 0.5; grid.push(x, 0, x, height); }
  p.segments(grid, pal.grid, 1);

  // Row backgrounds, then arrows, then bars: arrows pass under the bars they cross.
  for (let r = vis.firstRow; r <= vis.lastRow; r++) {
    const y = r * ROW_HEIGHT - oy;
    if (isGroupRef(s.rows[r])) p.rect(0, y, width, ROW_HEIGHT, pal.groupBackground, 0.6);
    if (r === s.selectedRow) p.rect(0, y, width, ROW_HEIGHT, pal.selection, 0.8);
  }
  drawArrows(p, s, vis, ox, oy);
  for (let r = vis.firstRow; r <= vis.lastRow; r++) {
    const y = r * ROW_HEIGHT - oy;
    const ref = s.rows[r];
    if (isGroupRef(ref)) drawGroup(p, s, groupOf(ref), y, X);
    else drawTask(p, s, ref, r, y, X);
  }

  const tx = X(data.today) + pxPerDay / 2;
  if (tx >= 0 && tx <= width) p.line(tx, 0, tx, height, pal.today, 2);

  if (s.link) {
    const src = barRect(s, s.link.from, s.rowOfTask[s.link.from]);
    if (src) p.line(src.x2 - ox, src.y + ROW_HEIGHT / 2 - oy, s.link.x - ox, s.link.y - oy, pal.preview, 2, [4, 3]);
    if (s.link.target >= 0) {
      const dst = barRect(s, s.link.target, s.rowOfTask[s.link.target]);
      if (dst) p.strokeRect(dst.x1 - ox - 2, dst.y + BAR_Y - 2 - oy, dst.x2 - dst.x1 + 4, BAR_H + 4, pal.preview, 2);
    }
  }
}

function drawGroup(p: Painter, s: Scene, g: number, y: number, X: (d: number) => number): void {
  const { pal } = s;
  const row = s.data.groups[g];
  const cy = y + ROW_HEIGHT / 2;
  const a = s.groupSpans[g * 2];
  const b = s.groupSpans[g * 2 + 1];
  let right = -Infinity;
  if (a !== NO_DAY) {
    // Summary bracket over the group's span, filled to its progress.
    const x1 = X(a);
    const x2 = X(b + 1);
    const color = row[G.flags] & GroupFlag.critical ? pal.critical : pal.muted;
    p.rect(x1, cy - 3, x2 - x1, 6, color, 0.35);
    p.rect(x1, cy - 3, ((x2 - x1) * row[G.progress]) / 100, 6, color, 0.9);
    p.poly([x1, cy - 3, x1 + 5, cy - 3, x1, cy + 6], color, null);
    p.poly([x2, cy - 3, x2 - 5, cy - 3, x2, cy + 6], color, null);
    right = x2;
  }
  if (row[G.flags] & GroupFlag.backlog) return;
  const due = row[G.due];
  // The pure plan shows the commitment (due) and the planned span only.
  const forecast = s.planOnly ? NO_DAY : s.preview?.groups.get(g) ?? row[G.forecast];
  const p50 = s.planOnly ? NO_DAY : s.data.bands?.[2 * g] ?? NO_DAY;
  if (p50 !== NO_DAY) {
    // The Monte Carlo band, P50 to P95, under the diamonds: late when even P50 is after the due.
    const p95 = s.data.bands![2 * g + 1];
    const bx = X(p50 + 1);
    const color = due !== NO_DAY && p50 > due ? pal.late : pal.onTime;
    p.rect(bx, cy - 4, Math.max(2, X(p95 + 1) - bx), 8, color, 0.3);
    right = Math.max(right, X(p95 + 1));
  }
  if (due !== NO_DAY) {
    const dx = X(due + 1);
    diamond(p, dx, cy, 7, pal.milestone, pal.background);
    right = Math.max(right, dx + 7);
  }
  if (forecast !== NO_DAY) {
    const late = due !== NO_DAY && forecast > due;
    const fx = X(forecast + 1);
    const color = s.preview?.groups.has(g) ? pal.preview : late ? pal.late : pal.onTime;
    diamond(p, fx, cy, 5, null, color);
    p.line(fx, cy - 9, fx, cy + 9, color, 1, [2, 2]);
    right = Math.max(right, fx + 6);
  }
  const health = HEALTH_CODES[row[G.health]];
  const label = health ? `${row[G.title]} · ${health}` : row[G.title];
  if (Number.isFinite(right)) p.text(right + 6, cy, label, pal.foreground, pal.boldFont, 'left', 320);
}

function drawTask(p: Painter, s: Scene, i: number, r: number, y: number, X: (d: number) => number): void {
  const { pal } = s;
  const t = s.data.tasks[i];
  const by = y + BAR_Y;
  const critical = (t[T.flags] & TaskFlag.critical) !== 0;
  const color = critical ? pal.critical : pal.bar;
  const base = s.baseline?.get(t[T.id]);
  if (base) {
    const x1 = X(base[0]);
    p.rect(x1, y + 2, X(base[1] + 1) - x1, ROW_HEIGHT - 4, pal.muted, 0.18);
    p.strokeRect(x1, y + 2, X(base[1] + 1) - x1, ROW_HEIGHT - 4, pal.muted, 1, [3, 2]);
  }
  const [start, finish] = barDays(t, s.planOnly);
  if (start === NO_DAY) {
    p.text(X(s.data.today) + 4, y + ROW_HEIGHT / 2, l10n.t('{0} (not scheduled)', t[T.id]), pal.muted, pal.smallFont);
    return;
  }
  const ghost = ghostDays(t, s.planOnly);
  if (ghost) {
    // The planned dates, a thin grey bar on the row's middle line under the
    // bar: a slip is the gap between the two.
    const gx = X(ghost[0]);
    p.rect(gx, y + (ROW_HEIGHT - GHOST_H) / 2, Math.max(2, X(ghost[1] + 1) - gx), GHOST_H, pal.muted, 0.7);
  }
  const pending = s.preview?.tasks.get(i);
  const x1 = X(start);
  const x2 = X(finish + 1);
  const w = Math.max(2, x2 - x1);
  const dropped = t[T.status] === 5;
  if (dropped) {
    p.strokeRect(x1, by, w, BAR_H, pal.muted, 1, [3, 2]);
  } else {
    p.rect(x1, by, w, BAR_H, color, pending ? 0.15 : 0.38);
    if (t[T.progress] > 0) p.rect(x1, by, (w * t[T.progress]) / 100, BAR_H, color, pending ? 0.3 : 1);
    if (critical && !pending) p.strokeRect(x1, by, w, BAR_H, pal.critical, 1.5);
    // High contrast: fills alone are not enough, every bar gets the theme's contrast border.
    if (pal.contrastBorder && !critical) p.strokeRect(x1, by, w, BAR_H, pal.contrastBorder, 1);
  }
  if (r === s.hoverRow || r === s.selectedRow) {
    p.strokeRect(x1 - 1, by - 1, w + 2, BAR_H + 2, pal.focus, 1.5);
    // The handle to drag a dependency from.
    p.poly([x2 + 6, by + 3, x2 + 10, by + 7, x2 + 6, by + 11, x2 + 2, by + 7], pal.focus, null);
  }
  if (pending) {
    const px1 = X(pending[0]);
    const px2 = X(pending[1] + 1);
    p.rect(px1, by, px2 - px1, BAR_H, pal.preview, 0.35);
    p.strokeRect(px1, by, px2 - px1, BAR_H, pal.preview, 2);
  }
  // Actual dates from commits: a thin line under the bar, to today while unfinished.
  if (t[T.actualStart] !== NO_DAY) {
    const af = t[T.actualFinish] !== NO_DAY ? t[T.actualFinish] : Math.max(t[T.actualStart], s.data.today);
    const ax = X(t[T.actualStart]);
    p.rect(ax, by + BAR_H + 1, Math.max(2, X(af + 1) - ax), 3, pal.actual, 1);
  }
  if (t[T.flags] & TaskFlag.overAllocated) {
    p.poly([x1 - 12, by + BAR_H, x1 - 6, by, x1 - 0, by + BAR_H], pal.warning, null);
  }
  const right = Math.max(x2, pending ? X(pending[1] + 1) : x2);
  p.text(right + 14, y + ROW_HEIGHT / 2, t[T.title], pal.muted, pal.smallFont, 'left', 260);
}

/** Dependency arrows that touch a visible row: incoming to it, or outgoing to a row below/above the window. */
function drawArrows(p: Painter, s: Scene, vis: Visible, ox: number, oy: number): void {
  const { data } = s;
  for (let r = vis.firstRow; r <= vis.lastRow; r++) {
    const ref = s.rows[r];
    if (isGroupRef(ref)) continue;
    const t = data.tasks[ref];
    for (const d of t[T.deps]) {
      const pi = s.succ.taskIndex.get(d);
      if (pi === undefined) continue;
      const pr = s.rowOfTask[pi];
      if (pr < 0) continue;
      arrow(p, s, pi, pr, ref, r, ox, oy);
    }
    for (const si of s.succ.tasks[ref]) {
      const sr = s.rowOfTask[si];
      if (sr >= 0 && (sr < vis.firstRow || sr > vis.lastRow)) arrow(p, s, ref, r, si, sr, ox, oy);
    }
  }
}

function arrow(p: Painter, s: Scene, from: number, fromRow: number, to: number, toRow: number, ox: number, oy: number): void {
  const a = barRect(s, from, fromRow);
  const b = barRect(s, to, toRow);
  if (!a || !b) return;
  const tf = s.data.tasks[from];
  const tt = s.data.tasks[to];
  const critical = (tf[T.flags] & tt[T.flags] & TaskFlag.critical) !== 0;
  const color = critical ? s.pal.critical : s.pal.muted;
  const width = critical ? 1.5 : 1;
  const ax = a.x2 - ox;
  const ay = a.y + ROW_HEIGHT / 2 - oy;
  const bx = b.x1 - ox;
  const by = b.y + ROW_HEIGHT / 2 - oy;
  if (bx >= ax + 10) {
    const mx = ax + 5;
    p.path([ax, ay, mx, ay, mx, by, bx - 1, by], color, width);
  } else {
    // The successor starts before the predecessor ends on screen: go around.
    const midY = b.y - oy + (toRow > fromRow ? 0 : ROW_HEIGHT);
    p.path([ax, ay, ax + 5, ay, ax + 5, midY, bx - 6, midY, bx - 6, by, bx - 1, by], color, width);
  }
  p.poly([bx, by, bx - 5, by - 3.5, bx - 5, by + 3.5], color, null);
}
