// What the chart says in words: the status line during a drag and the
// tooltip of a row (plain text; the app puts it in textContent).
import * as l10n from '@vscode/l10n';
import { G, NO_DAY, STATUS_CODES, T, TaskFlag } from '../../src/protocol/gantt';
import { formatDay, groupOf, isGroupRef, type ChartCalendar, type ChartCalendars, type Preview } from './layout';
import type { Scene } from './chart';

/** The drag's status line: the task's new dates, how many successors move, milestone forecasts. */
export function describePreview(s: Scene, task: number, p: Preview, cal: ChartCalendar): string {
  const t = s.data.tasks[task];
  const [a, b] = p.tasks.get(task) ?? [t[T.start], t[T.finish]];
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
  if (t[T.start] !== NO_DAY) lines.push(l10n.t('Planned {0} – {1} ({2} working days)', formatDay(t[T.start]), formatDay(t[T.finish]), cals.forPerson(t[T.assignee]).count(t[T.start], t[T.finish])));
  else lines.push(l10n.t('Not scheduled'));
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
