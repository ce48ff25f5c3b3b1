import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, linkSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findPlanFile, PlanFileError, readPlanFile, readPlanFileSync, replaceFile, writeIfUnchanged } from '../../src/core/planFile';
import { setStatus } from '../../src/core/edit';
import { tempDir } from './gitRepoFixture';

const PLAN = 'version: 1\nproject: {name: X}\nmilestones:\n  - id: m\n    title: M\n    tasks:\n      - id: A\n        title: a\n        status: todo\n';

describe('planFile', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('waymark-pf-'); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('reads bytes into a ParsedPlan that edits accept', async () => {
    const file = join(dir, 'project.yml');
    writeFileSync(file, PLAN);
    const p = await readPlanFile(file);
    assert.equal(p.path, file);
    assert.equal(p.bytes.length, PLAN.length);
    assert.equal(p.plan!.tasks[0].id, 'A');
    const r = setStatus(p, 'A', 'done');
    assert.ok(r.ok);
    assert.equal(readPlanFileSync(file).version, p.version);
  });

  it('writes only when the file is unchanged, keeping a BOM', async () => {
    const file = join(dir, 'project.yml');
    writeFileSync(file, `\ufeff${PLAN}`);
    const p = await readPlanFile(file);
    const r = setStatus(p, 'A', 'done');
    if (!r.ok) assert.fail(r.reason);
    const w = await writeIfUnchanged(file, p.version, r.edits);
    assert.equal(w.ok, true);
    assert.equal(readFileSync(file, 'utf8'), `\ufeff${PLAN.replace('status: todo', 'status: done')}`);
    // Second write with the stale version: refused, file untouched.
    const again = await writeIfUnchanged(file, p.version, r.edits);
    assert.deepEqual(again, { ok: false, reason: 'project.yml changed since Waymark read it; reload it and try again.' });
    assert.equal(readFileSync(file, 'utf8'), `\ufeff${PLAN.replace('status: todo', 'status: done')}`);
  });

  it('replaces the file whole (temporary file + rename): keeps its mode, follows a symlink, leaves nothing behind', async () => {
    const real = join(dir, 'plans', 'project.yml');
    mkdirSync(join(dir, 'plans'));
    writeFileSync(real, PLAN);
    chmodSync(real, 0o640);
    const link = join(dir, 'project.yml');
    symlinkSync(real, link);
    const before = statSync(real).ino;
    await replaceFile(link, Buffer.from(PLAN.replace('todo', 'done')));
    assert.equal(readFileSync(real, 'utf8'), PLAN.replace('todo', 'done'));
    assert.ok(lstatSync(link).isSymbolicLink(), 'the link is still a link');
    assert.equal(statSync(real).mode & 0o777, 0o640, 'permissions kept');
    assert.notEqual(statSync(real).ino, before, 'a new file was renamed into place, not the old one rewritten');
    assert.deepEqual(readdirSync(join(dir, 'plans')), ['project.yml'], 'no temporary file left');
  });

  it('a reader never sees a partly written plan', async () => {
    const file = join(dir, 'project.yml');
    const big = `${PLAN}${'# padding line to make the write take a while\n'.repeat(200_000)}`;
    writeFileSync(file, big);
    const next = big.replace('status: todo', 'status: done');
    let reads = 0;
    let torn = 0;
    let done = false;
    const reader = (async () => {
      while (!done) {
        const text = readFileSync(file, 'utf8');
        reads++;
        if (text !== big && text !== next) torn++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    for (let i = 0; i < 5; i++) await replaceFile(file, Buffer.from(i % 2 ? big : next));
    done = true;
    await reader;
    assert.ok(reads > 0);
    assert.equal(torn, 0, `${torn} of ${reads} reads saw a partial file`);
  });

  it('reports I/O problems as PlanFileError with a plain message', async () => {
    await assert.rejects(readPlanFile(join(dir, 'nope.yml')), (e: unknown) => e instanceof PlanFileError && e.message === `${join(dir, 'nope.yml')}: no such file`);
    const w = await writeIfUnchanged(join(dir, 'nope.yml'), 'x', []);
    assert.deepEqual(w, { ok: false, reason: `${join(dir, 'nope.yml')}: no such file` });
  });

  it('does not read a file over the size cap', async () => {
    const file = join(dir, 'project.yml');
    writeFileSync(file, 'x'.repeat(5000));
    const p = await readPlanFile(file, { maxBytes: 4096 });
    assert.equal(p.bytes.length, 0);
    assert.equal(p.diagnostics[0].code, 'too-large');
    assert.equal(p.diagnostics[0].message, 'project.yml is 4.9 KB; Waymark reads plan files up to 4.0 KB, so this one was not parsed.');
  });

  it('finds project.yml in the folder or the nearest parent', () => {
    writeFileSync(join(dir, 'project.yml'), PLAN);
    mkdirSync(join(dir, 'a', 'b'), { recursive: true });
    assert.equal(findPlanFile(join(dir, 'a', 'b')), join(dir, 'project.yml'));
    writeFileSync(join(dir, 'a', 'project.yml'), PLAN);
    assert.equal(findPlanFile(join(dir, 'a', 'b')), join(dir, 'a', 'project.yml'));
    mkdirSync(join(dir, 'a', 'b', 'project.yml'));
    assert.equal(findPlanFile(join(dir, 'a', 'b')), join(dir, 'a', 'project.yml'), 'a folder named project.yml is not the plan');
  });

  async function doneEdit(file: string) {
    const p = await readPlanFile(file);
    const r = setStatus(p, 'A', 'done');
    if (!r.ok) assert.fail(r.reason);
    return writeIfUnchanged(file, p.version, r.edits);
  }

  it('refuses to edit a read-only plan, and leaves it as it was', async () => {
    const file = join(dir, 'project.yml');
    writeFileSync(file, PLAN);
    chmodSync(file, 0o444);
    const ino = statSync(file).ino;
    const w = await doneEdit(file);
    assert.deepEqual(w, { ok: false, reason: `${file} is read-only; Waymark does not change a file you cannot write.` });
    assert.equal(readFileSync(file, 'utf8'), PLAN);
    assert.equal(statSync(file).mode & 0o777, 0o444);
    assert.equal(statSync(file).ino, ino);
  });

  it('keeps hard links: a plan with several links is rewritten in place', async () => {
    const file = join(dir, 'project.yml');
    const other = join(dir, 'linked.yml');
    writeFileSync(file, PLAN);
    linkSync(file, other);
    const ino = statSync(file).ino;
    assert.equal((await doneEdit(file)).ok, true);
    assert.equal(statSync(file).ino, ino, 'same file');
    assert.equal(readFileSync(other, 'utf8'), PLAN.replace('status: todo', 'status: done'), 'the other link sees the edit');
  });

  it('keeps the owner of a plan owned by someone else (written in place)', async function () {
    if (process.getuid?.() !== 0) this.skip(); // only root can hand a file to another user
    const file = join(dir, 'project.yml');
    writeFileSync(file, PLAN);
    chownSync(file, 4321, 4321);
    assert.equal((await doneEdit(file)).ok, true);
    assert.equal(statSync(file).uid, 4321);
    assert.equal(statSync(file).gid, 4321);
    assert.equal(readFileSync(file, 'utf8'), PLAN.replace('status: todo', 'status: done'));
  });

  it('reads only regular files: a FIFO is refused without waiting for a writer', async () => {
    const fifo = join(dir, 'project.yml');
    execFileSync('mkfifo', [fifo]);
    await assert.rejects(readPlanFile(fifo), (e: unknown) => e instanceof PlanFileError && e.message === `${fifo}: is a FIFO (named pipe); Waymark reads only regular files.`);
    assert.throws(() => readPlanFileSync(fifo), /is a FIFO/);
  });

  it('a device, also behind a symlink, is refused (never read until the memory runs out)', async () => {
    const link = join(dir, 'project.yml');
    symlinkSync('/dev/zero', link);
    await assert.rejects(readPlanFile(link), (e: unknown) => e instanceof PlanFileError && e.message === `${link}: is a device; Waymark reads only regular files.`);
    await assert.rejects(readPlanFile('/dev/zero'), /is a device/);
  });
});
