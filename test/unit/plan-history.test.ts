// project.yml at earlier revisions (src/core/git/planHistory.ts), the plan
// diff and the SVG chart, on the real repository of reportRepo.ts.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../src/core/parse';
import type { Plan } from '../../src/core/model';
import {
  listPlanRevisions, loadMilestoneHistory, milestoneSlice, readFilesAt, resolveCommit, showFile, PlanHistoryError,
} from '../../src/core/git/planHistory';
import { GitError } from '../../src/core/git/run';
import { diffMilestone } from '../../src/core/report/planDiff';
import { escapeXml, lineChartSvg, niceStep } from '../../src/core/report/svg';
import { escapeMarkdown as md } from '../../src/core/text';
import { buildReportRepo, shaOf, REV1, REV2, REV4, REV5, REV6 } from './reportRepo';
import { TestRepo } from './gitRepoFixture';

const plan = (text: string): Plan => parsePlan(text).plan!;

describe('plan history', () => {
  let dir: string;
  let current: Plan;
  before(() => {
    dir = buildReportRepo();
    current = plan(readFileSync(join(dir, 'project.yml'), 'utf8'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the commits that changed project.yml, oldest first, up to a revision', async () => {
    const all = await listPlanRevisions(dir, 'project.yml');
    assert.deepEqual(all.map((r) => r.subject), [
      'Plan: initial', 'Plan: add the first release', 'Plan: work in progress',
      'Plan: re-estimate and take in more work', 'Plan: drop the import tool', 'Plan: statuses',
    ]);
    assert.equal(all[0].day, '2026-02-26');
    assert.equal(all[0].date, '2026-02-26T09:00:00+00:00');
    const toTag = await listPlanRevisions(dir, 'project.yml', 'v1.0');
    assert.equal(toTag.length, 5);
  });

  it('reads many revisions in one cat-file, and undefined where the file is absent', async () => {
    const shas = [shaOf(dir, 'Plan: initial'), shaOf(dir, 'T-5: caching spike'), shaOf(dir, 'Plan: statuses')];
    const texts = await readFilesAt(dir, shas, 'project.yml');
    assert.equal(texts[0]!.toString('utf8'), REV1);
    assert.equal(texts[1]!.toString('utf8'), REV1); // unchanged by that commit
    assert.equal(texts[2]!.toString('utf8'), REV6);
    assert.deepEqual(await readFilesAt(dir, [shas[0]], 'missing.yml'), [undefined]);
    assert.equal(await showFile(dir, 'v1.0', 'project.yml'), REV5);
    assert.equal(await showFile(dir, 'no-such-ref', 'project.yml'), undefined);
  });

  it('never lets a ref or a path become an option', async () => {
    await assert.rejects(resolveCommit(dir, '--output=/tmp/x'), PlanHistoryError);
    await assert.rejects(listPlanRevisions(dir, 'project.yml', '-p'), PlanHistoryError);
    await assert.rejects(listPlanRevisions(dir, '../etc/passwd'), GitError);
    assert.throws(() => readFilesAt(dir, ['HEAD'], 'project.yml'), GitError);
    assert.throws(() => readFilesAt(dir, [shaOf(dir, 'Plan: initial')], 'a\nb'), GitError);
  });

  it('the baseline of m2 is the first revision (R1); of m1 the second', async () => {
    const m2 = await loadMilestoneHistory(dir, 'project.yml', current, 'm2');
    assert.equal(m2.baseline.subject, 'Plan: initial');
    // m2 has no release tag: HEAD, and the newest revision (R6) is the actual plan.
    assert.equal(m2.release.label, 'HEAD');
    assert.equal(m2.release.day, undefined);
    assert.equal(m2.actual.subject, 'Plan: statuses');
    assert.equal(m2.revisionsInRange, 6);
    assert.deepEqual(m2.revisions.map((r) => r.subject), [
      'Plan: initial', 'Plan: add the first release', 'Plan: re-estimate and take in more work', 'Plan: drop the import tool', 'Plan: statuses',
    ]);
    assert.deepEqual(m2.skipped.map((s) => s.subject), ['Plan: work in progress']);
    assert.equal(m2.planCommits.size, 6);
  });

  it('samples the revisions in between when they exceed the parse budget, keeping baseline and release', async () => {
    const h = await loadMilestoneHistory(dir, 'project.yml', current, 'm2', { parseBudgetBytes: 1 });
    assert.equal(h.sampled, true);
    assert.deepEqual(h.revisions.map((r) => r.subject), ['Plan: initial', 'Plan: statuses']);
    // The skipped revision was never parsed, so it is not claimed to be broken.
    assert.deepEqual(h.skipped, []);
    const two = await loadMilestoneHistory(dir, 'project.yml', current, 'm2', { parseBudgetBytes: 2 * REV4.length + 10 });
    // Four in between (R2..R5, one of them broken); room for two evenly spaced: indexes 0.5*4/2 -> 1 and 1.5*4/2 -> 3.
    assert.deepEqual(two.revisions.map((r) => r.subject), ['Plan: initial', 'Plan: work in progress', 'Plan: drop the import tool', 'Plan: statuses']
      .filter((s) => s !== 'Plan: work in progress'));
    assert.deepEqual(two.skipped.map((s) => s.subject), ['Plan: work in progress']);
  });
});

describe('milestone slices (large plans)', () => {
  it('keeps version, project, people and the one milestone, wherever the sections sit', () => {
    const text = REV4.replace('version: 1\n', '# a comment\nversion: 1\n');
    const slice = milestoneSlice(text, 'm1')!;
    const p = plan(slice);
    assert.deepEqual(p.milestones.map((m) => m.id), ['m1']);
    assert.deepEqual(p.milestones[0].tasks.map((t) => [t.id, t.estimateHours, t.assignee]), plan(REV4).milestones[0].tasks.map((t) => [t.id, t.estimateHours, t.assignee]));
    assert.equal(p.people.find((x) => x.id === 'bo')?.capacity, 0.5);
    assert.ok(!slice.includes('risks:') && !slice.includes('- id: m2'));
    // The last milestone runs to the next top-level key; CRLF files work too.
    const m2 = plan(milestoneSlice(REV4.replace(/\n/g, '\r\n'), 'm2')!);
    assert.deepEqual(m2.milestones[0].tasks.map((t) => t.id), ['T-6']);
  });

  it('gives up on layouts it does not know (the caller parses the whole file)', () => {
    assert.equal(milestoneSlice('version: 1\nmilestones: [{id: m1, title: x, tasks: []}]\n', 'm1'), undefined);
    assert.equal(milestoneSlice(REV4.replace('  - id: m1\n    title: First release', '  - title: First release\n    id: m1'), 'm1'), undefined);
    assert.equal(milestoneSlice(REV4, 'm9'), undefined);
  });

  it('intermediate revisions of a large plan are read as slices, with the same milestone', async () => {
    const dir = buildReportRepo();
    try {
      const current = plan(readFileSync(join(dir, 'project.yml'), 'utf8'));
      const h = await loadMilestoneHistory(dir, 'project.yml', current, 'm1', { sliceAboveBytes: 0 });
      // Baseline (R2) and release (R5) whole; R4 in between as a slice; R3 does not parse either way.
      assert.deepEqual(h.revisions.map((r) => [r.subject, r.partial === true]), [
        ['Plan: add the first release', false], ['Plan: re-estimate and take in more work', true], ['Plan: drop the import tool', false],
      ]);
      assert.deepEqual(h.revisions[1].plan.milestones.map((m) => m.id), ['m1']);
      assert.deepEqual(h.revisions[1].plan.milestones[0].tasks.map((t) => t.id), ['T-1', 'T-2', 'T-3', 'T-4', 'T-7', 'T-5']);
      assert.deepEqual(h.skipped.map((x) => x.subject), ['Plan: work in progress']);
      assert.match(h.skipped[0].reason, /^29:7: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('milestone slices that do not change', () => {
  it('are parsed once: revisions that only touched other milestones share the parse, each with its own commit', async () => {
    const at = (m2: string, m1 = '1d') => `version: 1
project: { name: Slices, start: 2026-01-05 }
milestones:
  - id: m1
    title: First
    tasks:
      - { id: A-1, title: A1, estimate: ${m1} }
  - id: m2
    title: Second
    tasks:
      - { id: B-1, title: B1, estimate: ${m2} }
`;
    const repo = TestRepo.create();
    try {
      repo.commit('Plan', { files: { 'project.yml': at('1d') } });
      repo.commit('Re-estimate B-1', { files: { 'project.yml': at('2d') } });
      repo.commit('Re-estimate B-1 again', { files: { 'project.yml': at('3d') } });
      repo.commit('Re-estimate A-1', { files: { 'project.yml': at('3d', '2d') } });
      const h = await loadMilestoneHistory(repo.dir, 'project.yml', plan(at('3d', '2d')), 'm1', { sliceAboveBytes: 0 });
      assert.deepEqual(h.revisions.map((r) => [r.subject, r.partial === true]), [
        ['Plan', false], ['Re-estimate B-1', true], ['Re-estimate B-1 again', true], ['Re-estimate A-1', false],
      ]);
      assert.equal(h.revisions[1].parsed, h.revisions[2].parsed, 'the same slice, parsed once');
      assert.notEqual(h.revisions[1].sha, h.revisions[2].sha);
      assert.deepEqual(h.revisions[2].plan.milestones.map((m) => m.id), ['m1']);
    } finally {
      repo.remove();
    }
  });
});

describe('plan diff', () => {
  it('R2 -> R5 for m1', () => {
    const d = diffMilestone(plan(REV2), plan(REV5), 'm1');
    assert.deepEqual(d.added.map((t) => t.id), ['T-7']);
    assert.deepEqual(d.movedIn.map((t) => [t.id, t.other]), [['T-5', null]]);
    assert.deepEqual(d.movedOut.map((t) => [t.id, t.other]), [['T-3', 'm2']]);
    assert.deepEqual(d.dropped.map((t) => t.id), ['T-4']);
  });

  it('a rewritten but equal estimate is not a re-estimate; a removed task is removed', () => {
    const before = plan(REV2);
    const after = plan(REV2.replace('estimate: 3d', 'estimate: 24h').replace(/ {6}- id: T-4\n(?: {8}.*\n)+/, ''));
    const d = diffMilestone(before, after, 'm1');
    assert.deepEqual(d.reestimated, []);
    assert.deepEqual(d.removed.map((t) => t.id), ['T-4']);
    assert.equal(d.baselineHours, 64);
    assert.equal(d.actualHours, 48);
  });
});

describe('report text is data', () => {
  it('Markdown escaping', () => {
    assert.equal(md('a *b* [c](http://x) <img src=x> | `d` _e_ \\ #1 ~f~ &amp;\nnext'),
      'a \\*b\\* \\[c\\]\\(http\\://x\\) \\<img src=x\\> \\| \\`d\\` \\_e\\_ \\\\ \\#1 \\~f\\~ \\&amp; next');
  });

  it('URLs, domains and emails in plan text render as the same text, never as links (a linkifying preview)', () => {
    // The renderer of VS Code's Markdown preview (markdown-it), with linkify on.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const MarkdownIt = require('markdown-it') as new (o: object) => unknown;
    const preview = new MarkdownIt({ html: true, linkify: true }) as { renderInline(s: string): string; linkify: { set(o: object): void } };
    preview.linkify.set({ fuzzyLink: false }); // as VS Code's preview: bare domains are not linked
    const html = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    for (const text of [
      'See https://example.com/a_b?x=1&y=2 now', 'mailto:ana@x.com', 'ana@x.com', 'www.foo.org', '//cdn.example.net/x.js',
      'ftp://files.example.org/a*b*', 'http://[::1]:8080/_x_',
    ]) {
      const out = preview.renderInline(md(text));
      assert.ok(!out.includes('<a '), `${text} became a link: ${out}`);
      assert.equal(out, html(text));
    }
  });

  it('control characters and lone surrogates cannot make the SVG ill-formed XML', () => {
    const evil = 'Beta \x1b[2J\x00\x07\ud800 ok\ttab';
    const svg = lineChartSvg({
      title: evil, series: [{ label: evil, shape: 'step', color: '#000', points: [{ x: 0, y: 8 }, { x: 2, y: 4 }] }],
      markers: [{ x: 1, label: evil }], formatX: (x) => `d${x}`, yLabel: evil,
    });
    // eslint-disable-next-line no-control-regex -- what XML 1.0 cannot hold
    assert.doesNotMatch(svg, /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff]/);
    assert.ok(svg.includes('<title id="chart-title">Beta \ufffd[2J\ufffd\ufffd\ufffd ok\ttab</title>'));
    assert.equal(escapeXml('\ud83d\ude00'), '\ud83d\ude00', 'a surrogate pair is a character, kept');
  });

  it('SVG escaping and a sane scale', () => {
    assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    assert.equal(niceStep(23.5, 5), 5);
    assert.equal(niceStep(8, 5), 2);
    const svg = lineChartSvg({
      title: 'Burndown: <script>alert(1)</script>', series: [{ label: 'A & B', shape: 'step', color: '#000', points: [{ x: 0, y: 8 }, { x: 2, y: 4 }] }],
      markers: [{ x: 1, label: '"due"' }], formatX: (x) => `d${x}`, yLabel: 'days',
    });
    assert.ok(!svg.includes('<script>'));
    assert.ok(svg.includes('Burndown: &lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(svg.includes('>A &amp; B</text>'));
    assert.ok(svg.includes('>&quot;due&quot;</text>'));
    // A step series draws a horizontal then a vertical segment: 3 points for 2 values.
    assert.match(svg, /points="[\d.]+,[\d.]+ [\d.]+,[\d.]+ [\d.]+,[\d.]+"/);
  });
});
