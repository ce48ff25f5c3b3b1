import * as assert from 'node:assert/strict';
import type { Plan } from '../../src/core/model';
import { scanHistory } from '../../src/core/git/history';
import { computeProgress, effectiveStatus, medianEstimateHours } from '../../src/core/progress';
import { instantOf } from '../../src/core/calendar';
import { TestRepo, BEN } from './gitRepoFixture';
import { planOf } from './planFixture';

const YAML = `version: 1
project:
  name: Checkout
  start: 2026-01-05
people:
  - id: ana
    email: [Ana@Example.com]
milestones:
  - id: m1
    title: First
    tasks:
      - { id: A, title: Started by commits, estimate: 2d }
      - { id: B, title: Closed on main, estimate: 4h, status: review }
      - { id: C, title: Closed on a branch only }
      - { id: D, title: Dropped, estimate: 1w, status: dropped }
      - { id: E, title: Blocked with commits, estimate: 8h, status: blocked }
      - { id: F, title: Explicit progress, estimate: 1d, status: in-progress, progress: 30% }
      - { id: G, title: Untouched, estimate: 2h }
  - id: m2
    title: Empty
    tasks: []
backlog:
  - { id: H, title: Declared done, estimate: 3d, status: done }
`;

describe('progress: effective status, dates and weighted progress', function () {
  this.timeout(30000);
  let repo: TestRepo;
  let p: Plan;
  before(() => {
    p = planOf(YAML);
    repo = TestRepo.create();
    repo.commit('Start A', { date: '2026-01-06T09:00:00+02:00' });
    repo.commit('more on a', { date: '2026-01-07T09:00:00Z' });
    repo.commit('E: spike', { date: '2026-01-07T10:00:00Z' });
    repo.commit('finish B; fixes B', { date: '2026-01-08T16:00:00-05:00', author: BEN });
    repo.commit('B follow-up, closes B again', { date: '2026-01-09T10:00:00Z' });
    repo.git('checkout', '-q', '-b', 'topic');
    repo.commit('fixes C', { date: '2026-01-09T11:00:00Z' });
    repo.git('checkout', '-q', 'main');
  });
  after(() => repo.remove());

  it('derives statuses, commits, closing commit, dates and people from a real history', async () => {
    const scan = await scanHistory(repo.dir, p);
    const r = computeProgress(p, scan);
    const a = r.tasks.get('A')!;
    assert.equal(a.declared, 'todo');
    assert.equal(a.effective, 'in-progress');
    assert.equal(a.commits.length, 2);
    assert.equal(a.closedBy, null);
    assert.equal(a.actualStart, '2026-01-06');
    assert.equal(a.actualFinish, undefined);
    assert.deepEqual(a.authors, ['ana']);
    const b = r.tasks.get('B')!;
    assert.equal(b.effective, 'done');
    assert.equal(b.closedBy, scan.commits.find((c) => c.subject === 'finish B; fixes B')!.sha);
    assert.equal(b.actualFinish, '2026-01-08');
    assert.deepEqual(b.authors.sort(), ['ana', 'ben@example.com']);
    const c = r.tasks.get('C')!;
    assert.equal(c.effective, 'in-progress', 'a closing commit off the default branch only starts the task');
    assert.equal(c.closedBy, null);
    assert.equal(r.tasks.get('E')!.effective, 'blocked');
    assert.equal(r.tasks.get('E')!.progress, 0.5);
    assert.equal(r.tasks.get('D')!.weightHours, 0);
    assert.equal(r.tasks.get('H')!.effective, 'done');
    assert.equal(r.tasks.get('H')!.actualFinish, undefined);
  });

  it('weights by estimate hours with the median for unestimated tasks, per earned-value rule', async () => {
    const scan = await scanHistory(repo.dir, p);
    assert.equal(medianEstimateHours(p), 8);
    // Weights: A16 B4 C8(median) D0 E8 F8 G2 = 46 hours.
    const cases: [string, number][] = [['50/50', 8 + 4 + 4 + 4 + 2.4], ['0/100', 4 + 2.4], ['20/80', 3.2 + 4 + 1.6 + 1.6 + 2.4]];
    for (const [rule, earned] of cases) {
      const r = computeProgress(p, scan, rule as '50/50');
      assert.equal(r.milestones.get('m1')!.weightHours, 46);
      assert.ok(Math.abs(r.milestones.get('m1')!.progress - earned / 46) < 1e-12, rule);
      assert.ok(Math.abs(r.project.progress - earned / 46) < 1e-12, rule);
    }
    const r = computeProgress(p, scan);
    assert.deepEqual(r.milestones.get('m1'), { progress: 22.4 / 46, weightHours: 46, doneTasks: 1, totalTasks: 6 });
    assert.deepEqual(r.milestones.get('m2'), { progress: 0, weightHours: 0, doneTasks: 0, totalTasks: 0 });
    assert.equal(r.project.weightHours, 46, 'backlog tasks are not in the project figure');
    assert.equal(r.unlinkedCommits, 0);
  });

  it('without history uses declared statuses only', () => {
    const r = computeProgress(p, undefined);
    assert.equal(r.tasks.get('A')!.effective, 'todo');
    assert.equal(r.tasks.get('B')!.effective, 'review');
    assert.equal(r.tasks.get('B')!.progress, 0.5);
    assert.equal(r.tasks.get('E')!.progress, 0, 'blocked without commits is not started');
    assert.equal(r.tasks.get('F')!.progress, 0.3);
    assert.ok(Math.abs(r.project.progress - (2 + 2.4) / 46) < 1e-12);
  });

  it('weighs unestimated tasks 8 hours when no task has an estimate', () => {
    const q = planOf(`version: 1
project: { name: X }
milestones:
  - id: m
    title: M
    tasks:
      - { id: T1, title: a, status: done }
      - { id: T2, title: b }
`);
    const r = computeProgress(q, undefined);
    assert.equal(medianEstimateHours(q), 8);
    assert.equal(r.tasks.get('T2')!.weightHours, 8);
    assert.equal(r.project.progress, 0.5);
  });

  it('raises, never lowers, a declared status', () => {
    assert.equal(effectiveStatus('todo', false, false), 'todo');
    assert.equal(effectiveStatus('todo', true, false), 'in-progress');
    assert.equal(effectiveStatus('todo', true, true), 'done');
    assert.equal(effectiveStatus('in-progress', true, true), 'done');
    assert.equal(effectiveStatus('review', true, false), 'review');
    assert.equal(effectiveStatus('blocked', true, true), 'blocked');
    assert.equal(effectiveStatus('dropped', true, true), 'dropped');
    assert.equal(effectiveStatus('done', false, false), 'done');
  });
});

describe('instantOf: Date.parse of git\'s dates, read digit by digit', () => {
  it('equals Date.parse on random dates in git\'s shape, every field also out of range or not a digit, and on other shapes', () => {
    // A small deterministic generator (mulberry32): the same cases every run.
    let seed = 0x5eed;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)];
    const num = (max: number, width: number): string => String(Math.floor(random() * (max + 1))).padStart(width, '0');
    // Mostly valid values, sometimes at or past the edges, sometimes a stray character.
    const field = (valid: () => string, edges: readonly string[]): string => (random() < 0.8 ? valid() : pick(edges));
    let compared = 0;
    for (let i = 0; i < 200_000; i++) {
      const y = field(() => String(1970 + Math.floor(random() * 100)), ['0000', '0099', '0100', '0999', '9999', '20a6', '-202']);
      const mo = field(() => String(1 + Math.floor(random() * 12)).padStart(2, '0'), ['00', '13', '1a', '99']);
      const d = field(() => String(1 + Math.floor(random() * 31)).padStart(2, '0'), ['00', '29', '30', '31', '32', ' 1']);
      const h = field(() => num(23, 2), ['24', '25', '-1', 'x0']);
      const mi = field(() => num(59, 2), ['60', '99']);
      const se = field(() => num(59, 2), ['60', '61']);
      const sign = field(() => pick(['+', '-']), ['Z', ' ', '0']);
      const oh = field(() => num(14, 2), ['23', '24', '99']);
      const om = field(() => pick(['00', '30', '45']), ['59', '60']);
      const iso = `${y}-${mo}-${d}T${h}:${mi}:${se}${sign}${oh}:${om}`;
      assert.ok(Object.is(instantOf(iso), Date.parse(iso)), iso);
      compared++;
    }
    for (const other of ['2026-01-05T10:00:00Z', '2026-01-05', '2026-01-05T10:00:00.123+01:00', '', 'not a date', '2026-01-05 10:00:00 +0100']) {
      assert.ok(Object.is(instantOf(other), Date.parse(other)), other);
    }
    assert.equal(compared, 200_000);
    assert.equal(instantOf('2026-01-05T10:00:00+01:00'), Date.UTC(2026, 0, 5, 9));
  });
});
