// The installable CLI: `npm pack` makes a package with only what the command
// needs, which installs without a registry (the bundle has no runtime
// dependencies) and runs from any folder, globally and through npx.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './gitRepoFixture';
import { DEMO_TODAY, ROOT, demoRepo } from './siteFixture';

describe('the npm package', function () {
  // Packing builds the bundles (prepack) and installing unpacks them: seconds, bounded by this timeout.
  this.timeout(180_000);
  const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  let dir: string;
  let tgz: string;
  let demo: string;
  const npm = (args: string[], cwd: string): string =>
    execFileSync('npm', ['--no-audit', '--no-fund', '--cache', join(dir, 'npm-cache'), ...args], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  before(() => {
    dir = tempDir('waymark-pack-');
    demo = demoRepo();
    const listing = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], ROOT)) as { filename: string }[];
    tgz = join(dir, listing[0].filename);
    assert.equal(listing[0].filename, `waymark-${version}.tgz`);
  });
  after(() => { for (const d of [dir, demo]) if (d) rmSync(d, { recursive: true, force: true }); });

  it('carries the CLI bundles (cli.js, cliMain.js, mcp.js), the schema, README, LICENSE and package.json, nothing else', () => {
    const files = execFileSync('tar', ['tzf', tgz], { encoding: 'utf8' }).split('\n').filter(Boolean).map((f) => f.replace(/^package\//, '')).sort();
    // dist/cli.js is the launcher, dist/cliMain.js the commands it loads; dist/mcp.js is `waymark mcp`'s own bundle.
    assert.deepEqual(files, ['LICENSE', 'README.md', 'dist/cli.js', 'dist/cliMain.js', 'dist/mcp.js', 'package.json', 'schemas/project.schema.json']);
  });

  it('installs globally into a prefix without the registry and runs from another folder', () => {
    const prefix = join(dir, 'prefix');
    npm(['install', '--global', '--prefix', prefix, '--offline', tgz], dir);
    const waymark = join(prefix, 'bin', 'waymark');
    assert.equal(execFileSync(waymark, ['--version'], { cwd: dir, encoding: 'utf8' }), `waymark ${version}\n`);
    const status = execFileSync(waymark, ['status', '--today', DEMO_TODAY], { cwd: demo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    // 51%: the demo's merged branch RET-14-notifications closes RET-14 (merged branches close tasks, docs/format.md).
    assert.match(status, /^Harbor Returns .* 51%\n/);
    assert.match(status, /^beta +Returns API beta +due 2026-10-09/m);
    execFileSync(waymark, ['site', '--out', join(dir, 'site'), '--today', DEMO_TODAY], { cwd: demo, encoding: 'utf8' });
    assert.ok(readdirSync(join(dir, 'site')).includes('index.html'));
  });

  it('runs through npx --package', () => {
    const out = npm(['exec', '--yes', '--offline', '--package', tgz, '--', 'waymark', '--version'], demo);
    assert.equal(out.trim(), `waymark ${version}`);
  });
});
