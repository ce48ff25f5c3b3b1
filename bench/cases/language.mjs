// Editor language features: what one keystroke or one request costs in the
// extension host on generated 1k- and 10k-task plans, next to parsePlan of the
// same text (the debounced diagnostics pass, and the floor every feature that
// needs the typed plan pays).
// - completion: the text-only cursor context + the id scan + the suggestions,
//   at a `depends: [` inside the last task (works on text that does not parse);
// - id index: definitions and references from the parsed Document (go to
//   definition, references, hover), then one lookup.
// - keystroke to diagnostics on a 5k-task plan (issue 19): one character typed
//   into a task's title, or a dependency typed wrong (an error to report), then
//   what the debounced diagnostics pass computes: reparsePlan of the new text
//   from the previous parse, which PlanDocuments keeps (only the task typed in
//   is read again); the editor's full parse of the same text (parsePlan with
//   reparse: true, what reparsePlan falls back to) is the reference beside
//   it. p95 and median over 40 keystrokes spread over the file. The debounce
//   wait before it (pacing.ts) is not counted.
// CPU time, median of alternating runs (the machine is shared).
//
// Run: npm run bench (all cases) or `npm run compile-tests && node bench/cases/language.mjs`.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cached } from './parse.mjs';
import { cpuMs, median, round } from '../stats.mjs';

const require = createRequire(import.meta.url);
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export default async function run(ctx = {}) {
  const { parsePlan } = require(join(ROOT, 'out/src/core/parse.js'));
  const { documentOf } = require(join(ROOT, 'out/src/core/syntaxTree.js'));
  const { valueContextAt, scanIds } = require(join(ROOT, 'out/src/vscode/language/yamlContext.js'));
  const { suggestionsFor, idsOfPlan } = require(join(ROOT, 'out/src/vscode/language/suggest.js'));
  const { buildIdIndex } = require(join(ROOT, 'out/src/vscode/language/idIndex.js'));
  // The keystrokes first: the 10k rows below leave hundreds of MB of garbage that the collector
  // would otherwise clear during them (the p95 would measure this bench's order, not a keystroke).
  const rows = keystrokes(parsePlan, ctx.quick ? 20 : 40);
  // parsePlan of 10k tasks is the slow part here: few runs (medians of CPU time are stable).
  const sizes = ctx.quick ? [[1000, 9]] : [[1000, 21], [10_000, 5]];
  for (const [n, runs] of sizes) {
    const text = cached(n);
    const parsed = parsePlan(text);
    if (!parsed.plan || parsed.plan.tasks.length !== n) throw new Error(`generated ${n}-task plan did not parse`);
    // Cursor right after `depends: [` of the last task that has one.
    const at = text.lastIndexOf('depends: [') + 'depends: ['.length;
    // The editor's path: cursor context from the text, ids from the latest parse (kept by the
    // debounced diagnostics pass). Fallback before any parse: a line scan for ids.
    const completeWith = (ids) => () => {
      const ctx = valueContextAt(text, at);
      if (!ctx || ctx.key !== 'depends') throw new Error('no depends context at the cursor');
      return suggestionsFor(ctx, ids());
    };
    const complete = completeWith(() => idsOfPlan(parsed.plan));
    const completeScan = completeWith(() => scanIds(text));
    for (const f of [complete, completeScan]) {
      const got = f().length;
      if (got < n - 3) throw new Error(`expected ~${n} suggestions, got ${got}`);
    }
    const index = () => {
      const idx = buildIdIndex(text, documentOf(parsed));
      if (!idx.at(at + 2)) throw new Error('no id under the cursor');
      return idx;
    };
    for (let i = 0; i < (n > 1000 ? 1 : 3); i++) { parsePlan(text); complete(); completeScan(); index(); } // warm-up (JIT)
    const tParse = []; const tComplete = []; const tScan = []; const tIndex = [];
    // Short operations are repeated inside one CPU-time sample so the clock's resolution does not dominate.
    const rep = n === 1000 ? 5 : 1;
    for (let i = 0; i < runs; i++) {
      tParse.push(cpuMs(() => parsePlan(text), rep));
      tComplete.push(cpuMs(complete, rep));
      tScan.push(cpuMs(completeScan, rep));
      tIndex.push(cpuMs(index, rep));
    }
    const label = `language ${n / 1000}k tasks`;
    const parse = median(tParse);
    rows.push({ case: label, metric: 'completion in depends (text context + ids of the last parse), CPU', value: round(median(tComplete)), unit: 'ms', reference: { label: 'parsePlan', value: round(parse) }, target: n === 1000 ? '< 16 ms' : '< 50 ms' });
    rows.push({ case: label, metric: 'completion, fallback before any parse (line scan for ids), CPU', value: round(median(tScan)), unit: 'ms', reference: { label: 'parsePlan', value: round(parse) } });
    rows.push({ case: label, metric: 'id index from the parsed Document, CPU', value: round(median(tIndex)), unit: 'ms', reference: { label: 'parsePlan', value: round(parse) } });
  }
  return rows;
}

/** 95th percentile (nearest rank). */
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.95) - 1];

function keystrokes(parsePlan, count) {
  const { EDITOR_MAX_BYTES } = require(join(ROOT, 'out/src/core/parse.js'));
  const { reparsePlan } = require(join(ROOT, 'out/src/core/reparse.js'));
  const n = 5000;
  let text = cached(n);
  const options = { maxBytes: EDITOR_MAX_BYTES };
  // The editor's full parse (reparsePlan without a previous parse): one the next keystroke can start from.
  const diagnose = (t) => parsePlan(t, { ...options, reparse: true });
  for (let i = 0; i < 3; i++) diagnose(text); // warm-up (JIT)
  // The editor's pass keeps the previous parse (PlanDocuments) and reparses from it.
  let previous = diagnose(text);
  // Warm-up (JIT) of the reparse: a character and a wrong dependency typed and typed away in the second task.
  const title = text.indexOf('"', text.indexOf('- id: BEN-2\n')) + 1;
  const deps = text.indexOf('depends: [', text.indexOf('- id: BEN-2\n')) + 'depends: ['.length;
  for (let i = 0; i < 20; i++) {
    const [at, insert] = i % 2 ? [deps, 'BEN-0, '] : [title, 'w'];
    previous = reparsePlan(previous, text.slice(0, at) + insert + text.slice(at), options);
    previous = reparsePlan(previous, text, options);
  }
  const start = text;
  const times = [];
  const typed = []; // [offset, inserted], to type the same again for the reference (keeping 40 texts would grow the heap)
  let errors = 0;
  for (let k = 0; k < count; k++) {
    const id = `BEN-${1 + Math.floor(((k * 7919) % n))}`;
    let at;
    let insert;
    if (k % 4 === 3) {
      // A dependency typed wrong: the pass must report it.
      at = text.indexOf(`depends: [`, text.indexOf(`- id: ${id}\n`)) + 'depends: ['.length;
      insert = 'BEN-0, ';
    } else {
      at = text.indexOf('"', text.indexOf(`- id: ${id}\n`)) + 1;
      insert = 'x';
    }
    text = text.slice(0, at) + insert + text.slice(at);
    let parsed;
    times.push(cpuMs(() => { parsed = reparsePlan(previous, text, options); }));
    typed.push([at, insert]);
    if (!parsed.plan) throw new Error('keystroke left the plan unreadable');
    previous = parsed;
    if (insert !== 'x') {
      if (!parsed.diagnostics.some((d) => d.severity === 'error')) throw new Error('a wrong dependency was not reported');
      errors++;
      text = text.slice(0, at) + text.slice(at + insert.length); // typed away again
      previous = reparsePlan(previous, text, options);
    }
  }
  // The reference after, not alternating: a full parse's garbage would be collected during the reparses.
  previous = undefined;
  text = start;
  const full = typed.map(([at, insert]) => {
    const t = text.slice(0, at) + insert + text.slice(at);
    if (insert === 'x') text = t;
    return cpuMs(() => diagnose(t));
  });
  const label = `language ${n / 1000}k tasks`;
  return [
    { case: label, metric: `keystroke to diagnostics (incremental reparse from the previous parse), p95 of ${count}, ${errors} with an error, CPU`, value: round(p95(times)), unit: 'ms', reference: { label: 'full parsePlan p95', value: round(p95(full)) }, target: '< 50 ms' },
    { case: label, metric: `keystroke to diagnostics (incremental reparse), median of ${count}, CPU`, value: round(median(times)), unit: 'ms', reference: { label: 'full parsePlan median', value: round(median(full)) } },
  ];
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const row of await run()) console.log(JSON.stringify(row));
}
