// Sprints in the real workbench: the Plan view grouped by sprint shows each
// sprint's progress; "Waymark: Show Sprint Burndown" from a sprint row's
// inline button opens S8's chart (RET-19 joined it on 2026-11-18) in a panel
// drawn in the theme's colours. Screenshots:
//   sprint-rows.png             the Plan view grouped by sprint, dark
//   sprint-burndown-dark.png    S8's burndown panel, dark theme
//   sprint-burndown-light.png   the same in the light theme
import assert from 'node:assert/strict';

export default async function (ctx) {
  const { page } = ctx;
  await ctx.theme('Default Dark Modern');
  await ctx.openWaymark();
  const planTree = page.getByRole('tree', { name: 'Plan' });
  await planTree.getByRole('treeitem', { name: /^Milestone Customer returns portal/ }).waitFor({ timeout: 30_000 });
  // Wider side bar, so the rows' descriptions (dates, progress) show.
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (bar) {
    await page.mouse.move(bar.x + bar.width + 1, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + 620, bar.y + bar.height / 2, { steps: 5 });
    await page.mouse.up();
  }
  await ctx.command('Waymark: Group By…');
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'By sprint' }).first();
  await row.waitFor({ timeout: 15_000 });
  await row.click();
  const s8 = planTree.getByRole('treeitem', { name: /^S8: Labels, notifications and merchant approval/ });
  await s8.waitFor({ timeout: 15_000 });
  const label = await s8.getAttribute('aria-label');
  ctx.log(`S8 row: ${label}`);
  assert.match(label ?? '', /% done/, 'the sprint row says how much is done');
  const description = await s8.locator('.label-description').textContent();
  assert.match(description ?? '', /2026-11-16 → 2026-11-27 · \d+ · \d+% \(\d+(\.\d+)?\/144 h\)/, `S8's description: ${description}`);
  await page.mouse.move(5, 5);
  await ctx.screenshot('sprint-rows');

  // The row's inline button (hover shows it).
  await s8.hover();
  await s8.locator('.action-label[aria-label="Show Sprint Burndown"]').click();
  const frame = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
  const svg = frame.locator('svg[role="img"]');
  await svg.waitFor({ timeout: 30_000 });
  assert.ok((await frame.locator('li', { hasText: 'RET-19 on 2026-11-18 (24 h)' }).count()) === 1, 'the scope that joined mid-sprint');
  // The remaining line is drawn in the theme's blue, not the SVG's fallback.
  const dark = await frame.locator('polyline[stroke="#3794ff"]').evaluate((el) => getComputedStyle(el).stroke);
  ctx.log(`remaining line, dark: ${dark}`);
  // The scope that joined mid-sprint: a translucent band under the remaining line, painted in the theme's orange.
  const scope = await frame.locator('polyline[stroke="#d18616"]').evaluate((el) => {
    const cs = getComputedStyle(el);
    return { stroke: cs.stroke, width: cs.strokeWidth, opacity: cs.strokeOpacity, drawnFirst: el.compareDocumentPosition(el.ownerSVGElement.querySelector('polyline[stroke="#3794ff"]')) === 4 /* DOCUMENT_POSITION_FOLLOWING */ };
  });
  ctx.log(`scope band, dark: ${JSON.stringify(scope)}`);
  assert.equal(scope.stroke, 'rgb(209, 134, 22)', 'the band keeps its opaque orange (the theme\'s charts-orange is translucent)');
  assert.ok(parseFloat(scope.width) > 2 && scope.drawnFirst, 'wider than the remaining line and under it');
  await ctx.screenshot('sprint-burndown-dark');
  await ctx.theme('Default Light Modern');
  await svg.waitFor({ timeout: 15_000 });
  const light = await frame.locator('polyline[stroke="#3794ff"]').evaluate((el) => getComputedStyle(el).stroke);
  ctx.log(`remaining line, light: ${light}`);
  assert.notEqual(light, 'rgb(55, 148, 255)', 'the light theme recolours the chart');
  await ctx.screenshot('sprint-burndown-light');
}
