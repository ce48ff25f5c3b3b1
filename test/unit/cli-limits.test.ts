// Inputs that once made the CLI run away or print nothing usable.
import * as assert from 'node:assert/strict';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './gitRepoFixture';
import { runCli } from './cliRun';

describe('cli: limits', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('waymark-limits-'); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('60 tasks of 400000w and a capacity of 1e-9: errors named, a small status, every date YYYY-MM-DD', async () => {
    const tasks = Array.from({ length: 60 }, (_, i) => `      - { id: T-${i + 1}, title: t, estimate: ${i % 2 ? '400000w' : '20000000w'}, assignee: ana${i ? `, depends: [T-${i}]` : ''} }\n`).join('');
    writeFileSync(join(dir, 'project.yml'), `version: 1\nproject: {name: X, start: 2026-01-05}\npeople: [{id: ana, capacity: 1e-9}]\nmilestones:\n  - id: m\n    title: M\n    tasks:\n${tasks}`);
    const v = await runCli(['validate', '--json'], dir);
    assert.equal(v.code, 1);
    const codes = (JSON.parse(v.out) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
    assert.equal(codes.filter((c) => c === 'bad-duration').length, 60);
    assert.equal(codes.filter((c) => c === 'out-of-range').length, 1);
    const r = await runCli(['status', '--json', '--today', '2026-01-05'], dir);
    assert.equal(r.code, 0);
    assert.ok(r.out.length < 200_000, `${r.out.length} characters`);
    const dates = r.out.match(/"[+-]?\d+-\d\d-\d\d"/g) ?? [];
    assert.ok(dates.length > 0);
    for (const d of dates) assert.match(d, /^"\d{4}-\d\d-\d\d"$/);
  });

  it('--json on a plan that does not parse: exit 1, stdout empty, the errors on stderr', async () => {
    writeFileSync(join(dir, 'project.yml'), 'version: 1\nproject: {name: X\nmilestones: []\n');
    for (const command of [['status'], ['report'], ['set-status', 'T-1', 'done'], ['list'], ['add', 'A task']]) {
      const r = await runCli([...command, '--json'], dir);
      assert.equal(r.code, 1, command[0]);
      assert.equal(r.out, '', command[0]);
      assert.match(r.err, /^project\.yml:3:\d+: error: YAML syntax error/m, command[0]);
      assert.match(r.err, new RegExp(`^waymark ${command[0]}: project\\.yml cannot be used until these errors are fixed \\(see 'waymark validate'\\)\\.$`, 'm'));
    }
  });
});
