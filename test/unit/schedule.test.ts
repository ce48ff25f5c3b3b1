// The critical-path scheduler on real project.yml text (parsePlan), with
// answers derived by hand in the comments next to each case.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import type { Plan } from '../../src/core/model';
import { schedulePlan, scheduleDiagnostics, durationDays, medianEstimateHours, type Schedule, type ScheduleProgress } from '../../src/core/schedule';

function planOf(yaml: string): Plan {
  const parsed = parsePlan(yaml);
  assert.ok(parsed.plan, `plan did not parse: ${parsed.diagnostics.map((d) => d.message).join('; ')}`);
  return parsed.plan;
}

function dates(s: Schedule, id: string): [string, string, string, string, number] {
  const t = s.tasks.get(id)!;
  return [t.earlyStart, t.earlyFinish, t.lateStart, t.lateFinish, t.float];
}

/** ProgressResult-shaped input, as progress.ts would compute it from commits. */
function progressOf(entries: Record<string, { effective: ScheduleProgress['tasks'] extends ReadonlyMap<string, infer V> ? V['effective'] : never; actualStart?: string; actualFinish?: string; progress?: number }>): ScheduleProgress {
  return {
    tasks: new Map(Object.entries(entries).map(([id, e]) => [id, { ...e, progress: e.progress ?? (e.effective === 'done' ? 1 : 0) }])),
  };
}

// A textbook activity-on-node network (the shape used in most CPM
// introductions), derived by hand. Durations in days, every day a workday
// so day k of the project is 2026-01-04 + k.
//
//   act dur pred   ES EF | LS LF | float
//   A   3   -       1  3 |  1  3 | 0
//   B   4   A       4  7 |  4  7 | 0
//   C   2   A       4  5 | 10 11 | 6   (LF = min(E.LS, F.LS) - 1 = min(12, 15) - 1)
//   D   5   B       8 12 |  8 12 | 0
//   E   1   C       6  6 | 12 12 | 6   (LF = G.LS - 1)
//   F   2   C       6  7 | 15 16 | 9   (LF = H.LS - 1)
//   G   4   D,E    13 16 | 13 16 | 0
//   H   3   F,G    17 19 | 17 19 | 0   project end: day 19
// Critical path A-B-D-G-H, 19 days (in the 0-based convention of most
// textbooks: A 0-3, B 3-7, D 7-12, G 12-16, H 16-19).
const CPM = `version: 1
project:
  name: CPM textbook
  start: 2026-01-05
  calendar:
    workdays: [sun, mon, tue, wed, thu, fri, sat]
    hoursPerDay: 8
milestones:
  - id: m1
    title: Network
    tasks:
      - { id: A, title: A, estimate: 3d }
      - { id: B, title: B, estimate: 4d, depends: [A] }
      - { id: C, title: C, estimate: 2d, depends: [A] }
      - { id: D, title: D, estimate: 5d, depends: [B] }
      - { id: E, title: E, estimate: 1d, depends: [C] }
      - { id: F, title: F, estimate: 2d, depends: [C] }
      - { id: G, title: G, estimate: 4d, depends: [D, E] }
      - { id: H, title: H, estimate: 3d, depends: [F, G] }
`;

describe('schedule: textbook CPM network', () => {
  const s = schedulePlan(planOf(CPM), undefined, { today: '2026-01-05' });

  it('computes early and late dates and total float by hand', () => {
    assert.deepEqual(dates(s, 'A'), ['2026-01-05', '2026-01-07', '2026-01-05', '2026-01-07', 0]);
    assert.deepEqual(dates(s, 'B'), ['2026-01-08', '2026-01-11', '2026-01-08', '2026-01-11', 0]);
    assert.deepEqual(dates(s, 'C'), ['2026-01-08', '2026-01-09', '2026-01-14', '2026-01-15', 6]);
    assert.deepEqual(dates(s, 'D'), ['2026-01-12', '2026-01-16', '2026-01-12', '2026-01-16', 0]);
    assert.deepEqual(dates(s, 'E'), ['2026-01-10', '2026-01-10', '2026-01-16', '2026-01-16', 6]);
    assert.deepEqual(dates(s, 'F'), ['2026-01-10', '2026-01-11', '2026-01-19', '2026-01-20', 9]);
    assert.deepEqual(dates(s, 'G'), ['2026-01-17', '2026-01-20', '2026-01-17', '2026-01-20', 0]);
    assert.deepEqual(dates(s, 'H'), ['2026-01-21', '2026-01-23', '2026-01-21', '2026-01-23', 0]);
  });

  it('finds the critical path A-B-D-G-H and the project end on day 19', () => {
    assert.deepEqual(s.criticalPath, ['A', 'B', 'D', 'G', 'H']);
    assert.equal(s.plannedFinish, '2026-01-23');
    assert.equal(s.tasks.get('C')!.critical, false);
    assert.equal(s.milestones.get('m1')!.plannedFinish, '2026-01-23');
    assert.equal(s.startSource, 'project.start');
  });
});
