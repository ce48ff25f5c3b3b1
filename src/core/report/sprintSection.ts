// The sprints in reports: a table of committed, added and completed hours,
// the velocity and its forecast beside the schedule's, and the burndown chart
// of the sprint that matters now (the running one, else the latest closed).
// Pure: the status report (Markdown), the site (HTML) and the VS Code
// burndown panel all draw from these.
import { fromDayNumber, toDayNumber } from '../calendar';
import type { SprintReport } from '../sprint';
import type { VelocityResult } from '../velocity';
import { escapeMarkdown as md, codeSpan } from '../text';
import { row, tableHead } from './markdown';
import { CHART_COLORS, lineChartSvg, type ChartMarker, type ChartSeries } from './svg';

const h = (n: number): string => `${Math.round(n * 10) / 10} h`;

/** The sprint a report charts: the running one, else the latest that closed; undefined before any began. */
export function currentSprint(sprints: readonly SprintReport[]): SprintReport | undefined {
  const active = sprints.find((s) => s.state === 'active');
  if (active) return active;
  return [...sprints].filter((s) => s.state === 'closed').sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0)).pop();
}

/** The burndown's lines (x = day number): ideal, scope (when any was added) and remaining up to today. */
export function sprintChartSeries(s: SprintReport): ChartSeries[] {
  const x = (d: string): number => toDayNumber(d);
  const known = s.series.filter((p) => p.remaining !== null);
  const series: ChartSeries[] = [{ label: 'Ideal', shape: 'line', dashed: true, color: CHART_COLORS.ideal, points: s.series.map((p) => ({ x: x(p.date), y: p.ideal })) }];
  series.push({ label: 'Remaining', shape: 'step', color: CHART_COLORS.actual, points: known.map((p) => ({ x: x(p.date), y: p.remaining! })) });
  // A band under the lines: where nothing is done yet the remaining line runs along it, and both must still show.
  if (s.scopeAdded && s.scopeAdded.hours > 0) series.push({ label: 'Scope', shape: 'step', band: true, color: CHART_COLORS.scope, points: known.map((p) => ({ x: x(p.date), y: p.scope })) });
  return series;
}

/** The sprint's burndown as a standalone SVG (status report, site). */
export function sprintBurndownSvg(s: SprintReport, today: string, size: { width?: number; height?: number } = {}): string {
  const x = (d: string): number => toDayNumber(d);
  const markers: ChartMarker[] = s.state === 'active' ? [{ x: x(today), label: 'today' }] : [];
  return lineChartSvg({
    title: `Sprint ${s.id} burndown${s.goal ? `: ${s.goal}` : ''}`,
    description: sprintSentence(s),
    ...size,
    series: sprintChartSeries(s),
    markers,
    xTicks: s.series.length <= 12 ? s.series.map((p) => x(p.date)) : undefined,
    formatX: (d) => fromDayNumber(d).slice(5),
    yLabel: 'hours left',
  });
}

/** One sentence with the sprint's figures (chart description, site caption, VS Code tooltip). */
export function sprintSentence(s: SprintReport): string {
  const added = s.scopeAdded && s.scopeAdded.hours > 0 ? `, ${h(s.scopeAdded.hours)} added during it (${s.scopeAdded.tasks.map((t) => t.id).join(', ')})` : '';
  const last = [...s.series].reverse().find((p) => p.remaining !== null);
  return `Sprint ${s.id} (${s.start} to ${s.end}, ${s.state}): ${h(s.committedHours)} committed${added}, ${h(s.completedHours)} completed (${s.completedTasks.length} of ${s.tasks.length} tasks)${last ? `, ${h(last.remaining!)} left on ${last.date}` : ''}${s.goal ? `; goal: ${s.goal}` : ''}.`;
}

/** The report's "Sprints" section, or [] when the plan has none. `chartHref`: where the current sprint's SVG is. */
export function sprintSectionMarkdown(sprints: readonly SprintReport[], velocity: VelocityResult, chartHref?: string): string[] {
  if (sprints.length === 0) return [];
  const L: string[] = ['', '## Sprints', ''];
  L.push(tableHead(['Sprint', 'Dates', 'State', 'Committed', 'Added', 'Completed', 'Goal'], '   rrr '));
  for (const s of sprints) {
    const added = s.scopeAdded === null ? '—' : `${h(s.scopeAdded.hours)}${s.scopeAdded.tasks.length ? ` (${s.scopeAdded.tasks.map((t) => md(t.id)).join(', ')})` : ''}`;
    L.push(row([codeSpan(s.id), `${s.start} to ${s.end}`, s.state, h(s.committedHours), added, h(s.completedHours), md(s.goal ?? '')]));
  }
  const current = currentSprint(sprints);
  if (current && chartHref !== undefined) L.push('', `![Sprint ${md(current.id)} burndown](${chartHref})`);
  L.push('');
  if (velocity.hoursPerSprint === null) {
    L.push('Velocity: no sprint has closed yet, so there is no velocity forecast.');
    return L;
  }
  L.push(`Velocity: ${h(velocity.hoursPerSprint)} per sprint of ${velocity.sprintWorkdays} workdays (mean of ${velocity.basis.map(md).join(', ')}).`);
  const targets = [...velocity.milestones, ...(velocity.backlog ? [velocity.backlog] : [])];
  if (targets.length === 0) return L;
  L.push('', tableHead(['Open work', 'Remaining', 'Sprints', 'Velocity forecast', 'Schedule forecast'], ' rr  '));
  for (const t of targets) {
    L.push(row([t.id === undefined ? 'Backlog' : codeSpan(t.id), h(t.remainingHours), t.sprints === null ? '—' : String(t.sprints), t.forecastFinish ?? 'never at this velocity', t.scheduleForecastFinish ?? '—']));
  }
  return L;
}
