// project.yml on disk: find it, read it (bytes -> ParsedPlan), and write edits
// only when the file still holds the text they were computed from.
import { promises as fs, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { TextEdit } from './model';
import { applyTextEdits } from './edit';
import { DEFAULT_MAX_BYTES, decodeBytes, parsePlan, tooLargePlan, type ParsedPlan } from './parse';
import { contentHash } from './yamlUtil';

export const PLAN_FILE_NAME = 'project.yml';

export type PlanFile = ParsedPlan & {
  readonly path: string;
  /** The bytes as read (empty when the file was too large to read). */
  readonly bytes: Uint8Array;
};

/** An I/O problem (missing file, permissions): callers report `message` as is. */
export class PlanFileError extends Error {}

function ioMessage(e: unknown, file: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EACCES' || code === 'EPERM') return `${file}: permission denied`;
  if (code === 'EISDIR') return `${file}: is a directory, not a file`;
  return `${file}: ${e instanceof Error ? e.message : String(e)}`;
}

function withFile(parsed: ParsedPlan, file: string, bytes: Uint8Array): PlanFile {
  // Same object (edit.ts keys its document by it), with the file facts added.
  return Object.assign(parsed, { path: file, bytes });
}

export async function readPlanFile(file: string, options: { maxBytes?: number } = {}): Promise<PlanFile> {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const st = await fs.stat(file);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.size > max) return withFile(tooLargePlan(st.size, max), file, new Uint8Array(0));
    const bytes = await fs.readFile(file);
    return withFile(parsePlan(bytes, { maxBytes: max }), file, bytes);
  } catch (e) {
    throw new PlanFileError(ioMessage(e, file));
  }
}

export function readPlanFileSync(file: string, options: { maxBytes?: number } = {}): PlanFile {
  const max = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
    if (st.size > max) return withFile(tooLargePlan(st.size, max), file, new Uint8Array(0));
    const bytes = readFileSync(file);
    return withFile(parsePlan(bytes, { maxBytes: max }), file, bytes);
  } catch (e) {
    throw new PlanFileError(ioMessage(e, file));
  }
}

export type WriteResult = { ok: true; text: string; version: string } | { ok: false; reason: string };

/**
 * Applies `edits` to the file only if its text still hashes to
 * `expectedVersion` (the ParsedPlan.version the edits were computed from).
 * A UTF-8 BOM and every byte outside the edits are kept.
 */
export async function writeIfUnchanged(file: string, expectedVersion: string, edits: readonly TextEdit[]): Promise<WriteResult> {
  let bytes: Uint8Array;
  try { bytes = await fs.readFile(file); } catch (e) { return { ok: false, reason: ioMessage(e, file) }; }
  const decoded = decodeBytes(bytes);
  if (decoded.badOffset !== undefined) return { ok: false, reason: `${file} is not valid UTF-8; Waymark does not write to it.` };
  if (contentHash(decoded.text) !== expectedVersion) {
    return { ok: false, reason: `${path.basename(file)} changed since Waymark read it; reload it and try again.` };
  }
  let text: string;
  try { text = applyTextEdits(decoded.text, edits); } catch (e) { return { ok: false, reason: `The edit does not fit the file: ${(e as Error).message}.` }; }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\ufeff' : '';
  try { await replaceFile(file, Buffer.from(bom + text, 'utf8')); } catch (e) { return { ok: false, reason: ioMessage(e, file) }; }
  return { ok: true, text, version: contentHash(text) };
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
