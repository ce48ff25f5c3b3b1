// Time from commits: `Time:` / `Spent:` trailers and Jira's `#time`, in a real
// repository, split across the tasks a commit names, combined with declared
// `spent`, into the status JSON and the budget; malformed lines warn with the commit.
import * as assert from 'node:assert/strict';
import { TestRepo } from './gitRepoFixture';
import { runCli } from './cliRun';
import { readTime, timeLines } from '../../src/core/timeSpent';

describe('time spent: reading the lines', () => {
  const hours = (msg: string): number => readTime(timeLines(msg), 8).hours;
  it('reads every accepted form', () => {
    assert.equal(hours('x\n\nTime: 1h30m'), 1.5);
    assert.equal(hours('x\n\nTime: 1h 30m'), 1.5);
    assert.equal(hours('x\n\ntime: 90m'), 1.5);
    assert.equal(hours('x\n\nSpent: 1.5h'), 1.5);
    assert.equal(hours('x\n\nSpent: 2'), 2, 'a bare number is hours');
    assert.equal(hours('x\n\nTime: .5d'), 4, 'd = the plan\'s hours per day');
    assert.equal(hours('x\n\nTime: 1w'), 40, 'w = 5 days');
    assert.equal(hours('PAY-1 #time 1w 2d 4h 30m fixed the thing'), 60.5, 'Jira takes the leading durations, then its comment');
    assert.equal(hours('x\n\nTime: 1h\nSpent: 30m'), 1.5, 'several lines add up');
    assert.equal(hours('the time is right: nothing'), 0, 'no trailer, no #time');
  });
  it('calls malformed what it cannot read', () => {
    assert.deepEqual(readTime(timeLines('x\n\nTime: soon'), 8).malformed, ['Time: soon']);
    assert.deepEqual(readTime(timeLines('x #time 2hours'), 8).malformed, ['#time 2hours']);
    assert.deepEqual(readTime(timeLines('x\n\nTime: 0h'), 8).malformed, ['Time: 0h']);
    assert.deepEqual(readTime(timeLines('x\n\nSpent: 1h30'), 8).malformed, ['Spent: 1h30']);
  });
});

const YAML = `version: 1
project:
  name: Time
  start: 2026-01-05
milestones:
  - id: m1
    title: One
    tasks:
      - { id: T-1, title: Schema, estimate: 1d }
      - { id: T-2, title: Api, estimate: 2d, spent: 5 }
      - { id: T-3, title: Tests, estimate: 1d }
`;

describe('time spent: from a real history to the status JSON', function () {
  this.timeout(30000);
  let repo: TestRepo;
  let status: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  const shas: Record<string, string> = {};
  before(async () => {
    repo = TestRepo.create();
    repo.commit('Plan', { files: { 'project.yml': YAML } });
    repo.commit('T-1: schema\n\nTime: 1h30m');
    repo.commit('T-1 indexes\n\nSpent: 45m');
    repo.commit('T-1 T-3 pairing #time 1d 2h fixed it');
    repo.commit('T-2 work\n\nTime: 2h');
    shas.soon = repo.commit('T-3: tests\n\nTime: soon');
    shas.hours = repo.commit('T-3 more #time 2hours');
    repo.commit('Unrelated chore\n\nTime: 3h');
    repo.commit('T-3 fixtures\n\nSpent: 2');
    repo.git('checkout', '-q', '-b', 'T-3-branch');
    repo.commit('T-3 on a branch\n\nTime: 1.5h');
    repo.git('checkout', '-q', 'main');
    const r = await runCli(['status', '--json', '--today', '2026-01-06', '--no-cache'], repo.dir);
    assert.equal(r.code, 0, r.err);
    status = JSON.parse(r.out);
  });
  after(() => repo.remove());

  const task = (id: string): any => status.milestones[0].tasks.find((t: any) => t.id === id); // eslint-disable-line @typescript-eslint/no-explicit-any

  it('adds each commit\'s hours to its tasks, split evenly; other branches count too', () => {
    // T-1: 1.5 + 0.75 + 10 / 2 = 7.25; T-3: 10 / 2 + 2 + 1.5 (branch) = 8.5
    assert.deepEqual([task('T-1').commitHours, task('T-1').actualHours], [7.25, 7.25]);
    assert.deepEqual([task('T-3').commitHours, task('T-3').actualHours], [8.5, 8.5]);
  });

  it('declared spent wins; the commits\' hours stay beside it', () => {
    assert.deepEqual([task('T-2').commitHours, task('T-2').actualHours], [2, 5]);
  });

  it('feeds the budget: AC is the hours spent, CPI = EV / AC', () => {
    assert.equal(status.budget.hours.ac, 20.75);
    assert.equal(status.budget.hours.cpi, Math.round((status.budget.hours.ev / 20.75) * 1000) / 1000);
  });

  it('warns about each malformed line, naming the commit, and keeps going', () => {
    const w = status.git.warnings as string[];
    assert.ok(w.some((x) => x.startsWith(`commit ${shas.soon.slice(0, 7)} ("T-3: tests"): 'Time: soon' is not a time spent`)), w.join('\n'));
    assert.ok(w.some((x) => x.startsWith(`commit ${shas.hours.slice(0, 7)} ("T-3 more #time 2hours"): '#time 2hours'`)), w.join('\n'));
    assert.equal(w.filter((x) => x.includes('is not a time spent')).length, 2);
  });

  it('the history cache keeps the time lines: a cached run gives the same hours', async () => {
    for (let run = 0; run < 2; run++) {
      const r = await runCli(['status', '--json', '--today', '2026-01-06'], repo.dir); // cache in .git/waymark/: cold, then hit
      const cached = JSON.parse(r.out).milestones[0].tasks.map((t: { commitHours: number | null }) => t.commitHours);
      assert.deepEqual(cached, [7.25, 2, 8.5], `run ${run}`);
    }
  });

  it('the terminal table shows the hours spent beside the estimate', async () => {
    const r = await runCli(['status', '--today', '2026-01-06'], repo.dir);
    assert.match(r.out, /^ {2}T-1 .*Schema\s+\(.*estimate 1d, spent 7\.25 h.*\)$/m);
    assert.match(r.out, /^ {2}T-2 .*Api\s+\(.*estimate 2d, spent 5 h.*\)$/m, 'the declared spent');
  });

  it('the status report shows the actual cost and CPI', async () => {
    const r = await runCli(['report', '--today', '2026-01-06'], repo.dir);
    assert.match(r.out, /^\| Actual cost \(hours spent\) \| 21 h \| — \|$/m);
    assert.match(r.out, /^\| CPI \(EV \/ AC, tasks with hours spent\) \| \d\.\d\d \| — \|$/m);
  });
});
