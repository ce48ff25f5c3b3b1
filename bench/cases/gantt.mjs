/* global window, document, Event, requestAnimationFrame, Gantt */
// Gantt rendering bench: Waymark's canvas Gantt vs frappe-gantt (SVG), and a
// pooled-DOM prototype of the same scene (the alternative the Gantt did not
// choose), on the same generated plans of 1k and 10k tasks, in one headless
// Chromium run. Metrics: time to first full render after the data arrives,
// script+layout time per scroll frame (median, p99), DOM elements, JS heap.
//
// Run: npm run bench (all cases) or `node bench/cases/gantt.mjs` after `npm run build`.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CHROMIUM, ROOT } from '../../test/vscode/setup.mjs';
import { rng } from '../fixtures/cache.mjs';
import { deliver, loadGantt } from '../fixtures/ganttPage.mjs';
import { round } from '../stats.mjs';

const require = createRequire(import.meta.url);
const DAY_MS = 86_400_000;
const iso = (d) => new Date(d * DAY_MS).toISOString().slice(0, 10);
const dayOf = (s) => Math.round(Date.parse(`${s}T00:00:00Z`) / DAY_MS);
const isWork = (d) => { const w = (((d + 4) % 7) + 7) % 7; return w !== 0 && w !== 6; };
const nextWork = (d) => { while (!isWork(d)) d++; return d; };
const finishAfter = (s, n) => { let d = nextWork(s); for (let i = 1; i < n; i++) d = nextWork(d + 1); return d; };

/**
 * A deterministic plan of `n` tasks in milestones of 50 (chains with some
 * cross links), as the Gantt's compact data and as frappe-gantt tasks.
 */
export function generatePlan(n, seed = 7) {
  const r = rng(seed);
  const today = dayOf('2026-03-02');
  const start = today - 90;
  const people = Array.from({ length: 12 }, (_, i) => [`dev${i}`, `Developer ${i}`]);
  const groupCount = Math.ceil(n / 50);
  const groups = [];
  const tasks = [];
  for (let g = 0; g < groupCount; g++) {
    const gStart = nextWork(start + g * 4);
    const first = tasks.length;
    const count = Math.min(50, n - first);
    let groupFinish = gStart;
    for (let k = 0; k < count; k++) {
      const i = first + k;
      const deps = [];
      if (k > 0 && r() < 0.7) deps.push(tasks[i - 1][0]);
      if (k > 2 && r() < 0.25) deps.push(tasks[i - 3][0]);
      let s = gStart;
      for (const d of deps) s = Math.max(s, tasks.find((t) => t[0] === d)[6] + 1);
      s = nextWork(s);
      const dur = 1 + Math.floor(r() * 8);
      const f = finishAfter(s, dur);
      groupFinish = Math.max(groupFinish, f);
      const done = f < today ? 100 : s < today ? Math.floor(r() * 90) : 0;
      const status = done === 100 ? 4 : done > 0 ? 1 : 0;
      tasks.push([`T-${i + 1}`, `Task ${i + 1}: ${['Design', 'Build', 'Test', 'Review', 'Ship'][i % 5]} part ${k + 1} of milestone ${g + 1}`,
        g, Math.floor(r() * people.length), status, s, f, done > 0 ? s : -1, done === 100 ? f : -1, done,
        Math.floor(r() * 6), (r() < 0.08 ? 2 : 0) | 16, deps, done > 0 ? 1 + Math.floor(r() * 6) : 0, done > 0 ? `T-${i + 1}: work on part ${k + 1}` : '']);
    }
    // The chain that ends last is critical.
    let cur = tasks.slice(first).reduce((a, b) => (b[6] > a[6] ? b : a), tasks[first]);
    while (cur) {
      cur[11] |= 1; cur[10] = 0;
      const s = cur[5];
      cur = cur[12].map((d) => tasks.find((t) => t[0] === d)).find((p) => p && nextWork(p[6] + 1) === s);
    }
    groups.push([`M${g + 1}`, `Milestone ${g + 1}`, groupFinish + 3, groupFinish + (g % 3 === 0 ? 5 : 0), 40, g % 3 === 0 ? 3 : 1, 2, []]);
  }
  const data = { name: `Bench plan (${n} tasks)`, today, start, calendar: { workdays: [1, 2, 3, 4, 5], holidays: [] }, people, groups, tasks, note: '' };
  const frappe = tasks.map((t) => ({ id: t[0], name: t[1], start: iso(t[5]), end: iso(t[6]), progress: t[9], dependencies: t[12].join(', ') }));
  return { data, frappe };
}

export function stats(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: q(0.5), p99: q(0.99) };
}

export async function heapAndNodes(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const nodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  await cdp.detach();
  return { heapMB: usedSize / 1048576, nodes };
}

/**
 * Main-thread CPU time (thread ticks, so time the OS gave to other processes
 * does not count) spent in script, style and layout while `step` runs.
 */
export async function cpuMs(cdp, step) {
  const pick = (m) => m.metrics.reduce((acc, x) => (['ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'].includes(x.name) ? acc + x.value : acc), 0);
  const before = pick(await cdp.send('Performance.getMetrics'));
  const wall = await step();
  const after = pick(await cdp.send('Performance.getMetrics'));
  return { cpu: (after - before) * 1000, wall };
}

export async function cpuSession(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
  return cdp;
}

/**
 * Scrolls `sel` like a fast wheel fling (120 px down and 40 px right a frame,
 * from a third into the chart). Each frame: set the scroll offsets, run the
 * scroll handlers, force the style and layout they cause; timed both as wall
 * clock and as main-thread CPU.
 */
export async function scrollFrames(page, sel, cdp) {
  const geo = await page.evaluate((selector) => {
    const el = document.querySelector(selector);
    return { maxY: Math.max(0, el.scrollHeight - el.clientHeight), maxX: Math.max(0, el.scrollWidth - el.clientWidth) };
  }, sel);
  const wall = [];
  const cpu = [];
  const end = Date.now() + 60_000; // a very slow chart still finishes: fewer frames
  for (let i = 0; i < 150 && Date.now() < end; i++) {
    const y = Math.min(geo.maxY, Math.round(geo.maxY / 3) + i * 120);
    const x = Math.min(geo.maxX, Math.round(geo.maxX / 3) + i * 40);
    const r = await cpuMs(cdp, () => page.evaluate(async ([selector, xx, yy]) => {
      await new Promise((res) => requestAnimationFrame(() => res()));
      const el = document.querySelector(selector);
      const t0 = performance.now();
      el.scrollTop = yy;
      el.scrollLeft = xx;
      el.dispatchEvent(new Event('scroll'));
      void document.body.offsetHeight;
      return performance.now() - t0;
    }, [sel, x, y]));
    wall.push(r.wall);
    cpu.push(r.cpu);
  }
  return { ...stats(wall), cpuMedian: stats(cpu).median, cpuP99: stats(cpu).p99 };
}

async function benchWaymark(browser, plan) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await loadGantt(page);
  const cdp = await cpuSession(page);
  const first = await cpuMs(cdp, () => deliver(page, { type: 'init', v: 1, rev: 1, data: plan.data }));
  const frames = await scrollFrames(page, '.scroller', cdp);
  const mem = await heapAndNodes(page);
  await page.close();
  return { first: first.wall, firstCpu: first.cpu, ...frames, ...mem };
}

/** Runs `fn` with a deadline; on expiry `onTimeout` must stop the work (e.g. close its browser). */
async function withDeadline(ms, fn, onTimeout) {
  let timer;
  const expired = new Promise((resolve) => { timer = setTimeout(() => resolve({ timedOut: true }), ms); });
  const r = await Promise.race([fn().then((value) => ({ value })), expired]);
  clearTimeout(timer);
  if (r.timedOut) { await onTimeout(); return { error: `not done after ${Math.round(ms / 1000)} s` }; }
  return r.value;
}

/** frappe-gantt in its own browser, so a render that never ends can be stopped by closing it. */
async function benchFrappe(chromium, plan, budgetMs) {
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  try {
    return await withDeadline(budgetMs, async () => {
      const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
      const dir = join(ROOT, 'node_modules', 'frappe-gantt', 'dist');
      await page.setContent(`<!doctype html><html><head><style>${readFileSync(join(dir, 'frappe-gantt.css'), 'utf8')}</style></head><body style="margin:0"><div id="g" style="width:1400px;height:860px"></div></body></html>`);
      await page.addScriptTag({ content: readFileSync(join(dir, 'frappe-gantt.umd.js'), 'utf8') });
      const cdp = await cpuSession(page);
      const first = await cpuMs(cdp, () => page.evaluate((tasks) => {
        const t0 = performance.now();
        window.__g = new Gantt('#g', tasks, { view_mode: 'Week', container_height: 860 });
        void document.body.offsetHeight;
        return performance.now() - t0;
      }, plan.frappe));
      const frames = await scrollFrames(page, '.gantt-container', cdp);
      const mem = await heapAndNodes(page);
      return { first: first.wall, firstCpu: first.cpu, ...frames, ...mem };
    }, () => browser.close().catch(() => {}));
  } catch (e) {
    return { error: String(e.message || e).split('\n')[0] };
  } finally {
    await browser.close().catch(() => {});
  }
}

/**
 * The alternative design measured for the record: the same visible window
 * drawn as a pooled DOM (bar, progress fill, label per row; pooled divs
 * re-bound on scroll), driven by the same compact data.
 */
async function benchDomPool(browser, plan) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await page.setContent(`<!doctype html><html><body style="margin:0"><div id="s" style="position:relative;width:1060px;height:860px;overflow:auto;font:12px sans-serif"><div id="z"></div><div id="pool" style="position:absolute;left:0;top:0"></div></div></body></html>`);
  const cdp = await cpuSession(page);
  const run = await cpuMs(cdp, () => page.evaluate((data) => {
    const RH = 24;
    const PX = 8;
    const s = document.getElementById('s');
    const z = document.getElementById('z');
    const pool = document.getElementById('pool');
    const origin = Math.min(...data.tasks.map((t) => t[5])) - 14;
    const last = Math.max(...data.tasks.map((t) => t[6])) + 14;
    const rows = [];
    data.groups.forEach((g, gi) => { rows.push(-gi - 1); });
    const byGroup = data.groups.map(() => []);
    data.tasks.forEach((t, i) => byGroup[t[2]].push(i));
    rows.length = 0;
    byGroup.forEach((ts, gi) => { rows.push(-gi - 1); for (const i of ts) rows.push(i); });
    const slots = [];
    const render = () => {
      const first = Math.floor(s.scrollTop / RH);
      const n = Math.ceil(s.clientHeight / RH) + 2;
      const x0 = s.scrollLeft;
      while (slots.length < n) {
        const row = document.createElement('div');
        row.style.cssText = 'position:absolute;left:0;height:24px;width:100%';
        const bar = document.createElement('div');
        bar.style.cssText = 'position:absolute;top:5px;height:14px;background:#3794ff66';
        const prog = document.createElement('div');
        prog.style.cssText = 'height:100%;background:#3794ff';
        bar.appendChild(prog);
        const label = document.createElement('span');
        label.style.cssText = 'position:absolute;top:4px;white-space:nowrap';
        row.append(bar, label);
        pool.appendChild(row);
        slots.push({ row, bar, prog, label, r: -1 });
      }
      for (let k = 0; k < n; k++) {
        const r = first + k;
        const sl = slots[r % n];
        if (r >= rows.length) { sl.row.hidden = true; continue; }
        sl.row.hidden = false;
        sl.row.style.transform = `translateY(${r * RH}px)`;
        const ref = rows[r];
        if (ref < 0) { const g = data.groups[-ref - 1]; sl.bar.style.display = 'none'; sl.label.textContent = g[1]; sl.label.style.left = `${x0 + 8}px`; continue; }
        const t = data.tasks[ref];
        const x1 = (t[5] - origin) * PX;
        const x2 = (t[6] + 1 - origin) * PX;
        sl.bar.style.display = '';
        sl.bar.style.left = `${x1}px`;
        sl.bar.style.width = `${x2 - x1}px`;
        sl.prog.style.width = `${t[9]}%`;
        sl.label.textContent = t[1];
        sl.label.style.left = `${x2 + 6}px`;
      }
    };
    const t0 = performance.now();
    z.style.width = `${(last - origin) * PX}px`;
    z.style.height = `${rows.length * RH}px`;
    render();
    void document.body.offsetHeight;
    s.addEventListener('scroll', render);
    return performance.now() - t0;
  }, plan.data));
  const frames = await scrollFrames(page, '#s', cdp);
  const mem = await heapAndNodes(page);
  await page.close();
  return { first: run.wall, firstCpu: run.cpu, ...frames, ...mem };
}

export default async function run(ctx = {}) {
  if (!existsSync(join(ROOT, 'dist', 'webview', 'gantt.js'))) throw new Error('dist/webview/gantt.js is missing: run `npm run build` first');
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--enable-precise-memory-info'] });
  const rows = [];
  const sizes = ctx.quick ? [1000] : [1000, 10000];
  try {
    for (const n of sizes) {
      const log = (m) => (ctx.log ?? ((x) => process.stderr.write(`[gantt bench] ${x}\n`)))(m);
      const plan = generatePlan(n);
      log(`${n} tasks: waymark canvas`);
      const ours = await benchWaymark(browser, plan);
      log(`${n} tasks: pooled DOM prototype`);
      const pooled = await benchDomPool(browser, plan);
      log(`${n} tasks: frappe-gantt`);
      const frappe = await benchFrappe(chromium, plan, n >= 10000 ? 240_000 : 120_000);
      const ref = (metric) => (frappe.error ? { label: `frappe-gantt (${frappe.error})`, value: NaN } : { label: 'frappe-gantt', value: round(frappe[metric]) });
      const canvas = (metric) => ({ label: 'canvas (chosen)', value: round(ours[metric]) });
      const big = n >= 10000;
      const c = `gantt-${n}`;
      const d = `gantt-dom-pool-${n}`;
      rows.push(
        { case: c, metric: 'first render CPU', value: round(ours.firstCpu), unit: 'ms', reference: ref('firstCpu'), target: big ? '< 250 ms' : undefined },
        { case: c, metric: 'first render wall', value: round(ours.first), unit: 'ms', reference: ref('first') },
        { case: c, metric: 'scroll frame CPU median', value: round(ours.cpuMedian), unit: 'ms', reference: ref('cpuMedian') },
        { case: c, metric: 'scroll frame CPU p99', value: round(ours.cpuP99), unit: 'ms', reference: ref('cpuP99'), target: big ? '< 16 ms' : undefined },
        { case: c, metric: 'scroll frame wall median', value: round(ours.median), unit: 'ms', reference: ref('median') },
        { case: c, metric: 'scroll frame wall p99', value: round(ours.p99), unit: 'ms', reference: ref('p99') },
        { case: c, metric: 'DOM elements', value: ours.nodes, unit: 'elements', reference: frappe.error ? ref('nodes') : { label: 'frappe-gantt', value: frappe.nodes }, target: big ? '< 2000' : undefined },
        { case: c, metric: 'JS heap', value: round(ours.heapMB), unit: 'MB', reference: ref('heapMB'), target: big ? '< 30 MB' : undefined },
        { case: d, metric: 'scroll frame CPU median', value: round(pooled.cpuMedian), unit: 'ms', reference: canvas('cpuMedian') },
        { case: d, metric: 'scroll frame CPU p99', value: round(pooled.cpuP99), unit: 'ms', reference: canvas('cpuP99') },
        { case: d, metric: 'DOM elements', value: pooled.nodes, unit: 'elements', reference: canvas('nodes') },
      );
    }
  } finally {
    await browser.close();
  }
  return rows;
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const rows = await run({ quick: process.argv.includes('--quick') });
  for (const r of rows) console.log(`${r.case.padEnd(22)} ${r.metric.padEnd(20)} ${String(r.value).padStart(9)} ${r.unit.padEnd(8)} ${r.reference ? `${r.reference.label}: ${r.reference.value}` : ''} ${r.target ?? ''}`);
}
