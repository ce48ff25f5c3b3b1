// The demo's postmortem in the real workbench: "Waymark: Generate Postmortem"
// from the command palette, the beta milestone picked in the quick pick, then
// the Markdown preview beside the untitled document, with the burndown chart
// rendered inline (a data: image). Screenshots:
//   postmortem-preview.png        the top of the report (summary) next to its Markdown
//   postmortem-chart-dark.png     the burndown and timeline, dark theme
//   postmortem-chart-light.png    the same in the light theme
import assert from 'node:assert/strict';

export default async function (ctx) {
  const { page } = ctx;
  await theme(ctx, 'Default Dark Modern');
  // Open the Plan view first: the plan loads lazily, and the palette entry needs `waymark.hasProject`.
  await ctx.openWaymark();
  await page.getByRole('treeitem', { name: /Returns API beta/ }).first().waitFor({ timeout: 30_000 });
  // The harness opens the workspace trusted (the command needs git).
  await ctx.command('Waymark: Generate Postmortem');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 15_000 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'Returns API beta' }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();

  // The untitled Markdown editor, then the preview webview beside it.
  await page.locator('.monaco-editor .view-line', { hasText: '# Postmortem: Returns API beta' }).first().waitFor({ timeout: 30_000 });
  const preview = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
  await preview.locator('h1', { hasText: 'Postmortem: Returns API beta' }).waitFor({ timeout: 30_000 });
  // More room for the preview: close the side bar.
  if (await page.locator('.part.sidebar:visible').count()) await page.keyboard.press('Control+B');
  await ctx.screenshot('postmortem-preview');

  // The chart is an <img> with a data: URI that decoded and laid out (non-zero size).
  const img = preview.locator('img[alt^="Burndown of beta"]');
  await img.waitFor({ timeout: 15_000 });
  const size = await img.evaluate((el) => ({ w: el.naturalWidth, h: el.naturalHeight, src: el.getAttribute('src') ?? '' }));
  assert.ok(size.src.startsWith('data:image/svg+xml;base64,'), 'inline data: image');
  assert.ok(size.w > 100 && size.h > 100, `chart decoded (${size.w}x${size.h})`);
  await preview.locator('h2', { hasText: 'Burndown' }).scrollIntoViewIfNeeded();
  await img.scrollIntoViewIfNeeded();
  await ctx.screenshot('postmortem-chart-dark');
  const headings = await preview.locator('h2').allTextContents();
  ctx.log(`preview headings: ${headings.join(' | ')}`);
  for (const h of ['Summary', 'Baseline vs actual', 'Schedule', 'Work', 'Risks', 'Burndown', 'What went well', 'What went wrong', 'Action items']) {
    assert.ok(headings.includes(h), `preview shows "${h}"`);
  }
  // A theme change re-renders the preview: wait for the chart again.
  await theme(ctx, 'Default Light Modern');
  await img.waitFor({ timeout: 15_000 });
  await img.scrollIntoViewIfNeeded();
  await ctx.screenshot('postmortem-chart-light');
}

/** Theme switching goes through a quick pick that is sometimes slow to fill; a miss costs a screenshot's theme, not the check. */
async function theme(ctx, name) {
  try {
    await ctx.theme(name);
  } catch (e) {
    ctx.log(`could not switch to ${name}: ${e.message.split('\n')[0]}`);
    await ctx.page.keyboard.press('Escape');
  }
}
