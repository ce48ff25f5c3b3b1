// The Monte Carlo forecast (src/core/forecast/) on real YAML and real git
// histories: estimate accuracy from the commits, percentiles against answers
// derived by hand, reproducibility, done work kept at its actual finish.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { scanHistory, type HistoryScan } from '../../src/core/git/history';
import { computeProgress, type ProgressResult } from '../../src/core/progress';
import { schedulePlan } from '../../src/core/schedule';
import { analyzePlan } from '../../src/core/analyze';
import { forecastPlan, forecastRuns, FORECAST_DEFAULTS } from '../../src/core/forecast/monteCarlo';
import { estimateAccuracy } from '../../src/core/forecast/accuracy';
import type { Plan } from '../../src/core/model';
import { buildStatus } from '../../src/core/report/status';
import { renderStatusTable } from '../../src/core/report/table';
import { TestRepo } from './gitRepoFixture';

// `past`: six 1-day tasks of Ana's, done in January. `next`: A then B, 1 day
// each, open; today Mon 2026-02-09.
const TEXT = `version: 1
project:
  name: Forecast
  start: 2026-01-05
people:
  - { id: ana, email: ana@example.com }
milestones:
  - id: past
    title: Past
    due: 2026-01-30
    tasks:
      - { id: PA-1, title: One, estimate: 1d, assignee: ana }
      - { id: PA-2, title: Two, estimate: 1d, assignee: ana }
      - { id: PA-3, title: Three, estimate: 1d, assignee: ana }
      - { id: PA-4, title: Four, estimate: 1d, assignee: ana }
      - { id: PA-5, title: Five, estimate: 1d, assignee: ana }
      - { id: PA-6, title: Six, estimate: 1d, assignee: ana }
  - id: next
    title: Next
    due: 2026-02-11
    tasks:
      - { id: NX-1, title: A, estimate: 1d }
      - { id: NX-2, title: B, estimate: 1d, depends: [NX-1] }
`;
const TODAY = '2026-02-09';

/** A repository where each past task starts and closes on the given days (first commit, closing commit). */
async function historyOf(plan: Plan, days: [string, string][]): Promise<{ repo: TestRepo; history: HistoryScan; progress: ProgressResult }> {
  const repo = TestRepo.create();
  days.forEach(([start, close], k) => {
    repo.commit(`PA-${k + 1}: start`, { date: `${start}T09:00:00Z` });
    repo.commit(`Closes PA-${k + 1}`, { date: `${close}T17:00:00Z` });
  });
  const history = await scanHistory(repo.dir, plan);
  return { repo, history, progress: computeProgress(plan, history, '50/50') };
}

describe('forecast: Monte Carlo from estimate accuracy', function () {
  const plan = parsePlan(TEXT).plan!;
  type Built = Awaited<ReturnType<typeof historyOf>>;
  let exact: Built;
  let spread: Built;
  before(async () => {
    // Every task took its estimate: ratio 1.
    exact = await historyOf(plan, [
      ['2026-01-05', '2026-01-05'], ['2026-01-06', '2026-01-06'], ['2026-01-07', '2026-01-07'],
      ['2026-01-08', '2026-01-08'], ['2026-01-09', '2026-01-09'], ['2026-01-12', '2026-01-12'],
    ]);
    // Half took 1 workday, half 2 (Tue-Wed, Thu-Fri, Mon-Tue): ratios 1, 1, 1, 2, 2, 2.
    spread = await historyOf(plan, [
      ['2026-01-05', '2026-01-05'], ['2026-01-06', '2026-01-06'], ['2026-01-07', '2026-01-07'],
      ['2026-01-13', '2026-01-14'], ['2026-01-15', '2026-01-16'], ['2026-01-19', '2026-01-20'],
    ]);
  });
  after(() => { exact.repo.remove(); spread.repo.remove(); });

  it('measures each done task against its estimate, on its assignee\'s calendar', () => {
    const a = estimateAccuracy(plan, spread.progress);
    assert.deepEqual(a.samples.map((s) => [s.task, s.estimateDays, s.actualDays, s.ratio]), [
      ['PA-1', 1, 1, 1], ['PA-2', 1, 1, 1], ['PA-3', 1, 1, 1], ['PA-4', 1, 2, 2], ['PA-5', 1, 2, 2], ['PA-6', 1, 2, 2],
    ]);
    // Six samples: Ana draws from her own, unassigned work from the team's.
    assert.equal(a.sources.get('ana'), 'person');
    assert.equal(a.teamSource, 'team');
  });

  it('with exact estimates, P50 = P85 = P95 = the deterministic forecast', () => {
    const f = forecastPlan(plan, exact.progress, { today: TODAY });
    const s = schedulePlan(plan, exact.progress, { today: TODAY });
    const det = s.milestones.get('next')!.forecastFinish!;
    assert.equal(det, '2026-02-10');
    const m = f.milestones.get('next')!;
    assert.deepEqual([m.p50, m.p85, m.p95, m.onTimeProbability], [det, det, det, 1]);
    assert.deepEqual(f.project, { p50: det, p85: det, p95: det });
    assert.deepEqual([f.criticality.get('NX-1'), f.criticality.get('NX-2'), f.criticality.get('PA-1')], [1, 1, 0]);
  });

  it('with a known spread, matches the analytic percentiles and on-time probability', () => {
    // A and B each take 1 or 2 workdays with probability 1/2: together 2, 3
    // or 4 workdays from Mon 09 with probabilities 1/4, 1/2, 1/4, so they
    // finish Tue 10, Wed 11 or Thu 12. P(finish <= due Wed 11) = 3/4;
    // P50 = Wed 11 (CDF 3/4 there), P85 = P95 = Thu 12.
    const f = forecastPlan(plan, spread.progress, { today: TODAY, runs: 4000 });
    const m = f.milestones.get('next')!;
    assert.deepEqual([m.p50, m.p85, m.p95], ['2026-02-11', '2026-02-12', '2026-02-12']);
    // 4000 runs: one standard deviation is sqrt(3/16 / 4000) = 0.007.
    assert.ok(Math.abs(m.onTimeProbability! - 0.75) < 0.03, `on-time ${m.onTimeProbability}`);
  });

  it('keeps a done milestone at its actual finish in every run', () => {
    const f = forecastPlan(plan, spread.progress, { today: TODAY });
    const m = f.milestones.get('past')!;
    assert.deepEqual([m.p50, m.p85, m.p95, m.onTimeProbability], ['2026-01-20', '2026-01-20', '2026-01-20', 1]);
  });

  it('gives identical output for the same seed, ordered percentiles, and another draw for another seed', () => {
    const a = forecastPlan(plan, spread.progress, { today: TODAY, runs: 200, seed: 7 });
    const b = forecastPlan(plan, spread.progress, { today: TODAY, runs: 200, seed: 7 });
    assert.deepEqual(b, a);
    assert.deepEqual([a.runs, a.seed], [200, 7]);
    const probs = new Set([1, 2, 3, 4, 5].map((seed) => forecastPlan(plan, spread.progress, { today: TODAY, runs: 200, seed }).milestones.get('next')!.onTimeProbability));
    assert.ok(probs.size > 1, 'different seeds draw differently');
    for (const m of a.milestones.values()) assert.ok(m.p50 <= m.p85 && m.p85 <= m.p95, m.id);
  });

  it('without history uses the default spread, and bounds the runs', () => {
    const f = forecastPlan(plan, undefined, { today: TODAY });
    assert.equal(f.accuracy.teamSource, 'default');
    assert.equal(f.accuracy.sources.get('ana'), 'default');
    assert.equal(f.runs, FORECAST_DEFAULTS.runs);
    const m = f.milestones.get('next')!;
    assert.ok(m.p50 <= m.p85 && m.p85 <= m.p95);
    assert.ok(m.p95 > m.p50, 'the default spread is a spread');
    assert.deepEqual([forecastRuns(0), forecastRuns(2.7), forecastRuns(1e12), forecastRuns(Number.NaN)], [1, 2, FORECAST_DEFAULTS.maxRuns, FORECAST_DEFAULTS.runs]);
  });

  it('reaches status --json and the terminal table', () => {
    const status = buildStatus({ analysis: analyzePlan(plan, spread.history, { today: TODAY, forecastRuns: 4000 }) });
    const next = status.milestones[1];
    assert.deepEqual([next.forecastP50, next.forecastP85, next.forecastP95], ['2026-02-11', '2026-02-12', '2026-02-12']);
    assert.ok(Math.abs(next.onTimeProbability! - 0.75) < 0.03);
    assert.deepEqual([status.project.forecastP50, status.project.forecastP95], ['2026-02-11', '2026-02-12']);
    assert.equal(next.tasks[0].criticality, 1);
    assert.equal(status.milestones[0].tasks[0].criticality, 0);
    assert.deepEqual([status.forecast.runs, status.forecast.seed, status.forecast.teamSource, status.forecast.people], [4000, 20, 'team', { ana: 'person' }]);
    assert.deepEqual(status.forecast.samples.map((x) => x.ratio), [1, 1, 1, 2, 2, 2]);
    const table = renderStatusTable(status, { color: false });
    assert.match(table, /\n {2}likely P50 2026-02-11 · P85 2026-02-12 · P95 2026-02-12 · 7\d% chance by its due\n/);
    assert.match(table, /\nfinish P50 2026-02-11 · P85 2026-02-12 · P95 2026-02-12 \(4000 runs, durations from the team's history \(6 done tasks\), seed 20\)\n/);
    assert.match(table, /NX-1 .*\(critical, in 100% of runs\)/);
  });

  it('is a lazy field of the analysis, with its runs and seed', () => {
    const a = analyzePlan(plan, undefined, { today: TODAY, forecastRuns: 50, forecastSeed: 3 });
    assert.equal(a.forecast, a.forecast);
    assert.deepEqual([a.forecast.runs, a.forecast.seed], [50, 3]);
  });
});
