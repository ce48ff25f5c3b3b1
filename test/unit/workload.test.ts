// Per-person weekly load against capacity, on real project.yml text.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { schedulePlan } from '../../src/core/schedule';
import { scheduleDiagnostics } from '../../src/core/scheduleDiagnostics';
import { WORKLOAD_MAX_WEEKS, computeWorkload } from '../../src/core/workload';

// Ana works half days and is off Wed 2026-01-07.
//   W1 2d = 16 h at 4 h/day = 4 workdays: Mon 05, Tue 06, Thu 08, Fri 09.
//   W2 1d = 8 h = 2 workdays, also from Mon 05: Mon 05, Tue 06.
// Week 2026-W02 (05-11): capacity 8 x 0.5 x 4 workdays = 16 h; scheduled
// 16 + 8 = 24 h: over-allocated. Nothing is moved.
// Bo (full time) B1 5d from Thu 08: Thu 08, Fri 09 (16 h in W02), Mon 12 -
// Wed 14 (24 h in W03): within 40 h.
// U1 has no assignee: 8 h unassigned. D1 is done: no load in the forecast.
const TEXT = `version: 1
project:
  name: Load
  start: 2026-01-05
people:
  - id: ana
    name: Ana Souza
    capacity: 0.5
    off: [2026-01-07]
  - id: bo
milestones:
  - id: m1
    title: One
    tasks:
      - { id: W1, title: W1, estimate: 2d, assignee: ana }
      - { id: W2, title: W2, estimate: 1d, assignee: ana }
      - { id: B1, title: B1, estimate: 5d, assignee: bo, start: 2026-01-08 }
      - { id: U1, title: U1, estimate: 1d }
      - { id: D1, title: D1, estimate: 1d, assignee: bo, status: done }
`;

describe('workload', () => {
  const parsed = parsePlan(TEXT);
  const plan = parsed.plan!;
  const s = schedulePlan(plan, undefined, { today: '2026-01-05' });
  const w = computeWorkload(plan, s);

  it('adds up hours per person per ISO week against capacity', () => {
    assert.equal(w.basis, 'forecast');
    assert.deepEqual(w.people.map((p) => [p.person, p.totalHours, p.weeks.map((x) => [x.week, x.weekStart, x.hours, x.capacityHours, x.over, x.tasks])]), [
      ['ana', 24, [['2026-W02', '2026-01-05', 24, 16, true, ['W1', 'W2']]]],
      ['bo', 40, [['2026-W02', '2026-01-05', 16, 40, false, ['B1']], ['2026-W03', '2026-01-12', 24, 40, false, ['B1']]]],
    ]);
    assert.equal(w.unassignedHours, 8);
  });

  it('warns about over-allocation and never reschedules', () => {
    assert.deepEqual(w.overAllocations.map((o) => o.message), [
      'Ana Souza is over-allocated in 2026-W02 (week of 2026-01-05): 24 h scheduled, 16 h available (W1, W2).',
    ]);
    assert.equal(s.tasks.get('W2')!.plannedStart, '2026-01-05');
    const diags = scheduleDiagnostics(plan, s, { positionAt: (o) => parsed.positionAt(o), workload: w });
    const over = diags.filter((d) => d.code === 'over-allocated');
    assert.equal(over.length, 1);
    assert.equal(over[0].severity, 'warning');
    assert.deepEqual([over[0].start.line, over[0].start.col], [6, 5]); // the `- id: ana` item
  });

  it('only warns for weeks that have not ended, and can follow the planned dates', () => {
    const later = schedulePlan(plan, undefined, { today: '2026-01-12' });
    // Forecast: remaining work starts no earlier than today (Mon 12): W1 and W2 overlap in W03 now.
    const lw = computeWorkload(plan, later);
    assert.deepEqual(lw.overAllocations.map((o) => o.week), ['2026-W03']);
    const planned = computeWorkload(plan, later, { basis: 'planned' });
    assert.equal(planned.basis, 'planned');
    assert.deepEqual(planned.overAllocations, []); // W02 ended before today
    assert.equal(planned.people.find((p) => p.person === 'bo')!.totalHours, 48); // B1 40 + D1 8
  });

  it('lists at most WORKLOAD_MAX_WEEKS weeks of a task, however long it runs', () => {
    // 1000 days (the longest estimate) at 5% capacity: 20,000 workdays, about 77 years.
    const long = parsePlan(`version: 1\nproject: {name: L, start: 2026-01-05}\npeople: [{id: ana, capacity: 5%}]\nmilestones:\n  - id: m\n    title: M\n    tasks: [{ id: L1, title: L1, estimate: 1000d, assignee: ana }]\n`);
    assert.deepEqual(long.diagnostics.filter((d) => d.severity === 'error'), []);
    const sched = schedulePlan(long.plan!, undefined, { today: '2026-01-05' });
    const weeks = computeWorkload(long.plan!, sched).people[0].weeks;
    assert.ok(weeks.length <= WORKLOAD_MAX_WEEKS + 1, `${weeks.length} weeks`);
    assert.equal(weeks[0].weekStart, '2026-01-05');
  });
});
