// Two plans in a multi-root workspace with the same milestone id (`beta`):
// Generate Postmortem and Open Gantt started from the second plan's milestone
// in the Plan view act on that plan, not on the first one that has a `beta`.
// Screenshot: multiroot-milestone-gantt.png
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const options = {
  workspace(dir, { makeDemoWorkspace }) {
    const harbor = makeDemoWorkspace(join(dir, 'harbor'));
    // A second copy of the demo, renamed (and committed) so that its reports and chart say which plan they
    // are of; its beta is not released, so the postmortem reads the plan at HEAD (with the new title).
    const tools = makeDemoWorkspace(join(dir, 'tools'));
    const file = join(tools, 'project.yml');
    const text = readFileSync(file, 'utf8');
    const renamed = text.replace('  name: Harbor Returns\n', '  name: Harbor Tools\n').replace('    title: Returns API beta\n    due: 2026-10-09\n    release: v0.9.0\n', '    title: Tools API beta\n    due: 2026-10-09\n');
    assert.notEqual(renamed, text);
    writeFileSync(file, renamed);
    execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.com', 'commit', '-q', '-am', 'Rename the plan'], { cwd: tools });
    const workspace = join(dir, 'two.code-workspace');
    writeFileSync(workspace, JSON.stringify({ folders: [{ path: 'harbor' }, { path: 'tools' }] }, null, 2));
    return { workspace, folder: harbor };
  },
};

/** Right-clicks `row` and clicks the context-menu entry `label`. */
async function menu(ctx, row, label) {
  // A row's hover (its tooltip) would sit over the menu: move away first.
  await ctx.page.mouse.move(5, 5);
  await ctx.page.locator('.monaco-hover').first().waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
  await row.click({ button: 'right' });
  const item = ctx.page.locator('.monaco-menu .action-item', { hasText: label }).first();
  await item.waitFor({ timeout: 10_000 }).catch(async (e) => {
    const shown = await ctx.page.locator('.monaco-menu .action-item').allTextContents();
    throw new Error(`no "${label}" in the context menu (shown: ${JSON.stringify(shown)}): ${e.message}`);
  });
  await ctx.page.waitForTimeout(300);
  await item.click();
}

export default async function (ctx) {
  const { page } = ctx;
  await ctx.openWaymark();
  const planTree = page.getByRole('tree', { name: 'Plan' });
  const toolsRoot = planTree.getByRole('treeitem', { name: /^Plan Harbor Tools in folder tools/ });
  await toolsRoot.waitFor({ timeout: 60_000 });
  await planTree.getByRole('treeitem', { name: /^Plan Harbor Returns in folder harbor/ }).waitFor({ timeout: 10_000 });
  if ((await toolsRoot.getAttribute('aria-expanded')) !== 'true') await toolsRoot.click();
  const beta = planTree.getByRole('treeitem', { name: /^Milestone Tools API beta/ });
  await beta.waitFor({ timeout: 10_000 });

  await menu(ctx, beta, 'Generate Postmortem');
  // The second plan's title: the postmortem is of its `beta`.
  await page.locator('.monaco-editor .view-line', { hasText: '# Postmortem: Tools API beta' }).first().waitFor({ timeout: 45_000 });
  // The command opens the Markdown preview beside the report after the text: wait for it to render, or it
  // opens while the next context menu is up, takes the focus and closes the menu (seen in a clean-clone run).
  const preview = page.frameLocator('iframe.webview').frameLocator('iframe#active-frame');
  await preview.locator('h1', { hasText: 'Postmortem: Tools API beta' }).waitFor({ timeout: 30_000 });
  await page.keyboard.press('Escape');

  // The report's preview may have taken the side bar's place.
  if (!(await beta.isVisible())) await ctx.openWaymark();
  await beta.waitFor({ timeout: 10_000 });
  await menu(ctx, beta, 'Open Gantt');
  const frame = await ctx.ganttFrame();
  const name = await ctx.waitUntil(() => frame.evaluate(() => window.__gantt.scene.data?.name), 10_000);
  await ctx.screenshot('multiroot-milestone-gantt');
  assert.equal(name, 'Harbor Tools', 'the chart is of the plan the milestone belongs to');
}
