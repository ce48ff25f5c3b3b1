// The pure parts of the test and bench infrastructure: the .vsix content rules
// (on real zip files written by `git archive`) and the bench's target checks.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { tempDir } from './gitRepoFixture';

const root = join(__dirname, '..', '..', '..');
// ES modules of the harness, loaded through require(esm) (Node >= 20.19).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { zipEntries, checkVsixContents } = require(join(root, 'test', 'vscode', 'vsixContents.mjs'));
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { checkTarget, ratio } = require(join(root, 'bench', 'targets.mjs'));

/** A real zip: commit `files` in a temp repo and `git archive --format=zip` it. */
function makeZip(dir: string, files: Record<string, string | Buffer>): string {
  const src = join(dir, 'src');
  mkdirSync(src, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(src, name)), { recursive: true });
    writeFileSync(join(src, name), content);
  }
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: src, stdio: 'pipe' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'files');
  const zip = join(dir, 'out.vsix');
  git('archive', '--format=zip', '-o', zip, 'HEAD');
  return zip;
}

/** Deterministic incompressible bytes. */
function noise(n: number): Buffer {
  const b = Buffer.alloc(n);
  let x = 2463534242;
  for (let i = 0; i < n; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; b[i] = x & 0xff; }
  return b;
}

describe('harness: .vsix contents', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('waymark-vsix-'); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the entries of a zip file', () => {
    const zip = makeZip(dir, { 'extension/package.json': '{}', 'extension/dist/extension.js': 'x' });
    assert.deepEqual(zipEntries(zip).filter((n: string) => !n.endsWith('/')).sort(), ['extension/dist/extension.js', 'extension/package.json']);
  });

  it('accepts the two extension bundles plus the CLI and webview bundles', () => {
    const zip = makeZip(dir, {
      'extension/package.json': '{}', 'extension/dist/extension.js': 'a', 'extension/dist/extensionHost.js': 'e', 'extension/dist/cli.js': 'b',
      'extension/dist/webview/gantt.js': 'c', 'extension/media/gantt.css': 'd',
    });
    assert.deepEqual(checkVsixContents(zip).problems, []);
  });

  it('reports a third host bundle, source maps and sources', () => {
    const zip = makeZip(dir, {
      'extension/package.json': '{}', 'extension/dist/extension.js': 'a', 'extension/dist/extension.js.map': '{}',
      'extension/dist/extensionHost.js': 'e', 'extension/dist/chunk.js': 'b', 'extension/src/extension.ts': 'c',
    });
    assert.deepEqual(checkVsixContents(zip).problems, [
      'the extension host code must be the two bundles extension/dist/extension.js and extension/dist/extensionHost.js, found: extension/dist/chunk.js, extension/dist/extension.js, extension/dist/extensionHost.js',
      'files that do not belong in the package: extension/dist/extension.js.map, extension/src/extension.ts',
    ]);
  });

  it('reports a package without the host bundle that activation loads on first use', () => {
    const zip = makeZip(dir, { 'extension/package.json': '{}', 'extension/dist/extension.js': 'a', 'extension/dist/cli.js': 'b' });
    assert.deepEqual(checkVsixContents(zip).problems, [
      'the extension host code must be the two bundles extension/dist/extension.js and extension/dist/extensionHost.js, found: extension/dist/extension.js',
    ]);
  });

  it('reports a package of 1 MB or more', () => {
    const zip = makeZip(dir, {
      'extension/package.json': '{}', 'extension/dist/extension.js': 'a', 'extension/dist/extensionHost.js': 'e', 'extension/media/big.bin': noise(1100 * 1024),
    });
    const { size, problems } = checkVsixContents(zip);
    assert.ok(size > 1024 * 1024);
    assert.deepEqual(problems, [`${(size / 1024).toFixed(0)} KB, the limit is 1024 KB`]);
  });
});

describe('bench: targets and ratios', () => {
  it('checks a target against the value', () => {
    assert.equal(checkTarget({ value: 12, target: '< 30 ms' }), true);
    assert.equal(checkTarget({ value: 30, target: '< 30 ms' }), false);
    assert.equal(checkTarget({ value: 30, target: '<= 30 ms' }), true);
    assert.equal(checkTarget({ value: 2100, target: '< 2000' }), false);
  });

  it('checks an x target against the ratio to the reference', () => {
    const row = { value: 13, reference: { label: 'yaml', value: 10 }, target: '< 1.3x' };
    assert.equal(ratio(row), 1.3);
    assert.equal(checkTarget(row), false);
    assert.equal(checkTarget({ ...row, value: 12 }), true);
  });

  it('leaves rows without a comparable target or reference unchecked', () => {
    assert.equal(checkTarget({ value: 5, target: 'fast' }), undefined);
    assert.equal(checkTarget({ value: Number.NaN, target: '< 30 ms' }), undefined);
    assert.equal(checkTarget({ value: 5, reference: { label: 'failed', value: Number.NaN }, target: '< 2x' }), undefined);
    assert.equal(ratio({ value: 5, reference: { label: 'zero', value: 0 } }), undefined);
  });
});
