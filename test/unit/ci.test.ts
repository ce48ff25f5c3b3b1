// CI: `validate --format github|gitlab`, the shallow-clone warning on every
// surface, and the workflows of docs/ci.md run step by step on the demo (so
// the documented commands are proven, not just written down).
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { runCli } from './cliRun';
import { TestRepo, tempDir } from './gitRepoFixture';
import { ROOT, demoRepo } from './siteFixture';

const BROKEN = 'version: 1\nproject:\n  name: Broken\nmilestones:\n  - id: m1\n    title: M\n    due: 2026-13-45\n    tasks:\n      - id: A-1\n        title: "50%, done: yes"\n        estimate: lots\n';

/** The first ```yaml block after `heading` in docs/ci.md, parsed. */
function workflow(heading: string): Record<string, unknown> {
  const doc = readFileSync(join(ROOT, 'docs', 'ci.md'), 'utf8');
  const at = doc.indexOf(`\n## ${heading}\n`);
  assert.ok(at >= 0, `docs/ci.md has a '## ${heading}' section`);
  const block = /```yaml\n([\s\S]*?)```/.exec(doc.slice(at));
  assert.ok(block, `a yaml block under '${heading}'`);
  return parseYaml(block[1]) as Record<string, unknown>;
}

describe('waymark in CI', function () {
  this.timeout(120_000);
  const dirs: string[] = [];
  let demo: string;
  let bin: string;
  before(() => {
    demo = demoRepo();
    dirs.push(demo);
    // `waymark` on the PATH, as the install step provides it: here the compiled CLI of this checkout.
    bin = tempDir('waymark-ci-bin-');
    dirs.push(bin);
    writeFileSync(join(bin, 'waymark'), `#!/bin/sh\nexec "${process.execPath}" "${join(ROOT, 'out', 'src', 'cli', 'bin.js')}" "$@"\n`);
    chmodSync(join(bin, 'waymark'), 0o755);
  });
  after(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

  /** Runs a step's shell script as the CI would (bash -eo pipefail), in `cwd`. */
  function sh(script: string, cwd: string, env: Record<string, string> = {}): { code: number; out: string; err: string } {
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1', ...env },
    });
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  }

  describe('validate --format', () => {
    let broken: string;
    before(() => {
      broken = tempDir('waymark-ci-broken-');
      dirs.push(broken);
      writeFileSync(join(broken, 'project.yml'), BROKEN);
    });

    it('github: one workflow command per problem, on its file, line and column; exit 1', async () => {
      const r = await runCli(['validate', '--format', 'github'], broken);
      assert.equal(r.code, 1);
      const lines = r.out.trimEnd().split('\n');
      assert.ok(lines.length >= 2, r.out);
      for (const l of lines) assert.match(l, /^::(error|warning|notice) file=project\.yml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=waymark [\w-]+::[^\n]+$/);
      const due = lines.find((l) => l.includes('2026-13-45'));
      assert.ok(due?.startsWith('::error file=project.yml,line=7,col=10,'), due);
    });

    it('github: message and properties cannot break out of the command (%, newline, : and ,)', async () => {
      const dir = tempDir('waymark-ci-odd-');
      dirs.push(dir);
      writeFileSync(join(dir, 'we,ird:name.yml'), 'version: 1\nproject:\n  name: X\nmilestones: []\nbogus%\n  key: 1\n');
      const r = await runCli(['validate', '--format', 'github', '--file', 'we,ird:name.yml'], dir);
      assert.ok(r.out.length > 0, r.err);
      for (const l of r.out.trimEnd().split('\n')) {
        assert.match(l, /^::\w+ file=we%2Cird%3Aname\.yml,line=/);
        assert.ok(!/::[^:]*::.*\n./.test(l));
      }
    });

    it('gitlab: a Code Quality report with a stable fingerprint per problem; exit 1', async () => {
      const r = await runCli(['validate', '--format', 'gitlab'], broken);
      assert.equal(r.code, 1);
      const issues = JSON.parse(r.out) as { description: string; check_name: string; fingerprint: string; severity: string; location: { path: string; lines: { begin: number } } }[];
      assert.ok(issues.length >= 2);
      for (const i of issues) {
        assert.equal(i.location.path, 'project.yml');
        assert.ok(['info', 'minor', 'major', 'critical', 'blocker'].includes(i.severity));
        assert.match(i.fingerprint, /^[0-9a-f]{64}$/);
      }
      assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length);
      assert.deepEqual(JSON.parse((await runCli(['validate', '--format', 'gitlab'], broken)).out), issues, 'the same report twice');
      assert.ok(issues.some((i) => i.severity === 'major' && i.location.lines.begin === 7));
    });

    it('a valid plan: exit 0 and an empty report; an unknown format is a usage error', async () => {
      assert.deepEqual(JSON.parse((await runCli(['validate', '--format', 'gitlab'], demo)).out).filter((i: { severity: string }) => i.severity === 'major'), []);
      assert.equal((await runCli(['validate', '--format', 'gitlab'], demo)).code, 0);
      const bad = await runCli(['validate', '--format', 'junit'], demo);
      assert.equal(bad.code, 2);
      assert.match(bad.err, /--format takes text, github, gitlab, not 'junit'/);
    });
  });

  it('a shallow clone: status table, status JSON, report and site all say progress needs the full history', async () => {
    const clone = join(tempDir('waymark-ci-shallow-'), 'clone');
    dirs.push(join(clone, '..'));
    execFileSync('git', ['clone', '-q', '--depth', '3', `file://${demo}`, clone], { env: TestRepo.env(), stdio: 'pipe' });
    const table = await runCli(['status'], clone);
    assert.match(table.out, /warning: shallow clone: .*fetch-depth: 0/);
    const json = JSON.parse((await runCli(['status', '--json'], clone)).out);
    assert.equal(json.git.shallow, true);
    assert.ok(json.git.warnings.some((w: string) => w.includes('fetch-depth: 0')));
    assert.match((await runCli(['report'], clone)).out, /^> shallow clone: .*fetch-depth: 0/m);
    const site = join(clone, '..', 'site');
    assert.equal((await runCli(['site', '--out', site], clone)).code, 0);
    assert.match(readFileSync(join(site, 'index.html'), 'utf8'), /<p class="note" role="note">shallow clone: .*`fetch-depth: 0`/);
    // The full clone says nothing of the kind.
    assert.equal(JSON.parse((await runCli(['status', '--json'], demo)).out).git.shallow, false);
  });

  it('docs/ci.md, GitHub Actions: the validate gate, the report into the step summary, the site for Pages', () => {
    const wf = workflow('GitHub Actions') as { jobs: { plan: { env: Record<string, string>; steps: { name?: string; run?: string; uses?: string; with?: Record<string, unknown> }[] } } };
    const steps = wf.jobs.plan.steps;
    assert.equal(steps.find((s) => s.uses?.startsWith('actions/checkout'))?.with?.['fetch-depth'], 0, 'full history');
    const summary = join(demo, '..', `summary-${process.pid}.md`);
    dirs.push(summary);
    const ran: string[] = [];
    for (const step of steps) {
      if (!step.run || step.name === 'Install Waymark') continue; // the package install is proven by the pack test
      const r = sh(step.run, demo, { ...wf.jobs.plan.env, GITHUB_STEP_SUMMARY: summary });
      assert.equal(r.code, 0, `${step.name}: ${r.err}`);
      ran.push(step.name ?? step.run);
    }
    assert.deepEqual(ran, ['Validate project.yml', 'Status report', 'Status site']);
    assert.match(readFileSync(summary, 'utf8'), /^# Status report: Harbor Returns\n/);
    assert.ok(existsSync(join(demo, '_site', 'index.html')));
    assert.ok(existsSync(join(demo, '_site', 'postmortem-beta.html')));
    assert.equal(JSON.parse(readFileSync(join(demo, '_site', 'status.json'), 'utf8')).project.name, 'Harbor Returns');
    assert.equal(steps.find((s) => s.uses?.startsWith('actions/upload-pages-artifact'))?.with?.path, '_site');
    // The gate: on an invalid plan the validate step fails and annotates the line.
    const broken = tempDir('waymark-ci-gate-');
    dirs.push(broken);
    writeFileSync(join(broken, 'project.yml'), BROKEN);
    const gate = sh(steps.find((s) => s.name === 'Validate project.yml')!.run!, broken);
    assert.equal(gate.code, 1);
    assert.match(gate.out, /^::error file=project\.yml,line=7,col=10,/m);
  });

  it('docs/ci.md, GitLab CI: the code-quality gate, the report and the site as artifacts', () => {
    const ci = workflow('GitLab CI') as { plan: { variables: Record<string, string | number>; script: string[]; artifacts: { reports: { codequality: string }; paths: string[] } }; pages: { artifacts: { paths: string[] } } };
    assert.equal(ci.plan.variables.GIT_DEPTH, 0, 'full history');
    const env = Object.fromEntries(Object.entries(ci.plan.variables).map(([k, v]) => [k, String(v)]));
    for (const line of ci.plan.script) {
      const r = sh(line, demo, env);
      assert.equal(r.code, 0, `${line}: ${r.err}`);
    }
    assert.ok(Array.isArray(JSON.parse(readFileSync(join(demo, ci.plan.artifacts.reports.codequality), 'utf8'))));
    for (const p of ci.plan.artifacts.paths) assert.ok(existsSync(join(demo, p)), p);
    assert.ok(existsSync(join(demo, 'public', 'index.html')));
    assert.deepEqual(ci.pages.artifacts.paths, ['public']);
    const broken = tempDir('waymark-ci-gate-');
    dirs.push(broken);
    writeFileSync(join(broken, 'project.yml'), BROKEN);
    const gate = sh(ci.plan.script[0], broken);
    assert.equal(gate.code, 1);
    assert.ok(JSON.parse(readFileSync(join(broken, 'gl-code-quality-report.json'), 'utf8')).length >= 2);
  });
});
