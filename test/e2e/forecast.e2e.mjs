// The Monte Carlo forecast in the Plan view (issue 20): hovering a milestone
// shows its likely range (P50/P85/P95) and its chance of meeting its due,
// computed on hover only; the Gantt draws a band from P50 to P95 beside each
// milestone's diamonds. Screenshots: forecast-tooltip-dark.png,
// forecast-tooltip-light.png, forecast-gantt-light.png, forecast-gantt-dark.png.
import assert from 'node:assert/strict';

export default async function (ctx) {
  const { page } = ctx;
  await ctx.openWaymark();
  const planTree = page.getByRole('tree', { name: 'Plan' });
  const launch = planTree.getByRole('treeitem', { name: /^Milestone General availability/ });
  await launch.waitFor({ timeout: 30_000 });
  for (const [theme, name] of [['Default Dark Modern', 'forecast-tooltip-dark'], ['Default Light Modern', 'forecast-tooltip-light']]) {
    await ctx.theme(theme);
    await page.mouse.move(5, 5);
    await launch.hover();
    const hover = page.locator('.monaco-hover', { hasText: /Likely: P50 \d{4}-\d\d-\d\d · P85 \d{4}-\d\d-\d\d · P95 \d{4}-\d\d-\d\d/ });
    await hover.first().waitFor({ timeout: 20_000 });
    ctx.log(`${name}: ${(await hover.first().innerText()).split('\n').find((l) => l.startsWith('Likely'))}`);
    await ctx.screenshot(name);
  }

  // The Gantt: the band sits on each milestone's row (its describe line names P50 and P95).
  await page.mouse.move(5, 5);
  await ctx.command('Waymark: Open Gantt');
  const frame = await ctx.ganttFrame();
  await frame.evaluate(() => window.__gantt.fit());
  await page.waitForTimeout(300);
  const bands = await frame.evaluate(() => window.__gantt.scene.data.bands ?? null);
  ctx.log(`bands (P50, P95 day numbers per group): ${JSON.stringify(bands)}`);
  assert.ok(Array.isArray(bands) && bands.length >= 6 && bands[4] > 0 && bands[4] <= bands[5], 'a band for launch');
  await ctx.screenshot('forecast-gantt-light');
  await ctx.theme('Default Dark Modern');
  await page.waitForTimeout(300);
  await ctx.screenshot('forecast-gantt-dark');
}
