// Builds the three bundles: the extension host (one file, `vscode` external),
// the CLI, and the webviews (Gantt, board). Source maps for all; minified unless --dev.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const common = { bundle: true, sourcemap: true, minify: !dev, logLevel: 'info', legalComments: 'none' };

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'],
    // Activation time is measured from the bundle's first line (see src/extension.ts).
    banner: { js: 'var __waymarkLoadStart = performance.now(), __waymarkCpuStart = (process.threadCpuUsage || process.cpuUsage).call(process);' } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node18', banner: { js: '#!/usr/bin/env node' } },
  { ...common, entryPoints: ['webview/gantt/main.ts'], outfile: 'dist/webview/gantt.js', platform: 'browser', format: 'iife', target: 'chrome114' },
  { ...common, entryPoints: ['webview/board/main.ts'], outfile: 'dist/webview/board.js', platform: 'browser', format: 'iife', target: 'chrome114' },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
