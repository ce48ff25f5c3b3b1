// What the chart says in words: the status line during a drag and the
// tooltip of a row (plain text; the app puts it in textContent).
import * as l10n from '@vscode/l10n';
import { G, NO_DAY, STATUS_CODES, T, TaskFlag, type TaskRow } from '../../src/protocol/gantt';
import { barDays, formatDay, ghostDays, groupOf, isGroupRef, type ChartCalendar, type ChartCalendars, type Preview } from './layout';
import type { Scene } from './chart';

/** The drag's status line: the task's new dates, how many successors move, milestone forecasts. */
export function describePreview(s: Scene, task: number, p: Preview, cal: ChartCalendar): string {
  const t = s.data.tasks[task];
  const [a, b] = p.tasks.get(task) ?? barDays(t, s.planOnly);
  const parts = [l10n.t('{0}: {1} – {2} ({3} working days)', t[T.id], formatDay(a), formatDay(b), cal.count(a, b))];
  const pushed = p.tasks.size - 1;
  if (pushed > 0) parts.push(pushed === 1 ? l10n.t('moves 1 successor') : l10n.t('moves {0} successors', pushed));
  for (const [g, f] of p.groups) {
    const gr = s.data.groups[g];
    const slip = gr[G.due] !== NO_DAY ? f - gr[G.due] : 0;
    parts.push(gr[G.due] === NO_DAY ? l10n.t('{0} forecast {1}', gr[G.id], formatDay(f))
      : slip > 0 ? l10n.t('{0} forecast {1} ({2} days after due)', gr[G.id], formatDay(f), slip) : l10n.t('{0} forecast {1} (on time)', gr[G.id], formatDay(f)));
  }
  return parts.join(' · ');
}

const DONE = STATUS_CODES.indexOf('done');

/** What the bars show, for the chart's label: screen readers hear it before the rows. */
export function chartLabel(planOnly: boolean): string {
  return planOnly
    ? l10n.t('Gantt chart of the pure plan: bars at the planned dates; use the task list to navigate')
    : l10n.t('Gantt chart of the forecast: bars at the forecast dates, a thin grey bar at the planned dates when they differ; use the task list to navigate');
}

/** A row's dates in a few words, naming which ones the bar shows: `forecast Dec 7, 2026 to Dec 10, 2026 (planned …)`. */
export function datesText(t: TaskRow, planOnly: boolean): string {
  const [a, b] = barDays(t, planOnly);
  if (a === NO_DAY) return l10n.t('not scheduled');
  const range = (x: number, y: number): string => l10n.t('{0} to {1}', formatDay(x), formatDay(y));
  if (planOnly) return l10n.t('planned {0}', range(a, b));
  const ghost = ghostDays(t, planOnly);
  const shown = t[T.status] === DONE ? l10n.t('done {0}', range(a, b)) : l10n.t('forecast {0}', range(a, b));
  return `${shown} ${ghost ? l10n.t('(planned {0})', range(ghost[0], ghost[1])) : l10n.t('(as planned)')}`;
}

/** The tooltip's date lines: the drawn dates first, then the others and the gap between them. */
function dateLines(t: TaskRow, planOnly: boolean, cals: ChartCalendars): string[] {
  if (t[T.start] === NO_DAY) return [l10n.t('Not scheduled')];
  const days = (x: number, y: number): string => l10n.t('{0} working days', cals.forPerson(t[T.assignee]).count(x, y));
  const range = (x: number, y: number): string => `${formatDay(x)} – ${formatDay(y)}`;
  const planned = l10n.t('Planned {0} ({1})', range(t[T.start], t[T.finish]), days(t[T.start], t[T.finish]));
  const [fa, fb] = barDays(t, false);
  const same = fa === t[T.start] && fb === t[T.finish];
  const done = t[T.status] === DONE;
  const forecast = done ? l10n.t('Done {0} (actual dates)', range(fa, fb)) : l10n.t('Forecast {0} (remaining work from today)', range(fa, fb));
  if (planOnly) return [l10n.t('{0}: drawn (pure plan)', planned), ...(same ? [] : [l10n.t('{0}: not drawn', forecast)])];
  if (same) return [l10n.t('{0}: drawn, as planned', forecast)];
  const late = fb - t[T.finish];
  const gap = late === 0 ? l10n.t('same finish')
    : late > 0 ? (late === 1 ? l10n.t('finish 1 day later than planned') : l10n.t('finish {0} days later than planned', late))
      : (late === -1 ? l10n.t('finish 1 day earlier than planned') : l10n.t('finish {0} days earlier than planned', -late));
  return [l10n.t('{0}: drawn', forecast), l10n.t('{0}: the thin grey bar; {1}', planned, gap)];
}

/** The tooltip of a row (its first line is the title). */
export function tooltipLines(s: Scene, ref: number, cals: ChartCalendars): string[] {
  const d = s.data;
  if (isGroupRef(ref)) {
    const g = d.groups[groupOf(ref)];
    const lines = [g[G.title]];
    if (g[G.id]) lines.push(l10n.t('Milestone {0}', g[G.id]));
    if (g[G.due] !== NO_DAY) lines.push(l10n.t('Due {0}', formatDay(g[G.due])));
    if (g[G.forecast] !== NO_DAY) lines.push(`Forecast ${formatDay(g[G.forecast])}${g[G.due] !== NO_DAY && g[G.forecast] > g[G.due] ? ` (${g[G.forecast] - g[G.due]} days late)` : ''}`);
    const band = d.bands?.[2 * groupOf(ref)] ?? NO_DAY;
    if (band !== NO_DAY) lines.push(l10n.t('Likely {0} (P50) – {1} (P95)', formatDay(band), formatDay(d.bands![2 * groupOf(ref) + 1])));
    lines.push(l10n.t('Progress {0}%', g[G.progress]));
    return lines;
  }
  const t = d.tasks[ref];
  const who = t[T.assignee] >= 0 ? d.people[t[T.assignee]] : null;
  const lines = [t[T.title], `${t[T.id]} · ${STATUS_CODES[t[T.status]]} · ${who ? (who[1] ? `${who[1]} (${who[0]})` : who[0]) : l10n.t('unassigned')}`];
  lines.push(...dateLines(t, s.planOnly, cals));
  if (t[T.actualStart] !== NO_DAY) lines.push(l10n.t('Actual {0} – {1}', formatDay(t[T.actualStart]), t[T.actualFinish] !== NO_DAY ? formatDay(t[T.actualFinish]) : l10n.t('ongoing')));
  if (!(t[T.flags] & TaskFlag.noFloat)) lines.push(t[T.flags] & TaskFlag.critical ? l10n.t('Critical path (float {0} days)', t[T.float]) : l10n.t('Float {0} working days', t[T.float]));
  lines.push(l10n.t('Progress {0}%', t[T.progress]));
  if (t[T.commits] > 0) lines.push(`${t[T.commits] === 1 ? l10n.t('1 commit') : l10n.t('{0} commits', t[T.commits])}${t[T.lastCommit] ? ` · ${l10n.t('last: {0}', t[T.lastCommit])}` : ''}`);
  if (t[T.flags] & TaskFlag.overAllocated) lines.push(l10n.t('{0} is over-allocated while this task runs', who?.[0] ?? l10n.t('The assignee')));
  if (s.baseline) {
    const b = s.baseline.get(t[T.id]);
    lines.push(b ? `${l10n.t('Baseline {0} – {1}', formatDay(b[0]), formatDay(b[1]))}${b[1] !== t[T.finish] && t[T.finish] !== NO_DAY ? ` ${l10n.t('({0} days)', `${t[T.finish] - b[1] > 0 ? '+' : ''}${t[T.finish] - b[1]}`)}` : ''}` : l10n.t('Not in the baseline'));
  }
  return lines;
}
