// project.yml on disk: find it, read it (bytes -> ParsedPlan), and write edits
// only when the file still holds the text they were computed from.
import { constants as fsc, promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import * as path from 'node:path';
import type { TextEdit } from './model';
import { applyTextEdits, type EditResult } from './edit';
import { DEFAULT_MAX_BYTES, decodeBytes, encodePlanText, hasUtf8Bom, parsePlan, tooLargePlan, type ParseOptions, type ParsedPlan } from './parse';
import { contentHash } from './yamlUtil';
import { PlanFileError, ioMessage, readPlanBytes, readPlanBytesSync, type PlanBytes } from './planBytes';

// Here because they were first; planFind.ts and planBytes.ts hold them so `waymark`'s launcher finds and
// reads the plan without the parser.
export { PLAN_FILE_NAME, findPlanFile } from './planFind';
export { PlanFileError, readPlanBytes, readPlanBytesSync, type PlanBytes } from './planBytes';

export type PlanFile = ParsedPlan & {
  readonly path: string;
  /** The bytes as read (empty when the file was too large to read). */
  readonly bytes: Uint8Array;
};

function withFile(parsed: ParsedPlan, file: string, bytes: Uint8Array): PlanFile {
  // Same object (edit.ts keys its document by it), with the file facts added.
  return Object.assign(parsed, { path: file, bytes });
}

// ---------------------------------------------------------------- reading
// The bytes come from planBytes.ts (a regular file only, capped); here they are parsed.

function parsedFile(file: string, read: PlanBytes, options: ParseOptions & { maxBytes: number }): PlanFile {
  if ('tooLarge' in read) return withFile(tooLargePlan(read.tooLarge, options.maxBytes), file, new Uint8Array(0));
  return withFile(parsePlan(read.bytes, options), file, read.bytes);
}

/** `options.reparse`: for a caller that will reparse the plan as its text is edited (ParseOptions). */
export async function readPlanFile(file: string, options: Pick<ParseOptions, 'maxBytes' | 'reparse'> = {}): Promise<PlanFile> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return parsedFile(file, await readPlanBytes(file, max), { maxBytes: max, reparse: options.reparse });
}

export function readPlanFileSync(file: string, options: { maxBytes?: number } = {}): PlanFile {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  return parsedFile(file, readPlanBytesSync(file, max), { maxBytes: max });
}

// ---------------------------------------------------------------- the writers' lock

/** How long a writer waits for another one to finish before giving up. */
export const LOCK_WAIT_MS = 10_000;
/** A lock older than this is left over from a crash (a write holds it for milliseconds). */
export const LOCK_STALE_MS = 30_000;

interface LockOwner { pid: number; host: string; time: number }

/** `.project.yml.lock` beside the real file (a symlinked plan shares its target's lock). */
export function lockPathOf(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.lock`);
}

function isStale(owner: LockOwner | undefined, now: number): boolean {
  // Unreadable or half-written: its writer died between create and write, or is writing now; age decides.
  if (!owner) return false;
  if (now - owner.time > LOCK_STALE_MS) return true;
  if (owner.host !== hostname()) return false;
  try { process.kill(owner.pid, 0); return false; } catch (e) { return (e as NodeJS.ErrnoException).code === 'ESRCH'; }
}

async function readOwner(lock: string): Promise<{ owner?: LockOwner; raw: string; mtime: number } | undefined> {
  try {
    const [raw, st] = await Promise.all([fs.readFile(lock, 'utf8'), fs.stat(lock)]);
    let owner: LockOwner | undefined;
    try { owner = JSON.parse(raw) as LockOwner; } catch { owner = undefined; }
    return { owner, raw, mtime: st.mtimeMs };
  } catch { return undefined; } // released meanwhile
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs `fn` while holding the plan's lock file, so that writers (the CLI, the
 * extension, several processes) take turns: each reads, compares and writes
 * with nobody in between. The lock is created exclusively; a lock whose
 * process is gone (same host) or older than LOCK_STALE_MS is removed. Waits
 * at most LOCK_WAIT_MS, then fails with a message naming the lock.
 */
export async function withPlanLock<T>(file: string, fn: (target: string) => Promise<T>): Promise<T> {
  const target = await fs.realpath(file).catch((e: unknown) => { throw new PlanFileError(ioMessage(e, file)); });
  const lock = lockPathOf(target);
  const deadline = Date.now() + LOCK_WAIT_MS;
  let pause = 5;
  for (;;) {
    try {
      const h = await fs.open(lock, 'wx', 0o644);
      try { await h.writeFile(JSON.stringify({ pid: process.pid, host: hostname(), time: Date.now() } satisfies LockOwner)); } finally { await h.close(); }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw new PlanFileError(`${lock}: cannot create the lock file (${ioMessage(e, lock).replace(`${lock}: `, '')}); Waymark edits a plan only in a folder it can write.`);
    }
    const seen = await readOwner(lock);
    const now = Date.now();
    if (seen && (isStale(seen.owner, now) || (!seen.owner && now - seen.mtime > LOCK_STALE_MS))) {
      // Removed only if it still holds what was judged stale (another waiter may have replaced it).
      const again = await readOwner(lock);
      if (again?.raw === seen.raw) await fs.rm(lock, { force: true });
      continue;
    }
    if (now >= deadline) {
      const who = seen?.owner ? `process ${seen.owner.pid} on ${seen.owner.host} since ${new Date(seen.owner.time).toISOString()}` : 'another writer';
      throw new PlanFileError(`${path.basename(target)} is being edited by ${who}; try again, or delete ${lock} if no Waymark is running.`);
    }
    await sleep(pause + Math.random() * pause);
    pause = Math.min(pause * 2, 100);
  }
  try {
    return await fn(target);
  } finally {
    await fs.rm(lock, { force: true });
  }
}

// ---------------------------------------------------------------- writing

export type WriteResult = { ok: true; text: string; version: string } | { ok: false; reason: string };

/**
 * Applies `edits` to the file only if its text still hashes to
 * `expectedVersion` (the ParsedPlan.version the edits were computed from).
 * Holds the plan's lock from the read to the write. A UTF-8 BOM and every
 * byte outside the edits are kept.
 */
export async function writeIfUnchanged(file: string, expectedVersion: string, edits: readonly TextEdit[]): Promise<WriteResult> {
  try {
    return await withPlanLock(file, async (target) => {
      const read = await readPlanBytes(target, DEFAULT_MAX_BYTES);
      if ('tooLarge' in read) return { ok: false, reason: `${file} is too large for Waymark to edit.` };
      const decoded = decodeBytes(read.bytes);
      if (decoded.badOffset !== undefined) return { ok: false, reason: `${file} is not valid UTF-8; Waymark does not write to it.` };
      if (contentHash(decoded.text) !== expectedVersion) {
        return { ok: false, reason: `${path.basename(file)} changed since Waymark read it; reload it and try again.` };
      }
      let text: string;
      try { text = applyTextEdits(decoded.text, edits); } catch (e) { return { ok: false, reason: `The edit does not fit the file: ${(e as Error).message}.` }; }
      await writePlanBytes(target, encodePlanText(text, hasUtf8Bom(read.bytes)));
      return { ok: true, text, version: contentHash(text) };
    });
  } catch (e) {
    return { ok: false, reason: ioMessage(e, file) };
  }
}

/** What editPlanFile did: the plan as it was under the lock, the edit computed from it, and the write. */
export interface PlanUpdate<R extends EditResult = EditResult> {
  readonly plan: PlanFile;
  readonly result: R;
  readonly written?: WriteResult;
}

/**
 * Reads, edits and writes the plan under its lock: `compute` sees the file as
 * it is now (never a stale copy), so concurrent writers on different items
 * all succeed, one after the other. The edit is written only when `compute`
 * returns ok with edits; `written` is then the outcome.
 */
export async function editPlanFile<R extends EditResult>(file: string, compute: (plan: PlanFile) => R): Promise<PlanUpdate<R>> {
  return withPlanLock(file, async (target) => {
    const read = await readPlanFile(target);
    const plan = withFile(read, file, read.bytes);
    const result = compute(plan);
    if (!result.ok || result.edits.length === 0) return { plan, result };
    try {
      await writePlanBytes(target, encodePlanText(result.text, hasUtf8Bom(plan.bytes)));
    } catch (e) {
      return { plan, result, written: { ok: false, reason: ioMessage(e, file) } };
    }
    return { plan, result, written: { ok: true, text: result.text, version: contentHash(result.text) } };
  });
}

/**
 * Writes a plan's new bytes to `target` (a real path, under the lock).
 * Refused when the file is read-only (its mode, or access for this user).
 * A file with several hard links, or owned by someone else, is rewritten in
 * place so that the links, the owner and the mode stay; otherwise it is
 * replaced whole (replaceFile) so a reader never sees half a plan.
 */
export async function writePlanBytes(target: string, data: Uint8Array): Promise<void> {
  const st = await fs.stat(target);
  const readOnly = (st.mode & 0o222) === 0 || (await fs.access(target, fsc.W_OK).then(() => false, () => true));
  if (readOnly) throw new PlanFileError(`${target} is read-only; Waymark does not change a file you cannot write.`);
  const ownedByOther = typeof process.getuid === 'function' && st.uid !== process.getuid();
  if (st.nlink > 1 || ownedByOther) {
    await writeInPlace(target, data);
    return;
  }
  await replaceFile(target, data);
}

async function writeInPlace(target: string, data: Uint8Array): Promise<void> {
  const h = await fs.open(target, 'r+');
  try {
    await h.truncate(0);
    await h.write(data, 0, data.length, 0);
    await h.sync();
  } finally {
    await h.close();
  }
}

/**
 * Replaces a file's content all at once: a temporary file next to it, flushed,
 * then renamed over it, so a crash, a full disk or a reader at the wrong
 * moment never sees half a plan. A symlink is followed (its target is
 * replaced) and the file's permissions are kept. Where a rename over the file
 * is refused (Windows, while another program holds it open), it is written
 * in place instead.
 */
export async function replaceFile(file: string, data: Uint8Array): Promise<void> {
  const target = await fs.realpath(file);
  const { mode } = await fs.stat(target);
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now().toString(36)}.tmp`);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', mode & 0o7777);
    await handle.chmod(mode & 0o7777); // the umask narrowed the mode open() set
    await handle.writeFile(data);
    await handle.sync();
    await handle.close();
    handle = undefined;
    await fs.rename(tmp, target);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.rm(tmp, { force: true }).catch(() => undefined);
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EPERM' || code === 'EBUSY' || code === 'EACCES' || code === 'EXDEV') {
      await fs.writeFile(target, data);
      return;
    }
    throw e;
  }
}

