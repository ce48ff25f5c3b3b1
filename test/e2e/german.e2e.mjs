// Waymark in German in the real workbench: VS Code's display language is `de`
// (options.language; VS Code's own texts stay English without a language
// pack), so the extension's manifest texts come from package.nls.de.json and
// its own from l10n/bundle.l10n.de.json. Checks a command title in the
// palette, Plan view texts, the Gantt's toolbar and its dates (months from
// Intl, not English names) and the board's toolbar. Screenshots:
// test-output/screenshots/de-{plan,gantt,board}-{light,dark}.png.
import assert from 'node:assert/strict';

export const options = { language: 'de' };

/** The board's webview frame, once it shows cards. */
async function boardFrame(page) {
  for (let i = 0; i < 100; i++) {
    for (const f of page.frames()) {
      if (await f.evaluate(() => !!window.__board && document.querySelectorAll('.card:not([hidden])').length > 0).catch(() => false)) return f;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the board webview did not render cards');
}

const GERMAN_MONTH = /\b\d{1,2}\. (Jan\.|Feb\.|März|Apr\.|Mai|Juni|Juli|Aug\.|Sept\.|Okt\.|Nov\.|Dez\.) \d{4}\b/;
const ENGLISH_MONTH = /\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{1,2}, \d{4}\b/;

export default async function (ctx) {
  const { page } = ctx;
  await ctx.theme('Default Light Modern');

  // Plan view: the milestone rows' descriptions and the risks group are German.
  await ctx.openWaymark();
  const risks = page.getByRole('treeitem', { name: /^Risiken, / });
  await risks.waitFor({ timeout: 30_000 });
  const milestone = page.getByRole('treeitem', { name: /Returns API beta/ }).first();
  await milestone.waitFor();
  assert.match(await milestone.getAttribute('aria-label'), /^Meilenstein Returns API beta, .*erledigt/);
  assert.match(await page.locator('.pane-body .monaco-list-row').filter({ hasText: 'Returns API beta' }).first().textContent(), /fällig \d{4}-\d{2}-\d{2}/);
  await ctx.screenshot('de-plan-light');

  // A command title from package.nls.de.json, found in the palette by its German name.
  await ctx.command('Waymark: Gantt öffnen');
  const gantt = await ctx.ganttFrame();
  assert.equal(await gantt.evaluate(() => document.documentElement.lang), 'de');
  const toolbar = await gantt.evaluate(() => document.querySelector('.toolbar')?.textContent ?? '');
  assert.match(toolbar, /Einpassen/);
  assert.match(toolbar, /Heute/);
  // Dates come from Intl in German: "5. Jan. 2026", never "Jan 5, 2026".
  const labels = await gantt.evaluate(() => [...document.querySelectorAll('.list .row')].map((r) => r.getAttribute('aria-label') ?? '').join('\n'));
  assert.match(labels, /fällig /);
  assert.match(labels, GERMAN_MONTH);
  assert.doesNotMatch(labels, ENGLISH_MONTH);
  // The month axis is painted on a canvas with the same Intl formatter: see the screenshots.
  await ctx.screenshot('de-gantt-light');
  await ctx.theme('Default Dark Modern');
  await page.waitForTimeout(300);
  await ctx.screenshot('de-gantt-dark');

  await ctx.command('Waymark: Board öffnen');
  const board = await boardFrame(page);
  const boardBar = await board.evaluate(() => document.querySelector('.toolbar')?.outerHTML ?? '');
  assert.match(boardBar, /Meine/);
  assert.match(boardBar, /Verworfene anzeigen/);
  await ctx.screenshot('de-board-dark');
  await ctx.theme('Default Light Modern');
  await page.waitForTimeout(300);
  await ctx.screenshot('de-board-light');

  // Back to the Plan view in dark.
  await ctx.theme('Default Dark Modern');
  await page.keyboard.press('Control+1').catch(() => {});
  await milestone.click();
  await page.waitForTimeout(300);
  await ctx.screenshot('de-plan-dark');
}
