// The package version for `waymark --version` and the site's footer: read
// from the package.json above this file, which is the package's own both in
// the bundle (dist/cli.js) and in the compiled tests (out/src/cli/).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

export function packageVersion(): string {
  if (cached !== undefined) return cached;
  for (let dir = __dirname; ; dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'waymark' && typeof pkg.version === 'string') return (cached = pkg.version);
    } catch { /* no package.json here: look further up */ }
    if (dirname(dir) === dir) return (cached = 'unknown');
  }
}
