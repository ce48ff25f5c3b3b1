// A long `git log` (a whole history: LogStart.spool) writes into a private
// temporary file, and the reader follows the file as it grows. Through a pipe,
// git waits whenever the 64 KB pipe is full, that is whenever our thread is
// busy (a collection, a block's parse). In `waymark site` on the bench's 100k-commit repository git lived
// ~970 ms through the pipe and ~850 ms into a file (medians of 10 runs).
// With a file git never waits for us.
//
// The file is created exclusive and owner-only under os.tmpdir() with a random
// name (git writes through a handle of its own, we read through another), and
// unlinked as soon as git holds it (Windows, which cannot unlink an
// open file, removes it once both ends are closed). When it cannot be created,
// the caller reads through a pipe as before.
import { closeSync, openSync, readSync, unlinkSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Bytes read per call: a few of the reader's blocks, so catching up costs few calls. */
const READ_SIZE = 1 << 18;
/** Reads before other events get a turn (the other git processes' pipes, timers). */
const READS_PER_TURN = 8;
/** Wait when the reader has caught up with git: git writes ~30 KB a millisecond. */
const CAUGHT_UP_WAIT_MS = 1;

export interface Spool {
  /** Our read handle (positioned reads). */
  readonly fd: number;
  /**
   * git's stdout: a handle of its own, so git's file position is never ours (on Windows a
   * positioned read moves and restores the handle's shared position, which a writer sharing
   * it would follow). Closed in our process once git holds it (releaseWriter).
   */
  writeFd: number | undefined;
  readonly path: string;
  /** Set once unlinked. */
  unlinked: boolean;
}

/** A new private file for git's output, or undefined when the temporary folder refuses one. */
export function openSpool(): Spool | undefined {
  const path = join(tmpdir(), `waymark-git-${process.pid}-${randomBytes(8).toString('hex')}`);
  let writeFd: number | undefined;
  try {
    writeFd = openSync(path, 'wx', 0o600);
    return { fd: openSync(path, 'r'), writeFd, path, unlinked: false };
  } catch {
    if (writeFd !== undefined) {
      closeSync(writeFd);
      try { unlinkSync(path); } catch { /* nothing to remove */ }
    }
    return undefined;
  }
}

/** Closes our copy of git's write handle. */
export function releaseWriter(spool: Spool): void {
  if (spool.writeFd === undefined) return;
  try { closeSync(spool.writeFd); } catch { /* already closed */ }
  spool.writeFd = undefined;
}

/** Removes the file's name; its bytes live on while a descriptor is open. */
export function unlinkSpool(spool: Spool): void {
  if (spool.unlinked) return;
  try {
    unlinkSync(spool.path);
    spool.unlinked = true;
  } catch {
    // Windows: still open; followSpool removes it after closing.
  }
}

/** Closes and removes the file (git never started). */
export function closeSpool(spool: Spool): void {
  releaseWriter(spool);
  try { closeSync(spool.fd); } catch { /* already closed */ }
  unlinkSpool(spool);
}

export interface SpoolFollower {
  /** Stops reading: no more chunks, and the file is closed once git has ended. */
  stop(): void;
}

/**
 * Hands `onChunk` the bytes git writes into `spool`, in order, until git has
 * closed (`closed` settled: it may have already) and all is read, then closes
 * and removes the file and calls `onEnd` with git's exit code. Chunks are
 * views of one reused buffer: use them before returning. A read error ends
 * with `onEnd(undefined, error)`.
 */
export function followSpool(
  spool: Spool,
  closed: Promise<number | null>,
  onChunk: (chunk: Buffer) => void,
  onEnd: (code: number | null | undefined, error?: unknown) => void,
  /** Ends git (a read failed: nobody will read what it writes). */
  kill: () => void,
): SpoolFollower {
  const buf = Buffer.allocUnsafe(READ_SIZE);
  let position = 0;
  let exited = false;
  let code: number | null = null;
  let stopped = false;
  let done = false;
  let readError: unknown;
  const end = (error?: unknown): void => {
    if (done) return;
    done = true;
    closeSpool(spool);
    onEnd(error === undefined ? code : undefined, error);
  };
  void closed.then((c) => {
    exited = true;
    code = c;
    if (stopped) end(readError);
  });
  const pump = (): void => {
    if (done || stopped) return;
    for (let i = 0; i < READS_PER_TURN; i++) {
      let n: number;
      try {
        n = readSync(spool.fd, buf, 0, buf.length, position);
      } catch (e) {
        // git may still be writing: stop it too; the file closes when it has.
        stopped = true;
        readError = e;
        kill();
        if (exited) end(e);
        return;
      }
      if (n === 0) {
        // Everything git wrote before it ended is in the file: caught up for good.
        if (exited) end();
        else setTimeout(pump, CAUGHT_UP_WAIT_MS);
        return;
      }
      position += n;
      onChunk(buf.subarray(0, n));
      if (done || stopped) return;
    }
    setImmediate(pump);
  };
  setImmediate(pump);
  return {
    stop(): void {
      if (stopped || done) return;
      stopped = true;
      if (exited) end(readError);
    },
  };
}
