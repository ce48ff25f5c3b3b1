// Postmortem bench: `generatePostmortem` on a 100k-commit repository whose
// project.yml (1k tasks, ~180 KB) was committed 200 times, against `git log`
// of the same history with the same format writing into a file (the floor any
// report that reads every commit pays, as in bench/cases/history.mjs). The old
// reference, the same git log drained through a Node pipe, stays as a second
// row. Target: under 3 s.
//
// The fixture (built once with git fast-import, cached in bench/.cache/):
// commits every 10 minutes from 2025-01-06, ~30% referencing a task (~5%
// closing); project.yml rewritten every 500 commits. Milestone m3 first
// appears in revision 20 (its baseline), grows from 70 to 100 tasks, is
// re-estimated every 40 revisions, and is released as tag v3.0 at commit 90k
// (revision 180). So the report must find the baseline among 200 revisions,
// read 160 revisions in range and link 90k commits.
//
// Run: npm run bench -- postmortem, or `npm run compile-tests && node bench/run.mjs postmortem`.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rng } from '../fixtures/cache.mjs';
import { AUTHORS as ALL_AUTHORS, START, fastImportRepo, gitLogToFile, rawGitLog } from '../fixtures/gitRepo.mjs';
import { median } from '../stats.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const OUT = resolve(process.env.WAYMARK_OUT ?? join(ROOT, 'out'));
const FORMAT = 1;

const AUTHORS = ALL_AUTHORS.slice(0, 4); // no bot

/** project.yml at revision j (0..revisions-1). */
export function planAt(j, tasks = 1000) {
  const L = ['version: 1', 'project:', '  name: Postmortem bench', '  key: PAY', '  start: 2025-01-06', 'people:'];
  AUTHORS.forEach(([name, email], i) => L.push(`  - id: p${i}`, `    name: ${name}`, `    email: ${email}`));
  L.push('milestones:');
  const perMilestone = 100;
  for (let m = 0; m * perMilestone < tasks; m++) {
    const id = `m${m + 1}`;
    if (id === 'm3' && j < 20) continue; // m3 is planned at revision 20
    L.push(`  - id: ${id}`, `    title: Milestone ${m + 1}`, `    due: 2025-${String((m % 12) + 1).padStart(2, '0')}-15`);
    if (id === 'm3') L.push('    release: v3.0');
    L.push('    tasks:');
    for (let q = 1; q <= perMilestone; q++) {
      const k = m * perMilestone + q;
      if (id === 'm3' && q > Math.min(100, 70 + Math.floor(j / 6))) break; // scope creep
      L.push(`      - id: PAY-${k}`, `        title: Task number ${k}`, `        estimate: ${((k + Math.floor(j / 40)) % 5) + 1}d`, `        assignee: p${k % 4}`);
      if (k <= Math.floor((tasks * j) / 220)) L.push('        status: done');
    }
  }
  return `${L.join('\n')}\n`;
}

function message(r, i, tasks) {
  const subject = `Change ${i}: ${['Add', 'Fix', 'Refactor', 'Update'][i % 4]} the ${['checkout', 'ledger', 'refunds', 'auth'][(i >> 2) % 4]}`;
  const x = r();
  const t = 1 + Math.floor(r() * tasks);
  if (x < 0.05) return `${subject}\n\nfixes PAY-${t}`;
  if (x < 0.3) return `[PAY-${t}] ${subject}`;
  return subject;
}

export function buildPlanHistoryRepo({ commits = 100_000, tasks = 1000, every = 500, releaseAt = 90_000, log = () => {} } = {}) {
  const name = `planhistory-v${FORMAT}-${commits}-${tasks}-${every}`;
  const dir = fastImportRepo({ name, log, marker: 'ok\n', write: (push, data) => {
    const r = rng(7);
    let releaseMark = 0;
    for (let i = 0; i < commits; i++) {
      const [n, e] = AUTHORS[Math.floor(r() * AUTHORS.length)];
      const who = `${n} <${e}> ${START + i * 600} +0000`;
      push(`commit refs/heads/main\nmark :${i + 1}\nauthor ${who}\ncommitter ${who}\n`);
      data(i % every === 0 ? `Plan: revision ${i / every}` : message(r, i, tasks));
      if (i > 0) push(`from :${i}\n`);
      if (i % every === 0) {
        push('M 644 inline project.yml\n');
        data(planAt(i / every, tasks));
      }
      push('\n');
      if (i === releaseAt) releaseMark = i + 1;
    }
    push(`reset refs/tags/v3.0\nfrom :${releaseMark}\n\n`);
  } });
  return { dir, revisions: Math.ceil(commits / every) };
}

/**
 * CPU milliseconds of this process plus the children it reaped (git) during
 * fn: on a loaded machine wall-clock time measures the neighbours, CPU time
 * measures the work. Children come from /proc/self/stat (cutime + cstime).
 */
export async function cpuOf(fn) {
  const ticks = () => {
    try {
      const f = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
      return Number(f[13]) + Number(f[14]); // cutime, cstime (fields 16 and 17)
    } catch { return NaN; }
  };
  const c0 = process.cpuUsage();
  const k0 = ticks();
  const value = await fn();
  const c = process.cpuUsage(c0);
  const children = (ticks() - k0) * 10; // USER_HZ is 100 on Linux
  return { value, node: (c.user + c.system) / 1000, git: children, total: (c.user + c.system) / 1000 + children };
}


export default async function run(ctx = { log: console.log, quick: false }) {
  const commits = ctx.quick ? 20_000 : 100_000;
  const every = ctx.quick ? 100 : 500;
  const { dir, revisions } = buildPlanHistoryRepo({ commits, every, releaseAt: Math.floor(commits * 0.9), log: ctx.log });
  const m = {
    generate: require(join(OUT, 'src/core/report/generate.js')),
    planHistory: require(join(OUT, 'src/core/git/planHistory.js')),
    run: require(join(OUT, 'src/core/git/run.js')),
    logStream: require(join(OUT, 'src/core/git/logStream.js')),
  };
  const planFile = join(dir, 'project.yml');
  const planText = planAt(revisions - 1);
  const req = { repoDir: dir, planFile, planText, milestoneId: 'm3', today: '2026-12-31' };
  const rounds = Number(process.env.WAYMARK_BENCH_ROUNDS ?? 3);
  const gen = [];
  const raw = [];
  const hist = [];
  let last;
  await m.generate.generatePostmortem(req); // warm the OS cache and the JIT
  const genCpu = [];
  const genNode = [];
  const rawCpu = [];
  const floor = [];
  const floorCpu = [];
  for (let i = 0; i < rounds; i++) {
    let t0 = performance.now();
    floorCpu.push((await cpuOf(() => gitLogToFile(dir, m, { rev: 'refs/tags/v3.0' }))).total);
    floor.push(performance.now() - t0);
    t0 = performance.now();
    rawCpu.push((await cpuOf(() => rawGitLog(dir, m, { rev: 'refs/tags/v3.0' }))).total);
    raw.push(performance.now() - t0);
    t0 = performance.now();
    const c = await cpuOf(async () => {
      const r = await m.generate.generatePostmortem(req);
      r.markdown('burndown.svg');
      return r;
    });
    gen.push(performance.now() - t0);
    last = c.value;
    genCpu.push(c.total);
    genNode.push(c.node);
    t0 = performance.now();
    const plan = require(join(OUT, 'src/core/parse.js')).parsePlan(planText).plan;
    await m.planHistory.loadMilestoneHistory(dir, 'project.yml', plan, 'm3');
    hist.push(performance.now() - t0);
  }
  const h = last.data.history;
  const label = `${commits / 1000}k commits, 1k tasks, ${revisions} plan revisions`;
  ctx.log(`baseline ${h.baseline.subject}, ${h.revisions.length} of ${h.revisionsInRange} revisions parsed${h.sampled ? ' (sampled)' : ''}, ${last.data.range.commits} commits in range`);
  return [
    { case: 'postmortem', metric: `generate (${label})`, value: Math.round(median(gen)), unit: 'ms',
      reference: { label: 'git log of the release to a file', value: Math.round(median(floor)) }, target: '< 3000 ms' },
    { case: 'postmortem', metric: 'generate (old reference: git log drained through a Node pipe)', value: Math.round(median(gen)), unit: 'ms',
      reference: { label: 'git log of the release through a pipe', value: Math.round(median(raw)) } },
    { case: 'postmortem', metric: 'generate, CPU time (node + git children)', value: Math.round(median(genCpu)), unit: 'ms',
      reference: { label: 'git log to a file, CPU', value: Math.round(median(floorCpu)) }, target: '< 3000 ms' },
    { case: 'postmortem', metric: 'generate, CPU time (old reference: through a pipe)', value: Math.round(median(genCpu)), unit: 'ms',
      reference: { label: 'git log through a pipe, CPU', value: Math.round(median(rawCpu)) } },
    { case: 'postmortem', metric: 'generate, CPU time of node alone', value: Math.round(median(genNode)), unit: 'ms' },
    { case: 'postmortem', metric: 'plan history (find baseline, read + parse revisions)', value: Math.round(median(hist)), unit: 'ms' },
    { case: 'postmortem', metric: 'plan revisions parsed / in range', value: h.revisions.length, unit: `of ${h.revisionsInRange}` },
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run({ log: console.log, quick: process.argv.includes('--quick') }).then((rows) => console.table(rows));
}
