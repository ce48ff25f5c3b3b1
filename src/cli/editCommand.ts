// Shared by the CLI's editing verbs (add, set, move, remove, depend, undepend):
// compute one minimal edit from the plan as it is on disk, write it only if the
// file did not change meanwhile (recomputing from the new text when it did),
// and report it as a line or as a versioned JSON envelope.
import type { EditResult } from '../core/edit';
import type { ParsedPlan } from '../core/parse';
import { writeIfUnchanged } from '../core/planFile';
import type { ParsedArgs } from './args';
import type { CliIO } from './command';
import { displayPath, loadPlan, requireUsablePlan } from './planArg';

/** Version of every `--json` envelope the CLI prints: `{ "version": 1, "kind": ..., ... }`. */
export const JSON_VERSION = 1;

export function printJson(io: CliIO, kind: string, body: Record<string, unknown>): void {
  io.out(`${JSON.stringify({ version: JSON_VERSION, kind, ...body })}\n`);
}

/** How many times an edit is recomputed when another writer changed the file first. */
const ATTEMPTS = 20;

export type Compute = (p: ParsedPlan) => EditResult & { id?: string };

/** Runs one editing verb; resolves to the exit code (0 done, 1 refused, 2 I/O). */
export async function runEdit(args: ParsedArgs, io: CliIO, name: string, compute: Compute): Promise<number> {
  let plan = await loadPlan(args, io);
  for (let attempt = 1; ; attempt++) {
    if (!requireUsablePlan(plan, io, name)) return 1;
    const result = compute(plan);
    if (!result.ok) { io.err(`waymark ${name}: ${result.reason}\n`); return 1; }
    if (result.edits.length > 0) {
      const written = await writeIfUnchanged(plan.path, plan.version, result.edits);
      if (!written.ok) {
        // Another writer got there first: compute the edit again from what it wrote.
        if (/changed since/.test(written.reason) && attempt < ATTEMPTS) { plan = await loadPlan(args, io); continue; }
        io.err(`waymark ${name}: ${written.reason}\n`);
        return 2;
      }
    }
    const changed = result.edits.length > 0;
    if (args.globals.json) printJson(io, 'edit', { command: name, file: displayPath(plan.path, io), ...(result.id ? { id: result.id } : {}), changed, summary: result.summary, warnings: result.warnings });
    else io.out(`${result.id && name === 'add' ? result.id : result.summary}\n`);
    for (const w of result.warnings) io.err(`warning: ${w}\n`);
    return 0;
  }
}

/** `a,b, c` -> ['a', 'b', 'c']; undefined stays undefined. */
export function listOption(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
