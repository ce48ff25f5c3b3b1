// project.yml's bytes, read safely: only a regular file (a FIFO is refused,
// not waited on), never more than a cap. Imports nothing of the parser:
// `waymark`'s launcher reads the plan with it before the commands load
// (src/cli/statusAnswer.ts); planFile.ts parses what it reads.
import { constants as fsc, promises as fs, closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** An I/O problem (missing file, permissions, not a regular file): callers report `message` as is. */
export class PlanFileError extends Error {}

export function ioMessage(e: unknown, file: string): string {
  if (e instanceof PlanFileError) return e.message;
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EACCES' || code === 'EPERM') return `${file}: permission denied`;
  if (code === 'EISDIR') return `${file}: is a directory, not a file`;
  return `${file}: ${e instanceof Error ? e.message : String(e)}`;
}

/** The file's bytes, or its size when it is larger than the cap (then nothing more is read). */
export type PlanBytes = { readonly bytes: Uint8Array } | { readonly tooLarge: number };

// O_NONBLOCK: opening a FIFO must not wait for a writer (the fstat below then refuses it).
const READ_FLAGS = fsc.O_RDONLY | (fsc.O_NONBLOCK ?? 0);
const CHUNK = 64 * 1024;

function notRegular(file: string, st: { isDirectory(): boolean; isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): PlanFileError {
  if (st.isDirectory()) return new PlanFileError(`${file}: is a directory, not a file`);
  const what = st.isFIFO() ? 'a FIFO (named pipe)' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
  return new PlanFileError(`${file}: is ${what}; Waymark reads only regular files.`);
}

/**
 * The capped read loop, shared by the async and sync readers: yields a buffer
 * to fill, receives how many bytes were read into it, and returns the bytes
 * (or `tooLarge` as soon as more than `maxBytes` arrived, whatever `stat` said:
 * a file can grow while it is read).
 */
function* cappedRead(size: number, maxBytes: number): Generator<Uint8Array, PlanBytes, number> {
  if (size > maxBytes) return { tooLarge: size };
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const buf = new Uint8Array(Math.min(CHUNK, maxBytes + 1 - total));
    const n = yield buf;
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
    if (total > maxBytes) return { tooLarge: total };
  }
  if (chunks.length === 1) return { bytes: chunks[0] };
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return { bytes: out };
}

/**
 * Reads a plan file's bytes safely: only a regular file (after following
 * links), opened without blocking (a FIFO is refused, not waited on), and
 * never more than `maxBytes` + 1 bytes.
 */
export async function readPlanBytes(file: string, maxBytes: number): Promise<PlanBytes> {
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(file, READ_FLAGS);
    const st = await handle.stat();
    if (!st.isFile()) throw notRegular(file, st);
    const loop = cappedRead(st.size, maxBytes);
    let step = loop.next();
    while (!step.done) step = loop.next((await handle.read(step.value, 0, step.value.length, null)).bytesRead);
    return step.value;
  } catch (e) {
    throw new PlanFileError(ioMessage(e, file));
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/** readPlanBytes, synchronously (same checks). */
export function readPlanBytesSync(file: string, maxBytes: number): PlanBytes {
  let fd: number | undefined;
  try {
    fd = openSync(file, READ_FLAGS);
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegular(file, st);
    const loop = cappedRead(st.size, maxBytes);
    let step = loop.next();
    while (!step.done) step = loop.next(readSync(fd, step.value, 0, step.value.length, null));
    return step.value;
  } catch (e) {
    throw new PlanFileError(ioMessage(e, file));
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

