// The CLI's files under the repository's git directory: `.git/waymark/<kind>-<hash of the plan's path>.json`,
// one per plan and kind (history, revisions, forecast, answer). Light: the launcher uses it too.
import { createHash } from 'node:crypto';
import * as path from 'node:path';

export type CacheKind = 'history' | 'revisions' | 'forecast' | 'answer';

export function cacheFileOf(gitDir: string, kind: CacheKind, planPath: string): string {
  return path.join(gitDir, 'waymark', `${kind}-${createHash('sha1').update(planPath).digest('hex').slice(0, 12)}.json`);
}
