// The one analysis pipeline, on a real git history and real YAML: every figure
// it returns is the figure the single steps compute, positioned diagnostics
// included; the rule and today it is given are the ones it uses.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { analyzePlan } from '../../src/core/analyze';
import { scanHistory, type HistoryScan } from '../../src/core/git/history';
import { computeProgress } from '../../src/core/progress';
import { schedulePlan } from '../../src/core/schedule';
import { scheduleDiagnostics } from '../../src/core/scheduleDiagnostics';
import { computeWorkload } from '../../src/core/workload';
import { computeBudget } from '../../src/core/budget';
import { rankRisks } from '../../src/core/risk';
import { computeSprints } from '../../src/core/sprint';
import { TestRepo } from './gitRepoFixture';

// Ana (half time) is on A (2d) and B (2d) in the same days: over-allocated in W02. A has a
// commit "A: start" (in progress); C (line 14) and m1 (line 10) are due before their forecast.
const TEXT = `version: 1
project:
  name: Analysis
  start: 2026-01-05
people:
  - { id: ana, name: Ana, rate: 100, capacity: 0.5 }
milestones:
  - id: m1
    title: One
    due: 2026-01-09
    tasks:
      - { id: A, title: A, estimate: 2d, assignee: ana }
      - { id: B, title: B, estimate: 2d, assignee: ana }
      - { id: C, title: C, estimate: 3d, depends: [A], due: 2026-01-08 }
sprints:
  - { id: S1, start: 2026-01-05, end: 2026-01-16, tasks: [A, B] }
risks:
  - { id: R1, title: Late, probability: high, impact: high, tasks: [C] }
`;

describe('analyzePlan', () => {
  const parsed = parsePlan(TEXT);
  const plan = parsed.plan!;
  const today = '2026-01-07';
  let repo: TestRepo;
  let history: HistoryScan;
  before(async () => {
    repo = TestRepo.create();
    repo.commit('A: start', { date: '2026-01-05T09:00:00Z' });
    history = await scanHistory(repo.dir, plan);
  });
  after(() => repo.remove());

  it('returns the figures of every step, for the rule and day it is given', () => {
    const a = analyzePlan(plan, history, { today, rule: '20/80', positionAt: (o) => parsed.positionAt(o) });
    const progress = computeProgress(plan, history, '20/80');
    const schedule = schedulePlan(plan, progress, { today });
    assert.equal(a.history, history);
    assert.equal(a.today, today);
    assert.equal(a.progress.rule, '20/80');
    assert.deepEqual(a.progress, progress);
    assert.equal(a.progress.tasks.get('A')!.effective, 'in-progress');
    assert.deepEqual(a.schedule, schedule);
    assert.deepEqual(a.workload, computeWorkload(plan, schedule));
    assert.deepEqual(a.budget, computeBudget(plan, schedule, progress));
    assert.deepEqual(a.risks, rankRisks(plan));
    assert.deepEqual(a.sprints, computeSprints(plan, schedule));
    assert.deepEqual(a.diagnostics, scheduleDiagnostics(plan, schedule, { positionAt: (o) => parsed.positionAt(o) }));
  });

  it('reports missed deadlines and over-allocation at their place in the text', () => {
    const a = analyzePlan(plan, history, { today, positionAt: (o) => parsed.positionAt(o) });
    assert.equal(a.progress.rule, '50/50');
    const where = a.diagnostics.map((d) => [d.code, d.start.line]);
    assert.deepEqual(where, [['missed-deadline', 14], ['missed-deadline', 10], ['over-allocated', 6]]);
  });

  it('computes each figure once and keeps it', () => {
    const a = analyzePlan(plan, undefined, { today });
    assert.equal(a.history, undefined);
    assert.equal(a.workload, a.workload);
    assert.equal(a.budget, a.budget);
    assert.equal(a.risks, a.risks);
    assert.equal(a.sprints, a.sprints);
    assert.equal(a.diagnostics, a.diagnostics);
  });
});
