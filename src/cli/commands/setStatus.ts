// `waymark set-status <task-id> <status>`: one minimal edit to project.yml,
// written only if the file did not change while we computed it.
import { TASK_STATUSES } from '../../core/model';
import { setStatus } from '../../core/edit';
import { PlanFileError, editPlanFile } from '../../core/planFile';
import type { Command } from '../command';
import { displayPath, loadPlan, requireUsablePlan } from '../planArg';
import { terminalSafe } from '../terminal';
import { printJson } from '../editCommand';

export const setStatusCommand: Command = {
  name: 'set-status',
  summary: 'set a task\'s declared status in project.yml (a minimal edit)',
  usage: `Usage: waymark set-status <task-id> <status> [--file project.yml] [--json]

Changes one task's status in place; comments, formatting and every other
byte of the file stay as they are. Status is one of:
  ${TASK_STATUSES.join(', ')}

With --json prints { "version": 1, "kind": "edit", "command": "set-status",
"file", "task", "from", "to", "changed", "warnings" }.

Exit status: 0 changed (or already so), 1 unknown task or status or an
unusable file, 2 usage or I/O error.`,
  positionals: ['<task-id>', '<status>'],
  async run(args, io) {
    const [taskId, status] = args.positionals;
    const plan = await loadPlan(args, io);
    if (!requireUsablePlan(plan, io, 'set-status')) return 1;
    // Computed again under the plan's lock from the file as it is then: a concurrent edit is never lost.
    let update;
    try {
      update = await editPlanFile(plan.path, (fresh) => setStatus(fresh, taskId, status));
    } catch (e) {
      if (e instanceof PlanFileError) { io.err(`waymark set-status: ${e.message}\n`); return 2; }
      throw e;
    }
    const { result, written } = update;
    if (!result.ok) {
      io.err(`waymark set-status: ${result.reason}\n`);
      return 1;
    }
    if (written && !written.ok) {
      io.err(`waymark set-status: ${written.reason}\n`);
      return 2;
    }
    const before = update.plan.plan?.byId.get(taskId);
    const from = before && before.kind === 'task' ? before.status : '';
    const to = status.trim();
    const changed = result.edits.length > 0;
    if (args.globals.json) {
      printJson(io, 'edit', { command: 'set-status', file: displayPath(plan.path, io), task: taskId, from, to, changed, warnings: result.warnings });
    } else {
      io.out(terminalSafe(changed ? `${taskId}: ${from} -> ${to}\n` : `${taskId}: already ${to}\n`));
    }
    for (const w of result.warnings) io.err(`warning: ${w}\n`);
    return 0;
  },
};
