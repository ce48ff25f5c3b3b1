// The text of hovers and CodeLenses over task ids, from the plan and what the
// store computed (effective status, progress, commits, float). Pure (no
// `vscode`): plan text is data, so every piece of it is Markdown-escaped here.
import type { Milestone, Person, Plan, Task, TaskStatus } from '../../core/model';
import { statusIcon } from '../presentation';
import { codeSpan, escapeMarkdown, percent } from '../../core/text';

/** What the store knows about a task beyond the plan text. */
export interface TaskFacts {
  readonly effective?: TaskStatus;
  /** 0..1 */
  readonly progress?: number;
  readonly commits?: number;
  /** Workdays; undefined when there is no schedule. */
  readonly float?: number;
  readonly critical?: boolean;
  /** Why commit facts are missing (untrusted workspace, not a repository...). */
  readonly historyNote?: string;
}

export function floatText(days: number): string {
  return `float ${days} workday${Math.abs(days) === 1 ? '' : 's'}`;
}

export function taskHoverMarkdown(plan: Plan | undefined, task: Task, facts: TaskFacts): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(task.id)}** ${escapeMarkdown(task.title)}`);
  const status = facts.effective && facts.effective !== task.status
    ? `Status: ${codeSpan(facts.effective)} from commits (declared ${codeSpan(task.status)})`
    : `Status: ${codeSpan(task.status)}`;
  lines.push(status);
  const row: string[] = [];
  if (task.assignee !== undefined) {
    const person = plan?.byId.get(task.assignee);
    const name = person?.kind === 'person' && person.name ? ` (${escapeMarkdown(person.name)})` : '';
    row.push(`Assignee: ${codeSpan(task.assignee)}${name}`);
  } else {
    row.push('Unassigned');
  }
  if (task.estimate !== undefined) row.push(`Estimate: ${codeSpan(task.estimate)}`);
  if (facts.progress !== undefined) row.push(`Progress: ${percent(facts.progress)}`);
  else if (task.progress !== undefined) row.push(`Progress: ${percent(task.progress)}`);
  if (facts.commits !== undefined) row.push(`${facts.commits} commit${facts.commits === 1 ? '' : 's'}`);
  lines.push(row.join(' · '));
  const sched: string[] = [];
  if (task.due !== undefined) sched.push(`Due ${codeSpan(task.due)}`);
  if (facts.float !== undefined) sched.push(floatText(facts.float));
  if (facts.critical) sched.push('**on the critical path**');
  if (sched.length) lines.push(sched.join(' · '));
  if (task.milestone !== undefined) {
    const m = plan?.byId.get(task.milestone);
    lines.push(`Milestone: ${codeSpan(task.milestone)}${m?.kind === 'milestone' ? ` ${escapeMarkdown(m.title)}` : ''}`);
  } else {
    lines.push('Backlog');
  }
  if (task.depends.length) lines.push(`Depends on: ${task.depends.map(codeSpan).join(', ')}`);
  if (facts.historyNote) lines.push(`_${escapeMarkdown(facts.historyNote)}_`);
  // Two trailing spaces make a Markdown line break without starting paragraphs.
  return lines.join('  \n');
}

export function milestoneHoverMarkdown(m: Milestone, progress?: number): string {
  const lines = [`**${escapeMarkdown(m.id)}** ${escapeMarkdown(m.title)} (milestone)`];
  const row: string[] = [`${m.tasks.length} task${m.tasks.length === 1 ? '' : 's'}`];
  if (m.due !== undefined) row.push(`Due ${codeSpan(m.due)}`);
  if (progress !== undefined) row.push(`Progress: ${percent(progress)}`);
  if (m.health !== undefined) row.push(`Health: ${codeSpan(m.health)} (set in the plan)`);
  lines.push(row.join(' · '));
  return lines.join('  \n');
}

export function personHoverMarkdown(plan: Plan, p: Person): string {
  const tasks = plan.tasks.filter((t) => t.assignee === p.id);
  const open = tasks.filter((t) => t.status !== 'done' && t.status !== 'dropped').length;
  const lines = [`**${escapeMarkdown(p.id)}**${p.name ? ` ${escapeMarkdown(p.name)}` : ''} (person)`];
  lines.push(`${tasks.length} task${tasks.length === 1 ? '' : 's'} assigned, ${open} open · capacity ${percent(p.capacity)}`);
  return lines.join('  \n');
}

/**
 * The CodeLens titles for one task, in display order. `invalidStatus`: the status written in
 * the file is not a valid one (the user is mid-edit); say so rather than show the default.
 * Finished work shows no float: the critical path is about what is left.
 */
export function taskLensTitles(task: Task, facts: TaskFacts, invalidStatus = false): { status: string; progress?: string; schedule?: string } {
  const shown = facts.effective ?? task.status;
  let status: string;
  if (invalidStatus) status = '$(warning) status not valid: set it';
  else if (facts.effective && facts.effective !== task.status) status = `$(${statusIcon(shown).id}) ${task.status} → ${facts.effective} (from commits)`;
  else status = `$(${statusIcon(shown).id}) ${task.status}`;
  const parts: string[] = [];
  const progress = facts.progress ?? task.progress;
  if (progress !== undefined) parts.push(percent(progress));
  if (facts.commits !== undefined) parts.push(`${facts.commits} commit${facts.commits === 1 ? '' : 's'}`);
  let schedule: string | undefined;
  const finished = shown === 'done' || shown === 'dropped';
  if (facts.float !== undefined && !finished) schedule = facts.critical ? `$(flame) critical · ${floatText(facts.float)}` : floatText(facts.float);
  return { status, progress: parts.length ? parts.join(' · ') : undefined, schedule };
}
