// The Plan and My Tasks views as plain data: which nodes exist, in which
// order, and what each one says (label, description, tooltip, icon, context
// value, screen-reader label). No `vscode` import, so the whole shape of the
// views is unit-tested in plain mocha; the TreeDataProviders only map these
// nodes to TreeItems.
import type { Health, IsoDate, Milestone, Plan, Risk, Sprint, Task, TaskStatus } from '../../core/model';
import type { SprintReport } from '../../core/sprint';
import { sprintSentence } from '../../core/report/sprintSection';
import { personForEmail } from '../../core/progress';
import { healthIcon, statusIcon, type IconSpec } from '../presentation';
import { isClosedStatus, orderNextTasks } from '../../core/nextTasks';
import { clip, escapeMarkdown, percent } from '../../core/text';
import { forecastRange, type ForecastFigures } from '../../core/forecast/text';
import * as l10n from '@vscode/l10n';
import { shortDate } from '../displayLanguage';

const NO_FORECAST: ForecastFigures = { forecastP50: null, forecastP85: null, forecastP95: null };

/** What the views need from the progress engine (structurally a subset of core ProgressResult). */
export interface TaskProgressView {
  readonly declared: TaskStatus;
  readonly effective: TaskStatus;
  readonly commits: readonly string[];
  readonly closedBy?: string | null;
  readonly progress: number;
  readonly actualStart?: IsoDate;
  readonly actualFinish?: IsoDate;
}
export interface MilestoneProgressView {
  readonly progress: number;
  readonly doneTasks: number;
  readonly totalTasks: number;
}
export interface ProgressView {
  readonly tasks: ReadonlyMap<string, TaskProgressView>;
  readonly milestones: ReadonlyMap<string, MilestoneProgressView>;
}

/** What the views need from the scheduler, read through accessors so the schedule's storage shape stays S's business. */
export interface TaskScheduleView {
  readonly plannedStart?: IsoDate;
  readonly plannedFinish?: IsoDate;
  readonly forecastStart?: IsoDate;
  readonly forecastFinish?: IsoDate;
  /** actual: done, at its commit dates; started: from its first commit; remaining: from today (docs/schedule.md, Forecast). */
  readonly forecastBasis?: 'actual' | 'started' | 'remaining' | 'dropped';
  readonly float?: number;
  readonly critical?: boolean;
}
export interface MilestoneScheduleView {
  readonly plannedFinish?: IsoDate;
  readonly forecastFinish?: IsoDate;
  readonly slipDays?: number;
  readonly health?: Health;
  readonly healthOverridden?: boolean;
  readonly healthReasons?: readonly string[];
}
export interface ScheduleView {
  task(id: string): TaskScheduleView | undefined;
  milestone(id: string): MilestoneScheduleView | undefined;
  /** The Monte Carlo range of a milestone (computed on first call: read it only for a tooltip). */
  forecast?(milestoneId: string): ForecastFigures | undefined;
}

/** One plan (one workspace folder) as the views see it. */
export interface PlanSource {
  /** Stable key of the folder (its URI string). */
  readonly key: string;
  /** The folder's name, shown when several folders have a plan. */
  readonly folderName: string;
  readonly plan: Plan;
  /** The day the figures are for: dates in its year are written without the year. */
  readonly today?: IsoDate;
  readonly progress?: ProgressView;
  readonly schedule?: ScheduleView;
  /**
   * Statuses just written but not yet re-read: the views show them at once
   * (the re-parse of a big plan takes longer than a tree refresh should) until
   * the store's next snapshot, which holds the truth, replaces them.
   */
  readonly pendingStatus?: ReadonlyMap<string, TaskStatus>;
  /** A sprint's committed and completed hours (core/sprint.ts), read only when the view groups by sprint. */
  readonly sprint?: (id: string) => SprintReport | undefined;
  /** Hours the commits' `Time:` / `Spent:` / `#time` lines give a task (core/actuals.ts). */
  readonly commitHours?: (taskId: string) => number | undefined;
}

export type GroupBy = 'milestone' | 'assignee' | 'sprint';
export const GROUP_BYS: readonly GroupBy[] = ['milestone', 'assignee', 'sprint'];

export interface TaskFilter {
  readonly assignee?: string;
  /** Matched against the effective status (what the user sees on the icon). */
  readonly status?: TaskStatus;
  readonly tag?: string;
  /** Case-insensitive substring of id, title or description. */
  readonly text?: string;
}

export interface TreeOptions {
  readonly groupBy?: GroupBy;
  readonly filter?: TaskFilter;
  /** Show effectively done and dropped tasks (setting `waymark.showDoneTasks`). Default true. */
  readonly showDone?: boolean;
}

export type NodeKind = 'folder' | 'milestone' | 'group' | 'task' | 'risk';

export interface ViewNode {
  /** Unique in the view and stable across refreshes (TreeItem.id, used by reveal). */
  readonly id: string;
  readonly kind: NodeKind;
  readonly folderKey: string;
  readonly label: string;
  readonly description?: string;
  /** Markdown with every piece of plan text escaped. */
  readonly tooltip: string;
  /** The tooltip costs a computation (the Monte Carlo forecast): built on hover (resolveTreeItem), not per refresh. */
  readonly lazyTooltip?: boolean;
  readonly icon?: IconSpec;
  /** TreeItem.contextValue: `task`, `task derived`, `milestone`, `sprint`, `risk`, or undefined. */
  readonly contextValue?: string;
  readonly accessibilityLabel: string;
  readonly expanded: boolean;
  /** How many children the node has, known without building them. */
  readonly childCount: number;
  /**
   * Built on first access: VS Code asks only for the children of expanded
   * nodes, so a refresh of a big plan builds the milestones, not every task.
   */
  readonly children: ViewNode[];
  /** Set when the parent builds its children (undefined for roots). */
  parent?: ViewNode;
  /** The plan item behind the node, when there is one. */
  readonly taskId?: string;
  readonly milestoneId?: string;
  readonly riskId?: string;
  readonly sprintId?: string;
}

export interface TreeModel {
  readonly roots: readonly ViewNode[];
  /** Every task node by `${folderKey}\n${taskId}`, for reveal and tests (builds every node on first use). */
  readonly tasks: ReadonlyMap<string, ViewNode>;
  /** Tasks hidden by the filter or the done setting (so the view can say so). */
  readonly hiddenTasks: number;
}

export function taskKey(folderKey: string, taskId: string): string {
  return `${folderKey}\n${taskId}`;
}

/** Gives `node` children built on first access, each linked back to it. */
function withChildren(node: Omit<ViewNode, 'children' | 'childCount'>, count: number, build: () => ViewNode[]): ViewNode {
  let kids: ViewNode[] | undefined;
  const n = node as ViewNode;
  Object.defineProperty(n, 'childCount', { value: count, enumerable: true });
  Object.defineProperty(n, 'children', {
    enumerable: true,
    get: () => {
      if (!kids) {
        kids = build();
        for (const k of kids) k.parent = n;
      }
      return kids;
    },
  });
  return n;
}

/** Every task node under `roots`, building them all. */
function indexTasks(roots: readonly ViewNode[]): Map<string, ViewNode> {
  const tasks = new Map<string, ViewNode>();
  const walk = (nodes: readonly ViewNode[]) => {
    for (const n of nodes) {
      if (n.kind === 'task' && n.taskId) tasks.set(taskKey(n.folderKey, n.taskId), n);
      if (n.childCount) walk(n.children);
    }
  };
  walk(roots);
  return tasks;
}

// ---------------------------------------------------------------- text helpers

const tasksCount = (n: number): string => (n === 1 ? l10n.t('1 task') : l10n.t('{0} tasks', n));
const risksCount = (n: number): string => (n === 1 ? l10n.t('1 risk') : l10n.t('{0} risks', n));


// ---------------------------------------------------------------- per-item facts

export interface TaskFacts {
  readonly declared: TaskStatus;
  readonly effective: TaskStatus;
  /** True when the commits say something else than project.yml. */
  readonly derived: boolean;
  readonly progress?: number;
  readonly commits: number;
  readonly schedule?: TaskScheduleView;
  /** Hours from commits' time lines. */
  readonly commitHours?: number;
}

export function taskFacts(source: PlanSource, task: Task): TaskFacts {
  const p = source.progress?.tasks.get(task.id);
  const pending = source.pendingStatus?.get(task.id);
  if (pending) {
    return { declared: pending, effective: pending, derived: false, progress: pending === 'done' ? 1 : p?.progress ?? task.progress, commits: p?.commits.length ?? 0, schedule: source.schedule?.task(task.id), commitHours: source.commitHours?.(task.id) };
  }
  const effective = p?.effective ?? task.status;
  return {
    declared: task.status,
    effective,
    derived: effective !== task.status,
    progress: p?.progress ?? task.progress,
    commits: p?.commits.length ?? 0,
    schedule: source.schedule?.task(task.id),
    commitHours: source.commitHours?.(task.id),
  };
}

const isClosed = isClosedStatus;

/**
 * The task's finish as the Gantt draws it (docs/schedule.md): done work at its
 * actual finish, open work at its forecast, and the planned finish beside it
 * when the two differ, so a slip shows without opening the chart.
 */
function finishBit(f: TaskFacts, today: IsoDate | undefined): string | undefined {
  const s = f.schedule;
  if (!s?.forecastFinish || f.effective === 'dropped') return undefined;
  if (f.effective === 'done') return l10n.t('done {0}', shortDate(s.forecastFinish, today));
  const forecast = l10n.t('forecast {0}', shortDate(s.forecastFinish, today));
  return s.plannedFinish && s.plannedFinish !== s.forecastFinish ? `${forecast} ${l10n.t('(planned {0})', shortDate(s.plannedFinish, today))}` : forecast;
}

/** The tooltip's date lines: the shown dates first (forecast, or actual for done work), then the plan and whether it moved. */
function scheduleLines(f: TaskFacts): string[] {
  const s = f.schedule;
  const lines: string[] = [];
  if (s?.forecastStart && s.forecastFinish && f.effective !== 'dropped') {
    const why = s.forecastBasis === 'actual' ? l10n.t('actual dates, from the commits')
      : s.forecastBasis === 'started' ? l10n.t('started at its first commit, the rest from today') : l10n.t('remaining work from today');
    lines.push(f.effective === 'done'
      ? l10n.t('Done: {0} → {1} ({2}; the dates shown)', s.forecastStart, s.forecastFinish, why)
      : l10n.t('Forecast: {0} → {1} ({2}; the dates shown)', s.forecastStart, s.forecastFinish, why));
  }
  if (s?.plannedStart || s?.plannedFinish) {
    const moved = !!s.forecastFinish && !!s.plannedFinish && s.forecastFinish !== s.plannedFinish;
    lines.push(moved
      ? l10n.t('Planned: {0} → {1} (the plan; the Gantt draws it as a thin grey bar)', s.plannedStart ?? '…', s.plannedFinish ?? '…')
      : l10n.t('Planned: {0} → {1}', s.plannedStart ?? '…', s.plannedFinish ?? '…'));
  }
  return lines;
}

function formatFloat(days: number): string {
  return l10n.t('float {0}d', days);
}

/** The task's tooltip: every number, with plan text escaped; lines joined with hard breaks. */
function taskTooltip(task: Task, f: TaskFacts): string {
  const s = f.schedule;
  const md: string[] = [`**${escapeMarkdown(task.id)}** ${escapeMarkdown(task.title)}`, ''];
  md.push(f.derived ? l10n.t('Status: **{0}** · from commits: **{1}**', f.declared, f.effective) : l10n.t('Status: **{0}**', f.declared));
  if (f.progress !== undefined) md.push(l10n.t('Progress: {0}', percent(f.progress)));
  if (task.assignee) md.push(l10n.t('Assignee: {0}', escapeMarkdown(task.assignee)));
  if (task.estimate) md.push(task.estimateHours !== undefined ? l10n.t('Estimate: {0} ({1} h)', escapeMarkdown(task.estimate), task.estimateHours) : l10n.t('Estimate: {0}', escapeMarkdown(task.estimate)));
  if (task.priority) md.push(l10n.t('Priority: {0}', task.priority));
  if (task.start || task.due) md.push(l10n.t('Dates: {0} → {1}', task.start ?? '…', task.due ?? '…'));
  md.push(...scheduleLines(f));
  if (s?.float !== undefined) md.push(s.critical ? l10n.t('Float: {0} workdays · **critical path**', s.float) : l10n.t('Float: {0} workdays', s.float));
  if (task.depends.length) md.push(l10n.t('Depends on: {0}', task.depends.map(escapeMarkdown).join(', ')));
  if (task.tags.length) md.push(l10n.t('Tags: {0}', task.tags.map(escapeMarkdown).join(', ')));
  if (f.commits) md.push(l10n.t('Commits: {0}', f.commits));
  // Declared `spent` wins; the commits' hours show beside it (docs/format.md, Time spent).
  if (task.spent !== undefined || f.commitHours !== undefined) {
    const fromCommits = f.commitHours !== undefined ? l10n.t('{0} h from commits', f.commitHours) : '';
    const declared = task.spent !== undefined ? l10n.t('{0} h (declared)', task.spent) : '';
    md.push(l10n.t('Time spent: {0}', [declared, fromCommits].filter(Boolean).join(' · ')));
  }
  if (task.description) md.push('', escapeMarkdown(clip(task.description.trim(), 400)));
  return md.join('  \n');
}

function taskA11y(task: Task, f: TaskFacts, showFloat: boolean, finish: string | undefined): string {
  const s = f.schedule;
  const a11y = [l10n.t('Task {0}, {1}', task.id, task.title), l10n.t('status {0}', f.declared)];
  if (f.derived) a11y.push(l10n.t('commits say {0}', f.effective));
  if (task.assignee) a11y.push(l10n.t('assigned to {0}', task.assignee));
  if (task.estimate) a11y.push(l10n.t('estimate {0}', task.estimate));
  if (s?.critical && showFloat) a11y.push(l10n.t('on the critical path'));
  else if (s?.float !== undefined && showFloat) a11y.push(l10n.t('float {0} workdays', s.float));
  if (finish) a11y.push(finish);
  return a11y.join(', ');
}

/** `context`: where the node sits; a task under its milestone does not repeat it, one under its assignee not the assignee. */
function taskNode(source: PlanSource, task: Task, parentId: string, context: 'milestone' | 'assignee' | 'other'): ViewNode {
  const f = taskFacts(source, task);
  const bits: string[] = [];
  if (f.derived) bits.push(l10n.t('→ {0} (commits)', f.effective));
  if (task.assignee && context !== 'assignee') bits.push(task.assignee);
  if (task.estimate) bits.push(task.estimate);
  if (context !== 'milestone' && task.milestone) bits.push(task.milestone);
  const s = f.schedule;
  // Float matters for open work in a milestone; the backlog is not scheduled against any due date.
  const showFloat = !isClosed(f.effective) && task.milestone !== undefined;
  if (s?.critical && showFloat) bits.push(l10n.t('critical'));
  else if (s?.float !== undefined && showFloat) bits.push(formatFloat(s.float));
  const finish = finishBit(f, source.today);
  if (finish) bits.push(finish);

  return {
    id: `${parentId}/t:${task.id}`,
    kind: 'task',
    folderKey: source.key,
    label: `${task.id} ${task.title}`,
    description: bits.join(' · ') || undefined,
    // Built when VS Code asks (for the few rendered or hovered rows), not for every task on each refresh.
    get tooltip() { return taskTooltip(task, f); },
    icon: statusIcon(f.effective),
    contextValue: f.derived ? 'task derived' : 'task',
    get accessibilityLabel() { return taskA11y(task, f, showFloat, finish); },
    expanded: false,
    childCount: 0,
    children: [],
    taskId: task.id,
  };
}

function milestoneNode(source: PlanSource, m: Milestone, parentId: string, tasks: readonly Task[], hidden: number): ViewNode {
  const id = `${parentId}/m:${m.id}`;
  const p = source.progress?.milestones.get(m.id);
  const s = source.schedule?.milestone(m.id);
  const health = m.health ?? s?.health;
  const bits: string[] = [];
  const finished = p !== undefined && p.totalTasks > 0 && p.doneTasks === p.totalTasks;
  if (p) bits.push(percent(p.progress));
  if (m.due) bits.push(l10n.t('due {0}', m.due));
  // A finished milestone has no forecast: its last task's finish is history.
  if (finished && s?.forecastFinish) bits.push(l10n.t('finished {0}', s.forecastFinish));
  else if (s?.forecastFinish && s.forecastFinish !== m.due) bits.push(l10n.t('forecast {0}', s.forecastFinish));
  if (health && health !== 'on-track') bits.push(health);

  const md: string[] = [`**${escapeMarkdown(m.title)}** (${escapeMarkdown(m.id)})`, ''];
  if (p) md.push(l10n.t('Progress: {0} · {1}/{2} tasks done', percent(p.progress), p.doneTasks, p.totalTasks));
  if (m.due) md.push(l10n.t('Due: {0}', m.due));
  if (s?.plannedFinish) md.push(l10n.t('Planned finish: {0}', s.plannedFinish));
  if (s?.forecastFinish) md.push(l10n.t('Forecast finish: {0}', s.forecastFinish));
  // The likely range goes right below the forecast (and above the reasons' list, which would swallow it).
  const head = md.length;
  if (s?.slipDays !== undefined && s.slipDays !== 0) md.push(l10n.t('Slip: {0} workdays', s.slipDays));
  if (health) md.push(m.health || s?.healthOverridden ? l10n.t('Health: **{0}** (set in project.yml)', health) : l10n.t('Health: **{0}**', health));
  for (const r of s?.healthReasons ?? []) md.push(`- ${escapeMarkdown(r)}`);
  const likely = (): string[] => {
    const range = finished ? '' : forecastRange(source.schedule?.forecast?.(m.id) ?? NO_FORECAST);
    return range ? [l10n.t('Likely: {0}', range)] : [];
  };
  const rest: string[] = [];
  if (m.release) rest.push(l10n.t('Release: {0}', escapeMarkdown(m.release)));
  if (hidden) rest.push(hidden === 1 ? l10n.t('1 task hidden by the filter') : l10n.t('{0} tasks hidden by the filter', hidden));
  if (m.description) rest.push('', escapeMarkdown(clip(m.description.trim(), 400)));

  const a11y = [l10n.t('Milestone {0}', m.title)];
  if (p) a11y.push(l10n.t('{0} done', percent(p.progress)));
  if (m.due) a11y.push(l10n.t('due {0}', m.due));
  if (s?.forecastFinish) a11y.push(l10n.t('forecast {0}', s.forecastFinish));
  if (health) a11y.push(health);
  a11y.push(tasksCount(tasks.length));

  return withChildren({
    id,
    kind: 'milestone',
    folderKey: source.key,
    label: m.title,
    description: bits.join(' · ') || undefined,
    // The likely range runs the Monte Carlo forecast: only when the tooltip is read.
    get tooltip() { return [...md.slice(0, head), ...likely(), ...md.slice(head), ...rest].join('  \n'); },
    lazyTooltip: true,
    icon: healthIcon(health),
    contextValue: 'milestone',
    accessibilityLabel: a11y.join(', '),
    expanded: false,
    milestoneId: m.id,
  }, tasks.length, () => tasks.map((t) => taskNode(source, t, id, 'milestone')));
}

/** A grouping node of `count` items; `children` gets the group's id so its nodes' ids nest under it. */
function groupNode(source: PlanSource, parentId: string, key: string, label: string, icon: IconSpec, what: (n: number) => string,
  count: number, children: (groupId: string) => ViewNode[], description?: string): ViewNode {
  const id = `${parentId}/g:${key}`;
  return withChildren({
    id,
    kind: 'group',
    folderKey: source.key,
    label,
    description: description ?? String(count),
    tooltip: `${escapeMarkdown(label)}: ${what(count)}`,
    icon,
    accessibilityLabel: `${label}, ${what(count)}`,
    expanded: false,
  }, count, () => children(id));
}

/** A sprint row: its dates, task count and progress (completed of committed plus added hours); opens its burndown. */
function sprintGroup(source: PlanSource, parentId: string, sp: Sprint, count: number, children: (groupId: string) => ViewNode[]): ViewNode {
  const label = sp.goal ? `${sp.id}: ${sp.goal}` : sp.id;
  const report = source.sprint?.(sp.id);
  const node = groupNode(source, parentId, `s:${sp.id}`, label, { id: 'history' }, tasksCount, count, children, `${sp.start} → ${sp.end} · ${count}`);
  if (!report) return Object.assign(node, { contextValue: 'sprint', sprintId: sp.id });
  const total = report.committedHours + (report.scopeAdded?.hours ?? 0);
  const share = total > 0 ? report.completedHours / total : 0;
  return Object.assign(node, {
    contextValue: 'sprint',
    sprintId: sp.id,
    description: `${node.description} · ${percent(share)} (${report.completedHours}/${total} h)`,
    tooltip: `${node.tooltip}\n\n${escapeMarkdown(sprintSentence(report))}`,
    accessibilityLabel: `${node.accessibilityLabel}, ${l10n.t('{0} done', percent(share))}`,
    icon: { id: report.state === 'closed' ? 'pass' : report.state === 'active' ? 'play-circle' : 'history' },
  });
}

const LEVEL_SCORE = { low: 1, medium: 2, high: 3 } as const;

function riskNode(source: PlanSource, r: Risk, parentId: string): ViewNode {
  const exposure = LEVEL_SCORE[r.probability] * LEVEL_SCORE[r.impact];
  const active = r.status === 'open' || r.status === 'occurred';
  const icon: IconSpec = !active ? { id: 'shield', color: 'disabledForeground' }
    : exposure >= 6 ? { id: 'flame', color: 'charts.red' }
      : exposure >= 3 ? { id: 'warning', color: 'charts.yellow' } : { id: 'info', color: 'charts.blue' };
  const md = [`**${escapeMarkdown(r.id)}** ${escapeMarkdown(r.title)}`, '',
    l10n.t('Probability: {0} · impact: {1} · exposure {2}/9', r.probability, r.impact, exposure), l10n.t('Status: {0}', r.status)];
  if (r.owner) md.push(l10n.t('Owner: {0}', escapeMarkdown(r.owner)));
  if (r.tasks.length) md.push(l10n.t('Tasks: {0}', r.tasks.map(escapeMarkdown).join(', ')));
  if (r.mitigation) md.push(l10n.t('Mitigation: {0}', escapeMarkdown(clip(r.mitigation.trim(), 300))));
  return {
    id: `${parentId}/r:${r.id}`,
    kind: 'risk',
    folderKey: source.key,
    label: `${r.id} ${r.title}`,
    description: [`${r.probability}/${r.impact}`, r.status, r.owner].filter(Boolean).join(' · '),
    tooltip: md.join('  \n'),
    icon,
    contextValue: 'risk',
    accessibilityLabel: l10n.t('Risk {0}, {1}, probability {2}, impact {3}, {4}', r.id, r.title, r.probability, r.impact, r.status),
    expanded: false,
    childCount: 0,
    children: [],
    riskId: r.id,
  };
}

// ---------------------------------------------------------------- filtering

export function matchesFilter(source: PlanSource, task: Task, filter: TaskFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.assignee !== undefined && (task.assignee ?? '') !== filter.assignee) return false;
  if (filter.status && taskFacts(source, task).effective !== filter.status) return false;
  if (filter.tag && !task.tags.includes(filter.tag)) return false;
  if (filter.text) {
    const needle = filter.text.toLowerCase();
    const hay = `${task.id}\n${task.title}\n${task.description ?? ''}`.toLowerCase();
    if (!hay.includes(needle)) return false;
  }
  return true;
}

export function isFilterActive(filter: TaskFilter | undefined): boolean {
  return !!filter && (filter.assignee !== undefined || !!filter.status || !!filter.tag || !!filter.text);
}

export function describeFilter(filter: TaskFilter | undefined): string {
  if (!filter) return '';
  const bits: string[] = [];
  if (filter.assignee !== undefined) bits.push(filter.assignee ? l10n.t('assignee {0}', filter.assignee) : l10n.t('unassigned'));
  if (filter.status) bits.push(l10n.t('status {0}', filter.status));
  if (filter.tag) bits.push(l10n.t('tag {0}', filter.tag));
  if (filter.text) bits.push(l10n.t('“{0}”', filter.text));
  return bits.join(', ');
}

// ---------------------------------------------------------------- the Plan view

function visibleTasks(source: PlanSource, tasks: readonly Task[], options: TreeOptions): { shown: Task[]; hidden: number } {
  const showDone = options.showDone ?? true;
  const shown = tasks.filter((t) => (showDone || !isClosed(taskFacts(source, t).effective)) && matchesFilter(source, t, options.filter));
  return { shown, hidden: tasks.length - shown.length };
}

function planChildren(source: PlanSource, parentId: string, options: TreeOptions, counter: { hidden: number }): ViewNode[] {
  const { plan } = source;
  const out: ViewNode[] = [];
  const filtering = isFilterActive(options.filter);
  const groupBy = options.groupBy ?? 'milestone';

  if (groupBy === 'milestone') {
    for (const m of plan.milestones) {
      const { shown, hidden } = visibleTasks(source, m.tasks, options);
      counter.hidden += hidden;
      // A filter that leaves a milestone empty hides the milestone too; without one, empty milestones stay visible.
      if (filtering && shown.length === 0) continue;
      out.push(milestoneNode(source, m, parentId, shown, hidden));
    }
    const backlog = visibleTasks(source, plan.backlog, options);
    counter.hidden += backlog.hidden;
    if (backlog.shown.length) {
      out.push(groupNode(source, parentId, 'backlog', l10n.t('Backlog'), { id: 'inbox' }, tasksCount, backlog.shown.length,
        (gid) => backlog.shown.map((t) => taskNode(source, t, gid, 'milestone'))));
    }
  } else if (groupBy === 'assignee') {
    const { shown, hidden } = visibleTasks(source, plan.tasks, options);
    counter.hidden += hidden;
    const byPerson = new Map<string, Task[]>();
    for (const t of shown) {
      const k = t.assignee ?? '';
      let list = byPerson.get(k);
      if (!list) byPerson.set(k, (list = []));
      list.push(t);
    }
    // People in the order project.yml lists them, then unknown assignees, then nobody.
    const order = [...plan.people.map((p) => p.id), ...[...byPerson.keys()].filter((k) => k && !plan.byId.has(k)).sort(), ''];
    for (const k of new Set(order)) {
      const tasks = byPerson.get(k);
      if (!tasks?.length) continue;
      const person = plan.people.find((p) => p.id === k);
      const label = k === '' ? l10n.t('Unassigned') : person?.name ? `${person.name} (${k})` : k;
      out.push(groupNode(source, parentId, `a:${k}`, label, { id: k === '' ? 'circle-large-outline' : 'person' }, tasksCount, tasks.length,
        (gid) => tasks.map((t) => taskNode(source, t, gid, 'assignee'))));
    }
  } else {
    const { shown, hidden } = visibleTasks(source, plan.tasks, options);
    counter.hidden += hidden;
    const placed = new Set<string>();
    for (const sp of plan.sprints) {
      // A sprint lists its tasks when it commits to them; otherwise it holds the tasks planned to finish inside it
      // (as core/sprint.ts sprintMembers counts them for the burndown and the row's progress).
      const inSprint = shown.filter((t) => !placed.has(t.id) && (sp.tasks.length
        ? sp.tasks.includes(t.id)
        : inRange(source.schedule?.task(t.id)?.plannedFinish, sp.start, sp.end)));
      inSprint.forEach((t) => placed.add(t.id));
      if (!inSprint.length && filtering) continue;
      out.push(sprintGroup(source, parentId, sp, inSprint.length, (gid) => inSprint.map((t) => taskNode(source, t, gid, 'other'))));
    }
    const rest = shown.filter((t) => !placed.has(t.id));
    if (rest.length) {
      out.push(groupNode(source, parentId, 's:', l10n.t('No sprint'), { id: 'circle-large-outline' }, tasksCount, rest.length,
        (gid) => rest.map((t) => taskNode(source, t, gid, 'other'))));
    }
  }

  // Risks are not tasks: the task filter hides them so a filtered view shows only matching work.
  if (plan.risks.length && !filtering) {
    const open = plan.risks.filter((r) => r.status === 'open').length;
    const occurred = plan.risks.filter((r) => r.status === 'occurred').length;
    out.push(groupNode(source, parentId, 'risks', l10n.t('Risks'), { id: 'shield' }, risksCount, plan.risks.length,
      (gid) => plan.risks.map((r) => riskNode(source, r, gid)), [l10n.t('{0} open', open), occurred ? l10n.t('{0} occurred', occurred) : ''].filter(Boolean).join(' · ')));
  }
  return out;
}

function inRange(date: IsoDate | undefined, start: IsoDate, end: IsoDate): boolean {
  return !!date && date >= start && date <= end;
}

/**
 * Builds the Plan view. With one plan the roots are its milestones, backlog
 * and risks; with several, one root per folder so every node says which plan
 * it belongs to.
 */
export function buildPlanTree(sources: readonly PlanSource[], options: TreeOptions = {}): TreeModel {
  const counter = { hidden: 0 };
  let roots: ViewNode[];
  if (sources.length === 1) {
    roots = planChildren(sources[0], 'plan', options, counter);
  } else {
    roots = sources.map((s) => {
      const id = `folder:${s.key}`;
      // A folder's own children are few (milestones, groups): build them now to count what the filter hides.
      const children = planChildren(s, id, options, counter);
      const total = s.plan.tasks.length;
      return withChildren({
        id,
        kind: 'folder' as const,
        folderKey: s.key,
        label: s.folderName,
        description: s.plan.project.name,
        tooltip: `**${escapeMarkdown(s.plan.project.name)}**  \n${l10n.t('Folder: {0}', escapeMarkdown(s.folderName))}  \n${tasksCount(total)}`,
        icon: { id: 'root-folder' },
        accessibilityLabel: l10n.t('Plan {0} in folder {1}, {2}', s.plan.project.name, s.folderName, tasksCount(total)),
        expanded: true,
      }, children.length, () => children);
    });
  }
  return lazyIndex(roots, counter.hidden);
}

function lazyIndex(roots: ViewNode[], hiddenTasks: number): TreeModel {
  let tasks: Map<string, ViewNode> | undefined;
  return { roots, hiddenTasks, get tasks() { return (tasks ??= indexTasks(roots)); } };
}

// ---------------------------------------------------------------- My Tasks

/** What to do next, in the core's order (src/core/nextTasks.ts), with pending statuses applied. */
export function orderMyTasks(source: PlanSource, personId: string): Task[] {
  return orderNextTasks(source.plan.tasks, personId, (t) => {
    const f = taskFacts(source, t);
    return { effective: f.effective, critical: f.schedule?.critical, plannedStart: f.schedule?.plannedStart };
  });
}

export interface MyTasksInput {
  readonly source: PlanSource;
  /** The user's `git config user.email`, when known. */
  readonly email?: string;
}

export interface MyTasksModel extends TreeModel {
  /** Why the view is empty or partial, for TreeView.message. */
  readonly message?: string;
}

export function buildMyTasks(inputs: readonly MyTasksInput[]): MyTasksModel {
  const notes: string[] = [];
  const roots: ViewNode[] = [];
  const multi = inputs.length > 1;
  for (const { source, email } of inputs) {
    const person = personForEmail(source.plan, email);
    if (!person) {
      if (email) notes.push(l10n.t('{0} matches no person in {1}project.yml', email, multi ? `${source.folderName}/` : ''));
      continue;
    }
    const parentId = multi ? `folder:${source.key}` : 'mine';
    const nodes = orderMyTasks(source, person).map((t) => taskNode(source, t, parentId, 'assignee'));
    if (multi) {
      roots.push(withChildren({
        id: parentId, kind: 'folder', folderKey: source.key, label: source.folderName,
        description: `${person} · ${nodes.length}`, tooltip: l10n.t('Tasks of **{0}** in {1}', escapeMarkdown(person), escapeMarkdown(source.folderName)),
        icon: { id: 'root-folder' }, accessibilityLabel: l10n.t('{0}, {1} for {2}', source.folderName, tasksCount(nodes.length), person),
        expanded: true,
      }, nodes.length, () => nodes));
    } else {
      roots.push(...nodes);
      const open = nodes.length === 1 ? l10n.t('1 open task') : l10n.t('{0} open tasks', nodes.length);
      notes.push(source.plan.project.name ? l10n.t('{0}: {1} in {2}', person, open, source.plan.project.name) : `${person}: ${open}`);
    }
  }
  // My Tasks is a short flat list: index it right away.
  return { roots, tasks: indexTasks(roots), hiddenTasks: 0, message: notes.join(' · ') || undefined };
}

// ---------------------------------------------------------------- quick pick data

/** Distinct tags in file order of first use. */
export function tagsOf(plan: Plan): string[] {
  return [...new Set(plan.tasks.flatMap((t) => t.tags))];
}
