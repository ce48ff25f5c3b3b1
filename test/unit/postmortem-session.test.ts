// Several postmortems of one release (the site writes up to three) read the
// release's history and project.yml's revisions once, through a shared
// PostmortemSession, and come out exactly as when each is generated alone.
// git runs through a wrapper that logs its arguments, so the test counts the
// walks instead of timing them.
import * as assert from 'node:assert/strict';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePostmortem } from '../../src/core/report/generate';
import { PostmortemSession } from '../../src/core/report/releaseCommits';
import { postmortemJson } from '../../src/core/report/json';
import { scanHistory, type ScanLinks } from '../../src/core/git/history';
import type { RawCommit } from '../../src/core/git/logStream';
import { parsePlan } from '../../src/core/parse';
import { buildReportRepo, commit } from './reportRepo';
import { BEN, TestRepo, tempDir } from './gitRepoFixture';

describe('postmortem session: postmortems of one release share the git reads', () => {
  let dir: string;
  let tools: string;
  before(() => {
    dir = buildReportRepo();
    tools = tempDir('waymark-gitlog-');
    const wrapper = join(tools, 'git');
    writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> "${join(tools, 'calls.txt')}"\nexec git "$@"\n`);
    chmodSync(wrapper, 0o755);
  });
  after(() => { rmSync(dir, { recursive: true, force: true }); rmSync(tools, { recursive: true, force: true }); });

  it('one history walk and one read of the plan revisions for m1 and m2 released at HEAD; the same data as alone', async () => {
    // Without `release:` both milestones are released at HEAD.
    const planText = readFileSync(join(dir, 'project.yml'), 'utf8').replace(/^ {4}release: .*\n/gm, '');
    const req = (milestoneId: string) => ({ repoDir: dir, planFile: join(dir, 'project.yml'), planText, milestoneId, today: '2026-04-01' });
    const alone = [await generatePostmortem(req('m1')), await generatePostmortem(req('m2'))];
    const gitPath = join(tools, 'git');
    const session = new PostmortemSession(dir, join(dir, 'project.yml'), gitPath);
    const shared = [await generatePostmortem({ ...req('m1'), gitPath, session }), await generatePostmortem({ ...req('m2'), gitPath, session })];
    const calls = readFileSync(join(tools, 'calls.txt'), 'utf8').split('\n');
    assert.equal(calls.filter((c) => c.includes('log -z --format=%H%x1f%P')).length, 1, calls.join('\n'));
    assert.equal(calls.filter((c) => c.includes('log -z --format=%H%x1f%cI%x1f%s')).length, 1, calls.join('\n'));
    assert.equal(calls.filter((c) => c.includes('cat-file --batch')).length, 1, calls.join('\n'));
    // Both are released at HEAD: resolved once.
    assert.equal(calls.filter((c) => c.endsWith('--end-of-options HEAD^{commit}')).length, 1, calls.join('\n'));
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(postmortemJson(shared[i].data), postmortemJson(alone[i].data));
      assert.equal(shared[i].markdown('chart.svg'), alone[i].markdown('chart.svg'));
      assert.equal(shared[i].svg, alone[i].svg);
    }
  });

  it('a cold history scan hands its walk of HEAD and project.yml\'s changes to the session: one `git log` of the whole history in all, the same postmortems', async () => {
    // As on the site: the plan at HEAD is the file the caller read and parsed, and the scan links to that parse.
    const own = buildReportRepo();
    const planText = readFileSync(join(own, 'project.yml'), 'utf8').replace(/^ {4}release: .*\n/gm, '');
    commit(own, { date: '2026-03-20T09:00:00Z', who: 'ana', message: 'Plan: released at HEAD', plan: planText });
    const req = (milestoneId: string) => ({ repoDir: own, planFile: join(own, 'project.yml'), planText, milestoneId, today: '2026-04-01' });
    const alone = [await generatePostmortem(req('m1')), await generatePostmortem(req('m2'))];
    const gitPath = join(tools, 'git');
    const bytes = Buffer.from(planText);
    const parsed = parsePlan(bytes);
    const handOver = async (tamper?: (links: ScanLinks) => ScanLinks) => {
      writeFileSync(join(tools, 'calls.txt'), '');
      const session = new PostmortemSession(own, join(own, 'project.yml'), gitPath, { current: { bytes, parsed } });
      let handed: { tip: string; commits: RawCommit[]; links: ScanLinks } | undefined;
      // As on the site, the walk also lists project.yml's changes, which give its revisions (pathSimplify.ts).
      await scanHistory(own, parsed.plan!, { gitPath, planPath: 'project.yml', onFullHistory: (tip, commits, links, changes) => { handed = { tip, commits, links }; session.adoptWalk(tip, commits, tamper ? tamper(links) : links, changes); } });
      assert.ok(handed && handed.commits.length > 0 && handed.links.refs.length === handed.commits.length, 'the scan read the default branch in full and handed it over with its links');
      assert.equal(handed.links.plan, parsed.plan);
      const shared = [await generatePostmortem({ ...req('m1'), plan: parsed.plan!, gitPath, session }), await generatePostmortem({ ...req('m2'), plan: parsed.plan!, gitPath, session })];
      return { handed, shared, calls: readFileSync(join(tools, 'calls.txt'), 'utf8').split('\n') };
    };
    try {
      const { handed, shared, calls } = await handOver();
      // Whole-history walks from one tip (the scan also reads the side branches, `tip ^main`, apart).
      const walks = calls.filter((c) => /log -z --format=%H%x1f%P\S*( --\S+)* --end-of-options [0-9a-f]{40} --( :\(top,literal\)project\.yml)?$/.test(c));
      assert.deepEqual(walks.map((c) => c.split(' --end-of-options ')[1].split(' ')[0]), [handed.tip], calls.join('\n'));
      // project.yml's revisions came from that walk: no path-limited walk of the history.
      assert.equal(calls.filter((c) => /--format=%H%x1f%cI%x1f%s --end-of-options \S+ -- :\(top,literal\)project\.yml$/.test(c)).length, 0, calls.join('\n'));
      // The origin's owner/repo came with the links: not read again.
      assert.equal(calls.filter((c) => c.includes('config --get remote.origin.url')).length, 0, calls.join('\n'));
      for (let i = 0; i < 2; i++) {
        assert.deepEqual(postmortemJson(shared[i].data), postmortemJson(alone[i].data));
        assert.equal(shared[i].markdown('chart.svg'), alone[i].markdown('chart.svg'));
      }
      // The session takes the scan's references instead of matching the messages again: links that
      // say no commit references anything leave the release range without linked commits.
      const unlinked = await handOver((links) => ({ ...links, refs: links.refs.map(() => []) }));
      assert.ok(alone[0].data.range.milestoneCommits > 0);
      assert.deepEqual([unlinked.shared[0].data.range.milestoneCommits, unlinked.shared[0].data.range.otherTaskCommits], [0, 0]);
      // Links of another plan object, or made by other rules, are not taken: the same postmortems as alone.
      for (const tamper of [(links: ScanLinks) => ({ ...links, refs: links.refs.map(() => []), plan: parsePlan(bytes).plan! }), (links: ScanLinks) => ({ ...links, refs: links.refs.map(() => []), rulesKey: 'other' })]) {
        const other = await handOver(tamper);
        for (let i = 0; i < 2; i++) assert.deepEqual(postmortemJson(other.shared[i].data), postmortemJson(alone[i].data));
      }
    } finally {
      rmSync(own, { recursive: true, force: true });
    }
  });
});

// Two milestones planned in one revision and finished at HEAD: one baseline,
// one release, one range. Calendar Mon-Fri; January 2026: Mon 5, 12, 19.
const TOGETHER = `version: 1
project: { name: Together, start: 2026-01-05 }
people:
  - { id: ana, name: Ana Souza, email: ana@example.com }
  - { id: ben, name: Ben Okafor, email: ben@example.com }
milestones:
  - id: a
    title: A
    due: 2026-01-14
    tasks:
      - { id: A-1, title: A1, estimate: 1d, assignee: ana }
      - { id: A-2, title: A2, estimate: 2d, assignee: ben, depends: [A-1] }
  - id: b
    title: B
    due: 2026-01-21
    tasks:
      - { id: B-1, title: B1, estimate: 2d, assignee: ana }
      - { id: B-2, title: B2, estimate: 1d, assignee: ben }
`;

describe('postmortem session: milestones with one baseline and release share the range', () => {
  let repo: TestRepo;
  before(() => {
    repo = TestRepo.create();
    const at = (day: string, hour = 9): string => `2026-01-${day}T${String(hour).padStart(2, '0')}:00:00Z`;
    repo.commit('Plan', { date: at('05', 8), files: { 'project.yml': TOGETHER } });
    repo.commit('A-1: start', { date: at('05') });
    repo.commit('Closes A-1', { date: at('06', 17) });
    repo.commit('Tidy the build', { date: at('07') });
    repo.commit('B-1: start', { date: at('07', 10), author: BEN });
    repo.commit('A-2: start', { date: at('08'), author: BEN });
    repo.commit('Closes A-2', { date: at('13', 17), author: BEN });
    repo.commit('Fix a typo', { date: at('14'), author: BEN });
    repo.commit('Closes B-1', { date: at('15', 17) });
    repo.commit('Closes B-2', { date: at('19', 17), author: BEN });
  });
  after(() => repo.remove());

  const req = (milestoneId: string) => ({
    repoDir: repo.dir, planFile: join(repo.dir, 'project.yml'), planText: TOGETHER, milestoneId, today: '2026-01-30',
  });

  it('the same postmortems as alone; one range array for both', async () => {
    const alone = [await generatePostmortem(req('a')), await generatePostmortem(req('b'))];
    const session = new PostmortemSession(repo.dir, join(repo.dir, 'project.yml'));
    const shared = [await generatePostmortem({ ...req('a'), session }), await generatePostmortem({ ...req('b'), session })];
    for (let i = 0; i < 2; i++) {
      assert.notEqual(shared[i].data.forecastAtBaseline, null, 'the milestone had work to forecast at the baseline');
      assert.deepEqual(postmortemJson(shared[i].data), postmortemJson(alone[i].data));
      assert.equal(shared[i].markdown('chart.svg'), alone[i].markdown('chart.svg'));
      assert.equal(shared[i].svg, alone[i].svg);
    }
    const { root } = await session.where();
    const ranges = await Promise.all(shared.map((s) => session.releaseCommits(root, s.data.history)));
    assert.equal(shared[0].data.history.baseline.sha, shared[1].data.history.baseline.sha);
    assert.equal(ranges[0].rangeCommits, ranges[1].rangeCommits, 'one range, computed once');
    assert.equal(shared[0].data.range.unplanned.length, 2);
  });

  it('milestones named to the session up front: their forecasts at the shared baseline come from one set of runs, the same figures', async () => {
    const alone = [await generatePostmortem(req('a')), await generatePostmortem(req('b'))];
    const session = new PostmortemSession(repo.dir, join(repo.dir, 'project.yml'));
    session.expect(['a', 'b', 'not-in-the-plan']);
    const shared = [await generatePostmortem({ ...req('a'), session }), await generatePostmortem({ ...req('b'), session })];
    for (let i = 0; i < 2; i++) {
      assert.notEqual(shared[i].data.forecastAtBaseline, null);
      assert.deepEqual(shared[i].data.forecastAtBaseline, alone[i].data.forecastAtBaseline);
      assert.deepEqual(postmortemJson(shared[i].data), postmortemJson(alone[i].data));
    }
  });

  it('the revision whose bytes are the file the caller read is not parsed again: its parse is the caller\'s', async () => {
    const bytes = readFileSync(join(repo.dir, 'project.yml'));
    const parsed = parsePlan(bytes);
    const session = new PostmortemSession(repo.dir, join(repo.dir, 'project.yml'), undefined, { current: { bytes, parsed } });
    const r = await generatePostmortem({ ...req('a'), session });
    assert.equal(r.data.history.actual.parsed, parsed);
    assert.deepEqual(postmortemJson(r.data), postmortemJson((await generatePostmortem(req('a'))).data));
  });
});

describe('postmortem session: the release range when git lists an ancestor of the baseline before it (skewed clocks)', () => {
  const BEFORE = 'version: 1\nproject: { name: Skew, start: 2026-01-05 }\nmilestones: []\n';
  const WITH_M = `version: 1
project: { name: Skew, start: 2026-01-05 }
milestones:
  - id: m
    title: M
    tasks:
      - { id: M-1, title: M1, estimate: 1d }
`;
  let repo: TestRepo;
  before(() => {
    repo = TestRepo.create();
    // The root is dated after its child, the baseline: git lists the root
    // (reached first through the side branch, which is newer) before it.
    const root = repo.commit('Plan', { date: '2026-01-05T12:00:00Z', files: { 'project.yml': BEFORE } });
    repo.commit('Plan m', { date: '2026-01-05T09:00:00Z', files: { 'project.yml': WITH_M } });
    repo.commit('M-1: start', { date: '2026-01-06T09:00:00Z' });
    repo.commit('Closes M-1', { date: '2026-01-07T09:00:00Z' });
    repo.git('branch', 'side', root);
    repo.git('checkout', '-q', 'side');
    repo.commit('Side work', { date: '2026-01-08T09:00:00Z' });
    repo.git('checkout', '-q', 'main');
    repo.merge('side', 'Merge side', '2026-01-09T09:00:00Z');
  });
  after(() => repo.remove());

  it('is baseline..release as git counts it: the root before the baseline in git log is still the baseline\'s ancestor', async () => {
    const log = repo.git('log', '--format=%s').split('\n');
    assert.ok(log.indexOf('Plan') < log.indexOf('Plan m'), log.join(' | '));
    const r = await generatePostmortem({ repoDir: repo.dir, planFile: join(repo.dir, 'project.yml'), planText: WITH_M, milestoneId: 'm', today: '2026-01-30' });
    assert.equal(r.data.history.baseline.subject, 'Plan m');
    const inRange = repo.git('rev-list', 'HEAD', `^${r.data.history.baseline.sha}`).split('\n').length;
    assert.equal(r.data.range.commits + r.data.range.merges, inRange);
    assert.deepEqual(r.data.range.unplanned.map((c) => c.subject), ['Side work']);
  });
});

describe('postmortem session: the scan\'s links and a merge the byte prefilter rules out', () => {
  // The merged-branch rule reads `TAS\u212A-1-fix` (a Kelvin sign, lower-cased to k) as TASK-1's branch;
  // the scan's byte prefilter, plain ASCII, rules the merge's message out. Taking the scan's links must
  // not lose that close: the postmortem is the one written without them.
  const KELVIN = 'TAS\u212A-1-fix';
  const PLAN = `version: 1
project: { name: K, start: 2026-01-05 }
milestones:
  - id: m1
    title: M
    tasks:
      - { id: TASK-1, title: A, estimate: 1d, status: done }
      - { id: TASK-2, title: B, estimate: 1d, status: done }
`;
  let repo: TestRepo;
  before(() => {
    repo = TestRepo.create();
    repo.commit('Plan', { date: '2026-01-05T09:00:00Z', files: { 'project.yml': PLAN } });
    repo.git('checkout', '-q', '-b', KELVIN);
    repo.commit('work', { date: '2026-01-06T09:00:00Z' });
    repo.git('checkout', '-q', 'main');
    repo.commit('TASK-2 done, closes TASK-2', { date: '2026-01-06T10:00:00Z' });
    repo.merge(KELVIN, `Merge branch '${KELVIN}'`, '2026-01-07T09:00:00Z');
  });
  after(() => repo.remove());

  it('the same postmortem as without the handed-over walk', async () => {
    const planFile = join(repo.dir, 'project.yml');
    const bytes = readFileSync(planFile);
    const parsed = parsePlan(bytes);
    const req = { repoDir: repo.dir, planFile, planText: PLAN, plan: parsed.plan!, milestoneId: 'm1', today: '2026-02-01' };
    const alone = await generatePostmortem(req);
    assert.equal(alone.data.summary.actualFinish, '2026-01-07', 'the merge closes TASK-1 on its own day');
    const session = new PostmortemSession(repo.dir, planFile, undefined, { current: { bytes, parsed } });
    let refs: ScanLinks['refs'] | undefined;
    await scanHistory(repo.dir, parsed.plan!, { onFullHistory: (tip, commits, links) => { refs = links.refs; session.adoptWalk(tip, commits, links); } });
    assert.deepEqual(refs?.[0], [], 'the scan ruled the merge out on its bytes');
    const shared = await generatePostmortem({ ...req, session });
    assert.deepEqual(postmortemJson(shared.data), postmortemJson(alone.data));
  });
});
