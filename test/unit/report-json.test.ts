// `waymark report --json|--mermaid` and `waymark postmortem --json`.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cliRun';
import { tempDir, type TestRepo } from './gitRepoFixture';
import { DEMO_TODAY, HOSTILE_TODAY, demoRepo, hostileRepo } from './siteFixture';

describe('report and postmortem data', function () {
  this.timeout(60_000);
  let demo: string;
  let hostile: TestRepo;
  before(() => { demo = demoRepo(); hostile = hostileRepo(); });
  after(() => { rmSync(demo, { recursive: true, force: true }); hostile.remove(); });

  it('report --json: the figures the Markdown report shows', async () => {
    const r = await runCli(['report', '--json', '--today', DEMO_TODAY], demo);
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out);
    assert.equal(d.kind, 'status-report');
    assert.equal(d.version, 1);
    assert.equal(d.projectName, 'Harbor Returns');
    assert.deepEqual(d.milestones.map((m: { id: string }) => m.id), ['beta', 'portal', 'launch']);
    const md = (await runCli(['report', '--today', DEMO_TODAY], demo)).out;
    assert.ok(md.includes(`| Progress | ${Math.round(d.progress * 100)}% |`));
    assert.ok(md.includes(`| Forecast finish | ${d.forecastFinish} `));
    assert.equal(typeof d.budget.hours.ev, 'number');
  });

  it('report --mermaid: a gantt block after the milestones, a bar per open or done task, milestones at their due dates', async () => {
    const r = await runCli(['report', '--mermaid', '--today', DEMO_TODAY], demo);
    assert.equal(r.code, 0, r.err);
    const block = /\n## Gantt\n\n```mermaid\n([\s\S]*?)```\n/.exec(r.out);
    assert.ok(block, 'a mermaid block');
    assert.ok(r.out.indexOf('## Milestones') < r.out.indexOf('## Gantt') && r.out.indexOf('## Gantt') < r.out.indexOf('## Done since'));
    const lines = block[1].split('\n');
    assert.equal(lines[0], 'gantt');
    const status = JSON.parse((await runCli(['status', '--json', '--today', DEMO_TODAY], demo)).out);
    const tasks = status.milestones.flatMap((m: { tasks: { effectiveStatus: string }[] }) => m.tasks).filter((t: { effectiveStatus: string }) => t.effectiveStatus !== 'dropped');
    assert.equal(lines.filter((l) => / :(?:(?:done|active|crit), )*t\d+, \d{4}-\d\d-\d\d, \d{4}-\d\d-\d\d$/.test(l)).length, tasks.length);
    assert.deepEqual(lines.filter((l) => l.includes(':milestone,')), [
      '  Returns API beta due :milestone, m0, 2026-10-09, 0d', '  Customer returns portal due :milestone, m1, 2026-11-27, 0d', '  General availability due :milestone, m2, 2027-01-22, 0d',
    ]);
    assert.ok(lines.includes('  RET-1 Design the returns data model :done, crit, t0, 2026-09-08, 2026-09-11'));
  });

  it('report --mermaid: plan text cannot change the diagram (no :, #, ;, <, > or line break from a title)', async () => {
    const r = await runCli(['report', '--mermaid', '--today', HOSTILE_TODAY], hostile.dir);
    assert.equal(r.code, 0, r.err);
    const block = /```mermaid\n([\s\S]*?)```/.exec(r.out)![1];
    for (const l of block.split('\n').filter((x) => !/^ {2}(dateFormat|axisFormat|todayMarker) /.test(x)).slice(1)) {
      const title = l.includes(' :') ? l.slice(0, l.lastIndexOf(' :')) : l;
      assert.ok(!/[:#;<>%]/.test(title), l);
    }
    assert.ok(block.includes('  HX-1 img src=x onerror=alert(1) :done, crit, t0, '));
  });

  it('postmortem --json: the postmortem facts, its history without the parsed plans', async () => {
    const r = await runCli(['postmortem', 'beta', '--json', '--today', DEMO_TODAY], demo);
    assert.equal(r.code, 0, r.err);
    const d = JSON.parse(r.out);
    assert.equal(d.kind, 'postmortem');
    assert.deepEqual(d.milestone, { id: 'beta', title: 'Returns API beta', due: '2026-10-09' });
    assert.match(d.history.baseline.sha, /^[0-9a-f]{40}$/);
    assert.equal(d.history.release.tag, 'v0.9.0');
    assert.equal(typeof d.history.planCommits, 'number');
    assert.equal(d.summary.finished, true);
    assert.ok(Array.isArray(d.timeline) && d.timeline.length > 0);
    assert.ok(!r.out.includes('"parsed"'), 'no parsed plan in the JSON');
    const dir = tempDir('waymark-pm-json-');
    try {
      const w = await runCli(['postmortem', 'beta', '--json', '--out', join(dir, 'pm.json'), '--today', DEMO_TODAY], demo);
      assert.equal(w.code, 0, w.err);
      assert.deepEqual(JSON.parse(readFileSync(join(dir, 'pm.json'), 'utf8')), d);
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
});
