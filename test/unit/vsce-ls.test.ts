// `vsce ls` lists only what the package needs (.vscodeignore): every file it
// would pack is the manifest, something the manifest or the README's links
// name, a bundle or a webview's stylesheet (test/vscode/vsixContents.mjs,
// unneededFiles); and no source, test, map or dependency.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unneededFiles } = require(join(root, 'test', 'vscode', 'vsixContents.mjs'));

describe('vsce ls: the package holds only what it needs', function () {
  this.timeout(120_000);
  let files: string[];
  const read = (p: string): string => readFileSync(join(root, p), 'utf8');
  before(() => {
    const vsce = join(root, 'node_modules', '.bin', 'vsce');
    files = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).split('\n').filter(Boolean);
  });

  it('lists no file that nothing needs', () => {
    assert.ok(files.includes('dist/extension.js') || files.includes('package.json'), files.join('\n'));
    assert.deepEqual(unneededFiles(files, read), []);
  });

  it('lists no source, test, map, dependency or developer file', () => {
    const stray = files.filter((f) => /^(src|test|out|node_modules|bench|scripts|webview|examples|\.vscode-test)\//.test(f) || /\.(map|ts|mjs)$/.test(f) || /^docs\/(architecture|development)\.md$/.test(f));
    assert.deepEqual(stray, []);
  });

  it('would catch a stray file: the icon\'s SVG source is needed by nothing', () => {
    assert.deepEqual(unneededFiles([...files, 'media/waymark.svg'], read), ['media/waymark.svg']);
  });
});

describe('unneededFiles: the names inside a .vsix', () => {
  it('knows vsce\'s renamed readme.md, LICENSE.txt and changelog.md', () => {
    const read = (p: string): string => readFileSync(join(root, p === 'readme.md' ? 'README.md' : p), 'utf8');
    assert.deepEqual(unneededFiles(['package.json', 'readme.md', 'LICENSE.txt', 'changelog.md', 'media/waymark.png', 'notes.txt'], read), ['notes.txt']);
  });
});
