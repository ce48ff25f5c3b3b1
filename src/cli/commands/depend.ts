// `waymark depend TASK ON`: TASK waits for ON (a task or milestone); refused when it makes a cycle.
import { addDependency } from '../../core/edit';
import type { Command } from '../command';
import { runEdit } from '../editCommand';

const USAGE = `Usage: waymark depend TASK ON [--json]

Adds ON (a task or milestone) to TASK's depends. Refused when it would make a dependency cycle.

Exit status: 0 added (or already there), 1 refused, 2 usage or I/O error.`;

export const dependCommand: Command = {
  name: 'depend',
  summary: 'make a task depend on another task or milestone',
  usage: USAGE,
  positionals: ['TASK', 'ON'],
  async run(args, io) {
    const [task, on] = args.positionals;
    return runEdit(args, io, 'depend', (p) => addDependency(p, task, on));
  },
};
