// `waymark remove TASK [--force]`: refuses while other items refer to the task.
import { removeTask } from '../../core/edit';
import { dependentsOf } from '../../core/dependencies';
import type { Command } from '../command';
import { runEdit } from '../editCommand';

const USAGE = `Usage: waymark remove TASK [--force] [--json]

Removes a task and the comment lines that belong to it. While other tasks, milestones, sprints or
risks refer to it, refuses and names them; --force removes it anyway (their references then dangle,
and 'waymark validate' lists them).

Exit status: 0 removed, 1 refused, 2 usage or I/O error.`;

export const removeCommand: Command = {
  name: 'remove',
  summary: 'remove a task (refuses while others refer to it, unless --force)',
  usage: USAGE,
  options: { force: { type: 'boolean' } },
  positionals: ['TASK'],
  async run(args, io) {
    const force = args.flags.has('force');
    const [task] = args.positionals;
    return runEdit(args, io, 'remove', (p) => {
      const refs = p.plan ? dependentsOf(p.plan, task) : [];
      if (refs.length > 0 && !force) return { ok: false, reason: `${task} is referred to by ${refs.join(', ')}; change those first, or use --force.` };
      return removeTask(p, task);
    });
  },
};
