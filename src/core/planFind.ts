// Where project.yml is: the one name Waymark looks for, in a folder or its
// parents. Imports nothing of the parser: `waymark`'s launcher uses it before
// it loads the commands (src/cli/statusAnswer.ts).
import { statSync } from 'node:fs';
import * as path from 'node:path';

export const PLAN_FILE_NAME = 'project.yml';

/** project.yml in `startDir` or the nearest parent folder that has one. */
export function findPlanFile(startDir: string): string | undefined {
  let dir = path.resolve(startDir);
  for (;;) {
    const candidate = path.join(dir, PLAN_FILE_NAME);
    try { if (statSync(candidate).isFile()) return candidate; } catch { /* keep looking upward */ }
    const parent = path.dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}
