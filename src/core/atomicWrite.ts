// Write then rename: a crash mid-write never leaves half a file behind. The
// caches under .git/waymark/ (history, forecast, plan revisions) write this way.
import { randomBytes } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';

/** Replaces `file` with `data` in one rename; throws what the file system throws. */
export function writeFileAtomic(file: string, data: string | Uint8Array): void {
  const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(tmp, data);
  renameSync(tmp, file);
}
