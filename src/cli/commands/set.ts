// `waymark set TASK FIELD VALUE`: one field of a task, as a minimal edit.
import { TASK_FIELDS, setTaskField, type TaskField } from '../../core/edit';
import { UsageError } from '../args';
import type { Command } from '../command';
import { runEdit } from '../editCommand';

const SETTABLE = TASK_FIELDS.filter((f) => f !== 'spent' && f !== 'issue');

const USAGE = `Usage: waymark set TASK FIELD VALUE [--json]

Sets one field of a task in place; everything else in project.yml stays as it is.
FIELD is one of: ${SETTABLE.join(', ')}. ('set-status TASK S' is the same as 'set TASK status S'.)

Exit status: 0 set (or already so), 1 refused (unknown task, bad value, unusable file), 2 usage or I/O error.`;

export const setCommand: Command = {
  name: 'set',
  summary: 'set a task field: status, assignee, estimate, start, due, priority, progress, title, description',
  usage: USAGE,
  positionals: ['TASK', 'FIELD', 'VALUE'],
  async run(args, io) {
    const [task, field, value] = args.positionals;
    if (!(SETTABLE as readonly string[]).includes(field)) throw new UsageError(`'${field}' is not a field 'set' changes; use one of ${SETTABLE.join(', ')}`);
    return runEdit(args, io, 'set', (p) => setTaskField(p, task, field as TaskField, value));
  },
};
