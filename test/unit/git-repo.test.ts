import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  branchExists, createBranch, currentBranch, defaultBranch, isWorkingTreeClean, listTags, parseOwnerRepo,
  readRepoState, resolveRevision, showFile,
} from '../../src/core/git/repo';
import { GitError, isSafeRefName, isSafeRevision, isSafeRepoPath } from '../../src/core/git/run';
import { LogRecord, RecordSplitter, forEachRecord } from '../../src/core/git/logStream';
import { TestRepo, tempDir } from './gitRepoFixture';
import { mulberry32 } from './seededRandom';

describe('git: repository helpers on real repositories', function () {
  this.timeout(30000);
  let r: TestRepo;
  before(() => {
    r = TestRepo.create();
    r.commit('first', { files: { 'project.yml': 'version: 1\n' } });
    r.git('tag', 'v0.1.0');
    r.commit('second', { files: { 'project.yml': 'version: 1\nproject: { name: X }\n' } });
  });
  after(() => r.remove());

  it('creates a branch (switching to it) only from a safe name', async () => {
    assert.equal(await currentBranch(r.dir), 'main');
    await createBranch(r.dir, 'PAY-12-login', 'v0.1.0');
    assert.equal(await currentBranch(r.dir), 'PAY-12-login');
    assert.equal(r.git('rev-parse', 'HEAD'), r.git('rev-parse', 'v0.1.0^{commit}'));
    await createBranch(r.dir, 'feature/no-switch', undefined, { checkout: false });
    assert.equal(await branchExists(r.dir, 'feature/no-switch'), true);
    assert.equal(await currentBranch(r.dir), 'PAY-12-login');
    await assert.rejects(createBranch(r.dir, '--force'), (e: unknown) => e instanceof GitError && e.kind === 'bad-argument' && e.message === "'--force' is not a valid branch name");
    await assert.rejects(createBranch(r.dir, 'x', '--orphan'), /is not a valid revision/);
    await assert.rejects(createBranch(r.dir, 'PAY-12-login'), (e: unknown) => e instanceof GitError && /creating branch 'PAY-12-login' failed: .*already exists/.test(e.message));
    r.git('checkout', '-q', 'main');
  });

  it('tells a clean working tree from a dirty one', async () => {
    assert.equal(await isWorkingTreeClean(r.dir), true);
    writeFileSync(join(r.dir, 'untracked.txt'), 'x');
    assert.equal(await isWorkingTreeClean(r.dir), true, 'untracked files do not block switching');
    assert.equal(await isWorkingTreeClean(r.dir, { includeUntracked: true }), false);
    writeFileSync(join(r.dir, 'project.yml'), 'changed\n');
    assert.equal(await isWorkingTreeClean(r.dir), false);
    r.git('checkout', '-q', '--', 'project.yml');
  });

  it('reads a file at a revision, undefined where it is absent', async () => {
    assert.equal((await showFile(r.dir, 'v0.1.0', 'project.yml'))?.toString(), 'version: 1\n');
    assert.equal((await showFile(r.dir, 'HEAD', './project.yml'))?.toString(), 'version: 1\nproject: { name: X }\n');
    assert.equal(await showFile(r.dir, 'HEAD', 'missing.yml'), undefined);
    await assert.rejects(showFile(r.dir, 'HEAD', '../etc/passwd'), /is not a path inside the repository/);
    assert.deepEqual(await listTags(r.dir), ['v0.1.0']);
    assert.equal(await resolveRevision(r.dir, 'v0.1.0'), r.git('rev-parse', 'v0.1.0^{commit}'));
    assert.equal(await resolveRevision(r.dir, 'nope'), undefined);
  });

  it('detects the default branch from origin/HEAD, main/master, the current branch', async () => {
    const clone = join(tempDir(), 'c');
    r.git('clone', '-q', r.dir, clone);
    const c = new TestRepo(clone);
    c.git('checkout', '-q', '-b', 'topic');
    const d = await defaultBranch(clone);
    assert.equal(d.name, 'main');
    assert.equal(d.source, 'origin/HEAD');
    assert.deepEqual(d.tips.map((t) => t.ref), ['refs/heads/main', 'refs/remotes/origin/main']);
    const trunk = TestRepo.create('trunk');
    trunk.commit('x');
    const t = await defaultBranch(trunk.dir);
    assert.equal(t.source, 'current');
    assert.match(t.warning ?? '', /using the current branch 'trunk'/);
    const state = await readRepoState(trunk.dir);
    assert.equal(state.branch, 'trunk');
    assert.equal(state.detached, false);
    trunk.remove();
  });

  it('checks refs, revisions and paths strictly', () => {
    for (const ok of ['main', 'feature/PAY-12', 'v1.0.0', 'origin/main', 'release-2026.01']) assert.ok(isSafeRefName(ok), ok);
    for (const bad of ['-x', '--upload-pack=x', 'a..b', 'a b', 'a~1', 'x.lock', 'a/', '.hidden', 'a@{1}', '', 'a:b']) assert.ok(!isSafeRefName(bad), bad);
    assert.ok(isSafeRevision('HEAD~2'));
    assert.ok(isSafeRevision('abc1234^2'));
    assert.ok(!isSafeRevision('-n'));
    assert.ok(isSafeRepoPath('docs/a.md'));
    assert.ok(!isSafeRepoPath('/etc/passwd'));
    assert.ok(!isSafeRepoPath('a/../../b'));
    assert.equal(parseOwnerRepo('git@github.com:acme/shop.git'), 'acme/shop');
    assert.equal(parseOwnerRepo('https://github.com/acme/shop'), 'acme/shop');
  });

  it('counts and lists parents: none, one, a merge of two or three; SHA-1 and SHA-256 ids; after the newline git may put first', () => {
    for (const width of [40, 64]) {
      for (const n of [0, 1, 2, 3]) {
        const id = (k: number): string => String(k).repeat(width);
        const parents = Array.from({ length: n }, (_, k) => id(k + 1));
        const record = new LogRecord();
        const buf = Buffer.from(`\n${id(9)}\x1f${parents.join(' ')}\x1fAnn\x1fa@x\x1f2026-01-05T10:00:00+00:00\x1f1767607200\x1fmessage\n`, 'latin1');
        assert.ok(record.reset(buf));
        assert.equal(record.parentCount, n, `${n} parents of width ${width}`);
        assert.deepEqual(record.parents, parents);
        assert.equal(record.sha, id(9));
        assert.equal(record.committed, 1767607200, '%ct as a number');
        assert.equal(record.message, 'message');
      }
    }
  });

  it('splits records across chunks, including a split multi-byte character', () => {
    const rec = Buffer.from('a'.repeat(40) + '\x1f\x1fAnn\x1fa@x\x1f2026-01-05T10:00:00+00:00\x1f1767607200\x1fCaf\u00e9 PAY-1\n', 'utf8');
    const stream = Buffer.concat([rec, Buffer.from([0]), rec, Buffer.from([0])]);
    const seen: string[] = [];
    const s = new RecordSplitter((buf, end) => forEachRecord(buf, end, new LogRecord(), undefined, (r) => seen.push(r.message)));
    const cut = stream.indexOf(Buffer.from('\u00e9')) + 1; // inside the two bytes of é
    for (const part of [stream.subarray(0, cut), stream.subarray(cut, cut + 3), stream.subarray(cut + 3)]) s.push(part);
    s.end();
    assert.deepEqual(seen, ['Caf\u00e9 PAY-1', 'Caf\u00e9 PAY-1']);
  });

  it('hands over every record whole across 64 KB blocks, and the byte prefilter agrees with the decoded message', () => {
    const rand = mulberry32(19);
    const pieces = ['fix ', 'PAY-', 'pay-', 'Pa', 'y-', '#', 'gh-', 'Caf\u00e9 ', '\u212Aey-', '\u0130', '\u{1F600}', '\n', 'x'.repeat(50), 'ordinary text '];
    const messages: string[] = [];
    for (let i = 0; i < 3000; i++) {
      let m = '';
      const n = Math.floor(rand() * 12);
      for (let k = 0; k < n; k++) m += pieces[Math.floor(rand() * pieces.length)];
      messages.push(m.replace(/\n+$/, ''));
    }
    messages[1500] = `${'long body '.repeat(20000)}PAY-7`; // longer than three blocks, the reference at its end
    messages[1501] = 'ends with pa'; // the next record starts with y-: no match across records
    messages[1502] = 'y- starts here';
    const recordOf = (m: string, i: number): Buffer =>
      Buffer.from(`${String(i).padStart(40, '0')}\x1f\x1f${i % 2 ? 'Ann' : 'Pay-roll #2'}\x1fa@x\x1f2026-01-05T10:00:00+00:00\x1f1767607200\x1f${m}\n`, 'utf8');
    const stream = Buffer.concat(messages.flatMap((m, i) => [recordOf(m, i), Buffer.from([0])]));
    const prefilter = /pay-|gh-|#/i;
    const seen: string[] = [];
    const flags: boolean[] = [];
    const s = new RecordSplitter((buf, end) => forEachRecord(buf, end, new LogRecord(), new RegExp(prefilter.source, 'gi'), (r) => {
      seen.push(r.message);
      flags.push(r.mayReference);
    }));
    for (let at = 0; at < stream.length;) {
      const size = 1 + Math.floor(rand() * (rand() < 0.1 ? 200_000 : 5000));
      s.push(stream.subarray(at, at + size));
      at += size;
    }
    s.end();
    assert.equal(seen.length, messages.length);
    assert.deepEqual(seen, messages);
    assert.deepEqual(flags, messages.map((m) => prefilter.test(m)));
    assert.ok(flags.includes(true) && flags.includes(false));
  });
});
