// The Gantt in the real workbench, on the demo: opened from the command
// palette, in Dark Modern and Light Modern, at week and month zoom, drawing
// the forecast (bars at the forecast dates, planned ghosts) and, with the
// Plan only toggle pressed, the pure plan.
// Screenshots: test-output/screenshots/gantt-{dark,light}-{week,month}.png,
// gantt-{dark,light}-{month,week}-plan.png (toggle on), gantt-light-slip.png
// (RET-15's forecast bar and its planned ghost), gantt-light-refused (a done task's bar does not move).
// Beyond the pictures it checks, inside the webview, that every scheduled
// task's bar is drawn at the dates shown (forecast, or planned with the
// toggle; canvas pixels in the bar colour) and that the critical path is
// drawn in the critical colour.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** For each visible scheduled task row: is the canvas pixel in the middle of its bar the expected colour? */
function checkBars(frame) {
  return frame.evaluate(() => {
    const app = window.__gantt;
    const s = app.scene;
    const canvas = document.querySelector('canvas.body');
    const ctx = canvas.getContext('2d');
    const dpr = window.devicePixelRatio || 1;
    const parse = (c) => { const d = document.createElement('canvas').getContext('2d'); d.fillStyle = c; d.fillRect(0, 0, 1, 1); return [...d.getImageData(0, 0, 1, 1).data.slice(0, 3)]; };
    const css = getComputedStyle(document.body);
    const red = parse(css.getPropertyValue('--vscode-charts-red').trim());
    const blue = parse(css.getPropertyValue('--vscode-charts-blue').trim());
    const near = (a, b) => Math.abs(a[0] - b[0]) + Math.abs(a[1] - b[1]) + Math.abs(a[2] - b[2]) < 60;
    const sl = app.scroller.scrollLeft;
    const st = app.scroller.scrollTop;
    const out = { checked: 0, critical: 0, wrong: [] };
    s.rows.forEach((ref, r) => {
      if (ref < 0) return;
      const t = s.data.tasks[ref];
      if (t[5] < 0 || t[4] === 5) return;
      // The dates drawn: the forecast (fields 15, 16), the plan (5, 6) with the toggle.
      const [a, b] = s.planOnly || t[15] < 0 ? [t[5], t[6]] : [t[15], t[16]];
      // Below the bar's middle: arrowheads end at the middle of a bar's left edge.
      const y = r * 24 + 16 - st;
      // Sample inside the filled (progress) part when there is one, else the bar's middle.
      const x1 = (a - s.extent.origin) * s.pxPerDay - sl;
      const x2 = (b + 1 - s.extent.origin) * s.pxPerDay - sl;
      const x = t[9] > 10 ? x1 + (x2 - x1) * Math.min(0.5, t[9] / 200) : (x1 + x2) / 2;
      if (y < 4 || y > canvas.clientHeight - 4 || x1 < 2 || x2 > canvas.clientWidth - 2 || x2 - x1 < 8) return;
      const at = (xx) => [...ctx.getImageData(Math.round(xx * dpr), Math.round(y * dpr), 1, 1).data.slice(0, 3)];
      const critical = (t[11] & 1) !== 0;
      const want = critical ? red : blue;
      // Unfilled parts are the bar colour at 38% over the background: compare the dominant channel there.
      const hue = (px) => px.indexOf(Math.max(...px)) === want.indexOf(Math.max(...want));
      const px = at(x);
      const ok = near(px, want) || (t[9] <= 10 && hue(px)) || (t[9] <= 10 && hue(at(x1 + 2)) && hue(at(x2 - 2)));
      out.checked++;
      if (critical) out.critical++;
      if (!ok) out.wrong.push(`${t[0]} at x=${Math.round(x)} y=${y}: rgb(${px}) not ${critical ? 'critical' : 'bar'} rgb(${want})`);
    });
    return out;
  });
}

/** Presses the zoom key `key` in the list, checks the chart is at `zoom`, then that every bar is drawn right. */
async function zoomAndCheck(ctx, frame, key, zoom) {
  await frame.focus('.list-body');
  await frame.press('.list-body', key);
  assert.equal(await frame.evaluate(() => window.__gantt.scene.zoom), zoom);
  await ctx.page.waitForTimeout(300);
  const bars = await checkBars(frame);
  assert.deepEqual(bars.wrong, []);
}

/** Each task's bar in the scroller's coordinates: { [id]: { x1, x2, y (row middle), start } }, and pxPerDay as px. */
function barGeometry(frame, ids, focusId) {
  return frame.evaluate(([ids, focusId]) => {
    const app = window.__gantt;
    if (focusId) app.focusId(focusId);
    const s = app.scene;
    const out = { px: s.pxPerDay };
    for (const id of ids) {
      const i = s.data.tasks.findIndex((t) => t[0] === id);
      const t = s.data.tasks[i];
      const r = s.rowOfTask[i];
      const [a, b] = s.planOnly || t[15] < 0 ? [t[5], t[6]] : [t[15], t[16]];
      out[id] = {
        x1: (a - s.extent.origin) * s.pxPerDay - app.scroller.scrollLeft,
        x2: (b + 1 - s.extent.origin) * s.pxPerDay - app.scroller.scrollLeft,
        y: r * 24 + 12 - app.scroller.scrollTop,
        start: a,
      };
    }
    return out;
  }, [ids, focusId]);
}

/** Presses the Plan only toolbar button (by keyboard when `byKey`) and checks the toggle's state everywhere it lives. */
async function togglePlan(ctx, frame, on, byKey) {
  const button = frame.locator('vscode-button[aria-pressed]');
  if (byKey) { await button.focus(); await button.press('Enter'); } else await button.click();
  assert.equal(await button.getAttribute('aria-pressed'), String(on));
  assert.equal(await frame.evaluate(() => window.__gantt.scene.planOnly), on);
  // Kept in the webview state (what a reload restores), after the save's debounce.
  await ctx.page.waitForTimeout(500);
  assert.equal(await frame.evaluate(() => window.__gantt.vscode.getState().planOnly), on);
  assert.match(await frame.locator('canvas.body').getAttribute('aria-label'), on ? /pure plan/ : /forecast dates/);
  const bars = await checkBars(frame);
  assert.deepEqual(bars.wrong, []);
}

export default async function (ctx) {
  const { page } = ctx;
  await ctx.theme('Default Dark Modern');
  await ctx.command('Waymark: Open Gantt');
  let frame = await ctx.ganttFrame();
  await frame.evaluate(() => window.__gantt.fit());
  await frame.evaluate(() => { window.__gantt.setZoom('week'); window.__gantt.scrollToDay(window.__gantt.scene.data.start >= 0 ? window.__gantt.scene.data.start + 10 : window.__gantt.scene.data.today); });
  await page.waitForTimeout(300);
  let bars = await checkBars(frame);
  ctx.log(`dark week: ${bars.checked} bars checked, ${bars.critical} critical`);
  assert.ok(bars.checked >= 5, `bars were visible to check (${bars.checked})`);
  assert.ok(bars.critical >= 1, 'the critical path is drawn');
  assert.deepEqual(bars.wrong, []);
  await ctx.screenshot('gantt-dark-week');

  await zoomAndCheck(ctx, frame, '-', 'month');
  await ctx.screenshot('gantt-dark-month');
  await togglePlan(ctx, frame, true, false);
  await ctx.screenshot('gantt-dark-month-plan');
  await togglePlan(ctx, frame, false, true);

  await ctx.theme('Default Light Modern');
  frame = await ctx.ganttFrame();
  await page.waitForTimeout(500);
  bars = await checkBars(frame);
  ctx.log(`light month: ${bars.checked} bars checked`);
  assert.deepEqual(bars.wrong, []);
  await ctx.screenshot('gantt-light-month');
  await zoomAndCheck(ctx, frame, '+', 'week');
  await ctx.screenshot('gantt-light-week');

  // RET-15: todo, planned in the past, forecast from today. Its bar is at the
  // forecast, its planned dates a ghost to the left: the slip is the gap.
  const slip = await frame.evaluate(() => {
    const app = window.__gantt;
    app.focusId('RET-15');
    const t = app.scene.data.tasks.find((x) => x[0] === 'RET-15');
    // The ghost near the left edge, so the forecast bar weeks later is in view too.
    app.scroller.scrollLeft = (t[5] - 7 - app.scene.extent.origin) * app.scene.pxPerDay;
    app.renderNow();
    return { planned: t[5], forecast: t[15], today: app.scene.data.today };
  });
  ctx.log(`RET-15 planned day ${slip.planned}, forecast day ${slip.forecast}, today ${slip.today}`);
  assert.ok(slip.forecast > slip.planned && slip.forecast >= slip.today, 'RET-15 is forecast from today, after its plan');
  await page.waitForTimeout(300);
  await ctx.screenshot('gantt-light-slip');
  await togglePlan(ctx, frame, true, true);
  await ctx.screenshot('gantt-light-week-plan');
  await togglePlan(ctx, frame, false, false);

  // Drag RET-15's bar two weeks later with the mouse: the chart previews the
  // move, and on drop project.yml gets RET-15's new start (and nothing else).
  const before = readFileSync(join(ctx.workspaceDir, 'project.yml'), 'utf8');
  const geometry = await barGeometry(frame, ['RET-15'], 'RET-15');
  const bar = { ...geometry['RET-15'], px: geometry.px };
  await page.waitForTimeout(300);
  const box = await frame.locator('.scroller').boundingBox();
  const x = box.x + (bar.x1 + bar.x2) / 2;
  const y = box.y + bar.y;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) await page.mouse.move(x + (14 * bar.px * k) / 10, y);
  const preview = await frame.evaluate(() => document.querySelector('.status').textContent);
  ctx.log(`drag preview: ${preview}`);
  assert.match(preview, /^RET-15: /);
  await ctx.screenshot('gantt-light-drag');
  await page.mouse.up();
  const after = await ctx.fileChange(join(ctx.workspaceDir, 'project.yml'), before, 10_000, 200);
  const block = after.slice(after.indexOf('id: RET-15'), after.indexOf('id: RET-16'));
  const day = new Date((bar.start + 14) * 86_400_000).toISOString().slice(0, 10);
  assert.match(block, new RegExp(`\\n {8}start: ${day}\\n`), `RET-15 starts on ${day} after the drag`);
  assert.equal(after.split('\n').length, before.split('\n').length + 1, 'one line was added');

  // Drag from RET-14's dependency handle (just right of its bar) onto RET-19:
  // RET-19 now depends on RET-14.
  await page.waitForTimeout(1500); // the plan update after the first drop
  // RET-14 (done, at its actual dates in October) near the left edge: RET-19, forecast in December, is in view too.
  await frame.evaluate(() => {
    const app = window.__gantt;
    app.focusId('RET-14');
    const t = app.scene.data.tasks.find((x) => x[0] === 'RET-14');
    app.scroller.scrollLeft = (t[15] - 7 - app.scene.extent.origin) * app.scene.pxPerDay;
    app.renderNow();
  });
  const geometry2 = await barGeometry(frame, ['RET-14', 'RET-19']);
  const link = { from: geometry2['RET-14'], to: geometry2['RET-19'] };
  const box2 = await frame.locator('.scroller').boundingBox();
  await page.mouse.move(box2.x + link.from.x2 + 6, box2.y + link.from.y);
  await page.mouse.down();
  const tx = box2.x + (link.to.x1 + link.to.x2) / 2;
  const ty = box2.y + link.to.y;
  for (let k = 1; k <= 8; k++) await page.mouse.move(box2.x + link.from.x2 + 6 + ((tx - box2.x - link.from.x2 - 6) * k) / 8, box2.y + link.from.y + ((ty - box2.y - link.from.y) * k) / 8);
  assert.equal(await frame.evaluate(() => document.querySelector('.status').textContent), 'RET-19 will depend on RET-14');
  await ctx.screenshot('gantt-light-link');
  await page.mouse.up();
  const linked = await ctx.fileChange(join(ctx.workspaceDir, 'project.yml'), after, 10_000, 200);
  const ret19 = linked.slice(linked.indexOf('id: RET-19'), linked.indexOf('id: RET-20'));
  assert.match(ret19, /\n {8}depends: \[RET-14\]\n/);

  // Dragging RET-14's body: it is done, drawn at its commits' dates, which
  // project.yml does not set. The chart says so instead of writing a start
  // that would snap back, and the file stays as it was.
  await page.waitForTimeout(1500); // the plan update after the link
  const geometry3 = await barGeometry(frame, ['RET-14']);
  const done = geometry3['RET-14'];
  const box3 = await frame.locator('.scroller').boundingBox();
  const dx = box3.x + (done.x1 + done.x2) / 2;
  await page.mouse.move(dx, box3.y + done.y);
  await page.mouse.down();
  for (let k = 1; k <= 6; k++) await page.mouse.move(dx + 6 * geometry3.px * k / 6, box3.y + done.y);
  await page.mouse.up();
  const refused = await frame.evaluate(() => { const a = document.querySelector('.alert'); return a.hidden ? '' : a.textContent; });
  ctx.log(`drag of a done task: ${refused}`);
  assert.match(refused, /^RET-14 is done: the chart draws it at the dates of its commits\./);
  await ctx.screenshot('gantt-light-refused');
  await page.waitForTimeout(1000);
  assert.equal(readFileSync(join(ctx.workspaceDir, 'project.yml'), 'utf8'), linked, 'project.yml unchanged');
}
