// The agent tool set's pure parts: the strict input checker, the unified diff
// writes answer with (checked by `git apply` on the real file), the
// next-task reasons, and package.json's languageModelTools kept equal to the
// core definitions.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unifiedDiff } from '../../src/core/agent/diff';
import { AgentInputError, checkInput } from '../../src/core/agent/schema';
import { AGENT_TOOLS, findTool, runTool, toolList } from '../../src/core/agent/tools';
import { agentState, type AgentHost } from '../../src/core/agent/host';
import { analyzePlan, type PlanAnalysis } from '../../src/core/analyze';
import { buildStatus } from '../../src/core/report/status';
import { parsePlan } from '../../src/core/parse';
import { explainNextTasks } from '../../src/core/nextTasks';
import { tempDir } from './gitRepoFixture';
import { planOf } from './planFixture';

const ROOT = resolve(__dirname, '..', '..', '..');

describe('agent tools: input checks', () => {
  const schema = (name: string) => findTool(name).inputSchema;
  const refusal = (name: string, input: unknown): string => {
    try {
      checkInput(schema(name), input);
    } catch (e) {
      assert.ok(e instanceof AgentInputError);
      return e.message;
    }
    assert.fail(`${name} accepted ${JSON.stringify(input)}`);
  };

  it('accepts what the schemas describe', () => {
    checkInput(schema('set_task_status'), { id: 'RET-1', status: 'done' });
    checkInput(schema('update_task'), { id: 'a.b_c-1', due: null, estimate: '2.5d', priority: 'low' });
    checkInput(schema('add_task'), { title: 'x', depends: ['A-1', 'beta'] });
    checkInput(schema('next_tasks'), {});
  });

  it('names the property and the reason when it refuses', () => {
    assert.equal(refusal('plan_status', { file: '/etc/passwd' }), 'input has an unknown property "file"; it takes none.');
    assert.equal(refusal('task_details', {}), 'input needs the property \'id\'.');
    assert.equal(refusal('task_details', { id: '--upload-pack=x' }), 'input.id "--upload-pack=x" looks like a command-line option; it is refused.');
    assert.match(refusal('task_details', { id: '../x' }), /^input\.id "\.\.\/x" is not valid \(task id/);
    assert.equal(refusal('set_task_status', { id: 'A-1', status: 'finished' }), 'input.status "finished" is not one of todo, in-progress, review, blocked, done, dropped.');
    assert.equal(refusal('next_tasks', { limit: 2.5 }), 'input.limit must be a whole number.');
    assert.equal(refusal('add_task', { title: 'x', depends: 'A-1' }), 'input.depends must be an array, not string.');
    assert.equal(refusal('add_task', { title: 'a\u0000b' }), 'input.title holds control characters.');
    assert.equal(refusal('update_task', []), 'input must be an object, not array.');
  });

  it('every tool has a short description and a closed object schema', () => {
    for (const t of AGENT_TOOLS) {
      assert.ok(t.description.length <= 160, t.name);
      assert.equal(t.inputSchema.additionalProperties, false, t.name);
      assert.ok(Boolean(t.read) !== Boolean(t.edit), `${t.name} reads or writes`);
    }
  });

  it('package.json contributes the same tools to VS Code', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { contributes: { languageModelTools?: { name: string; modelDescription: string; inputSchema: unknown }[] } };
    const contributed = (pkg.contributes.languageModelTools ?? []).map((t) => ({ name: t.name.replace(/^waymark_/, ''), description: t.modelDescription, inputSchema: t.inputSchema }));
    assert.deepEqual(contributed, JSON.parse(JSON.stringify(toolList())));
  });
});

describe('agent tools: unified diff', () => {
  let dir: string;
  before(() => { dir = tempDir('waymark-diff-'); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const applies = (before: string, after: string) => {
    writeFileSync(join(dir, 'project.yml'), before);
    const diff = unifiedDiff('project.yml', before, after);
    writeFileSync(join(dir, 'change.diff'), diff);
    execFileSync('git', ['apply', '--unidiff-zero', 'change.diff'], { cwd: dir });
    assert.equal(readFileSync(join(dir, 'project.yml'), 'utf8'), after);
    return diff;
  };

  it('is a diff git applies: insert, replace, delete, at the start, the end, without a final newline', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `line ${i + 1}\n`);
    const text = lines.join('');
    assert.equal(applies(text, text.replace('line 10\n', 'line 10\nnew\n')).split('\n')[2], '@@ -8,6 +8,7 @@');
    applies(text, text.replace('line 3\n', 'LINE 3\n').replace('line 5\n', 'LINE 5\n'));
    applies(text, text.replace('line 1\n', ''));
    applies(text, `${text}tail\n`);
    applies(text, text.slice(0, -1));
    applies('a\nb', 'a\nc');
    assert.equal(unifiedDiff('project.yml', text, text), '');
  });

  it('keeps unchanged lines between two changes as context', () => {
    const diff = unifiedDiff('p', 'a\nb\nc\n', 'A\nb\nC\n');
    assert.deepEqual(diff.split('\n').slice(3), ['-a', '+A', ' b', '-c', '+C', '']);
  });
});

describe('next tasks: the reasons', () => {
  it('says critical path, priority, ready or what it waits on, and the planned start', () => {
    const plan = planOf(`project: { name: P }
people: [{ id: ana, name: Ana }]
milestones:
  - id: m
    title: M
    tasks:
      - { id: T-1, title: one, assignee: ana, status: done }
      - { id: T-2, title: two, assignee: ana, priority: high, depends: [T-1] }
      - { id: T-3, title: three, assignee: ana, depends: [T-2], status: in-progress }
`);
    const facts = (critical: string[]) => (t: { id: string; status: string }) => ({ effective: t.status as 'todo', critical: critical.includes(t.id), plannedStart: t.id === 'T-3' ? '2026-02-02' : undefined });
    const got = explainNextTasks(plan.tasks, 'ana', facts(['T-3']), (id) => id === 'T-1');
    assert.deepEqual(got.map((n) => [n.task.id, n.why]), [
      ['T-3', ['critical path', 'waiting on T-2', 'in-progress', 'planned start 2026-02-02']],
      ['T-2', ['priority high', 'ready']],
    ]);
  });
});

describe('agent tools: each computes what it returns', () => {
  // The status JSON holds the Monte Carlo forecast (1,000 schedules); a tool
  // that shows no forecast figure must not run it (it used to be built for
  // every call, whatever the tool).
  const text = `version: 1
project: { name: P, start: 2026-01-05 }
people: [{ id: ana, name: Ana }]
milestones:
  - id: m
    title: M
    due: 2026-01-16
    tasks:
      - { id: T-1, title: one, assignee: ana, estimate: 2d }
      - { id: T-2, title: two, assignee: ana, estimate: 1d, depends: [T-1] }
`;
  const file = parsePlan(text);
  let forecastReads = 0;
  const counted = (a: PlanAnalysis): PlanAnalysis => new Proxy(a, {
    get: (t, k, receiver) => { if (k === 'forecast') forecastReads++; return Reflect.get(t, k, receiver); },
  });
  const analysis = counted(analyzePlan(file.plan!, undefined, { today: '2026-01-05' }));
  const state = agentState('/nowhere/project.yml', file, '2026-01-05', analysis);
  const host: AgentHost = { state: async () => state, userEmail: async () => undefined, write: async () => ({ ok: false, reason: 'read only' }) };
  const expected = buildStatus({ analysis: analyzePlan(file.plan!, undefined, { today: '2026-01-05' }) });

  it('next_tasks, critical_path and validate_plan run no forecast; task_details and plan_status do, with the status figures', async () => {
    const next = await runTool('next_tasks', { person: 'ana' }, host) as { tasks: { id: string; float: number; forecastFinish: string }[] };
    assert.deepEqual(next.tasks.map((t) => [t.id, t.float, t.forecastFinish]), expected.milestones[0].tasks.map((t) => [t.id, t.float, t.forecastFinish]));
    const path = await runTool('critical_path', {}, host) as { forecastFinish: string; tasks: { id: string }[] };
    assert.equal(path.forecastFinish, expected.project.forecastFinish);
    assert.deepEqual(path.tasks.map((t) => t.id), ['T-1', 'T-2']);
    await runTool('validate_plan', {}, host);
    assert.equal(forecastReads, 0, 'no forecast before a tool shows it');
    const details = await runTool('task_details', { id: 'T-2' }, host) as Record<string, unknown>;
    const t2 = expected.milestones[0].tasks[1];
    assert.deepEqual(Object.fromEntries(Object.keys(t2).map((k) => [k, details[k]])), t2);
    assert.ok(forecastReads > 0, 'task_details shows the criticality');
    const status = await runTool('plan_status', {}, host) as { milestones: { forecastP85: string; health: string }[] };
    assert.deepEqual([status.milestones[0].forecastP85, status.milestones[0].health], [expected.milestones[0].forecastP85, expected.milestones[0].health]);
  });
});
