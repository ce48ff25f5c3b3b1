// Sprints surfaced: scope added mid-sprint from project.yml's own history,
// burndown with the scope line, velocity and its forecast, in the status JSON.
// A real repository; every figure is counted by hand below.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo } from './gitRepoFixture';
import { runCli } from './cliRun';
import { pickDays } from '../../src/core/git/sprintRevisions';

// 8 h a day, Mon-Fri. S1 (Mon 05 - Fri 09) lists W-1 (2d = 16 h) and W-2 (1d = 8 h);
// S2 (Mon 12 - Fri 16) lists W-3 (16 h) at its start, W-4 (8 h) is added to the plan
// and to S2 on Wed 14; S3 (Mon 19 - Fri 23) lists W-5 (3d = 24 h). Backlog W-9 (16 h).
// Closing commits: W-1 Tue 06, W-2 Thu 08, W-3 Tue 13, W-4 Thu 15. Today Tue 20.
const plan = (s2: string, extra: string): string => `version: 1
project:
  name: Sprints
  start: 2026-01-05
milestones:
  - id: m1
    title: One
    tasks:
      - { id: W-1, title: One, estimate: 2d }
      - { id: W-2, title: Two, estimate: 1d }
      - { id: W-3, title: Three, estimate: 2d }
${extra}      - { id: W-5, title: Five, estimate: 3d }
backlog:
  - { id: W-9, title: Later, estimate: 2d }
sprints:
  - { id: S1, start: 2026-01-05, end: 2026-01-09, tasks: [W-1, W-2] }
  - { id: S2, start: 2026-01-12, end: 2026-01-16, tasks: [${s2}] }
  - { id: S3, start: 2026-01-19, end: 2026-01-23, tasks: [W-5] }
`;

describe('sprints surfaced: scope, burndown, velocity (status JSON)', function () {
  this.timeout(30000);
  let repo: TestRepo;
  let status: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  before(async () => {
    repo = TestRepo.create();
    repo.commit('Plan', { date: '2026-01-02T10:00:00Z', files: { 'project.yml': plan('W-3', '') } });
    repo.commit('Closes W-1', { date: '2026-01-06T10:00:00Z' });
    repo.commit('Closes W-2', { date: '2026-01-08T10:00:00Z' });
    repo.commit('Closes W-3', { date: '2026-01-13T10:00:00Z' });
    repo.commit('Add W-4 to S2', { date: '2026-01-14T09:00:00Z', files: { 'project.yml': plan('W-3, W-4', '      - { id: W-4, title: Four, estimate: 1d }\n') } });
    repo.commit('Closes W-4', { date: '2026-01-15T10:00:00Z' });
    const r = await runCli(['status', '--json', '--today', '2026-01-20', '--no-cache'], repo.dir);
    assert.equal(r.code, 0, r.err);
    status = JSON.parse(r.out);
  });
  after(() => repo.remove());

  const points = (s: any): unknown[] => s.series.map((p: any) => [p.date, p.remaining, p.ideal, p.scope]); // eslint-disable-line @typescript-eslint/no-explicit-any

  it('S1: committed and completed, nothing added', () => {
    const [s1] = status.sprints;
    assert.equal(s1.state, 'closed');
    assert.equal(s1.committedHours, 24);
    assert.equal(s1.completedHours, 24);
    assert.deepEqual(s1.completedTasks, ['W-1', 'W-2']);
    assert.deepEqual(s1.scopeAdded, { hours: 0, tasks: [] });
    // ideal 24 x (5 - i) / 5
    assert.deepEqual(points(s1), [
      ['2026-01-05', 24, 19.2, 24], ['2026-01-06', 8, 14.4, 24], ['2026-01-07', 8, 9.6, 24],
      ['2026-01-08', 0, 4.8, 24], ['2026-01-09', 0, 0, 24],
    ]);
  });

  it('S2: W-4 joined on Wed 14 (from the plan history), the scope line rises, the ideal line stays on the commitment', () => {
    const s2 = status.sprints[1];
    assert.equal(s2.committedHours, 16);
    assert.deepEqual(s2.scopeAdded, { hours: 8, tasks: [{ id: 'W-4', day: '2026-01-14', hours: 8 }] });
    assert.equal(s2.completedHours, 24);
    // ideal 16 x (5 - i) / 5
    assert.deepEqual(points(s2), [
      ['2026-01-12', 16, 12.8, 16], ['2026-01-13', 0, 9.6, 16], ['2026-01-14', 8, 6.4, 24],
      ['2026-01-15', 0, 3.2, 24], ['2026-01-16', 0, 0, 24],
    ]);
  });

  it('S3 runs: no remaining after today', () => {
    const s3 = status.sprints[2];
    assert.equal(s3.state, 'active');
    assert.equal(s3.committedHours, 24);
    assert.equal(s3.completedHours, 0);
    assert.deepEqual(points(s3).map((p) => (p as unknown[])[1]), [24, 24, null, null, null]);
  });

  it('velocity: mean of the closed sprints, forecast through the open milestone then the backlog', () => {
    const v = status.velocity;
    assert.deepEqual(v.perSprint.map((s: any) => [s.id, s.completedHours]), [['S1', 24], ['S2', 24], ['S3', 0]]); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(v.hoursPerSprint, 24);
    assert.deepEqual(v.basis, ['S1', 'S2']);
    assert.equal(v.sprintWorkdays, 5);
    // m1: W-5 24 h = 1 sprint = 5 workdays from Tue 20 -> Mon 26.
    assert.deepEqual(v.milestones.map((m: any) => [m.id, m.remainingHours, m.sprints, m.forecastFinish]), [['m1', 24, 1, '2026-01-26']]); // eslint-disable-line @typescript-eslint/no-explicit-any
    assert.equal(typeof v.milestones[0].scheduleForecastFinish, 'string');
    // backlog after it: 40 h = 1.67 sprints = ceil(8.33) = 9 workdays from Tue 20 -> Fri 30.
    assert.deepEqual([v.backlog.remainingHours, v.backlog.sprints, v.backlog.forecastFinish], [16, 1.67, '2026-01-30']);
  });

  it('the status report: a Sprints section with the same figures, the velocity table and, with --out, the burndown beside it', async () => {
    const r = await runCli(['report', '--today', '2026-01-20', '--out', 'status.md'], repo.dir);
    assert.equal(r.code, 0, r.err);
    const md = readFileSync(join(repo.dir, 'status.md'), 'utf8');
    const section = md.slice(md.indexOf('## Sprints'), md.indexOf('## Done since'));
    assert.match(section, /^\| `S1` \| 2026-01-05 to 2026-01-09 \| closed \| 24 h \| 0 h \| 24 h \|/m);
    assert.match(section, /^\| `S2` \| 2026-01-12 to 2026-01-16 \| closed \| 16 h \| 8 h \(W-4\) \| 24 h \|/m);
    assert.match(section, /^\| `S3` \| 2026-01-19 to 2026-01-23 \| active \| 24 h \| 0 h \| 0 h \|/m);
    assert.match(section, /^!\[Sprint S3 burndown\]\(status-sprint\.svg\)$/m);
    assert.match(section, /Velocity: 24 h per sprint of 5 workdays \(mean of S1, S2\)/);
    assert.match(section, /^\| `m1` \| 24 h \| 1 \| 2026-01-26 \| 2026-01-2\d \|$/m);
    assert.match(section, /^\| Backlog \| 16 h \| 1\.67 \| 2026-01-30 \| /m);
    const svg = readFileSync(join(repo.dir, 'status-sprint.svg'), 'utf8');
    assert.match(svg, /<title id="chart-title">Sprint S3 burndown<\/title>/);
    assert.match(svg, /24 h committed, 0 h completed \(0 of 1 tasks\), 24 h left on 2026-01-20/);
  });

  it('the site: S2\'s chart draws the scope line and says what was added; the velocity table is there', async () => {
    const r = await runCli(['site', '--today', '2026-01-20', '--out', 'site'], repo.dir);
    assert.equal(r.code, 0, r.err);
    const html = readFileSync(join(repo.dir, 'site', 'index.html'), 'utf8');
    assert.ok(html.includes('Sprint S2 (2026-01-12 to 2026-01-16, closed): 16 h committed, 8 h added during it (W-4), 24 h completed (2 of 2 tasks), 0 h left on 2026-01-16.'));
    assert.match(html, /<title>Scope<\/title>/);
    // The scope is a wide translucent band drawn before (under) the remaining line, so both show where they coincide.
    const chart = html.slice(html.indexOf('Sprint S2 burndown'));
    const scope = chart.indexOf('<title>Scope</title>');
    const remaining = chart.indexOf('<title>Remaining</title>');
    assert.ok(scope >= 0 && remaining > scope, 'scope under remaining');
    assert.match(chart.slice(chart.lastIndexOf('<polyline', scope), scope), /stroke-width="8" stroke-opacity="0\.5"/);
    assert.match(html, /Velocity: 24 hours per sprint of 5 workdays/);
  });

  it('without the plan history (file not committed) there is no scope figure, and nothing counts as added', async () => {
    const r = await runCli(['status', '--json', '--today', '2026-01-20', '--no-cache', '--file', join(repo.dir, 'project.yml'), '--repo', join(repo.dir, '..')], repo.dir);
    // outside any repository: history unavailable
    const s = JSON.parse(r.out);
    assert.equal(s.sprints[1].scopeAdded, null);
    assert.equal(s.sprints[1].committedHours, 24);
  });
});

describe('sprint revisions: which days are parsed', () => {
  const info = (day: string, sha: string) => ({ sha, date: `${day}T10:00:00Z`, day, subject: '' });
  it('keeps the last revision on or before each start and each day\'s last up to the end', () => {
    const infos = [info('2026-01-01', 'a'), info('2026-01-02', 'b'), info('2026-01-02', 'c'), info('2026-01-07', 'd'), info('2026-01-20', 'e')];
    assert.deepEqual(pickDays(infos, [{ start: '2026-01-05', end: '2026-01-09' }]).map((i) => i.sha), ['c', 'd']);
  });
});
