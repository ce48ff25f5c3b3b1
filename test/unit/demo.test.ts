// The demo (examples/demo) is what newcomers, the docs and the integration
// tests see, so its story is pinned here, end to end through the real core:
// build-repo.mjs writes the repository, then parse -> scan -> progress ->
// schedule. Expected values are counted by hand from build-repo.mjs's events.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePlan } from '../../src/core/parse';
import { scanHistory, type HistoryScan } from '../../src/core/git/history';
import { computeProgress, type ProgressResult } from '../../src/core/progress';
import { schedulePlan, type Schedule } from '../../src/core/schedule';
import type { Plan } from '../../src/core/model';
import { tempDir } from './gitRepoFixture';

const ROOT = resolve(__dirname, '..', '..', '..');
const TODAY = '2026-11-21';

describe('the demo repository', function () {
  let dir: string;
  let plan: Plan;
  let history: HistoryScan;
  let progress: ProgressResult;
  let schedule: Schedule;

  before(async () => {
    dir = tempDir('waymark-demo-');
    execFileSync(process.execPath, [join(ROOT, 'examples/demo/build-repo.mjs'), dir, '--force'], { stdio: 'pipe' });
    const parsed = parsePlan(readFileSync(join(dir, 'project.yml')));
    assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), []);
    plan = parsed.plan!;
    history = await scanHistory(dir, plan, {});
    progress = computeProgress(plan, history, '50/50');
    schedule = schedulePlan(plan, progress, { today: TODAY });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('is the committed examples/demo/project.yml with no validation errors', () => {
    assert.equal(readFileSync(join(dir, 'project.yml'), 'utf8'), readFileSync(join(ROOT, 'examples/demo/project.yml'), 'utf8'));
    assert.equal(plan.tasks.length, 30);
    assert.equal(plan.people.length, 4);
    assert.deepEqual(plan.milestones.map((m) => m.id), ['beta', 'portal', 'launch']);
  });

  it('is deterministic: the same head commit on every build', () => {
    const again = tempDir('waymark-demo-');
    try {
      execFileSync(process.execPath, [join(ROOT, 'examples/demo/build-repo.mjs'), again, '--force'], { stdio: 'pipe' });
      const head = (d: string) => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: d, encoding: 'utf8' }).trim();
      assert.equal(head(again), head(dir));
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('raises stale statuses from the commits', () => {
    const t = (id: string) => progress.tasks.get(id)!;
    // "Refund calculation handles partial returns / Closes: RET-7" on main, 2026-11-20.
    assert.equal(t('RET-7').declared, 'review');
    assert.equal(t('RET-7').effective, 'done');
    assert.equal(t('RET-7').actualFinish, '2026-11-20');
    // "Order lookup ... Fixes RET-11" on main while the plan still says in-progress.
    assert.equal(t('RET-11').effective, 'done');
    // Two commits mention RET-13, none closes it: todo -> in-progress.
    assert.equal(t('RET-13').declared, 'todo');
    assert.equal(t('RET-13').effective, 'in-progress');
    // RET-12's commits live only on the unmerged feature branch: started, never closed.
    assert.equal(t('RET-12').effective, 'in-progress');
    assert.equal(t('RET-12').closedBy, null);
    assert.equal(t('RET-12').commits.length, 2);
    // "fixes #41" closes RET-4 through its issue number.
    assert.equal(t('RET-4').effective, 'done');
    assert.equal(t('RET-4').actualFinish, '2026-09-21');
  });

  it('counts the unplanned work on main', () => {
    // 7 plan edits (two of them the sprints: planned, then scope added to S8),
    // 2 dependency bumps, the flaky deploy fix, load test scaffolding and the
    // footer typo: 12 commits on main that name no task.
    assert.equal(history.unlinkedCommits, 12);
  });

  it('says the beta landed late, 29 workdays after its due date', () => {
    // Due Fri 2026-10-09; RET-7 closed Fri 2026-11-20. Workdays in between:
    // Oct 13-16 (Oct 12 is a holiday) 4, then five full weeks of 5 = 29.
    const beta = schedule.milestones.get('beta')!;
    assert.equal(beta.forecastFinish, '2026-11-20');
    assert.equal(beta.slipDays, 29);
    assert.equal(beta.health, 'off-track');
    assert.deepEqual(beta.healthReasons, ['finished 2026-11-20, 29 workdays after its due 2026-10-09']);
  });

  it('calls launch on-track on 2026-12-06, as its forecast says (issue 20)', () => {
    // Forecast 2026-12-30, 16 workdays before its due 2027-01-22. Its work
    // began 2026-11-19 (RET-22's first commit), not at its as-soon-as-possible
    // planned start 2026-10-30: portal slipped. Measured from then, 7% done
    // with 11 of 43 workdays (26%) to the due elapsed is within 25 points.
    const later = schedulePlan(plan, progress, { today: '2026-12-06' });
    const launch = later.milestones.get('launch')!;
    assert.equal(launch.forecastFinish, '2026-12-30');
    assert.equal(launch.slipDays, -16);
    assert.equal(launch.health, 'on-track');
    assert.deepEqual(launch.healthReasons, ['forecast finish 2026-12-30, 16 workdays before its due 2027-01-22']);
  });
});
