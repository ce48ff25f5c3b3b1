// `waymark mcp` end to end: the real CLI started as a child process, spoken to
// by the MCP SDK's own Client over stdio, on the demo repository. Answers are
// checked against `waymark status --json` on the same repository and date.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { StatusJson } from '../../src/core/report/status';
import { runCli } from './cliRun';
import { tempDir } from './gitRepoFixture';
import { mulberry32 } from './seededRandom';

const ROOT = resolve(__dirname, '..', '..', '..');
const TODAY = '2026-11-21';
const TOOLS = ['plan_status', 'next_tasks', 'task_details', 'critical_path', 'set_task_status', 'update_task', 'add_task', 'validate_plan'];

type Answer = { isError?: boolean; content: { type: string; text?: string }[] };

describe('waymark mcp over stdio with the SDK client', function () {
  let dir: string;
  let client: Client;
  let stderr = '';
  let status: StatusJson;

  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8' }).trim();
  const planText = () => readFileSync(join(dir, 'project.yml'), 'utf8');
  const statusJson = async (): Promise<StatusJson> => {
    const r = await runCli(['status', '--json', '--today', TODAY, '--no-cache'], dir);
    assert.equal(r.code, 0, r.err);
    return JSON.parse(r.out) as StatusJson;
  };
  const call = async (name: string, args: Record<string, unknown> = {}): Promise<Answer> =>
    (await client.callTool({ name, arguments: args })) as Answer;
  const ok = async <T = Record<string, unknown>>(name: string, args: Record<string, unknown> = {}): Promise<T> => {
    const r = await call(name, args);
    assert.ok(!r.isError, `${name} failed: ${r.content[0]?.text}`);
    return JSON.parse(r.content[0].text!) as T;
  };
  const refused = async (name: string, args: Record<string, unknown>): Promise<string> => {
    const r = await call(name, args);
    assert.equal(r.isError, true, `${name} ${JSON.stringify(args)} was not refused: ${r.content[0]?.text}`);
    return r.content[0].text!;
  };

  before(async function () {
    this.timeout(60_000);
    dir = tempDir('waymark-mcp-');
    execFileSync(process.execPath, [join(ROOT, 'examples/demo/build-repo.mjs'), dir, '--force'], { stdio: 'pipe' });
    git('config', 'user.email', 'Ana@Harbor.example');
    status = await statusJson();
    const transport = new StdioClientTransport({
      command: process.execPath,
      args: [join(ROOT, 'out/src/cli/bin.js'), 'mcp', '--today', TODAY],
      cwd: dir,
      stderr: 'pipe',
    });
    transport.stderr?.on('data', (b: Buffer) => { stderr += b.toString('utf8'); });
    client = new Client({ name: 'waymark-test', version: '1.0.0' });
    await client.connect(transport);
  });
  after(async () => {
    await client?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the eight tools with strict schemas, the whole list under 2,500 tokens (chars/4)', async () => {
    const { tools } = await client.listTools();
    assert.deepEqual(tools.map((t) => t.name), TOOLS);
    for (const t of tools) assert.equal((t.inputSchema as { additionalProperties?: boolean }).additionalProperties, false, t.name);
    const chars = JSON.stringify(tools).length;
    assert.ok(chars / 4 < 2500, `${chars} characters`);
    assert.match(stderr, /waymark mcp: serving .*project\.yml/);
  });

  it('plan_status: the milestones and totals of waymark status --json', async () => {
    const a = await ok<{ today: string; project: StatusJson['project']; milestones: Record<string, unknown>[]; git: { head: string } }>('plan_status');
    assert.equal(a.today, TODAY);
    assert.deepEqual(a.project, status.project);
    assert.equal(a.git.head, status.git.head);
    assert.deepEqual(a.milestones.map((m) => m.id), status.milestones.map((m) => m.id));
    for (const [i, m] of status.milestones.entries()) {
      for (const key of ['progress', 'doneTasks', 'totalTasks', 'forecastFinish', 'slipDays', 'health', 'healthReasons',
        'forecastP50', 'forecastP85', 'forecastP95', 'onTimeProbability'] as const) {
        assert.deepEqual(a.milestones[i][key], m[key], `${m.id}.${key}`);
      }
    }
    // The Monte Carlo forecast (issue 20): the same seeded figures as the CLI's, and what they were drawn from.
    assert.deepEqual((a as unknown as { forecast: unknown }).forecast,
      { runs: status.forecast.runs, seed: status.forecast.seed, durationsFrom: status.forecast.teamSource, samples: status.forecast.samples.length });
  });

  it('critical_path: the critical tasks of the status JSON, in order, with float', async () => {
    const a = await ok<{ tasks: { id: string; float: number }[] }>('critical_path');
    assert.deepEqual(a.tasks.map((t) => t.id), status.project.criticalPath);
    const all = [...status.milestones.flatMap((m) => m.tasks), ...status.backlog];
    for (const t of a.tasks) assert.equal(t.float, all.find((x) => x.id === t.id)!.float);
  });

  it('task_details: declared and effective status, dates, float and the linked commits with subjects', async () => {
    const a = await ok<Record<string, unknown> & { commits: { sha: string; subject: string; closing: boolean }[] }>('task_details', { id: 'RET-7' });
    const expected = status.milestones.flatMap((m) => m.tasks).find((t) => t.id === 'RET-7')!;
    for (const key of ['status', 'effectiveStatus', 'plannedStart', 'forecastFinish', 'float', 'critical', 'closedBy', 'actualFinish'] as const) {
      assert.deepEqual(a[key], expected[key], key);
    }
    assert.equal(a.status, 'review');
    assert.equal(a.effectiveStatus, 'done');
    assert.deepEqual(a.commits.map((c) => c.sha), expected.commits);
    const closing = a.commits.find((c) => c.sha === expected.closedBy)!;
    assert.equal(closing.subject, 'Refund calculation handles partial returns');
    assert.equal(closing.closing, true);
  });

  it('next_tasks: the git user\'s open tasks, critical first, each with why', async () => {
    const a = await ok<{ person: string; tasks: { id: string; status: string; why: string[] }[] }>('next_tasks');
    assert.equal(a.person, 'ana');
    const mine = [...status.milestones.flatMap((m) => m.tasks), ...status.backlog]
      .filter((t) => t.assignee === 'ana' && t.effectiveStatus !== 'done' && t.effectiveStatus !== 'dropped');
    assert.deepEqual(new Set(a.tasks.map((t) => t.id)), new Set(mine.map((t) => t.id)));
    const critical = a.tasks.map((t) => t.why.includes('critical path'));
    assert.deepEqual(critical, [...critical].sort((x, y) => Number(y) - Number(x)), 'critical tasks come first');
    for (const t of a.tasks) assert.ok(t.why.includes('ready') || t.why.some((w) => w.startsWith('waiting on ')), t.id);
    const ben = await ok<{ person: string }>('next_tasks', { person: 'ben@harbor.example', limit: 1 });
    assert.equal(ben.person, 'ben');
  });

  it('validate_plan: no errors on the demo', async () => {
    const a = await ok<{ errors: number; diagnostics: { line: number; col: number }[] }>('validate_plan');
    assert.equal(a.errors, 0);
    for (const d of a.diagnostics) assert.ok(d.line >= 1 && d.col >= 1);
  });

  it('serves project.yml and the status JSON as resources, nothing else', async () => {
    const { resources } = await client.listResources();
    assert.deepEqual(resources.map((r) => r.uri), ['waymark://project.yml', 'waymark://status.json']);
    const yml = await client.readResource({ uri: 'waymark://project.yml' });
    assert.equal((yml.contents[0] as { text: string }).text, planText());
    const json = await client.readResource({ uri: 'waymark://status.json' });
    assert.deepEqual(JSON.parse((json.contents[0] as { text: string }).text), status);
    await assert.rejects(client.readResource({ uri: `file://${join(dir, '..', '..', 'etc', 'passwd')}` }), /serves only/);
  });

  it('set_task_status adds exactly one line and answers with that diff; the next read sees it', async () => {
    const before = planText().split('\n');
    const a = await ok<{ changed: boolean; diff: string; summary: string }>('set_task_status', { id: 'RET-13', status: 'review' });
    const after = planText().split('\n');
    const at = before.indexOf('        title: Label and QR code download') + 1;
    assert.deepEqual(after, [...before.slice(0, at), '        status: review', ...before.slice(at)]);
    assert.equal(a.changed, true);
    assert.match(a.diff, /^--- a\/project\.yml\n\+\+\+ b\/project\.yml\n@@ -\d+,6 \+\d+,7 @@\n/);
    assert.deepEqual(a.diff.split('\n').filter((l) => /^[+-][^+-]/.test(l)), ['+        status: review']);
    const t = await ok<{ status: string }>('task_details', { id: 'RET-13' });
    assert.equal(t.status, 'review');
  });

  it('update_task changes only the named fields\' lines', async () => {
    const before = planText().split('\n');
    const a = await ok<{ diff: string }>('update_task', { id: 'RET-13', estimate: '5d', priority: 'high' });
    const after = planText().split('\n');
    const est = before.indexOf('        estimate: 3d', before.indexOf('      - id: RET-13'));
    const expected = [...before];
    expected[est] = '        estimate: 5d';
    expected.splice(est + 2, 0, '        priority: high'); // after `depends:`, the key order of project.yml
    assert.deepEqual(after, expected);
    assert.deepEqual(a.diff.split('\n').filter((l) => /^[+-][^+-]/.test(l)), ['-        estimate: 3d', '+        estimate: 5d', '+        priority: high']);
  });

  it('add_task appends one task to the milestone with the next free id', async () => {
    const before = planText();
    const a = await ok<{ id: string; diff: string }>('add_task', { title: 'Rollback runbook', milestone: 'launch', assignee: 'dara', estimate: '1d', depends: ['RET-27'] });
    assert.equal(a.id, 'RET-31');
    const added = a.diff.split('\n').filter((l) => /^\+[^+]/.test(l));
    assert.deepEqual(added, ['+      - id: RET-31', '+        title: Rollback runbook', '+        assignee: dara', '+        estimate: 1d', '+        depends: [RET-27]']);
    assert.equal(planText().length, before.length + added.reduce((n, l) => n + l.length, 0));
    const t = await ok<{ milestone: string; depends: { id: string }[] }>('task_details', { id: 'RET-31' });
    assert.equal(t.milestone, 'launch');
    assert.deepEqual(t.depends.map((d) => d.id), ['RET-27']);
  });

  it('reloads when the repository HEAD moves: a closing commit makes the task done', async () => {
    git('commit', '--allow-empty', '-q', '-m', 'Label download ready\n\nCloses: RET-13');
    const t = await ok<{ effectiveStatus: string; commits: { subject: string }[] }>('task_details', { id: 'RET-13' });
    assert.equal(t.effectiveStatus, 'done');
    assert.equal(t.commits.at(-1)!.subject, 'Label download ready');
  });

  it('a plan that does not parse: validate_plan gives line and column, the other tools say so', async () => {
    const good = planText();
    try {
      writeFileSync(join(dir, 'project.yml'), good.replace('milestones:', 'milestones: [\n'));
      const a = await ok<{ errors: number; diagnostics: { severity: string; line: number; col: number }[] }>('validate_plan');
      assert.ok(a.errors > 0);
      assert.ok(a.diagnostics.some((d) => d.severity === 'error' && d.line > 1 && d.col >= 1));
      assert.match(await refused('plan_status', {}), /cannot be used .*validate_plan/);
      assert.match(await refused('set_task_status', { id: 'RET-1', status: 'done' }), /cannot be used/);
    } finally {
      writeFileSync(join(dir, 'project.yml'), good);
    }
  });

  it('refuses 200 random bad calls with an error each and keeps answering; nothing is written', async function () {
    this.timeout(120_000);
    const text = planText();
    const head = git('rev-parse', 'HEAD');
    const rand = mulberry32(14);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];
    const badIds = ['--upload-pack=touch x', '-c', '../../etc/passwd', '/etc/passwd', '', ' RET-1', 'RET 1', 'x'.repeat(101), 'NOPE-404', 'beta', 42, null, true, ['RET-1'], { id: 'RET-1' }];
    const badStatuses = ['finished', 'DONE', '--force', '', 'todo ', 7, null, ['done']];
    const calls: (() => [string, unknown])[] = [
      () => [pick(['rm', 'plan-status', 'exec', '../plan_status', '']), {}],
      () => [pick(TOOLS), { [pick(['file', 'repo', 'path', '__proto__x', 'cwd'])]: pick(['../../etc/passwd', '/', '--upload-pack=x', 'C:\\Windows']) }],
      () => {
        const name = pick(['task_details', 'set_task_status', 'update_task']);
        return [name, { id: pick(badIds), ...(name === 'set_task_status' ? { status: 'done' } : name === 'update_task' ? { estimate: '1d' } : {}) }];
      },
      () => ['set_task_status', { id: 'RET-1', status: pick(badStatuses) }],
      () => ['update_task', { id: 'RET-2', ...pick([{}, { estimate: 'soon' }, { due: '2026-13-45' }, { due: '21.11.2026' }, { priority: 'urgent' }, { assignee: 'nobody' }, { assignee: '--exec=x' }, { start: 20261121 }]) }],
      () => ['add_task', pick([{}, { title: '   ' }, { title: '--exec=rm -rf' }, { title: 'x', milestone: 'nope' }, { title: 'x', depends: ['NOPE-1'] }, { title: 'x', id: 'RET-1' }, { title: 'x', depends: 'RET-1' }, { title: 'x', estimate: -3 }])],
      () => ['next_tasks', pick([{ person: 'nobody@example.com' }, { person: '-x' }, { limit: 0 }, { limit: 101 }, { limit: 2.5 }, { limit: '5' }, { person: 'ana', limit: null }])],
    ];
    let errors = 0;
    for (let i = 0; i < 200; i++) {
      const [name, args] = pick(calls)();
      try {
        const r = (await client.callTool({ name, arguments: args as Record<string, unknown> })) as Answer;
        assert.equal(r.isError, true, `call ${i} ${name} ${JSON.stringify(args)} was answered: ${r.content[0]?.text}`);
        assert.ok(r.content[0].text!.length > 10, r.content[0].text);
      } catch (e) {
        // The SDK refuses some calls itself (arguments that are not an object): also an error answer.
        if (e instanceof assert.AssertionError) throw e;
      }
      errors++;
    }
    assert.equal(errors, 200);
    assert.equal(planText(), text);
    assert.equal(git('rev-parse', 'HEAD'), head);
    assert.equal(git('status', '--porcelain'), 'M project.yml', 'no stray file (e.g. from an option passed to git)');
    const a = await ok<{ today: string }>('plan_status');
    assert.equal(a.today, TODAY);
    assert.doesNotMatch(stderr, /\n\s+at /, 'no unexpected exception was logged');
  });
});

