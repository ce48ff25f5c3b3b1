// The getting-started walkthrough, done as a new user would, in a repository
// without a plan: open it from the command palette, press its "Create
// project.yml" (step 1 completes), commit "fixes HAR-1" (step 2 completes
// from the history), press its "Open Gantt" (step 3 completes). On the way it
// takes the walkthrough's pictures of the real views, light and dark:
// test-output/screenshots/walkthrough-{plan,linked,gantt}-{light,dark}.png and
// walkthrough-steps.png. WAYMARK_WALKTHROUGH_MEDIA=1 also copies the pictures
// into media/walkthrough/ (what the package ships).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../vscode/lib.mjs';
import { SCREENSHOTS } from '../vscode/e2e.mjs';

const git = (cwd, ...args) => execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 'Ana', GIT_AUTHOR_EMAIL: 'ana@example.com', GIT_COMMITTER_NAME: 'Ana', GIT_COMMITTER_EMAIL: 'ana@example.com' } });

export const options = {
  workspace(dir) {
    const folder = join(dir, 'harbor'); // the starter plan's key: HAR
    mkdirSync(folder, { recursive: true });
    git(folder, 'init', '-q', '-b', 'main');
    writeFileSync(join(folder, 'README.md'), '# Harbor\n');
    git(folder, 'add', '.');
    git(folder, 'commit', '-q', '-m', 'Initial commit');
    return { folder };
  },
};

const THEMES = { light: 'Default Light Modern', dark: 'Default Dark Modern' };

export default async function (ctx) {
  const { page } = ctx;
  const pictures = [];
  /** The part's picture in both themes, as the walkthrough shows it, cut at `maxHeight` (small pictures keep the package small). */
  const picture = async (name, part, maxHeight = 2000) => {
    for (const [variant, theme] of Object.entries(THEMES)) {
      await ctx.theme(theme);
      await page.mouse.move(5, 5);
      const box = await part.boundingBox();
      const file = join(SCREENSHOTS, `walkthrough-${name}-${variant}.png`);
      await page.screenshot({ path: file, clip: { ...box, height: Math.min(box.height, maxHeight) } });
      pictures.push([file, `${name}-${variant}.png`]);
    }
  };
  // The Plan pane only (My Tasks would name this machine's git user).
  const planPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^\s*Plan/ }) }).first();
  const step = (id) => page.locator(`.getting-started-step[data-step-id$="#${id}"]`).first();
  const isDone = async (id) => /\bcomplete\b/.test((await step(id).locator('.codicon').first().getAttribute('class')) ?? '');
  const walkthroughTab = page.locator('.tabs-container .tab', { hasText: /Walkthrough|Welcome/ }).first();

  /** Opens (or returns to) the walkthrough the way a user finds it: the command palette. */
  const openWalkthrough = async () => {
    await ctx.command('Welcome: Open Walkthrough...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Get Started with Waymark' }).first().click({ timeout: 15_000 });
    await page.locator('.getting-started-step[data-step-id$="#createPlan"]:visible').first().waitFor({ timeout: 20_000 });
  };

  await ctx.theme(THEMES.dark);
  await openWalkthrough();
  for (const id of ['createPlan', 'linkCommit', 'openViews', 'checkInCi']) assert.equal(await isDone(id), false, `${id} starts open`);

  // Step 1: its own button creates project.yml.
  await step('createPlan').click();
  await page.locator('.getting-started-step.expanded a, .getting-started-step.expanded button', { hasText: 'Create project.yml' }).first().click();
  await page.locator('.tabs-container .tab', { hasText: 'project.yml' }).first().waitFor({ timeout: 20_000 });
  await walkthroughTab.click();
  assert.ok(await ctx.waitUntil(() => isDone('createPlan'), 20_000), 'step 1 completes once project.yml exists');
  await ctx.command('Notifications: Clear All Notifications'); // the merge-driver offer: not in the pictures
  await ctx.openWaymark();
  const milestone = page.getByRole('treeitem', { name: /First release/ }).first();
  await milestone.waitFor({ timeout: 20_000 });
  if ((await milestone.getAttribute('aria-expanded')) !== 'true') await milestone.locator('.monaco-tl-twistie').click();
  await page.getByRole('treeitem', { name: /HAR-1/ }).first().waitFor({ timeout: 20_000 });
  await picture('plan', planPane, 160);

  // Step 2: a commit that says "fixes HAR-1" links (and closes) the task.
  git(ctx.workspaceDir, 'add', 'project.yml');
  git(ctx.workspaceDir, 'commit', '-q', '-m', 'Plan the first release; fixes HAR-1');
  await page.getByRole('treeitem', { name: /HAR-1.*done/i }).first().waitFor({ timeout: 30_000 });
  await picture('linked', planPane, 160);
  await openWalkthrough();
  assert.ok(await ctx.waitUntil(() => isDone('linkCommit'), 20_000), 'step 2 completes from the linked commit');

  // Step 3: its "Open Gantt" button.
  await step('openViews').click();
  await page.locator('.getting-started-step.expanded a, .getting-started-step.expanded button', { hasText: 'Open Gantt' }).first().click();
  await ctx.ganttFrame();
  await picture('gantt', page.locator('.part.editor').first(), 260);
  await openWalkthrough();
  assert.ok(await ctx.waitUntil(() => isDone('openViews'), 20_000), 'step 3 completes once the Gantt opened');
  assert.equal(await isDone('checkInCi'), false, 'no workflow runs waymark yet');
  await ctx.screenshot('walkthrough-steps');

  if (process.env.WAYMARK_WALKTHROUGH_MEDIA === '1') {
    mkdirSync(join(ROOT, 'media', 'walkthrough'), { recursive: true });
    for (const [from, to] of pictures) copyFileSync(from, join(ROOT, 'media', 'walkthrough', to));
    ctx.log(`copied ${pictures.length} pictures into media/walkthrough/`);
  }
}
