// Scheduling bench: schedulePlan (Kahn order, forward/backward pass, forecast,
// milestone health) on generated plans of 10k tasks / 20k dependencies and
// 100k tasks / 200k dependencies, next to parsePlan of the same YAML text, and
// what resolving the `depends` ids costs (parsePlan does it for the scheduler).
// Targets (issue 5): 10k under 20 ms, 100k under 150 ms.
//
// Run: npm run bench (all cases) or `npm run compile-tests && node bench/cases/schedule.mjs`.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CACHE_DIR, cachedText, rng } from '../fixtures/cache.mjs';
import { median, round } from '../stats.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * project.yml text: `n` tasks in milestones of 100, each depending on
 * `depsPer` distinct earlier tasks within the previous 200 (so a DAG with
 * long chains across milestones), 20 people with days off, holidays, some
 * pinned starts, dues and done tasks. Deterministic for a given n.
 */
export function generateYaml(n, depsPer = 2, seed = 11) {
  const r = rng(seed);
  const out = [];
  out.push('version: 1', 'project:', `  name: Schedule bench ${n}`, '  start: 2026-01-05', '  calendar:',
    '    workdays: [mon, tue, wed, thu, fri]', '    hoursPerDay: 8',
    '    holidays: [2026-01-19, 2026-02-16, 2026-05-25, 2026-07-03, 2026-09-07, 2026-11-26, 2026-12-25]', 'people:');
  for (let p = 0; p < 20; p++) {
    out.push(`  - id: dev${p}`, `    capacity: ${p % 4 === 0 ? 0.5 : 1}`, `    off: [2026-0${1 + (p % 9)}-1${p % 10}..2026-0${1 + (p % 9)}-2${p % 8}]`);
  }
  out.push('milestones:');
  const units = ['h', 'd', 'd', 'd', 'w'];
  for (let i = 0; i < n; i++) {
    if (i % 100 === 0) {
      const m = i / 100;
      out.push(`  - id: M${m + 1}`, `    title: Milestone ${m + 1}`, `    due: 2027-${String(1 + (m % 12)).padStart(2, '0')}-15`, '    tasks:');
    }
    const deps = new Set();
    for (let k = 0; k < depsPer && i > 0; k++) deps.add(`T-${Math.max(0, i - 1 - Math.floor(r() * Math.min(i, 200)))}`);
    const unit = units[Math.floor(r() * units.length)];
    const amount = unit === 'h' ? 2 + Math.floor(r() * 30) : unit === 'w' ? 1 : 1 + Math.floor(r() * 5);
    let line = `      - { id: T-${i}, title: Task ${i}, estimate: ${amount}${unit}, assignee: dev${Math.floor(r() * 20)}`;
    if (deps.size) line += `, depends: [${[...deps].join(', ')}]`;
    if (r() < 0.03) line += `, start: 2026-0${1 + Math.floor(r() * 9)}-0${1 + Math.floor(r() * 9)}`;
    if (r() < 0.05) line += `, due: 2026-${String(2 + Math.floor(r() * 10)).padStart(2, '0')}-1${Math.floor(r() * 10)}`;
    if (i < n / 10) line += ', status: done';
    out.push(`${line} }`);
  }
  return `${out.join('\n')}\n`;
}


/** Wall-clock and CPU milliseconds per run. CPU time is shown too: on a busy machine it is the steadier figure. */
function time(fn, runs) {
  const wall = [];
  const cpu = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    result = fn();
    wall.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return { ms: median(wall), min: Math.min(...wall), cpu: median(cpu), result };
}

/** A full GC between phases (`gc` is exposed at runtime; no node flag needed). */
function collectGarbage() {
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  gc();
  gc();
}

export default async function run(ctx = {}) {
  const { parsePlan } = require(join(ROOT, 'out/src/core/parse.js'));
  const { schedulePlan } = require(join(ROOT, 'out/src/core/schedule.js'));
  const { computeProgress } = require(join(ROOT, 'out/src/core/progress.js'));
  const { dependenciesOf, resolveDependencies } = require(join(ROOT, 'out/src/core/dependencies.js'));
  const cacheDir = ctx.cacheDir ?? CACHE_DIR; // the runner passes ctx.cacheDir
  const sizes = ctx.quick ? [[10_000, 20, 1, 20]] : [[10_000, 20, 2, 40], [100_000, 150, 1, 15]];
  const rows = [];
  for (const [n, target, parseRuns, runs] of sizes) {
    const text = cachedText(`schedule-${n}.yml`, () => generateYaml(n), cacheDir);
    const parsed = time(() => parsePlan(text, { maxBytes: 64 * 1024 * 1024 }), parseRuns);
    const plan = parsed.result.plan;
    if (!plan) throw new Error(`generated plan of ${n} tasks did not parse: ${parsed.result.diagnostics.slice(0, 3).map((d) => d.message).join('; ')}`);
    // Keep only the Plan (as the scheduler's callers do) and collect the
    // parse's garbage now, so it is not billed to the scheduler's first runs.
    parsed.result = undefined;
    collectGarbage();
    const deps = plan.tasks.reduce((a, t) => a + t.depends.length, 0);
    const progress = computeProgress(plan, undefined);
    const options = { today: '2026-06-01' };
    for (let i = 0; i < 5; i++) schedulePlan({ ...plan }, progress, options); // warm-up (JIT)
    // The scheduler keeps a plan's graph for the plan's lifetime (the Monte
    // Carlo forecast schedules one plan many times), so each timed run gets a
    // plan object of its own: what a changed plan costs. Its `depends` are
    // resolved beforehand, as parsePlan does.
    const fresh = Array.from({ length: runs }, () => { const c = { ...plan }; dependenciesOf(c); return c; });
    let next = 0;
    const sched = time(() => schedulePlan(fresh[next++], progress, options), runs);
    fresh.length = 0;
    const again = time(() => schedulePlan(plan, progress, options), runs);
    const label = `schedule ${n / 1000}k tasks / ${Math.round(deps / 1000)}k deps`;
    const parseRef = { label: 'parsePlan, same plan', value: round(parsed.ms) };
    rows.push({ case: label, metric: 'schedulePlan median', value: round(sched.ms), unit: 'ms', reference: parseRef, target: `< ${target} ms` });
    rows.push({ case: label, metric: 'schedulePlan min', value: round(sched.min), unit: 'ms', reference: parseRef, target: `< ${target} ms` });
    rows.push({ case: label, metric: 'schedulePlan CPU median', value: round(sched.cpu), unit: 'ms', reference: { label: 'parsePlan CPU', value: round(parsed.cpu) }, target: `< ${target} ms` });
    rows.push({ case: label, metric: 'schedulePlan again, same plan (graph kept)', value: round(again.ms), unit: 'ms', reference: parseRef });
    // parsePlan resolves every `depends` id once (dependencies.ts) and the
    // schedules above read the result; this is what that costs, inside the parse.
    const resolved = time(() => resolveDependencies(plan), Math.max(3, runs >> 1));
    rows.push({ case: label, metric: 'resolving depends (part of parsePlan)', value: round(resolved.ms), unit: 'ms', reference: parseRef });
  }
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await run()) console.log(JSON.stringify(row));
}
