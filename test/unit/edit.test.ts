import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { addDependency, addTask, applyTextEdits, formatScalar, moveTask, nextTaskId, removeTask, setStatus, setTaskField, type EditResult } from '../../src/core/edit';
import type { Task } from '../../src/core/model';

const BASE = `version: 1
project:
  name: X
  key: PAY
people:
  - id: ana
milestones:
  - id: beta
    title: Beta
    tasks:
      - id: PAY-1
        title: One
        status: todo
      - id: PAY-2
        title: Two
        due:
        depends: [PAY-1]
  - id: ga
    title: GA
    tasks: []
  - id: rc
    title: RC
backlog:
  - { id: PAY-7, title: Seven }
`;

function ok(r: EditResult): Extract<EditResult, { ok: true }> {
  if (!r.ok) assert.fail(`refused: ${r.reason}`);
  return r;
}
function reason(r: EditResult): string {
  assert.equal(r.ok, false, 'expected a refusal');
  return (r as { reason: string }).reason;
}
/** The edit result parses cleanly; returns the new plan's task. */
function reparse(r: Extract<EditResult, { ok: true }>, id: string): Task {
  const p = parsePlan(r.text);
  assert.deepEqual(p.diagnostics.map((d) => d.message), []);
  return p.plan!.byId.get(id) as Task;
}

describe('edit: set fields', () => {
  const p = parsePlan(BASE);

  it('setStatus replaces only the value', () => {
    const r = ok(setStatus(p, 'PAY-1', 'in-progress'));
    assert.equal(r.summary, 'PAY-1: todo -> in-progress');
    assert.deepEqual(r.edits, [{ offset: BASE.indexOf('todo'), length: 4, newText: 'in-progress' }]);
    assert.equal(reparse(r, 'PAY-1').status, 'in-progress');
  });

  it('adds a missing key after its canonical predecessor, with the mapping indentation', () => {
    const r = ok(setStatus(p, 'PAY-2', 'done'));
    assert.ok(r.text.includes('        title: Two\n        status: done\n        due:\n'));
    assert.equal(reparse(r, 'PAY-2').status, 'done');
  });

  it('fills an empty value (`due:`)', () => {
    const r = ok(setTaskField(p, 'PAY-2', 'due', '2026-03-02'));
    assert.ok(r.text.includes('        due: 2026-03-02\n        depends'));
    assert.equal(r.edits[0].length, 0);
  });

  it('adds a key to a flow mapping', () => {
    const r = ok(setTaskField(p, 'PAY-7', 'estimate', '2d'));
    assert.ok(r.text.includes('- { id: PAY-7, title: Seven, estimate: 2d }'));
    assert.equal(reparse(r, 'PAY-7').estimateHours, 16);
  });

  it('removes a key line with null, and refuses to remove a title', () => {
    const r = ok(setTaskField(p, 'PAY-1', 'status', null));
    assert.ok(r.text.includes('        title: One\n      - id: PAY-2'));
    assert.equal(r.summary, 'PAY-1: status removed (was todo)');
    assert.match(reason(setTaskField(p, 'PAY-1', 'title', null)), /needs a title/);
  });

  it('removing the first key of a list entry pulls the next key onto the dash line', () => {
    const q = parsePlan('version: 1\nproject: {name: X}\nmilestones:\n  - id: m\n    title: M\n    tasks:\n      - status: done\n        id: A\n        title: a\n');
    const r = ok(setTaskField(q, 'A', 'status', null));
    assert.ok(r.text.endsWith('    tasks:\n      - id: A\n        title: a\n'));
  });

  it('quotes values only when yaml would misread them, and keeps the existing quote style', () => {
    const r1 = ok(setTaskField(p, 'PAY-1', 'title', 'Fix: the #1 bug'));
    assert.ok(r1.text.includes("title: 'Fix: the #1 bug'"));
    assert.equal(reparse(r1, 'PAY-1').title, 'Fix: the #1 bug');
    const q = parsePlan(BASE.replace('title: One', 'title: "One"'));
    const r2 = ok(setTaskField(q, 'PAY-1', 'title', 'Uno'));
    assert.ok(r2.text.includes('title: "Uno"'));
    const r3 = ok(setTaskField(p, 'PAY-1', 'title', '123'));
    assert.ok(r3.text.includes("title: '123'"));
    assert.equal(reparse(r3, 'PAY-1').title, '123');
  });

  it('progress and assignee', () => {
    const r = ok(setTaskField(p, 'PAY-1', 'progress', '40%'));
    assert.equal(reparse(r, 'PAY-1').progress, 0.4);
    const a = ok(setTaskField(p, 'PAY-1', 'assignee', 'ana'));
    assert.equal(reparse(a, 'PAY-1').assignee, 'ana');
  });

  it('refuses invalid values with the reason', () => {
    assert.equal(reason(setStatus(p, 'PAY-1', 'doen')), "'doen' is not a status; use one of todo, in-progress, review, blocked, done, dropped (did you mean 'done'?).");
    assert.equal(reason(setTaskField(p, 'PAY-1', 'due', '2026-02-30')), "'2026-02-30' is not a date: February 2026 has 28 days.");
    assert.equal(reason(setTaskField(p, 'PAY-1', 'estimate', 'soon')), "'soon' is not a duration: write a number followed by h (hours), d (days) or w (weeks), e.g. 3d or 1d 4h.");
    assert.equal(reason(setTaskField(p, 'PAY-1', 'progress', 140)), '140 is more than 100%.');
    assert.equal(reason(setTaskField(p, 'PAY-1', 'assignee', 'anna')), "There is no person 'anna' in people (did you mean 'ana'?).");
    assert.equal(reason(setTaskField(p, 'PAY-1', 'priority', 'urgent')), "'urgent' is not a priority; use one of low, medium, high, critical.");
  });

  it('refuses unknown tasks, non-tasks, and files that do not parse', () => {
    assert.equal(reason(setStatus(p, 'PAY-3', 'done')), "There is no task 'PAY-3' (did you mean 'PAY-1'?).");
    assert.equal(reason(setStatus(p, 'beta', 'done')), "'beta' is a milestone, not a task.");
    const broken = parsePlan(`${BASE}\tbad: [\n`);
    assert.match(reason(setStatus(broken, 'PAY-1', 'done')), /^project.yml does not parse \(line \d+: .+\); fix it before Waymark edits it\.$/);
  });

  it('an unchanged value is a no-op', () => {
    const r = ok(setStatus(p, 'PAY-1', 'todo'));
    assert.deepEqual(r.edits, []);
    assert.equal(r.text, BASE);
  });
});

describe('edit: add, move, remove tasks', () => {
  const p = parsePlan(BASE);

  it('next id: KEY-<max+1> over all ids', () => {
    assert.equal(nextTaskId(p.plan!), 'PAY-8');
    const q = parsePlan('version: 1\nproject: {name: X}\nmilestones: [{id: m, title: M, tasks: [{id: APP-3, title: a}, {id: APP-9, title: b}]}]\n');
    assert.equal(nextTaskId(q.plan!), 'APP-10', 'without a key: the most common prefix');
  });

  it('adds a block task after the last one, matching indentation', () => {
    const r = ok(addTask(p, 'beta', { title: 'Three', estimate: '1d', assignee: 'ana' }));
    assert.equal((r as { id?: string }).id, 'PAY-8');
    assert.ok(r.text.includes('        depends: [PAY-1]\n      - id: PAY-8\n        title: Three\n        assignee: ana\n        estimate: 1d\n  - id: ga\n'));
    assert.equal(reparse(r, 'PAY-8').milestone, 'beta');
  });

  it('adds into an empty flow list `[]`', () => {
    const r = ok(addTask(p, 'ga', { title: 'G' }));
    assert.ok(r.text.includes('    tasks: [{ id: PAY-8, title: G }]\n'));
    assert.equal(reparse(r, 'PAY-8').milestone, 'ga');
  });

  it('adds a `tasks` key to a milestone that has none', () => {
    const r = ok(addTask(p, 'rc', { title: 'R', id: 'PAY-20' }));
    assert.ok(r.text.includes('  - id: rc\n    title: RC\n    tasks:\n      - id: PAY-20\n        title: R\nbacklog:'));
    assert.equal(reparse(r, 'PAY-20').milestone, 'rc');
  });

  it('adds to the backlog in the style of its entries (flow maps)', () => {
    const r = ok(addTask(p, null, { title: 'Later, maybe' }));
    assert.ok(r.text.endsWith('  - { id: PAY-7, title: Seven }\n  - { id: PAY-8, title: "Later, maybe" }\n'));
    assert.equal(reparse(r, 'PAY-8').title, 'Later, maybe');
  });

  it('creates the backlog when there is none', () => {
    const q = parsePlan('version: 1\nproject: {name: X}\nmilestones: []');
    const r = ok(addTask(q, null, { title: 'A', id: 'A-1' }));
    assert.equal(r.text, 'version: 1\nproject: {name: X}\nmilestones: []\nbacklog:\n  - id: A-1\n    title: A\n');
  });

  it('refuses a duplicate id, an unknown milestone and bad fields', () => {
    assert.equal(reason(addTask(p, 'beta', { title: 'x', id: 'ana' })), "The id 'ana' is already used by a person.");
    assert.equal(reason(addTask(p, 'bta', { title: 'x' })), "There is no milestone 'bta' (did you mean 'beta'?).");
    assert.equal(reason(addTask(p, 'beta', { title: 'x', status: 'later' })), "'later' is not a status; use one of todo, in-progress, review, blocked, done, dropped.");
    assert.equal(reason(addTask(p, 'beta', { title: ' ' })), 'A new task needs a title.');
  });

  it('moves a task with its lines, re-indented for the target', () => {
    const q = parsePlan(BASE.replace('  - id: rc\n    title: RC\n', '  - id: rc\n    title: RC\n    tasks:\n    - id: PAY-9\n      title: Nine\n'));
    const r = ok(moveTask(q, 'PAY-2', 'rc'));
    assert.equal(r.summary, 'PAY-2: beta -> rc');
    assert.ok(r.text.includes('    tasks:\n    - id: PAY-9\n      title: Nine\n    - id: PAY-2\n      title: Two\n      due:\n      depends: [PAY-1]\nbacklog:'));
    assert.ok(r.text.includes('        status: todo\n  - id: ga'));
    assert.equal(reparse(r, 'PAY-2').milestone, 'rc');
  });

  it('moves a flow-map task into a flow list and refuses a no-op move', () => {
    const r = ok(moveTask(p, 'PAY-7', 'ga'));
    assert.ok(r.text.includes('    tasks: [{ id: PAY-7, title: Seven }]\n'));
    assert.equal(reparse(r, 'PAY-7').milestone, 'ga');
    assert.equal(reason(moveTask(p, 'PAY-1', 'beta')), "PAY-1 is already in milestone 'beta'.");
  });

  it('warns when a move closes a dependency cycle through the target milestone', () => {
    const q = parsePlan(BASE.replace('    title: GA\n', '    title: GA\n    depends: [beta]\n'));
    const r = ok(moveTask(q, 'PAY-1', 'ga'));
    assert.deepEqual(r.warnings, ['Moving PAY-1 into ga makes a dependency cycle: PAY-1 -> beta -> PAY-2 -> PAY-1.']);
    assert.ok(r.text.includes('    depends: [beta]\n    tasks:\n      - id: PAY-1\n        title: One\n        status: todo\n  - id: rc\n'), 'an empty [] became a block list');
    assert.equal(parsePlan(r.text).diagnostics[0].code, 'cycle');
  });

  it('into a flow-style milestone: a flow task goes in a flow list, a block task is refused', () => {
    const q = parsePlan(BASE.replace('  - id: rc\n    title: RC\n', '  - { id: rc, title: RC }\n'));
    const r = ok(addTask(q, 'rc', { title: 'R' }));
    assert.ok(r.text.includes('  - { id: rc, title: RC, tasks: [{ id: PAY-8, title: R }] }\n'));
    assert.equal(reparse(r, 'PAY-8').milestone, 'rc');
    const m = ok(moveTask(q, 'PAY-7', 'rc'));
    assert.ok(m.text.includes('  - { id: rc, title: RC, tasks: [{ id: PAY-7, title: Seven }] }\n'));
    assert.equal(reason(moveTask(q, 'PAY-1', 'rc')), "Milestone 'rc' is written in flow style { ... }; a multi-line task cannot go there. Move it by hand.");
  });

  it('refuses to edit a task whose id is duplicated', () => {
    const q = parsePlan(BASE.replace('id: PAY-2', 'id: PAY-1'));
    assert.equal(reason(setStatus(q, 'PAY-1', 'done')), "The id 'PAY-1' is used by 2 tasks; make it unique first.");
  });

  it('removes a task and warns about who still refers to it', () => {
    const r = ok(removeTask(p, 'PAY-1'));
    assert.deepEqual(r.warnings, ['PAY-2 still refers to PAY-1; those references are now unknown.']);
    assert.ok(r.text.includes('    tasks:\n      - id: PAY-2\n'));
    const r2 = ok(removeTask(p, 'PAY-2'));
    assert.deepEqual(r2.warnings, []);
  });

  it('names the referring tasks before the milestones, as Remove Task’s confirmation does', () => {
    const q = parsePlan(BASE.replace('  - id: rc\n    title: RC\n', '  - id: rc\n    title: RC\n    depends: [PAY-1]\n'));
    assert.deepEqual(ok(removeTask(q, 'PAY-1')).warnings, ['PAY-2, rc still refer to PAY-1; those references are now unknown.']);
  });
});

describe('edit: dependencies', () => {
  const p = parsePlan(BASE);

  it('appends to a flow list', () => {
    const r = ok(addDependency(p, 'PAY-2', 'PAY-7'));
    assert.ok(r.text.includes('depends: [PAY-1, PAY-7]'));
    assert.deepEqual(reparse(r, 'PAY-2').depends, ['PAY-1', 'PAY-7']);
  });

  it('appends to a block list', () => {
    const q = parsePlan(BASE.replace('        depends: [PAY-1]\n', '        depends:\n          - PAY-1   # first\n'));
    const r = ok(addDependency(q, 'PAY-2', 'ga'));
    assert.ok(r.text.includes('        depends:\n          - PAY-1   # first\n          - ga\n'));
  });

  it('adds the key, or turns a single value into a list', () => {
    const r = ok(addDependency(p, 'PAY-1', 'PAY-7'));
    assert.ok(r.text.includes('        status: todo\n        depends: [PAY-7]\n'));
    const q = parsePlan(BASE.replace('depends: [PAY-1]', 'depends: PAY-1'));
    const r2 = ok(addDependency(q, 'PAY-2', 'PAY-7'));
    assert.ok(r2.text.includes('depends: [PAY-1, PAY-7]'));
  });

  it('refuses self, unknown targets and cycles, naming the cycle', () => {
    assert.equal(reason(addDependency(p, 'PAY-1', 'PAY-1')), 'PAY-1 cannot depend on itself.');
    assert.equal(reason(addDependency(p, 'PAY-1', 'PAY-22')), "There is no task or milestone 'PAY-22' (did you mean 'PAY-2'?).");
    assert.equal(reason(addDependency(p, 'PAY-1', 'PAY-2')), 'That would make a cycle: PAY-1 -> PAY-2 -> PAY-1.');
  });
});

describe('edit: helpers', () => {
  it('formatScalar', () => {
    assert.equal(formatScalar('plain words'), 'plain words');
    assert.equal(formatScalar('2026-01-05'), '2026-01-05');
    assert.equal(formatScalar('40%'), '40%');
    assert.equal(formatScalar('true'), "'true'");
    assert.equal(formatScalar('- dash'), "'- dash'");
    assert.equal(formatScalar("it's: odd"), '"it\'s: odd"');
    assert.equal(formatScalar('two\nlines'), '"two\\nlines"');
    assert.equal(formatScalar('a, b', { flow: true }), "'a, b'");
    assert.equal(formatScalar(3), '3');
  });

  it('applyTextEdits applies in any order and rejects overlaps', () => {
    assert.equal(applyTextEdits('abcdef', [{ offset: 4, length: 1, newText: 'E' }, { offset: 0, length: 1, newText: 'A' }]), 'AbcdEf');
    assert.throws(() => applyTextEdits('abcdef', [{ offset: 0, length: 3, newText: '' }, { offset: 2, length: 1, newText: '' }]), /overlapping/);
  });
});
