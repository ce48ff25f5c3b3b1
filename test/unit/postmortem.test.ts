// The postmortem on a real repository (test/unit/reportRepo.ts) checked
// number by number against a derivation by hand. Calendar: Mon-Fri, 8 h a
// day, no holidays; ana capacity 1, bo capacity 0.5. March 2026: Mon 2, 9, 16.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePostmortem, type PostmortemResult } from '../../src/core/report/generate';
import { PlanHistoryError } from '../../src/core/git/planHistory';
import { buildReportRepo, git, shaOf, REV2, REV6 } from './reportRepo';
import { runCli } from './cliRun';
import { tempDir } from './gitRepoFixture';

describe('postmortem: every number against the hand-computed truth', () => {
  let dir: string;
  let r: PostmortemResult;
  before(async () => {
    dir = buildReportRepo();
    r = await generatePostmortem({
      repoDir: dir, planFile: join(dir, 'project.yml'), planText: readFileSync(join(dir, 'project.yml')),
      milestoneId: 'm1', today: '2026-04-01',
    });
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('finds the baseline, the release and the unparseable revision', () => {
    const h = r.data.history;
    // m1 first appears in R2 "Plan: add the first release" (R1 has only m2).
    assert.equal(h.baseline.sha, shaOf(dir, 'Plan: add the first release'));
    assert.equal(h.baseline.day, '2026-03-02');
    // v1.0 tags "Release notes" (2026-03-16); the newest plan reachable from it is R5.
    assert.equal(h.release.tag, 'v1.0');
    assert.equal(h.release.sha, shaOf(dir, 'Release notes'));
    assert.equal(h.release.day, '2026-03-16');
    assert.equal(h.actual.sha, shaOf(dir, 'Plan: drop the import tool'));
    // R3 does not parse: skipped and named with its position (line 29 is `depends: [T-1`).
    assert.equal(h.skipped.length, 1);
    assert.equal(h.skipped[0].sha, shaOf(dir, 'Plan: work in progress'));
    assert.match(h.skipped[0].reason, /^29:7: YAML syntax error/);
    // R2, R4, R5 parsed; R3 skipped; R6 is after the tag.
    assert.deepEqual(h.revisions.map((x) => x.day), ['2026-03-02', '2026-03-05', '2026-03-10']);
    assert.equal(h.revisionsInRange, 4);
    // as of the release day, not --today, because the milestone was released
    assert.equal(r.data.asOf, '2026-03-16');
  });

  it('summary: planned vs actual finish, slip, task counts, health', () => {
    const s = r.data.summary;
    // planned = m1.due at the baseline; actual = the release tag's day.
    assert.equal(s.plannedFinish, '2026-03-13');
    assert.equal(s.plannedSource, 'due');
    assert.equal(s.actualFinish, '2026-03-16');
    assert.equal(s.actualSource, 'release');
    // Workdays in [Fri 03-13, Mon 03-16): just Friday -> 1.
    assert.equal(s.slipDays, 1);
    // R5's m1: T-1, T-2, T-4 (dropped), T-7, T-5. Done by commits: T-1, T-2, T-7, T-5.
    assert.equal(s.tasks, 5);
    assert.equal(s.done, 4);
    assert.equal(s.dropped, 1);
    assert.deepEqual(s.carriedOver, []);
    // Weighted progress: every non-dropped task done -> 1.
    assert.equal(s.progress, 1);
    assert.equal(s.health, 'on-track');
    const md = r.markdown();
    assert.match(md, /\| Slip \| \+1 workday \|/);
    assert.match(md, /\| Tasks \| 5: 4 done, 1 dropped, 0 carried over \|/);
  });

  it('baseline vs actual: creep, moves, drops, re-estimates, re-assignments, due dates', () => {
    const d = r.data.diff;
    // Baseline m1 (R2): T-1 2d, T-2 3d, T-3 1d, T-4 2d = 64 h.
    assert.deepEqual(d.baselineTasks.map((t) => t.id), ['T-1', 'T-2', 'T-3', 'T-4']);
    assert.equal(d.baselineHours, 64);
    // Release (R5), dropped T-4 excluded: T-1 16 + T-2 32 + T-7 8 + T-5 8 = 64 h.
    assert.equal(d.actualHours, 64);
    assert.deepEqual(d.added.map((t) => t.id), ['T-7']);
    assert.deepEqual(d.movedIn.map((t) => [t.id, t.other]), [['T-5', null]]);
    assert.deepEqual(d.movedOut.map((t) => [t.id, t.other]), [['T-3', 'm2']]);
    assert.deepEqual(d.removed, []);
    assert.deepEqual(d.dropped.map((t) => t.id), ['T-4']);
    assert.deepEqual(d.reestimated.map((x) => [x.id, x.from, x.to, x.fromHours, x.toHours]), [['T-2', '3d', '4d', 24, 32]]);
    assert.deepEqual(d.reassigned.map((x) => [x.id, x.from, x.to]), [['T-4', 'bo', 'ana']]);
    assert.deepEqual(d.dueMoved.map((x) => [x.id, x.from, x.to]), [['T-4', '2026-03-06', '2026-03-10']]);
    assert.equal(d.milestoneDue.changed, false);
    // Creep = T-7 8 h + T-5 8 h = 16 h = 2d, 16/64 = +25%.
    assert.equal(r.data.creepHours, 16);
    const md = r.markdown();
    assert.match(md, /\*\*Scope creep:\*\* 2 task\(s\), 2d \(\+25% on the baseline\)\./);
    assert.match(md, /\| Tasks \| 4 \| 5 \|/);
    assert.match(md, /\| Estimated work \| 8d \| 8d \|/);
  });

  it('schedule: slips against the baseline schedule and the critical path', () => {
    // Baseline schedule from 03-02 (no levelling): T-1 2 d -> 03-02..03-03; T-2 3 d after T-1 -> 03-04..03-06.
    // T-1 finished 03-03: slip 0. T-2 finished 03-11: workdays in [03-06, 03-11) = Fri, Mon, Tue = 3.
    // T-7 and T-5 were not in the baseline milestone (creep): no planned date. T-4 dropped, T-3 moved out.
    assert.deepEqual(r.data.slips.map((x) => [x.id, x.plannedFinish, x.finish, x.slip, x.criticalAtBaseline]), [
      ['T-1', '2026-03-03', '2026-03-03', 0, true],
      ['T-2', '2026-03-06', '2026-03-11', 3, true],
    ]);
    // The longest chain to the project's planned end (03-06) is T-1 -> T-2.
    assert.deepEqual(r.data.criticalAtBaseline, ['T-1', 'T-2']);
    assert.match(r.markdown(), /\| T-2 API \| ana \| 2026-03-06 \| 2026-03-11 \| \+3 workdays \| yes \|/);
  });

  it('estimate accuracy per task and per person, with the median error', () => {
    // Estimated = estimate at the baseline (else when added) / (8 h x capacity), whole days:
    //   T-1 16 h/8 = 2; T-2 24 h (3d at the baseline, not 4d)/8 = 3; T-7 8 h/8 = 1; T-5 8 h/(8 x 0.5) = 2.
    // Actual = workdays from the first to the closing commit, both included:
    //   T-1 03-02..03-03 = 2; T-2 03-04..03-11 = W T F M T W = 6; T-7 03-11..03-13 = 3;
    //   T-5 02-27..03-11 = 1 (Fri) + 5 + 3 = 9.
    assert.deepEqual(r.data.accuracy.map((a) => [a.id, a.estimatedDays, a.actualDays, a.error]), [
      ['T-1', 2, 2, 0],
      ['T-2', 3, 6, 1],
      ['T-7', 1, 3, 2],
      ['T-5', 2, 9, 3.5],
    ]);
    // ana: est 2+3+1 = 6, actual 2+6+3 = 11 -> 5/6 = +83%; bo: 2 vs 9 -> +350%. Worst first.
    assert.deepEqual(r.data.accuracyByPerson.map((p) => [p.person, p.tasks, p.estimatedDays, p.actualDays]), [
      ['bo', 1, 2, 9],
      ['ana', 3, 6, 11],
    ]);
    assert.ok(Math.abs(r.data.accuracyByPerson[1].error - 5 / 6) < 1e-12);
    // Median of [0, 1, 2, 3.5] = (1 + 2) / 2 = 1.5; all errors are >= 0 so the absolute median is the same.
    assert.equal(r.data.medianError, 1.5);
    assert.equal(r.data.medianAbsError, 1.5);
    const md = r.markdown();
    assert.match(md, /\| T-5 Spike on caching \| bo \| 1d \| 2d \| 2026-02-27 \| 2026-03-11 \| 9d \| \+350% \|/);
    assert.match(md, /\| Ana A \| 3 \| 6d \| 11d \| \+83% \|/);
    assert.match(md, /\*\*Median error:\*\* \+150% \(median absolute error 150%\)\./);
  });

  it('work: commits per task, the release range, unplanned commits and contributors', () => {
    // Commits reachable from v1.0 referencing each m1 task (R5 order):
    //   T-1: "T-1: start", "Closes T-1" = 2; T-2: endpoints, validation, "Implements T-2" = 3;
    //   T-4: draft = 1; T-7: "T-7 started; fixes T-5", "Closes T-7" = 2; T-5: spike, "fixes T-5" = 2.
    assert.deepEqual(r.data.work.map((w) => [w.id, w.status, w.commits, w.firstCommit, w.closedBy]), [
      ['T-1', 'done', 2, '2026-03-02', shaOf(dir, 'Schema done')],
      ['T-2', 'done', 3, '2026-03-04', shaOf(dir, 'Implements T-2')],
      ['T-4', 'dropped', 1, '2026-03-03', undefined],
      ['T-7', 'done', 2, '2026-03-11', shaOf(dir, 'Closes T-7')],
      ['T-5', 'done', 2, '2026-02-27', shaOf(dir, 'T-7 started; fixes T-5')],
    ]);
    // Range = reachable from v1.0, not from the baseline commit: 16 commits, one a merge -> 15.
    //   milestone: T-1 x2, T-4, T-2 x3, "T-7 started; fixes T-5", "Closes T-7" = 8
    //   other tasks: "Docs for T-3" = 1; plan updates: R3, R4, R5 = 3;
    //   unplanned: "Fix the build", "Update dependencies", "Release notes" = 3 -> 3/15 = 20%.
    const g = r.data.range;
    assert.equal(g.commits, 15);
    assert.equal(g.merges, 1);
    assert.equal(g.milestoneCommits, 8);
    assert.equal(g.otherTaskCommits, 1);
    assert.equal(g.planUpdates, 3);
    assert.deepEqual(g.unplanned.map((c) => c.subject), ['Fix the build <script>alert(1)</script> | *now*', 'Update dependencies', 'Release notes']);
    assert.equal(g.unplannedShare, 0.2);
    // ana: 10 non-merge commits in range, 7 referencing a task; bo: 5, 2.
    assert.deepEqual(r.data.contributors.map((c) => [c.name, c.commits, c.linked]), [['Ana A', 10, 7], ['Bo B', 5, 2]]);
    const md = r.markdown();
    assert.match(md, /15 commits \(plus 1 merge\): 8 for this milestone, 1 for other tasks, 3 plan updates, \*\*3 unplanned \(20%\)\*\*/);
    // Commit subjects are data: escaped, so no HTML and no extra table column.
    assert.ok(md.includes('Fix the build \\<script\\>alert\\(1\\)\\</script\\> \\| \\*now\\*'));
    assert.ok(!md.includes('<script>'));
    assert.ok(md.includes('T-7 Export \\[CSV\\] \\*fast\\*'));
  });

  it('risks: occurred, mitigated, never reviewed', () => {
    // R1 (T-2, high x medium = 6): open -> occurred, no `reviewed`. R2 (T-4, medium x low = 2): open -> mitigated,
    // reviewed 03-09 (after the baseline). R3 is on m2's T-6: not this milestone's.
    assert.deepEqual(r.data.risks.map((x) => [x.id, x.exposure, x.baselineStatus, x.status, x.notReviewed]), [
      ['R1', 6, 'open', 'occurred', true],
      ['R2', 2, 'open', 'mitigated', false],
    ]);
    const md = r.markdown();
    assert.match(md, /- \*\*Occurred:\*\* R1 Vendor API changes/);
    assert.match(md, /- \*\*Mitigated:\*\* R2 Bo is part-time/);
    assert.match(md, /- \*\*Never reviewed\*\* .*: R1 Vendor API changes$/m);
  });

  it('burndown: scope and remaining work per workday from the plan in force and the closing dates', () => {
    // Scope per revision (non-dropped m1 tasks): R2 = 16+24+8+16 = 64 h = 8d; R4 = 16+32+8+16+8+8 = 88 h = 11d;
    // R5 = 16+32+8+8 = 64 h = 8d. Closed: T-1 03-03, T-2 and T-5 03-11, T-7 03-13.
    assert.deepEqual(r.data.burndown.map((b) => [b.date.slice(5), b.scope, b.remaining]), [
      ['03-02', 8, 8],
      ['03-03', 8, 6], // T-1 done: 64 - 16 = 48 h
      ['03-04', 8, 6], // R3 skipped: R2 still in force
      ['03-05', 11, 9], // R4: 88 - 16 = 72 h
      ['03-06', 11, 9],
      ['03-09', 11, 9],
      ['03-10', 8, 6], // R5: 64 - 16 = 48 h
      ['03-11', 8, 1], // T-2 (32) and T-5 (8) done: 8 h
      ['03-12', 8, 1],
      ['03-13', 8, 0], // T-7 done
      ['03-16', 8, 0],
    ]);
    assert.equal(r.data.idealStart, 8);
    const svg = r.svg;
    assert.match(svg, /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    // One ideal line (2 points), two step series, markers for the due date and the tag.
    assert.equal((svg.match(/<polyline /g) ?? []).length, 3);
    assert.ok(svg.includes('>v1.0</text>'));
    assert.ok(svg.includes('>planned</text>'));
    assert.match(r.markdown('m1-burndown.svg'), /!\[Burndown of m1: remaining estimated work in days\]\(m1-burndown\.svg\)/);
    // A data: URI (VS Code) goes into a reference definition at the end, keeping the text readable.
    const inline = r.markdown('data:image/svg+xml;base64,AAAA');
    assert.ok(inline.includes('](burndown') === false && inline.includes('![Burndown of m1: remaining estimated work in days][burndown-chart]\n'));
    assert.ok(inline.endsWith('\n[burndown-chart]: data:image/svg+xml;base64,AAAA\n'));
  });

  it('timeline: baseline, plan changes, the skipped revision, closes, due and release in date order', () => {
    const expected = [
      '2026-02-27 Work started: first commit for T-5',
      `2026-03-02 Baseline: ${shaOf(dir, 'Plan: add the first release').slice(0, 7)} “Plan: add the first`,
      `2026-03-03 T-1 done (${shaOf(dir, 'Schema done').slice(0, 7)}): Schema`,
      `2026-03-04 project.yml at ${shaOf(dir, 'Plan: work in progress').slice(0, 7)} did not parse (skip`,
      `2026-03-05 Plan changed in ${shaOf(dir, 'Plan: re-estimate and take in more work').slice(0, 7)} “Plan: re-estimate `,
      `2026-03-10 Plan changed in ${shaOf(dir, 'Plan: drop the import tool').slice(0, 7)} “Plan: drop the impo`,
      `2026-03-11 T-2 done (${shaOf(dir, 'Implements T-2').slice(0, 7)}): API`,
      `2026-03-11 T-5 done (${shaOf(dir, 'T-7 started; fixes T-5').slice(0, 7)}): Spike on caching`,
      `2026-03-13 T-7 done (${shaOf(dir, 'Closes T-7').slice(0, 7)}): Export \\[CSV\\] \\*f`,
      '2026-03-13 Due date (planned finish at the baseline)',
      `2026-03-16 Released \`v1.0\` (${shaOf(dir, 'Release notes').slice(0, 7)})`,
    ];
    assert.equal(r.data.timeline.length, expected.length);
    r.data.timeline.forEach((e, i) => assert.ok(`${e.date} ${e.text}`.startsWith(expected[i]), `${e.date} ${e.text} vs ${expected[i]}`));
    assert.ok(r.data.timeline[4].text.endsWith('added T-7; moved in T-5; re-estimated T-2 3d → 4d; reassigned T-4 bo → ana; due of T-4 2026-03-06 → 2026-03-10'));
    assert.ok(r.data.timeline[5].text.endsWith('moved out T-3; dropped T-4'));
  });

  it('blameless sections are seeded with the facts that point at them', () => {
    assert.ok(r.data.wentWrong.includes('Finished 1 workday late: planned 2026-03-13, actual 2026-03-16.'));
    assert.ok(r.data.wentWrong.includes('3 task(s) took at least 50% longer than estimated: T-5 (+350%), T-7 (+200%), T-2 (+100%).'));
    assert.ok(r.data.wentWrong.includes('Scope grew after the baseline: 2 task(s), 2d of estimates (+25% on the baseline): T-7, T-5.'));
    assert.ok(r.data.wentWrong.includes('Critical-path tasks finished late: T-2 (+3 workdays).'));
    assert.ok(r.data.wentWrong.includes('Risk R1 occurred: Vendor API changes.'));
    assert.ok(r.data.wentWell.includes('Risk R2 was mitigated: Bo is part-time.'));
    assert.ok(r.data.wentWell.includes('Most work was planned: 3 of 15 commits (20%) referenced no task.'));
    assert.ok(r.data.actionItems.includes('Revisit how we estimate: the median task took +150% against its estimate.'));
    assert.ok(r.data.actionItems.includes('Review R1 on a schedule (no review recorded since the baseline).'));
    const md = r.markdown();
    for (const h of ['## Summary', '## Baseline vs actual', '## Schedule', '### Estimate accuracy', '## Work', '## Risks', '## Burndown', '### Timeline', '## What went well', '## What went wrong', '## Action items']) {
      assert.ok(md.includes(`\n${h}\n`), h);
    }
  });

  it('a --baseline REF replaces the automatic baseline', async () => {
    const r2 = await generatePostmortem({
      repoDir: dir, planFile: join(dir, 'project.yml'), planText: readFileSync(join(dir, 'project.yml')),
      milestoneId: 'm1', today: '2026-04-01', baseline: shaOf(dir, 'Plan: re-estimate and take in more work'),
    });
    // Baseline R4: m1 = T-1, T-2 (4d), T-3, T-4, T-7, T-5. At R5: T-3 moved out, T-4 dropped; nothing added.
    assert.equal(r2.data.history.baseline.day, '2026-03-05');
    assert.deepEqual(r2.data.diff.added, []);
    assert.deepEqual(r2.data.diff.reestimated, []);
    assert.deepEqual(r2.data.diff.movedOut.map((t) => t.id), ['T-3']);
    // 88 h at the baseline (R4, see the burndown).
    assert.equal(r2.data.diff.baselineHours, 88);
  });
});

describe('postmortem: bad input', () => {
  let dir: string;
  const planFile = (): string => join(dir, 'project.yml');
  before(() => { dir = buildReportRepo(); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const run = (milestoneId: string, planText: string | Buffer = readFileSync(planFile()), baseline?: string) =>
    generatePostmortem({ repoDir: dir, planFile: planFile(), planText, milestoneId, baseline, today: '2026-04-01' });

  it('an unknown milestone names the ones that exist', async () => {
    await assert.rejects(run('m9'), (e: unknown) => e instanceof PlanHistoryError && e.kind === 'unknown-milestone' &&
      e.message === "unknown milestone 'm9'; the plan has 'm1', 'm2'");
  });

  it('a release tag that does not exist', async () => {
    const text = REV6.replace('    due: 2026-03-27\n', '    due: 2026-03-27\n    release: v2.0\n');
    await assert.rejects(run('m2', text), (e: unknown) => e instanceof PlanHistoryError && e.kind === 'missing-release' &&
      /names release tag 'v2\.0', but the repository has no such tag/.test(e.message));
  });

  it('a milestone that was never committed has no baseline', async () => {
    const text = REV6.replace('milestones:\n', 'milestones:\n  - id: m3\n    title: Not committed\n    tasks: []\n');
    await assert.rejects(run('m3', text), (e: unknown) => e instanceof PlanHistoryError && e.kind === 'missing-baseline' &&
      /milestone 'm3' is in no committed revision of project\.yml up to HEAD/.test(e.message));
  });

  it('a --baseline that does not exist, one without project.yml, one that does not parse, one that is not a ref', async () => {
    await assert.rejects(run('m1', undefined, 'no-such-tag'), (e: unknown) => e instanceof PlanHistoryError && e.kind === 'missing-baseline' &&
      e.message === "baseline 'no-such-tag' does not exist in this repository (give a tag, branch or commit)");
    // A repository whose history starts before project.yml existed.
    const other = tempDir('waymark-nobase-');
    try {
      git(other, ['init', '-q', '-b', 'main']);
      writeFileSync(join(other, 'README.md'), 'hi\n');
      git(other, ['add', '-A']);
      git(other, ['-c', 'user.name=A', '-c', 'user.email=a@x.test', 'commit', '-q', '-m', 'readme']);
      git(other, ['tag', 'before-plan']);
      writeFileSync(join(other, 'project.yml'), REV2);
      git(other, ['add', '-A']);
      git(other, ['-c', 'user.name=A', '-c', 'user.email=a@x.test', 'commit', '-q', '-m', 'plan']);
      await assert.rejects(
        generatePostmortem({ repoDir: other, planFile: join(other, 'project.yml'), planText: REV2.replace('    release: v1.0\n', ''), milestoneId: 'm1', baseline: 'before-plan', today: '2026-04-01' }),
        (e: unknown) => e instanceof PlanHistoryError && e.kind === 'missing-baseline' && /project\.yml does not exist at baseline 'before-plan'/.test(e.message));
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    await assert.rejects(run('m1', undefined, shaOf(dir, 'Plan: work in progress')), (e: unknown) =>
      e instanceof PlanHistoryError && e.kind === 'unparseable-baseline' && /does not parse: 29:7: YAML syntax error/.test(e.message));
    await assert.rejects(run('m1', undefined, '--output=/tmp/x'), (e: unknown) =>
      e instanceof PlanHistoryError && e.kind === 'bad-ref' && e.message === "'--output=/tmp/x' is not a valid git revision");
  });

  it('a current plan that does not parse is bad input with its position', async () => {
    await assert.rejects(run('m1', 'version: 1\nmilestones: [\n'), (e: unknown) => e instanceof PlanHistoryError && e.kind === 'bad-plan' && /project\.yml:\d+:\d+: /.test(e.message));
  });
});

describe('waymark postmortem (CLI)', () => {
  let dir: string;
  before(() => { dir = buildReportRepo(); });
  after(() => rmSync(dir, { recursive: true, force: true }));
  const files = (d: string): string[] => readdirSync(d).sort();

  it('writes FILE and FILE-burndown.svg beside it', async () => {
    const r = await runCli(['postmortem', 'm1', '--out', 'pm.md', '--today', '2026-04-01'], dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'Wrote pm.md and pm-burndown.svg\n');
    // The unparseable revision is named on stderr too.
    assert.match(r.err, /skipped project\.yml at [0-9a-f]{7} \(2026-03-04, "Plan: work in progress"\): it does not parse: 29:7:/);
    const md = readFileSync(join(dir, 'pm.md'), 'utf8');
    assert.ok(md.startsWith('# Postmortem: First release (`m1`)\n'));
    assert.ok(md.includes('](pm-burndown.svg)'));
    assert.match(readFileSync(join(dir, 'pm-burndown.svg'), 'utf8'), /^<svg /);
    rmSync(join(dir, 'pm.md'));
    rmSync(join(dir, 'pm-burndown.svg'));
  });

  it('prints Markdown to stdout without --out', async () => {
    const r = await runCli(['postmortem', 'm1'], dir);
    assert.equal(r.code, 0);
    assert.ok(r.out.includes('| Slip | +1 workday |'));
  });

  it('exit 1 and nothing written for an unknown milestone, a missing tag, a missing baseline', async () => {
    const before = files(dir);
    let r = await runCli(['postmortem', 'nope', '--out', 'x.md'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.err, "waymark postmortem: unknown milestone 'nope'; the plan has 'm1', 'm2'\n");
    r = await runCli(['postmortem', 'm1', '--out', 'x.md', '--baseline', 'v0.1'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /baseline 'v0\.1' does not exist/);
    // A release tag that does not exist: edit the working copy (uncommitted).
    writeFileSync(join(dir, 'project.yml'), REV6.replace('release: v1.0', 'release: v1.1'));
    try {
      r = await runCli(['postmortem', 'm1', '--out', 'x.md'], dir);
      assert.equal(r.code, 1);
      assert.match(r.err, /release tag 'v1\.1', but the repository has no such tag/);
    } finally {
      writeFileSync(join(dir, 'project.yml'), REV6);
    }
    assert.deepEqual(files(dir), before);
  });

  it('exit 2 for usage and I/O errors, nothing written', async () => {
    const before = files(dir);
    assert.equal((await runCli(['postmortem'], dir)).code, 2);
    assert.equal((await runCli(['postmortem', 'm1', 'm2'], dir)).code, 2);
    assert.equal((await runCli(['postmortem', 'm1', '--bogus'], dir)).code, 2);
    const noDir = await runCli(['postmortem', 'm1', '--out', join('missing-folder', 'x.md')], dir);
    assert.equal(noDir.code, 2);
    assert.match(noDir.err, /could not write/);
    const notRepo = tempDir('waymark-norepo-');
    try {
      writeFileSync(join(notRepo, 'project.yml'), REV6);
      const r = await runCli(['postmortem', 'm1', '--out', 'x.md'], notRepo);
      assert.equal(r.code, 2);
      assert.match(r.err, /not inside a git repository/);
      assert.ok(!existsSync(join(notRepo, 'x.md')));
    } finally {
      rmSync(notRepo, { recursive: true, force: true });
    }
    assert.deepEqual(files(dir), before);
  });
});
