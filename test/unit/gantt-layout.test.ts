import * as assert from 'node:assert/strict';
import { isoToDay, type GanttData, type TaskRow } from '../../src/protocol/gantt';
import {
  NO_FILTER, PAD_DAYS, ROW_HEIGHT, ChartCalendar, ChartCalendars, axisTicks, buildRows, ensureRowVisible, forwardPass, groupRef,
  nearestZoom, planExtent, scrollYForRow, successors, visibleRange,
} from '../../webview/gantt/layout';

const MON = isoToDay('2026-01-05'); // Monday
const HOLIDAY = isoToDay('2026-01-19');

function task(id: string, group: number, start: number, finish: number, deps: string[] = [], over: { assignee?: number; status?: number; flags?: number; title?: string; forecast?: [number, number] } = {}): TaskRow {
  const [fs, ff] = over.forecast ?? [start, finish];
  return [id, over.title ?? `Task ${id}`, group, over.assignee ?? -1, over.status ?? 0, start, finish, -1, -1, 0, 0, over.flags ?? 0, deps, 0, '', fs, ff];
}

/** beta: A (Mon-Wed) -> B (Thu-Fri) -> C (next Mon-Tue); D free. ga: E waits for milestone beta. Backlog: F. */
function plan(): GanttData {
  return {
    name: 'p', today: MON, start: MON, calendar: { workdays: [1, 2, 3, 4, 5], holidays: [HOLIDAY] },
    people: [['ana', ''], ['bo', '']],
    groups: [['beta', 'Beta', MON + 14, MON + 8, 0, 1, 2, []], ['ga', 'GA', MON + 30, MON + 15, 0, 1, 0, ['beta']], ['', 'Backlog', -1, -1, 0, 0, 1, []]],
    tasks: [
      task('A', 0, MON, MON + 2, [], { assignee: 0, flags: 1 }),
      task('B', 0, MON + 3, MON + 4, ['A'], { assignee: 1, flags: 1, title: 'Build the API' }),
      task('C', 0, MON + 7, MON + 8, ['B'], { assignee: 0, status: 1, flags: 1 }),
      task('D', 0, MON, MON, [], { assignee: 1 }),
      task('E', 1, MON + 9, MON + 10),
      task('F', 2, -1, -1),
    ],
    note: '',
  };
}

describe('gantt layout: rows', () => {
  it('lists groups with their tasks in order', () => {
    assert.deepEqual(buildRows(plan(), new Set(), NO_FILTER), [groupRef(0), 0, 1, 2, 3, groupRef(1), 4, groupRef(2), 5]);
  });
  it('hides the tasks of a collapsed group but keeps its header', () => {
    assert.deepEqual(buildRows(plan(), new Set(['beta']), NO_FILTER), [groupRef(0), groupRef(1), 4, groupRef(2), 5]);
    assert.deepEqual(buildRows(plan(), new Set(['']), NO_FILTER), [groupRef(0), 0, 1, 2, 3, groupRef(1), 4, groupRef(2)]);
  });
  it('filters by text (id or title, any case), assignee, status and critical path, hiding empty groups', () => {
    assert.deepEqual(buildRows(plan(), new Set(), { ...NO_FILTER, text: 'the api' }), [groupRef(0), 1]);
    assert.deepEqual(buildRows(plan(), new Set(), { ...NO_FILTER, text: 'TASK e' }), [groupRef(1), 4]);
    assert.deepEqual(buildRows(plan(), new Set(), { ...NO_FILTER, assignee: 'bo' }), [groupRef(0), 1, 3]);
    assert.deepEqual(buildRows(plan(), new Set(), { ...NO_FILTER, status: 'in-progress' }), [groupRef(0), 2]);
    assert.deepEqual(buildRows(plan(), new Set(), { ...NO_FILTER, criticalOnly: true }), [groupRef(0), 0, 1, 2]);
    assert.deepEqual(buildRows(plan(), new Set(), { ...NO_FILTER, assignee: 'nobody' }), []);
  });
});

describe('gantt layout: virtualization', () => {
  it('draws only the rows and days inside the viewport (plus the partial ones)', () => {
    const extent = { origin: 1000, days: 400 };
    assert.deepEqual(visibleRange({ scrollX: 80, scrollY: 240, width: 160, height: 100 }, 10_000, extent, 8),
      { firstRow: 10, lastRow: 14, firstDay: 1010, lastDay: 1030 });
    // Clamped at the ends of the data.
    assert.deepEqual(visibleRange({ scrollX: 0, scrollY: 0, width: 5000, height: 1000 }, 3, extent, 8),
      { firstRow: 0, lastRow: 2, firstDay: 1000, lastDay: 1399 });
    // A 10k-row plan still draws about a screenful of rows.
    const v = visibleRange({ scrollX: 0, scrollY: 123_456, width: 1000, height: 800 }, 10_000, extent, 8);
    assert.equal(v.firstRow, Math.floor(123_456 / ROW_HEIGHT));
    assert.equal(v.lastRow - v.firstRow, 33);
  });
  it('spans every date of the plan plus padding', () => {
    const e = planExtent(plan());
    assert.equal(e.origin, MON - PAD_DAYS);
    assert.equal(e.days, 31 + 2 * PAD_DAYS); // MON .. MON+30 (ga's due)
    assert.equal(planExtent(plan(), [MON - 20]).origin, MON - 20 - PAD_DAYS);
  });
  it('scrolls a row into view as little as needed, and a focused row to the top third', () => {
    assert.equal(ensureRowVisible(5, 0, 240), 0);
    assert.equal(ensureRowVisible(12, 0, 240), 13 * ROW_HEIGHT - 240);
    assert.equal(ensureRowVisible(2, 200, 240), 48);
    assert.equal(scrollYForRow(100, 300, 1000), 100 * ROW_HEIGHT - 100);
    assert.equal(scrollYForRow(1, 300, 1000), 0);
    assert.equal(scrollYForRow(999, 300, 1000), 1000 * ROW_HEIGHT - 300);
  });
  it('picks the nearest named zoom for a scale', () => {
    assert.equal(nearestZoom(30), 'day');
    assert.equal(nearestZoom(7), 'week');
    assert.equal(nearestZoom(2), 'month');
    assert.equal(nearestZoom(0.5), 'quarter');
  });
});

describe('gantt layout: axis', () => {
  it('labels weeks by their Monday and months above', () => {
    const t = axisTicks('week', MON + 2, MON + 20);
    assert.deepEqual(t.minor.map((x) => x.day), [MON, MON + 7, MON + 14]);
    assert.deepEqual(t.minor.map((x) => x.label), ['5', '12', '19']);
    assert.deepEqual(t.major.map((x) => x.label), ['Jan 2026']);
  });
  it('labels months and quarters with years above', () => {
    const m = axisTicks('month', isoToDay('2025-12-10'), isoToDay('2026-02-02'));
    assert.deepEqual(m.minor.map((x) => x.label), ['Dec', 'Jan', 'Feb']);
    assert.deepEqual(m.major.map((x) => x.label), ['2025', '2026']);
    const q = axisTicks('quarter', isoToDay('2026-02-01'), isoToDay('2026-12-31'));
    assert.deepEqual(q.minor.map((x) => x.label), ['Q1', 'Q2', 'Q3', 'Q4']);
    assert.equal(q.minor[1].day, isoToDay('2026-04-01'));
  });
});

describe('gantt layout: working days', () => {
  const cal = new ChartCalendar([1, 2, 3, 4, 5], [HOLIDAY]);
  it('skips weekends and holidays', () => {
    assert.equal(cal.nextWorkday(MON + 5), MON + 7); // Saturday -> Monday
    assert.equal(cal.finishAfter(MON + 4, 3), MON + 8); // Fri, Mon, Tue
    assert.equal(cal.finishAfter(MON + 11, 3), MON + 16); // Fri 16th, (Mon 19th holiday), Tue, Wed
    assert.equal(cal.count(MON, MON + 13), 10);
    assert.equal(cal.count(MON + 14, MON + 18), 4);
  });
  it('falls back to the engine’s Monday to Friday when the calendar has no workdays (no endless walk)', () => {
    const none = new ChartCalendar([], []);
    assert.equal(none.finishAfter(MON + 5, 2), MON + 8); // Sat -> Mon, Tue
  });
});

describe('gantt layout: forward pass preview', () => {
  const d = plan();
  const cal = new ChartCalendars(d);
  const succ = successors(d);
  it('knows who waits for whom, milestones included', () => {
    assert.deepEqual(succ.tasks[0], [1]);
    assert.deepEqual(succ.tasks[1], [2]);
    assert.deepEqual(succ.groupWaiters[0], [4]); // E waits for the whole beta milestone
  });
  it('pushes successors and the milestone forecast when a task grows', () => {
    // A grows from 3 to 5 working days: Mon..Fri.
    const p = forwardPass(d, succ, cal, 0, MON, MON + 4);
    assert.deepEqual(p.tasks.get(0), [MON, MON + 4]);
    assert.deepEqual(p.tasks.get(1), [MON + 7, MON + 8]); // B: next Mon-Tue
    assert.deepEqual(p.tasks.get(2), [MON + 9, MON + 10]); // C: Wed-Thu
    assert.deepEqual(p.tasks.get(4), [MON + 11, MON + 15]); // E after beta: Fri, then Tue (the weekend and Monday's holiday skipped)
    assert.equal(p.tasks.has(3), false); // D is not downstream
    assert.equal(p.groups.get(0), MON + 8 + 2); // beta forecast shifts by the 2 days its last finish moved
  });
  it('does not pull successors earlier when a task moves earlier', () => {
    const p = forwardPass(d, succ, cal, 1, MON + 1, MON + 2);
    assert.deepEqual([...p.tasks.keys()], [1]);
    assert.equal(p.groups.size, 0); // C still finishes beta on the same day
  });
  it('stops on a dependency cycle instead of hanging', () => {
    const cyc = plan();
    cyc.tasks[0] = task('A', 0, MON, MON + 2, ['C'], { flags: 1 });
    const p = forwardPass(cyc, successors(cyc), cal, 0, MON, MON + 4);
    assert.ok(p.tasks.size >= 3);
  });
});
