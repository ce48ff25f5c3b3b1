// git's log output through a private temporary file (spool.ts): the same
// records as through a pipe, read while the file grows, and no file left
// behind however the log ends.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { streamLog, type RawCommit } from '../../src/core/git/logStream';
import { followSpool, openSpool, releaseWriter } from '../../src/core/git/spool';
import { GitError } from '../../src/core/git/run';
import { TestRepo, tempDir } from './gitRepoFixture';

/** Runs `fn` with os.tmpdir() pointed at `dir` (it reads TMPDIR on every call). */
async function withTmpdir<T>(dir: string, fn: () => Promise<T>): Promise<T> {
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = dir;
  try {
    return await fn();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
  }
}

describe('git: log output spooled through a temporary file', function () {
  this.timeout(60000);
  let r: TestRepo;
  let tmp: string;
  let tip: string;
  before(() => {
    r = TestRepo.create();
    // ~1.5 MB of log: many of the reader's 256 KB reads, records cut at every boundary.
    for (let i = 0; i < 300; i++) r.commit(`PAY-${i} change ${i}\n\n${`body line ${i} `.repeat(300)}\u00e9`);
    tip = r.git('rev-parse', 'HEAD');
  });
  beforeEach(() => { tmp = tempDir('waymark-spool-'); });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));
  after(() => r.remove());

  const readAll = (): Promise<RawCommit[]> => {
    const seen: RawCommit[] = [];
    return streamLog(r.dir, [tip], (c) => { seen.push(c); }, { spool: true }).then(() => seen);
  };

  it('reads the same commits as through a pipe, and leaves no file behind', async () => {
    const spooled = await withTmpdir(tmp, readAll);
    assert.deepEqual(readdirSync(tmp), []);
    // A temporary folder that does not exist: no file can be made, so git writes into a pipe.
    const piped = await withTmpdir(join(tmp, 'missing'), readAll);
    assert.equal(spooled.length, 300);
    assert.deepEqual(spooled, piped);
    assert.equal(spooled[0].message.endsWith('\u00e9'), true);
  });

  it('leaves no file behind when git fails, is missing, or the reader stops early', async () => {
    await withTmpdir(tmp, async () => {
      await assert.rejects(streamLog(r.dir, ['no-such-branch'], () => undefined, { spool: true }), (e: unknown) => e instanceof GitError);
      await assert.rejects(streamLog(r.dir, [tip], () => undefined, { gitPath: join(tmp, 'no-git'), spool: true }), (e: unknown) => e instanceof GitError && e.kind === 'git-missing');
      let n = 0;
      await assert.rejects(streamLog(r.dir, [tip], () => { if (++n === 5) throw new Error('consumer stops'); }, { spool: true }), /consumer stops/);
      assert.equal(n, 5, 'no record after the consumer failed');
    });
    assert.deepEqual(readdirSync(tmp), []);
  });

  it('follows a file that grows while it is read, to the writer\'s last byte', async () => {
    const spool = await withTmpdir(tmp, async () => openSpool());
    assert.ok(spool);
    // A writer that pauses between its parts, so the reader catches up and waits twice.
    const script = "const w=(s)=>process.stdout.write(s);w('a'.repeat(300000));setTimeout(()=>{w('b'.repeat(10));setTimeout(()=>w('c'),30)},30)";
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', spool.writeFd!, 'pipe'] });
    releaseWriter(spool);
    const parts: string[] = [];
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    const code = await new Promise<number | null | undefined>((resolve, reject) => {
      followSpool(spool, closed, (chunk) => parts.push(chunk.toString('latin1')), (c, error) => (error ? reject(error) : resolve(c)), () => child.kill());
    });
    assert.equal(code, 0);
    assert.equal(parts.join(''), `${'a'.repeat(300000)}${'b'.repeat(10)}c`);
    assert.ok(parts.length >= 3, 'read in several parts as the file grew');
    assert.deepEqual(readdirSync(tmp), [], 'closed and removed');
  });
});
