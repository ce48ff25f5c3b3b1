// Earned value on real project.yml text, every figure counted by hand.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { schedulePlan, type ScheduleProgress } from '../../src/core/schedule';
import { computeBudget } from '../../src/core/budget';

// Planned: K1 ana 2d Mon 05-Tue 06, K2 bo 4d Wed 07-Mon 12, K3 (no one) 1d Tue 13.
// Today Fri 09: K1 fully planned (1), K2 3 of 4 workdays (0.75), K3 0.
//                 hours  rate  planned cost  progress  spent
//   K1 done       16     100   1600          1         20 h
//   K2 started    32     50    1600          0.5       10 h
//   K3 todo        8     -     -             0         -
// Hours: BAC 56, PV 16 + 24 = 40, EV 16 + 16 = 32, SPI 0.8;
//        AC 30, CPI = EV of the tasks with spent (32) / 30 = 1.067,
//        EAC = 30 + (56 - 32) / (32/30) = 52.5.
// Cost:  BAC 3200, PV 1600 + 1200 = 2800, EV 1600 + 800 = 2400, SPI 0.857;
//        AC 2000 + 500 = 2500, CPI 0.96, EAC = 2500 + 800 / 0.96 = 3333.33.
// Budget 10000: variance 6800. The backlog and dropped tasks are not in scope.
const TEXT = `version: 1
project:
  name: Money
  start: 2026-01-05
  budget: { amount: 10000, currency: USD }
people:
  - { id: ana, rate: 100 }
  - { id: bo, rate: 50 }
milestones:
  - id: m1
    title: One
    tasks:
      - { id: K1, title: K1, estimate: 2d, assignee: ana, status: done, spent: 20h }
      - { id: K2, title: K2, estimate: 4d, assignee: bo, depends: [K1], spent: 10h }
      - { id: K3, title: K3, estimate: 1d, depends: [K2] }
      - { id: K4, title: K4, estimate: 9d, assignee: ana, status: dropped }
backlog:
  - { id: L1, title: Later, estimate: 5d, assignee: ana }
`;

// A done task with no hours logged beside a started one that logs them:
//   J1 done     16 h  progress 1    no spent  -> EV 16, not in CPI
//   J2 started  32 h  progress 0.5  spent 8 h -> EV 16, CPI 16 / 8 = 2
// BAC 48, EV 32, AC 8; EAC = 8 + 16 (J1 at its estimate) + (48 - 32) / 2 = 32.
// (AC + (BAC - EV) / CPI alone gives 16: less than the 32 h already earned.)
describe('budget: EAC when some tasks log no time', () => {
  const plan = parsePlan(`version: 1
project: { name: Some, start: 2026-01-05 }
milestones:
  - id: m1
    title: One
    tasks:
      - { id: J1, title: J1, estimate: 2d, status: done }
      - { id: J2, title: J2, estimate: 4d, depends: [J1], spent: 8h }
`).plan!;
  const progress: ScheduleProgress = {
    tasks: new Map([
      ['J1', { effective: 'done' as const, actualStart: '2026-01-05', actualFinish: '2026-01-06', progress: 1 }],
      ['J2', { effective: 'in-progress' as const, actualStart: '2026-01-07', progress: 0.5 }],
    ]),
  };
  it('counts the earned work without hours at its estimate', () => {
    const b = computeBudget(plan, schedulePlan(plan, progress, { today: '2026-01-09' }), progress);
    assert.equal(b.hours.cpi, 2);
    assert.equal(b.hours.eac, 32);
  });
});

describe('budget: earned value', () => {
  const plan = parsePlan(TEXT).plan!;
  const progress: ScheduleProgress = {
    tasks: new Map([
      ['K1', { effective: 'done' as const, actualStart: '2026-01-05', actualFinish: '2026-01-06', progress: 1 }],
      ['K2', { effective: 'in-progress' as const, actualStart: '2026-01-07', progress: 0.5 }],
      ['K3', { effective: 'todo' as const, progress: 0 }],
    ]),
  };
  const b = computeBudget(plan, schedulePlan(plan, progress, { today: '2026-01-09' }), progress);

  it('computes BAC, PV, EV, AC, SPI, CPI and EAC in hours', () => {
    assert.deepEqual(b.hours, { bac: 56, pv: 40, ev: 32, ac: 30, spi: 0.8, cpi: 1.067, eac: 52.5 });
  });

  it('computes them in money where assignees have rates', () => {
    assert.deepEqual(b.cost, { bac: 3200, pv: 2800, ev: 2400, ac: 2500, spi: 0.857, cpi: 0.96, eac: 3333.33 });
    assert.equal(b.currency, 'USD');
    assert.equal(b.amount, 10000);
    assert.equal(b.variance, 6800);
    assert.deepEqual(b.unratedTasks, ['K3']);
    assert.deepEqual(b.tasks.map((t) => t.id), ['K1', 'K2', 'K3']);
    assert.deepEqual(b.tasks[0], { id: 'K1', hours: 16, rate: 100, plannedCost: 1600, spentHours: 20, costToDate: 2000 });
  });

  it('has no SPI before anything is planned, and no money figures without rates', () => {
    const bare = parsePlan(TEXT.replace('  - { id: ana, rate: 100 }\n  - { id: bo, rate: 50 }', '  - { id: ana }\n  - { id: bo }')).plan!;
    const early = computeBudget(bare, schedulePlan(bare, undefined, { today: '2026-01-02' }), undefined);
    assert.equal(early.cost, undefined);
    assert.equal(early.hours.pv, 0);
    assert.equal(early.hours.spi, undefined);
    // Without history K1 is done by its declared status: EV 16 h.
    assert.equal(early.hours.ev, 16);
  });
});
