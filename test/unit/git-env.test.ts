// The git runner's environment policy, on real repositories: variables a hook
// or a CI runner leaves behind (GIT_DIR, GIT_WORK_TREE, GIT_INDEX_FILE,
// injected config) must not redirect or reconfigure the git Waymark runs, for
// its own processes (the scan, the CLI) and for simple-git's alike.
import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gitEnv } from '../../src/core/git/run';
import { currentBranch, isWorkingTreeClean } from '../../src/core/git/repo';
import { scanHistory } from '../../src/core/git/history';
import { planOf } from './planFixture';
import { TestRepo } from './gitRepoFixture';
import { runCli } from './cliRun';

const YAML = `version: 1
project: { name: Env, start: 2026-01-05 }
milestones:
  - id: m1
    title: One
    tasks:
      - { id: T-1, title: One, estimate: 1d }
`;

/** Runs `f` with `vars` set in this process's environment, then restores it. */
async function withEnv<T>(vars: Record<string, string>, f: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await f();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

describe('git: environment policy', function () {
  this.timeout(30000);
  let ours: TestRepo;
  let other: TestRepo;
  before(() => {
    ours = TestRepo.create('main');
    ours.commit('Add the plan', { files: { 'project.yml': YAML } });
    ours.commit('Fixes T-1');
    other = TestRepo.create('elsewhere');
    other.commit('Unrelated work on T-1', { files: { 'project.yml': YAML, 'dirty.txt': 'a\n' } });
    writeFileSync(join(other.dir, 'dirty.txt'), 'changed\n');
  });
  after(() => { ours.remove(); other.remove(); });

  it('an inherited GIT_DIR does not override --repo (status reads our history)', async () => {
    const expected = ours.git('rev-parse', 'HEAD');
    const r = await withEnv({ GIT_DIR: join(other.dir, '.git'), GIT_WORK_TREE: other.dir, GIT_INDEX_FILE: join(other.dir, '.git', 'index') },
      () => runCli(['status', '--json', '--no-cache', '--repo', ours.dir, '--today', '2026-01-20'], ours.dir));
    assert.equal(r.code, 0, r.err);
    const status = JSON.parse(r.out) as { git: { head: string; defaultBranch: string }; milestones: { tasks: { effectiveStatus: string; commits: string[] }[] }[] };
    assert.equal(status.git.head, expected);
    assert.equal(status.git.defaultBranch, 'main');
    assert.equal(status.milestones[0].tasks[0].effectiveStatus, 'done');
    assert.equal(status.milestones[0].tasks[0].commits.length, 1);
  });

  it('simple-git operations read the folder they are given, not GIT_DIR / GIT_WORK_TREE', async () => {
    await withEnv({ GIT_DIR: join(other.dir, '.git'), GIT_WORK_TREE: other.dir }, async () => {
      assert.equal(await currentBranch(ours.dir), 'main');
      assert.equal(await isWorkingTreeClean(ours.dir), true);
    });
    // Variables simple-git refuses to run with, or did in earlier versions, as extension hosts often have them.
    await withEnv({ EDITOR: 'vi', PAGER: 'less', GIT_PAGER: 'less', GIT_SSL_CAINFO: '/nonexistent.pem', GIT_CONFIG_GLOBAL: '/dev/null', PREFIX: '/usr' }, async () => {
      assert.equal(await currentBranch(ours.dir), 'main');
    });
  });

  it('config injected through the environment does not reach git', async () => {
    // A mailmap that renames Ana: %aN/%aE honour mailmap.file, so injected config would show in the scan.
    const mailmap = join(other.dir, 'mailmap');
    writeFileSync(mailmap, 'Mallory <mallory@example.com> <ana@example.com>\n');
    const plan = planOf(YAML);
    for (const vars of <Record<string, string>[]>[
      { GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'mailmap.file', GIT_CONFIG_VALUE_0: mailmap },
      { GIT_CONFIG_PARAMETERS: `'mailmap.file'='${mailmap}'` },
    ]) {
      const scan = await withEnv(vars, () => scanHistory(ours.dir, plan));
      assert.deepEqual(scan.commits.map((c) => [c.authorName, c.authorEmail]), [['Ana Souza', 'ana@example.com']], JSON.stringify(vars));
    }
  });

  it('keeps the rest of the environment and adds the fixed settings', () => {
    const env = gitEnv();
    assert.equal(env.PATH, process.env.PATH);
    assert.deepEqual([env.GIT_TERMINAL_PROMPT, env.GIT_OPTIONAL_LOCKS, env.LC_ALL, env.GIT_FLUSH], ['0', '0', 'C', undefined]);
    assert.equal(gitEnv({ streamed: true }).GIT_FLUSH, '0');
  });
});
