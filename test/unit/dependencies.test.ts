// `depends` resolved to task and milestone numbers (dependencies.ts), on real
// project.yml text, and the scheduler's agreement whether the plan came
// resolved from parsePlan or was built in memory in another order.
import * as assert from 'node:assert/strict';
import type { Plan } from '../../src/core/model';
import { UNKNOWN, dependenciesOf, milestoneTarget, resolveDependencies } from '../../src/core/dependencies';
import { schedulePlan, type Schedule } from '../../src/core/schedule';
import { planOf } from './planFixture';

const YAML = `version: 1
project:
  name: Deps
  start: 2026-03-02
milestones:
  - id: alpha
    title: Alpha
    due: 2026-03-20
    tasks:
      - { id: A-1, title: First, estimate: 2d }
      - { id: A-2, title: Second, estimate: 3d, depends: [A-1] }
  - id: beta
    title: Beta
    depends: [alpha]
    tasks:
      - { id: B-1, title: Third, estimate: 1d, depends: [A-2, alpha] }
      - { id: B-2, title: Fourth, estimate: 2d, depends: [B-1, ghost] }
backlog:
  - { id: X-1, title: Later, estimate: 4h, depends: [beta, B-2] }
`;

/** Every figure a user can see per task, as comparable strings. */
function shape(s: Schedule): string[] {
  const out: string[] = [];
  for (const [id, t] of s.tasks) {
    out.push(`${id} ${t.earlyStart}..${t.earlyFinish} late ${t.lateStart}..${t.lateFinish} float ${t.float} ${t.critical ? 'critical' : ''} forecast ${t.forecastStart}..${t.forecastFinish}`);
  }
  for (const [id, m] of s.milestones) out.push(`${id} ${m.plannedFinish} ${m.forecastFinish} slip ${m.slipDays} float ${m.float}`);
  return out.sort();
}

describe('dependencies', () => {
  it('resolves each task and milestone depends entry to a task index, a milestone or unknown', () => {
    const plan = planOf(YAML);
    const r = dependenciesOf(plan);
    const ids = plan.tasks.map((t) => t.id);
    assert.deepEqual(ids, ['A-1', 'A-2', 'B-1', 'B-2', 'X-1']);
    const of = (i: number) => [...r.targets.subarray(r.taskStart[i], r.taskStart[i + 1])];
    assert.deepEqual(of(0), []);
    assert.deepEqual(of(1), [0]); // A-2 -> A-1
    assert.deepEqual(of(2), [1, milestoneTarget(0)]); // B-1 -> A-2, alpha
    assert.deepEqual(of(3), [2, UNKNOWN]); // B-2 -> B-1, ghost (validate reports it)
    assert.deepEqual(of(4), [milestoneTarget(1), 3]); // beta, B-2
    assert.deepEqual([...r.targets.subarray(r.milestoneStart[0], r.milestoneStart[1])], []);
    assert.deepEqual([...r.targets.subarray(r.milestoneStart[1], r.milestoneStart[2])], [milestoneTarget(0)]); // beta -> alpha
  });

  it('is resolved by parsePlan and remembered per plan object', () => {
    const plan = planOf(YAML);
    const first = dependenciesOf(plan);
    assert.equal(dependenciesOf(plan), first, 'the same arrays, not a second resolution');
    assert.notEqual(dependenciesOf(planOf(YAML)), first, 'a new parse is a new plan');
    assert.deepEqual(resolveDependencies(plan), first);
  });

  it('gives the same schedule for a plan built in memory with its tasks in another order', () => {
    const plan = planOf(YAML);
    // Backlog first: Task.order no longer matches the position, so the
    // resolver maps task objects to positions itself.
    const reordered: Plan = { ...plan, tasks: [...plan.tasks].reverse() };
    const r = dependenciesOf(reordered);
    const idx = (id: string) => reordered.tasks.findIndex((t) => t.id === id);
    const b2 = idx('B-2');
    assert.deepEqual([...r.targets.subarray(r.taskStart[b2], r.taskStart[b2 + 1])], [idx('B-1'), UNKNOWN]);
    const today = { today: '2026-03-04' };
    assert.deepEqual(shape(schedulePlan(reordered, undefined, today)), shape(schedulePlan(plan, undefined, today)));
  });

  it('schedules a milestone dependency as waiting for the whole milestone', () => {
    const s = schedulePlan(planOf(YAML), undefined, { today: '2026-03-02' });
    // alpha: A-1 Mon 2 - Tue 3, A-2 Wed 4 - Fri 6; B-1 waits for alpha, so Mon 9.
    assert.equal(s.tasks.get('A-2')!.earlyFinish, '2026-03-06');
    assert.equal(s.tasks.get('B-1')!.earlyStart, '2026-03-09');
    // X-1 waits for beta: B-2 ends Wed 11 (B-1 Mon 9, B-2 Tue 10 - Wed 11).
    assert.equal(s.tasks.get('B-2')!.earlyFinish, '2026-03-11');
    assert.equal(s.tasks.get('X-1')!.earlyStart, '2026-03-12');
  });
});
