// The six critical-path defects of issue 11, each on the issue's reproducer,
// with the answer derived by hand from docs/schedule.md. Every plan starts
// Monday 2026-01-05, works Mon-Fri and has milestone m1 due Friday 2026-01-30;
// today is 2026-01-01 unless said otherwise.
import * as assert from 'node:assert/strict';
import type { TaskStatus } from '../../src/core/model';
import { schedulePlan, type Schedule, type ScheduleProgress } from '../../src/core/schedule';
import { planOf } from './planFixture';

/** A plan with `people` and `milestones` YAML (indented as under the top level), plus optional backlog. */
function planText(body: string): string {
  return `version: 1
project:
  name: x
  start: 2026-01-05
${body}`;
}

/** The start of the milestones list: m1, due Friday 2026-01-30, then its task lines. */
const M1 = `milestones:
  - id: m1
    title: One
    due: 2026-01-30
    tasks:
`;

function scheduleOf(body: string, today = '2026-01-01', progress?: ScheduleProgress): Schedule {
  return schedulePlan(planOf(planText(body)), progress, { today });
}

function task(s: Schedule, id: string): { start: string; finish: string; float: number; critical: boolean } {
  const t = s.tasks.get(id)!;
  return { start: t.plannedStart, finish: t.plannedFinish, float: t.float, critical: t.critical };
}

describe('schedule: issue 11 defects', () => {
  it('1. a dropped task\'s pinned start delays nothing', () => {
    // A 2d: Mon 05 - Tue 06, ready Wed 07. D is dropped: it takes no time and
    // its pin does not count, so it sits on Wed 07 and B (1d) runs Wed 07.
    // Project end = Wed 07 (B). Backward: B late finish 07, float 0; D passes
    // B's late start (07) on to A: A late finish Tue 06, float 0. Critical: A, B.
    const s = scheduleOf(`${M1}      - { id: A, title: A, estimate: 2d }
      - { id: D, title: D, status: dropped, start: 2026-01-14, depends: [A] }
      - { id: B, title: B, estimate: 1d, depends: [D] }
`);
    assert.deepEqual(task(s, 'B'), { start: '2026-01-07', finish: '2026-01-07', float: 0, critical: true });
    assert.deepEqual(task(s, 'A'), { start: '2026-01-05', finish: '2026-01-06', float: 0, critical: true });
    assert.equal(s.tasks.get('D')!.plannedStart, '2026-01-07');
    assert.deepEqual(s.criticalPath, ['A', 'B']);
    assert.equal(s.plannedFinish, '2026-01-07');
  });

  it('2. a successor of a 0h task starts no earlier than that task', () => {
    // A 1d: Mon 05, ready Tue 06. Z (0h, p) can happen on p's first workday
    // on or after Tue 06: p is off on the 6th, so Wed 07; its successors may
    // start that same day: S 1d runs Wed 07. Project end Wed 07 = m1's
    // finish. Backward: S float 0; Z must happen by S's late start (07): float 0;
    // A must be ready by Z's late day 07, so finish by Tue 06: late start Tue
    // 06, float 1 (finishing on p's day off costs Z nothing).
    const s = scheduleOf(`people:
  - { id: p, off: [2026-01-06] }
${M1}      - { id: A, title: A, estimate: 1d }
      - { id: Z, title: Z, estimate: 0h, assignee: p, depends: [A] }
      - { id: S, title: S, estimate: 1d, depends: [Z] }
`);
    assert.deepEqual(task(s, 'Z'), { start: '2026-01-07', finish: '2026-01-07', float: 0, critical: true });
    assert.deepEqual(task(s, 'S'), { start: '2026-01-07', finish: '2026-01-07', float: 0, critical: true });
    assert.deepEqual(task(s, 'A'), { start: '2026-01-05', finish: '2026-01-05', float: 1, critical: false });
    assert.equal(s.plannedFinish, '2026-01-07');
    assert.equal(s.milestones.get('m1')!.plannedFinish, '2026-01-07');
    // The forecast (today is before the start) agrees.
    assert.equal(s.tasks.get('S')!.forecastStart, '2026-01-07');
  });

  it('3. a 0h task due the day it happens has no float', () => {
    // L 5d: Mon 05 - Fri 09 (project end). Y 0h happens Mon 05 and must
    // happen by its due, Mon 05: late day 05, float = workdays 05 -> 05 = 0.
    // m1 (due Fri 30) finishes Fri 09 = the project end: float 0, slip -15
    // (Mon 12 .. Fri 30).
    const s = scheduleOf(`${M1}      - { id: L, title: L, estimate: 5d }
      - { id: Y, title: Y, estimate: 0h, due: 2026-01-05 }
`);
    assert.deepEqual(task(s, 'Y'), { start: '2026-01-05', finish: '2026-01-05', float: 0, critical: true });
    assert.equal(s.tasks.get('Y')!.lateFinish, '2026-01-05');
    assert.deepEqual(task(s, 'L'), { start: '2026-01-05', finish: '2026-01-09', float: 0, critical: true });
    assert.equal(s.milestones.get('m1')!.float, 0);
    assert.equal(s.milestones.get('m1')!.slipDays, -15);
  });

  it('4. the project end counts 0h tasks', () => {
    // L 5d: Mon 05 - Fri 09. E 0h pinned to Fri 16 happens Fri 16. Project
    // end = Fri 16. L may finish by Fri 16: late start Mon 12, float 5 (05 ->
    // 12). E: late day 16, float 0. m1 finishes Fri 16: float 0 (it is the
    // project end); slip: Mon 19 .. Fri 30 = 10 workdays early, -10.
    const s = scheduleOf(`${M1}      - { id: L, title: L, estimate: 5d }
      - { id: E, title: E, estimate: 0h, start: 2026-01-16 }
`);
    assert.equal(s.plannedFinish, '2026-01-16');
    assert.deepEqual(task(s, 'L'), { start: '2026-01-05', finish: '2026-01-09', float: 5, critical: false });
    assert.deepEqual(task(s, 'E'), { start: '2026-01-16', finish: '2026-01-16', float: 0, critical: true });
    const m1 = s.milestones.get('m1')!;
    assert.deepEqual([m1.plannedFinish, m1.float, m1.slipDays], ['2026-01-16', 0, -10]);
    assert.deepEqual(s.criticalPath, ['E']);
  });

  it('5. a backlog task that depends on a milestone leaves its tasks bound by the project end', () => {
    // A 5d: Mon 05 - Fri 09 = project end (B is backlog). m1's work ends by
    // the project end whatever depends on it: A float 0, critical path [A].
    // B waits for m1 and its pin: Mon 26; nothing follows it, so it may end
    // by the later of the project end and its own finish: float 0, and it is
    // not critical (it leads to no milestone).
    const s = scheduleOf(`${M1}      - { id: A, title: A, estimate: 5d }
backlog:
  - { id: B, title: B, estimate: 1d, start: 2026-01-26, depends: [m1] }
`);
    assert.deepEqual(task(s, 'A'), { start: '2026-01-05', finish: '2026-01-09', float: 0, critical: true });
    assert.deepEqual(task(s, 'B'), { start: '2026-01-26', finish: '2026-01-26', float: 0, critical: false });
    assert.deepEqual(s.criticalPath, ['A']);
    assert.equal(s.milestones.get('m1')!.float, 0);
  });

  it('6. a finished milestone\'s dependents do not wait for its own depends', () => {
    // Today Wed 07. m1: A 5d, not started: forecast Wed 07 - Tue 13.
    // m2 depends [A] and holds B 1d, done with no commit dates: planned Mon 12
    // (after A's planned Fri 09), so forecast at its last workday before
    // today, Tue 06. m2 is finished on Tue 06; its dependents wait for its
    // tasks, not again for A: m3 (depends [m2]) holds C 1d, forecast from
    // today, Wed 07.
    const progress: ScheduleProgress = {
      tasks: new Map<string, { effective: TaskStatus; progress: number }>([
        ['A', { effective: 'todo', progress: 0 }], ['B', { effective: 'done', progress: 1 }], ['C', { effective: 'todo', progress: 0 }],
      ]),
    };
    const s = scheduleOf(`${M1}      - { id: A, title: A, estimate: 5d }
  - id: m2
    title: Two
    depends: [A]
    tasks:
      - { id: B, title: B, estimate: 1d, status: done }
  - id: m3
    title: Three
    depends: [m2]
    tasks:
      - { id: C, title: C, estimate: 1d }
`, '2026-01-07', progress);
    const f = (id: string): [string, string] => [s.tasks.get(id)!.forecastStart, s.tasks.get(id)!.forecastFinish];
    assert.deepEqual(f('A'), ['2026-01-07', '2026-01-13']);
    assert.deepEqual(f('B'), ['2026-01-06', '2026-01-06']);
    assert.equal(s.milestones.get('m2')!.forecastFinish, '2026-01-06');
    assert.deepEqual(f('C'), ['2026-01-07', '2026-01-07']);
    // The planned pass is unchanged: C after B (Mon 12) on Tue 13.
    assert.equal(s.tasks.get('C')!.plannedStart, '2026-01-13');
  });
});

describe('schedule: a milestone without tasks passes its depends through', () => {
  // Found by the property test (schedule-property.test.ts, seeds 85 and 672).
  it('binds what it depends on by its due, through a milestone', () => {
    // m1: A 2d Mon 05 - Tue 06, L 5d Mon 05 - Fri 09 (project end). e has no
    // task, depends on m1 and is due Tue 06: m1's work must finish by Tue 06.
    // A: late finish 06, float 0. L: 5 workdays ending Tue 06 start Wed
    // 12-31, float = workdays 05 -> 12-31 = -3. e's due is missed by L.
    const s = scheduleOf(`${M1}      - { id: A, title: A, estimate: 2d }
      - { id: L, title: L, estimate: 5d }
  - { id: e, title: e, due: 2026-01-06, depends: [m1], tasks: [] }
`);
    assert.deepEqual(task(s, 'A'), { start: '2026-01-05', finish: '2026-01-06', float: 0, critical: true });
    assert.deepEqual(task(s, 'L'), { start: '2026-01-05', finish: '2026-01-09', float: -3, critical: true });
    assert.equal(s.milestones.get('m1')!.float, -3);
  });

  it('binds them through a dropped task too', () => {
    // Backlog A 2d Mon 05 - Tue 06; D dropped after A; e (no task, due Tue
    // 06) depends on D, so on A through D: A late finish 06, float 0, and it
    // leads to a milestone: critical. Without e, A would end by the later of
    // its finish and the project end (Fri 09, L): float 3.
    const s = scheduleOf(`${M1}      - { id: L, title: L, estimate: 5d }
  - { id: e, title: e, due: 2026-01-06, depends: [D], tasks: [] }
backlog:
  - { id: A, title: A, estimate: 2d }
  - { id: D, title: D, status: dropped, depends: [A] }
`);
    assert.deepEqual(task(s, 'A'), { start: '2026-01-05', finish: '2026-01-06', float: 0, critical: true });
  });
});

describe('schedule: the horizon', () => {
  // Start Mon 2026-01-05, today 2026-01-01: the horizon is 100 years after
  // the start, 2126-01-05, a Saturday (36,524 days later; 36,524 = 7 x 5,217 + 5),
  // so no date goes past Friday 2126-01-04.
  const huge = Array.from({ length: 60 }, (_, i) => `      - { id: T${i}, title: T${i}, estimate: 10d${i ? `, depends: [T${i - 1}]` : ', start: 2126-01-01'} }\n`).join('');
  const s = scheduleOf(`milestones:
  - id: m1
    title: One
    tasks:
${huge}      - { id: P, title: P, estimate: 2d, start: 9999-12-30 }
`);

  it('clamps work beyond it to its last workday and says so on each task', () => {
    // T0's 10 workdays from Tue 2126-01-01 would end on 01-14; its dates stop at
    // the horizon, and so do its 59 successors' (each ready after it) and
    // P's, pinned to 9999-12-30.
    assert.deepEqual([task(s, 'T0').start, task(s, 'T0').finish], ['2126-01-01', '2126-01-04']);
    assert.deepEqual([task(s, 'T59').start, task(s, 'T59').finish], ['2126-01-04', '2126-01-04']);
    assert.deepEqual([task(s, 'P').start, task(s, 'P').finish], ['2126-01-04', '2126-01-04']);
    assert.equal(s.plannedFinish, '2126-01-04');
    const horizon = s.diagnostics.filter((d) => d.code === 'schedule-horizon');
    assert.equal(horizon.length, 61);
    assert.equal(horizon[0].message, "'T0' would end after 2126-01-05, the schedule's horizon (100 years after the later of the project start and today); its dates stop there.");
  });

  it('prints every date as YYYY-MM-DD', () => {
    for (const t of s.tasks.values()) {
      for (const d of [t.plannedStart, t.plannedFinish, t.lateStart, t.lateFinish, t.forecastStart, t.forecastFinish]) assert.match(d, /^\d{4}-\d{2}-\d{2}$/, t.id);
    }
  });
});
