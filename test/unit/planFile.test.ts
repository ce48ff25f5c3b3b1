import * as assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPlanFile, PlanFileError, readPlanFile, readPlanFileSync, writeIfUnchanged } from '../../src/core/planFile';
import { setStatus } from '../../src/core/edit';

const PLAN = 'version: 1\nproject: {name: X}\nmilestones:\n  - id: m\n    title: M\n    tasks:\n      - id: A\n        title: a\n        status: todo\n';

describe('planFile', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'waymark-pf-')); });
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
});
