// Builds the bundles: the extension (two files, `vscode` external: the small
// activation bundle and the host bundle it loads on first use), the CLI (its
// launcher, its commands and its MCP server), and the webviews (Gantt, board). Source maps for all;
// minified unless --dev.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

// `waymark --version` (src/cli/version.ts) reads this constant instead of package.json.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

const watch = process.argv.includes('--watch');
const dev = watch || process.argv.includes('--dev');
const common = { bundle: true, sourcemap: true, minify: !dev, logLevel: 'warning', legalComments: 'none', metafile: true };
// esbuild's own summary ends on "Done in Nms", which CI log readers take for a test runner's
// closing line; the build prints its bundles' sizes itself.

/** Leaves the module imported as `filter` out of a bundle: it is require()d at run time from `path`, its own bundle. */
const outside = (filter, path) => ({
  name: `outside ${path}`,
  setup(b) { b.onResolve({ filter }, () => ({ path, external: true })); },
});
// `waymark mcp` loads the MCP SDK from its own bundle (dist/mcp.js), so the
// other commands do not parse it at start-up and the extension never sees it.
const mcpOutside = outside(/\/mcp\/server(\.js)?$/, './mcp.js');
// `waymark` (dist/cli.js) is a small launcher: it answers a repeated `waymark status` itself and
// loads the commands (dist/cliMain.js) for everything else (src/cli/bin.ts).
const cliMainOutside = outside(/^\.\/main$/, './cliMain.js');
// Activation loads only dist/extension.js; it require()s the plan store, git, the analysis, the views'
// providers, language features and webview hosts (src/vscode/host.ts) on first use (src/extension.ts).
const hostOutside = outside(/\/vscode\/host(\.js)?$/, './extensionHost.js');

const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'],
    // Activation time is measured from the bundle's first line (see src/extension.ts).
    banner: { js: 'var __waymarkLoadStart = performance.now(), __waymarkCpuStart = (process.threadCpuUsage || process.cpuUsage).call(process);' },
    plugins: [hostOutside] },
  { ...common, entryPoints: ['src/vscode/host.ts'], outfile: 'dist/extensionHost.js', platform: 'node', format: 'cjs', target: 'node18', external: ['vscode'] },
  { ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node18', banner: { js: '#!/usr/bin/env node' },
    define: { WAYMARK_VERSION: JSON.stringify(version) }, plugins: [cliMainOutside] },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cliMain.js', platform: 'node', format: 'cjs', target: 'node18',
    define: { WAYMARK_VERSION: JSON.stringify(version) }, plugins: [mcpOutside] },
  { ...common, entryPoints: ['src/mcp/server.ts'], outfile: 'dist/mcp.js', platform: 'node', format: 'cjs', target: 'node18',
    define: { WAYMARK_VERSION: JSON.stringify(version) } },
  { ...common, entryPoints: ['webview/gantt/main.ts'], outfile: 'dist/webview/gantt.js', platform: 'browser', format: 'iife', target: 'chrome114' },
  { ...common, entryPoints: ['webview/board/main.ts'], outfile: 'dist/webview/board.js', platform: 'browser', format: 'iife', target: 'chrome114' },
];

if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  const results = await Promise.all(builds.map((b) => esbuild.build(b)));
  const sizes = results.flatMap((r) => Object.entries(r.metafile.outputs))
    .filter(([file]) => !file.endsWith('.map'))
    .map(([file, { bytes }]) => `${file} ${(bytes / 1024).toFixed(1)} KB`);
  // On stderr, as esbuild's own log: `npm pack --json` (prepack builds) keeps stdout for its JSON.
  console.error(`build: ${sizes.join(', ')}`);
}
