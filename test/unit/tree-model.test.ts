// The Plan and My Tasks views as data (src/vscode/tree/model.ts): grouping,
// filtering, ordering, what each node says, and that plan text is escaped in
// tooltips. The plans are built as typed objects (what the parser yields), so
// these tests run without the parser; tree-view.test.ts covers parsed YAML.
import * as assert from 'node:assert/strict';
import type { Milestone, Person, Plan, Risk, Sprint, Task, TaskStatus } from '../../src/core/model';
import {
  buildMyTasks, buildPlanTree, orderMyTasks, taskKey,
  type PlanSource, type ProgressView, type TaskScheduleView, type ViewNode,
} from '../../src/vscode/tree/model';
import { escapeMarkdown } from '../../src/core/text';
import { personForEmail } from '../../src/core/progress';

const span = { start: 0, end: 0 };
let order = 0;

function task(id: string, title: string, extra: Partial<Task> = {}): Task {
  return { kind: 'task', id, title, status: 'todo', depends: [], tags: [], order: order++, span, fieldSpans: {}, ...extra };
}

function milestone(id: string, title: string, tasks: Task[], extra: Partial<Milestone> = {}): Milestone {
  return { kind: 'milestone', id, title, depends: [], tasks: tasks.map((t) => ({ ...t, milestone: id })), span, fieldSpans: {}, ...extra };
}

function person(id: string, name: string, email: string): Person {
  return { kind: 'person', id, name, emails: [email], capacity: 1, off: [], span };
}

function plan(milestones: Milestone[], backlog: Task[] = [], more: { people?: Person[]; sprints?: Sprint[]; risks?: Risk[] } = {}): Plan {
  const tasks = [...milestones.flatMap((m) => m.tasks), ...backlog];
  const people = more.people ?? [];
  const byId = new Map<string, Task | Milestone | Person | Sprint | Risk>();
  for (const x of [...milestones, ...tasks, ...people, ...(more.sprints ?? []), ...(more.risks ?? [])]) byId.set(x.id, x);
  return {
    version: 1,
    project: { name: 'Checkout <revamp>', key: 'PAY', calendar: { workdays: [1, 2, 3, 4, 5], hoursPerDay: 8, holidays: [] }, span },
    people, milestones, backlog, sprints: more.sprints ?? [], risks: more.risks ?? [], tasks, byId,
  };
}

function progress(effective: Record<string, TaskStatus>, milestones: Record<string, number> = {}): ProgressView {
  return {
    tasks: new Map(Object.entries(effective).map(([id, eff]) => [id, { declared: 'todo' as TaskStatus, effective: eff, commits: ['a'.repeat(40)], progress: eff === 'done' ? 1 : 0.5 }])),
    milestones: new Map(Object.entries(milestones).map(([id, p]) => [id, { progress: p, doneTasks: 1, totalTasks: 3 }])),
  };
}

function schedule(tasks: Record<string, TaskScheduleView>) {
  return { task: (id: string) => tasks[id], milestone: () => undefined };
}

const labels = (nodes: readonly ViewNode[]) => nodes.map((n) => n.label);

function demo(): Plan {
  order = 0;
  return plan([
    milestone('beta', 'Payments API beta', [
      task('PAY-1', 'Design payment schema', { status: 'done', assignee: 'ana', estimate: '3d', tags: ['backend'] }),
      task('PAY-2', 'Card tokenisation', { status: 'in-progress', assignee: 'ben', estimate: '4d', priority: 'high', tags: ['backend', 'security'] }),
      task('PAY-3', 'Refund flow [v2]', { assignee: 'ana', estimate: '2d', description: 'See <script>alert(1)</script> and *this*' }),
    ], { due: '2026-02-27' }),
    milestone('ga', 'General availability', [
      task('PAY-4', 'Docs', { assignee: 'ben', tags: ['docs'] }),
      task('PAY-5', 'Launch', { status: 'dropped' }),
    ]),
  ], [task('PAY-40', 'Idea')], {
    people: [person('ana', 'Ana Souza', 'ana@example.com'), person('ben', 'Ben Okafor', 'ben@example.com')],
    sprints: [{ kind: 'sprint', id: 'S1', start: '2026-01-05', end: '2026-01-16', goal: 'Skeleton', tasks: ['PAY-2', 'PAY-4'], span }],
    risks: [{ kind: 'risk', id: 'R1', title: 'PSP sandbox unstable', probability: 'medium', impact: 'high', status: 'open', tasks: ['PAY-3'], span }],
  });
}

function source(p: Plan, extra: Partial<PlanSource> = {}): PlanSource {
  return { key: 'file:///ws', folderName: 'ws', plan: p, ...extra };
}

describe('tree model: Plan view', () => {
  it('lists milestones with their tasks, then the backlog, then the risks', () => {
    const t = buildPlanTree([source(demo())]);
    assert.deepEqual(labels(t.roots), ['Payments API beta', 'General availability', 'Backlog', 'Risks']);
    assert.deepEqual(labels(t.roots[0].children), ['PAY-1 Design payment schema', 'PAY-2 Card tokenisation', 'PAY-3 Refund flow [v2]']);
    assert.deepEqual(labels(t.roots[2].children), ['PAY-40 Idea']);
    assert.equal(t.roots[3].description, '1 open');
    assert.equal(t.roots[3].children[0].contextValue, 'risk');
    assert.equal(t.roots[3].children[0].icon?.id, 'flame');
    assert.equal(t.roots[0].contextValue, 'milestone');
    assert.equal(t.roots[2].contextValue, undefined);
  });

  it('links every node to its parent and indexes tasks for reveal', () => {
    const t = buildPlanTree([source(demo())]);
    const n = t.tasks.get(taskKey('file:///ws', 'PAY-2'));
    assert.ok(n);
    assert.equal(n.parent?.milestoneId, 'beta');
    assert.equal(n.parent?.parent, undefined);
    assert.equal(t.tasks.size, 6);
    const ids = new Set<string>();
    const walk = (ns: readonly ViewNode[]) => ns.forEach((x) => { assert.ok(!ids.has(x.id), `duplicate id ${x.id}`); ids.add(x.id); walk(x.children); });
    walk(t.roots);
  });

  it('describes a task: status icon, assignee, estimate; contextValue task', () => {
    const n = buildPlanTree([source(demo())]).tasks.get(taskKey('file:///ws', 'PAY-2'))!;
    assert.equal(n.description, 'ben · 4d');
    assert.deepEqual(n.icon, { id: 'play-circle', color: 'charts.blue' });
    assert.equal(n.contextValue, 'task');
    assert.equal(n.accessibilityLabel, 'Task PAY-2, Card tokenisation, status in-progress, assigned to ben, estimate 4d');
  });

  it('shows the commit-derived status as a badge and marks the node derived', () => {
    const t = buildPlanTree([source(demo(), { progress: progress({ 'PAY-3': 'done' }, { beta: 0.625 }) })]);
    const n = t.tasks.get(taskKey('file:///ws', 'PAY-3'))!;
    assert.equal(n.contextValue, 'task derived');
    assert.equal(n.description, '→ done (commits) · ana · 2d');
    assert.equal(n.icon?.id, 'pass-filled');
    assert.match(n.tooltip, /Status: \*\*todo\*\* · from commits: \*\*done\*\*/);
    assert.match(n.accessibilityLabel, /status todo, commits say done/);
    assert.equal(t.roots[0].description, '63% · due 2026-02-27');
  });

  it('shows the finish the Gantt draws: forecast (planned beside it when they differ), done work at its actual finish (issue 20)', () => {
    const sched = schedule({
      'PAY-2': { plannedStart: '2026-01-05', plannedFinish: '2026-01-08', forecastStart: '2026-01-12', forecastFinish: '2026-12-09', forecastBasis: 'started' },
      'PAY-3': { plannedStart: '2026-01-09', plannedFinish: '2026-01-12', forecastStart: '2026-01-09', forecastFinish: '2026-01-12', forecastBasis: 'remaining' },
      'PAY-1': { plannedStart: '2026-01-02', plannedFinish: '2026-01-06', forecastStart: '2026-01-02', forecastFinish: '2026-01-07', forecastBasis: 'actual' },
    });
    const t = buildPlanTree([source(demo(), { schedule: sched, today: '2026-01-07' })]);
    const node = (id: string) => t.tasks.get(taskKey('file:///ws', id))!;
    assert.equal(node('PAY-2').description, 'ben · 4d · forecast Dec 9 (planned Jan 8)');
    assert.equal(node('PAY-3').description, 'ana · 2d · forecast Jan 12');
    assert.equal(node('PAY-1').description, 'ana · 3d · done Jan 7');
    assert.match(node('PAY-2').accessibilityLabel, /, forecast Dec 9 \(planned Jan 8\)$/);
    // The tooltip: the shown dates first and why, then the plan.
    assert.match(node('PAY-2').tooltip, /Forecast: 2026-01-12 → 2026-12-09 \(started at its first commit, the rest from today; the dates shown\) {2}\nPlanned: 2026-01-05 → 2026-01-08 \(the plan; the Gantt draws it as a thin grey bar\)/);
    assert.match(node('PAY-1').tooltip, /Done: 2026-01-02 → 2026-01-07 \(actual dates, from the commits; the dates shown\)/);
    assert.match(node('PAY-3').tooltip, /Planned: 2026-01-09 → 2026-01-12 {2}\n/);
    // Another year than today's gets its year.
    const later = buildPlanTree([source(demo(), { schedule: sched, today: '2025-12-30' })]);
    assert.equal(later.tasks.get(taskKey('file:///ws', 'PAY-3'))!.description, 'ana · 2d · forecast Jan 12, 2026');
  });

  it('shows float, or critical, while a task is open', () => {
    const sched = schedule({ 'PAY-2': { float: 0, critical: true, plannedStart: '2026-01-05' }, 'PAY-3': { float: 3, critical: false }, 'PAY-1': { float: 0, critical: true } });
    const t = buildPlanTree([source(demo(), { schedule: sched })]);
    assert.equal(t.tasks.get(taskKey('file:///ws', 'PAY-2'))!.description, 'ben · 4d · critical');
    assert.equal(t.tasks.get(taskKey('file:///ws', 'PAY-3'))!.description, 'ana · 2d · float 3d');
    // PAY-1 is done: its float no longer matters.
    assert.equal(t.tasks.get(taskKey('file:///ws', 'PAY-1'))!.description, 'ana · 3d');
    assert.match(t.tasks.get(taskKey('file:///ws', 'PAY-2'))!.tooltip, /Float: 0 workdays · \*\*critical path\*\*/);
  });

  it('gives milestones a health icon and forecast from the schedule', () => {
    const sched = { task: () => undefined, milestone: (id: string) => id === 'beta' ? { health: 'at-risk' as const, forecastFinish: '2026-03-04', slipDays: 3, healthReasons: ['forecast 3 workdays late'] } : undefined };
    const m = buildPlanTree([source(demo(), { schedule: sched })]).roots[0];
    assert.deepEqual(m.icon, { id: 'warning', color: 'charts.yellow' });
    assert.equal(m.description, 'due 2026-02-27 · forecast 2026-03-04 · at-risk');
    assert.match(m.tooltip, /Slip: 3 workdays/);
    assert.match(m.tooltip, /- forecast 3 workdays late/);
  });

  it('puts the Monte Carlo range in the milestone tooltip, computed only when the tooltip is read', () => {
    const asked: string[] = [];
    const sched = {
      task: () => undefined,
      milestone: (id: string) => id === 'beta' ? { health: 'on-track' as const, forecastFinish: '2026-02-20', slipDays: -5 } : undefined,
      forecast: (id: string) => {
        asked.push(id);
        return { forecastP50: '2026-02-24', forecastP85: '2026-03-03', forecastP95: '2026-03-10', onTimeProbability: 0.62 };
      },
    };
    const m = buildPlanTree([source(demo(), { schedule: sched })]).roots[0];
    assert.equal(m.lazyTooltip, true);
    assert.deepEqual(asked, [], 'building the tree runs no forecast');
    assert.match(m.tooltip, /Forecast finish: 2026-02-20 {2}\nLikely: P50 2026-02-24 · P85 2026-03-03 · P95 2026-03-10 · 62% chance by its due {2}\nSlip: -5 workdays {2}\nHealth: \*\*on-track\*\*/);
    assert.deepEqual(asked, ['beta']);
  });

  it('escapes plan text in tooltips: no HTML, no emphasis, no links', () => {
    const n = buildPlanTree([source(demo())]).tasks.get(taskKey('file:///ws', 'PAY-3'))!;
    assert.ok(!n.tooltip.includes('<script>'));
    assert.match(n.tooltip, /\\<script\\>alert\\\(1\\\)\\<\/script\\>/);
    assert.match(n.tooltip, /\\\*this\\\*/);
    assert.equal(escapeMarkdown('[x](http://a)'), '\\[x\\]\\(http\\://a\\)');
    assert.equal(escapeMarkdown('a\n\nb'), 'a b');
  });

  it('hides done and dropped tasks when showDone is off, keeping empty milestones', () => {
    const t = buildPlanTree([source(demo())], { showDone: false });
    assert.deepEqual(labels(t.roots[0].children), ['PAY-2 Card tokenisation', 'PAY-3 Refund flow [v2]']);
    assert.deepEqual(labels(t.roots[1].children), ['PAY-4 Docs']);
    assert.equal(t.hiddenTasks, 2);
  });

  it('hides by effective status: a task the commits closed counts as done', () => {
    const t = buildPlanTree([source(demo(), { progress: progress({ 'PAY-3': 'done' }) })], { showDone: false });
    assert.deepEqual(labels(t.roots[0].children), ['PAY-2 Card tokenisation']);
  });

  it('filters by assignee, status, tag and text; drops milestones left empty and risks', () => {
    const by = (filter: object) => buildPlanTree([source(demo())], { filter });
    assert.deepEqual(labels(by({ assignee: 'ben' }).roots.flatMap((r) => r.children)), ['PAY-2 Card tokenisation', 'PAY-4 Docs']);
    assert.deepEqual(labels(by({ assignee: '' }).roots), ['General availability', 'Backlog']);
    assert.deepEqual(labels(by({ status: 'done' }).roots), ['Payments API beta']);
    assert.deepEqual(labels(by({ tag: 'security' }).roots[0].children), ['PAY-2 Card tokenisation']);
    assert.deepEqual(labels(by({ text: 'SCRIPT' }).roots[0].children), ['PAY-3 Refund flow [v2]']);
    assert.deepEqual(labels(by({ text: 'pay-40' }).roots), ['Backlog']);
    const both = by({ assignee: 'ana', tag: 'backend' });
    assert.deepEqual(labels(both.roots[0].children), ['PAY-1 Design payment schema']);
    assert.equal(both.hiddenTasks, 5);
  });

  it('groups by assignee in people order, then unassigned, naming the milestone', () => {
    const t = buildPlanTree([source(demo())], { groupBy: 'assignee' });
    assert.deepEqual(labels(t.roots), ['Ana Souza (ana)', 'Ben Okafor (ben)', 'Unassigned', 'Risks']);
    assert.deepEqual(labels(t.roots[2].children), ['PAY-5 Launch', 'PAY-40 Idea']);
    assert.equal(t.roots[1].children[1].description, 'ga');
    assert.equal(t.roots[0].description, '2');
  });

  it('groups by sprint: listed tasks, then the rest', () => {
    const t = buildPlanTree([source(demo())], { groupBy: 'sprint' });
    assert.deepEqual(labels(t.roots), ['S1: Skeleton', 'No sprint', 'Risks']);
    assert.deepEqual(labels(t.roots[0].children), ['PAY-2 Card tokenisation', 'PAY-4 Docs']);
    assert.equal(t.roots[0].description, '2026-01-05 → 2026-01-16 · 2');
    assert.equal(t.roots[1].children.length, 4);
  });

  it('a sprint that lists no tasks holds those planned to finish inside it, as its burndown counts them', () => {
    const p = demo();
    const sprints = [{ kind: 'sprint' as const, id: 'S2', start: '2026-01-19', end: '2026-01-30', tasks: [], span: p.sprints[0].span }];
    const open = { ...p, sprints };
    // PAY-3 starts before S2 and finishes inside it; PAY-4 starts inside it and finishes after.
    const dates: Record<string, { plannedStart: string; plannedFinish: string }> = {
      'PAY-3': { plannedStart: '2026-01-15', plannedFinish: '2026-01-20' },
      'PAY-4': { plannedStart: '2026-01-29', plannedFinish: '2026-02-03' },
    };
    const schedule = { task: (id: string) => dates[id], milestone: () => undefined } as unknown as PlanSource['schedule'];
    const t = buildPlanTree([source(open, { schedule })], { groupBy: 'sprint' });
    assert.deepEqual(labels(t.roots[0].children), ['PAY-3 Refund flow [v2]']);
  });

  it('a sprint row shows its progress (completed of committed plus added hours) and opens its burndown', () => {
    const report = {
      id: 'S1', start: '2026-01-05', end: '2026-01-16', state: 'active' as const, membership: 'listed' as const, tasks: ['PAY-2', 'PAY-4'],
      committedHours: 24, scopeAdded: { hours: 8, tasks: [{ id: 'PAY-4', day: '2026-01-07', hours: 8 }] }, completedHours: 8, completedTasks: ['PAY-2'], series: [],
    };
    const t = buildPlanTree([source(demo(), { sprint: (id) => (id === 'S1' ? report : undefined) })], { groupBy: 'sprint' });
    const row = t.roots[0];
    assert.equal(row.description, '2026-01-05 → 2026-01-16 · 2 · 25% (8/32 h)');
    assert.equal(row.contextValue, 'sprint');
    assert.equal(row.sprintId, 'S1');
    assert.match(row.tooltip.replace(/\\/g, ''), /24 h committed, 8 h added during it \(PAY-4\), 8 h completed \(1 of 2 tasks\)/);
  });

  it('puts one root per folder when several folders have a plan', () => {
    const a = source(demo(), { key: 'file:///a', folderName: 'api' });
    const b = source(demo(), { key: 'file:///b', folderName: 'web' });
    const t = buildPlanTree([a, b]);
    assert.deepEqual(labels(t.roots), ['api', 'web']);
    assert.equal(t.roots[0].description, 'Checkout <revamp>');
    assert.match(t.roots[0].tooltip, /Checkout \\<revamp\\>/);
    const n = t.tasks.get(taskKey('file:///b', 'PAY-1'))!;
    assert.equal(n.parent?.parent?.label, 'web');
    assert.notEqual(n.id, t.tasks.get(taskKey('file:///a', 'PAY-1'))!.id);
    assert.equal(t.tasks.size, 12);
  });
});

describe('tree model: My Tasks', () => {
  it('matches the git email to a person, case-insensitively', () => {
    assert.equal(personForEmail(demo(), ' ANA@example.com '), 'ana');
    assert.equal(personForEmail(demo(), 'nobody@example.com'), undefined);
    assert.equal(personForEmail(demo(), undefined), undefined);
  });

  it('orders critical first, then priority, then planned start, then file order; leaves out closed work', () => {
    order = 0;
    const p = plan([milestone('m', 'M', [
      task('T-1', 'low later', { assignee: 'ana', priority: 'low' }),
      task('T-2', 'none early', { assignee: 'ana', start: '2026-01-02' }),
      task('T-3', 'high', { assignee: 'ana', priority: 'high' }),
      task('T-4', 'critical path, no priority', { assignee: 'ana' }),
      task('T-5', 'done', { assignee: 'ana', status: 'done', priority: 'critical' }),
      task('T-6', 'none, planned earlier', { assignee: 'ana' }),
      task('T-7', 'not mine', { assignee: 'ben', priority: 'critical' }),
      task('T-8', 'closed by commits', { assignee: 'ana', priority: 'critical' }),
      task('T-9', 'critical priority', { assignee: 'ana', priority: 'critical' }),
      task('T-10', 'none, no date', { assignee: 'ana' }),
    ])], [], { people: [person('ana', 'Ana', 'ana@example.com')] });
    const s = source(p, {
      schedule: schedule({ 'T-4': { critical: true, plannedStart: '2026-03-01' }, 'T-6': { plannedStart: '2026-01-01' } }),
      progress: progress({ 'T-8': 'done' }),
    });
    assert.deepEqual(orderMyTasks(s, 'ana').map((t) => t.id), ['T-4', 'T-9', 'T-3', 'T-1', 'T-6', 'T-2', 'T-10']);
  });

  it('builds the view and says whose tasks they are', () => {
    const m = buildMyTasks([{ source: source(demo()), email: 'ben@example.com' }]);
    assert.deepEqual(labels(m.roots), ['PAY-2 Card tokenisation', 'PAY-4 Docs']);
    assert.equal(m.roots[1].description, 'ga');
    assert.equal(m.message, 'ben: 2 open tasks in Checkout <revamp>');
    assert.ok(m.tasks.has(taskKey('file:///ws', 'PAY-4')));
  });

  it('explains an email that matches nobody', () => {
    const m = buildMyTasks([{ source: source(demo()), email: 'eve@example.com' }]);
    assert.equal(m.roots.length, 0);
    assert.equal(m.message, 'eve@example.com matches no person in project.yml');
  });
});

describe('tree model: pending statuses', () => {
  it('shows a status just written before the plan is re-read, hiding done work and dropping the derived badge', () => {
    const p = demo();
    const pendingStatus = new Map([['PAY-3', 'done' as const], ['PAY-4', 'in-progress' as const]]);
    const s = source(p, { progress: progress({ 'PAY-3': 'in-progress' }), pendingStatus });
    const t = buildPlanTree([s]);
    const n3 = t.tasks.get(taskKey('file:///ws', 'PAY-3'))!;
    assert.equal(n3.icon?.id, 'pass-filled');
    assert.equal(n3.contextValue, 'task');
    assert.equal(n3.description, 'ana · 2d');
    assert.match(n3.accessibilityLabel, /status done/);
    assert.equal(t.tasks.get(taskKey('file:///ws', 'PAY-4'))!.icon?.id, 'play-circle');
    assert.deepEqual(labels(buildPlanTree([s], { showDone: false }).roots[0].children), ['PAY-2 Card tokenisation']);
    assert.deepEqual(orderMyTasks(s, 'ana').map((x) => x.id), []);
  });
});

describe('tree model: lazy children', () => {
  it('knows child counts without building, builds once, and links parents when built', () => {
    const t = buildPlanTree([source(demo())]);
    const beta = t.roots[0];
    assert.equal(beta.childCount, 3);
    assert.equal(t.roots[2].childCount, 1);
    const first = beta.children;
    assert.equal(beta.children, first, 'memoized');
    assert.equal(first[0].parent, beta);
    assert.equal(first[0].childCount, 0);
  });
});
