// The board's data (from a real plan and a real git history), its protocol
// guards, and the edits a card move makes to project.yml.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { analyzePlan } from '../../src/core/analyze';
import { applyTextEdits } from '../../src/core/edit';
import { scanHistory } from '../../src/core/git/history';
import { C, CardFlag, DueWarn, STATUSES, validateHostMessage, validateWebviewMessage } from '../../src/protocol/board';
import { boardEdit, buildBoardData } from '../../src/vscode/board/data';
import { TestRepo } from './gitRepoFixture';

const YAML = `version: 1
project:
  name: Checkout revamp
  start: 2026-01-05
people:
  - id: ana
    name: Ana Souza
    email: ana@example.com
  - id: bo
    email: bo@example.com
milestones:
  - id: beta
    title: Payments API beta
    due: 2026-01-23
    tasks:
      - id: PAY-1
        title: Design payment schema
        assignee: ana
        estimate: 3d
        priority: high
      - id: PAY-2
        title: Build <b>API</b>
        assignee: bo
        estimate: 5d
        depends: [PAY-1]
        due: 2026-01-06
        tags: [api]
      - id: PAY-3
        title: Docs
        estimate: 1d
        status: dropped
  - id: ga
    title: General availability
    tasks:
      - id: PAY-9
        title: Launch
        estimate: 1d
backlog:
  - id: PAY-40
    title: Idea
    estimate: 2d
sprints:
  - id: s1
    start: 2026-01-05
    end: 2026-01-16
    goal: Schema and API
    tasks: [PAY-1, PAY-2]
`;

const moved = (text: string, op: Parameters<typeof boardEdit>[1]): string => {
  const r = boardEdit(parsePlan(text), op);
  assert.ok(r.ok, r.ok ? '' : r.reason);
  assert.equal(applyTextEdits(text, r.edits), r.text, 'the edits produce the text');
  return r.text;
};

/** The lines of `after` that differ from `before` (same line count expected). */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'no line was added or removed');
  return b.filter((line, i) => line !== a[i]);
}

describe('board data from a real plan and history', function () {
  this.timeout(30_000);
  let repo: TestRepo;
  before(() => {
    repo = TestRepo.create();
    repo.commit('Schema done, closes PAY-1', { date: '2026-01-06T09:00:00Z' });
  });
  after(() => repo.remove());

  it('builds one card per task with the facts a card shows, and the host message passes its guard', async () => {
    const parsed = parsePlan(YAML);
    const plan = parsed.plan!;
    const history = await scanHistory(repo.dir, plan);
    const analysis = analyzePlan(plan, history, { today: '2026-01-07' });
    const data = buildBoardData({ plan, analysis, today: '2026-01-07', file: 'file:///w/project.yml', folder: 'w', me: 'ana', note: '', editable: true });
    assert.equal(validateHostMessage({ type: 'init', v: 1, rev: 1, data }), undefined);
    assert.deepEqual(data.cards.map((c) => c[C.id]), ['PAY-1', 'PAY-2', 'PAY-3', 'PAY-9', 'PAY-40']);
    const [p1, p2, p3, , p40] = data.cards;
    // PAY-1 is declared todo; its closing commit says done.
    assert.equal(STATUSES[p1[C.status]], 'todo');
    assert.equal(STATUSES[p1[C.effective]], 'done');
    assert.equal(p1[C.commits], 1);
    assert.equal(p1[C.priority], 3);
    assert.equal(data.people[p1[C.assignee]][0], 'ana');
    assert.equal(p1[C.estimate], '3d');
    assert.deepEqual(p1[C.sprints].map((i) => data.sprints[i][0]), ['s1']);
    // PAY-2 was due yesterday and is open: overdue. It waits for PAY-1, so it is on the critical path.
    assert.equal(p2[C.dueWarn], DueWarn.overdue);
    assert.equal(p2[C.title], 'Build <b>API</b>', 'plan text is carried as text');
    assert.deepEqual(p2[C.tags], ['api']);
    assert.equal(p2[C.flags] & CardFlag.critical, CardFlag.critical);
    assert.equal(STATUSES[p3[C.status]], 'dropped');
    assert.equal(p40[C.milestone], -1, 'backlog');
    assert.equal(data.me, 'ana');
  });
});

describe('board moves: minimal edits of project.yml', () => {
  it('changes a status by exactly one line', () => {
    const after = moved(YAML, { task: 'PAY-2', status: 'in-progress' });
    const a = YAML.split('\n');
    const b = after.split('\n');
    assert.equal(b.length, a.length + 1, 'one line inserted');
    const at = b.findIndex((line, i) => line !== a[i]);
    assert.equal(b[at], '        status: in-progress');
    assert.deepEqual([...b.slice(0, at), ...b.slice(at + 1)], a, 'nothing else changed');
    assert.ok(after.indexOf('status: in-progress') > after.indexOf('id: PAY-2') && after.indexOf('status: in-progress') < after.indexOf('id: PAY-3'));
  });

  it('replaces an existing status in place', () => {
    assert.deepEqual(changedLines(YAML, moved(YAML, { task: 'PAY-3', status: 'todo' })), ['        status: todo']);
  });

  it('assigns and unassigns', () => {
    assert.deepEqual(changedLines(YAML, moved(YAML, { task: 'PAY-2', assignee: 'ana' })), ['        assignee: ana']);
    const unassigned = moved(YAML, { task: 'PAY-2', assignee: '' });
    assert.equal(unassigned.split('\n').length, YAML.split('\n').length - 1);
    assert.doesNotMatch(unassigned.slice(unassigned.indexOf('id: PAY-2'), unassigned.indexOf('id: PAY-3')), /assignee/);
  });

  it('moves to another milestone and changes the status in ONE edit (one undo step)', () => {
    const r = boardEdit(parsePlan(YAML), { task: 'PAY-1', milestone: 'ga', status: 'review' });
    assert.ok(r.ok);
    assert.equal(r.edits.length, 1);
    const plan = parsePlan(r.text).plan!;
    const t = plan.byId.get('PAY-1');
    assert.ok(t && t.kind === 'task');
    assert.equal(t.milestone, 'ga');
    assert.equal(t.status, 'review');
  });

  it('refuses with a reason: unknown task, unknown milestone, unparsable file', () => {
    const unknown = boardEdit(parsePlan(YAML), { task: 'NOPE-1', status: 'done' });
    assert.equal(unknown.ok, false);
    assert.match(unknown.ok ? '' : unknown.reason, /no task NOPE-1/);
    const ms = boardEdit(parsePlan(YAML), { task: 'PAY-1', milestone: 'nowhere' });
    assert.match(ms.ok ? '' : ms.reason, /no milestone nowhere/);
    const broken = boardEdit(parsePlan(`${YAML}\n  bad: [\n`), { task: 'PAY-1', status: 'done' });
    assert.equal(broken.ok, false);
  });

  it('changes nothing when the card goes back where it is', () => {
    const r = boardEdit(parsePlan(YAML), { task: 'PAY-1', status: 'todo', milestone: 'beta' });
    assert.ok(r.ok);
    assert.equal(r.edits.length, 0);
  });
});

describe('board protocol guards', () => {
  it('accepts well-formed webview messages and refuses the rest with a reason', () => {
    assert.equal(validateWebviewMessage({ type: 'ready', v: 1 }), undefined);
    assert.equal(validateWebviewMessage({ type: 'move', reqId: 1, task: 'PAY-1', status: 'done' }), undefined);
    assert.equal(validateWebviewMessage({ type: 'move', reqId: 1, task: 'PAY-1', milestone: '' }), undefined);
    assert.match(validateWebviewMessage({ type: 'move', reqId: 1, task: 'PAY-1' }) ?? '', /nothing to change/);
    assert.match(validateWebviewMessage({ type: 'move', reqId: 1, task: 'PAY-1', status: 'finished' }) ?? '', /bad status/);
    assert.match(validateWebviewMessage({ type: 'move', reqId: 1, task: '--upload-pack=x', status: 'done' }) ?? '', /bad task id/);
    assert.match(validateWebviewMessage({ type: 'move', reqId: 1, task: 'PAY-1', status: 'done', extra: 1 }) ?? '', /unknown field/);
    assert.match(validateWebviewMessage({ type: 'ready', v: 2 }) ?? '', /protocol/);
    assert.match(validateWebviewMessage({ type: 'eval' }) ?? '', /unknown message type/);
    assert.match(validateWebviewMessage({ type: 'state', state: { lanes: 'diagonal' } }) ?? '', /unknown field|bad/);
  });

  it('refuses host data whose indexes point nowhere', () => {
    const data = { file: '', folder: '', name: '', today: 20000, people: [], milestones: [], sprints: [], me: '', note: '', editable: true,
      cards: [['A', 't', 0, -1, 0, 0, '', 0, 0, 0, -1, 0, 0, [], []]] };
    assert.match(validateHostMessage({ type: 'init', v: 1, rev: 1, data }) ?? '', /milestone out of range/);
  });
});
