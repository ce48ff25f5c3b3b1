// Plan text printed to a terminal never carries a control sequence; JSON stays exact.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './gitRepoFixture';
import { runCli } from './cliRun';
import { terminalSafe } from '../../src/cli/terminal';

// eslint-disable-next-line no-control-regex -- what a terminal acts on
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
const EVIL = 'Evil \x1b]0;pwned\x07 \x1b[2J \x9b31m \u202etxt.exe';
const PLAN = (status: string) => `version: 1
project: {name: X}
milestones:
  - id: m
    title: M
    tasks:
      - id: T-1
        title: "Evil \\e]0;pwned\\a \\e[2J \\x9b31m \\u202etxt.exe"
        status: ${status}
`;

describe('terminal output', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('waymark-tty-'); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('terminalSafe shows control characters as visible escapes and keeps tabs and line feeds', () => {
    assert.equal(terminalSafe('a\x1b[2Jb\tc\n\x9b\u202e\r'), 'a\\x1b[2Jb\tc\n\\x9b\\u202e\\x0d');
  });

  it('validate, status and set-status print plan text without control characters', async () => {
    writeFileSync(join(dir, 'project.yml'), PLAN('"do\\ene"'));
    let r = await runCli(['validate'], dir);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.out, UNSAFE);
    assert.match(r.out, /'do\\x1bne' is not/);

    writeFileSync(join(dir, 'project.yml'), PLAN('todo'));
    r = await runCli(['status', '--today', '2026-01-05'], dir, true);
    assert.equal(r.code, 0, r.err);
    // eslint-disable-next-line no-control-regex -- the table's own colours
    assert.doesNotMatch(r.out.replace(/\x1b\[\d+m/g, ''), UNSAFE, 'only the table\'s own colours remain');
    assert.match(r.out, /Evil \\x1b\]0;pwned\\x07/);
    assert.doesNotMatch(r.err, UNSAFE);

    r = await runCli(['set-status', 'T-1', 'x\x1b[2J'], dir);
    assert.equal(r.code, 1);
    assert.doesNotMatch(r.err, UNSAFE);
  });

  it('JSON keeps the text exact', async () => {
    writeFileSync(join(dir, 'project.yml'), PLAN('todo'));
    const r = await runCli(['status', '--json', '--today', '2026-01-05'], dir);
    assert.equal(r.code, 0, r.err);
    const task = (JSON.parse(r.out) as { milestones: { tasks: { id: string; title: string }[] }[] }).milestones[0].tasks[0];
    assert.equal(task.title, EVIL);
  });
});
