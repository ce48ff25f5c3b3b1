#!/usr/bin/env node
// `npm run test:vscode`: runs test/vscode/suite inside a REAL VS Code extension
// host, offline. The VS Code server bundled in code-server runs the extension
// host; headless Chromium opens its workbench with the extension under
// development and the compiled suite; the host's console is forwarded here.
// See test/vscode/README.md.
//
// Options (after `npm run test:vscode --`):
//   --grep <text>     only suite tests whose full title matches (also filters e2e file names)
//   --file <text>     only suite files whose name contains <text> (e.g. activation)
//   --no-suite        skip the in-host mocha suite
//   --no-e2e          skip test/e2e/*.e2e.mjs
//   --e2e <text>      only e2e scripts whose file name contains <text>
//   --no-vsix         skip the packaged-.vsix check
//   --keep            keep the run's temp dir (workspace, server logs, data dirs)
//   --timeout <s>     overall limit for the in-host suite (default 300)
import { existsSync, mkdirSync } from 'node:fs';
import { parseArgs as parseCliArgs } from 'node:util';
import { join } from 'node:path';
import { setup } from './setup.mjs';
import {
  ROOT, log, cleanup, makeRunDir, makeDemoWorkspace, snapshotExtension, startServer,
  launchBrowser, openWorkbench, workbenchUrl, withTimeout,
} from './lib.mjs';
import { runE2e, SCREENSHOTS } from './e2e.mjs';
import { runVsixCheck } from './vsix.mjs';

function parseArgs(argv) {
  const { values: v } = parseCliArgs({
    args: argv,
    strict: true,
    allowNegative: true,
    options: {
      grep: { type: 'string' }, file: { type: 'string' }, e2e: { type: 'string' }, 'no-e2e': { type: 'boolean' },
      suite: { type: 'boolean', default: true }, vsix: { type: 'boolean', default: true },
      keep: { type: 'boolean', default: false }, timeout: { type: 'string', default: '300' },
    },
  });
  // `--e2e <text>` filters the scripts; `--no-e2e` skips them: parseArgs reads it as e2e: false (it
  // refuses it as unknown unless 'no-e2e' is declared, though it never sets that key).
  const skipE2e = v.e2e === false;
  const o = { suite: v.suite, e2e: !skipE2e, vsix: v.vsix, keep: v.keep, timeout: Number(v.timeout), grep: v.grep, file: v.file, e2eFilter: skipE2e ? undefined : v.e2e };
  if (!(o.timeout > 0)) throw new Error('--timeout needs a number of seconds');
  // A focused run (--grep/--file/--e2e) skips the parts it does not name.
  if (o.grep || o.file) { o.vsix = false; if (!o.e2eFilter && o.file) o.e2e = false; }
  if (o.e2eFilter) { o.e2e = true; if (!o.grep && !o.file) o.suite = false; o.vsix = false; }
  return o;
}

/** Runs the mocha suite inside the extension host; returns { passed, failed }. */
async function runSuite(opts, runDir, ext) {
  const workspace = makeDemoWorkspace(join(runDir, 'workspace'));
  log(`workspace ${workspace}`);
  const server = await startServer({
    runDir: join(runDir, 'suite'),
    env: {
      WAYMARK_TEST_WORKSPACE: workspace,
      WAYMARK_REPO_ROOT: ROOT,
      ...(opts.grep ? { WAYMARK_TEST_GREP: opts.grep } : {}),
      ...(opts.file ? { WAYMARK_TEST_FILE: opts.file } : {}),
    },
  });
  log(`VS Code server pid ${server.pid} on ${server.url}`);
  const browser = await launchBrowser();
  let summary;
  const url = workbenchUrl(server, {
    folder: workspace,
    extensionDevelopmentPath: ext,
    extensionTestsPath: join(ext, 'out', 'test', 'vscode', 'suite'),
  });
  const { page, context, exited } = await openWorkbench(browser, url, {
    onLog: (level, text) => {
      for (const line of text.split('\n')) {
        const m = /vscode-suite: (\d+) passed, (\d+) failed/.exec(line);
        if (m) summary = { passed: Number(m[1]), failed: Number(m[2]) };
        console.log(level === 'error' || level === 'warn' ? `  [${level}] ${line}` : `  ${line}`);
      }
    },
  });
  page.on('pageerror', (e) => console.log(`  [page error] ${e.message}`));
  let code;
  try {
    // Also stop early when the server or the page dies instead of waiting for the timeout.
    const serverDied = server.died.then((c) => { throw new Error(`the VS Code server exited (${c}) during the suite; its log: ${server.logFile} (--keep keeps it)`); });
    const pageCrashed = new Promise((_, reject) => page.on('crash', () => reject(new Error('the browser page crashed during the suite'))));
    code = await withTimeout(Promise.race([exited, serverDied, pageCrashed]), opts.timeout * 1000, 'the in-host suite did not finish (a test awaiting forever? raise --timeout)');
  } catch (e) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, 'suite-timeout.png') }).catch(() => {});
    log(`screenshot of the stuck workbench: ${join(SCREENSHOTS, 'suite-timeout.png')}`);
    throw e;
  }
  // Close the page first so the workbench does not log reconnect errors for the stopped server.
  await context.close().catch(() => {});
  await server.stop();
  if (!summary) {
    // The host exited without the suite's summary line: it crashed or the tests never loaded.
    log(`the extension host exited with code ${code} before the suite reported (server log: ${server.logFile})`);
    return { passed: 0, failed: 1 };
  }
  if (code !== 0 && summary.failed === 0) summary.failed = 1;
  return summary;
}

async function main() {
  const started = Date.now();
  const opts = parseArgs(process.argv.slice(2));
  setup();
  const runDir = makeRunDir(opts.keep);
  const totals = { passed: 0, failed: 0 };
  const parts = [];
  const add = (name, r) => { totals.passed += r.passed; totals.failed += r.failed; parts.push(`${name} ${r.passed}/${r.passed + r.failed}`); };
  try {
    let ext;
    if (opts.suite || opts.e2e) {
      const bundle = join(ROOT, 'dist', 'extension.js');
      if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run build\` first (npm run test:vscode does)`);
      ext = await snapshotExtension(join(runDir, 'extension'));
    }
    if (opts.suite) add('suite', await runSuite(opts, runDir, ext));
    if (opts.e2e) add('e2e', await runE2e({ runDir, extensionDir: ext, filter: opts.e2eFilter ?? opts.grep }));
    if (opts.vsix) add('vsix', await runVsixCheck({ runDir }));
  } catch (e) {
    console.error(`[vscode] FAILED: ${e.message}`);
    totals.failed += 1;
  } finally {
    await cleanup();
  }
  const seconds = Math.round((Date.now() - started) / 1000);
  log(`${parts.join(', ') || 'nothing ran'} (${seconds} s)`);
  // The last line, in the plain form CI log readers know (.ci/run repeats it at the very end).
  console.log(`vscode: ${totals.passed} passed, ${totals.failed} failed`);
  process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);
}

main().catch(async (e) => {
  console.error(`[vscode] FAILED: ${e.stack ?? e.message}`);
  await cleanup();
  console.log('vscode: 0 passed, 1 failed');
  process.exit(1);
});
