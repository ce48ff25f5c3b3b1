// The Gantt in the real workbench, on the demo: opened from the command
// palette, in Dark Modern and Light Modern, at week and month zoom.
// Screenshots: test-output/screenshots/gantt-{dark,light}-{week,month}.png
// Beyond the pictures it checks, inside the webview, that every scheduled
// task's bar is drawn at its planned dates (canvas pixels in the bar colour)
// and that the critical path is drawn in the critical colour.
import assert from 'node:assert/strict';

/** The webview's document (VS Code nests it: iframe.webview > iframe#active-frame). */
async function ganttFrame(page) {
  for (let i = 0; i < 100; i++) {
    for (const f of page.frames()) {
      if (await f.evaluate(() => !!window.__gantt && document.querySelectorAll('.list .row.task').length > 0).catch(() => false)) return f;
    }
    await page.waitForTimeout(200);
  }
  throw new Error('the Gantt webview did not render rows');
}

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
      // Below the bar's middle: arrowheads end at the middle of a bar's left edge.
      const y = r * 24 + 16 - st;
      // Sample inside the filled (progress) part when there is one, else the bar's middle.
      const x1 = (t[5] - s.extent.origin) * s.pxPerDay - sl;
      const x2 = (t[6] + 1 - s.extent.origin) * s.pxPerDay - sl;
      const x = t[9] > 10 ? x1 + (x2 - x1) * Math.min(0.5, t[9] / 200) : (x1 + x2) / 2;
      if (y < 4 || y > canvas.clientHeight - 4 || x < 2 || x > canvas.clientWidth - 2 || x2 - x1 < 8) return;
      const px = [...ctx.getImageData(Math.round(x * dpr), Math.round(y * dpr), 1, 1).data.slice(0, 3)];
      const critical = (t[11] & 1) !== 0;
      const want = critical ? red : blue;
      // Unfilled parts are the bar colour at 38% over the background: compare hue by dominant channel instead.
      const ok = near(px, want) || (t[9] <= 10 && px.indexOf(Math.max(...px)) === want.indexOf(Math.max(...want)));
      out.checked++;
      if (critical) out.critical++;
      if (!ok) out.wrong.push(`${t[0]} at x=${Math.round(x)} y=${y}: rgb(${px}) not ${critical ? 'critical' : 'bar'} rgb(${want})`);
    });
    return out;
  });
}

export default async function (ctx) {
  const { page } = ctx;
  await ctx.theme('Default Dark Modern');
  await ctx.command('Waymark: Open Gantt');
  let frame = await ganttFrame(page);
  await frame.evaluate(() => window.__gantt.fit());
  await frame.evaluate(() => { window.__gantt.setZoom('week'); window.__gantt.scrollToDay(window.__gantt.scene.data.start >= 0 ? window.__gantt.scene.data.start + 10 : window.__gantt.scene.data.today); });
  await page.waitForTimeout(300);
  let bars = await checkBars(frame);
  ctx.log(`dark week: ${bars.checked} bars checked, ${bars.critical} critical`);
  assert.ok(bars.checked >= 5, `bars were visible to check (${bars.checked})`);
  assert.ok(bars.critical >= 1, 'the critical path is drawn');
  assert.deepEqual(bars.wrong, []);
  await ctx.screenshot('gantt-dark-week');

  await frame.focus('.list-body');
  await frame.press('.list-body', '-');
  assert.equal(await frame.evaluate(() => window.__gantt.scene.zoom), 'month');
  await page.waitForTimeout(300);
  bars = await checkBars(frame);
  assert.deepEqual(bars.wrong, []);
  await ctx.screenshot('gantt-dark-month');

  await ctx.theme('Default Light Modern');
  frame = await ganttFrame(page);
  await page.waitForTimeout(500);
  bars = await checkBars(frame);
  ctx.log(`light month: ${bars.checked} bars checked`);
  assert.deepEqual(bars.wrong, []);
  await ctx.screenshot('gantt-light-month');
  await frame.focus('.list-body');
  await frame.press('.list-body', '+');
  assert.equal(await frame.evaluate(() => window.__gantt.scene.zoom), 'week');
  await page.waitForTimeout(300);
  bars = await checkBars(frame);
  assert.deepEqual(bars.wrong, []);
  await ctx.screenshot('gantt-light-week');
}
