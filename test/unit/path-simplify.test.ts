// The site's history scan lists project.yml's changes in its one walk of the
// whole history (ScanOptions.planPath), and pathSimplify.ts derives the
// file's revisions from them instead of a second, path-limited `git log`.
// Held here to git itself: random histories (built with `git fast-import`,
// so any shape of merge costs one process) go through the real scan, its
// `--raw` parsing included, and the derived list must be the one
// `git log <tip> -- <path>` prints.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { scanHistory, type PlanChanges } from '../../src/core/git/history';
import type { RawCommit } from '../../src/core/git/logStream';
import { simplifiedPathHistory } from '../../src/core/git/pathSimplify';
import { readDerivedRevisions, readPlanRevisions } from '../../src/core/git/planHistory';
import { PostmortemSession } from '../../src/core/report/releaseCommits';
import { parsePlan } from '../../src/core/parse';
import { TestRepo, tempDir } from './gitRepoFixture';
import { mulberry32 } from './seededRandom';

const PLAN = parsePlan('version: 1\nproject: { name: P, start: 2026-01-05 }\nmilestones:\n  - id: m1\n    title: M\n    tasks:\n      - { id: T-1, title: T, estimate: 1d }\n').plan!;

/** What fast-import writes for one commit: parents by mark, and what happens to the paths. */
interface Step {
  parents: number[];
  /** New text of the plan file, null to delete it, undefined to leave it as the first parent has it. */
  plan?: string | null;
  /** Makes the plan's path a folder (`<path>/x`) instead of a file. */
  folder?: boolean;
  other?: string;
  time: number;
  /** Padding for the commit message, so the log's output spans many 64 KB blocks. */
  body?: number;
}

/** Builds the history with one `git fast-import`; `main` points at the last step. Returns the repository. */
function importHistory(steps: readonly Step[], path: string): TestRepo {
  const repo = TestRepo.create();
  let stream = '';
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  steps.forEach((s, i) => {
    // A root after the first: main starts over (fast-import would otherwise continue from its tip).
    if (!s.parents.length && i > 0) stream += 'reset refs/heads/main\n';
    stream += `commit refs/heads/main\nmark :${i + 1}\ncommitter A <a@example.com> ${s.time} +0000\n${data(`c${i}${s.body ? `\n\n${'x'.repeat(s.body)}` : ''}`)}`;
    // Without `from`, a commit on refs/heads/main would follow the branch's tip: every step names its parents.
    if (s.parents.length) stream += `from :${s.parents[0] + 1}\n`;
    for (const p of s.parents.slice(1)) stream += `merge :${p + 1}\n`;
    if (s.folder) stream += `D ${path}\nM 100644 inline ${path}/x\n${data('folder')}`;
    else if (s.plan === null) stream += `D ${path}\n`;
    else if (s.plan !== undefined) stream += `D ${path}\nM 100644 inline ${path}\n${data(s.plan)}`;
    if (s.other !== undefined) stream += `M 100644 inline other.txt\n${data(s.other)}`;
  });
  execFileSync('git', ['fast-import', '--quiet'], { cwd: repo.dir, env: TestRepo.env(), input: stream });
  return repo;
}

/** A random history: branches that fork, commit, merge (the plan kept from either side or rewritten), delete and re-add the plan, a second root now and then, 10% of commits in their parent's second and 5% dated before it. */
function randomHistory(seed: number, length?: number): Step[] {
  const r = mulberry32(seed);
  const int = (a: number, b: number): number => a + Math.floor(r() * (b - a + 1));
  const texts = ['a\n', 'b\n', 'c\n', 'd\n'];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  let clock = 1767600000;
  const tick = (): number => (clock += r() < 0.1 ? 0 : int(1, 3600) * (r() < 0.05 ? -1 : 1));
  const steps: Step[] = [{ parents: [], plan: r() < 0.7 ? pick(texts) : undefined, other: String(seed), time: tick() }];
  // The plan's text after each step (null: none), for merges that take the other side's.
  const state: (string | null)[] = [steps[0].plan ?? null];
  // Branch heads by step; the last step is main's tip.
  const heads = [0];
  for (let n = length ?? int(8, 60), i = 1; i < n; i++) {
    const x = r();
    const at = pick(heads);
    let step: Step;
    if (x < 0.55 || heads.length < 2) {
      const y = r();
      step = { parents: [at], time: tick(), ...(y < 0.5 ? { plan: pick(texts) } : y < 0.6 ? { plan: null } : { other: `${i} ${r()}` }) };
      if (r() < 0.25 && heads.length < 5) heads.push(i); else heads[heads.indexOf(at)] = i;
    } else if (x < 0.62) {
      // A second root, merged later or left as a branch.
      step = { parents: [], time: tick(), plan: r() < 0.5 ? pick(texts) : undefined, other: `root ${i}` };
      heads.push(i);
    } else {
      const other = pick(heads.filter((h) => h !== at));
      const y = r();
      // The first parent's plan (no change), the other side's, a new text, or none.
      const plan = y < 0.35 ? undefined : y < 0.6 ? state[other] : y < 0.9 ? pick(texts) : null;
      step = { parents: r() < 0.1 && heads.length > 2 ? [at, other, pick(heads.filter((h) => h !== at && h !== other))] : [at, other], plan, time: tick() };
      heads[heads.indexOf(at)] = i;
      if (r() < 0.7) heads.splice(heads.indexOf(other), 1);
    }
    steps.push(step);
    state.push(step.plan !== undefined ? step.plan : step.parents.length ? state[step.parents[0]] : null);
  }
  // main ends at the last step.
  return steps;
}

/** The scan's walk and the plan's changes; `from`: the folder git runs in (the CLI's default is the plan's folder). */
async function scanned(repo: TestRepo, path: string, from = repo.dir): Promise<{ tip: string; commits: RawCommit[]; changes: PlanChanges | undefined }> {
  let handed: { tip: string; commits: RawCommit[]; changes: PlanChanges | undefined } | undefined;
  await scanHistory(from, PLAN, { planPath: path, onFullHistory: (tip, commits, _links, changes) => { handed = { tip, commits, changes }; } });
  assert.ok(handed, 'the scan read the default branch in full');
  return handed;
}

describe('path simplification: project.yml\'s revisions from the scan\'s one walk are git\'s', () => {
  const repos = Number(process.env.WAYMARK_PATH_SIMPLIFY_REPOS ?? 100);

  it(`equals \`git log <tip> -- <path>\` on ${repos} random histories with merges, deletions, several roots and skewed clocks`, async function () {
    this.timeout(Math.max(60_000, repos * 1_000));
    let merges = 0;
    let shown = 0;
    let refused = 0;
    let answeredSkewed = 0;
    for (let seed = 1; seed <= repos; seed++) {
      // The plan at the top, in a folder git runs in (as the CLI does), under a name with a space and
      // non-ASCII letters, and at the top with configs that would change what git prints.
      const path = ['project.yml', 'plans/project.yml', 'docs/Plän ü/project.yml', 'project.yml'][seed % 4];
      const steps = randomHistory(seed);
      const repo = importHistory(steps, path);
      try {
        let from = repo.dir;
        if (seed % 4 === 1) mkdirSync((from = join(repo.dir, 'plans')));
        if (seed % 4 === 3) for (const [k, v] of [['log.follow', 'true'], ['diff.relative', 'true'], ['log.showRoot', 'false'], ['diff.renames', 'copies']]) repo.git('config', k, v);
        const { tip, commits, changes } = await scanned(repo, path, from);
        assert.ok(changes, `seed ${seed}: the walk listed the plan's changes`);
        const derived = simplifiedPathHistory(commits, changes.changes, tip);
        const expected = repo.git('-c', 'log.follow=false', 'log', '--format=%H %ct', tip, '--', path).split('\n').filter(Boolean);
        merges += commits.filter((c) => c.parents.length > 1).length;
        shown += expected.length;
        // Where every clock went forward and no two revisions share a second, git's order is certain: an answer is required.
        const forward = steps.every((s) => s.parents.every((p) => steps[p].time < s.time));
        const seconds = expected.map((l) => l.split(' ')[1]);
        if (!derived) {
          assert.ok(!forward || new Set(seconds).size < seconds.length, `seed ${seed}: no answer for a history without skewed clocks (${repo.dir})`);
          refused++;
          continue;
        }
        if (!forward) answeredSkewed++;
        assert.deepEqual(derived, expected.map((l) => l.split(' ')[0]), `seed ${seed}: ${repo.dir}`);
        // What the postmortems read: the same revisions and texts as the path-limited walk gives.
        assert.deepEqual(await readDerivedRevisions(repo.dir, path, derived), await readPlanRevisions(from, path, tip), `seed ${seed}: revisions`);
      } finally {
        rmSync(repo.dir, { recursive: true, force: true });
      }
    }
    // The generator must have produced what the check is about: merges, revisions, answers (one tick in 20 goes
    // back and one in 10 stays, so about half the histories leave git's order uncertain), some of them despite a skew.
    assert.ok(merges > repos && shown > repos && refused < repos * 0.6 && answeredSkewed > 0, JSON.stringify({ merges, shown, refused, answeredSkewed }));
  });

  it('holds over a log of many 64 KB blocks: a change line and its path split between two blocks', async function () {
    this.timeout(60_000);
    // 1500 commits of ~1 KB each (~1.5 MB of log), the plan changed in about one in four; clocks that go forward.
    const steps = randomHistory(4242, 1500).map((s, i) => ({ ...s, body: 1000, time: 1767600000 + i * 60 }));
    const repo = importHistory(steps, 'project.yml');
    try {
      const { tip, commits, changes } = await scanned(repo, 'project.yml');
      assert.equal(commits.length, Number(repo.git('rev-list', '--count', tip)));
      assert.ok(changes && changes.changes.size > 100, String(changes?.changes.size));
      assert.deepEqual(simplifiedPathHistory(commits, changes.changes, tip), repo.git('log', '--format=%H', tip, '--', 'project.yml').split('\n'));
    } finally {
      rmSync(repo.dir, { recursive: true, force: true });
    }
  });

  it('a session that adopts the walk reads the revisions without a path-limited walk, and the same ones', async () => {
    // A branch merged twice, the plan changed on both sides; clocks that only go forward.
    const t = 1767600000;
    const repo = importHistory([
      { parents: [], plan: 'a\n', time: t },
      { parents: [0], other: 'x', time: t + 60 },
      { parents: [0], plan: 'b\n', time: t + 120 },
      { parents: [1, 2], time: t + 180 },
      { parents: [3], plan: 'c\n', time: t + 240 },
      { parents: [2], plan: 'd\n', time: t + 300 },
      { parents: [4, 5], plan: 'e\n', time: t + 360 },
    ], 'project.yml');
    const tools = tempDir('waymark-gitlog-');
    try {
      const wrapper = `${tools}/git`;
      execFileSync('sh', ['-c', `printf '#!/bin/sh\\nprintf "%%s\\\\n" "$*" >> "${tools}/calls.txt"\\nexec git "$@"\\n' > "${wrapper}" && chmod +x "${wrapper}"`]);
      const { tip, commits, changes } = await scanned(repo, 'project.yml');
      const session = new PostmortemSession(repo.dir, `${repo.dir}/project.yml`, wrapper);
      session.adoptWalk(tip, commits, undefined, changes);
      const got = await session.revisionsOf(repo.dir, 'project.yml', tip);
      const direct = await readPlanRevisions(repo.dir, 'project.yml', tip);
      assert.equal(direct.infos.length, 5);
      assert.deepEqual(got, direct);
      const calls = execFileSync('cat', [`${tools}/calls.txt`], { encoding: 'utf8' });
      assert.doesNotMatch(calls, /-- project\.yml/, calls);
      assert.match(calls, /--no-walk=unsorted/, calls);
    } finally {
      rmSync(repo.dir, { recursive: true, force: true });
      rmSync(tools, { recursive: true, force: true });
    }
  });

  it('falls back to git\'s own walk when the path was a folder; a shallow clone\'s revisions are git\'s too', async () => {
    const t = 1767600000;
    const folder = importHistory([
      { parents: [], plan: 'a\n', time: t },
      { parents: [0], folder: true, time: t + 60 },
      { parents: [1], plan: 'b\n', time: t + 120 },
    ], 'project.yml');
    try {
      const { changes } = await scanned(folder, 'project.yml');
      assert.equal(changes, undefined, 'git printed project.yml/x: not one file\'s history');
    } finally {
      rmSync(folder.dir, { recursive: true, force: true });
    }
    const steps: Step[] = [{ parents: [], plan: 'a\n', time: t }];
    for (let i = 1; i < 6; i++) steps.push({ parents: [i - 1], plan: `v${i}\n`, time: t + i * 60 });
    const full = importHistory(steps, 'project.yml');
    const shallow = tempDir('waymark-shallow-');
    try {
      execFileSync('git', ['clone', '-q', '--depth', '3', `file://${full.dir}`, shallow], { env: TestRepo.env() });
      const repo = new TestRepo(shallow);
      // One tip (origin/main would make two): the scan hands its walk over.
      repo.git('remote', 'remove', 'origin');
      const { tip, commits, changes } = await scanned(repo, 'project.yml');
      assert.equal(commits.length, 3);
      const session = new PostmortemSession(shallow, `${shallow}/project.yml`);
      session.adoptWalk(tip, commits, undefined, changes);
      assert.deepEqual(await session.revisionsOf(shallow, 'project.yml', tip), await readPlanRevisions(shallow, 'project.yml', tip));
    } finally {
      rmSync(full.dir, { recursive: true, force: true });
      rmSync(shallow, { recursive: true, force: true });
    }
  });
});
