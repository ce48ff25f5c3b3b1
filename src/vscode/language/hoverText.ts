// The text of hovers and CodeLenses over task ids, from the plan and what the
// store computed (effective status, progress, commits, float). Pure (no
// `vscode`): plan text is data, so every piece of it is Markdown-escaped here.
import type { Milestone, Person, Plan, Task, TaskStatus } from '../../core/model';
import { statusIcon } from '../presentation';
import { codeSpan, escapeMarkdown, percent } from '../../core/text';
import * as l10n from '@vscode/l10n';

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

const commitsText = (n: number): string => (n === 1 ? l10n.t('1 commit') : l10n.t('{0} commits', n));

export function floatText(days: number): string {
  return Math.abs(days) === 1 ? l10n.t('float {0} workday', days) : l10n.t('float {0} workdays', days);
}

export function taskHoverMarkdown(plan: Plan | undefined, task: Task, facts: TaskFacts): string {
  const lines: string[] = [];
  lines.push(`**${escapeMarkdown(task.id)}** ${escapeMarkdown(task.title)}`);
  const status = facts.effective && facts.effective !== task.status
    ? l10n.t('Status: {0} from commits (declared {1})', codeSpan(facts.effective), codeSpan(task.status))
    : l10n.t('Status: {0}', codeSpan(task.status));
  lines.push(status);
  const row: string[] = [];
  if (task.assignee !== undefined) {
    const person = plan?.byId.get(task.assignee);
    const name = person?.kind === 'person' && person.name ? ` (${escapeMarkdown(person.name)})` : '';
    row.push(`${l10n.t('Assignee: {0}', codeSpan(task.assignee))}${name}`);
  } else {
    row.push(l10n.t('Unassigned'));
  }
  if (task.estimate !== undefined) row.push(l10n.t('Estimate: {0}', codeSpan(task.estimate)));
  if (facts.progress !== undefined) row.push(l10n.t('Progress: {0}', percent(facts.progress)));
  else if (task.progress !== undefined) row.push(l10n.t('Progress: {0}', percent(task.progress)));
  if (facts.commits !== undefined) row.push(commitsText(facts.commits));
  lines.push(row.join(' · '));
  const sched: string[] = [];
  if (task.due !== undefined) sched.push(l10n.t('Due {0}', codeSpan(task.due)));
  if (facts.float !== undefined) sched.push(floatText(facts.float));
  if (facts.critical) sched.push(l10n.t('**on the critical path**'));
  if (sched.length) lines.push(sched.join(' · '));
  if (task.milestone !== undefined) {
    const m = plan?.byId.get(task.milestone);
    lines.push(`${l10n.t('Milestone: {0}', codeSpan(task.milestone))}${m?.kind === 'milestone' ? ` ${escapeMarkdown(m.title)}` : ''}`);
  } else {
    lines.push(l10n.t('Backlog'));
  }
  if (task.depends.length) lines.push(l10n.t('Depends on: {0}', task.depends.map(codeSpan).join(', ')));
  if (facts.historyNote) lines.push(`_${escapeMarkdown(facts.historyNote)}_`);
  // Two trailing spaces make a Markdown line break without starting paragraphs.
  return lines.join('  \n');
}

export function milestoneHoverMarkdown(m: Milestone, progress?: number): string {
  const lines = [`**${escapeMarkdown(m.id)}** ${escapeMarkdown(m.title)} ${l10n.t('(milestone)')}`];
  const row: string[] = [m.tasks.length === 1 ? l10n.t('1 task') : l10n.t('{0} tasks', m.tasks.length)];
  if (m.due !== undefined) row.push(l10n.t('Due {0}', codeSpan(m.due)));
  if (progress !== undefined) row.push(l10n.t('Progress: {0}', percent(progress)));
  if (m.health !== undefined) row.push(l10n.t('Health: {0} (set in the plan)', codeSpan(m.health)));
  lines.push(row.join(' · '));
  return lines.join('  \n');
}

export function personHoverMarkdown(plan: Plan, p: Person): string {
  const tasks = plan.tasks.filter((t) => t.assignee === p.id);
  const open = tasks.filter((t) => t.status !== 'done' && t.status !== 'dropped').length;
  const lines = [`**${escapeMarkdown(p.id)}**${p.name ? ` ${escapeMarkdown(p.name)}` : ''} ${l10n.t('(person)')}`];
  lines.push(tasks.length === 1 ? l10n.t('1 task assigned, {0} open · capacity {1}', open, percent(p.capacity)) : l10n.t('{0} tasks assigned, {1} open · capacity {2}', tasks.length, open, percent(p.capacity)));
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
  if (invalidStatus) status = `$(warning) ${l10n.t('status not valid: set it')}`;
  else if (facts.effective && facts.effective !== task.status) status = `$(${statusIcon(shown).id}) ${l10n.t('{0} → {1} (from commits)', task.status, facts.effective)}`;
  else status = `$(${statusIcon(shown).id}) ${task.status}`;
  const parts: string[] = [];
  const progress = facts.progress ?? task.progress;
  if (progress !== undefined) parts.push(percent(progress));
  if (facts.commits !== undefined) parts.push(commitsText(facts.commits));
  let schedule: string | undefined;
  const finished = shown === 'done' || shown === 'dropped';
  if (facts.float !== undefined && !finished) schedule = facts.critical ? `$(flame) ${l10n.t('critical')} · ${floatText(facts.float)}` : floatText(facts.float);
  return { status, progress: parts.length ? parts.join(' · ') : undefined, schedule };
}
