// Agent bench: what the tool list costs an agent's context (characters, and
// tokens estimated as characters / 4), and how long `plan_status` takes over
// MCP, measured from the SDK client: on the demo and on a 1k-task plan with a
// 100k-commit history. "Warm" is a call after the first (the plan and the
// history are unchanged, so the server answers from what it computed).
//
// Run: `npm run build && npm run compile-tests && node bench/run.mjs agent`.
// WAYMARK_BENCH_COMMITS overrides the big repository's size.
import { execFileSync } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { buildBigRepo } from '../fixtures/bigRepo.mjs';
import { median, round } from '../stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const RUNS = 15;

async function connect(args, cwd) {
  const transport = new StdioClientTransport({ command: process.execPath, args: [join(ROOT, 'dist/cli.js'), 'mcp', ...args], cwd, stderr: 'ignore' });
  const client = new Client({ name: 'waymark-bench', version: '1.0.0' });
  await client.connect(transport);
  return client;
}

async function timedCalls(client, name, runs, before = () => {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    before(i);
    const t0 = performance.now();
    const r = await client.callTool({ name, arguments: {} });
    times.push(performance.now() - t0);
    if (r.isError) throw new Error(`${name}: ${r.content[0]?.text}`);
  }
  return times;
}

async function latency(label, args, cwd, runs, log, change) {
  const client = await connect(args, cwd);
  try {
    const [cold] = await timedCalls(client, 'plan_status', 1);
    const warm = await timedCalls(client, 'plan_status', runs);
    log(`${label}: cold ${round(cold)} ms, warm median ${round(median(warm))} ms, best ${round(Math.min(...warm))} ms`);
    if (!change) return { cold, warm: median(warm) };
    const changed = await timedCalls(client, 'plan_status', runs, change);
    log(`${label}: after a change of project.yml, median ${round(median(changed))} ms`);
    return { cold, warm: median(warm), changed: median(changed) };
  } finally {
    await client.close();
  }
}

export default async function run(ctx) {
  const log = ctx?.log ?? console.log;
  const { toolList } = require(join(ROOT, 'out/src/core/agent/tools.js'));
  const chars = JSON.stringify(toolList()).length;
  const rows = [
    { case: 'agent', metric: 'tool list size', value: chars, unit: 'chars' },
    { case: 'agent', metric: 'tool list size (chars/4)', value: Math.round(chars / 4), unit: 'tokens', target: '< 2500' },
  ];

  const demo = mkdtempSync(join(tmpdir(), 'waymark-bench-agent-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'examples/demo/build-repo.mjs'), demo, '--force'], { stdio: 'pipe' });
    const d = await latency('demo', ['--today', '2026-11-21'], demo, ctx?.quick ? 5 : RUNS, log);
    rows.push({ case: 'agent', metric: 'plan_status demo, first call', value: d.cold, unit: 'ms' });
    rows.push({ case: 'agent', metric: 'plan_status demo, warm', value: d.warm, unit: 'ms', target: '< 100' });
  } finally {
    rmSync(demo, { recursive: true, force: true });
  }

  const commits = Number(process.env.WAYMARK_BENCH_COMMITS ?? (ctx?.quick ? 20_000 : 100_000));
  const repo = buildBigRepo({ commits, tasks: 1000, log });
  // A copy of the plan outside the cached repository, so the bench can change it.
  const tmp = mkdtempSync(join(tmpdir(), 'waymark-bench-agent-'));
  try {
    const plan = join(tmp, 'project.yml');
    copyFileSync(repo.planFile, plan);
    const touch = (i) => appendFileSync(plan, `# bench ${i}\n`);
    const big = await latency(`1k tasks, ${commits} commits`, ['--file', plan, '--repo', repo.dir], repo.dir, ctx?.quick ? 5 : RUNS, log, touch);
    const what = `plan_status 1k tasks / ${commits / 1000}k commits`;
    rows.push({ case: 'agent', metric: `${what}, first call`, value: big.cold, unit: 'ms' });
    rows.push({ case: 'agent', metric: `${what}, warm`, value: big.warm, unit: 'ms', target: '< 100' });
    rows.push({ case: 'agent', metric: `${what}, project.yml changed`, value: big.changed, unit: 'ms' });
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return rows;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await run({})) console.log(r);
}
