// Every link a user of the packaged extension can click works: the README and
// the docs it reaches, the welcome views and the walkthrough, checked against
// the repository's files here, and the files the package really holds (vsce's
// own list, from .vscodeignore) in the .vsix check.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..', '..');
// ES module of the harness, loaded through require(esm) (Node >= 20.19).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { linkProblems, markdownLinks } = require(join(root, 'test', 'vscode', 'vsixContents.mjs'));
const read = (p: string) => readFileSync(join(root, p), 'utf8');

describe('links in the packaged extension', () => {
  // The packaged list itself is checked by the .vsix check (test/vscode/vsix.mjs: every link of the real
  // package); here the files that exist in the repository stand in for it, which takes milliseconds
  // instead of vsce's walk over every file of the checkout (40 s on a busy machine).
  it('the README, the docs it links to, the welcome views and the walkthrough: every link resolves to a file of the repository', () => {
    const files = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' }).split('\n').filter(Boolean);
    assert.ok(files.includes('docs/format.md'), 'the format guide is there');
    assert.deepEqual(linkProblems(files, read), []);
  });

  it('finds what is broken: a file left out, a placeholder host, an unknown command', () => {
    const manifest = { contributes: { commands: [{ command: 'waymark.readFormat' }], viewsWelcome: [{ view: 'v', contents: '[a](command:waymark.nope)\n[b](command:waymark.readFormat)' }] } };
    const texts: Record<string, string> = {
      'package.json': JSON.stringify(manifest),
      'README.md': '[f](docs/format.md) [g](docs/gone.md) [h](https://example.invalid/x) ![i](docs/images/a.png#frag)\n```\n[not a link](nowhere.md)\n```\n',
      'docs/format.md': '[back](../README.md#top) [ci](ci.md)',
    };
    const problems = linkProblems(['package.json', 'README.md', 'docs/format.md', 'docs/images/a.png'], (p: string) => texts[p]);
    assert.deepEqual(problems, [
      'docs/format.md: links to ci.md, which is not in the package', // followed from the README's first link
      'README.md: links to docs/gone.md, which is not in the package',
      'README.md: placeholder link https://example.invalid/x',
      'viewsWelcome v: command link to unknown command waymark.nope',
    ]);
    assert.deepEqual(markdownLinks('see `[x](y)` and [z](w "title")'), ['w']);
  });

  it('checks the welcome text of every language, and a text missing from a language or from the package', () => {
    const manifest = { contributes: { commands: [{ command: 'waymark.readFormat' }], viewsWelcome: [{ view: 'v', contents: '%welcome%' }, { view: 'w', contents: '%other%' }] } };
    const texts: Record<string, string> = {
      'package.json': JSON.stringify(manifest),
      'README.md': '',
      'package.nls.json': JSON.stringify({ welcome: '[a](command:waymark.readFormat)', other: 'plain' }),
      'package.nls.de.json': JSON.stringify({ welcome: '[a](command:waymark.readFormt)' }),
    };
    assert.deepEqual(linkProblems(Object.keys(texts), (p: string) => texts[p]), [
      'package.nls.de.json: no text for %other%',
      'viewsWelcome v (package.nls.de.json): command link to unknown command waymark.readFormt',
    ]);
    assert.deepEqual(linkProblems(['package.json', 'README.md'], (p: string) => texts[p]), [
      'package.json: no text for %welcome%',
      'package.json: no text for %other%',
    ]);
  });
});
