// What the chart says in words: the status line during a drag and the
// tooltip of a row (plain text; the app puts it in textContent).
import { G, NO_DAY, STATUS_CODES, T, TaskFlag, type TaskRow } from '../../src/protocol/gantt';
import { barDays, formatDay, ghostDays, groupOf, isGroupRef, type ChartCalendar, type ChartCalendars, type Preview } from './layout';
import type { Scene } from './chart';

/** The drag's status line: the task's new dates, how many successors move, milestone forecasts. */
export function describePreview(s: Scene, task: number, p: Preview, cal: ChartCalendar): string {
  const t = s.data.tasks[task];
  const [a, b] = p.tasks.get(task) ?? barDays(t, s.planOnly);
  const parts = [`${t[T.id]}: ${formatDay(a)} – ${formatDay(b)} (${cal.count(a, b)} working days)`];
  const pushed = p.tasks.size - 1;
  if (pushed > 0) parts.push(`moves ${pushed} successor${pushed === 1 ? '' : 's'}`);
  for (const [g, f] of p.groups) {
    const gr = s.data.groups[g];
    const slip = gr[G.due] !== NO_DAY ? f - gr[G.due] : 0;
    parts.push(`${gr[G.id]} forecast ${formatDay(f)}${gr[G.due] !== NO_DAY ? (slip > 0 ? ` (${slip} days after due)` : ' (on time)') : ''}`);
  }
  return parts.join(' · ');
}

const DONE = STATUS_CODES.indexOf('done');

/** What the bars show, for the chart's label: screen readers hear it before the rows. */
export function chartLabel(planOnly: boolean): string {
  return planOnly
    ? 'Gantt chart of the pure plan: bars at the planned dates; use the task list to navigate'
    : 'Gantt chart of the forecast: bars at the forecast dates, a thin grey bar at the planned dates when they differ; use the task list to navigate';
}

/** A row's dates in a few words, naming which ones the bar shows: `forecast Dec 7, 2026 to Dec 10, 2026 (planned …)`. */
export function datesText(t: TaskRow, planOnly: boolean): string {
  const [a, b] = barDays(t, planOnly);
  if (a === NO_DAY) return 'not scheduled';
  const range = (x: number, y: number): string => `${formatDay(x)} to ${formatDay(y)}`;
  if (planOnly) return `planned ${range(a, b)}`;
  const ghost = ghostDays(t, planOnly);
  const kind = t[T.status] === DONE ? 'done' : 'forecast';
  return `${kind} ${range(a, b)}${ghost ? ` (planned ${range(ghost[0], ghost[1])})` : ' (as planned)'}`;
}

/** The tooltip's date lines: the drawn dates first, then the others and the gap between them. */
function dateLines(t: TaskRow, planOnly: boolean, cals: ChartCalendars): string[] {
  if (t[T.start] === NO_DAY) return ['Not scheduled'];
  const days = (x: number, y: number): string => `${cals.forPerson(t[T.assignee]).count(x, y)} working days`;
  const range = (x: number, y: number): string => `${formatDay(x)} – ${formatDay(y)}`;
  const planned = `Planned ${range(t[T.start], t[T.finish])} (${days(t[T.start], t[T.finish])})`;
  const [fa, fb] = barDays(t, false);
  const same = fa === t[T.start] && fb === t[T.finish];
  const done = t[T.status] === DONE;
  const forecast = `${done ? 'Done' : 'Forecast'} ${range(fa, fb)} (${done ? 'actual dates' : 'remaining work from today'})`;
  if (planOnly) return [`${planned}: drawn (pure plan)`, ...(same ? [] : [`${forecast}: not drawn`])];
  if (same) return [`${forecast}: drawn, as planned`];
  const late = fb - t[T.finish];
  const gap = late === 0 ? 'same finish' : `finish ${Math.abs(late)} day${Math.abs(late) === 1 ? '' : 's'} ${late > 0 ? 'later' : 'earlier'} than planned`;
  return [`${forecast}: drawn`, `${planned}: the thin grey bar; ${gap}`];
}

/** The tooltip of a row (its first line is the title). */
export function tooltipLines(s: Scene, ref: number, cals: ChartCalendars): string[] {
  const d = s.data;
  if (isGroupRef(ref)) {
    const g = d.groups[groupOf(ref)];
    const lines = [g[G.title]];
    if (g[G.id]) lines.push(`Milestone ${g[G.id]}`);
    if (g[G.due] !== NO_DAY) lines.push(`Due ${formatDay(g[G.due])}`);
    if (g[G.forecast] !== NO_DAY) lines.push(`Forecast ${formatDay(g[G.forecast])}${g[G.due] !== NO_DAY && g[G.forecast] > g[G.due] ? ` (${g[G.forecast] - g[G.due]} days late)` : ''}`);
    const band = d.bands?.[2 * groupOf(ref)] ?? NO_DAY;
    if (band !== NO_DAY) lines.push(`Likely ${formatDay(band)} (P50) – ${formatDay(d.bands![2 * groupOf(ref) + 1])} (P95)`);
    lines.push(`Progress ${g[G.progress]}%`);
    return lines;
  }
  const t = d.tasks[ref];
  const who = t[T.assignee] >= 0 ? d.people[t[T.assignee]] : null;
  const lines = [t[T.title], `${t[T.id]} · ${STATUS_CODES[t[T.status]]} · ${who ? (who[1] ? `${who[1]} (${who[0]})` : who[0]) : 'unassigned'}`];
  lines.push(...dateLines(t, s.planOnly, cals));
  if (t[T.actualStart] !== NO_DAY) lines.push(`Actual ${formatDay(t[T.actualStart])} – ${t[T.actualFinish] !== NO_DAY ? formatDay(t[T.actualFinish]) : 'ongoing'}`);
  if (!(t[T.flags] & TaskFlag.noFloat)) lines.push(t[T.flags] & TaskFlag.critical ? `Critical path (float ${t[T.float]} days)` : `Float ${t[T.float]} working days`);
  lines.push(`Progress ${t[T.progress]}%`);
  if (t[T.commits] > 0) lines.push(`${t[T.commits]} commit${t[T.commits] === 1 ? '' : 's'}${t[T.lastCommit] ? ` · last: ${t[T.lastCommit]}` : ''}`);
  if (t[T.flags] & TaskFlag.overAllocated) lines.push(`${who?.[0] ?? 'The assignee'} is over-allocated while this task runs`);
  if (s.baseline) {
    const b = s.baseline.get(t[T.id]);
    lines.push(b ? `Baseline ${formatDay(b[0])} – ${formatDay(b[1])}${b[1] !== t[T.finish] && t[T.finish] !== NO_DAY ? ` (${t[T.finish] - b[1] > 0 ? '+' : ''}${t[T.finish] - b[1]} days)` : ''}` : 'Not in the baseline');
  }
  return lines;
}
