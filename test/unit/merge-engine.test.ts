// The merge engine's edge cases on real YAML text (the git-level table is in
// merge-driver.test.ts): files added on both sides, lists in flow style that
// receive block entries, nested removals, marker size, BOM, the fallback.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mergePlans } from '../../src/core/merge/merge';
import { tempDir } from './gitRepoFixture';
import { runCli } from './cliRun';
import { planOf } from './planFixture';

const BASE = `version: 1
project:
  name: Edge
milestones:
  - id: a
    title: A
    tasks:
      - id: T-1
        title: One
      - id: T-2
        title: Two
  - id: b
    title: B
    tasks: [{ id: T-3, title: Three }]
`;

function merged(base: string, ours: string, theirs: string): string {
  const r = mergePlans(base, ours, theirs);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.deepEqual(r.conflicts, []);
  return r.text;
}

describe('merge engine: edge cases', () => {
  it('a file added on both sides with the same content merges cleanly', () => {
    assert.equal(merged('', BASE, BASE), BASE);
  });

  it('a block task from THEIRS joins a milestone whose tasks are a flow list, as a flow entry', () => {
    const theirs = BASE.replace('  - id: b\n', '  - id: b\n').replace('      - id: T-2\n        title: Two\n', '');
    const moved = theirs.replace('tasks: [{ id: T-3, title: Three }]', 'tasks: [{ id: T-3, title: Three }, { id: T-2, title: Two }]');
    const ours = BASE.replace('title: One', 'title: Uno');
    const text = merged(BASE, ours, moved);
    const plan = planOf(text);
    assert.deepEqual(plan.milestones.map((m) => m.tasks.map((t) => `${t.id}:${t.title}`)), [['T-1:Uno'], ['T-3:Three', 'T-2:Two']]);
  });

  it('a task THEIRS moved out of a milestone it then removed arrives in its new place', () => {
    const theirs = BASE.replace('  - id: a\n    title: A\n    tasks:\n      - id: T-1\n        title: One\n      - id: T-2\n        title: Two\n', '')
      .replace('tasks: [{ id: T-3, title: Three }]', 'tasks: [{ id: T-3, title: Three }, { id: T-1, title: One }]');
    const ours = BASE.replace('tasks: [{ id: T-3, title: Three }]', 'tasks: [{ id: T-3, title: Drei }]');
    const plan = planOf(merged(BASE, ours, theirs));
    assert.deepEqual(plan.milestones.map((m) => m.id), ['b']);
    assert.deepEqual(plan.tasks.map((t) => `${t.id}:${t.title}`), ['T-3:Drei', 'T-1:One']);
  });

  it('conflict markers take the size git asks for (%L)', () => {
    const r = mergePlans(BASE, BASE.replace('title: One', 'title: Uno'), BASE.replace('title: One', 'title: Eins'), { ours: 'HEAD', theirs: 'feature', size: 10 });
    assert.ok(r.ok);
    assert.ok(r.text.includes('<<<<<<<<<< HEAD\n        title: Uno\n==========\n        title: Eins\n>>>>>>>>>> feature\n'), r.text);
  });

  it('a task without an id is not merged by meaning: the reason says so', () => {
    const r = mergePlans(BASE, BASE.replace('title: One', 'title: Uno'), BASE.replace('      - id: T-2\n', '      - name: T-2\n'));
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.reason, /has no id/);
  });

  it('the driver keeps OURS\' byte order mark and writes the merge into OURS', async () => {
    const dir = tempDir('waymark-driver-');
    try {
      const [b, o, t] = ['b.yml', 'o.yml', 't.yml'].map((f) => join(dir, f));
      writeFileSync(b, BASE);
      writeFileSync(o, `\ufeff${BASE.replace('title: One', 'title: Uno')}`);
      writeFileSync(t, BASE.replace('title: Two', 'title: Zwei'));
      const r = await runCli(['merge-driver', b, o, t, 'project.yml'], dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out, '');
      assert.equal(readFileSync(o, 'utf8'), `\ufeff${BASE.replace('title: One', 'title: Uno').replace('title: Two', 'title: Zwei')}`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
