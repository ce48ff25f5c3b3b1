#!/usr/bin/env node
// `npm run demo`: builds Waymark, writes the demo repository, prints its
// status, and opens it in VS Code with the extension: the desktop `code` when
// it is on PATH, else the bundled VS Code server on 127.0.0.1 (URL printed).
//
// Options: --no-open  stop after printing the status
//          --port N   port for the bundled server (default 8765)
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DEMO = join(ROOT, '.demo', 'harbor-returns');
const args = process.argv.slice(2);
const open = !args.includes('--no-open');
const portArg = args.indexOf('--port');
const port = portArg >= 0 ? Number(args[portArg + 1]) : 8765;

const say = (msg) => console.log(`\n== ${msg}`);

function run(cmd, argv, opts = {}) {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: ROOT, ...opts });
  if (r.error) throw new Error(`${cmd} could not start: ${r.error.message}`);
  return r.status ?? 1;
}

function must(cmd, argv, opts) {
  const code = run(cmd, argv, opts);
  if (code !== 0) {
    console.error(`demo: '${cmd} ${argv.join(' ')}' failed (exit ${code})`);
    process.exit(1);
  }
}

function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

say('Building Waymark');
must('npm', ['run', '--silent', 'build']);

say(`Writing the demo repository to ${DEMO}`);
must(process.execPath, [join(ROOT, 'examples/demo/build-repo.mjs'), DEMO, '--force']);

say('waymark status');
run(process.execPath, [join(ROOT, 'dist/cli.js'), 'status', '--file', join(DEMO, 'project.yml')]);

if (!open) process.exit(0);

if (onPath('code') && !process.env.WAYMARK_DEMO_SERVER) {
  say('Opening the demo in VS Code (desktop) with the extension under development');
  must('code', ['--new-window', `--extensionDevelopmentPath=${ROOT}`, DEMO]);
  process.exit(0);
}

// No desktop VS Code: the VS Code server that the integration tests use.
say('Preparing the bundled VS Code server (first run: about three minutes)');
must(process.execPath, [join(ROOT, 'test/vscode/setup.mjs')]);
const { NODE_BIN, SERVER_MAIN } = await import('../test/vscode/setup.mjs');

say('Packaging the extension');
must('npm', ['run', '--silent', 'package']);
const state = join(ROOT, '.demo', 'vscode');
const extensionsDir = join(state, 'extensions');
mkdirSync(extensionsDir, { recursive: true });
must(NODE_BIN, [SERVER_MAIN, '--install-extension', join(ROOT, 'dist/waymark.vsix'), '--force', '--extensions-dir', extensionsDir,
  '--user-data-dir', join(state, 'user'), '--server-data-dir', join(state, 'server')]);

say(`Starting VS Code on http://127.0.0.1:${port}`);
const server = spawn(NODE_BIN, [SERVER_MAIN, '--host', '127.0.0.1', '--port', String(port), '--without-connection-token',
  '--accept-server-license-terms', '--disable-telemetry', '--extensions-dir', extensionsDir,
  '--user-data-dir', join(state, 'user'), '--server-data-dir', join(state, 'server')], { stdio: ['ignore', 'pipe', 'inherit'] });
server.stdout.on('data', (chunk) => {
  if (String(chunk).includes(`listening on ${port}`)) {
    console.log(`\nOpen this in your browser:\n\n  http://127.0.0.1:${port}/?folder=${encodeURI(DEMO)}\n\nWaymark's icon is in the activity bar. Press Ctrl+C to stop the server.`);
  }
});
const stop = () => { server.kill('SIGTERM'); };
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
