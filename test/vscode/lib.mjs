// Building blocks of the real-VS-Code harness, shared by run.mjs (suite, e2e,
// vsix check) and the bench: start the VS Code server bundled in code-server
// on a free port with per-run data dirs, make a demo workspace, open the
// workbench in headless Chromium, and clean all of it up on every exit path.
import { spawn, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync, createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { format } from 'node:util';
import { ROOT, NODE_BIN, SERVER_MAIN, CHROMIUM } from './setup.mjs';

const require = createRequire(import.meta.url);

export { ROOT };
export const log = (msg) => console.log(`[vscode] ${msg}`);

// ---------------------------------------------------------------- cleanup
// Every child process and temp dir registers a cleanup; they run once, in
// reverse order, on normal exit, on an uncaught error and on SIGINT/SIGTERM,
// so no server outlives the run.
const cleanups = [];
let cleaning;
export function onCleanup(fn) { cleanups.push(fn); }
export function cleanup() {
  cleaning ??= (async () => {
    while (cleanups.length) {
      const fn = cleanups.pop();
      try { await fn(); } catch (e) { console.error(`[vscode] cleanup: ${e.message}`); }
    }
  })();
  return cleaning;
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, () => {
    console.error(`[vscode] ${sig}: stopping the server and the browser`);
    cleanup().finally(() => process.exit(130));
  });
}
// Last resort when something calls process.exit without awaiting cleanup: kill server groups synchronously.
const serverPids = new Set();
const runDirs = new Set();
process.on('exit', () => {
  for (const pid of serverPids) killGroup(pid, 'SIGKILL');
  for (const dir of runDirs) rmSync(dir, { recursive: true, force: true });
});

function killGroup(pid, signal = 'SIGTERM') {
  try { process.kill(-pid, signal); } catch { try { process.kill(pid, signal); } catch { /* gone */ } }
}

/** Rejects with `message` after `ms` unless `promise` settles first. */
export function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`timeout after ${Math.round(ms / 1000)} s: ${message}`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

// ---------------------------------------------------------------- temp dirs
/** A fresh per-run directory under the OS temp dir, removed at cleanup unless keep. */
export function makeRunDir(keep = false) {
  const dir = mkdtempSync(join(tmpdir(), 'waymark-vscode-'));
  if (keep) log(`keeping run files in ${dir}`);
  else {
    runDirs.add(dir);
    onCleanup(() => { rmSync(dir, { recursive: true, force: true }); runDirs.delete(dir); });
  }
  return dir;
}

// ---------------------------------------------------------------- workspace
let demoTemplate;

/**
 * Creates the demo workspace in `dir`: project.yml plus a deterministic git
 * history, from examples/demo/build-repo.mjs. The builder runs once per
 * process into a template dir (removed at cleanup); each workspace is a fresh
 * copy of it, identical to a fresh build (the shas are deterministic).
 */
export function makeDemoWorkspace(dir) {
  if (!demoTemplate) {
    const template = makeRunDir();
    execFileSync('node', [join(ROOT, 'examples', 'demo', 'build-repo.mjs'), template, '--force'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    demoTemplate = template;
  }
  mkdirSync(dir, { recursive: true });
  cpSync(demoTemplate, dir, { recursive: true });
  if (!existsSync(join(dir, 'project.yml'))) throw new Error(`no project.yml in the demo workspace ${dir}`);
  return dir;
}

// ---------------------------------------------------------------- extension snapshot
/**
 * Copies the built extension (package.json and its texts, l10n/, dist/, media/, schemas/) into
 * `dir` and transpiles src/, test/ and bench/ into `dir`/out (what
 * `npm run compile-tests` does, file by file), so another developer's
 * `compile-tests` (which wipes out/) or `build` cannot change files under a
 * running host. node_modules and examples/ are linked, not copied.
 */
export async function snapshotExtension(dir) {
  mkdirSync(dir, { recursive: true });
  const texts = readdirSync(ROOT).filter((name) => /^package\.nls(\.[\w-]+)?\.json$/.test(name));
  for (const name of ['package.json', ...texts, 'l10n', 'dist', 'media', 'schemas', 'docs', 'README.md', 'LICENSE', 'CHANGELOG.md']) {
    const from = join(ROOT, name);
    if (existsSync(from)) cpSync(from, join(dir, name), { recursive: true });
  }
  for (const name of ['node_modules', 'examples']) {
    if (existsSync(join(ROOT, name))) symlinkSync(join(ROOT, name), join(dir, name));
  }
  const esbuild = require('esbuild');
  const entryPoints = ['src', 'test', 'bench'].flatMap((d) => tsFiles(join(ROOT, d)));
  try {
    await esbuild.build({
      entryPoints, outdir: join(dir, 'out'), outbase: ROOT, absWorkingDir: ROOT,
      platform: 'node', format: 'cjs', target: 'node20', sourcemap: true, logLevel: 'silent',
    });
  } catch (e) {
    const first = e.errors?.[0];
    const where = first?.location ? `${first.location.file}:${first.location.line}:${first.location.column + 1}: ` : '';
    throw new Error(`cannot transpile the tests: ${where}${first?.text ?? e.message}`, { cause: e });
  }
  return dir;
}

function tsFiles(dir, out = []) {
  if (!existsSync(dir)) return out;
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    if (ent.isDirectory()) { if (ent.name !== 'node_modules' && !ent.name.startsWith('.')) tsFiles(p, out); }
    else if (ent.name.endsWith('.ts') && !ent.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------- server
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/**
 * Runs the bundled VS Code server's CLI once (e.g. --install-extension) with
 * Node 24 and the same dirs; resolves with its output, rejects on failure.
 */
export function serverCli(args, { timeoutMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE_BIN, [SERVER_MAIN, '--accept-server-license-terms', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); reject(new Error(`timeout after ${timeoutMs / 1000} s: server ${args.join(' ')}\n${out}`)); }, timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out); else reject(new Error(`server ${args.join(' ')} exited ${code}:\n${out}`));
    });
  });
}

/**
 * Starts server-main.js with the smoke-test driver (so the page URL may name
 * an extension under development and its tests) on a free port, with data
 * dirs under `runDir`. Resolves once it listens. `env` reaches the extension
 * host (the server passes its environment on).
 */
export async function startServer({ runDir, extensionsDir, env = {}, timeoutMs = 90_000, workspaceTrust = false }) {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await startServerOn(port, { runDir, extensionsDir, env, timeoutMs, workspaceTrust });
    } catch (e) {
      // Another process may have taken the port between the probe and the bind.
      if (attempt < 3 && /EADDRINUSE/.test(e.message)) { log(`port ${port} taken, trying another`); continue; }
      throw e;
    }
  }
}

function startServerOn(port, { runDir, extensionsDir, env, timeoutMs, workspaceTrust }) {
  const dirs = {
    serverData: join(runDir, 'server-data'),
    userData: join(runDir, 'user-data'),
    extensions: extensionsDir ?? join(runDir, 'extensions'),
  };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  const logFile = join(runDir, `server-${port}.log`);
  const logStream = createWriteStream(logFile);
  const args = [SERVER_MAIN,
    '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
    '--accept-server-license-terms', '--enable-smoke-test-driver',
    '--disable-telemetry',
    // Workspace trust off (every folder trusted) unless a check is about trust itself.
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']),
    '--server-data-dir', dirs.serverData, '--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
  // Own process group (detached) so killing -pid also ends the extension host and its helpers.
  const child = spawn(NODE_BIN, args, { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  serverPids.add(child.pid);
  let exited = false;
  const stop = async () => {
    if (exited) return;
    killGroup(child.pid, 'SIGTERM');
    const gone = await Promise.race([new Promise((r) => child.once('exit', () => r(true))), new Promise((r) => setTimeout(() => r(false), 5000))]);
    if (!gone) killGroup(child.pid, 'SIGKILL');
    // The group may hold children that outlived the server process itself.
    killGroup(child.pid, 'SIGKILL');
    serverPids.delete(child.pid);
    logStream.end();
  };
  onCleanup(stop);
  let output = '';
  let onDied;
  const died = new Promise((r) => { onDied = r; });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => { stop(); reject(new Error(`timeout after ${timeoutMs / 1000} s: the VS Code server did not start listening (log: ${logFile})\n${output.slice(-2000)}`)); }, timeoutMs);
    const onData = (d) => {
      logStream.write(d);
      output += d;
      if (output.includes(`Extension host agent listening on ${port}`)) {
        clearTimeout(timer);
        resolve({ port, url: `http://127.0.0.1:${port}`, pid: child.pid, dirs, logFile, stop, died });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      exited = true;
      onDied(code ?? signal);
      serverPids.delete(child.pid);
      clearTimeout(timer);
      reject(new Error(`the VS Code server exited (${code ?? signal}) before listening:\n${output.slice(-3000)}`));
    });
  });
}

// ---------------------------------------------------------------- browser
export async function launchBrowser() {
  const { chromium } = require('playwright-core');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // We handle signals ourselves (cleanup()), so the run dir and server go too.
    handleSIGINT: false, handleSIGTERM: false, handleSIGHUP: false,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  onCleanup(() => browser.close().catch(() => {}));
  return browser;
}

/**
 * VS Code's workspace id for a `.code-workspace` file served by `server`:
 * the web workbench names a workspace's storage and caches by
 * `hash(uri.toString()).toString(16)` (src/vs/base/common/hash.ts).
 */
export function workspaceId(server, workspaceFile) {
  const numberHash = (val, initial) => (((initial << 5) - initial) + val) | 0;
  const uri = `vscode-remote://127.0.0.1:${server.port}${workspaceFile}`;
  let h = numberHash(149417, 0);
  for (let i = 0; i < uri.length; i++) h = numberHash(uri.charCodeAt(i), h);
  return h.toString(16);
}

/**
 * Writes the server's cached copy of a `.code-workspace` file before the
 * workbench first opens it. Why: for a remote workspace the web workbench
 * starts from that cache (empty on a first open) and reads the real file once
 * the remote file system is up; when the extension host starts before that,
 * it can start with no folders and never receive them (seen under load: the
 * Plan view and the git extension both saw 0 folders for a minute while the
 * window title named the workspace). With the cache in place the folders are
 * there from the start, as in desktop VS Code. Returns the workspace id.
 */
export function seedWorkspaceCache(server, workspaceFile) {
  const id = workspaceId(server, workspaceFile);
  const dir = join(server.dirs.userData, 'User', 'caches', 'CachedConfigurations', 'workspaces', id);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'workspace.json'), JSON.stringify({ content: readFileSync(workspaceFile, 'utf8') }));
  return id;
}

/** The workbench URL for a folder, or for a `.code-workspace` file (multi-root) given as `workspace`; for development runs, also the extension and tests to load. */
export function workbenchUrl(server, { folder, workspace, extensionDevelopmentPath, extensionTestsPath }) {
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['skipWelcome', 'true']];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remote(extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remote(extensionTestsPath)]);
  const target = workspace ? `workspace=${encodeURIComponent(workspace)}` : `folder=${encodeURIComponent(folder)}`;
  return `${server.url}/?${target}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

// The workbench's own chatter (offline gallery look-ups, chat, reconnects) that
// says nothing about the extension; WAYMARK_VSCODE_VERBOSE=1 shows it anyway.
const WORKBENCH_NOISE = /^\[(AgentHost(:\w+)?|ChatModelSelection|remote-connection|Service Worker|AccountPolicyGate|reconnection-grace-time)\]|^Creating a socket|^Resol(ving|ved) connection token|ENOTFOUND|EAI_AGAIN|^Updating additional builtin|WebSocket close with status|^Started local extension host|^\[Extension Host\] \(node:\d+\) \[DEP0|marketplace|extensions\.gallery|^Extensions? (cache|gallery)|^\s+at .*\/static\/out\/vs\//i;

/**
 * Opens a workbench page with the automation hooks exposed: the extension
 * host's console goes to `onLog(level, text)`; `exited` resolves with the
 * code the tests' run() ended with (only when extensionTestsPath was given).
 */
export async function openWorkbench(browser, url, { onLog = () => {}, viewport = { width: 1400, height: 900 }, verbose = !!process.env.WAYMARK_VSCODE_VERBOSE, language } = {}) {
  // colorScheme: the default theme follows the OS preference; fix it so screenshots are stable.
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, colorScheme: 'dark' });
  // The web workbench's display language is what a language pack's NLS script sets
  // (globalThis._VSCODE_NLS_LANGUAGE; the server's --locale alone falls back to
  // English without a pack, and packs are not available offline). Set it first:
  // VS Code's own texts stay English, but vscode.env.language is `language`, so
  // the extension loads its package.nls.<language>.json and l10n bundle.
  if (language) await context.addInitScript((lang) => { globalThis._VSCODE_NLS_LANGUAGE = lang; }, language);
  const page = await context.newPage();
  let exitCode;
  const exited = new Promise((resolve) => { exitCode = resolve; });
  let done = false;
  await page.exposeFunction('codeAutomationLog', (level, args) => {
    if (done) return;
    const parts = Array.isArray(args) ? args : [args];
    // Console calls arrive as (format, ...values), e.g. mocha's ['    ✔ %s (%dms)', title, 12].
    const text = format(...parts.map((a) => (a !== null && typeof a === 'object' ? JSON.stringify(a) : a)));
    if (verbose || !WORKBENCH_NOISE.test(text)) onLog(level, text);
  });
  await page.exposeFunction('codeAutomationExit', (code) => { done = true; exitCode(code); });
  await page.goto(url);
  return { context, page, exited };
}

/** Waits for the workbench to finish its first layout (the activity bar is up). */
export async function waitForWorkbench(page, timeoutMs = 60_000) {
  await page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: timeoutMs });
}
