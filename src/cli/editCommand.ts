// Shared by the CLI's editing verbs (add, set, move, remove, depend, undepend):
// compute one minimal edit from the plan as it is on disk, under the plan's
// lock (core/planFile editPlanFile), and report it as a line or as a
// versioned JSON envelope.
import type { EditResult } from '../core/edit';
import type { ParsedPlan } from '../core/parse';
import { PlanFileError, editPlanFile } from '../core/planFile';
import type { ParsedArgs } from './args';
import type { CliIO } from './command';
import { displayPath, loadPlan, requireUsablePlan } from './planArg';
import { terminalSafe } from './terminal';

/** Version of every `--json` envelope the CLI prints: `{ "version": 1, "kind": ..., ... }`. */
export const JSON_VERSION = 1;

/** Prints `{ "version": 1, "kind": kind, ...body }`: on one line, or indented for data people read too. */
export function printJson(io: CliIO, kind: string, body: Record<string, unknown>, indent?: number): void {
  io.out(`${JSON.stringify({ version: JSON_VERSION, kind, ...body }, null, indent)}\n`);
}

export type Compute = (p: ParsedPlan) => EditResult & { id?: string };

/** Runs one editing verb; resolves to the exit code (0 done, 1 refused, 2 I/O). */
export async function runEdit(args: ParsedArgs, io: CliIO, name: string, compute: Compute): Promise<number> {
  const plan = await loadPlan(args, io);
  if (!requireUsablePlan(plan, io, name)) return 1;
  // Computed under the plan's lock from the file as it is then: another writer's edit is never lost.
  let update;
  try {
    update = await editPlanFile(plan.path, compute);
  } catch (e) {
    if (e instanceof PlanFileError) { io.err(`waymark ${name}: ${e.message}\n`); return 2; }
    throw e;
  }
  const { result, written } = update;
  if (!result.ok) { io.err(`waymark ${name}: ${result.reason}\n`); return 1; }
  if (written && !written.ok) { io.err(`waymark ${name}: ${written.reason}\n`); return 2; }
  const changed = result.edits.length > 0;
  if (args.globals.json) printJson(io, 'edit', { command: name, file: displayPath(plan.path, io), ...(result.id ? { id: result.id } : {}), changed, summary: result.summary, warnings: result.warnings });
  else io.out(terminalSafe(`${result.id && name === 'add' ? result.id : result.summary}\n`));
  for (const w of result.warnings) io.err(`warning: ${w}\n`);
  return 0;
}

/** `a,b, c` -> ['a', 'b', 'c']; undefined stays undefined. */
export function listOption(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').map((s) => s.trim()).filter((s) => s !== '');
}
