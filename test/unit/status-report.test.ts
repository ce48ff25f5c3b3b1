// The stakeholder status report on the real repository of reportRepo.ts, as
// of 2026-03-20 (after v1.0 and "fixes T-6" on 03-18). Numbers by hand:
//   m1 at HEAD (REV6): T-1 16 h, T-2 32 h, T-4 dropped (0), T-7 8 h, T-5 8 h, all done -> 100%, 4/4.
//   m2: T-6 16 h done ("fixes T-6"), T-3 8 h referenced by "Docs for T-3" (merged, not closing):
//       in-progress -> 0.5 under 50/50. (16 + 4) / 24 = 0.8333 -> 83%, 1/2 done.
//   Project: (64 + 20) / (64 + 24) = 84 / 88 = 0.9545 -> 95%.
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateStatusReport } from '../../src/core/report/generate';
import { PlanHistoryError } from '../../src/core/git/planHistory';
import { buildReportRepo, REV6 } from './reportRepo';
import { runCli } from './cliRun';
import { tempDir } from './gitRepoFixture';

describe('status report', () => {
  let dir: string;
  before(() => { dir = buildReportRepo(); });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const gen = (since?: string) => generateStatusReport({
    repoDir: dir, planFile: join(dir, 'project.yml'), planText: readFileSync(join(dir, 'project.yml')), today: '2026-03-20', since,
  });

  it('milestones, overall health and progress', async () => {
    const { data, markdown } = await gen('2026-03-09');
    assert.deepEqual(data.milestones.map((m) => [m.id, Math.round(m.progress * 10000) / 10000, m.doneTasks, m.totalTasks, m.complete]), [
      ['m1', 1, 4, 4, true],
      ['m2', 0.8333, 1, 2, false],
    ]);
    assert.equal(Math.round(data.progress * 10000) / 10000, 0.9545);
    // m1 is complete, so only m2 counts: due 03-27, T-3's remaining half day fits, progress lag 1 - 0.83 < 0.25.
    assert.equal(data.health, 'on-track');
    assert.match(markdown, /\| Progress \| 95% \|/);
    assert.match(markdown, /\| First release \(`m1`\) \| 100% \| 4\/4 \| 2026-03-13 \| done \|/);
    assert.match(markdown, /\| Second \(`m2`\) \| 83% \| 1\/2 \| 2026-03-27 \|/);
    // The Monte Carlo range (issue 20): five done tasks with commits, so the team's ratios; T-3,
    // started, finishes today whatever it draws (its planned length from its start is past).
    assert.match(markdown, /\| Likely finish \| P50 2026-03-20 · P85 2026-03-20 · P95 2026-03-20 \(1000 runs, durations from the team's history \(5 done tasks\)\) \|/);
    assert.match(markdown, /How sure \(1000 runs, [^\n]+\):\n\n- \*\*m2:\*\* P50 2026-03-20 · P85 2026-03-20 · P95 2026-03-20 · 100% chance by its due\n/);
  });

  it('done since a date, in finish order; in progress and next', async () => {
    const { data, markdown } = await gen('2026-03-09');
    // Closed on or after 03-09: T-2 and T-5 on 03-11 (plan order), T-7 03-13, T-6 03-18. T-1 (03-03) is older.
    assert.deepEqual(data.done.map((t) => [t.id, t.finish]), [['T-2', '2026-03-11'], ['T-5', '2026-03-11'], ['T-7', '2026-03-13'], ['T-6', '2026-03-18']]);
    assert.deepEqual(data.inProgress.map((t) => t.id), ['T-3']);
    assert.deepEqual(data.next, []);
    // Issue 20: the line names the forecast and, since the forecast moved it, the planned finish beside it.
    const t3 = data.inProgress[0];
    assert.equal(t3.forecastFinish, '2026-03-20');
    assert.ok(t3.plannedFinish < t3.forecastFinish, `T-3 was planned to finish before today (${t3.plannedFinish})`);
    assert.match(markdown, new RegExp(`\\*\\*T-3\\*\\* [^\\n]*: in-progress, forecast done 2026-03-20 \\(planned ${t3.plannedFinish}\\)`));
    assert.ok(markdown.includes('## Done since 2026-03-09\n'));
    // The title is data: escaped.
    assert.ok(markdown.includes('- 2026-03-13: **T-7** Export \\[CSV\\] \\*fast\\* (ana)'));
  });

  it('done since a tag starts at the tagged commit\'s day', async () => {
    const { data, markdown } = await gen('v1.0');
    assert.deepEqual(data.since, { day: '2026-03-16', label: 'v1.0 (2026-03-16)' });
    assert.deepEqual(data.done.map((t) => t.id), ['T-6']);
    assert.ok(markdown.includes('## Done since v1.0 \\(2026-03-16\\)'));
  });

  it('the default window is the 7 days before today', async () => {
    const { data } = await gen();
    assert.equal(data.since.day, '2026-03-13');
    assert.deepEqual(data.done.map((t) => t.id), ['T-7', 'T-6']);
  });

  it('top risks by exposure, active only; budget in hours with SPI', async () => {
    const { data, markdown } = await gen('2026-03-09');
    // R1 occurred (high x medium = 6), R3 open (low x low = 1); R2 mitigated is not active.
    assert.deepEqual(data.risks.map((r) => [r.id, r.exposure]), [['R1', 6], ['R3', 1]]);
    // BAC = 88 h of committed, non-dropped work; EV = 84 h (above); every task was planned to finish by 03-20
    // (the baseline-free plan starts 03-02), so PV = 88 h and SPI = 84 / 88 = 0.95. No rates: no cost column.
    assert.equal(data.budget.hours.bac, 88);
    assert.equal(data.budget.hours.ev, 84);
    assert.equal(data.budget.hours.pv, 88);
    assert.equal(data.budget.cost, undefined);
    assert.match(markdown, /\| SPI \(EV \/ PV\) \| 0\.95 \| — \|/);
    assert.match(markdown, /SPI 0\.95: 5% less work earned than planned by today\./);
  });

  it('bad --since: a tag that does not exist, an impossible date, a hostile value', async () => {
    await assert.rejects(gen('v9'), (e: unknown) => e instanceof PlanHistoryError && e.message === "--since: the repository has no tag 'v9'");
    await assert.rejects(gen('2026-02-30'), (e: unknown) => e instanceof PlanHistoryError && e.message === "--since '2026-02-30' is not a real date");
    await assert.rejects(gen('--all'), (e: unknown) => e instanceof PlanHistoryError && /takes a date \(YYYY-MM-DD\) or a tag, not '--all'/.test(e.message));
  });

  it('without a repository: declared statuses and a note', async () => {
    const plain = tempDir('waymark-report-plain-');
    try {
      writeFileSync(join(plain, 'project.yml'), REV6);
      const { data, markdown } = await generateStatusReport({ repoDir: plain, planFile: join(plain, 'project.yml'), planText: REV6, today: '2026-03-20', since: '2026-03-01' });
      assert.match(data.gitNote ?? '', /not inside a git repository/);
      // Only T-1 is declared done in REV6 -> 16 / 88.
      assert.equal(Math.round(data.progress * 10000) / 10000, Math.round((16 / 88) * 10000) / 10000);
      assert.ok(markdown.includes('> '));
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('CLI: writes --out, exit 1 for a missing tag and 2 for usage, nothing written on error', async () => {
    const before = readdirSync(dir).sort();
    let r = await runCli(['report', '--since', 'v9', '--out', 'status.md', '--today', '2026-03-20'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.err, "waymark report: --since: the repository has no tag 'v9'\n");
    r = await runCli(['report', 'extra'], dir);
    assert.equal(r.code, 2);
    r = await runCli(['report', '--rule', '10/90'], dir);
    assert.equal(r.code, 2);
    r = await runCli(['report', '--out', join('nope', 'status.md')], dir);
    assert.equal(r.code, 2);
    assert.deepEqual(readdirSync(dir).sort(), before);
    r = await runCli(['report', '--since', 'v1.0', '--out', 'status.md', '--today', '2026-03-20'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'Wrote status.md\n');
    assert.ok(readFileSync(join(dir, 'status.md'), 'utf8').startsWith('# Status report: Test Project\n'));
    rmSync(join(dir, 'status.md'));
    assert.ok(!existsSync(join(dir, 'status.md')));
  });

  it('CLI: --out never overwrites the plan, nor a file Waymark did not write unless --force', async () => {
    const planPath = join(dir, 'project.yml');
    const plan = readFileSync(planPath, 'utf8');
    symlinkSync('project.yml', join(dir, 'plan-link.md'));
    writeFileSync(join(dir, 'notes.md'), 'my own notes\n');
    try {
      for (const argv of [['report', '--out', 'project.yml'], ['report', '--out', 'plan-link.md', '--force'], ['postmortem', 'm1', '--out', 'project.yml', '--force']]) {
        const r = await runCli([...argv, '--today', '2026-03-20'], dir);
        assert.equal(r.code, 2, argv.join(' '));
        assert.equal(r.err, `waymark ${argv[0]}: ${join(dir, argv[argv.indexOf('--out') + 1])} is the plan file; write the report to another file\n`);
      }
      assert.equal(readFileSync(planPath, 'utf8'), plan);
      let r = await runCli(['report', '--out', 'notes.md', '--today', '2026-03-20'], dir);
      assert.equal(r.code, 2);
      assert.equal(r.err, `waymark report: ${join(dir, 'notes.md')} exists and was not written by Waymark; use --force to replace it\n`);
      assert.equal(readFileSync(join(dir, 'notes.md'), 'utf8'), 'my own notes\n');
      r = await runCli(['report', '--out', 'notes.md', '--force', '--today', '2026-03-20'], dir);
      assert.equal(r.code, 0, r.err);
      r = await runCli(['report', '--out', 'notes.md', '--today', '2026-03-20'], dir);
      assert.equal(r.code, 0, 'its own output is replaced without --force');
      r = await runCli(['postmortem', 'm1', '--out', 'pm.md', '--today', '2026-03-20'], dir);
      assert.equal(r.code, 0, r.err);
      r = await runCli(['postmortem', 'm1', '--out', 'pm.md', '--today', '2026-03-20'], dir);
      assert.equal(r.code, 0, `the markdown and the chart carry the mark: ${r.err}`);
    } finally {
      for (const f of ['plan-link.md', 'notes.md', 'pm.md', 'pm-burndown.svg']) rmSync(join(dir, f), { force: true });
    }
  });
});
