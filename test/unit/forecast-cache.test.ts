// The forecast kept between CLI runs (src/core/forecast/cache.ts): the same
// figures as computing them, reused only for the same inputs, a damaged file
// recomputed; and `waymark status` keeping it beside the history cache.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../src/core/parse';
import { scanHistory } from '../../src/core/git/history';
import { computeProgress, type ProgressResult } from '../../src/core/progress';
import { cachedForecast, forecastKey, type ForecastCache } from '../../src/core/forecast/cache';
import { forecastPlan, type ProbabilisticForecast } from '../../src/core/forecast/monteCarlo';
import { TestRepo, tempDir } from './gitRepoFixture';
import { runCli } from './cliRun';

const TEXT = `version: 1
project: { name: Forecast cache, start: 2026-01-05 }
people: [{ id: ana, email: ana@example.com }]
milestones:
  - id: past
    title: Past
    due: 2026-01-30
    tasks: [{ id: PA-1, title: One, estimate: 1d, assignee: ana }, { id: PA-2, title: Two, estimate: 2d, assignee: ana }, { id: PA-3, title: Three, estimate: 1d }]
  - id: next
    title: Next
    due: 2026-02-11
    tasks: [{ id: NX-1, title: A, estimate: 1d, assignee: ana }, { id: NX-2, title: B, estimate: 3d, depends: [NX-1] }]
`;
const TODAY = '2026-02-09';

/** Every figure a surface reads, as plain data (Maps as entry lists; absent and undefined fields alike). */
function figures(f: ProbabilisticForecast): unknown {
  return JSON.parse(JSON.stringify({ ...f, accuracy: { ...f.accuracy, sources: [...f.accuracy.sources] }, milestones: [...f.milestones], criticality: [...f.criticality] }));
}

describe('forecast cache: the Monte Carlo result kept between CLI runs', function () {
  this.timeout(60000);
  const parsed = parsePlan(TEXT);
  const plan = parsed.plan!;
  let repo: TestRepo;
  let progress: ProgressResult;
  before(async () => {
    repo = TestRepo.create();
    repo.commit('PA-1: start', { date: '2026-01-05T09:00:00Z' });
    repo.commit('Closes PA-1', { date: '2026-01-06T17:00:00Z' });
    repo.commit('PA-2 work', { date: '2026-01-07T09:00:00Z' });
    repo.commit('fixes PA-2', { date: '2026-01-12T17:00:00Z' });
    repo.commit('NX-1 begun', { date: '2026-02-02T09:00:00Z' });
    progress = computeProgress(plan, await scanHistory(repo.dir, plan), '50/50');
  });
  after(() => repo.remove());
  const cacheIn = (dir: string): ForecastCache => ({ file: join(dir, 'waymark', 'forecast.json'), planVersion: parsed.version, waymarkVersion: '1.2.3' });

  it('gives the computed figures, then the same figures from the file', () => {
    const cache = cacheIn(tempDir());
    const computed = forecastPlan(plan, progress, { today: TODAY, runs: 300 });
    const first = cachedForecast(plan, progress, { today: TODAY, runs: 300 }, cache);
    assert.ok(existsSync(cache.file));
    assert.deepEqual(figures(first), figures(computed));
    const second = cachedForecast(plan, progress, { today: TODAY, runs: 300 }, cache);
    assert.notEqual(second, first);
    assert.deepEqual(figures(second), figures(computed));
    assert.ok(second.milestones instanceof Map && second.criticality instanceof Map && second.accuracy.sources instanceof Map);
  });

  it('reads the file when the key matches (a stored figure comes back as stored)', () => {
    const cache = cacheIn(tempDir());
    cachedForecast(plan, progress, { today: TODAY, runs: 300 }, cache);
    const stored = JSON.parse(readFileSync(cache.file, 'utf8')) as { project: { p95: string } };
    stored.project.p95 = '2030-01-01';
    writeFileSync(cache.file, JSON.stringify(stored));
    assert.equal(cachedForecast(plan, progress, { today: TODAY, runs: 300 }, cache).project.p95, '2030-01-01');
  });

  it('keys on every input: today, runs, seed, plan text, Waymark version, the progress the forecast reads', () => {
    const base = forecastKey(progress, { today: TODAY }, cacheIn('/x'));
    assert.equal(forecastKey(progress, { today: TODAY, runs: 1000, seed: 20 }, cacheIn('/x')), base, 'the defaults spelled out');
    const other = (p: ProgressResult | undefined, o: { today: string; runs?: number; seed?: number }, c: Partial<ForecastCache> = {}): string =>
      forecastKey(p, o, { ...cacheIn('/x'), ...c });
    const changedTask = (change: Record<string, unknown>): ProgressResult => ({
      ...progress, tasks: new Map([...progress.tasks].map(([id, t]) => [id, id === 'NX-1' ? { ...t, ...change } : t])),
    });
    const keys = [
      other(progress, { today: '2026-02-10' }),
      other(progress, { today: TODAY, runs: 999 }),
      other(progress, { today: TODAY, seed: 21 }),
      other(progress, { today: TODAY }, { planVersion: 'other' }),
      other(progress, { today: TODAY }, { waymarkVersion: '1.2.4' }),
      other(undefined, { today: TODAY }),
      other(changedTask({ effective: 'done' }), { today: TODAY }),
      other(changedTask({ actualStart: '2026-02-03' }), { today: TODAY }),
      other(changedTask({ actualFinish: '2026-02-05' }), { today: TODAY }),
      other(changedTask({ progress: 0.25 }), { today: TODAY }),
      other(changedTask({ commits: [] }), { today: TODAY }),
      other({ ...progress, milestones: new Map([...progress.milestones].map(([id, m]) => [id, { ...m, progress: m.progress + 0.01 }])) }, { today: TODAY }),
    ];
    assert.equal(new Set([base, ...keys]).size, keys.length + 1);
    // What the forecast does not read: another linked commit on a task already started.
    assert.equal(other(changedTask({ commits: ['a'.repeat(40), 'b'.repeat(40)] }), { today: TODAY }), base);
  });

  it('recomputes and rewrites a damaged or foreign file', () => {
    const cache = cacheIn(tempDir());
    const computed = figures(forecastPlan(plan, progress, { today: TODAY, runs: 300 }));
    cachedForecast(plan, progress, { today: TODAY, runs: 300 }, cache);
    const good = JSON.parse(readFileSync(cache.file, 'utf8')) as Record<string, unknown>;
    const cases: [string, string][] = [
      ['truncated', JSON.stringify(good).slice(0, -10)],
      ['null', 'null'],
      ['another format', JSON.stringify({ ...good, format: 99 })],
      ['a project date that is not a date', JSON.stringify({ ...good, project: { p50: 'x', p85: 'y', p95: 'z' } })],
      ['milestones not a list', JSON.stringify({ ...good, milestones: {} })],
      ['criticality a string', JSON.stringify({ ...good, criticality: [['NX-1', '1']] })],
      ['an unknown accuracy source', JSON.stringify({ ...good, accuracy: { ...(good.accuracy as object), sources: [['ana', 'guess']] } })],
    ];
    for (const [what, text] of cases) {
      writeFileSync(cache.file, text);
      assert.deepEqual(figures(cachedForecast(plan, progress, { today: TODAY, runs: 300 }, cache)), computed, what);
      assert.deepEqual(JSON.parse(readFileSync(cache.file, 'utf8')), good, `${what}: rewritten`);
    }
  });

  it('waymark status keeps the forecast beside the history cache, with the same output, and --no-cache leaves it', async () => {
    const r = TestRepo.create();
    try {
      r.commit('Add the plan', { files: { 'project.yml': TEXT } });
      r.commit('PA-1 start');
      const args = ['status', '--json', '--today', TODAY, '--runs', '200'];
      const first = await runCli(args, r.dir);
      assert.equal(first.code, 0, first.err);
      const dir = join(r.dir, '.git', 'waymark');
      const file = readdirSync(dir).find((f) => /^forecast-[0-9a-f]{12}\.json$/.test(f));
      assert.ok(file, readdirSync(dir).join(' '));
      const stored = readFileSync(join(dir, file), 'utf8');
      // A commit that links no task: the stored forecast answers (not rewritten), the output is what --no-cache computes.
      r.commit('unrelated chore');
      const second = await runCli(args, r.dir);
      assert.equal(readFileSync(join(dir, file), 'utf8'), stored);
      const noCache = await runCli([...args, '--no-cache'], r.dir);
      assert.deepEqual(JSON.parse(second.out), JSON.parse(noCache.out));
      assert.deepEqual(JSON.parse(second.out).project.forecastP95, JSON.parse(first.out).project.forecastP95);
    } finally {
      r.remove();
    }
  });
});
