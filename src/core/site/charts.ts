// Burndown charts of the site: per milestone (from the schedule: remaining
// hours as planned, as done by the commits, and as forecast) and per sprint
// (src/core/sprint.ts). Both are drawn by the reports' line chart, whose
// <title>/<desc> carry a sentence with the key figures for screen readers.
import { fromDayNumber, toDayNumber } from '../calendar';
import type { IsoDate, Milestone } from '../model';
import type { Schedule, TaskSchedule } from '../schedule';
import type { SprintReport } from '../sprint';
import { CHART_COLORS, lineChartSvg, type ChartMarker, type ChartPoint } from '../report/svg';
import { uniqueChartIds } from './html';
import { sprintBurndownSvg, sprintSentence } from '../report/sprintSection';

const round1 = (n: number): number => Math.round(n * 10) / 10;
const label = (x: number): string => fromDayNumber(x).slice(5);

/** Hours left at the end of each day on which one of `finishes` happens, from `total` down. */
function steps(total: number, start: number, finishes: readonly { day: number; hours: number }[], until?: number): ChartPoint[] {
  const byDay = new Map<number, number>();
  for (const f of finishes) if (until === undefined || f.day <= until) byDay.set(f.day, (byDay.get(f.day) ?? 0) + f.hours);
  const points: ChartPoint[] = [{ x: start, y: total }];
  let left = total;
  for (const day of [...byDay.keys()].sort((a, b) => a - b)) {
    left -= byDay.get(day)!;
    points.push({ x: Math.max(start, day + 1), y: round1(Math.max(0, left)) });
  }
  return points;
}

export interface Burndown {
  readonly svg: string;
  /** The sentence the chart's <desc> carries, also shown under it. */
  readonly summary: string;
}

/**
 * Remaining hours of a milestone's scheduled (not dropped) tasks: as planned
 * (each task's hours drop at its planned finish), as done (actual finishes up
 * to today) and as forecast (every task at its forecast finish).
 */
export function milestoneBurndown(m: Milestone, schedule: Schedule, idPrefix: string): Burndown | undefined {
  const tasks = m.tasks.map((t) => schedule.tasks.get(t.id)).filter((t): t is TaskSchedule => t !== undefined && !t.dropped && t.hours > 0);
  if (tasks.length === 0) return undefined;
  const total = round1(tasks.reduce((a, t) => a + t.hours, 0));
  const today = toDayNumber(schedule.today);
  const start = Math.min(...tasks.map((t) => toDayNumber(t.plannedStart)), ...tasks.map((t) => toDayNumber(t.forecastStart)));
  const planned = steps(total, start, tasks.map((t) => ({ day: toDayNumber(t.plannedFinish), hours: t.hours })));
  const doneTasks = tasks.filter((t) => t.forecastBasis === 'actual');
  const done = steps(total, start, doneTasks.map((t) => ({ day: toDayNumber(t.forecastFinish), hours: t.hours })), today);
  if (today >= start) done.push({ x: today + 1, y: done[done.length - 1].y });
  const forecast = steps(total, start, tasks.map((t) => ({ day: toDayNumber(t.forecastFinish), hours: t.hours })));
  const markers: ChartMarker[] = [{ x: today + 1, label: 'today', color: CHART_COLORS.scope }];
  if (m.due) markers.push({ x: toDayNumber(m.due) + 1, label: 'due', color: CHART_COLORS.marker });
  const left = done[done.length - 1].y;
  const finish = fromDayNumber(forecast[forecast.length - 1].x - 1);
  const summary = `${m.title}: ${total} hours of work, ${left} left at ${schedule.today}; ${doneTasks.length} of ${tasks.length} tasks done; forecast to finish ${finish}${m.due ? `, due ${m.due}` : ''}.`;
  const svg = lineChartSvg({
    title: `Burndown: ${m.title}`, description: summary, width: 560, height: 280,
    series: [
      { label: 'Planned', shape: 'step', dashed: true, color: CHART_COLORS.ideal, points: planned },
      { label: 'Forecast', shape: 'step', dashed: true, color: CHART_COLORS.scope, points: forecast },
      { label: 'Done (commits)', shape: 'step', color: CHART_COLORS.actual, points: done },
    ],
    markers, formatX: label, yLabel: 'hours left',
  });
  return { svg: uniqueChartIds(svg, idPrefix), summary };
}

/** A sprint's burndown (report/sprintSection.ts): ideal line, scope added, remaining hours up to today. */
export function sprintBurndown(s: SprintReport, today: IsoDate, idPrefix: string): Burndown {
  const svg = sprintBurndownSvg(s, today, { width: 560, height: 280 });
  return { svg: uniqueChartIds(svg, idPrefix), summary: sprintSentence(s) };
}
