// project.yml's revision list kept in .git/waymark (planRevisionsCache.ts):
// after every kind of HEAD move the kept list must equal a full walk.
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo, tempDir } from './gitRepoFixture';
import { listPlanRevisions, listPlanRevisionsOf } from '../../src/core/git/planHistory';
import { listPlanRevisionsCached } from '../../src/core/git/planRevisionsCache';

describe('plan revisions cache', function () {
  this.timeout(30000);
  let repo: TestRepo;
  const cacheFile = (gitDir: string): string => join(gitDir, 'waymark', 'revisions-test.json');
  let v = 0;
  const planEdit = (msg: string): string => repo.commit(msg, { files: { 'project.yml': `version: 1\n# revision ${++v}\n` } });
  const other = (msg: string): string => repo.commit(msg, { files: { 'notes.txt': `${++v}\n` } });

  /** The cached list, checked against a full walk. */
  async function cached(): Promise<string> {
    const r = await listPlanRevisionsCached(repo.dir, 'project.yml', cacheFile);
    assert.deepEqual(r.infos, await listPlanRevisions(repo.dir, 'project.yml'));
    return r.source;
  }

  beforeEach(() => {
    repo = TestRepo.create();
    planEdit('Plan');
    other('Code');
    planEdit('Plan again');
  });
  afterEach(() => repo.remove());

  it('walks once, then keeps the list while HEAD stays', async () => {
    assert.equal(await cached(), 'full');
    assert.equal(await cached(), 'hit');
  });

  it('adds only the new commits when HEAD moved forward in a line', async () => {
    await cached();
    other('More code');
    planEdit('Plan: a task added');
    assert.equal(await cached(), 'incremental');
    other('Code only');
    assert.equal(await cached(), 'incremental');
  });

  it('walks in full after a merge, a reset back, an amend, and a damaged file', async () => {
    await cached();
    repo.git('checkout', '-q', '-b', 'side');
    planEdit('Plan on a branch');
    repo.git('checkout', '-q', 'main');
    other('Code on main');
    repo.merge('side', 'Merge branch side');
    assert.equal(await cached(), 'full', 'a merge');
    repo.git('reset', '-q', '--hard', 'HEAD~2');
    assert.equal(await cached(), 'full', 'HEAD moved back');
    repo.git('commit', '-q', '--amend', '-m', 'Reworded');
    assert.equal(await cached(), 'full', 'HEAD rewritten');
    writeFileSync(cacheFile(join(repo.dir, '.git')), '{"format":1,"path":"project.yml","head":"--upload-pack=x","revisions":[]}');
    assert.equal(await cached(), 'full', 'a kept HEAD that is no sha is ignored');
    writeFileSync(cacheFile(join(repo.dir, '.git')), '{ damaged');
    assert.equal(await cached(), 'full', 'a damaged file');
    assert.equal(await cached(), 'hit');
  });

  it('does not take another file\'s list', async () => {
    await listPlanRevisionsCached(repo.dir, 'notes.txt', cacheFile);
    assert.equal(await cached(), 'full');
  });
});

describe('plan revisions: one walk for readers of the same commit at the same time', function () {
  this.timeout(30000);
  let repo: TestRepo;
  let dir: string;
  let log: string;
  let gitPath: string;
  before(() => {
    repo = TestRepo.create();
    repo.commit('Plan', { files: { 'project.yml': 'version: 1\n' } });
    repo.commit('Code', { files: { 'notes.txt': 'x\n' } });
    repo.commit('Plan again', { files: { 'project.yml': 'version: 1\n# more\n' } });
    // A git that notes each path-limited walk, then runs.
    dir = tempDir();
    log = join(dir, 'walks');
    gitPath = join(dir, 'git');
    const real = spawnSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).stdout.trim();
    writeFileSync(gitPath, `#!/bin/sh\ncase "$*" in *" -- :(top,literal)project.yml"*) echo walk >> "${log}";; esac\nexec "${real}" "$@"\n`, { mode: 0o755 });
  });
  after(() => { repo.remove(); rmSync(dir, { recursive: true, force: true }); });
  const walks = (): number => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean).length : 0);

  it('shares a walk of full commit ids while it runs, and walks again after it (a shallow clone may have deepened)', async () => {
    const head = repo.git('rev-parse', 'HEAD');
    const [a, b] = await Promise.all([listPlanRevisionsOf(repo.dir, 'project.yml', [head], gitPath), listPlanRevisionsOf(repo.dir, 'project.yml', [head], gitPath)]);
    assert.equal(walks(), 1, 'the site reads HEAD\'s revisions for the sprints and the postmortems side by side');
    assert.deepEqual(a, b);
    assert.notEqual(a, b, 'each reader gets its own list');
    assert.deepEqual(a.map((i) => i.subject), ['Plan', 'Plan again']);
    await listPlanRevisionsOf(repo.dir, 'project.yml', [head], gitPath);
    assert.equal(walks(), 2, 'a walk that ended is not reused');
    // A symbolic name can move between two calls: never shared.
    await Promise.all([listPlanRevisionsOf(repo.dir, 'project.yml', ['HEAD'], gitPath), listPlanRevisionsOf(repo.dir, 'project.yml', ['HEAD'], gitPath)]);
    assert.equal(walks(), 4);
  });
});
