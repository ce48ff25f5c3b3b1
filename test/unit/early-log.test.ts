// The site's history log started before the plan is parsed (earlyLog.ts):
// the scan takes it over when it asks for the same command, and cancels it
// otherwise; either way the site is the one generated without it. git runs
// through a wrapper on PATH that logs its arguments, so the test counts the
// whole-history walks instead of timing them.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startEarlyScanLog } from '../../src/core/git/earlyLog';
import { parsePlan } from '../../src/core/parse';
import { generateSite, type SiteRequest } from '../../src/site/generate';
import { buildReportRepo, commit, git } from './reportRepo';
import { tempDir } from './gitRepoFixture';

/** Every task of m1 declared done (a status line after its id, where it has none). */
function m1Done(text: string): string {
  const [m1, rest] = text.split('  - id: m2\n');
  const tasks = m1.split('      - id: ');
  const done = tasks.slice(1).map((t) => (/\n {8}status: /.test(t) ? t : t.replace('\n', '\n        status: done\n')));
  return `${[tasks[0], ...done].join('      - id: ')}  - id: m2\n${rest}`;
}

describe('site: the history log started before the plan is parsed', function () {
  this.timeout(60_000);
  let repo: string;
  let tools: string;
  let tmp: string;
  let planText: string;
  const saved = { PATH: process.env.PATH, TMPDIR: process.env.TMPDIR };
  before(() => {
    repo = buildReportRepo();
    // m1 declared finished and, without `release:`, released at HEAD: its postmortem takes the scan's walk.
    planText = m1Done(readFileSync(join(repo, 'project.yml'), 'utf8').replace(/^ {4}release: .*\n/gm, ''));
    commit(repo, { date: '2026-03-20T09:00:00Z', who: 'ana', message: 'Plan: released at HEAD', plan: planText });
    git(repo, ['branch', 'older', 'HEAD~2']);
    tools = tempDir('waymark-gitlog-');
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    writeFileSync(join(tools, 'git'), `#!/bin/sh\nprintf '%s\\n' "$*" >> "${join(tools, 'calls.txt')}"\nexec "${realGit}" "$@"\n`);
    chmodSync(join(tools, 'git'), 0o755);
  });
  beforeEach(() => {
    tmp = tempDir('waymark-early-tmp-');
    // The wrapper first on PATH (spawn looks git up on the environment it passes), and spool files in `tmp`.
    process.env.PATH = `${tools}:${saved.PATH}`;
    process.env.TMPDIR = tmp;
    writeFileSync(join(tools, 'calls.txt'), '');
  });
  afterEach(() => {
    process.env.PATH = saved.PATH;
    if (saved.TMPDIR === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved.TMPDIR;
    rmSync(tmp, { recursive: true, force: true });
    rmSync(join(repo, '.git', 'waymark-test-cache'), { recursive: true, force: true });
  });
  after(() => { rmSync(repo, { recursive: true, force: true }); rmSync(tools, { recursive: true, force: true }); });

  const cacheFile = (gitDir: string): string => join(gitDir, 'waymark-test-cache', 'history.json');
  const walks = (): string[] => readFileSync(join(tools, 'calls.txt'), 'utf8').split('\n')
    .filter((c) => /log -z --format=%H%x1f%P\S*( --\S+)* --end-of-options [0-9a-f]{40} --( :\(top,literal\)project\.yml)?$/.test(c));

  /** The site of `text` with an early log and without one, and what became of the early log. */
  async function bothWays(text: string, extra: Partial<SiteRequest> = {}) {
    const parsed = parsePlan(Buffer.from(text));
    const req: SiteRequest = { repoDir: repo, planFile: join(repo, 'project.yml'), planText: text, plan: parsed.plan!, today: '2026-04-01', ...extra };
    const without = await generateSite(req);
    const walksWithout = walks().length;
    writeFileSync(join(tools, 'calls.txt'), '');
    const started = startEarlyScanLog({ repoDir: repo, planFile: join(repo, 'project.yml'), cacheFile });
    assert.ok(started, 'a cold scan of a checked-out branch: the log starts');
    const withEarly = await generateSite({ ...req, started });
    assert.deepEqual(withEarly.pages, without.pages, 'the same pages');
    await started.closed;
    assert.deepEqual(readdirSync(tmp), [], 'no spool file left');
    return { state: started.state, walksWithout, walksWith: walks().length, pages: withEarly.pages };
  }

  it('is taken over by the scan: one walk of the whole history, the same site with its postmortems', async () => {
    const r = await bothWays(planText);
    assert.equal(r.state, 'read');
    assert.equal(r.walksWith, 1);
    assert.equal(r.walksWithout, 1);
    assert.ok(r.pages.length > 1, 'postmortem pages from the walk');
  });

  it('is taken over with no postmortem asked for: the change lines are skipped', async () => {
    const r = await bothWays(planText, { postmortems: 0 });
    assert.equal(r.state, 'read');
    assert.equal(r.walksWith, 1);
    assert.equal(r.pages.length, 1);
  });

  it('is taken over in a clone whose origin/main is at the same commit (one walk for both tips)', async () => {
    git(repo, ['update-ref', 'refs/remotes/origin/main', 'HEAD']);
    try {
      const r = await bothWays(planText);
      assert.equal(r.state, 'read');
      assert.equal(r.walksWith, 1);
      assert.equal(r.walksWithout, 1, 'the scan hands its walk to the postmortems with both tips too');
    } finally {
      git(repo, ['update-ref', '-d', 'refs/remotes/origin/main']);
    }
  });

  it('is cancelled when origin/main is elsewhere (two walks of tips), the same site', async () => {
    git(repo, ['update-ref', 'refs/remotes/origin/main', 'HEAD~1']);
    try {
      const r = await bothWays(planText);
      assert.equal(r.state, 'cancelled');
    } finally {
      git(repo, ['update-ref', '-d', 'refs/remotes/origin/main']);
    }
  });

  it('is cancelled when the plan names another default branch, and the scan walks that one', async () => {
    const other = planText.replace(/^project:\n/m, 'project:\n  defaultBranch: older\n');
    assert.notEqual(other, planText);
    const r = await bothWays(other);
    assert.equal(r.state, 'cancelled');
    assert.equal(r.walksWith, r.walksWithout + 1, 'the early walk, killed, and the scan\'s own');
  });

  it('does not start when a history cache is there to answer', async () => {
    const parsed = parsePlan(Buffer.from(planText));
    await generateSite({ repoDir: repo, planFile: join(repo, 'project.yml'), planText, plan: parsed.plan!, today: '2026-04-01', cacheFile });
    assert.equal(startEarlyScanLog({ repoDir: repo, planFile: join(repo, 'project.yml'), cacheFile }), undefined);
  });

  it('does not start outside a repository or for a plan outside it', () => {
    const bare = tempDir('waymark-early-none-');
    try {
      assert.equal(startEarlyScanLog({ repoDir: bare, planFile: join(bare, 'project.yml'), cacheFile }), undefined);
      assert.equal(startEarlyScanLog({ repoDir: repo, planFile: join(bare, 'project.yml'), cacheFile }), undefined);
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
