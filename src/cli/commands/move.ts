// `waymark move TASK MILESTONE|backlog`: cuts a task from its list and appends it to another.
import { moveTask } from '../../core/edit';
import type { Command } from '../command';
import { runEdit } from '../editCommand';

const USAGE = `Usage: waymark move TASK MILESTONE|backlog [--json]

Moves a task, with its comments and formatting, to the end of another milestone's tasks or of the
backlog. Warns when the move makes a dependency cycle.

Exit status: 0 moved, 1 refused, 2 usage or I/O error.`;

export const moveCommand: Command = {
  name: 'move',
  summary: 'move a task to another milestone or to the backlog',
  usage: USAGE,
  positionals: ['TASK', 'MILESTONE|backlog'],
  async run(args, io) {
    const [task, to] = args.positionals;
    return runEdit(args, io, 'move', (p) => moveTask(p, task, to === 'backlog' && !p.plan?.byId.has('backlog') ? null : to));
  },
};
