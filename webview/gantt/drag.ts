// Dragging a bar: which part of a bar the pointer is on (move, resize,
// link), and the dates and knock-on preview of a move or resize, on the
// calendar of the task's assignee (the one the schedule uses).
import { NO_DAY, STATUS_CODES, T, type TaskRow } from '../../src/protocol/gantt';
import { barDays, forwardPass, isGroupRef, type ChartCalendar, type ChartCalendars, type Preview } from './layout';
import { barRect, type Scene } from './chart';

export type Drag =
  | { kind: 'move' | 'resize'; task: number; x0: number; moved: boolean; start: number; finish: number; preview: Preview | null }
  | { kind: 'link'; task: number; x0: number; moved: boolean };

export interface BarHit {
  readonly task: number;
  readonly part: 'move' | 'resize' | 'link';
}

/** The bar part at chart point (x, row): its body moves, its end resizes, just past the end links. */
export function hitBar(s: Scene, x: number, row: number): BarHit | null {
  if (row < 0 || row >= s.rows.length || isGroupRef(s.rows[row])) return null;
  const task = s.rows[row];
  const bar = barRect(s, task, row);
  if (!bar) return null;
  const { x1, x2 } = bar;
  if (x >= x2 + 1 && x <= x2 + 12) return { task, part: 'link' };
  if (x >= x2 - 5 && x <= x2 + 1) return { task, part: 'resize' };
  if (x >= x1 && x <= x2) return { task, part: 'move' };
  return null;
}

/** Sets a move or resize drag's dates and preview for the pointer at `x`; returns the preview and the task's calendar. */
export function dragDates(s: Scene, cals: ChartCalendars, d: Extract<Drag, { kind: 'move' | 'resize' }>, x: number): { preview: Preview; cal: ChartCalendar } {
  const t = s.data.tasks[d.task];
  const delta = Math.round((x - d.x0) / s.pxPerDay);
  const cal = cals.forPerson(t[T.assignee]);
  // The bar as drawn (forecast or plan) is what the pointer moves.
  const [start, finish] = barDays(t, s.planOnly);
  const days = cal.count(start, finish);
  if (d.kind === 'move') {
    d.start = cal.nextWorkday(start + delta);
    d.finish = cal.finishAfter(d.start, days);
  } else {
    const f = Math.max(start, finish + delta);
    d.finish = cal.finishAfter(start, cal.count(start, f));
  }
  const preview = forwardPass(s.data, s.succ, cals, d.task, d.start, d.finish, s.planOnly);
  d.preview = preview;
  return { preview, cal };
}

/**
 * Why the bar as drawn cannot be moved (or, when done, resized), or null. The
 * forecast draws dates that come from the commits, which project.yml does
 * not set: a done task sits at its actual dates, a started one begins on its
 * first commit. Writing `start:` (or an estimate for done work) would change
 * nothing drawn and the bar would snap back, so the chart says why instead;
 * the pure plan (the Plan button) still moves them.
 */
export function fixedByCommits(t: TaskRow, planOnly: boolean, part: 'move' | 'resize'): 'done' | 'started' | null {
  if (planOnly || t[T.forecastStart] === NO_DAY) return null;
  if (STATUS_CODES[t[T.status]] === 'done' && t[T.actualFinish] !== NO_DAY) return 'done';
  if (part === 'move' && STATUS_CODES[t[T.status]] !== 'dropped' && t[T.actualStart] !== NO_DAY && t[T.forecastStart] === t[T.actualStart]) return 'started';
  return null;
}
