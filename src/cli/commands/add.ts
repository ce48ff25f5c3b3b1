// `waymark add TITLE [--milestone ID | --backlog] [...]`: appends a task and prints its id.
import { addTask, type NewTaskFields } from '../../core/edit';
import { UsageError } from '../args';
import type { Command } from '../command';
import { listOption, runEdit } from '../editCommand';

const FIELDS = ['id', 'assignee', 'estimate', 'due', 'start', 'priority'] as const;

const USAGE = `Usage: waymark add TITLE [--milestone ID | --backlog] [--id ID] [--assignee P] [--estimate E]
                   [--depends A,B] [--due D] [--start D] [--priority P] [--tags a,b] [--json]

Appends a task to a milestone's tasks (--milestone) or to the backlog (--backlog, the default)
in the style that list already has, and prints its id: --id, else the next free KEY-n.

Exit status: 0 added, 1 refused (unknown milestone, bad value, id taken, unusable file), 2 usage or I/O error.`;

export const addCommand: Command = {
  name: 'add',
  summary: 'add a task to a milestone or the backlog; prints its id',
  usage: USAGE,
  options: { ...Object.fromEntries([...FIELDS, 'milestone', 'depends', 'tags'].map((k) => [k, { type: 'string' }])), backlog: { type: 'boolean' } },
  positionals: ['TITLE'],
  async run(args, io) {
    const backlog = args.flags.has('backlog');
    const milestone = args.options.get('milestone');
    if (backlog && milestone !== undefined) throw new UsageError('give --milestone or --backlog, not both');
    const fields: NewTaskFields = { title: args.positionals[0] };
    for (const f of FIELDS) if (args.options.has(f)) fields[f] = args.options.get(f);
    const depends = listOption(args.options.get('depends'));
    const tags = listOption(args.options.get('tags'));
    if (depends) fields.depends = depends;
    if (tags) fields.tags = tags;
    return runEdit(args, io, 'add', (p) => addTask(p, milestone ?? null, fields));
  },
};
