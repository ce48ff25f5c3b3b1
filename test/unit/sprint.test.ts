// Sprint burndown and committed vs completed work, counted by hand.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { schedulePlan, type ScheduleProgress } from '../../src/core/schedule';
import { computeSprints } from '../../src/core/sprint';

// Chain A 2d (Mon 05-Tue 06), B 3d (Wed 07-Fri 09), C 2d (Mon 12-Tue 13),
// D 3d (Wed 14-Fri 16), E 2d (Mon 19-Tue 20).
// S1 lists A, B, C: committed 16 + 24 + 16 = 56 h. Commits: A done Tue 06,
// B done Mon 12. Today Tue 13.
//   remaining: 05: 56, 06: 40, 07-09: 40, 12: 16, 13: 16, 14-16: unknown (null)
//   ideal over 10 workdays: 56 x (10 - i) / 10 = 50.4, 44.8, ..., 0
// S2 lists nothing: members are tasks planned to finish within it: E only
// (D finishes Fri 16, in S1's span).
const TEXT = `version: 1
project:
  name: Sprints
  start: 2026-01-05
milestones:
  - id: m1
    title: One
    tasks:
      - { id: A, title: A, estimate: 2d }
      - { id: B, title: B, estimate: 3d, depends: [A] }
      - { id: C, title: C, estimate: 2d, depends: [B] }
      - { id: D, title: D, estimate: 3d, depends: [C] }
      - { id: E, title: E, estimate: 2d, depends: [D] }
sprints:
  - { id: S1, start: 2026-01-05, end: 2026-01-16, goal: First, tasks: [A, B, C] }
  - { id: S2, start: 2026-01-19, end: 2026-01-30 }
`;

describe('sprint: burndown', () => {
  const plan = parsePlan(TEXT).plan!;
  const progress: ScheduleProgress = {
    tasks: new Map([
      ['A', { effective: 'done' as const, actualStart: '2026-01-05', actualFinish: '2026-01-06', progress: 1 }],
      ['B', { effective: 'done' as const, actualStart: '2026-01-07', actualFinish: '2026-01-12', progress: 1 }],
      ['C', { effective: 'in-progress' as const, actualStart: '2026-01-13', progress: 0.5 }],
    ]),
  };
  const [s1, s2] = computeSprints(plan, schedulePlan(plan, progress, { today: '2026-01-13' }));

  it('burns down committed hours by actual finish dates', () => {
    assert.equal(s1.membership, 'listed');
    assert.equal(s1.state, 'active');
    assert.equal(s1.committedHours, 56);
    assert.equal(s1.completedHours, 40);
    assert.deepEqual(s1.completedTasks, ['A', 'B']);
    assert.deepEqual(s1.series.map((p) => [p.date, p.remaining, p.ideal]), [
      ['2026-01-05', 56, 50.4], ['2026-01-06', 40, 44.8], ['2026-01-07', 40, 39.2], ['2026-01-08', 40, 33.6],
      ['2026-01-09', 40, 28], ['2026-01-12', 16, 22.4], ['2026-01-13', 16, 16.8], ['2026-01-14', null, 11.2],
      ['2026-01-15', null, 5.6], ['2026-01-16', null, 0],
    ]);
  });

  it('takes tasks planned to finish in an unlisted sprint', () => {
    assert.equal(s2.membership, 'planned-dates');
    assert.equal(s2.state, 'planned');
    assert.deepEqual(s2.tasks, ['E']);
    assert.equal(s2.committedHours, 16);
    assert.equal(s2.completedHours, 0);
    assert.equal(s2.series.every((p) => p.remaining === null), true);
  });
});
