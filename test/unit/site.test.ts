// `waymark site`: what the generated pages contain, checked on the HTML text
// (the browser test, site-browser.test.ts, checks how they behave).
import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cliRun';
import { tempDir, type TestRepo } from './gitRepoFixture';
import { DEMO_TODAY, HOSTILE, HOSTILE_TODAY, demoRepo, hostilePlan, hostileRepo } from './siteFixture';

const count = (text: string, re: RegExp): number => (text.match(re) ?? []).length;

/** Checks that hold for every page: strict CSP that admits exactly the page's one stylesheet, nothing that loads or runs. */
function assertSelfContained(html: string): void {
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html);
  assert.ok(csp, 'a CSP meta tag');
  assert.match(csp[1], /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+';/);
  const styles = [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)];
  assert.equal(styles.length, 1, 'one stylesheet');
  const hash = createHash('sha256').update(styles[0][1], 'utf8').digest('base64');
  assert.ok(csp[1].includes(`'sha256-${hash}'`), 'the CSP names the stylesheet by its hash');
  assert.equal(count(html, /<script/gi), 0, 'no script');
  assert.equal(count(html, /\sstyle="/g), 0, 'no style attribute (the CSP would refuse it)');
  assert.equal(count(html, /\s(?:src|href|xlink:href)="(?!#|index\.html|postmortem-[\w.-]+\.html)/g), 0, 'no reference that leaves the page or the site');
  const tags = (html.match(/<[a-z][^>]*>/gi) ?? []).map((t) => t.replace(/"[^"]*"/g, '""'));
  assert.deepEqual(tags.filter((t) => /\son[a-z]+=/i.test(t)), [], 'no event handler attribute');
}

describe('waymark site', function () {
  this.timeout(60_000);
  const dirs: string[] = [];
  const temp = (prefix: string): string => { const d = tempDir(prefix); dirs.push(d); return d; };
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  describe('on the demo', () => {
    let repo: string;
    let index: string;
    let out: string;
    before(async () => {
      repo = demoRepo();
      dirs.push(repo);
      out = join(temp('waymark-site-out-'), 'site');
      const r = await runCli(['site', '--out', out, '--today', DEMO_TODAY], repo);
      assert.equal(r.code, 0, r.err);
      assert.match(r.out, /^Wrote .*index\.html and 1 postmortem page\n$/);
      index = readFileSync(join(out, 'index.html'), 'utf8');
    });

    it('is one self-contained page under a strict CSP', () => {
      assertSelfContained(index);
      assert.ok(index.startsWith('<!doctype html>\n<html lang="en">'));
    });

    it('shows every milestone with progress, forecast, slip, health and its reasons', async () => {
      const status = JSON.parse((await runCli(['status', '--json', '--today', DEMO_TODAY], repo)).out);
      assert.equal(count(index, /data-milestone="/g), status.milestones.length);
      for (const m of status.milestones) {
        const section = index.slice(index.indexOf(`data-milestone="${m.id}"`), index.indexOf('</section>', index.indexOf(`data-milestone="${m.id}"`)));
        assert.ok(section.includes(`${Math.round(m.progress * 100)}%`), `${m.id} progress`);
        assert.ok(section.includes(`<dt>Forecast finish</dt><dd>${m.forecastFinish}</dd>`), `${m.id} forecast`);
        assert.ok(section.includes(`class="health ${m.health}"`), `${m.id} health`);
        for (const reason of m.healthReasons) assert.ok(section.includes(reason.replace(/&/g, '&amp;')), `${m.id} reason ${reason}`);
      }
    });

    it('draws a Gantt bar per scheduled task, and the schedule as a table', async () => {
      const status = JSON.parse((await runCli(['status', '--json', '--today', DEMO_TODAY], repo)).out);
      const tasks = [...status.milestones.flatMap((m: { tasks: unknown[] }) => m.tasks), ...status.backlog] as { id: string; plannedStart: string | null }[];
      const scheduled = tasks.filter((t) => t.plannedStart !== null);
      assert.ok(scheduled.length >= 28);
      assert.equal(count(index, /<rect class="bar" data-task="/g), scheduled.length);
      for (const t of scheduled) assert.ok(index.includes(`data-task="${t.id}"`), t.id);
      assert.ok(index.includes('<summary>The schedule as a table</summary>'));
    });

    it('has burndowns per milestone and per sprint, risks, workload, budget, and links its postmortem page', () => {
      for (const id of ['overview', 'milestones', 'gantt', 'burndown', 'risks', 'workload', 'budget', 'postmortems']) assert.ok(index.includes(`<h2 id="${id}-h">`), id);
      assert.equal(count(index, /<title id="bd-m\d+-title">Burndown: /g), 3);
      assert.equal(count(index, /<title id="bd-s\d+-title">Sprint /g), 2);
      assert.ok(index.includes('Scheduled hours / capacity per person and ISO week'));
      assert.ok(index.includes('Earned value of the committed scope'));
      assert.ok(index.includes('<a href="postmortem-beta.html">'));
      const pm = readFileSync(join(out, 'postmortem-beta.html'), 'utf8');
      assertSelfContained(pm);
      assert.ok(pm.includes('<h1>Postmortem: Returns API beta <code>beta</code></h1>'));
      assert.ok(pm.includes('<a href="index.html">'));
    });

    it('--out replaces pages Waymark wrote, refuses other files unless --force', async () => {
      const dir = temp('waymark-site-refuse-');
      writeFileSync(join(dir, 'index.html'), '<p>hand-written</p>\n');
      const refused = await runCli(['site', '--out', dir, '--postmortems', '0', '--today', DEMO_TODAY], repo);
      assert.equal(refused.code, 2);
      assert.match(refused.err, /index\.html exists and was not written by Waymark; use --force to replace it/);
      assert.equal(readFileSync(join(dir, 'index.html'), 'utf8'), '<p>hand-written</p>\n');
      assert.equal((await runCli(['site', '--out', dir, '--postmortems', '0', '--force', '--today', DEMO_TODAY], repo)).code, 0);
      assert.equal((await runCli(['site', '--out', dir, '--postmortems', '0', '--today', DEMO_TODAY], repo)).code, 0, 'its own page again');
    });

    it('--postmortems 0 writes the index alone; without --out it is a usage error', async () => {
      const other = join(temp('waymark-site-out-'), 'only-index');
      const r = await runCli(['site', '--out', other, '--postmortems', '0', '--today', DEMO_TODAY], repo);
      assert.equal(r.code, 0, r.err);
      assert.ok(!existsSync(join(other, 'postmortem-beta.html')));
      const noOut = await runCli(['site'], repo);
      assert.equal(noOut.code, 2);
      assert.match(noOut.err, /--out DIR is required/);
    });
  });

  describe('on a plan with hostile titles and commit subjects', () => {
    let repo: TestRepo;
    let out: string;
    before(async () => {
      repo = hostileRepo();
      out = temp('waymark-site-hostile-');
      const r = await runCli(['site', '--out', out, '--today', HOSTILE_TODAY], repo.dir);
      assert.equal(r.code, 0, r.err);
    });
    after(() => repo.remove());

    it('shows the markup as text on every page', () => {
      const pages = ['index.html', 'postmortem-m1.html'].map((p) => readFileSync(join(out, p), 'utf8'));
      for (const html of pages) {
        assertSelfContained(html);
        assert.ok(!html.includes(HOSTILE), 'no raw hostile markup');
        assert.ok(!/<img|<svg onload|<b>bold|<\/td><script|<\/style><style>/.test(html), 'no element from plan text');
      }
      const [index] = pages;
      assert.ok(index.includes('&lt;img src=x onerror=alert(1)&gt;'));
      assert.ok(index.includes('Second &amp; &lt;b&gt;bold&lt;/b&gt;'));
      assert.ok(index.includes('<title>Hostile &lt;img src=x onerror=alert(1)&gt;: status</title>'));
    });
  });

  it('without a git repository: declared statuses and a note saying why', async () => {
    const dir = temp('waymark-site-nogit-');
    writeFileSync(join(dir, 'project.yml'), hostilePlan());
    const out = join(dir, 'site');
    const r = await runCli(['site', '--out', out, '--today', HOSTILE_TODAY], dir);
    assert.equal(r.code, 0, r.err);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    assert.match(index, /<p class="note" role="note">[^<]*is not inside a git repository/);
    assert.ok(index.includes('<p>No milestone is finished yet.</p>'));
  });
});
