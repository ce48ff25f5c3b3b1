// Writers that run at the same time (CLI processes, the extension) take turns
// on the plan's lock file: an edit that reports success is in the file.
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../src/core/parse';
import { lockPathOf } from '../../src/core/planFile';
import { tempDir } from './gitRepoFixture';

const CLI = join(__dirname, '../../src/cli/bin.js');
const WRITERS = 20;

function planWith(n: number): string {
  const tasks = Array.from({ length: n }, (_, i) => `      - id: T-${i + 1}\n        title: Task ${i + 1}\n        status: todo\n`).join('');
  return `version: 1\nproject:\n  name: Race\nmilestones:\n  - id: m\n    title: M\n    tasks:\n${tasks}`;
}

function run(args: string[], cwd: string): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = ''; let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
  });
}

describe('concurrent writers', () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('waymark-race-'); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  it(`${WRITERS} set-status processes at once on different tasks: every reported success is in the file`, async function () {
    this.timeout(120_000);
    const file = join(dir, 'project.yml');
    writeFileSync(file, planWith(WRITERS));
    const results = await Promise.all(Array.from({ length: WRITERS }, (_, i) => run(['set-status', `T-${i + 1}`, 'done', '--file', file], dir)));
    const plan = parsePlan(readFileSync(file, 'utf8')).plan!;
    const lost: string[] = [];
    results.forEach((r, i) => {
      const task = plan.byId.get(`T-${i + 1}`);
      if (r.code === 0 && !(task?.kind === 'task' && task.status === 'done')) lost.push(`T-${i + 1}`);
    });
    assert.deepEqual(lost, [], 'edits reported as done but missing from the file');
    assert.deepEqual(results.map((r) => r.code), Array(WRITERS).fill(0), results.map((r) => r.err).join(''));
    assert.equal(existsSync(lockPathOf(file)), false, 'the lock is released');
  });
});
