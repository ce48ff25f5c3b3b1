// End-to-end browser checks: each test/e2e/*.e2e.mjs (sorted) gets a fresh
// workbench page on a fresh demo workspace, with the extension under
// development loaded, and its default export is called with `ctx` (see
// test/vscode/README.md). One VS Code server serves all scripts; each page
// has its own browser context, so user settings (kept in the browser's
// IndexedDB by the web workbench) such as a theme switch do not leak.
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join, basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  ROOT, log, makeDemoWorkspace, startServer, launchBrowser, openWorkbench, waitForWorkbench,
  workbenchUrl, withTimeout, seedWorkspaceCache,
} from './lib.mjs';

export const SCREENSHOTS = join(ROOT, 'test-output', 'screenshots');
const SCRIPT_TIMEOUT_MS = 120_000;
const secs = (ms) => `${(ms / 1000).toFixed(1)} s`;

/** The workbench root's class for a theme: vs (light), vs-dark, hc-black, hc-light. */
function themeClass(name) {
  if (/high contrast/i.test(name) && /light/i.test(name)) return 'hc-light';
  if (/high contrast/i.test(name)) return 'hc-black';
  if (/light/i.test(name)) return 'vs';
  return 'vs-dark';
}

const escapeRe = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Types into the open quick input and clicks the row whose label is exactly
 * `label` (or the first of several candidate labels that shows up).
 */
async function pickQuickInput(page, label, prefix = '') {
  const candidates = Array.isArray(label) ? label : [label];
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ timeout: 10_000 });
  for (const [i, text] of candidates.entries()) {
    await input.fill(`${prefix}${text}`);
    const row = page.locator('.quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name', { hasText: new RegExp(`^\\s*${escapeRe(text)}\\s*$`) }) })
      .first();
    try {
      await row.waitFor({ timeout: i === candidates.length - 1 ? 10_000 : 1_500 });
      await row.click();
      return;
    } catch { /* try the next candidate */ }
  }
  const seen = await page.locator('.quick-input-list .monaco-list-row .label-name').allTextContents();
  await page.keyboard.press('Escape');
  throw new Error(`no quick-pick entry named ${candidates.map((c) => JSON.stringify(c)).join(' or ')}; shown: ${JSON.stringify(seen.slice(0, 8))}`);
}

/** Everything an e2e script gets; also used by the vsix check. */
export function makeContext({ name, page, server, workspaceDir, extensionLog }) {
  const prefix = `[e2e ${name}]`;
  const ctx = {
    page,
    workspaceDir,
    serverUrl: server.url,
    /** The server's data folders: { serverData, userData, extensions }. */
    serverDirs: server.dirs,
    extensionLog,
    log: (...args) => console.log(prefix, ...args),
    async screenshot(shotName) {
      if (!/^[\w.-]+$/.test(shotName)) throw new Error(`screenshot name ${JSON.stringify(shotName)}: use letters, digits, . _ -`);
      mkdirSync(SCREENSHOTS, { recursive: true });
      const path = join(SCREENSHOTS, `${shotName}.png`);
      await page.screenshot({ path });
      ctx.log(`screenshot ${path}`);
      return path;
    },
    async theme(themeName) {
      // The web workbench keeps user settings in the browser (IndexedDB), so go
      // through the theme picker like a user; it writes workbench.colorTheme.
      const cls = themeClass(themeName);
      const isOn = () => page.evaluate((c) => !!document.querySelector('.monaco-workbench')?.classList.contains(c), cls);
      // Accept the settings id ('Default Light Modern') or the picker's label ('Light Modern').
      const labels = [...new Set([themeName.replace(/^Default /, ''), themeName, ...(themeName === 'Default High Contrast' ? ['Dark High Contrast'] : [])])];
      // Right after start-up the picker may list no themes yet (extensions still being scanned): retry.
      for (let attempt = 1; ; attempt++) {
        await ctx.command('Preferences: Color Theme');
        try { await pickQuickInput(page, labels); break; } catch (e) {
          if (attempt >= 5) throw e;
          await page.waitForTimeout(2000);
        }
      }
      await page.waitForFunction((c) => document.querySelector('.monaco-workbench')?.classList.contains(c), cls, { timeout: 10_000 })
        .catch(async () => { if (!(await isOn())) throw new Error(`theme ${JSON.stringify(themeName)} did not apply (workbench class ${cls} missing)`); });
      await page.waitForTimeout(300); // let views repaint with the new colours
    },
    async command(title) {
      await page.keyboard.press('F1');
      await pickQuickInput(page, title, '>');
    },
    /** Clicks Waymark's activity-bar entry (opens the view container, or hides it when shown). */
    async openWaymark() {
      await page.locator('.activitybar .action-item a[aria-label^="Waymark"]').first().click({ timeout: 30_000 });
    },
    /** The Plan pane's message (the text above its tree), as a locator. */
    planMessage() {
      return page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Plan' }) }).locator('.message').first();
    },
    /**
     * Right-clicks `row`, clicks the context-menu item `item`, types `text` into
     * the input that opens and presses Enter; with `expect`, first waits for a
     * quick-pick row matching it. `onMenu()` runs while the menu is shown.
     */
    async contextMenuInput(row, item, text, { expect, onMenu } = {}) {
      await row.click({ button: 'right' });
      const action = page.locator('.monaco-menu .action-item', { hasText: item }).first();
      await action.waitFor({ timeout: 10_000 });
      await onMenu?.();
      await page.waitForTimeout(300); // the menu ignores clicks while it animates in
      await action.click();
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ timeout: 10_000 });
      await input.fill(text);
      if (expect) await page.locator('.quick-input-list .monaco-list-row', { hasText: expect }).first().waitFor({ timeout: 10_000 });
      await page.keyboard.press('Enter');
    },
    /** Polls `fn` every `everyMs` until it returns truthy or `ms` have passed; returns its last value (no throw). */
    async waitUntil(fn, ms, everyMs = 100) {
      const deadline = Date.now() + ms;
      let value;
      while (!(value = await fn()) && Date.now() < deadline) await page.waitForTimeout(everyMs);
      return value;
    },
    /** Waits (at most `ms`) for the file at `path` to differ from `before`; returns its contents then (or `before`). */
    async fileChange(path, before, ms, everyMs = 100) {
      let after = before;
      await ctx.waitUntil(() => (after = readFileSync(path, 'utf8')) !== before, ms, everyMs);
      return after;
    },
    /** The Gantt webview's frame (VS Code nests it: iframe.webview > iframe#active-frame), once it rendered task rows. */
    async ganttFrame() {
      for (let i = 0; i < 100; i++) {
        for (const f of page.frames()) {
          if (await f.evaluate(() => !!window.__gantt && document.querySelectorAll('.list .row.task').length > 0).catch(() => false)) return f;
        }
        await page.waitForTimeout(200);
      }
      throw new Error('the Gantt webview did not render rows');
    },
  };
  return ctx;
}

/** The chat panel that opens on the right by default only clutters screenshots. */
export async function hideSecondarySideBar(page, ctx) {
  const bar = page.locator('.part.auxiliarybar');
  if (!(await bar.isVisible().catch(() => false))) return;
  // Its keybinding first (fast), the command palette when that did not do it.
  await page.keyboard.press('Control+Alt+KeyB');
  if (await bar.waitFor({ state: 'hidden', timeout: 2000 }).then(() => true, () => false)) return;
  await page.keyboard.press('F1');
  await pickQuickInput(page, ['View: Close Secondary Side Bar', 'View: Hide Secondary Side Bar', 'View: Toggle Secondary Side Bar Visibility'], '>')
    .catch((e) => ctx.log(`could not hide the secondary side bar: ${e.message}`));
}

/**
 * Opens a workbench page on `target` ({ folder } or { workspace }) with the
 * extension host's console collected in ctx.extensionLog (errors printed),
 * waits for the workbench and hides the secondary side bar; resolves with
 * { ctx, context }. `onOpen({ ctx, context })` is called as soon as the page
 * exists, so a caller can screenshot and close it when the wait fails.
 */
export async function openE2ePage(browser, { name, server, target, workspaceDir = target.folder, extensionDevelopmentPath, language, onOpen = () => {} }) {
  const extensionLog = [];
  const workspaceId = target.workspace ? seedWorkspaceCache(server, target.workspace) : undefined;
  const url = workbenchUrl(server, { ...target, extensionDevelopmentPath });
  const { page, context } = await openWorkbench(browser, url, {
    language,
    onLog: (level, text) => {
      extensionLog.push(text);
      if (level === 'error') console.log(`  [${name}] [error] ${text}`);
    },
  });
  const ctx = makeContext({ name, page, server, workspaceDir, extensionLog });
  onOpen({ ctx, context });
  await waitForWorkbench(page);
  if (workspaceId) {
    // The workbench keeps the workspace's state under its id: proof that the seeded cache was the one read.
    const storage = join(server.dirs.userData, 'User', 'workspaceStorage', workspaceId);
    if (!(await ctx.waitUntil(() => existsSync(storage), 15_000))) {
      throw new Error(`no ${storage}: VS Code's workspace id is no longer hash(uri) (see workspaceId in lib.mjs), so the workspace cache was not seeded`);
    }
  }
  await hideSecondarySideBar(page, ctx);
  return { ctx, context };
}

/** The newest extension host's Waymark output channel (the store's log), for a failure's context. */
function printWaymarkLog(userData, name) {
  const logs = join(userData, 'logs');
  if (!existsSync(logs)) return;
  const files = [];
  for (const session of readdirSync(logs)) {
    for (const host of readdirSync(join(logs, session)).filter((d) => d.startsWith('exthost'))) {
      const f = join(logs, session, host, 'waymark-dev.waymark', 'Waymark.log');
      if (existsSync(f)) files.push(f);
    }
  }
  const newest = files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0];
  if (!newest) { log(`e2e ${name}: no Waymark log (did the extension activate?)`); return; }
  const lines = readFileSync(newest, 'utf8').trim().split('\n').slice(-20);
  log(`e2e ${name}: the newest Waymark log (${newest}):\n${lines.map((l) => `    ${l}`).join('\n')}`);
}

export function listE2eScripts(filter) {
  const dir = join(ROOT, 'test', 'e2e');
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith('.e2e.mjs') && (!filter || f.includes(filter))).sort().map((f) => join(dir, f));
}

/**
 * Runs every e2e script; returns { passed, failed }. A script may export
 * `options`:
 *   workspaceTrust: true   run on a server with workspace trust on, so the
 *                          folder opens in Restricted Mode (others run trusted)
 *   workspace(dir, { makeDemoWorkspace })   build its own workspace under
 *                          `dir`; returns { folder } or { workspace: '<file>.code-workspace' }
 */
export async function runE2e({ runDir, extensionDir, filter }) {
  const scripts = listE2eScripts(filter);
  if (scripts.length === 0) {
    log(`e2e: no test/e2e/*.e2e.mjs${filter ? ` matching ${JSON.stringify(filter)}` : ''}`);
    return { passed: 0, failed: 0 };
  }
  // One server per trust setting, started when a script first needs it.
  const servers = new Map();
  const serverFor = async (workspaceTrust) => {
    const key = workspaceTrust ? 'trust' : 'trusted';
    if (!servers.has(key)) {
      const server = await startServer({ runDir: join(runDir, workspaceTrust ? 'e2e-trust' : 'e2e'), env: { WAYMARK_REPO_ROOT: ROOT }, workspaceTrust });
      log(`e2e: VS Code server pid ${server.pid} on ${server.url}${workspaceTrust ? ' (workspace trust on)' : ''}`);
      servers.set(key, server);
    }
    return servers.get(key);
  };
  log(`e2e: ${scripts.length} script(s)`);
  const browser = await launchBrowser();
  const result = { passed: 0, failed: 0 };
  try {
    for (const [i, script] of scripts.entries()) {
      const name = basename(script, '.e2e.mjs');
      const started = Date.now();
      let ctx;
      let context;
      let ready = started;
      try {
        const mod = await import(pathToFileURL(script).href);
        if (typeof mod.default !== 'function') throw new Error(`${script} has no \`export default async function (ctx)\``);
        const options = mod.options ?? {};
        const server = await serverFor(!!options.workspaceTrust);
        const dir = join(runDir, `e2e-workspace-${i}-${name}`);
        const target = options.workspace ? await options.workspace(dir, { makeDemoWorkspace }) : { folder: makeDemoWorkspace(dir) };
        await openE2ePage(browser, {
          name, server, target, workspaceDir: target.folder ?? dir, extensionDevelopmentPath: extensionDir, language: options.language,
          onOpen: (opened) => { ({ ctx, context } = opened); },
        });
        ready = Date.now();
        await withTimeout(Promise.resolve(mod.default(ctx)), SCRIPT_TIMEOUT_MS, `e2e ${name}`);
        result.passed++;
        log(`e2e ✔ ${name} (${secs(Date.now() - started)}: workbench ready after ${secs(ready - started)}, script ${secs(Date.now() - ready)})`);
      } catch (e) {
        result.failed++;
        log(`e2e ✘ ${name}: ${e.stack ?? e.message}`);
        await ctx?.screenshot(`${name}-failure`).catch(() => {});
        if (ctx) printWaymarkLog(ctx.serverDirs.userData, name);
      } finally {
        await context?.close().catch(() => {});
      }
    }
  } finally {
    await browser.close().catch(() => {});
    for (const server of servers.values()) await server.stop();
  }
  return result;
}
