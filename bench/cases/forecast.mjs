// Monte Carlo forecast bench (issue 20): `forecastPlan` with 1,000 runs on
// the demo (its real git history: estimate accuracy from the commits) and on
// a generated 1k-task plan (no history: the default spread), each beside one
// deterministic `schedulePlan` of the same plan, the floor a run costs.
// Targets: the demo under 100 ms, 1k tasks under 1 s.
//
// Run: `npm run compile-tests && node bench/run.mjs forecast`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { median, round } from '../stats.mjs';
import { generateYaml } from './schedule.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Median wall and CPU (process.cpuUsage: user + system) milliseconds; CPU is what counts on a shared machine. */
function time(fn, runs) {
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

export default async function run(ctx = {}) {
  const { parsePlan } = require(join(ROOT, 'out/src/core/parse.js'));
  const { schedulePlan } = require(join(ROOT, 'out/src/core/schedule.js'));
  const { computeProgress } = require(join(ROOT, 'out/src/core/progress.js'));
  const { scanHistory } = require(join(ROOT, 'out/src/core/git/history.js'));
  const { forecastPlan } = require(join(ROOT, 'out/src/core/forecast/monteCarlo.js'));
  const rows = [];
  const measure = (label, plan, progress, today, repeats, target) => {
    const options = { today, runs: 1000 };
    forecastPlan(plan, progress, options); // warm-up (JIT)
    const one = time(() => schedulePlan(plan, progress, { today }), 50);
    const mc = time(() => forecastPlan(plan, progress, options), repeats);
    rows.push({ case: label, metric: 'forecastPlan 1,000 runs median', value: round(mc.wall), unit: 'ms', reference: { label: 'one schedulePlan, same plan', value: round(one.wall, 3) }, target });
    rows.push({ case: label, metric: 'forecastPlan 1,000 runs CPU median', value: round(mc.cpu), unit: 'ms', reference: { label: 'one schedulePlan CPU', value: round(one.cpu, 3) }, target });
    // The site's forecast: no criticality index, so runs after the first schedule only what open work can move.
    const lean = time(() => forecastPlan(plan, progress, { ...options, criticality: false }), repeats);
    rows.push({ case: label, metric: 'forecastPlan 1,000 runs without criticality (the site\'s) CPU median', value: round(lean.cpu), unit: 'ms', reference: { label: 'one schedulePlan CPU', value: round(one.cpu, 3) }, target });
  };
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-demo-'));
  try {
    execFileSync(process.execPath, [join(ROOT, 'examples/demo/build-repo.mjs'), dir, '--force'], { stdio: 'pipe' });
    const plan = parsePlan(readFileSync(join(dir, 'project.yml'))).plan;
    const progress = computeProgress(plan, await scanHistory(dir, plan, {}), '50/50');
    measure('forecast demo (30 tasks, history)', plan, progress, '2026-12-06', ctx.quick ? 3 : 7, '< 100 ms');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const big = parsePlan(generateYaml(1000)).plan;
  measure('forecast 1k tasks (default spread)', big, computeProgress(big, undefined), '2026-06-01', ctx.quick ? 1 : 5, '< 1000 ms');
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await run()) console.log(JSON.stringify(row));
}
