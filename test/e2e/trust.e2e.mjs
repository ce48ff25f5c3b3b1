// Restricted Mode: the demo folder opened untrusted (workspace trust on). The
// plan still shows (limited support: reading project.yml), no git runs (no
// history cache is written, the view says why), commands that need git say
// so instead of running; granting trust brings the commits in without a
// reload. Screenshots: trust-restricted.png, trust-granted.png
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export const options = { workspaceTrust: true };

/** History cache files the extension wrote (planStore: globalStorage/history-<hash>.json). */
function historyCaches(ctx) {
  const dir = join(ctx.serverDirs.userData, 'User', 'globalStorage', 'waymark-dev.waymark');
  return existsSync(dir) ? readdirSync(dir).filter((f) => /^history-[0-9a-f]+\.json$/.test(f)) : [];
}

export default async function (ctx) {
  const { page } = ctx;
  // The start-up trust prompt: answer "No" like a cautious user.
  const no = page.getByRole('button', { name: /No, I don.t trust the authors/ });
  if (await no.waitFor({ timeout: 15_000 }).then(() => true, () => false)) await no.click();
  await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ timeout: 15_000 });
  await ctx.theme('Default Dark Modern');

  await ctx.openWaymark();
  const beta = page.getByRole('treeitem', { name: /Returns API beta/ }).first();
  await beta.waitFor({ timeout: 30_000 });
  const message = ctx.planMessage();
  await message.waitFor({ timeout: 15_000 });
  const restrictedNote = (await message.textContent()) ?? '';
  ctx.log(`Plan view message: ${restrictedNote}`);
  assert.match(restrictedNote, /trusted workspace/, 'the Plan view says why there is no progress from commits');
  const untrustedRow = (await beta.getAttribute('aria-label')) ?? '';
  ctx.log(`beta, untrusted: ${untrustedRow}`);
  assert.deepEqual(historyCaches(ctx), [], 'no history scan ran (no cache file)');
  await ctx.screenshot('trust-restricted');

  // A command that needs git is offered (the web workbench's isWorkspaceTrusted key is unreliable while it
  // starts, so no menu depends on it) and explains itself rather than running.
  await ctx.command('Waymark: Generate Postmortem');
  // A headless page shows no toasts; the notification centre lists the message.
  await ctx.command('Notifications: Show Notifications');
  await page.locator('.notifications-center .notification-list-item', { hasText: 'needs a trusted workspace' }).first().waitFor({ timeout: 15_000 });
  await ctx.command('Notifications: Clear All Notifications');
  assert.deepEqual(historyCaches(ctx), [], 'still no git after the refused command');

  // Trust the folder from the Restricted Mode status item's editor.
  await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().click();
  const trust = page.getByRole('button', { name: /^Trust$/ }).first();
  await trust.waitFor({ timeout: 15_000 });
  await trust.click();
  await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'hidden', timeout: 15_000 });

  // The store refreshes on the grant: the history is read, the note goes away.
  await ctx.waitUntil(() => historyCaches(ctx).length > 0, 15_000, 200);
  assert.equal(historyCaches(ctx).length, 1, 'the history was scanned once trusted');
  await message.waitFor({ state: 'hidden', timeout: 15_000 }).catch(async () => {
    throw new Error(`the Plan view still says: ${await message.textContent()}`);
  });
  await page.keyboard.press('Control+W'); // the trust editor
  if (!(await beta.isVisible())) await ctx.openWaymark(); // a click on the shown container would hide it
  const trustedRow = (await beta.getAttribute('aria-label', { timeout: 10_000 })) ?? '';
  ctx.log(`beta, trusted: ${trustedRow}`);
  assert.notEqual(trustedRow, untrustedRow, 'the beta row changed once commits count');
  await ctx.screenshot('trust-granted');
}
