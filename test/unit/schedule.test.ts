// The critical-path scheduler on real project.yml text (parsePlan), with
// answers derived by hand in the comments next to each case.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import type { TaskStatus } from '../../src/core/model';
import { computeProgress, medianEstimateHours } from '../../src/core/progress';
import { scanHistory } from '../../src/core/git/history';
import { TestRepo } from './gitRepoFixture';
import { planOf } from './planFixture';
import { schedulePlan, durationDays, type Schedule, type ScheduleProgress } from '../../src/core/schedule';
import { scheduleDiagnostics } from '../../src/core/scheduleDiagnostics';

function dates(s: Schedule, id: string): [string, string, string, string, number] {
  const t = s.tasks.get(id)!;
  return [t.earlyStart, t.earlyFinish, t.lateStart, t.lateFinish, t.float];
}

/** ProgressResult-shaped input, as progress.ts would compute it from commits. */
function progressOf(entries: Record<string, { effective: TaskStatus; actualStart?: string; actualFinish?: string; progress?: number }>): ScheduleProgress {
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

describe('schedule: calendars, capacity and pinned starts', () => {
  // Mon-Fri, 2026-01-05 is a Monday, 2026-01-19 (Monday) a holiday.
  // X: ana at capacity 0.5, 2d = 16 h at 4 h/day = 4 workdays; ana is off on
  //    Thu 01-08, so X runs Mon 05, Tue 06, Wed 07, Fri 09.
  // Y: unassigned, 3d after X: Mon 12, Tue 13, Wed 14.
  // Z: 3d after Y: Thu 15, Fri 16, (weekend, Mon 19 holiday) Tue 20.
  // P: pinned to Saturday 01-10, 1d: the next workday, Mon 12.
  // Q: pinned to 01-05 but after Z: Wed 21 (a pin is "no earlier than").
  const plan = planOf(`version: 1
project:
  name: Calendar
  start: 2026-01-05
  calendar:
    workdays: [mon, tue, wed, thu, fri]
    hoursPerDay: 8
    holidays: [2026-01-19]
people:
  - id: ana
    capacity: 0.5
    off: [2026-01-08]
milestones:
  - id: m1
    title: One
    tasks:
      - { id: X, title: X, estimate: 2d, assignee: ana }
      - { id: Y, title: Y, estimate: 3d, depends: [X] }
      - { id: Z, title: Z, estimate: 3d, depends: [Y] }
      - { id: P, title: P, estimate: 1d, start: 2026-01-10 }
      - { id: Q, title: Q, estimate: 4h, start: 2026-01-05, depends: [Z] }
`);
  const s = schedulePlan(plan, undefined, { today: '2026-01-05' });

  it('stretches a half-time task and skips her day off', () => {
    const x = s.tasks.get('X')!;
    assert.equal(x.durationDays, 4);
    assert.deepEqual([x.plannedStart, x.plannedFinish], ['2026-01-05', '2026-01-09']);
  });

  it('starts the next workday after a predecessor and skips weekends and holidays', () => {
    assert.deepEqual([s.tasks.get('Y')!.plannedStart, s.tasks.get('Y')!.plannedFinish], ['2026-01-12', '2026-01-14']);
    assert.deepEqual([s.tasks.get('Z')!.plannedStart, s.tasks.get('Z')!.plannedFinish], ['2026-01-15', '2026-01-20']);
  });

  it('honours pinned starts as no-earlier-than dates', () => {
    assert.deepEqual([s.tasks.get('P')!.plannedStart, s.tasks.get('P')!.plannedFinish], ['2026-01-12', '2026-01-12']);
    assert.deepEqual([s.tasks.get('Q')!.plannedStart, s.tasks.get('Q')!.plannedFinish], ['2026-01-21', '2026-01-21']);
    // P can slide to the project end (Wed 21): Mon 12 -> Wed 21 is 6 workdays without the holiday.
    assert.equal(s.tasks.get('P')!.float, 6);
    assert.equal(s.tasks.get('P')!.lateFinish, '2026-01-21');
  });

  it('sizes durations from hours, hours per day and capacity', () => {
    assert.equal(durationDays(16, 8, 0.5), 4);
    assert.equal(durationDays(4, 8, 1), 1);
    assert.equal(durationDays(24, 8, 0.3), 10); // 10 days exactly, not 11 from rounding noise
    assert.equal(durationDays(0, 8, 1), 0);
  });
});

const LATE = `version: 1
project:
  name: Late
  start: 2026-01-05
milestones:
  - id: m1
    title: One
    due: 2026-01-08
    tasks:
      - { id: X, title: X, estimate: 3d }
      - { id: Y, title: Y, estimate: 2d, depends: [X], due: 2026-01-07 }
backlog:
  - { id: B1, title: Idea, estimate: 10d }
`;

describe('schedule: deadlines and negative float', () => {
  // X 3d Mon 05-Wed 07, Y 2d Thu 08-Fri 09. Y is due Wed 07: its late finish
  // is 07, late start Tue 06, float = workdays(06 -> 08) = -2. X must then
  // finish by Mon 05 (Y.LS - 1): late start = 3 workdays ending Mon 05 =
  // Thu 01-01, float -2. The milestone is due Thu 08 and finishes Fri 09:
  // 1 workday of planned slip.
  const plan = planOf(LATE);
  const s = schedulePlan(plan, undefined, { today: '2026-01-05' });

  it('gives negative float when a due date cannot be met', () => {
    assert.deepEqual(dates(s, 'Y'), ['2026-01-08', '2026-01-09', '2026-01-06', '2026-01-07', -2]);
    assert.deepEqual(dates(s, 'X'), ['2026-01-05', '2026-01-07', '2026-01-01', '2026-01-05', -2]);
    assert.deepEqual(s.criticalPath, ['X', 'Y']);
  });

  it('reports the milestone slip and its negative float', () => {
    const m = s.milestones.get('m1')!;
    assert.equal(m.plannedFinish, '2026-01-09');
    assert.equal(m.slipDays, 1);
    assert.equal(m.float, -1);
  });

  it('keeps a long backlog task off the critical path and out of the project end', () => {
    const b = s.tasks.get('B1')!;
    assert.equal(b.plannedFinish, '2026-01-16');
    assert.equal(b.float, 0);
    assert.equal(b.critical, false);
    assert.equal(s.plannedFinish, '2026-01-09');
  });

  it('turns missed deadlines into diagnostics on the due values', () => {
    const parsed = parsePlan(LATE);
    const diags = scheduleDiagnostics(parsed.plan!, schedulePlan(parsed.plan!, undefined, { today: '2026-01-05' }), { positionAt: (o) => parsed.positionAt(o) });
    // Line 11 is Y's flow mapping; its due value starts at column 61. Line 8: the milestone's due.
    const missed = diags.filter((d) => d.code === 'missed-deadline').map((d) => [d.message, d.start.line, d.start.col]);
    assert.deepEqual(missed, [
      ["'Y' is forecast to finish 2026-01-09, 2 workdays after its due 2026-01-07.", 11, 61],
      ["Milestone 'm1' is forecast to finish 2026-01-09, 1 workday after its due 2026-01-08.", 8, 10],
    ]);
  });
});

const FORECAST = `version: 1
project:
  name: Forecast
  start: 2026-01-05
milestones:
  - id: m1
    title: One
    due: 2026-01-09
    tasks:
      - { id: A, title: A, estimate: 2d, status: done }
      - { id: B, title: B, estimate: 2d, depends: [A] }
      - { id: C, title: C, estimate: 1d, depends: [B] }
      - { id: D, title: D, estimate: 3d }
      - { id: E, title: E, estimate: 4d, progress: 25% }
`;

describe('schedule: forecast from the commits', () => {
  // Planned (plan only): A Mon 05-Tue 06, B Wed 07-Thu 08, C Fri 09, D 05-07,
  // E 05-08; the milestone lands on its due, Fri 09.
  // Commits: A done 05 -> Thu 08; D started Mon 12; E started Tue 06.
  // Today Wed 14, past the plan:
  //   A at its actual dates 05-08;
  //   B waits for A (ready Fri 09) but remaining work starts no earlier than
  //     today: Wed 14-Thu 15; C Fri 16;
  //   D 3 workdays from its actual start: 12-14 (not before today: ok);
  //   E explicit 25%: ceil(4 x 0.75) = 3 workdays from today: 14-16
  //     (later than 06 + 4 workdays = Fri 09).
  // Milestone forecast Fri 16: 5 workdays (12..16) after its due.
  // Progress by hours: A 16 x 1 + D 24 x 0.5 + E 32 x 0.25 = 36 of 96 = 37.5%.
  const plan = planOf(FORECAST);
  const progress = progressOf({
    A: { effective: 'done', actualStart: '2026-01-05', actualFinish: '2026-01-08' },
    B: { effective: 'todo' },
    C: { effective: 'todo' },
    D: { effective: 'in-progress', actualStart: '2026-01-12', progress: 0.5 },
    E: { effective: 'in-progress', actualStart: '2026-01-06', progress: 0.25 },
  });
  const s = schedulePlan(plan, progress, { today: '2026-01-14' });
  const f = (id: string): [string, string, string] => {
    const t = s.tasks.get(id)!;
    return [t.forecastStart, t.forecastFinish, t.forecastBasis];
  };

  it('keeps the planned schedule from the plan alone', () => {
    assert.deepEqual([s.tasks.get('A')!.plannedStart, s.tasks.get('A')!.plannedFinish], ['2026-01-05', '2026-01-06']);
    assert.equal(s.milestones.get('m1')!.plannedFinish, '2026-01-09');
    assert.equal(s.plannedFinish, '2026-01-09');
  });

  it('puts a done task at its actual dates and remaining work no earlier than today', () => {
    assert.deepEqual(f('A'), ['2026-01-05', '2026-01-08', 'actual']);
    assert.deepEqual(f('B'), ['2026-01-14', '2026-01-15', 'remaining']);
    assert.deepEqual(f('C'), ['2026-01-16', '2026-01-16', 'remaining']);
    assert.deepEqual(f('D'), ['2026-01-12', '2026-01-14', 'started']);
    assert.deepEqual(f('E'), ['2026-01-06', '2026-01-16', 'started']);
  });

  it('reports slip and the forecast finish (health: health.test.ts)', () => {
    const m = s.milestones.get('m1')!;
    assert.equal(m.forecastFinish, '2026-01-16');
    assert.equal(m.slipDays, 5);
    assert.equal(m.progress, 0.375);
    assert.equal(s.forecastFinish, '2026-01-16');
  });

  it('without history takes a declared-done task at its planned dates', () => {
    const bare = schedulePlan(plan, undefined, { today: '2026-01-14' });
    assert.deepEqual([bare.tasks.get('A')!.forecastStart, bare.tasks.get('A')!.forecastFinish], ['2026-01-05', '2026-01-06']);
    assert.deepEqual([bare.tasks.get('B')!.forecastStart, bare.tasks.get('B')!.forecastFinish], ['2026-01-14', '2026-01-15']);
  });

  it('gives the same answer for the same --today (no clock in the core)', () => {
    const again = schedulePlan(plan, progress, { today: '2026-01-14' });
    assert.deepEqual([...again.tasks.values()], [...s.tasks.values()]);
  });
});

describe('schedule: bad input never loops', () => {
  // A <-> B is a cycle; D depends on its own milestone (D -> m1 -> D).
  // The scheduler forces A (first on the A/B cycle in file order) ignoring
  // its edge from B, then D ignoring m1: A Mon 05, B and C Tue 06, D Mon 05.
  const text = `version: 1
project:
  name: Cycles
  start: 2026-01-05
milestones:
  - id: m1
    title: One
    tasks:
      - { id: A, title: A, estimate: 1d, depends: [B] }
      - { id: B, title: B, estimate: 1d, depends: [A] }
      - { id: C, title: C, estimate: 1d, depends: [A] }
      - { id: D, title: D, estimate: 1d, depends: [m1] }
`;
  it('schedules around cycles and says which edges it ignored', () => {
    const parsed = parsePlan(text);
    assert.ok(parsed.diagnostics.some((d) => d.severity === 'error'), 'the validator reports the cycle');
    const s = schedulePlan(parsed.plan!, undefined, { today: '2026-01-05', positionAt: (o) => parsed.positionAt(o) });
    assert.deepEqual(['A', 'B', 'C', 'D'].map((id) => s.tasks.get(id)!.plannedStart), ['2026-01-05', '2026-01-06', '2026-01-06', '2026-01-05']);
    assert.deepEqual(s.diagnostics.map((d) => [d.code, d.message, d.start.line]), [
      ['schedule-cycle', "'A' is on a dependency cycle; it was scheduled ignoring its dependency on 'B'.", 9],
      ['schedule-cycle', "'D' is on a dependency cycle; it was scheduled ignoring its dependency on 'm1'.", 12],
    ]);
    // Scheduled without positions (as the plan store does), the Problems-panel list still has them:
    // the `[B]` / `[m1]` values start at column 51 (6 + 44 characters before them).
    const bare = schedulePlan(parsed.plan!, undefined, { today: '2026-01-05' });
    assert.deepEqual(bare.diagnostics.map((d) => d.start.line), [1, 1]);
    const problems = scheduleDiagnostics(parsed.plan!, bare, { positionAt: (o) => parsed.positionAt(o) });
    assert.deepEqual(problems.filter((d) => d.code === 'schedule-cycle').map((d) => [d.start.line, d.start.col]), [[9, 51], [12, 51]]);
  });

  it('schedules a plan with no dates from today (a Saturday: from Monday)', () => {
    // Median of the estimates 1d and 3d is 16 h: B, with none, takes 2 days.
    const plan = planOf(`version: 1
project:
  name: Undated
milestones:
  - id: m1
    title: One
    tasks:
      - { id: A, title: A, estimate: 1d }
      - { id: B, title: B, depends: [A] }
      - { id: C, title: C, estimate: 3d }
`);
    assert.equal(medianEstimateHours(plan), 16);
    const s = schedulePlan(plan, undefined, { today: '2026-03-07' });
    assert.equal(s.start, '2026-03-07');
    assert.equal(s.startSource, 'today');
    assert.deepEqual(['A', 'B', 'C'].map((id) => [s.tasks.get(id)!.plannedStart, s.tasks.get(id)!.plannedFinish]), [
      ['2026-03-09', '2026-03-09'], ['2026-03-10', '2026-03-11'], ['2026-03-09', '2026-03-11'],
    ]);
    assert.equal(s.tasks.get('B')!.estimateAssumed, true);
    // Every task is critical (A-B and C both end on the project end); by early start.
    assert.deepEqual(s.criticalPath, ['A', 'C', 'B']);
  });
});

describe('schedule: milestones, dependencies on milestones', () => {
  const text = `version: 1
project:
  name: Health
  start: 2026-01-05
people:
  - id: ana
milestones:
  - id: ok
    title: Comfortable
    due: 2026-01-30
    tasks:
      - { id: T1, title: T1, estimate: 2d, assignee: ana }
  - id: tight
    title: Tight
    due: 2026-01-07
    tasks:
      - { id: T2, title: T2, estimate: 2d, assignee: ana }
  - id: risky
    title: Risky
    due: 2026-01-30
    health: on-track
    depends: [ok]
    tasks:
      - { id: T3, title: T3, estimate: 2d }
      - { id: T4, title: T4, estimate: 1d, depends: [tight] }
risks:
  - { id: R1, title: Vendor late, probability: high, impact: medium, status: open, tasks: [T3] }
  - { id: R2, title: Minor, probability: low, impact: high, status: open, tasks: [T1] }
`;
  const parsed = parsePlan(text);
  const s = schedulePlan(parsed.plan!, undefined, { today: '2026-01-05' });

  it('gates a milestone\'s tasks on the milestones it depends on', () => {
    // ok finishes Tue 06 -> risky's tasks start Wed 07; T4 also waits for tight (Tue 06).
    assert.deepEqual([s.tasks.get('T3')!.plannedStart, s.tasks.get('T3')!.plannedFinish], ['2026-01-07', '2026-01-08']);
    assert.equal(s.tasks.get('T4')!.plannedStart, '2026-01-07');
    assert.equal(s.milestones.get('risky')!.plannedFinish, '2026-01-08');
  });

  it('gives each milestone its slip against its due', () => {
    // ok: Wed 07 .. Fri 30: 3 + 5 + 5 + 5 = 18 workdays of slack; tight lands a workday early (health: health.test.ts).
    assert.equal(s.milestones.get('ok')!.slipDays, -18);
    assert.equal(s.milestones.get('tight')!.slipDays, -1);
  });
});

describe('schedule: the task results map', () => {
  const plan = planOf(FORECAST);
  // Every task, in plan order (as progress.ts builds it): the aligned fast path.
  const entries = {
    A: { effective: 'done' as const, actualStart: '2026-01-05', actualFinish: '2026-01-08' },
    B: { effective: 'todo' as const },
    C: { effective: 'todo' as const },
    D: { effective: 'in-progress' as const, actualStart: '2026-01-12', progress: 0.5 },
    E: { effective: 'todo' as const },
  };

  it('answers like a Map: get, has, size, iteration in file order', () => {
    const s = schedulePlan(plan, progressOf(entries), { today: '2026-01-14' });
    assert.equal(s.tasks.size, 5);
    assert.deepEqual([...s.tasks.keys()], ['A', 'B', 'C', 'D', 'E']);
    assert.equal(s.tasks.get('m1'), undefined); // a milestone id is not a task
    assert.equal(s.tasks.get('nope'), undefined);
    assert.equal(s.tasks.has('C'), true);
    assert.equal(s.tasks.get('C'), s.tasks.get('C')); // built once
    assert.deepEqual([...s.tasks.values()].map((t) => t.id), ['A', 'B', 'C', 'D', 'E']);
    assert.equal(JSON.parse(JSON.stringify(s.tasks.get('B'))).forecastStart, '2026-01-14');
  });

  it('reads a progress Map in any order', () => {
    const inOrder = schedulePlan(plan, progressOf(entries), { today: '2026-01-14' });
    const reversed: ScheduleProgress = { tasks: new Map([...progressOf(entries).tasks].reverse()) };
    const other = schedulePlan(plan, reversed, { today: '2026-01-14' });
    assert.deepEqual([...other.tasks.values()], [...inOrder.tasks.values()]);
    assert.equal(other.tasks.get('A')!.forecastFinish, '2026-01-08');
    assert.equal(other.tasks.get('D')!.forecastBasis, 'started');
  });
});

describe('schedule: forecast from a real git history', () => {
  // Same plan as FORECAST. Commits (author dates): "PAY A" Mon 05, "fixes A"
  // Thu 08 (A done at 05 -> 08); "D: start" Mon 12 (D started). Today Wed 14:
  // A at its actual dates, B after A but not before today (14-15), C Fri 16,
  // D 12 + 3 workdays = Wed 14; E has no commit (remaining, from today: 14-19).
  let repo: TestRepo;
  before(() => {
    repo = TestRepo.create();
    repo.commit('A: schema draft', { date: '2026-01-05T09:00:00Z' });
    repo.commit('Fixes A', { date: '2026-01-08T16:00:00Z' });
    repo.commit('D: first cut', { date: '2026-01-12T11:00:00Z' });
  });
  after(() => repo.remove());

  it('puts done work at its commit dates and open work from today', async () => {
    const plan = planOf(FORECAST);
    const progress = computeProgress(plan, await scanHistory(repo.dir, plan));
    const s = schedulePlan(plan, progress, { today: '2026-01-14' });
    const f = (id: string): string[] => { const t = s.tasks.get(id)!; return [t.forecastStart, t.forecastFinish, t.forecastBasis]; };
    assert.deepEqual(f('A'), ['2026-01-05', '2026-01-08', 'actual']);
    assert.deepEqual(f('B'), ['2026-01-14', '2026-01-15', 'remaining']);
    assert.deepEqual(f('C'), ['2026-01-16', '2026-01-16', 'remaining']);
    assert.deepEqual(f('D'), ['2026-01-12', '2026-01-14', 'started']);
    // E: 4 days, explicit 25% but not started: the whole duration from today, Wed 14 - Mon 19.
    assert.deepEqual(f('E'), ['2026-01-14', '2026-01-19', 'remaining']);
    assert.equal(s.milestones.get('m1')!.forecastFinish, '2026-01-19');
    assert.equal(s.milestones.get('m1')!.slipDays, 6);
  });
});
