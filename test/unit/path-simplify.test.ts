// The site's history scan lists project.yml's changes in its one walk of the
// whole history (ScanOptions.planPath), and pathSimplify.ts derives the
// file's revisions from them instead of a second, path-limited `git log`.
// Held here to git itself: random histories (built with `git fast-import`,
// so any shape of merge costs one process) go through the real scan, its
// `--raw` parsing included, and the derived list must be the one
// `git log <tip> -- <path>` prints.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
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
}

/** Builds the history with one `git fast-import`; `main` points at the last step. Returns the repository. */
function importHistory(steps: readonly Step[], path: string): TestRepo {
  const repo = TestRepo.create();
  let stream = '';
  const data = (text: string): string => `data ${Buffer.byteLength(text)}\n${text}\n`;
  steps.forEach((s, i) => {
    // A root after the first: main starts over (fast-import would otherwise continue from its tip).
    if (!s.parents.length && i > 0) stream += 'reset refs/heads/main\n';
    stream += `commit refs/heads/main\nmark :${i + 1}\ncommitter A <a@example.com> ${s.time} +0000\n${data(`c${i}`)}`;
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

/** A random history: branches that fork, commit, merge (the plan kept from either side or rewritten), delete and re-add the plan, a second root now and then, and 5% of commits dated before their parents. */
function randomHistory(seed: number): Step[] {
  const r = mulberry32(seed);
  const int = (a: number, b: number): number => a + Math.floor(r() * (b - a + 1));
  const texts = ['a\n', 'b\n', 'c\n', 'd\n'];
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  let clock = 1767600000;
  const tick = (): number => (clock += int(1, 3600) * (r() < 0.05 ? -1 : 1));
  const steps: Step[] = [{ parents: [], plan: r() < 0.7 ? pick(texts) : undefined, other: String(seed), time: tick() }];
  // The plan's text after each step (null: none), for merges that take the other side's.
  const state: (string | null)[] = [steps[0].plan ?? null];
  // Branch heads by step; the last step is main's tip.
  const heads = [0];
  for (let n = int(8, 60), i = 1; i < n; i++) {
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

async function scanned(repo: TestRepo, path: string): Promise<{ tip: string; commits: RawCommit[]; changes: PlanChanges | undefined }> {
  let handed: { tip: string; commits: RawCommit[]; changes: PlanChanges | undefined } | undefined;
  await scanHistory(repo.dir, PLAN, { planPath: path, onFullHistory: (tip, commits, _links, changes) => { handed = { tip, commits, changes }; } });
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
      const path = seed % 3 === 0 ? 'plans/project.yml' : 'project.yml';
      const steps = randomHistory(seed);
      const repo = importHistory(steps, path);
      try {
        const { tip, commits, changes } = await scanned(repo, path);
        assert.ok(changes, `seed ${seed}: the walk listed the plan's changes`);
        const derived = simplifiedPathHistory(commits, changes.changes, tip);
        const expected = repo.git('log', '--format=%H', tip, '--', path).split('\n').filter(Boolean);
        merges += commits.filter((c) => c.parents.length > 1).length;
        shown += expected.length;
        // Where no clock went back, git's order is certain: an answer is required.
        const monotone = steps.every((s) => s.parents.every((p) => steps[p].time <= s.time));
        if (!derived) {
          assert.ok(!monotone, `seed ${seed}: no answer for a history without skewed clocks (${repo.dir})`);
          refused++;
          continue;
        }
        if (!monotone) answeredSkewed++;
        assert.deepEqual(derived, expected, `seed ${seed}: ${repo.dir}`);
        // What the postmortems read: the same revisions and texts as the path-limited walk gives.
        assert.deepEqual(await readDerivedRevisions(repo.dir, path, derived), await readPlanRevisions(repo.dir, path, tip), `seed ${seed}: revisions`);
      } finally {
        rmSync(repo.dir, { recursive: true, force: true });
      }
    }
    // The generator must have produced what the check is about: merges, revisions, answers (one tick in 20 goes
    // back, so about half the histories have a skew that leaves git's order uncertain), some of them despite a skew.
    assert.ok(merges > repos && shown > repos && refused < repos * 0.6 && answeredSkewed > 0, JSON.stringify({ merges, shown, refused, answeredSkewed }));
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
