// `waymark init`: starter plan, .gitattributes and git config; idempotent; --dry-run writes nothing.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { driverCommand } from '../../src/core/merge/setup';
import { TestRepo, tempDir } from './gitRepoFixture';
import { runCli } from './cliRun';
import { DRIVER_COMMAND } from './mergeRepo';
import { planOf } from './planFixture';

describe('cli: waymark init', function () {
  this.timeout(30000);
  let repo: TestRepo;
  beforeEach(() => { repo = TestRepo.create(); });
  afterEach(() => repo.remove());

  it('writes the starter plan, the attribute and the driver; a second run changes nothing', async () => {
    const first = await runCli(['init', '--driver-command', DRIVER_COMMAND, '--today', '2026-01-05'], repo.dir);
    assert.equal(first.code, 0, first.err);
    assert.equal(planOf(readFileSync(join(repo.dir, 'project.yml'), 'utf8')).project.start, '2026-01-05');
    assert.equal(readFileSync(join(repo.dir, '.gitattributes'), 'utf8'), 'project.yml merge=waymark\n');
    assert.equal(repo.git('config', '--local', 'merge.waymark.driver'), `${DRIVER_COMMAND} merge-driver %O %A %B %P --marker-size %L`);
    assert.match(repo.git('config', '--local', 'merge.waymark.name'), /Waymark/);
    const second = await runCli(['init', '--driver-command', DRIVER_COMMAND, '--json'], repo.dir);
    assert.equal(second.code, 0);
    const report = JSON.parse(second.out) as { version: number; kind: string; steps: { changed: boolean }[] };
    assert.equal(report.version, 1);
    assert.equal(report.kind, 'init');
    assert.ok(report.steps.every((s) => !s.changed), second.out);
    assert.equal(readFileSync(join(repo.dir, '.gitattributes'), 'utf8'), 'project.yml merge=waymark\n');
  });

  it('keeps an existing plan and appends to an existing .gitattributes without a final newline', async () => {
    writeFileSync(join(repo.dir, 'project.yml'), 'version: 1\n');
    writeFileSync(join(repo.dir, '.gitattributes'), '*.png binary');
    const r = await runCli(['init', '--driver-command', DRIVER_COMMAND], repo.dir);
    assert.equal(r.code, 0, r.err);
    assert.equal(readFileSync(join(repo.dir, 'project.yml'), 'utf8'), 'version: 1\n');
    assert.equal(readFileSync(join(repo.dir, '.gitattributes'), 'utf8'), '*.png binary\nproject.yml merge=waymark\n');
  });

  it('--dry-run lists the changes and writes nothing', async () => {
    const r = await runCli(['init', '--dry-run', '--driver-command', DRIVER_COMMAND], repo.dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /would create project\.yml/);
    assert.match(r.out, /would add 'project\.yml merge=waymark' to \.gitattributes/);
    assert.match(r.out, /would git config merge\.waymark\.driver/);
    assert.equal(existsSync(join(repo.dir, 'project.yml')), false);
    assert.equal(existsSync(join(repo.dir, '.gitattributes')), false);
    assert.throws(() => repo.git('config', '--local', 'merge.waymark.driver'));
  });

  it('outside a repository: exit 2, nothing on stdout', async () => {
    const dir = tempDir();
    const r = await runCli(['init', '--driver-command', DRIVER_COMMAND], dir);
    rmSync(dir, { recursive: true, force: true });
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    assert.match(r.err, /not inside a git repository/);
  });

  it('the driver command: waymark on PATH, npx, or the script by absolute path (VS Code: its own runtime as node)', () => {
    assert.equal(driverCommand('/usr/lib/node_modules/waymark/dist/cli.js', { onPath: true }), 'waymark');
    assert.equal(driverCommand('/home/a/.npm/_npx/1a2b/node_modules/waymark/dist/cli.js', { onPath: false }), 'npx --yes waymark');
    assert.equal(driverCommand('/opt/x/dist/cli.js', { onPath: false, runtime: '/usr/bin/node' }), '/usr/bin/node /opt/x/dist/cli.js');
    assert.equal(driverCommand("/home/o'neil/ext/dist/cli.js", { onPath: false, runtime: '/usr/share/code/code', electron: true }), "ELECTRON_RUN_AS_NODE=1 /usr/share/code/code '/home/o'\\''neil/ext/dist/cli.js'");
  });
});
