import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from './cliRun';
import { tempDir } from './gitRepoFixture';

const VALID = `# plan
version: 1
project:
  name: Checkout   # the name
milestones:
  - id: beta
    title: Beta
    tasks:
      - id: PAY-1
        title: One
        status: todo   # not yet
      - id: PAY-2
        title: Two
`;

const INVALID = `version: 1
project:
  name: Checkout
milestones:
  - id: beta
    title: Beta
    tasks:
      - id: PAY-1
        title: One
        status: doen
        colour: red
`;

describe('cli: waymark validate', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('waymark-cli-'); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('a valid file: exit 0', async () => {
    writeFileSync(join(dir, 'project.yml'), VALID);
    const r = await runCli(['validate'], dir);
    assert.deepEqual(r, { code: 0, out: 'project.yml: valid\n', err: '' });
  });

  it('an invalid file: path:line:col lines, exit 1', async () => {
    writeFileSync(join(dir, 'project.yml'), INVALID);
    const r = await runCli(['validate'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.out, [
      "project.yml:10:17: error: `status` must be one of todo, in-progress, review, blocked, done, dropped; 'doen' is not (did you mean 'done'?).",
      "project.yml:11:9: warning: Unknown key 'colour' in a task; it is kept but ignored.",
      'project.yml: 1 error, 1 warning',
      '',
    ].join('\n'));
  });

  it('--json', async () => {
    writeFileSync(join(dir, 'project.yml'), INVALID);
    const r = await runCli(['validate', '--json'], dir);
    assert.equal(r.code, 1);
    const j = JSON.parse(r.out);
    assert.equal(j.version, 1);
    assert.equal(j.kind, 'validation');
    assert.equal(j.file, 'project.yml');
    assert.equal(j.valid, false);
    assert.equal(j.errors, 1);
    assert.equal(j.warnings, 1);
    assert.deepEqual(j.diagnostics[0], {
      severity: 'error', code: 'bad-enum', line: 10, col: 17, endLine: 10, endCol: 21,
      message: "`status` must be one of todo, in-progress, review, blocked, done, dropped; 'doen' is not (did you mean 'done'?).",
      fix: { title: "Change to 'done'", edits: [{ offset: INVALID.indexOf('doen'), length: 4, newText: 'done' }] },
    });
  });

  it('finds project.yml in a parent folder and prints its full path (outside cwd)', async () => {
    writeFileSync(join(dir, 'project.yml'), INVALID);
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    const r = await runCli(['validate'], join(dir, 'src', 'deep'));
    assert.equal(r.code, 1);
    assert.match(r.out, new RegExp(`^${join(dir, 'project.yml').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:10:17: error: `));
  });

  it('--file names the file', async () => {
    writeFileSync(join(dir, 'plan.yml'), VALID);
    assert.equal((await runCli(['validate', '--file', 'plan.yml'], dir)).out, 'plan.yml: valid\n');
  });

  it('usage and I/O errors: exit 2 with a message, no stack trace', async () => {
    const missing = await runCli(['validate', '--file', 'nope.yml'], dir);
    assert.deepEqual(missing, { code: 2, out: '', err: `waymark validate: ${join(dir, 'nope.yml')}: no such file\n` });
    const none = await runCli(['validate'], dir);
    assert.equal(none.code, 2);
    assert.equal(none.err, `waymark validate: no project.yml in ${dir} or any parent folder (use --file to name one)\n`);
    const extra = await runCli(['validate', 'what'], dir);
    assert.equal(extra.code, 2);
    assert.match(extra.err, /^waymark validate: unexpected argument 'what'\n/);
    mkdirSync(join(dir, 'project.yml'));
    const isDir = await runCli(['validate', '--file', 'project.yml'], dir);
    assert.deepEqual([isDir.code, isDir.err], [2, `waymark validate: ${join(dir, 'project.yml')}: is a directory, not a file\n`]);
  });

  it('hostile files are reported, not crashed on', async () => {
    writeFileSync(join(dir, 'project.yml'), Buffer.from([0x76, 0x3a, 0x20, 0xff, 0x0a]));
    const r = await runCli(['validate'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.out, 'project.yml:1:4: error: project.yml is not valid UTF-8: byte 0xff at line 1, column 4 (byte offset 3). Save the file as UTF-8.\nproject.yml: 1 error\n');
  });
});

describe('cli: waymark set-status', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('waymark-cli-'); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it('changes only the status value and says what changed', async () => {
    const file = join(dir, 'project.yml');
    writeFileSync(file, VALID);
    const r = await runCli(['set-status', 'PAY-1', 'done'], dir);
    assert.deepEqual(r, { code: 0, out: 'PAY-1: todo -> done\n', err: '' });
    assert.equal(readFileSync(file, 'utf8'), VALID.replace('status: todo   # not yet', 'status: done   # not yet'));
  });

  it('adds the key when the task has none; keeps CRLF and a BOM', async () => {
    const file = join(dir, 'project.yml');
    const crlf = `\ufeff${VALID.replace(/\n/g, '\r\n')}`;
    writeFileSync(file, crlf);
    const r = await runCli(['set-status', 'PAY-2', 'review', '--json'], dir);
    assert.equal(r.code, 0);
    assert.deepEqual(JSON.parse(r.out), { version: 1, kind: 'edit', command: 'set-status', file: 'project.yml', task: 'PAY-2', from: 'todo', to: 'review', changed: true, warnings: [] });
    assert.equal(readFileSync(file, 'utf8'), `${crlf}        status: review\r\n`);
  });

  it('unknown task or status: exit 1 with a clear message, file untouched', async () => {
    const file = join(dir, 'project.yml');
    writeFileSync(file, VALID);
    const a = await runCli(['set-status', 'PAY-9', 'done'], dir);
    assert.deepEqual(a, { code: 1, out: '', err: "waymark set-status: There is no task 'PAY-9' (did you mean 'PAY-1'?).\n" });
    const b = await runCli(['set-status', 'PAY-1', 'finished'], dir);
    assert.deepEqual(b, { code: 1, out: '', err: "waymark set-status: 'finished' is not a status; use one of todo, in-progress, review, blocked, done, dropped.\n" });
    assert.equal(readFileSync(file, 'utf8'), VALID);
  });

  it('refuses a file that does not parse', async () => {
    const file = join(dir, 'project.yml');
    writeFileSync(file, `${VALID}  bad: [\n`);
    const r = await runCli(['set-status', 'PAY-1', 'done'], dir);
    assert.equal(r.code, 1);
    assert.equal(r.err, [
      'project.yml:14:1: error: YAML syntax error: All mapping items must start at the same column',
      'project.yml:15:1: error: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      "waymark set-status: project.yml cannot be used until these errors are fixed (see 'waymark validate').",
      '',
    ].join('\n'));
    assert.equal(readFileSync(file, 'utf8'), `${VALID}  bad: [\n`);
  });

  it('a quoted status that already says so: changed false, not one byte rewritten; `to` is the trimmed status', async () => {
    const file = join(dir, 'project.yml');
    const quoted = VALID.replace('status: todo', 'status: "done"');
    writeFileSync(file, quoted);
    const mtime = statSync(file).mtimeMs;
    const r = await runCli(['set-status', 'PAY-1', ' done ', '--json'], dir);
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(JSON.parse(r.out), { version: 1, kind: 'edit', command: 'set-status', file: 'project.yml', task: 'PAY-1', from: 'done', to: 'done', changed: false, warnings: [] });
    assert.equal(readFileSync(file, 'utf8'), quoted);
    assert.equal(statSync(file).mtimeMs, mtime, 'not rewritten');
  });

  it('wrong number of arguments: exit 2 with usage', async () => {
    const r = await runCli(['set-status', 'PAY-1'], dir);
    assert.equal(r.code, 2);
    assert.match(r.err, /^waymark set-status: expected <task-id> <status>, got 1 argument\n\nUsage: waymark set-status/);
  });
});
