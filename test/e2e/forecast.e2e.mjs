// The Monte Carlo forecast in the Plan view (issue 20): hovering a milestone
// shows its likely range (P50/P85/P95) and its chance of meeting its due,
// computed on hover only. Screenshots: forecast-tooltip-dark.png,
// forecast-tooltip-light.png.
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
}
