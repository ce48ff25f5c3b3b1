// Waymark's version for `waymark --version`. The bundle (scripts/build.mjs)
// inlines it from package.json; unbundled (tests run from out/) it is read
// from the package.json above this file.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';

declare const WAYMARK_VERSION: string | undefined;

export function waymarkVersion(): string {
  if (typeof WAYMARK_VERSION === 'string') return WAYMARK_VERSION;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'waymark' && pkg.version) return pkg.version;
    } catch { /* no package.json here: look further up */ }
    if (path.dirname(dir) === dir) return 'unknown';
  }
}
