// The packaged-extension check: `npm run package` builds dist/waymark.vsix,
// which must stay under 1 MB with the extension as its two bundles (activation's and the host's
// it loads on first use, vsixContents.mjs); it is installed
// into the VS Code server like a user would (`--install-extension`), the
// server starts WITHOUT an extension under development on a fresh demo
// workspace, and the Waymark view container's Plan view must list the demo's
// milestones. Screenshot: test-output/screenshots/vsix-plan.png.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import {
  ROOT, log, makeDemoWorkspace, serverCli, startServer, launchBrowser,
} from './lib.mjs';
import { openE2ePage } from './e2e.mjs';
import { checkVsixContents, linkProblems, unneededFiles } from './vsixContents.mjs';

const require = createRequire(import.meta.url);
const EXTENSION_ID = 'waymark-dev.waymark';

/** Milestone titles of the demo plan, in file order (what the Plan view must show). */
export function demoMilestoneTitles() {
  const YAML = require(join(ROOT, 'node_modules', 'yaml'));
  const plan = YAML.parse(readFileSync(join(ROOT, 'examples', 'demo', 'project.yml'), 'utf8'));
  return (plan.milestones ?? []).map((m) => String(m.title));
}

/** Runs `npm run package`; returns the path of a copy of the .vsix in `runDir`. */
export function packageVsix(runDir) {
  log('vsix: npm run package');
  const r = spawnSync('npm', ['run', 'package'], { cwd: ROOT, encoding: 'utf8', timeout: 300_000 });
  const out = `${r.stdout ?? ''}${r.stderr ?? ''}`;
  if (r.status !== 0) throw new Error(`npm run package failed (${r.status ?? r.error?.message ?? r.signal}):\n${out.split('\n').slice(-30).join('\n')}`);
  const built = join(ROOT, 'dist', 'waymark.vsix');
  if (!existsSync(built)) throw new Error(`npm run package did not write ${built}`);
  const copy = join(runDir, 'waymark.vsix');
  copyFileSync(built, copy);
  return copy;
}

export async function runVsixCheck({ runDir }) {
  const result = { passed: 0, failed: 0 };
  const fail = (msg) => { result.failed++; log(`vsix ✘ ${msg}`); };
  const vsix = packageVsix(runDir);
  const { size, files, problems } = checkVsixContents(vsix);
  log(`vsix: ${(size / 1024).toFixed(1)} KB, ${files.length} files`);
  if (problems.length) fail(`package: ${problems.join('; ')}`);
  else { result.passed++; log('vsix ✔ under 1 MB, the two extension bundles, no sources or maps'); }
  const packaged = files.map((f) => f.slice('extension/'.length));
  const broken = linkProblems(packaged, (p) => readFileSync(join(ROOT, p), 'utf8'));
  if (broken.length) fail(`links: ${broken.join('; ')}`);
  else { result.passed++; log('vsix ✔ every link in the README, its docs, the welcome views and the walkthrough resolves in the package'); }
  const unneeded = unneededFiles(packaged, (p) => readFileSync(join(ROOT, p), 'utf8'));
  if (unneeded.length) fail(`files nothing in the package needs (.vscodeignore): ${unneeded.join(', ')}`);
  else { result.passed++; log('vsix ✔ every packaged file is needed'); }

  const extensionsDir = join(runDir, 'vsix-extensions');
  const installOut = await serverCli(['--install-extension', vsix, '--extensions-dir', extensionsDir, '--force']);
  const installed = existsSync(extensionsDir) ? readdirSync(extensionsDir).filter((d) => d.startsWith(`${EXTENSION_ID}-`)) : [];
  if (installed.length !== 1) {
    fail(`--install-extension did not install ${EXTENSION_ID}:\n${installOut}`);
    return result;
  }
  log(`vsix: installed ${installed[0]} into ${extensionsDir}`);

  const titles = demoMilestoneTitles();
  if (titles.length === 0) throw new Error('examples/demo/project.yml has no milestones to look for');
  const server = await startServer({ runDir: join(runDir, 'vsix'), extensionsDir });
  const browser = await launchBrowser();
  const workspaceDir = makeDemoWorkspace(join(runDir, 'vsix-workspace'));
  let ctx;
  let context;
  try {
    await openE2ePage(browser, { name: 'vsix', server, target: { folder: workspaceDir }, onOpen: (opened) => { ({ ctx, context } = opened); } });
    const { page } = ctx;
    await ctx.theme('Default Dark Modern');
    const title = await page.title();
    if (/Extension Development Host/.test(title)) throw new Error(`the window is an Extension Development Host (${title}): the installed .vsix was not what ran`);
    await page.locator('.activitybar .action-item a[aria-label^="Waymark"]').click({ timeout: 30_000 });
    const planPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: /^\s*Plan/ }) }).first();
    for (const t of titles) {
      await planPane.locator('.monaco-list-row', { hasText: t }).first().waitFor({ timeout: 30_000 });
    }
    await page.mouse.move(700, 600); // no hover tooltip in the picture
    await page.waitForTimeout(500); // decorations and descriptions settle
    await ctx.screenshot('vsix-plan');
    result.passed++;
    log(`vsix ✔ installed extension activated; the Plan view shows ${titles.map((t) => JSON.stringify(t)).join(', ')}`);
  } catch (e) {
    await ctx?.screenshot('vsix-failure').catch(() => {});
    fail(`${e.message.split('\n')[0]} (screenshot test-output/screenshots/vsix-failure.png)`);
  } finally {
    await context?.close().catch(() => {});
    await browser.close().catch(() => {});
    await server.stop();
  }
  return result;
}
