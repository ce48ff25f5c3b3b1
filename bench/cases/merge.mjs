// Merge bench: two edited copies of a 1k-task plan merged by meaning
// (mergePlans in-process, and the whole `waymark merge-driver` process), next
// to `git merge-file` on the same three files.
// Targets (issue 13): the merge within 10x of git merge-file and under 150 ms.
//
// Run: `npm run compile-tests && node bench/run.mjs merge`.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
    const engine = []; const engineCpu = []; const driver = []; const git = [];
    for (let i = 0; i < runs; i++) {
      engine.push(wallMs(() => mergePlans(base, ours, theirs)));
      engineCpu.push(cpuMs(() => mergePlans(base, ours, theirs)));
      copyFileSync(o, work);
      driver.push(wallMs(() => execFileSync(process.execPath, [join(ROOT, 'out/src/cli/main.js'), 'merge-driver', b, work, t])));
      copyFileSync(o, work);
      git.push(wallMs(() => { try { execFileSync('git', ['merge-file', work, b, t], { stdio: 'ignore' }); } catch { /* conflicts: exit > 0 */ } }));
    }
    const ref = { label: 'git merge-file (process)', value: round(median(git)) };
    return [
      { case: 'merge 1k tasks (2 x 25 edits)', metric: 'mergePlans in-process, wall ms', value: round(median(engine)), unit: 'ms', reference: ref, target: '<= 10x' },
      { case: 'merge 1k tasks (2 x 25 edits)', metric: 'mergePlans in-process, CPU ms', value: round(median(engineCpu)), unit: 'ms', target: '< 150 ms' },
      { case: 'merge 1k tasks (2 x 25 edits)', metric: 'waymark merge-driver process, wall ms', value: round(median(driver)), unit: 'ms', reference: ref },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await run()) console.log(JSON.stringify(row));
}
