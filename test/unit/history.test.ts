import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scanHistory, planStart, type HistoryScan } from '../../src/core/git/history';
import { GitError } from '../../src/core/git/run';
import { clearCacheMemory } from '../../src/core/git/historyCache';
import { TestRepo, tempDir, BEN } from './gitRepoFixture';
import { planOf } from './planFixture';

const YAML = `version: 1
project:
  name: Checkout
  start: 2026-01-05
milestones:
  - id: beta
    title: Beta
    tasks:
      - id: PAY-1
        title: Schema
        issue: 12
      - id: PAY-2
        title: API
      - id: PAY-3
        title: Webhooks
`;

function refsOf(scan: HistoryScan): string[] {
  return scan.commits.map((c) => `${c.subject}|${c.onDefaultBranch ? 'main' : 'side'}|${c.refs.map((r) => r.taskId + (r.closing ? '!' : '')).join(',')}`);
}

describe('history: scanHistory on real repositories', function () {
  this.timeout(60000);
  const repos: TestRepo[] = [];
  const repo = (branch?: string): TestRepo => {
    const r = TestRepo.create(branch);
    repos.push(r);
    return r;
  };
  after(() => repos.forEach((r) => r.remove()));

  it('links default-branch commits, feature-only commits and merges, each once', async () => {
    const r = repo();
    r.commit('Old work before the plan', { date: '2026-01-02T09:00:00Z' });
    r.commit('Initial layout');
    r.commit('Schema draft for PAY-1');
    r.git('checkout', '-q', '-b', 'feature/PAY-2-api');
    r.commit('PAY-2: endpoints', { author: BEN });
    r.commit('fixes PAY-2', { author: BEN });
    r.git('checkout', '-q', 'main');
    r.commit('Closes #12');
    r.merge('feature/PAY-2-api', "Merge branch 'feature/PAY-2-api'");
    r.git('checkout', '-q', '-b', 'wip');
    r.commit('Start PAY-3 (resolves nothing yet)');
    r.commit('unrelated on a branch');
    // The merged-branch rule (mergeClose.ts, merge-close.test.ts) is off: this is about the message matcher.
    const scan = await scanHistory(r.dir, planOf(YAML), { closeOnMerge: false });
    assert.equal(scan.defaultBranch, 'main');
    assert.deepEqual(refsOf(scan), [
      'Schema draft for PAY-1|main|PAY-1',
      'PAY-2: endpoints|main|PAY-2',
      'fixes PAY-2|main|PAY-2!',
      'Closes #12|main|PAY-1!',
      'Start PAY-3 (resolves nothing yet)|side|PAY-3',
    ]);
    // The merge commit references nothing ("PAY-2-api" is a longer token) and is not unplanned work;
    // before the plan's start and branch-only commits do not count either.
    assert.equal(scan.unlinkedCommits, 1);
    assert.equal(scan.commits[1].authorEmail, 'ben@example.com');
    assert.equal(scan.commits[1].authorDate, '2026-01-05T12:00:00+00:00');
    assert.match(scan.commits[0].sha, /^[0-9a-f]{40}$/);
    assert.deepEqual(scan.warnings, []);
    assert.equal(scan.shallow, false);
    assert.equal(scan.empty, false);
    assert.equal(scan.head, r.git('rev-parse', 'HEAD'));
  });

  it('lists unplanned commits when asked and links a merge commit that closes', async () => {
    const r = repo();
    r.commit('Chore: lint');
    r.git('checkout', '-q', '-b', 'topic');
    r.commit('work');
    r.git('checkout', '-q', 'main');
    const merge = r.merge('topic', 'Merge topic\n\nCloses PAY-3');
    const scan = await scanHistory(r.dir, planOf(YAML), { includeUnlinked: true });
    assert.deepEqual(refsOf(scan), ['Merge topic|main|PAY-3!']);
    assert.equal(scan.commits[0].sha, merge);
    assert.equal(scan.commits[0].merge, true);
    assert.deepEqual(scan.unlinked?.map((u) => u.subject), ['work', 'Chore: lint']);
    assert.equal(scan.unlinkedCommits, 2);
  });

  it('uses the cache: a new commit costs one small log, a rebase is detected and rescanned', async () => {
    const r = repo();
    for (let i = 0; i < 5; i++) r.commit(i % 2 ? `step ${i} PAY-2` : `step ${i}`);
    const cacheFile = join(tempDir(), 'nested', 'history.json');
    const cold = await scanHistory(r.dir, planOf(YAML), { cacheFile });
    assert.deepEqual(cold.stats, { readCommits: 5, cache: 'cold' });
    assert.ok(existsSync(cacheFile));
    const hit = await scanHistory(r.dir, planOf(YAML), { cacheFile });
    assert.deepEqual(hit.stats, { readCommits: 0, cache: 'hit' });
    assert.deepEqual(refsOf(hit), refsOf(cold));

    r.commit('Closes PAY-2');
    const inc = await scanHistory(r.dir, planOf(YAML), { cacheFile });
    assert.deepEqual(inc.stats, { readCommits: 1, cache: 'incremental' });
    assert.deepEqual(refsOf(inc), ['step 1 PAY-2|main|PAY-2', 'step 3 PAY-2|main|PAY-2', 'Closes PAY-2|main|PAY-2!']);
    assert.equal(inc.unlinkedCommits, 3);

    // As after a restart: nothing in memory, the files answer (the new commit was appended).
    clearCacheMemory();
    r.commit('PAY-1 after restart');
    const restarted = await scanHistory(r.dir, planOf(YAML), { cacheFile });
    assert.deepEqual(restarted.stats, { readCommits: 1, cache: 'incremental' });
    assert.deepEqual(refsOf(restarted).slice(-2), ['Closes PAY-2|main|PAY-2!', 'PAY-1 after restart|main|PAY-1']);
    // The columns of the cold scan, then one appended line per incremental scan.
    const { columnsBytes } = JSON.parse(readFileSync(cacheFile, 'utf8')) as { columnsBytes: number };
    assert.equal(readFileSync(`${cacheFile}.commits`).subarray(columnsBytes).toString('utf8').split('\n').length - 1, 2);
    clearCacheMemory();
    assert.deepEqual(refsOf(await scanHistory(r.dir, planOf(YAML), { cacheFile })), refsOf(restarted));
    r.git('reset', '-q', '--hard', 'HEAD~1');

    // Rewrite the last two commits (as a rebase or force push would).
    r.git('reset', '-q', '--hard', 'HEAD~2');
    r.commit('step 4 reworded, PAY-3');
    const rewritten = await scanHistory(r.dir, planOf(YAML), { cacheFile });
    assert.deepEqual(rewritten.stats, { readCommits: 5, cache: 'rewritten' });
    assert.deepEqual(refsOf(rewritten), ['step 1 PAY-2|main|PAY-2', 'step 3 PAY-2|main|PAY-2', 'step 4 reworded, PAY-3|main|PAY-3']);

    // Other linking rules: the cache is not reused.
    const other = await scanHistory(r.dir, planOf(YAML.replace('PAY-3', 'PAY-9')), { cacheFile });
    assert.equal(other.stats?.cache, 'cold');
    assert.deepEqual(refsOf(other), ['step 1 PAY-2|main|PAY-2', 'step 3 PAY-2|main|PAY-2']);
  });

  it('an incremental scan reads the origin URL again only when the config files changed; refs stay exact', async () => {
    const r = repo();
    r.git('remote', 'add', 'origin', 'git@github.com:acme/shop.git');
    r.commit('PAY-2 first');
    const tools = tempDir('waymark-gitcalls-');
    const gitPath = join(tools, 'git');
    writeFileSync(gitPath, `#!/bin/sh\nprintf '%s\\n' "$*" >> "${join(tools, 'calls.txt')}"\nexec git "$@"\n`);
    chmodSync(gitPath, 0o755);
    const cacheFile = join(tempDir(), 'h.json');
    /** The scan's git subcommands (after the -c options every call starts with). */
    const scan = async (dir = r.dir): Promise<{ result: HistoryScan; calls: string[] }> => {
      writeFileSync(join(tools, 'calls.txt'), '');
      const result = await scanHistory(dir, planOf(YAML), { cacheFile, gitPath });
      const calls = readFileSync(join(tools, 'calls.txt'), 'utf8').trim().split('\n').map((c) => c.replace(/^(--no-pager |-c \S+ )*/, '').split(' ')[0]);
      return { result, calls };
    };
    const cold = await scan();
    assert.deepEqual(cold.calls.sort(), ['config', 'for-each-ref', 'log', 'rev-parse']);
    // As a new process: only the files remember the URL.
    clearCacheMemory();
    r.commit('fixes acme/shop#12');
    const inc = await scan();
    assert.equal(inc.result.stats?.cache, 'incremental');
    assert.deepEqual(inc.calls.sort(), ['for-each-ref', 'log', 'rev-parse']);
    assert.deepEqual(refsOf(inc.result), ['PAY-2 first|main|PAY-2', 'fixes acme/shop#12|main|PAY-1!']);

    // Another URL: read again, and owner/repo#N no longer names this repository.
    r.git('remote', 'set-url', 'origin', 'git@github.com:other/repo.git');
    const moved = await scan();
    assert.ok(moved.calls.includes('config'));
    assert.equal(moved.result.stats?.cache, 'cold');
    assert.deepEqual(refsOf(moved.result), ['PAY-2 first|main|PAY-2']);
    assert.ok(!(await scan()).calls.includes('config'), 'unchanged again');

    // New, moved and deleted branches, packed refs, a detached HEAD, a linked worktree: the same answer as a scan without cache.
    const exact = async (what: string, dir = r.dir): Promise<void> => {
      clearCacheMemory();
      const { result } = await scan(dir);
      assert.deepEqual(refsOf(result), refsOf(await scanHistory(dir, planOf(YAML))), what);
      assert.equal(result.head, r.git('-C', dir, 'rev-parse', 'HEAD'), what);
    };
    r.git('checkout', '-q', '-b', 'topic');
    r.commit('PAY-3 on topic');
    r.git('checkout', '-q', 'main');
    await exact('new branch');
    r.git('pack-refs', '--all');
    await exact('packed refs');
    r.git('branch', '-D', 'topic');
    await exact('deleted branch');
    r.git('checkout', '-q', '--detach', 'HEAD~1');
    r.commit('PAY-3 detached');
    await exact('detached HEAD');
    r.git('checkout', '-q', 'main');
    const wt = join(tempDir(), 'wt');
    r.git('worktree', 'add', '-q', '-b', 'wt-branch', wt);
    r.git('-C', wt, 'commit', '-q', '--allow-empty', '-m', 'PAY-3 in a worktree');
    await exact('linked worktree', wt);
    assert.ok(!(await scan(wt)).calls.includes('config'), 'the worktree shares the repository config');

    // New commits on main while the other branches stay: their commits come from the cache, one log in all;
    // a merge moves a branch's commits to the default branch.
    await scan();
    for (const step of [(): unknown => r.commit('PAY-2 more on main'), (): unknown => r.git('merge', '-q', '--no-ff', '-m', 'merge the worktree', 'wt-branch')]) {
      step();
      clearCacheMemory();
      const next = await scan();
      assert.equal(next.result.stats?.cache, 'incremental');
      assert.deepEqual(next.calls.filter((c) => c === 'log'), ['log']);
      // The same commits; the new ones come after the cached ones (a scan from scratch lists them in git's date order).
      assert.deepEqual(refsOf(next.result).sort(), refsOf(await scanHistory(r.dir, planOf(YAML))).sort());
    }
    assert.ok(refsOf(await scanHistory(r.dir, planOf(YAML))).includes('PAY-3 in a worktree|main|PAY-3'));

    // A URL from an included file is read every time.
    writeFileSync(join(r.dir, '.git', 'extra.config'), '[remote "origin"]\n\turl = git@github.com:acme/shop.git\n');
    r.git('remote', 'remove', 'origin');
    r.git('config', 'include.path', 'extra.config');
    assert.ok((await scan()).calls.includes('config'));
    const again = await scan();
    assert.ok(again.calls.includes('config'));
    assert.deepEqual(refsOf(again.result).filter((x) => x.startsWith('fixes')), ['fixes acme/shop#12|main|PAY-1!']);
  });

  it('rebuilds a damaged cache with a warning', async () => {
    const r = repo();
    r.commit('PAY-1 one');
    const cacheFile = join(tempDir(), 'h.json');
    await scanHistory(r.dir, planOf(YAML), { cacheFile });
    clearCacheMemory();
    writeFileSync(`${cacheFile}.commits`, '["tr');
    const scan = await scanHistory(r.dir, planOf(YAML), { cacheFile });
    assert.equal(scan.stats?.cache, 'cold');
    assert.deepEqual(scan.warnings, [`the history cache ${cacheFile} was damaged and has been rebuilt`]);
    assert.equal(scan.transient, true, 'a warning about this run only');
    assert.deepEqual(refsOf(scan), ['PAY-1 one|main|PAY-1']);
    clearCacheMemory();
    const next = await scanHistory(r.dir, planOf(YAML), { cacheFile });
    assert.equal(next.stats?.cache, 'hit');
    assert.equal(next.transient, undefined);
  });

  /** Everything a scan answers except how it got there (stats, cache warnings and the one-off mark they set). */
  const answer = (scan: HistoryScan): unknown => ({ ...scan, stats: undefined, transient: undefined, warnings: scan.warnings.filter((w) => !w.includes('history cache')) });

  it('commits with the same references share one frozen refs list (a million commits keep less heap)', async () => {
    const r = repo();
    r.commit('PAY-1 first');
    r.commit('PAY-1 second');
    r.commit('fixes PAY-1');
    r.commit('PAY-1 third');
    const scan = await scanHistory(r.dir, planOf(YAML));
    const [a, b, closing, c] = scan.commits;
    assert.deepEqual(a.refs, [{ taskId: 'PAY-1', closing: false }]);
    assert.equal(b.refs, a.refs);
    assert.equal(c.refs, a.refs);
    assert.notEqual(closing.refs, a.refs);
    assert.deepEqual(closing.refs, [{ taskId: 'PAY-1', closing: true }]);
    assert.ok(Object.isFrozen(a.refs) && Object.isFrozen(a.refs[0]));
  });

  it('a new process reads the cache files to exactly what a fresh scan gives', async () => {
    const r = repo();
    r.commit('PAY-1 plain');
    r.commit('PAY-2 with a unit\x1fseparator and a \r carriage return', { author: BEN });
    r.commit(`fixes PAY-3: ${'long subject '.repeat(30)}\n\nbody`);
    r.commit('Caf\u00e9 \u{1F600} PAY-1, PAY-2 and closes PAY-3\ttab');
    r.commit('PAY-2 timed\n\nTime: 1h30m\n#time 2h');
    r.commit('PAY-2 timed again\n\nTime: 1h30m\n#time 2h');
    r.git('checkout', '-q', '-b', 'side');
    r.commit('side PAY-2');
    r.git('checkout', '-q', 'main');
    r.git('merge', '-q', '--no-ff', '-m', 'Merge side, fixes PAY-1', 'side');
    const cacheFile = join(tempDir(), 'h.json');
    const cold = await scanHistory(r.dir, planOf(YAML), { cacheFile });
    assert.deepEqual(cold.commits.filter((c) => c.time).map((c) => c.time), [['Time: 1h30m', '#time 2h'], ['Time: 1h30m', '#time 2h']]);
    // The last: a subject cut at 200 characters right inside a surrogate pair.
    for (const message of ['PAY-2 next', 'unrelated', 'resolves PAY-1 \x1f', 'PAY-3 timed\n\nTime: 20m', `PAY-2 ${'x'.repeat(192)}\u{1F600} and more`]) {
      clearCacheMemory();
      r.commit(message);
      const cached = await scanHistory(r.dir, planOf(YAML), { cacheFile });
      assert.equal(cached.stats?.cache, 'incremental');
      const fresh = await scanHistory(r.dir, planOf(YAML));
      assert.deepEqual(answer(cached), answer(fresh));
      clearCacheMemory();
      const hit = await scanHistory(r.dir, planOf(YAML), { cacheFile });
      assert.equal(hit.stats?.cache, 'hit');
      assert.deepEqual(answer(hit), answer(fresh));
    }
  });

  it('hostile or damaged cache files: rescanned with a warning, never a crash or a wrong answer', async () => {
    const r = repo();
    r.commit('PAY-1 one');
    r.commit('two, fixes PAY-2', { author: BEN });
    const cacheFile = join(tempDir(), 'h.json');
    const fresh = answer(await scanHistory(r.dir, planOf(YAML)));
    await scanHistory(r.dir, planOf(YAML), { cacheFile });
    const header = readFileSync(cacheFile, 'utf8');
    const body = readFileSync(`${cacheFile}.commits`, 'utf8');
    const h = JSON.parse(header) as Record<string, unknown> & { layout: { count: number; shaLength: number; indexBytes: number; subjectBytes: number } };
    // The columns: shas, dates, merge flags, the JSON index, the subjects.
    const { count: n, shaLength } = h.layout;
    const cut = [0, n * shaLength, n * (shaLength + 25), n * (shaLength + 26)];
    cut.push(cut[3] + h.layout.indexBytes, cut[3] + h.layout.indexBytes + h.layout.subjectBytes);
    const part = (k: number): string => body.slice(cut[k], cut[k + 1]);
    const columns = { sha: part(0), date: part(1), merge: part(2), index: JSON.parse(part(3)) as Record<string, unknown>, subject: part(4) };
    assert.equal(cut[5], Buffer.byteLength(body));
    // The columns changed, under a header whose layout vouches for exactly their bytes.
    const withColumns = (change: Partial<Omit<typeof columns, 'index'>> & { index?: Record<string, unknown>; count?: number; shaLength?: number }): [string, string] => {
      const c = { ...columns, ...change, index: JSON.stringify({ ...columns.index, ...change.index }) };
      const text = c.sha + c.date + c.merge + c.index + c.subject;
      const bytes = Buffer.byteLength(text);
      const layout = { count: change.count ?? n, shaLength: change.shaLength ?? shaLength, indexBytes: Buffer.byteLength(c.index), subjectBytes: Buffer.byteLength(c.subject) };
      return [JSON.stringify({ ...h, layout, columnsBytes: bytes, commitsBytes: bytes }), text];
    };
    // One appended line after the columns, vouched for by the header.
    const good = `${'a'.repeat(40)}\x1f0\x1f2026-01-06T10:00:00+00:00\x1f0\x1fPAY-1\x1fsubject`;
    const withLine = (line: string): [string, string] => {
      const text = `${body}${line}\n`;
      return [JSON.stringify({ ...h, commitsBytes: Buffer.byteLength(text), commitsCount: (h.commitsCount as number) + 1 }), text];
    };
    const field = (i: number, v: string): string => good.split('\x1f').map((x, k) => (k === i ? v : x)).join('\x1f');
    const cases: [string, string, string][] = [
      ['header null', 'null', body],
      ['header array', '[]', body],
      ['header truncated', header.slice(0, -5), body],
      ['authors not a list', JSON.stringify({ ...h, authors: 'x' }), body],
      ['a tip sha that is an option', JSON.stringify({ ...h, defaultTips: [{ ref: 'refs/heads/main', sha: '--output=/tmp/x' }] }), body],
      ['negative byte count', JSON.stringify({ ...h, commitsBytes: -1 }), body],
      ['byte count past the end', JSON.stringify({ ...h, commitsBytes: Buffer.byteLength(body) + 10 }), body],
      ['columns cut short', JSON.stringify({ ...h, columnsBytes: 10 }), body],
      ['side commits that are not lines', JSON.stringify({ ...h, side: [['a'.repeat(40), 0, '2026-01-01', 's', 7, 0]] }), body],
      ['side commit line cut short', JSON.stringify({ ...h, side: `${'a'.repeat(40)}\x1f0\n` }), body],
      ['layout missing', JSON.stringify({ ...h, layout: null }), body],
      ['layout count off by one', JSON.stringify({ ...h, layout: { ...h.layout, count: n + 1 } }), body],
      ['sha not hex', ...withColumns({ sha: 'z'.repeat(80) })],
      ['sha length 41', ...withColumns({ shaLength: 41 })],
      ['one sha too few', ...withColumns({ sha: 'a'.repeat(40), date: columns.date.slice(0, 25), merge: '0', count: 1 })],
      ['author index out of range', ...withColumns({ index: { author: [0, 99] } })],
      ['author index negative', ...withColumns({ index: { author: [0, -1] } })],
      ['author index fractional', ...withColumns({ index: { author: [0, 0.5] } })],
      ['authors one too few', ...withColumns({ index: { author: [0] } })],
      ['merge flag 2', ...withColumns({ merge: '02' })],
      ['empty reference', ...withColumns({ index: { tokens: ['', 'PAY-2!'] } })],
      ['reference with a space', ...withColumns({ index: { tokens: ['PAY-1 PAY-2', 'PAY-2!'] } })],
      ['reference a number', ...withColumns({ index: { tokens: [7, 'PAY-2!'] } })],
      ['closing rule unknown', ...withColumns({ index: { tokens: ['PAY-1', 'PAY-2!x'] } })],
      ['refs index out of range', ...withColumns({ index: { refs: [0, 7] } })],
      ['refs list empty', ...withColumns({ index: { lists: [[], [1]] } })],
      ['refs list names a missing reference', ...withColumns({ index: { lists: [[0], [5]] } })],
      ['refs lists not a list', ...withColumns({ index: { lists: 'PAY-1' } })],
      ['time of a commit out of range', ...withColumns({ index: { time: [[9, ['Time: 1h']]] } })],
      ['time lines not strings', ...withColumns({ index: { time: [[0, [1]]] } })],
      ['one subject line too many', ...withColumns({ subject: 'x\ny\nz' })],
      ['one subject line too few', ...withColumns({ subject: 'x' })],
      ['dates of another width', ...withColumns({ date: '2026-01-06'.repeat(4) })],
      ['dates with letters', ...withColumns({ date: 'x'.repeat(50) })],
      ['columns shorter than the layout', JSON.stringify({ ...h, columnsBytes: 2, commitsBytes: 2 }), '[]'],
      ['appended sha not hex', ...withLine(field(0, 'z'.repeat(40)))],
      ['appended author out of range', ...withLine(field(1, '99'))],
      ['appended author not a number', ...withLine(field(1, 'x'))],
      ['appended merge flag 2', ...withLine(field(3, '2'))],
      ['appended empty refs', ...withLine(field(4, ''))],
      ['appended date cut', ...withLine(field(2, '2026-01-06'))],
      ['appended line missing fields', ...withLine(good.split('\x1f').slice(0, 4).join('\x1f'))],
      ['appended line without its newline', JSON.stringify({ ...h, commitsBytes: Buffer.byteLength(body) + good.length, commitsCount: (h.commitsCount as number) + 1 }), `${body}${good}\n`],
      ['binary garbage', JSON.stringify({ ...h, columnsBytes: 600, commitsBytes: 600 }), '\u0000\uffff\n'.repeat(200)],
    ];
    for (const [what, headerText, bodyText] of cases) {
      clearCacheMemory();
      writeFileSync(cacheFile, headerText);
      writeFileSync(`${cacheFile}.commits`, bodyText);
      const scan = await scanHistory(r.dir, planOf(YAML), { cacheFile });
      assert.equal(scan.stats?.cache, 'cold', what);
      assert.deepEqual(scan.warnings, [`the history cache ${cacheFile} was damaged and has been rebuilt`], what);
      assert.deepEqual(answer(scan), fresh, what);
      clearCacheMemory();
      assert.equal((await scanHistory(r.dir, planOf(YAML), { cacheFile })).stats?.cache, 'hit', `${what}: rebuilt`);
    }
  });

  it('a feature branch merged later moves its commits to the default branch (cache kept correct)', async () => {
    const r = repo();
    r.commit('base');
    r.git('checkout', '-q', '-b', 'f');
    r.commit('fixes PAY-3');
    const cacheFile = join(tempDir(), 'h.json');
    const before = await scanHistory(r.dir, planOf(YAML), { cacheFile });
    assert.deepEqual(refsOf(before), ['fixes PAY-3|side|PAY-3!']);
    r.git('checkout', '-q', 'main');
    r.git('merge', '-q', '--ff-only', 'f');
    const after = await scanHistory(r.dir, planOf(YAML), { cacheFile });
    assert.equal(after.stats?.cache, 'incremental');
    assert.deepEqual(refsOf(after), ['fixes PAY-3|main|PAY-3!']);
  });

  it('reports an empty repository without failing', async () => {
    const r = repo();
    const scan = await scanHistory(r.dir, planOf(YAML), { cacheFile: join(tempDir(), 'c.json') });
    assert.equal(scan.empty, true);
    assert.equal(scan.head, undefined);
    assert.deepEqual(scan.commits, []);
    assert.deepEqual(scan.warnings, ['the repository has no commits yet']);
  });

  it('fails with a typed error outside a repository and without git', async () => {
    const dir = tempDir();
    await assert.rejects(scanHistory(dir, planOf(YAML)), (e: unknown) => e instanceof GitError && e.kind === 'not-a-repo' && e.message.includes('not inside a git repository'));
    const r = repo();
    r.commit('x');
    await assert.rejects(scanHistory(r.dir, planOf(YAML), { gitPath: join(dir, 'no-such-git') }), (e: unknown) => e instanceof GitError && e.kind === 'git-missing');
  });

  it('degrades to a warning when git fails mid-scan (a missing object)', async () => {
    const r = repo();
    const first = r.commit('PAY-1 first');
    r.commit('second');
    rmSync(join(r.dir, '.git', 'objects', first.slice(0, 2), first.slice(2)));
    const scan = await scanHistory(r.dir, planOf(YAML));
    assert.deepEqual(scan.commits, []);
    assert.equal(scan.warnings.length, 1);
    assert.match(scan.warnings[0], /^could not read the history: git log failed: .*/);
    assert.equal(scan.transient, true);
  });

  it('degrades to a warning when another branch is damaged', async () => {
    const r = repo();
    r.commit("PAY-1 on main");
    r.git('checkout', '-q', '-b', 'topic');
    const broken = r.commit('PAY-2 on topic');
    r.git('checkout', '-q', 'main');
    rmSync(join(r.dir, '.git', 'objects', broken.slice(0, 2), broken.slice(2)));
    const scan = await scanHistory(r.dir, planOf(YAML));
    assert.equal(scan.warnings.length, 1);
    assert.match(scan.warnings[0], /^could not read the history: git log failed: /);
  });

  it('says a shallow clone is partial and reads what is there', async () => {
    const r = repo();
    r.commit('PAY-1 first');
    r.commit('PAY-2 second');
    r.commit('PAY-3 third');
    const dest = join(tempDir(), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '2', `file://${r.dir}`, dest], { env: TestRepo.env(), stdio: 'pipe' });
    const scan = await scanHistory(dest, planOf(YAML), { cacheFile: join(tempDir(), 'c.json') });
    assert.equal(scan.shallow, true);
    assert.equal(scan.defaultBranch, 'main');
    assert.deepEqual(refsOf(scan), ['PAY-2 second|main|PAY-2', 'PAY-3 third|main|PAY-3']);
    assert.match(scan.warnings.join('\n'), /shallow clone: the history is partial/);
    assert.equal(scan.stats?.cache, 'none');
  });

  it('reads many branches (revisions through stdin)', async () => {
    const r = repo();
    const base = r.commit('base');
    const tree = r.git('rev-parse', 'HEAD^{tree}');
    for (let i = 0; i < 70; i++) {
      const sha = r.git('commit-tree', tree, '-p', base, '-m', i === 69 ? 'PAY-2 on the 70th branch' : `branch ${i}`);
      r.git('update-ref', `refs/heads/b${i}`, sha);
    }
    const scan = await scanHistory(r.dir, planOf(YAML));
    assert.deepEqual(refsOf(scan), ['PAY-2 on the 70th branch|side|PAY-2']);
    assert.equal(scan.stats?.readCommits, 71);
  });

  it('warns about a detached HEAD and counts its commits as started', async () => {
    const r = repo();
    r.commit('base');
    r.git('checkout', '-q', '--detach');
    r.commit('try PAY-2');
    const scan = await scanHistory(r.dir, planOf(YAML));
    assert.deepEqual(refsOf(scan), ['try PAY-2|side|PAY-2']);
    assert.match(scan.warnings[0], /^HEAD is detached at [0-9a-f]{7}: its commits count as started, not as on main$/);
  });

  it('decodes a message in ISO-8859-1 and survives invalid UTF-8', async () => {
    const r = repo();
    const latin = r.commit(Buffer.from('Caf\xe9 cr\xe8me fixes PAY-1\n', 'latin1'), { config: ['i18n.commitEncoding=ISO-8859-1'] });
    assert.match(r.git('cat-file', '-p', latin), /^encoding ISO-8859-1$/m);
    // git commit repairs invalid UTF-8, so write the raw object the way another tool could.
    const tree = r.git('rev-parse', 'HEAD^{tree}');
    const raw = Buffer.concat([
      Buffer.from(`tree ${tree}\nparent ${latin}\nauthor A <a@x> 1767610000 +0000\ncommitter A <a@x> 1767610000 +0000\n\nBad bytes `),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(' PAY-2\n'),
    ]);
    const sha = execFileSync('git', ['hash-object', '-t', 'commit', '-w', '--stdin'], { cwd: r.dir, input: raw, env: TestRepo.env() }).toString().trim();
    r.git('update-ref', 'refs/heads/main', sha);
    const scan = await scanHistory(r.dir, planOf(YAML));
    assert.deepEqual(refsOf(scan), ['Café crème fixes PAY-1|main|PAY-1!', 'Bad bytes \ufffd\ufffd\ufffd PAY-2|main|PAY-2']);
  });

  it('reads a 1 MB commit message and finds the reference at its end', async () => {
    const r = repo();
    const body = 'lorem ipsum dolor sit amet '.repeat(40000);
    r.commit(`Huge import\n\n${body}\n\nCloses: PAY-3\n`);
    r.commit('after PAY-1');
    const scan = await scanHistory(r.dir, planOf(YAML));
    assert.deepEqual(refsOf(scan), ['Huge import|main|PAY-3!', 'after PAY-1|main|PAY-1']);
  });

  it('respects .mailmap and the configured default branch', async () => {
    const r = repo();
    r.commit('add mailmap', { files: { '.mailmap': 'Ben Okafor <ben@example.com> <ben@old.example>\n' }, author: ['ben', 'ben@old.example'] });
    r.commit('PAY-2 on main', { author: ['ben', 'ben@old.example'] });
    r.git('checkout', '-q', '-b', 'develop');
    r.commit('closes PAY-1');
    const scan = await scanHistory(r.dir, planOf(YAML.replace('start: 2026-01-05', 'start: 2026-01-05\n  defaultBranch: develop')));
    assert.equal(scan.defaultBranch, 'develop');
    assert.deepEqual(refsOf(scan), ['PAY-2 on main|main|PAY-2', 'closes PAY-1|main|PAY-1!']);
    assert.equal(scan.commits[0].authorEmail, 'ben@example.com');
    assert.equal(scan.commits[0].authorName, 'Ben Okafor');
    const missing = await scanHistory(r.dir, planOf(YAML), { defaultBranch: 'trunk' });
    assert.deepEqual(missing.warnings, ["default branch 'trunk' (from the settings) does not exist: no commit can close a task"]);
    assert.ok(missing.commits.every((c) => !c.onDefaultBranch));
    const evil = await scanHistory(r.dir, planOf(YAML), { defaultBranch: '--upload-pack=evil' });
    assert.deepEqual(evil.warnings, ["default branch '--upload-pack=evil' is not a valid branch name: no commit can close a task"]);
  });

  it('takes the plan start from the earliest date when project.start is absent', () => {
    const p = planOf(YAML.replace('  start: 2026-01-05\n', '').replace('title: API', 'title: API\n        start: 2026-02-01').replace('title: Beta', 'title: Beta\n    due: 2026-01-20'));
    assert.equal(planStart(p), '2026-01-20');
  });
});
