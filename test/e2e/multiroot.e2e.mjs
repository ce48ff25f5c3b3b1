// A multi-root workspace: the demo (a git repository) beside a second plan
// that is not in git, and a folder without a plan. The Plan view has one root
// per plan, named by its folder; the view's message says which folder has no
// history; a status change on the second plan's task writes that folder's
// project.yml and no other. Screenshot: multiroot-plan.png
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const TOOLS_PLAN = `# The internal tools team's plan (no git repository here).
version: 1
project:
  name: Internal tools
  key: TL
  start: 2026-11-02
people:
  - id: ana
    name: Ana
milestones:
  - id: ci
    title: Faster CI
    due: 2026-12-18
    tasks:
      - id: TL-1
        title: Cache the npm install
        estimate: 2d
        assignee: ana
        status: todo
      - id: TL-2
        title: Split the e2e job
        estimate: 3d
        depends: [TL-1]
`;

export const options = {
  workspace(dir, { makeDemoWorkspace }) {
    const harbor = makeDemoWorkspace(join(dir, 'harbor'));
    mkdirSync(join(dir, 'tools'), { recursive: true });
    writeFileSync(join(dir, 'tools', 'project.yml'), TOOLS_PLAN);
    mkdirSync(join(dir, 'notes'), { recursive: true });
    writeFileSync(join(dir, 'notes', 'README.md'), '# Notes\n');
    const file = join(dir, 'team.code-workspace');
    writeFileSync(file, JSON.stringify({ folders: [{ path: 'harbor' }, { path: 'tools' }, { path: 'notes' }] }, null, 2));
    return { workspace: file, folder: harbor };
  },
};

export default async function (ctx) {
  const { page } = ctx;
  const tools = join(ctx.workspaceDir, '..', 'tools', 'project.yml');
  const harborFile = join(ctx.workspaceDir, 'project.yml');
  const toolsBefore = readFileSync(tools, 'utf8');
  const harborBefore = readFileSync(harborFile, 'utf8');
  await ctx.theme('Default Dark Modern');
  await page.locator('.activitybar .action-item a[aria-label^="Waymark"]').first().click();
  const planTree = page.getByRole('tree', { name: 'Plan' });

  // One root per folder with a plan, none for the folder without one.
  const harborRoot = planTree.getByRole('treeitem', { name: /^Plan Harbor Returns in folder harbor/ });
  const toolsRoot = planTree.getByRole('treeitem', { name: /^Plan Internal tools in folder tools/ });
  // A cold workbench on a busy machine can take a while to start the extension host.
  await harborRoot.waitFor({ timeout: 60_000 });
  await toolsRoot.waitFor({ timeout: 10_000 });
  assert.equal(await planTree.getByRole('treeitem', { name: /in folder notes/ }).count(), 0, 'no root for the folder without a plan');

  // The message names the folder whose plan has no git history.
  const message = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Plan' }) }).locator('.message').first();
  await message.waitFor({ timeout: 15_000 });
  const note = (await message.textContent()) ?? '';
  ctx.log(`Plan view message: ${note}`);
  assert.match(note, /^tools: .*not a git repository/, 'the note says which folder');

  // Expand tools -> Faster CI -> TL-1, and set it in progress from its context menu.
  if ((await toolsRoot.getAttribute('aria-expanded')) !== 'true') await toolsRoot.click();
  const ci = planTree.getByRole('treeitem', { name: /^Milestone Faster CI/ });
  await ci.waitFor({ timeout: 10_000 });
  if ((await ci.getAttribute('aria-expanded')) !== 'true') await ci.click();
  const task = planTree.getByRole('treeitem', { name: /^Task TL-1, Cache the npm install/ });
  await task.waitFor({ timeout: 10_000 });
  await page.mouse.move(5, 5);
  await ctx.screenshot('multiroot-plan');

  await task.click({ button: 'right' });
  const item = page.locator('.monaco-menu .action-item', { hasText: 'Set Status…' }).first();
  await item.waitFor({ timeout: 10_000 });
  await page.waitForTimeout(300);
  await item.click();
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  await input.fill('in-progress');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: /in-progress/ }).first().waitFor({ timeout: 10_000 });
  await page.keyboard.press('Enter');

  let after = toolsBefore;
  for (let i = 0; i < 150 && after === toolsBefore; i++) {
    await page.waitForTimeout(100);
    after = readFileSync(tools, 'utf8');
  }
  assert.equal(after, toolsBefore.replace('        status: todo\n', '        status: in-progress\n'), 'only TL-1’s status line changed, comment kept');
  assert.equal(readFileSync(harborFile, 'utf8'), harborBefore, 'the other folder’s plan is untouched');
  await planTree.getByRole('treeitem', { name: /^Task TL-1, Cache the npm install, status in-progress/ }).waitFor({ timeout: 10_000 })
    .catch(async () => { throw new Error(`TL-1's row did not follow: ${await task.getAttribute('aria-label')}`); });
}
