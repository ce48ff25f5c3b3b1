/* global window, document */
// Board rendering bench: the board webview (dist/webview/board.js, its
// virtualized columns) on generated plans of 1k and 10k cards, in headless
// Chromium. Metrics: time to first render after the data arrives (CPU and
// wall), script+layout time per scroll frame (p99), DOM elements, JS heap;
// also the first render with swimlanes by assignee.
//
// Run: npm run bench (all cases) or `node bench/run.mjs board` after `npm run build`.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { CHROMIUM, ROOT } from '../../test/vscode/setup.mjs';
import { rng } from '../fixtures/cache.mjs';
import { deliver, loadWebview } from '../fixtures/ganttPage.mjs';
import { round } from '../stats.mjs';
import { cpuMs, cpuSession, heapAndNodes, scrollFrames } from './gantt.mjs';

const require = createRequire(import.meta.url);

/** A deterministic board of `n` cards: milestones of 50, 12 people, 10 sprints, mixed statuses and facts. */
export function generateBoard(n, seed = 11) {
  const r = rng(seed);
  const today = 20_500;
  const people = Array.from({ length: 12 }, (_, i) => [`dev${i}`, `Developer ${i}`]);
  const milestones = Array.from({ length: Math.ceil(n / 50) }, (_, i) => [`M${i + 1}`, `Milestone ${i + 1}`]);
  const sprints = Array.from({ length: 10 }, (_, i) => [`s${i + 1}`, `Sprint ${i + 1}`]);
  const cards = [];
  for (let i = 0; i < n; i++) {
    const x = r();
    const status = x < 0.35 ? 0 : x < 0.55 ? 1 : x < 0.62 ? 2 : x < 0.67 ? 3 : x < 0.97 ? 4 : 5;
    const effective = status < 4 && r() < 0.05 ? 4 : status;
    const critical = r() < 0.1;
    const due = r() < 0.2 ? today - 5 + Math.floor(r() * 30) : -1;
    cards.push([`T-${i + 1}`, `Task ${i + 1}: ${['Design', 'Build', 'Test', 'Review', 'Ship'][i % 5]} part of milestone ${Math.floor(i / 50) + 1}`,
      Math.floor(i / 50), r() < 0.9 ? Math.floor(r() * people.length) : -1, status, effective, `${1 + Math.floor(r() * 5)}d`,
      Math.floor(r() * 5), critical ? 0 : Math.floor(r() * 20), critical ? 1 : 0, due, due >= 0 && due < today && status < 4 ? 2 : 0,
      status > 0 ? Math.floor(r() * 6) : 0, r() < 0.5 ? [Math.floor(r() * sprints.length)] : [], r() < 0.3 ? ['api'] : []]);
  }
  return { file: 'file:///bench/project.yml', folder: 'bench', name: `Bench board (${n} cards)`, today, people, milestones, sprints, me: 'dev0', cards, note: '', editable: true };
}

async function benchBoard(browser, data, lanes) {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  await loadWebview(page, 'board');
  if (lanes !== 'none') await page.evaluate((l) => window.__board.setLanes(l), lanes);
  const cdp = await cpuSession(page);
  const first = await cpuMs(cdp, () => deliver(page, { type: 'init', v: 1, rev: 1, data }));
  const shown = await page.evaluate(() => document.querySelectorAll('.card:not([hidden])').length);
  if (shown === 0) throw new Error('the board rendered no card');
  const frames = await scrollFrames(page, '.scroller', cdp);
  const mem = await heapAndNodes(page);
  await page.close();
  return { first: first.wall, firstCpu: first.cpu, ...frames, ...mem };
}

export default async function run(ctx = {}) {
  if (!existsSync(join(ROOT, 'dist', 'webview', 'board.js'))) throw new Error('dist/webview/board.js is missing: run `npm run build` first');
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--enable-precise-memory-info'] });
  const log = (m) => (ctx.log ?? ((x) => process.stderr.write(`[board bench] ${x}\n`)))(m);
  const rows = [];
  try {
    for (const n of ctx.quick ? [1000] : [1000, 10000]) {
      const data = generateBoard(n);
      log(`${n} cards`);
      const b = await benchBoard(browser, data, 'none');
      log(`${n} cards, swimlanes by assignee`);
      const lanes = await benchBoard(browser, data, 'assignee');
      const big = n >= 10000;
      const c = `board-${n}`;
      rows.push(
        { case: c, metric: 'first render CPU', value: round(b.firstCpu), unit: 'ms', target: big ? '< 250 ms' : undefined },
        { case: c, metric: 'first render wall', value: round(b.first), unit: 'ms' },
        { case: c, metric: 'scroll frame CPU median', value: round(b.cpuMedian), unit: 'ms' },
        { case: c, metric: 'scroll frame CPU p99', value: round(b.cpuP99), unit: 'ms', target: big ? '< 16 ms' : undefined },
        { case: c, metric: 'scroll frame wall p99', value: round(b.p99), unit: 'ms' },
        { case: c, metric: 'DOM elements', value: b.nodes, unit: 'elements', target: big ? '< 3000' : undefined },
        { case: c, metric: 'JS heap', value: round(b.heapMB), unit: 'MB', target: big ? '< 40 MB' : undefined },
        { case: `${c}-lanes`, metric: 'first render CPU', value: round(lanes.firstCpu), unit: 'ms', target: big ? '< 250 ms' : undefined },
        { case: `${c}-lanes`, metric: 'scroll frame CPU p99', value: round(lanes.cpuP99), unit: 'ms', target: big ? '< 16 ms' : undefined },
        { case: `${c}-lanes`, metric: 'DOM elements', value: lanes.nodes, unit: 'elements', target: big ? '< 3000' : undefined },
      );
    }
  } finally {
    await browser.close();
  }
  return rows;
}
