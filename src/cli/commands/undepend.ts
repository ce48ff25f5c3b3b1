// `waymark undepend TASK ON`: removes ON from TASK's depends.
import { removeDependency } from '../../core/edit';
import type { Command } from '../command';
import { runEdit } from '../editCommand';

const USAGE = `Usage: waymark undepend TASK ON [--json]

Removes ON from TASK's depends (the key goes when it was the last entry).

Exit status: 0 removed (or was not there), 1 refused, 2 usage or I/O error.`;

export const undependCommand: Command = {
  name: 'undepend',
  summary: 'remove a dependency of a task',
  usage: USAGE,
  positionals: ['TASK', 'ON'],
  async run(args, io) {
    const [task, on] = args.positionals;
    return runEdit(args, io, 'undepend', (p) => removeDependency(p, task, on));
  },
};
