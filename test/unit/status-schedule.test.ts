// The schedule's fields in `waymark status` (JSON and table), on real YAML.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { analyzePlan } from '../../src/core/analyze';
import { buildStatus } from '../../src/core/report/status';
import { renderStatusTable } from '../../src/core/report/table';

// No history: declared statuses. A done Mon 05-Tue 06 (planned), B Wed 07-Thu 08,
// C Fri 09 = due. Today Wed 14: B is forecast Wed 14-Thu 15, C Fri 16: 5 workdays late.
const TEXT = `version: 1
project:
  name: Surface
  start: 2026-01-05
people:
  - { id: ana, rate: 100 }
milestones:
  - id: m1
    title: One
    due: 2026-01-09
    tasks:
      - { id: A, title: A, estimate: 2d, status: done, assignee: ana }
      - { id: B, title: B, estimate: 2d, depends: [A], assignee: ana }
      - { id: C, title: C, estimate: 1d, depends: [B] }
risks:
  - { id: R1, title: Big, probability: high, impact: high, tasks: [B] }
`;

describe('status: schedule fields', () => {
  const plan = parsePlan(TEXT).plan!;
  const status = buildStatus({ analysis: analyzePlan(plan, undefined, { today: '2026-01-14' }) });

  it('adds planned dates, float and critical per task', () => {
    const b = status.milestones[0].tasks[1];
    assert.deepEqual([b.plannedStart, b.plannedFinish, b.float, b.critical, b.forecastStart, b.forecastFinish],
      ['2026-01-07', '2026-01-08', 0, true, '2026-01-14', '2026-01-15']);
  });

  it('adds forecast, slip and health per milestone', () => {
    const m = status.milestones[0];
    assert.deepEqual([m.plannedFinish, m.forecastFinish, m.slipDays, m.health, m.healthOverridden],
      ['2026-01-09', '2026-01-16', 5, 'off-track', false]);
    assert.equal(m.healthReasons[0], 'forecast finish 2026-01-16 is 5 workdays after its due 2026-01-09');
    assert.deepEqual([status.project.plannedFinish, status.project.forecastFinish], ['2026-01-09', '2026-01-16']);
  });

  it('adds workload, budget and risks sections', () => {
    // ana: B 16 h on Wed 14-Thu 15, in a 40 h week.
    assert.deepEqual(status.workload.people.map((p) => [p.person, p.totalHours]), [['ana', 16]]);
    // Cost: A 1600 + B 1600 (C has no rate). PV by Wed 14: everything (3200); EV: A 1600.
    assert.deepEqual(status.budget.cost, { bac: 3200, pv: 3200, ev: 1600, ac: 0, spi: 0.5 });
    assert.deepEqual(status.budget.unratedTasks, ['C']);
    assert.deepEqual(status.risks.map((r) => [r.id, r.exposure, r.milestones]), [['R1', 9, ['m1']]]);
  });

  it('is reproducible for the same --today and shows forecast, slip and health in the table', () => {
    const again = buildStatus({ analysis: analyzePlan(plan, undefined, { today: '2026-01-14' }) });
    assert.equal(JSON.stringify(again), JSON.stringify(status));
    const table = renderStatusTable(status, { color: false });
    assert.match(table, /\n {2}forecast 2026-01-16 · 5 workdays late · off-track: forecast finish 2026-01-16 is 5 workdays after its due 2026-01-09; /);
    // No currency in the plan: hours. BAC 40 h all planned by Fri 09; A's 16 h earned.
    assert.match(table, /\nEarned value 16 h of 40 h planned by today \(SPI 0\.4\)\n/);
    assert.match(table, /B .*\(critical, in \d+% of runs\)/);
  });
});
