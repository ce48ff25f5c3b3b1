// The picture at the top of the README: the Plan view beside the Gantt, on
// the demo, in Dark Modern. Checks that both show the plan before the shot:
// test-output/screenshots/overview.png (copied to docs/images/ by hand).
import assert from 'node:assert/strict';

export default async function (ctx) {
  const { page } = ctx;
  await ctx.theme('Default Dark Modern');
  await ctx.openWaymark();
  const portal = page.getByRole('treeitem', { name: /Customer returns portal/ });
  await portal.waitFor();
  await portal.click();
  await page.getByRole('treeitem', { name: /RET-12/ }).first().waitFor();
  await ctx.command('Waymark: Open Gantt');
  const frame = await ctx.ganttFrame();
  await frame.getByText('Fit', { exact: true }).click();
  await page.waitForTimeout(500);
  const titles = await frame.evaluate(() => [...document.querySelectorAll('.list .row')].map((r) => r.textContent ?? ''));
  assert.ok(titles.some((t) => t.includes('Returns API beta')), `the Gantt list shows the beta milestone: ${titles.slice(0, 3).join(' | ')}`);
  await ctx.screenshot('overview');
}
