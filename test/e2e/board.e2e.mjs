// The board in the real workbench, on the demo: opened from the command
// palette; a todo card dragged to in-progress with the mouse, another moved
// with the keyboard (Ctrl+Shift+Right); each changes project.yml by exactly
// one line. Screenshots: test-output/screenshots/board-{dark,light}.png,
// board-dark-lanes.png (swimlanes by milestone), board-light-assignee.png.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

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

/** The one line of `after` that is not in `before` (exactly one line inserted, nothing else changed). */
function insertedLine(before, after) {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length + 1, 'exactly one line was added');
  const at = b.findIndex((line, i) => line !== a[i]);
  assert.deepEqual([...b.slice(0, at), ...b.slice(at + 1)], a, 'no other line changed');
  return { line: b[at], at };
}

const focusedId = (frame) => frame.evaluate(() => document.querySelector('.card.focused')?.dataset.id);

export default async function (ctx) {
  const { page } = ctx;
  const file = join(ctx.workspaceDir, 'project.yml');
  await ctx.theme('Default Dark Modern');
  await ctx.command('Waymark: Open Board');
  let frame = await boardFrame(page);
  assert.equal(await frame.evaluate(() => document.querySelector('.column-head[data-status="todo"] .wip').textContent !== ''), true);
  const heads = await frame.evaluate(() => [...document.querySelectorAll('.column-head')].map((h) => h.dataset.status));
  assert.deepEqual(heads, ['todo', 'in-progress', 'review', 'blocked', 'done'], 'dropped is hidden by default');
  // RET-11 is declared in-progress and closed by a commit: its card offers the commits' status.
  const badge = await frame.evaluate(() => { window.__board.focusCard('RET-11'); return document.querySelector('.card[data-id="RET-11"] .card-badge:not([hidden]) .says')?.textContent; });
  assert.match(badge ?? '', /commits say done/);
  await frame.evaluate(() => { window.__board.scroller.scrollTop = 0; });
  await page.waitForTimeout(200);
  await ctx.screenshot('board-dark');

  // Mouse: drag RET-13 (todo) into the in-progress column.
  const before = readFileSync(file, 'utf8');
  const card = await frame.locator('.card[data-id="RET-13"]').boundingBox();
  const column = await frame.locator('.column-head[data-status="in-progress"]').boundingBox();
  const x = card.x + card.width / 2;
  const y = card.y + 20;
  await page.mouse.move(x, y);
  await page.mouse.down();
  const tx = column.x + column.width / 2;
  for (let k = 1; k <= 10; k++) await page.mouse.move(x + ((tx - x) * k) / 10, y);
  assert.equal(await frame.evaluate(() => !document.querySelector('.drop').hidden), true, 'the drop target shows');
  await ctx.screenshot('board-dark-drag');
  await page.mouse.up();
  const afterDrag = await ctx.fileChange(file, before, 10_000, 200);
  const dragged = insertedLine(before, afterDrag);
  assert.equal(dragged.line, '        status: in-progress');
  assert.ok(afterDrag.indexOf('status: in-progress', afterDrag.indexOf('id: RET-13')) < afterDrag.indexOf('id: RET-14'), 'the status went into RET-13');
  await ctx.waitUntil(() => frame.evaluate(() => window.__board.data.cards.find((c) => c[0] === 'RET-13')[4] === 1), 10_000);

  // Keyboard: focus RET-15, arrows move the focus, Ctrl+Shift+Right moves the card to in-progress.
  await frame.evaluate(() => window.__board.focusCard('RET-15'));
  await frame.focus('.scroller');
  assert.equal(await focusedId(frame), 'RET-15');
  await page.keyboard.press('ArrowDown');
  const below = await focusedId(frame);
  assert.notEqual(below, 'RET-15', 'ArrowDown moved the focus');
  await page.keyboard.press('ArrowUp');
  assert.equal(await focusedId(frame), 'RET-15', 'ArrowUp came back');
  await page.keyboard.press('Control+Shift+ArrowRight');
  const afterKey = await ctx.fileChange(file, afterDrag, 10_000, 200);
  const keyed = insertedLine(afterDrag, afterKey);
  assert.equal(keyed.line, '        status: in-progress');
  assert.ok(afterKey.indexOf('status: in-progress', afterKey.indexOf('id: RET-15')) < afterKey.indexOf('id: RET-16'), 'the status went into RET-15');
  const live = await ctx.waitUntil(() => frame.evaluate(() => { const t = document.querySelector('.live').textContent; return t.startsWith('Moved RET-15') && t; }), 5_000);
  ctx.log(`announced: ${live}`);
  assert.equal(live, 'Moved RET-15 to in-progress.');
  assert.equal(await focusedId(frame), 'RET-15', 'the moved card keeps the focus');

  // One click on RET-11's "commits say done" badge writes done (its status line, comment kept).
  await ctx.waitUntil(() => frame.evaluate(() => window.__board.data.cards.find((c) => c[0] === 'RET-15')[4] === 1), 10_000);
  await frame.evaluate(() => window.__board.focusCard('RET-11'));
  await frame.locator('.card[data-id="RET-11"] .accept').click();
  const afterAccept = await ctx.fileChange(file, afterKey, 10_000, 200);
  const a = afterKey.split('\n');
  const changed = afterAccept.split('\n').filter((line, i) => line !== a[i]);
  assert.deepEqual(changed, ['        status: done    # a commit already closed it: Waymark offers to update this']);

  // Swimlanes by milestone.
  await frame.evaluate(() => { window.__board.setLanes('milestone'); window.__board.scroller.scrollTop = 0; });
  await page.waitForTimeout(300);
  const lanes = await frame.evaluate(() => [...document.querySelectorAll('.lane-head:not([hidden])')].map((e) => e.textContent));
  ctx.log(`lanes: ${lanes.join(' | ')}`);
  assert.ok(lanes.some((l) => l.startsWith('beta')), 'a lane per milestone');
  await ctx.screenshot('board-dark-lanes');

  await ctx.theme('Default Light Modern');
  frame = await boardFrame(page);
  await frame.evaluate(() => { window.__board.setLanes('none'); window.__board.scroller.scrollTop = 0; });
  await page.waitForTimeout(300);
  await ctx.screenshot('board-light');
  await frame.evaluate(() => window.__board.setLanes('assignee'));
  await page.waitForTimeout(300);
  await ctx.screenshot('board-light-assignee');
}
