// Transpiles src/, test/, bench/ and webview/ (pure layout math is unit-tested) to out/ file by file (no bundling, no
// type check) so the mocha suites run on plain Node. Types are checked by
// `npm run typecheck`; keeping the two apart means one module's type error
// does not stop every other module's tests from running.
import * as esbuild from 'esbuild';
import { readdirSync, statSync, rmSync } from 'node:fs';
import { join } from 'node:path';

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const entryPoints = ['src', 'test', 'bench', 'webview'].flatMap((d) => { try { return walk(d); } catch { return []; } });
rmSync('out', { recursive: true, force: true });
await esbuild.build({
  entryPoints,
  outdir: 'out',
  outbase: '.',
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});
