// The harness's own end-to-end check, and a worked example for test/e2e:
// the workbench shows Waymark's activity-bar entry, its view container opens
// with the Plan view, and theme switching works (dark, then light).
// Screenshots: test-output/screenshots/harness-{dark,light}.png
import assert from 'node:assert/strict';

export default async function (ctx) {
  const { page } = ctx;
  // The default theme is not fixed (it follows the product's default); pick one for stable screenshots.
  await ctx.theme('Default Dark Modern');
  assert.ok(await page.locator('.monaco-workbench.vs-dark').count(), 'dark theme applied');
  await ctx.openWaymark();
  const header = page.locator('.pane-header', { hasText: 'Plan' }).first();
  await header.waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('.sidebar .title-label h2').first().textContent(), 'Waymark');
  await ctx.screenshot('harness-dark');
  await ctx.theme('Default Light Modern');
  assert.ok(await page.locator('.monaco-workbench.vs').count(), 'light theme applied');
  await ctx.screenshot('harness-light');
}
