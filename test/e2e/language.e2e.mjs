// project.yml in the real workbench: the CodeLens row above each task, and a
// squiggle that appears while typing an invalid status (no save), with the
// diagnostic's hover and its quick fix. Screenshots:
//   language-diagnostic.png  squiggle + CodeLens
//   language-hover.png       the problem hover with "Quick Fix..."
//   language-codelens.png    lenses on open work: status, progress, commits, float, critical
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export default async function (ctx) {
  const { page } = ctx;
  const text = readFileSync(join(ctx.workspaceDir, 'project.yml'), 'utf8').split('\n');
  const taskLine = text.findIndex((l) => /^\s*- id: RET-7$/.test(l));
  const statusLine = text.findIndex((l, i) => i > taskLine && /^\s*status: review$/.test(l));
  assert.ok(taskLine > 0 && statusLine > taskLine, 'demo plan has RET-7 with status review');

  // Open project.yml at RET-7's status line through Quick Open (`file:line`), like a user.
  await page.locator('.activitybar').waitFor({ timeout: 30_000 });
  // More room for the editor: the chat side bar is not ours.
  if (await page.locator('.part.auxiliarybar:visible').count()) await page.keyboard.press('Control+Alt+B');
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  const row = page.locator('.quick-input-list .monaco-list-row', { hasText: 'project.yml' }).first();
  await input.fill('project.yml');
  await row.waitFor({ timeout: 30_000 }); // the file search indexes the workspace first
  await input.fill(`project.yml:${statusLine + 1}`);
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await page.locator('.editor-instance .monaco-editor').first().waitFor({ timeout: 15_000 });
  await page.locator('.monaco-editor .view-line', { hasText: 'status: review' }).first().waitFor({ timeout: 15_000 });

  // Select `review` at the end of the line and type over it.
  await page.keyboard.press('End');
  for (let i = 0; i < 'review'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.type('in-progres', { delay: 40 });

  // CodeLens rows (only those in the viewport are rendered visible).
  const lenses = page.locator('.monaco-editor .codelens-decoration:visible');
  await lenses.first().waitFor({ timeout: 30_000 });
  const squiggle = page.locator('.monaco-editor .squiggly-error');
  await squiggle.first().waitFor({ timeout: 15_000 });
  // Let the CodeLens for the tasks around the cursor render (they load progress from git), and read them in
  // the same frame as the check: VS Code re-renders every lens when the provider answers again after an edit
  // (the plan store's reload), and a clean-clone run read 0 rows between a wait and a separate read.
  const lensTexts = await page.waitForFunction(() => {
    const texts = [...document.querySelectorAll('.monaco-editor .codelens-decoration')]
      .filter((e) => { const r = e.getBoundingClientRect(); return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < window.innerHeight; })
      .map((e) => e.textContent ?? '');
    return texts.some((t) => /commit/.test(t)) && texts.some((t) => /review|done|todo|in-progress|blocked/.test(t)) ? texts : undefined;
  }, undefined, { timeout: 30_000 }).then((h) => h.jsonValue()).catch(() => undefined);
  ctx.log(`CodeLens rows visible: ${lensTexts?.length ?? 0}; e.g. ${JSON.stringify(lensTexts?.slice(0, 3) ?? [])}`);
  assert.ok(lensTexts, 'a status lens with its commits is visible');
  // Typing opened the suggestions (completion of status values); close them for a clear view.
  assert.ok(await page.locator('.suggest-widget .monaco-list-row', { hasText: 'in-progress' }).count(), 'completion offered in-progress while typing');
  await page.keyboard.press('Escape');
  await ctx.screenshot('language-diagnostic');

  // Hover the problem: the message and the quick fix. (Escape first: typing opened the suggestions.)
  // The cursor sits at the end of the bad value: Show Hover (Ctrl+K Ctrl+I) from the keyboard.
  await page.keyboard.press('Control+K');
  await page.keyboard.press('Control+I');
  const hover = page.locator('.monaco-hover .hover-contents', { hasText: "did you mean 'in-progress'" });
  await hover.first().waitFor({ timeout: 10_000 });
  await ctx.screenshot('language-hover');

  // Apply the quick fix from the keyboard (Ctrl+. on the word, first preferred action).
  await page.keyboard.press('Escape');
  await problemsSettled(ctx);
  await traceEditorEvents(page);
  await page.keyboard.press('Control+.');
  const menu = page.locator('.action-widget', { hasText: "Change to 'in-progress'" });
  await menu.first().waitFor({ timeout: 10_000 }).catch(async (e) => {
    // What the editor showed instead, for the next person chasing this step (it failed in some
    // clean-clone runs, never alone): a widget with other entries, "no code actions", the lightbulb.
    const seen = await page.evaluate(() => ({
      widgets: [...document.querySelectorAll('.action-widget')].map((w) => (w.textContent ?? '').slice(0, 200)),
      message: [...document.querySelectorAll('.monaco-editor-overlaymessage')].map((m) => m.textContent ?? ''),
      lightbulb: !!document.querySelector('.monaco-editor .lightBulbWidget, .monaco-editor .codicon-lightbulb, .monaco-editor .codicon-light-bulb'),
      focused: document.activeElement?.className ?? '',
      statusbar: [...document.querySelectorAll('.statusbar-item')].map((i) => i.textContent?.trim()).filter(Boolean).join(' | '),
      trace: window.__waymarkTrace ?? [],
    }));
    ctx.log(`no quick-fix menu after Ctrl+.: ${JSON.stringify(seen)}`);
    throw e;
  });
  // WAYMARK_E2E_TRACE=1: a passing run's trace too, to compare with a failure's.
  if (process.env.WAYMARK_E2E_TRACE) ctx.log(`trace: ${JSON.stringify(await page.evaluate(() => window.__waymarkTrace ?? []))}`);
  await page.keyboard.press('Enter'); // the preferred fix is the first, focused entry
  await page.waitForFunction(() => !document.querySelector('.monaco-editor .squiggly-error'), null, { timeout: 15_000 });
  const line = page.locator('.monaco-editor .view-line', { hasText: 'status: in-progress' });
  assert.ok(await line.count(), 'the status line reads in-progress after the fix');

  // Open work further down: its lenses show float and the critical path.
  const openLine = text.findIndex((l, i) => i > statusLine && /^\s*status: in-progress\b/.test(l));
  assert.ok(openLine > 0, 'the demo has an in-progress task');
  await page.keyboard.press('Control+P');
  await input.waitFor({ timeout: 10_000 });
  await input.fill(`project.yml:${openLine + 1}`);
  await row.waitFor({ timeout: 10_000 });
  await row.click();
  await page.locator('.monaco-editor .codelens-decoration:visible', { hasText: /float/ }).first().waitFor({ timeout: 30_000 });
  await ctx.screenshot('language-codelens');
}

/**
 * Records, from now on, what could take a quick-fix menu away (ms since the call: problem counts,
 * squiggles, CodeLens re-renders, the lightbulb, action widgets, focus), for the failure log of
 * the Ctrl+. step: its cause is not found, and the next failure should say which came first.
 */
async function traceEditorEvents(page) {
  await page.evaluate(() => {
    const t0 = performance.now();
    const trace = (window.__waymarkTrace = []);
    const read = () => ({
      problems: document.querySelector('.statusbar-item[id="status.problems"]')?.getAttribute('aria-label') ?? '',
      squiggles: document.querySelectorAll('.monaco-editor .squiggly-error, .monaco-editor .squiggly-warning').length,
      lenses: document.querySelectorAll('.monaco-editor .codelens-decoration').length,
      lightbulb: document.querySelector('.monaco-editor .lightBulbWidget')?.getAttribute('title') ?? '',
      widgets: document.querySelectorAll('.action-widget').length,
      focused: document.activeElement?.className ?? '',
    });
    let last = JSON.stringify(read());
    trace.push(`0ms ${last}`);
    const observer = new window.MutationObserver(() => {
      const now = JSON.stringify(read());
      if (now !== last && trace.length < 60) trace.push(`${Math.round(performance.now() - t0)}ms ${now}`);
      last = now;
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-label', 'title', 'class'] });
    setTimeout(() => observer.disconnect(), 15_000);
  });
}

/**
 * Waits until project.yml is saved (the web workbench auto-saves 1 s after typing), git has
 * noticed it, and the problem counts in the status bar have stayed the same for `quietMs`, so Ctrl+. asks for the
 * fixes of the problems the store has finished computing (after typing it analyses the new text
 * too, debounced). Added while chasing a failure at the Ctrl+. step in clean-clone runs. That
 * failure's cause is not found: it came back with the CodeLens change it was blamed on reverted
 * (see git log), so this wait is a precondition the step wants, not the fix of that failure.
 */
async function problemsSettled(ctx, quietMs = 1500, timeoutMs = 20_000) {
  const { page } = ctx;
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: timeoutMs });
  // The git extension's refresh after the save (the branch turns `main*`): a clean-clone failure at the
  // Ctrl+. step showed it arriving after the problems settled, so it is waited for too. Not seen in time:
  // logged, and the step goes on (the demo's branch name and git's refresh are not this test's subject).
  const dirty = await page.locator('.statusbar-item', { hasText: 'main*' }).first().waitFor({ timeout: 10_000 }).then(() => true, () => false);
  if (!dirty) ctx.log('the branch did not show main* within 10 s of the save');
  const counts = page.locator('.statusbar-item[id="status.problems"]').first();
  const started = Date.now();
  let last = await counts.getAttribute('aria-label');
  let since = Date.now();
  while (Date.now() - since < quietMs) {
    if (Date.now() - started > timeoutMs) throw new Error(`the problems kept changing for ${timeoutMs} ms (last: ${last})`);
    await page.waitForTimeout(100);
    const now = await counts.getAttribute('aria-label');
    if (now !== last) { last = now; since = Date.now(); }
  }
  ctx.log(`problems settled: ${last}`);
}
