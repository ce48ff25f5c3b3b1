// The Plan and My Tasks views in the real workbench: open the Waymark
// container, expand a milestone, right-click a task -> Set Status… -> done,
// and check that project.yml on disk changed by exactly that one line.
// Screenshots (dark, then light):
//   tree-plan-dark.png / tree-plan-light.png       Plan view, a milestone expanded, My Tasks below
//   tree-context-menu.png                          the task's context menu
// Then Add Task on a milestone (context menu, title box), Start Work, the SCM helper.
//   tree-start-work.png                            after the inline Start Work button: the status bar names the task
//   tree-scm-completion.png                        task ids offered in the Source Control input box
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export default async function (ctx) {
  const { page } = ctx;
  const file = join(ctx.workspaceDir, 'project.yml');
  const before = readFileSync(file, 'utf8');
  // My Tasks matches `git config user.email` against people's emails: be Ben.
  execFileSync('git', ['config', 'user.email', 'ben@harbor.example'], { cwd: ctx.workspaceDir });

  await ctx.openWaymark();
  // Widen the side bar so descriptions (progress, due, forecast) show: drag its edge.
  const bar = await page.locator('.part.sidebar').boundingBox();
  if (bar) {
    await page.mouse.move(bar.x + bar.width + 1, bar.y + bar.height / 2);
    await page.mouse.down();
    await page.mouse.move(bar.x + 640, bar.y + bar.height / 2, { steps: 5 });
    await page.mouse.up();
  }
  const planTree = page.getByRole('tree', { name: 'Plan' });
  const portal = planTree.getByRole('treeitem', { name: /^Milestone Customer returns portal/ });
  await portal.waitFor({ timeout: 30_000 });
  await ctx.theme('Default Dark Modern');

  // Expand the milestone (a milestone row has no command: a click toggles it).
  await portal.click();
  const task = planTree.getByRole('treeitem', { name: /^Task RET-12, Return reason and photo upload/ });
  await task.waitFor({ timeout: 10_000 });
  const derived = planTree.getByRole('treeitem', { name: /^Task RET-11, .*commits say done/ });
  await derived.waitFor({ timeout: 10_000 });
  // My Tasks lists Ben's open work, the critical task first.
  const mine = page.getByRole('tree', { name: 'My Tasks' });
  await mine.getByRole('treeitem', { name: /^Task RET-12,/ }).waitFor({ timeout: 15_000 });
  await page.mouse.move(5, 5); // no hover tooltips in the screenshot
  await ctx.screenshot('tree-plan-dark');

  // Right-click the task -> Set Status… -> done.
  await ctx.contextMenuInput(task, 'Set Status…', 'done', { expect: /done/, onMenu: () => ctx.screenshot('tree-context-menu') });

  // The file on disk changes by exactly one line: RET-12's status.
  const after = await ctx.fileChange(file, before, 15_000);
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'same number of lines');
  const changed = a.map((l, i) => [l, b[i]]).filter(([x, y]) => x !== y);
  assert.deepEqual(changed, [['        status: in-progress', '        status: done']], 'exactly RET-12’s status line changed');
  ctx.log(`project.yml: ${JSON.stringify(changed[0][0].trim())} -> ${JSON.stringify(changed[0][1].trim())}`);

  // The tree follows without a reload: RET-12 now reads done, and leaves My Tasks.
  await planTree.getByRole('treeitem', { name: /^Task RET-12, .*status done/ }).waitFor({ timeout: 15_000 });
  await mine.getByRole('treeitem', { name: /^Task RET-12,/ }).waitFor({ state: 'detached', timeout: 15_000 });
  await page.mouse.move(5, 5);
  await ctx.theme('Default Light Modern');
  await page.mouse.move(5, 5);
  await ctx.screenshot('tree-plan-light');

  // Add Task from a milestone's context menu: the title box, then the new task is shown in the tree.
  const launch = planTree.getByRole('treeitem', { name: /^Milestone General availability/ });
  await ctx.contextMenuInput(launch, 'Add Task…', 'Post-launch review');
  await planTree.getByRole('treeitem', { name: /^Task RET-31, Post-launch review/ }).waitFor({ timeout: 15_000 });
  assert.match(readFileSync(file, 'utf8'), /\n {6}- id: RET-31\n {8}title: Post-launch review\n/);
  await launch.click(); // collapse it again so the portal's tasks are in view (the tree renders only visible rows)

  // Start Work from the row's inline button: a branch, the task in progress, the status bar names it.
  const ret15 = planTree.getByRole('treeitem', { name: /^Task RET-15,/ });
  await ret15.hover();
  await ret15.locator('.action-label[aria-label="Start Work"]').click();
  const statusItem = page.locator('.statusbar-item', { hasText: /RET-15/ }).first();
  await statusItem.waitFor({ timeout: 15_000 });
  const branch = execFileSync('git', ['branch', '--show-current'], { cwd: ctx.workspaceDir, encoding: 'utf8' }).trim();
  assert.equal(branch, 'RET-15-accessibility-fixes-from-the-audit');
  await planTree.getByRole('treeitem', { name: /^Task RET-15, .*status in-progress/ }).waitFor({ timeout: 15_000 });
  await page.mouse.move(5, 5);
  await ctx.screenshot('tree-start-work');

  // The commit-message helper: task ids in the Source Control input box.
  await page.keyboard.press('Control+Shift+G');
  const scmInput = page.locator('.scm-editor .monaco-editor').first();
  await scmInput.waitFor({ timeout: 15_000 });
  await scmInput.click();
  await page.keyboard.type('Fixes RET-1', { delay: 30 });
  await page.keyboard.press('Control+Space');
  await page.locator('.suggest-widget .monaco-list-row', { hasText: 'RET-15' }).first().waitFor({ timeout: 15_000 });
  await ctx.screenshot('tree-scm-completion');
  await page.keyboard.press('Escape');
}
