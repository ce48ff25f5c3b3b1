#!/usr/bin/env node
// `npm run bench`: runs every bench/cases/*.mjs (sorted), prints ONE table and
// writes bench/results.json (machine, date, rows). `npm run bench` builds and
// compiles first; cases import compiled code from out/ or the bundles in dist/.
//
// A case: `export default async function run(ctx)` returning rows
//   { case, metric, value, unit, reference?: { label, value }, target?: string }
// ctx: { root, cacheDir, log, quick }
// `target` like '< 30 ms' or '<= 1.3x' is checked against `value` (or against
// the ratio value/reference when it ends in x) and marked ✔ or ✘.
//
// Usage: node bench/run.mjs [name-filter...] [--quick] [--out <file>]
//   --quick   smaller sizes / fewer runs where a case supports it (ctx.quick)
// Exit code 1 when a case throws; a missed target only shows ✘ (numbers vary by machine).
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, loadavg, platform, release, arch } from 'node:os';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';
import { cleanup } from '../test/vscode/lib.mjs';
import { CACHE_DIR as cacheDir } from './fixtures/cache.mjs';
import { checkTarget, ratio } from './targets.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  const o = { filters: [], quick: false, out: join(root, 'bench', 'results.json') };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--quick') o.quick = true;
    else if (argv[i] === '--out') o.out = argv[++i];
    else if (argv[i].startsWith('-')) throw new Error(`unknown option ${argv[i]}`);
    else o.filters.push(argv[i]);
  }
  return o;
}

function fmt(v) {
  if (typeof v !== 'number') return String(v ?? '');
  if (Number.isNaN(v)) return '—';
  return Math.abs(v) >= 100 ? String(Math.round(v)) : String(Math.round(v * 100) / 100);
}

function table(rows) {
  const header = ['case', 'metric', 'value', 'reference', 'ratio', 'target'];
  const cells = rows.map((r) => {
    const r2 = ratio(r);
    const ok = checkTarget(r);
    return [
      r.case, r.metric, `${fmt(r.value)} ${r.unit ?? ''}`.trim(),
      r.reference ? `${fmt(r.reference.value)} (${r.reference.label})` : '',
      r2 === undefined ? '' : `${fmt(r2)}x`,
      r.target ? `${r.target}${ok === undefined ? '' : ok ? ' ✔' : ' ✘'}` : '',
    ];
  });
  const widths = header.map((h, i) => Math.min(70, Math.max(h.length, ...cells.map((c) => String(c[i]).length))));
  const line = (c) => c.map((x, i) => String(x).padEnd(widths[i])).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

function machine() {
  const c = cpus();
  let gitHead;
  try { gitHead = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim(); } catch { /* not a repo */ }
  return {
    cpu: c[0]?.model, cores: c.length, memoryGB: Math.round(totalmem() / 2 ** 30), loadavg: loadavg().map((x) => Math.round(x * 100) / 100),
    os: `${platform()} ${release()} ${arch()}`, node: process.version, commit: gitHead,
  };
}

/**
 * NODE_EXTRA_CA_CERTS makes every Node process (Node 20) read and parse that
 * certificate file as it starts: on this workplace's machines, where it is
 * set for npm, about 50 ms per process, which no Waymark code runs and a
 * user's shell does not usually pay. The bench fetches nothing, so the Node
 * processes it measures run without it; what it would add is printed.
 */
function withoutExtraCaCerts() {
  const file = process.env.NODE_EXTRA_CA_CERTS;
  if (!file) return undefined;
  const start = (env) => {
    const ms = [];
    for (let i = 0; i < 7; i++) { const t0 = performance.now(); execFileSync(process.execPath, ['-e', '0'], { env }); ms.push(performance.now() - t0); }
    return ms.sort((a, b) => a - b)[3];
  };
  const withIt = start(process.env);
  delete process.env.NODE_EXTRA_CA_CERTS;
  const without = start(process.env);
  return `NODE_EXTRA_CA_CERTS (${file}) is unset for the Node processes measured: \`node -e 0\` takes ${withIt.toFixed(0)} ms with it, ${without.toFixed(0)} ms without (median of 7)`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const envNote = withoutExtraCaCerts();
  if (envNote) console.error(`[bench] ${envNote}`);
  const casesDir = join(root, 'bench', 'cases');
  const files = readdirSync(casesDir).filter((f) => f.endsWith('.mjs')).sort()
    .filter((f) => opts.filters.length === 0 || opts.filters.some((x) => f.includes(x)));
  if (files.length === 0) throw new Error(`no bench case matches ${opts.filters.join(', ')}`);
  mkdirSync(cacheDir, { recursive: true });
  const rows = [];
  const failures = [];
  const timings = {};
  for (const f of files) {
    const name = basename(f, '.mjs');
    const log = (...a) => console.error(`[bench ${name}]`, ...a);
    const started = performance.now();
    log('running…');
    try {
      const mod = await import(pathToFileURL(join(casesDir, f)).href);
      if (typeof mod.default !== 'function') throw new Error('no `export default async function run(ctx)`');
      const out = await mod.default({ root, cacheDir, log, quick: opts.quick });
      if (!Array.isArray(out)) throw new Error('run(ctx) must return an array of rows');
      for (const r of out) {
        if (!r || typeof r.case !== 'string' || typeof r.metric !== 'string' || !('value' in r)) throw new Error(`bad row ${JSON.stringify(r)}: needs case, metric, value`);
        rows.push({ ...r, ratio: ratio(r), targetMet: checkTarget(r), file: f });
      }
    } catch (e) {
      failures.push({ file: f, error: e.message });
      log(`FAILED: ${e.stack ?? e.message}`);
    } finally {
      await cleanup(); // servers/browsers a case started through the test/vscode harness
    }
    timings[f] = Math.round(performance.now() - started);
    log(`done (${(timings[f] / 1000).toFixed(1)} s)`);
  }
  console.log(`\n${table(rows)}\n`);
  const load = loadavg()[0] / cpus().length;
  if (load > 1.2) console.log(`note: load average ${loadavg()[0].toFixed(1)} on ${cpus().length} cores: wall-clock figures are inflated; compare ratios and CPU rows`);
  if (envNote) console.log(`note: ${envNote}`);
  const missed = rows.filter((r) => r.targetMet === false);
  if (missed.length) console.log(`targets missed: ${missed.map((r) => `${r.case} ${r.metric}`).join('; ')}`);
  for (const f of failures) console.log(`case ${f.file} FAILED: ${f.error.split('\n')[0]}`);
  writeFileSync(opts.out, JSON.stringify({ date: new Date().toISOString(), machine: machine(), environment: envNote ?? null, quick: opts.quick, timingsMs: timings, failures, rows }, null, 2) + '\n');
  console.log(`wrote ${opts.out}`);
  process.exit(failures.length ? 1 : 0);
}

main().catch(async (e) => {
  console.error(`bench: ${e.message}`);
  await cleanup();
  process.exit(1);
});
