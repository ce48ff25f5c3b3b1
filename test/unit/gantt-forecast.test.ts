// The Gantt draws the forecast (issue 20): which dates each bar uses, the
// planned ghost only where the forecast moved a task, and the pure-plan toggle.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { computeProgress } from '../../src/core/progress';
import { schedulePlan } from '../../src/core/schedule';
import { NO_DAY, T, isoToDay, validateHostMessage, type GanttData, type TaskRow } from '../../src/protocol/gantt';
import { buildGanttData } from '../../src/vscode/gantt/data';
import { renderGanttSvg } from '../../src/site/ganttSvg';
import {
  ChartCalendar, ChartCalendars, NO_FILTER, PX_PER_DAY, ROW_HEIGHT, barDays, buildRows, dayToX, forwardPass, ghostDays, planExtent, successors,
} from '../../webview/gantt/layout';
import { barRect, computeGroupSpans, drawBody, type Scene } from '../../webview/gantt/chart';
import { chartLabel, datesText, tooltipLines } from '../../webview/gantt/describe';
import type { Painter } from '../../webview/gantt/painter';
import type { Palette } from '../../webview/gantt/palette';
import { SvgPainter } from '../../webview/gantt/svg';
import { fixedByCommits } from '../../webview/gantt/drag';
import { scanHistory } from '../../src/core/git/history';
import { TestRepo } from './gitRepoFixture';

const MON = isoToDay('2026-10-05'); // Monday
const TODAY = isoToDay('2026-12-07'); // Monday, weeks after the planned dates of the open tasks

/** Done: D (actual dates = forecast); open: A (planned in October, forecast from today), B after A; S: forecast = plan. */
function row(id: string, status: number, plan: [number, number], forecast: [number, number], deps: string[] = []): TaskRow {
  return [id, `Task ${id}`, 0, -1, status, plan[0], plan[1], -1, -1, 0, 0, 0, deps, 0, '', forecast[0], forecast[1]];
}
function data(): GanttData {
  return {
    name: 'p', today: TODAY, start: MON, calendar: { workdays: [1, 2, 3, 4, 5], holidays: [] }, people: [],
    groups: [['m', 'M', TODAY + 30, TODAY + 10, 20, 1, 0, []]], bands: [TODAY + 9, TODAY + 16],
    tasks: [
      row('D', 4, [MON, MON + 2], [MON + 1, MON + 3]),
      row('A', 0, [MON + 3, MON + 7], [TODAY, TODAY + 2], ['D']),
      row('B', 0, [MON + 8, MON + 9], [TODAY + 3, TODAY + 4], ['A']),
      row('S', 0, [TODAY + 1, TODAY + 1], [TODAY + 1, TODAY + 1]),
      row('U', 0, [NO_DAY, NO_DAY], [NO_DAY, NO_DAY]),
    ],
    note: '',
  };
}

const fixedWidth = { measure: (s: string) => s.length * 7 } as unknown as Painter;
const PAL: Palette = {
  background: '#bg', foreground: '#fg', muted: '#muted', grid: '#grid', headerBackground: '#hb', groupBackground: '#gb', selection: '#sel',
  focus: '#focus', bar: '#bar', critical: '#crit', actual: '#act', milestone: '#ms', onTime: '#ontime', late: '#late', today: '#today',
  warning: '#warn', preview: '#prev', font: '12px f', boldFont: '600 12px f', smallFont: '11px f', highContrast: false, contrastBorder: '',
};

function scene(d: GanttData, planOnly: boolean): Scene {
  const rows = buildRows(d, new Set(), NO_FILTER);
  const rowOfTask = new Int32Array(d.tasks.length).fill(-1);
  rows.forEach((r, i) => { if (r >= 0) rowOfTask[r] = i; });
  return {
    data: d, rows, rowOfTask, groupSpans: computeGroupSpans(d, planOnly), planOnly, extent: planExtent(d), pxPerDay: PX_PER_DAY.day, zoom: 'day',
    cal: new ChartCalendar([1, 2, 3, 4, 5], []), pal: PAL, succ: successors(d), baseline: null, preview: null, selectedRow: -1, hoverRow: -1, link: null,
  };
}

/** The SVG of the body, every row and day drawn, no scroll. */
function body(s: Scene): string {
  const p = new SvgPainter(fixedWidth);
  const vis = { firstRow: 0, lastRow: s.rows.length - 1, firstDay: s.extent.origin, lastDay: s.extent.origin + s.extent.days - 1 };
  drawBody(p, s, vis, 0, 0, s.extent.days * s.pxPerDay, s.rows.length * ROW_HEIGHT);
  return p.toString(1, 1, '#bg');
}
/** x of the ghosts drawn (thin muted bars, 4 px high). */
function ghostXs(svg: string): number[] {
  return [...svg.matchAll(/<rect x="([\d.-]+)" y="[\d.]+" width="[\d.]+" height="4" fill="#muted" fill-opacity="0.7"/g)].map((m) => Number(m[1]));
}

describe('gantt: forecast bars and planned ghosts', () => {
  it('draws each bar at its forecast, or at its plan when the pure plan is asked for', () => {
    const [d, a, b, s, u] = data().tasks;
    assert.deepEqual(barDays(a, false), [TODAY, TODAY + 2]);
    assert.deepEqual(barDays(a, true), [MON + 3, MON + 7]);
    assert.deepEqual(barDays(d, false), [MON + 1, MON + 3], 'done work at its actual dates');
    assert.deepEqual(barDays(b, false), [TODAY + 3, TODAY + 4]);
    assert.deepEqual(barDays(s, false), [TODAY + 1, TODAY + 1]);
    assert.deepEqual(barDays(u, false), [NO_DAY, NO_DAY]);
    // A host that sends no forecast (NO_DAY): the planned dates.
    const noForecast: TaskRow = [...a.slice(0, 15), NO_DAY, NO_DAY] as TaskRow;
    assert.deepEqual(barDays(noForecast, false), [MON + 3, MON + 7]);
  });

  it('has a ghost only where the forecast differs from the plan, and none in the pure plan', () => {
    const [d, a, , s, u] = data().tasks;
    assert.deepEqual(ghostDays(a, false), [MON + 3, MON + 7]);
    assert.deepEqual(ghostDays(d, false), [MON, MON + 2]);
    assert.equal(ghostDays(s, false), null);
    assert.equal(ghostDays(u, false), null);
    assert.equal(ghostDays(a, true), null);
  });

  it('paints the ghosts at the planned dates and the bars at the forecast; the toggle paints the plan alone', () => {
    const d = data();
    const fc = scene(d, false);
    const x = (day: number): number => dayToX(day, fc.extent, fc.pxPerDay);
    assert.deepEqual(ghostXs(body(fc)).sort((p, q) => p - q), [x(MON), x(MON + 3), x(MON + 8)]);
    const rowA = fc.rowOfTask[1];
    assert.equal(barRect(fc, 1, rowA)!.x1, x(TODAY));
    const plan = scene(d, true);
    assert.deepEqual(ghostXs(body(plan)), []);
    assert.equal(barRect(plan, 1, rowA)!.x1, x(MON + 3));
  });

  it('moves milestone summaries with the bars; the band and forecast diamond go with the forecast view', () => {
    const d = data();
    assert.deepEqual([...computeGroupSpans(d, false)], [MON + 1, TODAY + 4]);
    assert.deepEqual([...computeGroupSpans(d, true)], [MON, TODAY + 1]);
    const bandX = dayToX(TODAY + 10, scene(d, false).extent, PX_PER_DAY.day).toString();
    const band = new RegExp(`<rect x="${bandX}" y="[\\d.]+" width="[\\d.]+" height="8" fill="#ontime"`);
    assert.match(body(scene(d, false)), band);
    assert.doesNotMatch(body(scene(d, true)), band);
    assert.ok(body(scene(d, false)).includes('stroke="#ontime" stroke-width="1" stroke-dasharray="2 2"'), 'the forecast marker');
    assert.ok(!body(scene(d, true)).includes('stroke-dasharray="2 2"'), 'no forecast marker in the pure plan');
  });

  it('previews a drag on the dates drawn', () => {
    const d = data();
    const cals = new ChartCalendars(d);
    // A pushed two days later in the forecast: B, forecast right after A, follows.
    const fc = forwardPass(d, successors(d), cals, 1, TODAY + 2, TODAY + 4, false);
    assert.deepEqual(fc.tasks.get(2), [TODAY + 7, TODAY + 8]);
    // A's plan one day longer (to Tue Oct 13): B's plan (Oct 13-14) moves to Oct 14-15; B's forecast (December) does not.
    assert.deepEqual(forwardPass(d, successors(d), cals, 1, MON + 3, MON + 8, true).tasks.get(2), [MON + 9, MON + 10]);
    assert.equal(forwardPass(d, successors(d), cals, 1, MON + 3, MON + 8, false).tasks.get(2), undefined);
  });

  it('says which dates are shown, in the row label, the tooltip and the chart label', () => {
    const d = data();
    assert.equal(datesText(d.tasks[1], false), 'forecast Dec 7, 2026 to Dec 9, 2026 (planned Oct 8, 2026 to Oct 12, 2026)');
    assert.equal(datesText(d.tasks[1], true), 'planned Oct 8, 2026 to Oct 12, 2026');
    assert.equal(datesText(d.tasks[0], false), 'done Oct 6, 2026 to Oct 8, 2026 (planned Oct 5, 2026 to Oct 7, 2026)');
    assert.equal(datesText(d.tasks[3], false), 'forecast Dec 8, 2026 to Dec 8, 2026 (as planned)');
    const cals = new ChartCalendars(d);
    const lines = tooltipLines(scene(d, false), 1, cals);
    assert.ok(lines.includes('Forecast Dec 7, 2026 – Dec 9, 2026 (remaining work from today): drawn'), lines.join('\n'));
    assert.ok(lines.includes('Planned Oct 8, 2026 – Oct 12, 2026 (3 working days): the thin grey bar; finish 58 days later than planned'), lines.join('\n'));
    const planLines = tooltipLines(scene(d, true), 1, cals);
    assert.ok(planLines.includes('Planned Oct 8, 2026 – Oct 12, 2026 (3 working days): drawn (pure plan)'), planLines.join('\n'));
    assert.ok(planLines.includes('Forecast Dec 7, 2026 – Dec 9, 2026 (remaining work from today): not drawn'), planLines.join('\n'));
    assert.match(chartLabel(false), /forecast dates/);
    assert.match(chartLabel(true), /planned dates/);
  });
});

describe('gantt data: forecast dates from the core (issue 20)', () => {
  const YAML = `version: 1
project:
  name: Late start
  start: 2026-10-05
milestones:
  - id: m
    title: M
    due: 2027-01-29
    tasks:
      - id: A
        title: First
        estimate: 2d
      - id: B
        title: Second
        estimate: 1d
        depends: [A]
`;
  it('sends each task its deterministic forecast beside its planned dates, and the site draws the forecast', () => {
    const plan = parsePlan(YAML).plan!;
    const progress = computeProgress(plan, undefined);
    const schedule = schedulePlan(plan, progress, { today: '2026-12-07' });
    const d = buildGanttData({ plan, schedule, progress, today: '2026-12-07' });
    assert.equal(validateHostMessage({ type: 'init', v: 1, rev: 1, data: d }), undefined);
    for (const t of d.tasks) {
      const ts = schedule.tasks.get(t[T.id])!;
      assert.equal(t[T.start], isoToDay(ts.plannedStart));
      assert.equal(t[T.forecastStart], isoToDay(ts.forecastStart));
      assert.equal(t[T.forecastFinish], isoToDay(ts.forecastFinish));
    }
    // Open work planned in October is forecast from today, not drawn in the past.
    const a = d.tasks.find((t) => t[T.id] === 'A')!;
    assert.equal(a[T.start], isoToDay('2026-10-05'));
    assert.equal(a[T.forecastStart], isoToDay('2026-12-07'));
    // The site's chart: the bar's hit area and tooltip are at the forecast.
    const site = renderGanttSvg(d, 'Gantt');
    assert.match(site.svg, /data-task="A"[^>]*><title>A: First \(forecast Dec 7, 2026 to Dec 8, 2026 \(planned Oct 5, 2026 to Oct 6, 2026\)/);
  });
});

describe('gantt drag: dates that come from the commits do not move', () => {
  // D is done (two commits), A started (one commit), T not started. In the
  // forecast view D sits at its commits' dates and A begins on its first
  // commit, whatever project.yml says, so moving them (or resizing D) would
  // snap back: the chart refuses with a reason. The pure plan moves them all.
  it('refuses to move started or done work in the forecast view, and lets the plan view move it', async () => {
    const plan = parsePlan(`version: 1
project: { name: Drag, key: P, start: 2026-01-05 }
milestones:
  - id: m
    title: M
    tasks:
      - { id: P-1, title: Done, estimate: 2d }
      - { id: P-2, title: Started, estimate: 3d, depends: [P-1] }
      - { id: P-3, title: Not started, estimate: 1d }
`).plan!;
    const repo = TestRepo.create();
    try {
      repo.commit('P-1: begin', { date: '2026-01-05T09:00:00Z' });
      repo.commit('Closes P-1', { date: '2026-01-06T17:00:00Z' });
      repo.commit('P-2: begin', { date: '2026-01-07T09:00:00Z' });
      const history = await scanHistory(repo.dir, plan);
      const progress = computeProgress(plan, history);
      const schedule = schedulePlan(plan, progress, { today: '2026-01-12' });
      const d = buildGanttData({ plan, schedule, progress, history, today: '2026-01-12' });
      const task = (id: string): TaskRow => d.tasks.find((t) => t[T.id] === id)!;
      const fixed = (id: string, planOnly: boolean) => [fixedByCommits(task(id), planOnly, 'move'), fixedByCommits(task(id), planOnly, 'resize')];
      assert.deepEqual(fixed('P-1', false), ['done', 'done']);
      assert.deepEqual(fixed('P-2', false), ['started', null]);
      assert.deepEqual(fixed('P-3', false), [null, null]);
      for (const id of ['P-1', 'P-2', 'P-3']) assert.deepEqual(fixed(id, true), [null, null]);
      // What the refusal stands on: the drawn start is the first commit's day.
      assert.equal(task('P-2')[T.forecastStart], isoToDay('2026-01-07'));
      assert.equal(task('P-1')[T.forecastFinish], isoToDay('2026-01-06'));
    } finally {
      repo.remove();
    }
  });
});
