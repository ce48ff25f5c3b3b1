// Plan-file bench: parsePlan (syntax tree + typed plan + every validation
// rule) on generated, commented, block-style plans of 1k and 10k tasks, next
// to js-yaml's load of the same text (the fastest JavaScript YAML reader: the
// honest floor), and one status edit on a 1k-task plan. Second rows keep the
// old references visible: yaml's parseDocument, and parsePlan with yaml's
// parser only (ParseOptions.yamlOnly, what every parse cost before the fast reader).
// Targets: issue 19, cold parse + validate of 10k tasks within 3x of js-yaml;
// issue 3, parse + validate within 1.3x of parseDocument; a status edit under 25 ms.
//
// Run: npm run bench (all cases) or `npm run compile-tests && node bench/cases/parse.mjs`.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cachedText, rng } from '../fixtures/cache.mjs';
import { cpuMs, median, round } from '../stats.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/**
 * A plan as people write it: block mappings, comments, blank lines, milestones
 * of 50 tasks, 1-2 dependencies on earlier tasks, estimates in h/d/w,
 * statuses, priorities, tags, 12 people, sprints and risks. Deterministic.
 */
export function generatePlan(n, seed = 7) {
  const r = rng(seed);
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  const out = ['# Generated plan for the parse bench.', 'version: 1', '', 'project:', `  name: Parse bench ${n}`, '  key: BEN',
    '  start: 2026-01-05', '  calendar:', '    workdays: [mon, tue, wed, thu, fri]', '    hoursPerDay: 8',
    '    holidays: [2026-01-19, 2026-05-25, 2026-12-24..2026-12-26]', '', 'people:'];
  for (let p = 0; p < 12; p++) out.push(`  - id: dev${p}`, `    name: Developer ${p}`, `    email: [dev${p}@example.com]`, `    capacity: ${p % 3 === 0 ? 0.5 : 1}`, '    off: [2026-03-02..2026-03-06]');
  out.push('', 'milestones:');
  for (let i = 0; i < n; i++) {
    if (i % 50 === 0) {
      const m = i / 50;
      out.push(`  # --- milestone ${m + 1} ---`, `  - id: M${m + 1}`, `    title: Milestone ${m + 1}`, `    due: 2027-${String(1 + (m % 12)).padStart(2, '0')}-15`, '    tasks:');
    }
    out.push(`      - id: BEN-${i + 1}`, `        title: "Task ${i + 1}: ${pick(['schema', 'api', 'ui', 'docs', 'tests'])}"`);
    out.push(`        status: ${pick(['todo', 'todo', 'in-progress', 'review', 'done', 'blocked'])}   # as of standup`);
    out.push(`        assignee: dev${Math.floor(r() * 12)}`, `        estimate: ${pick(['4h', '1d', '2d', '3d', '1w'])}`);
    if (i > 0) {
      const deps = new Set([`BEN-${Math.max(1, i - Math.floor(r() * 40))}`]);
      if (r() < 0.5 && i > 1) deps.add(`BEN-${Math.max(1, i - Math.floor(r() * 100))}`);
      out.push(`        depends: [${[...deps].join(', ')}]`);
    }
    if (r() < 0.3) out.push(`        priority: ${pick(['low', 'medium', 'high', 'critical'])}`);
    if (r() < 0.3) out.push('        tags: [backend, api]');
    if (r() < 0.1) out.push('        progress: 40%');
    if (r() < 0.05) out.push('        description: |', '          Longer notes on', '          two lines.');
  }
  out.push('', 'sprints:', '  - { id: S1, start: 2026-01-05, end: 2026-01-16, tasks: [BEN-1, BEN-2] }', '', 'risks:',
    '  - id: R1', '    title: Vendor API unstable', '    probability: medium', '    impact: high', '    owner: dev1', '    tasks: [BEN-3]');
  return `${out.join('\n')}\n`;
}

/** The generated plan of n tasks, from bench/.cache when already written (the language case reads it too). */
export function cached(n) {
  return cachedText(`parse-${n}.yml`, () => generatePlan(n));
}

/** Alternating runs so both sides see the same conditions; median of each. */
function compare(a, b, runs) {
  const ta = []; const tb = [];
  for (let i = 0; i < runs; i++) {
    ta.push(cpuMs(a));
    tb.push(cpuMs(b));
  }
  return [median(ta), median(tb)];
}

export default async function run(ctx = {}) {
  const { parsePlan } = require(join(ROOT, 'out/src/core/parse.js'));
  const { setStatus } = require(join(ROOT, 'out/src/core/edit.js'));
  const { parseDocument } = require('yaml');
  // js-yaml comes with the dev tools (eslint); without it the floor row is left out.
  let jsYaml;
  try { jsYaml = require('js-yaml'); } catch { jsYaml = undefined; }
  const rows = [];
  for (const [n, runs] of ctx.quick ? [[1000, 9], [10_000, 3]] : [[1000, 30], [10_000, 9]]) {
    const text = cached(n);
    const check = parsePlan(text);
    if (!check.plan || check.plan.tasks.length !== n || check.diagnostics.length) {
      throw new Error(`generated ${n}-task plan is not clean: ${check.diagnostics.slice(0, 3).map((d) => d.message).join('; ')}`);
    }
    const slow = () => parsePlan(text, { yamlOnly: true });
    for (let i = 0; i < 3; i++) { parseDocument(text); parsePlan(text); slow(); jsYaml?.load(text); } // warm-up (JIT)
    const [plan, floor] = compare(() => parsePlan(text), () => parseDocument(text), runs);
    const label = `parse ${n / 1000}k tasks (${Math.round(text.length / 1024)} KB)`;
    // The runner computes value / reference and checks it against the target.
    if (jsYaml) {
      const [again, js] = compare(() => parsePlan(text), () => jsYaml.load(text), runs);
      rows.push({ case: label, metric: 'parsePlan (parse + validate), CPU ms', value: round(again), unit: 'ms', reference: { label: 'js-yaml load', value: round(js) }, target: n >= 10_000 ? '<= 3x' : undefined });
    }
    rows.push({ case: label, metric: 'parsePlan (parse + validate), CPU ms', value: round(plan), unit: 'ms', reference: { label: 'yaml parseDocument', value: round(floor) }, target: '<= 1.3x' });
    const [before] = compare(slow, () => undefined, Math.max(3, Math.ceil(runs / 3)));
    rows.push({ case: label, metric: 'parsePlan with yaml\'s parser only (yamlOnly), CPU ms', value: round(before), unit: 'ms', reference: { label: 'yaml parseDocument', value: round(floor) } });
  }
  // One status edit on a 1k-task plan: the edit on the parsed plan (what the extension does), and with a fresh parse.
  const text = cached(1000);
  const parsed = parsePlan(text);
  const mid = 'BEN-500';
  const target = parsed.plan.byId.get(mid).status === 'done' ? 'todo' : 'done';
  const edits = [];
  const withParse = [];
  for (let i = 0; i < 30; i++) {
    // Wall time here: a single edit is too short for CPU-time resolution.
    const t0 = performance.now();
    const r = setStatus(parsed, mid, target);
    edits.push(performance.now() - t0);
    if (!r.ok || r.edits.length !== 1) throw new Error(`status edit failed: ${r.reason ?? 'no edit'}`);
    if (i < 9) withParse.push(cpuMs(() => setStatus(parsePlan(text), mid, target)));
  }
  rows.push({ case: 'status edit, 1k tasks', metric: 'setStatus on the parsed plan', value: round(median(edits)), unit: 'ms', reference: { label: 'parsePlan + setStatus (CPU ms)', value: round(median(withParse)) }, target: '< 25 ms' });
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await run()) console.log(JSON.stringify(row));
}
