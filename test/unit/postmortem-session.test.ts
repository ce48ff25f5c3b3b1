// Several postmortems of one release (the site writes up to three) read the
// release's history and project.yml's revisions once, through a shared
// PostmortemSession, and come out exactly as when each is generated alone.
// git runs through a wrapper that logs its arguments, so the test counts the
// walks instead of timing them.
import * as assert from 'node:assert/strict';
import { chmodSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePostmortem } from '../../src/core/report/generate';
import { PostmortemSession } from '../../src/core/report/releaseCommits';
import { postmortemJson } from '../../src/core/report/json';
import { scanHistory } from '../../src/core/git/history';
import type { RawCommit } from '../../src/core/git/logStream';
import { parsePlan } from '../../src/core/parse';
import { buildReportRepo } from './reportRepo';
import { tempDir } from './gitRepoFixture';

describe('postmortem session: postmortems of one release share the git reads', () => {
  let dir: string;
  let tools: string;
  before(() => {
    dir = buildReportRepo();
    tools = tempDir('waymark-gitlog-');
    const wrapper = join(tools, 'git');
    writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> "${join(tools, 'calls.txt')}"\nexec git "$@"\n`);
    chmodSync(wrapper, 0o755);
  });
  after(() => { rmSync(dir, { recursive: true, force: true }); rmSync(tools, { recursive: true, force: true }); });

  it('one history walk and one read of the plan revisions for m1 and m2 released at HEAD; the same data as alone', async () => {
    // Without `release:` both milestones are released at HEAD.
    const planText = readFileSync(join(dir, 'project.yml'), 'utf8').replace(/^ {4}release: .*\n/gm, '');
    const req = (milestoneId: string) => ({ repoDir: dir, planFile: join(dir, 'project.yml'), planText, milestoneId, today: '2026-04-01' });
    const alone = [await generatePostmortem(req('m1')), await generatePostmortem(req('m2'))];
    const gitPath = join(tools, 'git');
    const session = new PostmortemSession(dir, join(dir, 'project.yml'), gitPath);
    const shared = [await generatePostmortem({ ...req('m1'), gitPath, session }), await generatePostmortem({ ...req('m2'), gitPath, session })];
    const calls = readFileSync(join(tools, 'calls.txt'), 'utf8').split('\n');
    assert.equal(calls.filter((c) => c.includes('log -z --format=%H%x1f%P')).length, 1, calls.join('\n'));
    assert.equal(calls.filter((c) => c.includes('log -z --format=%H%x1f%cI%x1f%s')).length, 1, calls.join('\n'));
    assert.equal(calls.filter((c) => c.includes('cat-file --batch')).length, 1, calls.join('\n'));
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(postmortemJson(shared[i].data), postmortemJson(alone[i].data));
      assert.equal(shared[i].markdown('chart.svg'), alone[i].markdown('chart.svg'));
      assert.equal(shared[i].svg, alone[i].svg);
    }
  });

  it('a cold history scan hands its walk of HEAD to the session: one `git log` of the whole history in all, the same postmortems', async () => {
    const planText = readFileSync(join(dir, 'project.yml'), 'utf8').replace(/^ {4}release: .*\n/gm, '');
    const req = (milestoneId: string) => ({ repoDir: dir, planFile: join(dir, 'project.yml'), planText, milestoneId, today: '2026-04-01' });
    const alone = [await generatePostmortem(req('m1')), await generatePostmortem(req('m2'))];
    const gitPath = join(tools, 'git');
    writeFileSync(join(tools, 'calls.txt'), '');
    const session = new PostmortemSession(dir, join(dir, 'project.yml'), gitPath);
    let handed: { tip: string; commits: RawCommit[] } | undefined;
    await scanHistory(dir, parsePlan(planText).plan!, { gitPath, onFullHistory: (tip, commits) => { handed = { tip, commits }; session.adoptWalk(tip, commits); } });
    assert.ok(handed && handed.commits.length > 0, 'the scan read the default branch in full and handed it over');
    const shared = [await generatePostmortem({ ...req('m1'), gitPath, session }), await generatePostmortem({ ...req('m2'), gitPath, session })];
    const calls = readFileSync(join(tools, 'calls.txt'), 'utf8').split('\n');
    // Whole-history walks from one tip (the scan also reads the side branches, `tip ^main`, apart).
    const walks = calls.filter((c) => /log -z --format=%H%x1f%P\S* --end-of-options [0-9a-f]{40} --$/.test(c));
    assert.deepEqual(walks.map((c) => c.split(' ').at(-2)), [handed.tip], calls.join('\n'));
    for (let i = 0; i < 2; i++) {
      assert.deepEqual(postmortemJson(shared[i].data), postmortemJson(alone[i].data));
      assert.equal(shared[i].markdown('chart.svg'), alone[i].markdown('chart.svg'));
    }
  });
});
