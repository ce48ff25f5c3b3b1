// Merged branches close tasks: a merge commit of a branch named after the
// task, a GitHub pull-request merge, a squash merge with the PR number; a
// revert does not reopen; the rule can be turned off in project.yml.
import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo } from './gitRepoFixture';
import { runCli } from './cliRun';
import { generatePostmortem } from '../../src/core/report/generate';
import type { LinkSettings } from '../../src/core/report/releaseCommits';
import { parsePlan } from '../../src/core/parse';
import { scanHistory } from '../../src/core/git/history';
import { computeProgress } from '../../src/core/progress';

const plan = (extra = ''): string => `version: 1
project:
  name: Merges
  start: 2026-01-05
${extra}milestones:
  - id: m1
    title: One
    tasks:
      - { id: RET-1, title: Branch merge, estimate: 1d }
      - { id: RET-12, title: PR merge, estimate: 1d }
      - { id: RET-123, title: Longer id, estimate: 1d }
      - { id: RET-3, title: Squash, estimate: 1d }
      - { id: RET-4, title: Mentioned in a PR title only, estimate: 1d }
      - { id: RET-5, title: Closing word, estimate: 1d }
      - { id: RET-6, title: Merged then reverted, estimate: 1d }
      - { id: RET-7, title: Issue 41, estimate: 1d, issue: 41 }
`;

describe('merged branches close tasks', function () {
  this.timeout(30000);
  let repo: TestRepo;
  const shas: Record<string, string> = {};
  before(() => {
    repo = TestRepo.create();
    repo.commit('Plan', { files: { 'project.yml': plan() } });
    for (const [branch, key] of [['RET-1-schema', 'one'], ['feature/RET-12-photo-upload', 'twelve'], ['RET-6-oops', 'six']] as const) {
      repo.git('checkout', '-q', '-b', branch);
      repo.commit(`Work on ${branch}`); // names no task: only the merge can close it
      repo.git('checkout', '-q', 'main');
      shas[key] = key === 'twelve'
        ? repo.merge(branch, 'Merge pull request #45 from org/feature/RET-12-photo-upload\n\nPhoto upload')
        : repo.merge(branch, `Merge branch '${branch}'`);
    }
    shas.revert = repo.commit(`Revert "Merge branch 'RET-6-oops'"`);
    shas.squash = repo.commit('Eligibility rules for RET-3 (#46)');
    repo.commit('RET-4 tidy-ups, see the PR #47 discussion');
    shas.word = repo.commit('Fixes RET-5 (#48)');
    repo.commit('Carrier client for labels (#41)'); // #41 is RET-7's issue, not a squash of RET-7
  });
  after(() => repo.remove());

  async function tasks(): Promise<Record<string, { effectiveStatus: string; closedBy: string | null; closedByRule: string | null }>> {
    const r = await runCli(['status', '--json', '--today', '2026-01-06', '--no-cache'], repo.dir);
    assert.equal(r.code, 0, r.err);
    return Object.fromEntries(JSON.parse(r.out).milestones[0].tasks.map((t: { id: string }) => [t.id, t]));
  }

  it('closes by the merged branch, the pull request and the squash merge, and says which rule closed it', async () => {
    const t = await tasks();
    assert.deepEqual([t['RET-1'].effectiveStatus, t['RET-1'].closedBy, t['RET-1'].closedByRule], ['done', shas.one, 'merged-branch']);
    assert.deepEqual([t['RET-12'].effectiveStatus, t['RET-12'].closedBy, t['RET-12'].closedByRule], ['done', shas.twelve, 'merged-branch']);
    assert.deepEqual([t['RET-3'].effectiveStatus, t['RET-3'].closedBy, t['RET-3'].closedByRule], ['done', shas.squash, 'squash-merge']);
    assert.deepEqual([t['RET-5'].closedBy, t['RET-5'].closedByRule], [shas.word, 'closing-word'], 'a closing word keeps its rule');
  });

  it('the history cache keeps which rule closed: a cached run says the same', async () => {
    for (let run = 0; run < 2; run++) {
      const r = await runCli(['status', '--json', '--today', '2026-01-06'], repo.dir); // cold, then from the cache
      const rules = JSON.parse(r.out).milestones[0].tasks.map((t: { closedByRule: string | null }) => t.closedByRule);
      assert.deepEqual(rules, ['merged-branch', 'merged-branch', null, 'squash-merge', null, 'closing-word', 'merged-branch', null], `run ${run}`);
    }
  });

  it('needs the id as a whole token of the branch, and a PR number at the end of the subject', async () => {
    const t = await tasks();
    assert.equal(t['RET-123'].effectiveStatus, 'todo', 'RET-12-photo-upload is not RET-123, RET-1-schema not RET-123');
    assert.equal(t['RET-4'].effectiveStatus, 'in-progress', 'a PR number inside the subject is not a squash merge');
    assert.deepEqual([t['RET-7'].effectiveStatus, t['RET-7'].closedBy], ['in-progress', null], 'the trailing (#N) alone names no task to close');
  });

  it('a revert does not reopen: the merge still closed the task (commits raise a status, never lower it)', async () => {
    const t = await tasks();
    assert.deepEqual([t['RET-6'].effectiveStatus, t['RET-6'].closedBy], ['done', shas.six]);
  });

  it('the postmortem closes by the same rules: the merged branch, the pull request and the squash merge', async () => {
    // The postmortem links the release's commits itself; it used only ids and closing words, so RET-1, RET-12
    // and RET-3 read as not done there while status said done.
    const r = await runCli(['postmortem', 'm1', '--json', '--today', '2026-01-06'], repo.dir);
    assert.equal(r.code, 0, r.err);
    const work = Object.fromEntries(JSON.parse(r.out).work.map((w: { id: string; status: string; closedBy?: string | null }) => [w.id, [w.status, w.closedBy ?? null]]));
    const status = await tasks();
    for (const id of ['RET-1', 'RET-12', 'RET-3', 'RET-5', 'RET-6', 'RET-123', 'RET-4', 'RET-7']) {
      assert.deepEqual(work[id], [status[id].effectiveStatus, status[id].closedBy], id);
    }
    assert.deepEqual(work['RET-1'], ['done', shas.one]);
  });

  it('a postmortem takes the linking settings of its caller (VS Code\'s waymark.closingWords and waymark.closeOnMerge)', async () => {
    const planFile = join(repo.dir, 'project.yml');
    const work = async (link?: LinkSettings): Promise<Record<string, string>> => {
      const r = await generatePostmortem({ repoDir: repo.dir, planFile, planText: readFileSync(planFile), milestoneId: 'm1', today: '2026-01-06', link });
      return Object.fromEntries(r.data.work.map((w) => [w.id, w.status]));
    };
    const plain = await work();
    assert.deepEqual([plain['RET-1'], plain['RET-5']], ['done', 'done']);
    // Only "resolves" closes, and merges do not: RET-1 (merged branch) and RET-5 ("Fixes RET-5") stay open.
    const set = await work({ closingWords: ['resolves'], closeOnMerge: false });
    assert.notEqual(set['RET-1'], 'done');
    assert.notEqual(set['RET-5'], 'done');
    // Status with the same settings says the same, task by task.
    const planParsed = parsePlan(readFileSync(planFile)).plan!;
    const progress = computeProgress(planParsed, await scanHistory(repo.dir, planParsed, { closingWords: ['resolves'], closeOnMerge: false }), '50/50');
    for (const id of Object.keys(set)) assert.equal(set[id], progress.tasks.get(id)!.effective, id);
  });

  it('project.closeOnMerge: false turns the rule off (closing words still close)', async () => {
    writeFileSync(join(repo.dir, 'project.yml'), plan('  closeOnMerge: false\n'));
    try {
      const t = await tasks();
      assert.equal(t['RET-1'].effectiveStatus, 'todo');
      assert.equal(t['RET-3'].effectiveStatus, 'in-progress');
      assert.equal(t['RET-5'].effectiveStatus, 'done');
    } finally {
      writeFileSync(join(repo.dir, 'project.yml'), plan());
    }
  });
});

describe('merged branches close tasks: merged-in commits all on a task branch', function () {
  this.timeout(30000);
  const PLAN = `version: 1
project:
  name: Merged-in
  start: 2026-01-05
milestones:
  - id: m1
    title: One
    tasks:
      - { id: RET-1, title: Edited merge message, estimate: 1d }
      - { id: RET-2, title: Message names another branch, estimate: 1d }
      - { id: RET-5, title: Branched from RET-1 later, estimate: 1d }
      - { id: RET-6, title: Merged then reverted, estimate: 1d }
      - { id: RET-7, title: Branch deleted, estimate: 1d }
      - { id: RET-8, title: Commits on an untitled branch, estimate: 1d }
`;
  let repo: TestRepo;
  const shas: Record<string, string> = {};
  /** A branch off main with two commits that name no task, merged back with `message`. */
  const branchAndMerge = (branch: string, message: string): string => {
    repo.git('checkout', '-q', '-b', branch);
    repo.commit(`First step on ${branch.replace(/RET-\d+/, 'the task')}`, { files: { [`${branch.replace(/\//g, '-')}.txt`]: 'work\n' } });
    repo.commit('Second step');
    repo.git('checkout', '-q', 'main');
    return repo.merge(branch, message);
  };
  before(() => {
    repo = TestRepo.create();
    repo.commit('Plan', { files: { 'project.yml': PLAN } });
    shas.one = branchAndMerge('RET-1-photo-upload', 'Photo upload, reviewed by Ben');
    shas.two = branchAndMerge('feature/RET-2-labels', 'Merge pull request #50 from org/wip');
    // RET-5's branch starts where RET-1's ends and is never merged: RET-1's merge is RET-1's, not RET-5's.
    repo.git('checkout', '-q', '-b', 'RET-5-next', 'RET-1-photo-upload');
    repo.commit('Follow-up work');
    repo.git('checkout', '-q', 'main');
    shas.six = branchAndMerge('RET-6-oops', 'Risky change');
    repo.git('revert', '--no-commit', '-m', '1', shas.six); // a real revert, committed in the fixture's clock order
    repo.commit(`Revert "Risky change"\n\nThis reverts commit ${shas.six}.`);
    shas.seven = branchAndMerge('RET-7-gone', 'Cleanup');
    repo.git('branch', '-q', '-D', 'RET-7-gone');
    repo.git('checkout', '-q', '-b', 'misc');
    repo.commit('RET-8 groundwork');
    repo.git('checkout', '-q', 'main');
    repo.merge('misc', 'Assorted fixes');
  });
  after(() => repo.remove());

  async function tasks(args: string[] = ['--no-cache']): Promise<Record<string, { effectiveStatus: string; closedBy: string | null; closedByRule: string | null }>> {
    const r = await runCli(['status', '--json', '--today', '2026-01-06', ...args], repo.dir);
    assert.equal(r.code, 0, r.err);
    return Object.fromEntries(JSON.parse(r.out).milestones[0].tasks.map((t: { id: string }) => [t.id, t]));
  }

  it('a merge with an edited message closes the task whose branch holds every merged-in commit', async () => {
    const t = await tasks();
    assert.deepEqual([t['RET-1'].effectiveStatus, t['RET-1'].closedBy, t['RET-1'].closedByRule], ['done', shas.one, 'merged-branch']);
    assert.deepEqual([t['RET-2'].effectiveStatus, t['RET-2'].closedBy, t['RET-2'].closedByRule], ['done', shas.two, 'merged-branch'], 'the message names another branch');
  });

  it('the nearest branch names the merge: a branch started later from RET-1\'s is not closed by RET-1\'s merge', async () => {
    const t = await tasks();
    assert.deepEqual([t['RET-5'].effectiveStatus, t['RET-5'].closedBy], ['todo', null]);
  });

  it('a merged then reverted branch stays closed (commits raise a status, never lower it)', async () => {
    const t = await tasks();
    assert.deepEqual([t['RET-6'].effectiveStatus, t['RET-6'].closedBy], ['done', shas.six]);
  });

  it('needs the branch: a deleted one leaves only the message, and commits on a branch named after no task do not close', async () => {
    const t = await tasks();
    assert.deepEqual([t['RET-7'].effectiveStatus, t['RET-7'].closedBy], ['todo', null]);
    assert.deepEqual([t['RET-8'].effectiveStatus, t['RET-8'].closedBy], ['in-progress', null]);
  });

  it('the same with the history cache, cold and warm, and off with closeOnMerge: false', async () => {
    for (let run = 0; run < 2; run++) {
      const t = await tasks([]);
      assert.deepEqual(['RET-1', 'RET-2', 'RET-6'].map((id) => t[id].closedBy), [shas.one, shas.two, shas.six], `run ${run}`);
    }
    writeFileSync(join(repo.dir, 'project.yml'), PLAN.replace('  start: 2026-01-05\n', '  start: 2026-01-05\n  closeOnMerge: false\n'));
    try {
      const t = await tasks();
      assert.deepEqual(['RET-1', 'RET-2', 'RET-6'].map((id) => t[id].effectiveStatus), ['todo', 'todo', 'todo']);
    } finally {
      writeFileSync(join(repo.dir, 'project.yml'), PLAN);
    }
  });
});
