// Pure helpers behind the editor actions (src/vscode/actions/naming.ts) and
// the tree model over a parsed project.yml: branch names for Start Work, the
// task of a branch, next ids, input validation; and the core's dependentsOf.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import {
  branchNameFor, closingWordSuggestions, dateInputProblem, dateOrderProblem, estimateProblem,
  slugify, taskIdFromBranch,
} from '../../src/vscode/actions/naming';
import { dependentsOf } from '../../src/core/dependencies';
import { buildMyTasks, buildPlanTree, taskKey } from '../../src/vscode/tree/model';
import { chainEdits, spanDiff } from '../../src/vscode/actions/chain';
import { commitCompletions } from '../../src/vscode/scmItems';
import { applyTextEdits, setStatus } from '../../src/core/edit';
import { planOf } from './planFixture';

const YAML = `version: 1
project:
  name: Checkout revamp
  key: PAY
  calendar: { workdays: [mon, tue, wed, thu], hoursPerDay: 6 }
people:
  - id: ana
    email: [Ana@Example.com]
milestones:
  - id: beta
    title: Payments API beta
    depends: [PAY-9]
    tasks:
      - id: PAY-1
        title: Design payment schema
        assignee: ana
      - id: PAY-12
        title: "Crème brûlée: the --force <option>!"
        depends: [PAY-1]
      - id: PAY-123
        title: Other
        depends: [PAY-1, PAY-12]
backlog:
  - id: PAY-9
    title: Idea
  - id: pay-x
    title: odd id
sprints:
  - { id: S1, start: 2026-01-05, end: 2026-01-16, tasks: [PAY-1] }
risks:
  - { id: R1, title: PSP, probability: low, impact: low, tasks: [PAY-1] }
`;

describe('actions: branch names', () => {
  it('slugifies titles to ASCII words', () => {
    assert.equal(slugify('Crème brûlée: the --force <option>!'), 'creme-brulee-the-force-option');
    assert.equal(slugify('a'.repeat(60)), 'a'.repeat(48));
    assert.equal(slugify('one two three four five six seven eight nine ten eleven', 20), 'one-two-three-four');
    assert.equal(slugify('¿¡!?'), '');
  });

  it('fills the default template', () => {
    const t = planOf(YAML).byId.get('PAY-12');
    assert.ok(t && t.kind === 'task');
    assert.deepEqual(branchNameFor('${id}-${slug}', t), { name: 'PAY-12-creme-brulee-the-force-option' });
    assert.deepEqual(branchNameFor('', t), { name: 'PAY-12-creme-brulee-the-force-option' });
  });

  it('fills ${assignee} and keeps folders', () => {
    assert.deepEqual(branchNameFor('${assignee}/${id}', { id: 'PAY-1', title: 'x', assignee: 'ana' }), { name: 'ana/PAY-1' });
    assert.deepEqual(branchNameFor('${assignee}/${id}', { id: 'PAY-1', title: 'x' }), { name: 'unassigned/PAY-1' });
  });

  it('never yields an option or an odd ref, whatever the template says', () => {
    const task = { id: 'PAY-1', title: '--upload-pack=evil', assignee: undefined };
    assert.deepEqual(branchNameFor('--${slug}', task), { name: 'upload-pack-evil' });
    assert.deepEqual(branchNameFor('-c core.x=1 ${id}', task), { name: 'c-core.x-1-PAY-1' });
    assert.deepEqual(branchNameFor('${id}..main', task), { name: 'PAY-1.main' });
    assert.deepEqual(branchNameFor('x/${id}.lock', task), { name: 'x/PAY-1-lock' });
    assert.deepEqual(branchNameFor('a//.b/${id}/', task), { name: 'a/b/PAY-1' });
    assert.deepEqual(branchNameFor('$(rm -rf ~)', { id: 'X', title: '' }), { name: 'rm-rf' });
    const bad = branchNameFor('---', task);
    assert.ok('problem' in bad);
    assert.equal(bad.problem, "the branch template '---' gives '', which is not a valid branch name");
  });
});

describe('actions: task of a branch', () => {
  const ids = ['PAY-1', 'PAY-12', 'PAY-123', 'pay-x'];
  it('finds the id at a segment start followed by a separator', () => {
    assert.equal(taskIdFromBranch('PAY-12-creme-brulee', ids), 'PAY-12');
    assert.equal(taskIdFromBranch('feature/pay-12_login', ids), 'PAY-12');
    assert.equal(taskIdFromBranch('ana/PAY-123', ids), 'PAY-123');
    assert.equal(taskIdFromBranch('PAY-1', ids), 'PAY-1');
    assert.equal(taskIdFromBranch('PAY-x.tidy', ids), 'pay-x');
  });
  it('ignores ids inside longer tokens and branches without one', () => {
    assert.equal(taskIdFromBranch('PAY-1234-x', ids), undefined);
    assert.equal(taskIdFromBranch('xPAY-12', ids), undefined);
    assert.equal(taskIdFromBranch('main', ids), undefined);
    assert.equal(taskIdFromBranch(undefined, ids), undefined);
  });
});

describe('actions: validation, dependents', () => {
  it('validates estimates with the plan calendar', () => {
    const p = planOf(YAML);
    assert.equal(estimateProblem('3d', p), undefined);
    assert.equal(estimateProblem('1d 4h', p), undefined);
    assert.equal(estimateProblem('', p), undefined);
    assert.equal(estimateProblem('0h', p), 'an estimate must be more than zero');
    assert.equal(estimateProblem('3 days', p), 'write a number followed by h (hours), d (days) or w (weeks), e.g. 3d or 1d 4h');
  });

  it('validates dates and their order', () => {
    assert.equal(dateInputProblem('2026-02-28'), undefined);
    assert.equal(dateInputProblem(' '), undefined);
    assert.equal(dateInputProblem('2026-02-30'), "'2026-02-30' is not a date: February 2026 has 28 days");
    assert.equal(dateInputProblem('28.02.2026'), "'28.02.2026' is not a date: dates are written YYYY-MM-DD");
    assert.equal(dateOrderProblem('2026-03-01', '2026-02-01'), 'the start 2026-03-01 is after the due date 2026-02-01');
    assert.equal(dateOrderProblem('2026-01-01', '2026-02-01'), undefined);
    assert.equal(dateOrderProblem(undefined, '2026-02-01'), undefined);
  });

  it('lists what refers to a task', () => {
    const p = planOf(YAML);
    assert.deepEqual(dependentsOf(p, 'PAY-1'), ['PAY-12', 'PAY-123', 'R1', 'S1']);
    assert.deepEqual(dependentsOf(p, 'PAY-9'), ['beta']);
    assert.deepEqual(dependentsOf(p, 'PAY-123'), []);
  });

  it('offers each closing word once, lower-case', () => {
    assert.deepEqual(closingWordSuggestions(['Fixes', 'fixes', 'closes', 'bad word', '']), ['fixes', 'closes']);
  });
});

describe('tree model over a parsed project.yml', () => {
  it('builds the Plan view and My Tasks from parser output', () => {
    const p = planOf(YAML);
    const source = { key: 'k', folderName: 'ws', plan: p };
    const t = buildPlanTree([source]);
    assert.deepEqual(t.roots.map((r) => r.label), ['Payments API beta', 'Backlog', 'Risks']);
    const n = t.tasks.get(taskKey('k', 'PAY-12'));
    assert.equal(n?.label, 'PAY-12 Crème brûlée: the --force <option>!');
    assert.match(n?.tooltip ?? '', /Crème brûlée: the --force \\<option\\>\\!/);
    assert.equal(t.tasks.get(taskKey('k', 'PAY-1'))?.description, 'ana');
    const mine = buildMyTasks([{ source, email: 'ana@example.com' }]);
    assert.deepEqual(mine.roots.map((r) => r.taskId), ['PAY-1']);
  });
});

describe('actions: several edits as one', () => {
  it('spanDiff keeps the common prefix and suffix', () => {
    assert.deepEqual(spanDiff('abcXYdef', 'abcZdef'), { offset: 3, length: 2, newText: 'Z' });
    assert.deepEqual(spanDiff('aaa', 'aaaa'), { offset: 3, length: 0, newText: 'a' });
    assert.equal(spanDiff('same', 'same'), undefined);
  });

  it('chains status edits on two tasks into one replacement that changes exactly two lines', () => {
    const parsed = parsePlan(YAML);
    const r = chainEdits(parsed, [(p) => setStatus(p, 'PAY-1', 'done'), (p) => setStatus(p, 'PAY-123', 'review')]);
    assert.ok(r.ok, r.ok ? '' : r.reason);
    assert.equal(r.edits.length, 1);
    const after = applyTextEdits(YAML, r.edits);
    assert.equal(after, r.text);
    const a = YAML.split('\n');
    const b = after.split('\n');
    assert.equal(b.length, a.length + 2);
    assert.deepEqual(b.filter((l) => !a.includes(l)), ['        status: done', '        status: review']);
    const reparsed = parsePlan(after).plan!;
    assert.equal((reparsed.byId.get('PAY-1') as { status: string }).status, 'done');
    assert.equal((reparsed.byId.get('PAY-123') as { status: string }).status, 'review');
    assert.equal(r.summary.split('; ').length, 2);
  });

  it('stops at the first refused step and writes nothing', () => {
    const r = chainEdits(parsePlan(YAML), [(p) => setStatus(p, 'PAY-1', 'done'), (p) => setStatus(p, 'NOPE-1', 'done')]);
    assert.equal(r.ok, false);
  });
});

describe('commit-message completion items', () => {
  it('offers the current branch task first, then open work, closed last, then closing words', () => {
    const p = planOf(YAML.replace('        assignee: ana\n', '        assignee: ana\n        status: done\n'));
    const effective = (id: string) => (id === 'PAY-123' ? 'in-progress' as const : undefined);
    const items = commitCompletions([{ plan: p, effective }], 'PAY-12', ['fixes', 'Closes', 'closes']);
    const sorted = [...items].sort((a, b) => (a.sortText < b.sortText ? -1 : 1)).map((i) => i.label);
    assert.deepEqual(sorted, ['PAY-12', 'PAY-123', 'PAY-9', 'pay-x', 'closes', 'fixes', 'PAY-1']);
    const current = items.find((i) => i.label === 'PAY-12')!;
    assert.equal(current.detail, 'current branch · todo');
    assert.equal(current.description, 'Crème brûlée: the --force <option>!');
    assert.equal(items.find((i) => i.label === 'PAY-1')!.detail, 'done · ana');
    assert.equal(items.find((i) => i.label === 'fixes')!.kind, 'closing-word');
  });
});
