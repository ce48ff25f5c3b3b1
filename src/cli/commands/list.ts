// `waymark list`: the tasks of the plan, filtered, as a table or as JSON.
import { TASK_STATUSES, type Task } from '../../core/model';
import { gitText } from '../../core/git/run';
import { personForEmail } from '../../core/progress';
import { UsageError } from '../args';
import type { Command } from '../command';
import { printJson } from '../editCommand';
import { displayPath, loadPlan, repoDirOf, requireUsablePlan } from '../planArg';
import { terminalSafe } from '../terminal';

const USAGE = `Usage: waymark list [--milestone M|backlog] [--assignee P] [--status S] [--mine] [--json]

Lists the tasks in file order with their declared status, assignee, estimate and list. --mine keeps
the tasks of the person whose email matches 'git config user.email'. With --json prints
{ "version": 1, "kind": "tasks", "file", "tasks": [...] }.

Exit status: 0 listed (even when none match), 1 unusable file, 2 usage or I/O error.`;

function row(t: Task): Record<string, unknown> {
  return {
    id: t.id, title: t.title, status: t.status, milestone: t.milestone ?? null, assignee: t.assignee ?? null, estimate: t.estimate ?? null,
    start: t.start ?? null, due: t.due ?? null, priority: t.priority ?? null, depends: t.depends, tags: t.tags,
  };
}

export const listCommand: Command = {
  name: 'list',
  summary: 'list tasks, filtered by milestone, assignee, status or --mine',
  usage: USAGE,
  options: { milestone: { type: 'string' }, assignee: { type: 'string' }, status: { type: 'string' }, mine: { type: 'boolean' } },
  async run(args, io) {
    const mine = args.flags.has('mine');
    const status = args.options.get('status');
    if (status !== undefined && !(TASK_STATUSES as readonly string[]).includes(status)) throw new UsageError(`--status takes ${TASK_STATUSES.join(', ')}, not '${status}'`);
    const file = await loadPlan(args, io);
    if (!requireUsablePlan(file, io, 'list')) return 1;
    const plan = file.plan!;
    const milestone = args.options.get('milestone');
    if (milestone !== undefined && milestone !== 'backlog' && !plan.milestones.some((m) => m.id === milestone)) throw new UsageError(`there is no milestone '${milestone}'`);
    let assignee = args.options.get('assignee');
    if (mine) {
      const email = await gitText(repoDirOf(args, io, file.path), ['config', 'user.email'], { okCodes: [1] });
      assignee = personForEmail(plan, email);
      if (!assignee) { io.err(`waymark list: no person in project.yml has the email '${terminalSafe(email)}' (git config user.email)\n`); return 1; }
    }
    const tasks = plan.tasks.filter((t) => (milestone === undefined || (t.milestone ?? 'backlog') === milestone)
      && (assignee === undefined || t.assignee === assignee) && (status === undefined || t.status === status));
    if (args.globals.json) { printJson(io, 'tasks', { file: displayPath(file.path, io), tasks: tasks.map(row) }); return 0; }
    const cells = tasks.map((t) => [t.id, t.status, t.assignee ?? '-', t.estimate ?? '-', t.milestone ?? 'backlog', t.title].map(terminalSafe));
    const widths = [0, 1, 2, 3, 4].map((i) => Math.max(0, ...cells.map((c) => c[i].length)));
    for (const c of cells) io.out(`${c.map((x, i) => (i < 5 ? x.padEnd(widths[i]) : x)).join('  ')}\n`);
    if (tasks.length === 0) io.out('No tasks match.\n');
    return 0;
  },
};
