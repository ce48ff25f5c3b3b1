// Hover/CodeLens text (Markdown escaping of plan data) and the schedule
// problems shown in the Problems panel, on real YAML through the real core.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { computeProgress } from '../../src/core/progress';
import { schedulePlan } from '../../src/core/schedule';
import type { Task } from '../../src/core/model';
import { taskHoverMarkdown, taskLensTitles } from '../../src/vscode/language/hoverText';
import { codeSpan as code, escapeMarkdown } from '../../src/core/text';
import { scheduleProblems } from '../../src/vscode/language/scheduleProblems';
import { typingDelay } from '../../src/vscode/language/pacing';

const LATE = `version: 1
project:
  name: T
  start: 2026-01-05
people:
  - id: ana
    name: Ana
milestones:
  - id: m1
    title: M1
    due: 2026-01-06
    tasks:
      - id: A
        title: Task A
        assignee: ana
        estimate: 5d
        due: 2026-01-07
      - id: B
        title: Task B
        assignee: ana
        estimate: 5d
`;

describe('language: hover and CodeLens text', () => {
  it('escapes Markdown and HTML in plan text', () => {
    assert.equal(escapeMarkdown('[x](javascript:alert(1)) <img src=x> *b* `c`'),
      '\\[x\\]\\(javascript:alert\\(1\\)\\) \\<img src=x\\> \\*b\\* \\`c\\`');
    assert.equal(escapeMarkdown('two\nlines'), 'two lines');
    assert.equal(code('a`b'), '``a`b``');
    assert.equal(code('`x'), '`` `x ``');
  });

  it('renders a task with declared and effective status, assignee, estimate, progress, commits and float', () => {
    const text = `version: 1
project: { name: P }
people:
  - { id: ana, name: "Ana <b>S</b>" }
milestones:
  - id: m1
    title: "Beta [1]"
    tasks:
      - id: T-1
        title: "Fix *everything* <script>"
        status: todo
        assignee: ana
        estimate: 3d
        due: 2026-02-02
        depends: [m0]
  - id: m0
    title: Zero
    tasks: []
`;
    const p = parsePlan(text);
    assert.ok(p.plan);
    const task = p.plan.byId.get('T-1') as Task;
    const md = taskHoverMarkdown(p.plan, task, { effective: 'in-progress', progress: 0.5, commits: 2, float: -1, critical: true });
    assert.equal(md, [
      '**T-1** Fix \\*everything\\* \\<script\\>',
      'Status: `in-progress` from commits (declared `todo`)',
      'Assignee: `ana` (Ana \\<b\\>S\\</b\\>) · Estimate: `3d` · Progress: 50% · 2 commits',
      'Due `2026-02-02` · float -1 workday · **on the critical path**',
      'Milestone: `m1` Beta \\[1\\]',
      'Depends on: `m0`',
    ].join('  \n'));
    const lens = taskLensTitles(task, { effective: 'in-progress', progress: 0.5, commits: 2, float: 0, critical: true });
    assert.deepEqual(lens, {
      status: '$(play-circle) todo → in-progress (from commits)',
      progress: '50% · 2 commits',
      schedule: '$(flame) critical · float 0 workdays',
    });
    assert.deepEqual(taskLensTitles(task, {}), { status: '$(circle-large-outline) todo', progress: undefined, schedule: undefined });
    // Finished work shows no float; an invalid written status is called out, not shown as the default.
    assert.equal(taskLensTitles(task, { effective: 'done', float: 3, critical: true }).schedule, undefined);
    assert.equal(taskLensTitles(task, { effective: 'done' }, true).status, '$(warning) status not valid: set it');
  });
});

describe('language: schedule problems', () => {
  it('reports missed deadlines on the due value and over-allocation on the person id', () => {
    const p = parsePlan(LATE);
    assert.ok(p.plan);
    assert.deepEqual(p.diagnostics, []);
    const schedule = schedulePlan(p.plan, computeProgress(p.plan, undefined), { today: '2026-01-05' });
    const list = scheduleProblems(LATE, p.plan, schedule, (o) => p.positionAt(o), new Set());
    const seen = list.map((d) => `${d.code} ${d.start.line}:${d.start.col}-${d.end.line}:${d.end.col} ${LATE.slice(d.span.start, d.span.end)}`);
    assert.deepEqual(seen, [
      'missed-deadline 17:14-17:24 2026-01-07',
      'missed-deadline 11:10-11:20 2026-01-06',
      'over-allocated 6:9-6:12 ana',
    ]);
    assert.equal(list[0].message, "'A' is forecast to finish 2026-01-09, 2 workdays after its due 2026-01-07.");
    assert.match(list[2].message, /^Ana is over-allocated in 2026-W02 \(week of 2026-01-05\): 80 h scheduled, 40 h available \(A, B\)\.$/);
    assert.deepEqual(scheduleProblems(LATE, p.plan, undefined, (o) => p.positionAt(o), new Set()), []);
  });

  it("leaves out the scheduler's own warnings while the schedule is from an older text (their spans point into it)", () => {
    const cyclic = LATE.replace('        estimate: 5d\n        due: 2026-01-07\n', '        estimate: 5d\n        due: 2026-01-07\n        depends: [B]\n')
      .replace(/(title: Task B\n {8}assignee: ana\n {8}estimate: 5d\n)/, '$1        depends: [A]\n');
    const p = parsePlan(cyclic);
    assert.ok(p.plan);
    const schedule = schedulePlan(p.plan, computeProgress(p.plan, undefined), { today: '2026-01-05' });
    assert.ok(schedule.diagnostics.some((d) => d.code === 'schedule-cycle'), 'the scheduler reports the cycle it broke');
    const same = scheduleProblems(cyclic, p.plan, schedule, (o) => p.positionAt(o), new Set());
    assert.ok(same.some((d) => d.code === 'schedule-cycle'), 'on the text it ran on, it is shown');
    const typed = `# a\n# b\n${cyclic}`;
    const now = parsePlan(typed);
    assert.ok(now.plan);
    const list = scheduleProblems(typed, now.plan, schedule, (o) => now.positionAt(o), new Set(), { scheduleFromOtherText: true });
    assert.deepEqual(list.filter((d) => d.code === 'schedule-cycle'), []);
    assert.deepEqual(list.map((d) => d.code), same.filter((d) => d.code !== 'schedule-cycle').map((d) => d.code), 'the warnings placed from the plan stay');
  });

  it('places the warnings on the current text while the schedule is from an older one', () => {
    const p = parsePlan(LATE);
    assert.ok(p.plan);
    const schedule = schedulePlan(p.plan, computeProgress(p.plan, undefined), { today: '2026-01-05' });
    // The user typed two comment lines at the top; the store has not rescheduled yet.
    const typed = `# a\n# b\n${LATE}`;
    const now = parsePlan(typed);
    assert.ok(now.plan);
    const list = scheduleProblems(typed, now.plan, schedule, (o) => now.positionAt(o), new Set(), { scheduleFromOtherText: true });
    assert.deepEqual(list.map((d) => `${d.code} ${d.start.line}:${d.start.col} ${typed.slice(d.span.start, d.span.end)}`), [
      'missed-deadline 19:14 2026-01-07',
      'missed-deadline 13:10 2026-01-06',
      'over-allocated 8:9 ana',
    ]);
  });

  it('leaves dependency cycles to the validator', () => {
    const text = LATE.replace('        estimate: 5d\n        due: 2026-01-07', '        estimate: 5d\n        depends: [B]').replace(/(id: B\n[^]*estimate: 5d)\n$/, '$1\n        depends: [A]\n');
    const p = parsePlan(text);
    assert.ok(p.plan);
    const codes = new Set(p.diagnostics.map((d) => d.code));
    assert.ok(codes.has('cycle'), `validator reports the cycle: ${[...codes]}`);
    const schedule = schedulePlan(p.plan, computeProgress(p.plan, undefined), { today: '2026-01-05' });
    assert.ok(schedule.diagnostics.some((d) => d.code === 'schedule-cycle'));
    const list = scheduleProblems(text, p.plan, schedule, (o) => p.positionAt(o), codes);
    assert.equal(list.filter((d) => d.code === 'schedule-cycle').length, 0);
  });
});

describe('language: validation pacing', () => {
  it('waits 250 ms after typing, longer on plans that take long to validate, at most 2 s', () => {
    assert.equal(typingDelay(undefined), 250);
    assert.equal(typingDelay(3), 250);
    assert.equal(typingDelay(100), 400);
    assert.equal(typingDelay(5000), 2000);
  });
});
