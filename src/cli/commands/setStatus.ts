// `waymark set-status <task-id> <status>`: one minimal edit to project.yml,
// written only if the file did not change while we computed it.
import { TASK_STATUSES } from '../../core/model';
import { setStatus } from '../../core/edit';
import { writeIfUnchanged } from '../../core/planFile';
import type { Command } from '../command';
import { displayPath, loadPlan, requireUsablePlan } from '../planArg';

export const setStatusCommand: Command = {
  name: 'set-status',
  summary: 'set a task\'s declared status in project.yml (a minimal edit)',
  usage: `Usage: waymark set-status <task-id> <status> [--file project.yml] [--json]

Changes one task's status in place; comments, formatting and every other
byte of the file stay as they are. Status is one of:
  ${TASK_STATUSES.join(', ')}

Exit status: 0 changed (or already so), 1 unknown task or status or an
unusable file, 2 usage or I/O error.`,
  positionals: ['<task-id>', '<status>'],
  async run(args, io) {
    const [taskId, status] = args.positionals;
    const plan = await loadPlan(args, io);
    if (!requireUsablePlan(plan, io, 'set-status')) return 1;
    const before = plan.plan!.byId.get(taskId);
    const result = setStatus(plan, taskId, status);
    if (!result.ok) {
      io.err(`waymark set-status: ${result.reason}\n`);
      return 1;
    }
    if (result.edits.length > 0) {
      const written = await writeIfUnchanged(plan.path, plan.version, result.edits);
      if (!written.ok) {
        io.err(`waymark set-status: ${written.reason}\n`);
        return 2;
      }
    }
    const from = before && before.kind === 'task' ? before.status : '';
    if (args.globals.json) {
      io.out(`${JSON.stringify({ file: displayPath(plan.path, io), task: taskId, from, to: status, changed: result.edits.length > 0 })}\n`);
    } else {
      io.out(result.edits.length > 0 ? `${taskId}: ${from} -> ${status}\n` : `${taskId}: already ${status}\n`);
    }
    for (const w of result.warnings) io.err(`warning: ${w}\n`);
    return 0;
  },
};
