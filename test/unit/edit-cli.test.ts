// The CLI's editing verbs and `list` on a real project.yml: minimal edits,
// exit codes, the versioned --json envelope, empty stdout on error.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo, tempDir } from './gitRepoFixture';
import { runCli } from './cliRun';
import { planOf } from './planFixture';

const PLAN = `version: 1
project:
  name: Verbs
  key: PAY
people:
  - id: ana
    email: ana@example.com
milestones:
  - id: beta
    title: Beta
    tasks:
      - id: PAY-1
        title: Schema   # keep me
        estimate: 2d
      - id: PAY-2
        title: API
        depends: [PAY-1]
backlog:
  - { id: PAY-3, title: Idea }
sprints:
  - { id: S1, start: 2026-01-05, end: 2026-01-16, tasks: [PAY-3] }
`;

describe('cli: editing verbs and list', function () {
  this.timeout(60000);
  let dir: string;
  const file = () => join(dir, 'project.yml');
  const text = () => readFileSync(file(), 'utf8');
  const run = (...argv: string[]) => runCli(argv, dir);
  beforeEach(() => { dir = tempDir('waymark-verbs-'); writeFileSync(file(), PLAN); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('add prints the next free id and appends in the list\'s style', async () => {
    const r = await run('add', 'Refunds', '--milestone', 'beta', '--assignee', 'ana', '--estimate', '3d', '--depends', 'PAY-1,PAY-2', '--tags', 'api,money');
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, 'PAY-4\n');
    assert.ok(text().includes('      - id: PAY-4\n        title: Refunds\n        assignee: ana\n        estimate: 3d\n        depends: [PAY-1, PAY-2]\n        tags: [api, money]\n'), text());
    const b = await run('add', 'Later', '--backlog', '--id', 'X-1', '--json');
    assert.equal(b.code, 0, b.err);
    assert.deepEqual(JSON.parse(b.out), { version: 1, kind: 'edit', command: 'add', file: 'project.yml', id: 'X-1', changed: true, summary: 'X-1: added to the backlog', warnings: [] });
    assert.ok(text().includes('  - { id: PAY-3, title: Idea }\n  - { id: X-1, title: Later }\n'), text());
  });

  it('set changes one field, including title and description; a bad value is refused with empty stdout', async () => {
    assert.equal((await run('set', 'PAY-1', 'estimate', '5d')).code, 0);
    assert.equal((await run('set', 'PAY-1', 'description', 'Two words')).code, 0);
    assert.equal((await run('set', 'PAY-2', 'title', 'Public API')).code, 0);
    assert.equal(text(), PLAN.replace('estimate: 2d', 'estimate: 5d\n        description: Two words').replace('title: API', 'title: Public API'));
    const bad = await run('set', 'PAY-1', 'status', 'finished', '--json');
    assert.equal(bad.code, 1);
    assert.equal(bad.out, '');
    assert.match(bad.err, /'finished' is not a status/);
    const field = await run('set', 'PAY-1', 'colour', 'red');
    assert.equal(field.code, 2);
    assert.equal(field.out, '');
  });

  it('move takes a task to the backlog with its comment', async () => {
    const r = await run('move', 'PAY-1', 'backlog');
    assert.equal(r.code, 0, r.err);
    assert.equal(planOf(text()).backlog.map((t) => t.id).join(), 'PAY-3,PAY-1');
    assert.ok(text().includes('title: Schema   # keep me'));
  });

  it('remove refuses while others refer to the task and names them; --force removes it', async () => {
    const refused = await run('remove', 'PAY-1');
    assert.equal(refused.code, 1);
    assert.equal(refused.out, '');
    assert.match(refused.err, /PAY-1 is referred to by PAY-2; change those first, or use --force/);
    assert.equal(text(), PLAN);
    const sprint = await run('remove', 'PAY-3');
    assert.match(sprint.err, /referred to by S1/);
    const forced = await run('remove', 'PAY-1', '--force');
    assert.equal(forced.code, 0, forced.err);
    assert.equal(planOf(text()).byId.has('PAY-1'), false);
  });

  it('depend and undepend edit the depends list; undepend of the last entry removes the key', async () => {
    assert.equal((await run('depend', 'PAY-2', 'PAY-3')).code, 0);
    assert.ok(text().includes('depends: [PAY-1, PAY-3]'));
    const cycle = await run('depend', 'PAY-1', 'PAY-2');
    assert.equal(cycle.code, 1);
    assert.match(cycle.err, /cycle/);
    assert.equal((await run('undepend', 'PAY-2', 'PAY-1')).code, 0);
    assert.ok(text().includes('depends: [PAY-3]'), text());
    assert.equal((await run('undepend', 'PAY-2', 'PAY-3')).code, 0);
    assert.equal(text(), PLAN.replace('        depends: [PAY-1]\n', ''));
  });

  it('list filters by milestone, assignee and status, and prints a versioned JSON envelope', async () => {
    await run('set', 'PAY-2', 'assignee', 'ana');
    const beta = await run('list', '--milestone', 'beta');
    assert.equal(beta.out.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0]).join(), 'PAY-1,PAY-2');
    const json = JSON.parse((await run('list', '--assignee', 'ana', '--status', 'todo', '--json')).out) as { version: number; kind: string; tasks: { id: string; milestone: string | null }[] };
    assert.equal(json.version, 1);
    assert.equal(json.kind, 'tasks');
    assert.deepEqual(json.tasks.map((t) => [t.id, t.milestone]), [['PAY-2', 'beta']]);
    const bad = await run('list', '--status', 'nope');
    assert.equal(bad.code, 2);
    assert.equal(bad.out, '');
  });

  it('list --mine matches git config user.email to a person', async () => {
    const repo = TestRepo.create();
    try {
      writeFileSync(join(repo.dir, 'project.yml'), PLAN.replace('title: API', 'title: API\n        assignee: ana'));
      repo.git('config', 'user.email', 'Ana@Example.com');
      const r = await runCli(['list', '--mine'], repo.dir);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.out.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0]).join(), 'PAY-2');
    } finally {
      repo.remove();
    }
  });
});
