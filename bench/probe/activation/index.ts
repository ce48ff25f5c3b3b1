// Loaded INSIDE the VS Code extension host by bench/cases/activation.mjs (as
// the `extensionTestsPath` module). Reports, as one `waymark-bench {json}`
// console line:
//   activationMs  the extension's own figure: from the bundle's first line
//                 (esbuild banner) to the end of activate(), i.e. module
//                 evaluation + activate(), for the activation VS Code did by
//                 itself (workspaceContains:**/project.yml)
//   activationCpuMs  CPU time of the same span (the host thread's, process.threadCpuUsage)
//   hostLoadedInActivate  whether activate() itself loaded the host bundle (only when a project.yml is open)
//   reload        re-require()ing dist/extension.js in this host (read + compile + evaluate), wall and CPU ms
//   reloadHost    the same for dist/extensionHost.js, the host bundle activation leaves to first use
//   yaml          re-require()ing the `yaml` package: the reference (what the lazy design keeps out of activation)
import { join, dirname } from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'waymark-dev.waymark';

/** This thread's CPU time where Node has it (>= 23.9), as the extension measures its activation. */
const cpuUsage = (process as { threadCpuUsage?: (prev?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage ?? process.cpuUsage;

/** Wall and CPU milliseconds of require()ing `file` afresh (CPU time is what a busy machine does not inflate). */
function freshRequire(file: string, clear: (key: string) => boolean): { wall: number; cpu: number } {
  for (const key of Object.keys(require.cache)) if (clear(key)) delete require.cache[key];
  const c0 = cpuUsage.call(process);
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(file);
  const wall = performance.now() - t0;
  const c = cpuUsage.call(process, c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

async function waitActive(ext: vscode.Extension<unknown>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!ext.isActive) {
    if (Date.now() > end) throw new Error(`${EXTENSION_ID} did not activate within ${ms / 1000} s`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function run(): Promise<void> {
  const ext = vscode.extensions.getExtension<{ activationMs?: number; activationCpuMs?: number; hostLoadedInActivate?: boolean }>(EXTENSION_ID);
  if (!ext) throw new Error(`${EXTENSION_ID} is not loaded in this host`);
  await waitActive(ext, 30_000);
  const activationMs = ext.exports?.activationMs;
  const activationCpuMs = ext.exports?.activationCpuMs;
  const hostLoadedInActivate = ext.exports?.hostLoadedInActivate;
  if (typeof activationMs !== 'number') throw new Error('activate() did not return { activationMs }');
  const bundle = join(ext.extensionPath, 'dist', 'extension.js');
  const hostBundle = join(ext.extensionPath, 'dist', 'extensionHost.js');
  const yamlEntry = require.resolve('yaml', { paths: [ext.extensionPath] });
  const yamlDir = dirname(dirname(yamlEntry));
  const reload: { wall: number; cpu: number }[] = [];
  const reloadHost: { wall: number; cpu: number }[] = [];
  const yaml: { wall: number; cpu: number }[] = [];
  const reps = Number(process.env.WAYMARK_BENCH_REPS) || 10;
  for (let i = 0; i < reps; i++) {
    reload.push(freshRequire(bundle, (k) => k === bundle));
    reloadHost.push(freshRequire(hostBundle, (k) => k === hostBundle));
    yaml.push(freshRequire(yamlEntry, (k) => k.startsWith(yamlDir)));
  }
  console.log(`waymark-bench ${JSON.stringify({ activationMs, activationCpuMs, hostLoadedInActivate, reload, reloadHost, yaml, node: process.version })}`);
}
