import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo, tempDir, BEN } from './gitRepoFixture';
import { runCli } from './cliRun';

const YAML = `version: 1
project:
  name: Checkout revamp
  start: 2026-01-05
people:
  - id: ana
    email: ana@example.com
milestones:
  - id: beta
    title: Payments API beta
    due: 2026-02-27
    tasks:
      - id: PAY-1
        title: Design payment schema
        estimate: 3d
      - id: PAY-2
        title: Webhooks
        estimate: 1d
        status: in-progress
      - id: PAY-3
        title: Refunds
        estimate: 4h
backlog:
  - id: PAY-40
    title: Idea
`;

/** The fields this test owns; later issues add others next to them. */
function pick(o: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

describe('cli: waymark status', function () {
  this.timeout(30000);
  let repo: TestRepo;
  let shas: Record<string, string>;
  before(() => {
    repo = TestRepo.create();
    shas = {
      plan: repo.commit('Add the plan', { files: { 'project.yml': YAML } }),
      schema: repo.commit('Schema draft PAY-1'),
      close: repo.commit('Closes: PAY-1', { author: BEN }),
      chore: repo.commit('bump deps'),
    };
    repo.git('checkout', '-q', '-b', 'refunds');
    shas.refund = repo.commit('fixes PAY-3 on a branch');
    repo.git('checkout', '-q', 'main');
  });
  after(() => repo.remove());

  it('prints the JSON documented in docs/status-json.md', async () => {
    const r = await runCli(['status', '--json', '--today', '2026-01-20'], repo.dir);
    assert.equal(r.err, '');
    assert.equal(r.code, 0);
    const s = JSON.parse(r.out);
    assert.equal(s.version, 1);
    assert.equal(s.kind, 'status');
    assert.equal(s.today, '2026-01-20');
    assert.equal(s.rule, '50/50');
    // Weights 24 + 8 + 4 = 36; earned 24 (done) + 4 (PAY-2 declared in-progress) + 2 (PAY-3 started on a branch).
    assert.deepEqual(pick(s.project, ['name', 'progress', 'weightHours', 'start']), { name: 'Checkout revamp', progress: Math.round((30 / 36) * 10000) / 10000, weightHours: 36, start: '2026-01-05' });
    assert.deepEqual(pick(s.git, ['available', 'note', 'defaultBranch', 'head', 'shallow', 'warnings']), { available: true, note: null, defaultBranch: 'main', head: repo.git('rev-parse', 'HEAD'), shallow: false, warnings: [] });
    assert.equal(s.unlinkedCommits, 2, "'Add the plan' and 'bump deps'");
    const [beta] = s.milestones;
    for (const k of ['id', 'title', 'due', 'progress', 'weightHours', 'doneTasks', 'totalTasks', 'tasks']) assert.ok(k in beta, k);
    assert.equal(beta.due, '2026-02-27');
    const taskKeys = ['id', 'title', 'status', 'effectiveStatus', 'progress', 'weightHours', 'assignee', 'estimate', 'due', 'commits', 'closedBy', 'actualStart', 'actualFinish'];
    assert.deepEqual(pick(beta.tasks[0], taskKeys), {
      id: 'PAY-1', title: 'Design payment schema', status: 'todo', effectiveStatus: 'done', progress: 1, weightHours: 24,
      assignee: null, estimate: '3d', due: null, commits: [shas.schema, shas.close], closedBy: shas.close,
      actualStart: '2026-01-05', actualFinish: '2026-01-05',
    });
    assert.equal(beta.tasks[2].effectiveStatus, 'in-progress');
    assert.deepEqual(beta.tasks[2].commits, [shas.refund]);
    assert.equal(beta.tasks[2].closedBy, null);
    assert.equal(s.backlog[0].id, 'PAY-40');
    assert.equal(s.backlog[0].progress, 0);
    // The CLI keeps its cache under .git/waymark/.
    assert.ok(readdirSync(join(repo.dir, '.git', 'waymark')).some((f) => /^history-[0-9a-f]{12}\.json$/.test(f)));
  });

  it('applies --rule', async () => {
    const r = await runCli(['status', '--json', '--rule', '0/100', '--today', '2026-01-20'], repo.dir);
    const s = JSON.parse(r.out);
    assert.equal(s.rule, '0/100');
    assert.equal(s.project.progress, Math.round((24 / 36) * 10000) / 10000);
  });

  it('prints a table with bars, without colours off a TTY', async () => {
    const r = await runCli(['status', '--today', '2026-01-20'], repo.dir);
    assert.equal(r.code, 0);
    const lines = r.out.split('\n');
    assert.equal(lines[0], `Checkout revamp  ${'█'.repeat(17)}${'░'.repeat(3)}  83%`);
    assert.equal(lines[1], 'today 2026-01-20 · rule 50/50 · default branch main');
    assert.ok(lines.includes(`beta    Payments API beta  due 2026-02-27  ${'█'.repeat(17)}${'░'.repeat(3)}  83%  1/3 done`), r.out);
    assert.match(r.out, new RegExp(`^  PAY-1   done\\*\\s+█{20} 100%  Design payment schema\\s+\\(declared todo, closed by ${shas.close.slice(0, 7)}\\)$`, 'm'));
    assert.match(r.out, /^Unplanned commits on main since 2026-01-05: 2$/m);
    assert.ok(!r.out.includes('\x1b['));
    const tty = await runCli(['status', '--today', '2026-01-20'], repo.dir, true);
    assert.ok(tty.out.includes('\x1b[32m'), 'done is green on a terminal');
  });

  it('shows declared statuses with a note outside a repository', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'project.yml'), YAML);
    const r = await runCli(['status', '--json', '--today', '2026-01-20'], dir);
    assert.equal(r.code, 0);
    const s = JSON.parse(r.out);
    assert.equal(s.git.available, false);
    assert.match(s.git.note, /is not inside a git repository; showing declared statuses only$/);
    assert.equal(s.milestones[0].tasks[0].effectiveStatus, 'todo');
    assert.equal(s.unlinkedCommits, 0);
    const table = await runCli(['status', '--today', '2026-01-20'], dir);
    assert.match(table.out, /^note: .*not inside a git repository; showing declared statuses only$/m);
    assert.ok(!existsSync(join(dir, '.git')));
  });

  it('reads --file and --repo, and rejects a bad rule and a broken plan', async () => {
    const elsewhere = tempDir();
    const r = await runCli(['status', '--json', '--file', join(repo.dir, 'project.yml'), '--repo', repo.dir, '--today', '2026-01-20'], elsewhere);
    assert.equal(JSON.parse(r.out).git.available, true);
    const bad = await runCli(['status', '--rule', '30/70'], repo.dir);
    assert.equal(bad.code, 2);
    assert.equal(bad.err, "waymark status: --rule takes 50/50, 0/100, 20/80, not '30/70'\n");
    writeFileSync(join(elsewhere, 'project.yml'), 'version: 1\nproject: [unclosed\n');
    const broken = await runCli(['status'], elsewhere);
    assert.equal(broken.code, 1);
    assert.match(broken.err, /^project\.yml:\d+:\d+: error: /m);
  });
});
