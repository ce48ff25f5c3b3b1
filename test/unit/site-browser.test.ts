// The generated site in headless Chromium, opened from file:// with every
// other request refused: no request leaves the page, no console error (a CSP
// refusal would be one), every milestone is shown, the Gantt has a bar per
// scheduled task, hostile plan text is text, and the page can be walked with
// the keyboard. Screenshots (light, dark, phone width, print) and a PDF go to
// test-output/site/. Skipped only where /usr/bin/chromium is missing and CI
// is not set: CI installs Chromium (.ci/run), so there it always runs.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { runCli } from './cliRun';
import { tempDir, type TestRepo } from './gitRepoFixture';
import { DEMO_TODAY, HOSTILE, HOSTILE_TODAY, ROOT, demoRepo, hostileRepo } from './siteFixture';

const CHROMIUM = '/usr/bin/chromium';
const SHOTS = join(ROOT, 'test-output', 'site');
/** The flags of test/vscode/lib.mjs (launchBrowser). */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

/** An expression evaluated in the page (a string: this program is typed without the DOM library). */
const inPage = <T>(page: Page, expression: string): Promise<T> => page.evaluate(expression) as Promise<T>;
const computed = (page: Page, selector: string, property: string): Promise<string> =>
  inPage(page, `getComputedStyle(document.querySelector(${JSON.stringify(selector)}))[${JSON.stringify(property)}]`);

interface Visit {
  page: Page;
  /** Requests other than the page itself (all refused). */
  refused: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

describe('waymark site in Chromium', function () {
  this.timeout(120_000);
  let browser: Browser;
  let demoDir: string;
  let hostile: TestRepo;
  let out: string;
  let scheduled: number;
  let milestones: string[];

  before(async function () {
    if (!existsSync(CHROMIUM)) {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing; CI must install it (.ci/run does)`);
      this.skip();
    }
    out = tempDir('waymark-site-browser-');
    demoDir = demoRepo();
    hostile = hostileRepo();
    for (const [repo, today, name] of [[demoDir, DEMO_TODAY, 'demo'], [hostile.dir, HOSTILE_TODAY, 'hostile']]) {
      const r = await runCli(['site', '--out', join(out, name), '--today', today], repo);
      assert.equal(r.code, 0, r.err);
    }
    const status = JSON.parse((await runCli(['status', '--json', '--today', DEMO_TODAY], demoDir)).out);
    milestones = status.milestones.map((m: { id: string }) => m.id);
    const tasks = [...status.milestones.flatMap((m: { tasks: unknown[] }) => m.tasks), ...status.backlog] as { plannedStart: string | null }[];
    scheduled = tasks.filter((t) => t.plannedStart !== null).length;
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    hostile?.remove();
    for (const d of [out, demoDir]) if (d) rmSync(d, { recursive: true, force: true });
  });

  async function visit(file: string, options: BrowserContextOptions = {}): Promise<Visit> {
    const url = pathToFileURL(file).href;
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
    const page = await context.newPage();
    const refused: string[] = [];
    const errors: string[] = [];
    await context.route('**/*', (route) => (route.request().url() === url ? route.continue() : (refused.push(route.request().url()), route.abort())));
    page.on('request', (r) => { if (r.url() !== url) refused.push(r.url()); });
    page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: 'load' });
    return { page, refused, errors, close: () => context.close() };
  }

  /** Opens `file`, runs `check`, and then asserts no request left the page and nothing logged an error. */
  async function withPage(file: string, options: BrowserContextOptions, check: (page: Page) => Promise<void>): Promise<void> {
    const v = await visit(file, options);
    try {
      await check(v.page);
      assert.deepEqual([...new Set(v.refused)], [], 'no request leaves the page');
      assert.deepEqual(v.errors, [], 'no console error');
    } finally { await v.close(); }
  }

  it('the demo: every milestone, a Gantt bar per scheduled task, no request and no error; light screenshot', () =>
    withPage(join(out, 'demo', 'index.html'), { colorScheme: 'light' }, async (page) => {
      assert.deepEqual(await inPage(page, `[...document.querySelectorAll('[data-milestone]')].map((e) => e.dataset.milestone)`), milestones);
      for (const id of milestones) assert.ok(await page.locator(`[data-milestone="${id}"] h3`).isVisible(), id);
      assert.equal(await page.locator('.gantt svg .bars rect.bar').count(), scheduled);
      const box = await page.locator('.gantt svg').boundingBox();
      assert.ok(box && box.width > 500 && box.height > 300, `the Gantt is drawn (${JSON.stringify(box)})`);
      // The SVG takes its colours from the stylesheet's variables: the first critical bar is red in light mode.
      assert.equal(await inPage(page, `getComputedStyle(document.querySelector('.gantt svg rect[fill="var(--g-critical)"]')).fill`), 'rgb(207, 34, 46)');
      await page.screenshot({ path: join(SHOTS, 'light.png'), fullPage: true });
    }));

  it('dark: the same page by prefers-color-scheme', () =>
    withPage(join(out, 'demo', 'index.html'), { colorScheme: 'dark' }, async (page) => {
      assert.equal(await computed(page, 'html', 'backgroundColor'), 'rgb(13, 17, 23)');
      assert.equal(await inPage(page, `getComputedStyle(document.querySelector('.gantt svg rect[fill="var(--g-critical)"]')).fill`), 'rgb(248, 81, 73)');
      await page.screenshot({ path: join(SHOTS, 'dark.png'), fullPage: true });
    }));

  it('phone width: 390 px wide without horizontal page scroll (tables and the Gantt scroll in their own boxes)', () =>
    withPage(join(out, 'demo', 'index.html'), { colorScheme: 'light', viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 }, async (page) => {
      assert.ok(await inPage(page, 'document.documentElement.scrollWidth <= window.innerWidth + 1'), 'no horizontal scroll of the page');
      await page.screenshot({ path: join(SHOTS, 'phone.png'), fullPage: true });
    }));

  it('print: a light page without scroll boxes or navigation; a screenshot of print media and a PDF', () =>
    withPage(join(out, 'demo', 'index.html'), { colorScheme: 'dark' }, async (page) => {
      await page.emulateMedia({ media: 'print' });
      assert.equal(await computed(page, 'html', 'backgroundColor'), 'rgb(255, 255, 255)');
      assert.equal(await computed(page, '.gantt', 'overflow'), 'visible');
      assert.equal(await computed(page, 'nav', 'display'), 'none');
      await page.screenshot({ path: join(SHOTS, 'print.png'), fullPage: true });
      await page.pdf({ path: join(SHOTS, 'print.pdf'), format: 'A4', printBackground: true });
      assert.equal(readFileSync(join(SHOTS, 'print.pdf')).subarray(0, 5).toString(), '%PDF-');
    }));

  it('keyboard: the skip link comes first and Tab reaches the Gantt and the schedule table', () =>
    withPage(join(out, 'demo', 'index.html'), {}, async (page) => {
      const reached: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        reached.push(await inPage(page, `(() => { const e = document.activeElement; return e ? e.tagName.toLowerCase() + (e.className ? '.' + e.className.replace(/ /g, '.') : '') : ''; })()`));
      }
      assert.equal(reached[0], 'a.skip');
      assert.ok(reached.includes('div.scroll.gantt'), `the Gantt region is reachable: ${reached.join(' ')}`);
      assert.ok(reached.includes('summary'), 'the schedule table opens from the keyboard');
    }));

  for (const file of ['index.html', 'postmortem-m1.html']) {
    it(`hostile titles and commit subjects render as text and run nothing: ${file}`, () =>
      withPage(join(out, 'hostile', file), {}, async (page) => {
        assert.equal(await page.locator('img, script, iframe, object, embed, b').count(), 0, 'no element from plan text');
        assert.ok((await page.locator('h1').textContent())?.includes(HOSTILE), 'the title shows the characters');
        assert.ok(await page.locator('h1').isVisible(), "a title's </style><style> did not hide the page");
        if (file === 'index.html') {
          assert.ok(await page.getByText(HOSTILE, { exact: true }).first().isVisible());
          assert.equal(await page.title(), `Hostile ${HOSTILE}: status`);
          await page.screenshot({ path: join(SHOTS, 'hostile.png'), fullPage: true });
        }
      }));
  }
});
