import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import type { Task } from '../../src/core/model';

const FULL = `version: 1
project:
  name: Checkout revamp
  key: PAY
  start: 2026-01-05
  defaultBranch: main
  calendar:
    workdays: [mon, tue, wed, thu]
    hoursPerDay: 6
    holidays: [2026-01-19, 2026-02-09..2026-02-11]
  budget: { amount: 120000, currency: USD }
people:
  - id: ana
    name: Ana Souza
    email: [Ana@Example.com, ana@users.example]
    capacity: 0.5
    rate: 95
    off: [2026-02-02, 2026-02-27..2026-03-02]
  - id: bo
    email: BO@example.com
milestones:
  - id: beta
    title: Payments API beta
    due: 2026-02-27
    release: v1.0.0
    health: at-risk
    depends: [PAY-0]
    description: first cut
    tasks:
      - id: PAY-1
        title: Design payment schema
        status: done
        assignee: ana
        estimate: 3d
        start: 2026-01-05
        due: 2026-01-09
        depends: [PAY-0]
        issue: 123
        progress: 40%
        priority: high
        tags: [backend, api]
        description: free text
        spent: 1d 2h
      - id: PAY-2
        title: Two
        estimate: 1w
        issue: acme/shop#7
        progress: 0.25
        spent: 5
      - id: PAY-3
        title: Three
        estimate: 2
backlog:
  - id: PAY-0
    title: Idea
    estimate: 4h
sprints:
  - { id: S1, start: 2026-01-05, end: 2026-01-16, goal: Skeleton, tasks: [PAY-1, PAY-2] }
risks:
  - id: R1
    title: PSP sandbox unstable
    probability: medium
    impact: high
    status: mitigated
    owner: ana
    mitigation: Mock the PSP
    tasks: [PAY-1]
    reviewed: 2026-01-20
`;

describe('parsePlan: the typed plan', () => {
  const parsed = parsePlan(FULL);
  const plan = parsed.plan!;
  const task = (id: string) => plan.byId.get(id) as Task;

  it('parses a full plan without diagnostics', () => {
    assert.deepEqual(parsed.diagnostics, []);
    assert.equal(parsed.syntaxOk, true);
    assert.equal(plan.version, 1);
  });

  it('reads the project with its calendar and budget', () => {
    assert.equal(plan.project.name, 'Checkout revamp');
    assert.equal(plan.project.key, 'PAY');
    assert.equal(plan.project.start, '2026-01-05');
    assert.equal(plan.project.defaultBranch, 'main');
    assert.deepEqual(plan.project.calendar.workdays, [1, 2, 3, 4]);
    assert.equal(plan.project.calendar.hoursPerDay, 6);
    assert.deepEqual(plan.project.calendar.holidays, ['2026-01-19', '2026-02-09', '2026-02-10', '2026-02-11']);
    assert.deepEqual(plan.project.budget, { amount: 120000, currency: 'USD' });
  });

  it('lower-cases emails (string or list) and expands days off across month ends', () => {
    const ana = plan.people[0];
    assert.deepEqual(ana.emails, ['ana@example.com', 'ana@users.example']);
    assert.equal(ana.capacity, 0.5);
    assert.equal(ana.rate, 95);
    assert.deepEqual(ana.off, ['2026-02-02', '2026-02-27', '2026-02-28', '2026-03-01', '2026-03-02']);
    assert.deepEqual(plan.people[1].emails, ['bo@example.com']);
    assert.equal(plan.people[1].capacity, 1, 'capacity defaults to 1');
  });

  it('converts estimates with the plan calendar: d = hoursPerDay, w = workdays x hoursPerDay, bare number = days', () => {
    assert.equal(task('PAY-1').estimateHours, 18);
    assert.equal(task('PAY-1').estimate, '3d');
    assert.equal(task('PAY-2').estimateHours, 24, '1w with 4 workdays of 6 hours');
    assert.equal(task('PAY-3').estimateHours, 12);
    assert.equal(task('PAY-3').estimate, '2');
    assert.equal(task('PAY-0').estimateHours, 4);
  });

  it('reads every task field', () => {
    const t = task('PAY-1');
    assert.equal(t.status, 'done');
    assert.equal(t.assignee, 'ana');
    assert.equal(t.start, '2026-01-05');
    assert.equal(t.due, '2026-01-09');
    assert.deepEqual(t.depends, ['PAY-0']);
    assert.deepEqual(t.issue, { number: 123 });
    assert.equal(t.progress, 0.4);
    assert.equal(t.priority, 'high');
    assert.deepEqual(t.tags, ['backend', 'api']);
    assert.equal(t.description, 'free text');
    assert.equal(t.spent, 8, '1d 2h with 6-hour days');
    assert.equal(t.milestone, 'beta');
    assert.deepEqual(task('PAY-2').issue, { owner: 'acme', repo: 'shop', number: 7 });
    assert.equal(task('PAY-2').progress, 0.25);
    assert.equal(task('PAY-2').spent, 5, 'a bare spent number is hours');
  });

  it('applies defaults: status todo, no milestone for backlog tasks, empty lists', () => {
    const t = task('PAY-3');
    assert.equal(t.status, 'todo');
    assert.deepEqual(t.depends, []);
    assert.deepEqual(t.tags, []);
    assert.equal(task('PAY-0').milestone, undefined);
  });

  it('orders tasks milestones first, then the backlog, and indexes every id', () => {
    assert.deepEqual(plan.tasks.map((t) => [t.id, t.order]), [['PAY-1', 0], ['PAY-2', 1], ['PAY-3', 2], ['PAY-0', 3]]);
    assert.deepEqual(plan.backlog.map((t) => t.id), ['PAY-0']);
    assert.deepEqual([...plan.byId.keys()].sort(), ['PAY-0', 'PAY-1', 'PAY-2', 'PAY-3', 'R1', 'S1', 'ana', 'beta', 'bo'].sort());
  });

  it('reads milestones, sprints and risks', () => {
    const m = plan.milestones[0];
    assert.equal(m.health, 'at-risk');
    assert.equal(m.release, 'v1.0.0');
    assert.equal(m.due, '2026-02-27');
    assert.deepEqual(m.depends, ['PAY-0']);
    assert.equal(m.description, 'first cut');
    assert.deepEqual(plan.sprints[0], { ...plan.sprints[0], id: 'S1', start: '2026-01-05', end: '2026-01-16', goal: 'Skeleton', tasks: ['PAY-1', 'PAY-2'] });
    const r = plan.risks[0];
    assert.equal(r.status, 'mitigated');
    assert.equal(r.owner, 'ana');
    assert.equal(r.reviewed, '2026-01-20');
    assert.deepEqual(r.tasks, ['PAY-1']);
  });

  it('keeps spans: the task mapping and each field value', () => {
    const t = task('PAY-1');
    assert.equal(FULL.slice(t.span.start, t.span.start + 9), 'id: PAY-1');
    assert.equal(FULL.slice(t.fieldSpans.status.start, t.fieldSpans.status.end), 'done');
    assert.equal(FULL.slice(t.fieldSpans.depends.start, t.fieldSpans.depends.end), '[PAY-0]');
    assert.deepEqual(parsed.positionAt(t.fieldSpans.status.start), { line: 32, col: 17 });
    assert.equal(parsed.offsetAt({ line: 32, col: 17 }), t.fieldSpans.status.start);
    const m = plan.milestones[0];
    assert.equal(FULL.slice(m.fieldSpans.due.start, m.fieldSpans.due.end), '2026-02-27');
  });

  it('hashes the content: same text same version, one byte different another', () => {
    assert.equal(parsePlan(FULL).version, parsed.version);
    assert.match(parsed.version, /^[0-9a-f]{16}$/);
    assert.notEqual(parsePlan(FULL.replace('Two', 'Twp')).version, parsed.version);
  });

  it('parses bytes like text, with and without a UTF-8 BOM', () => {
    const bytes = new TextEncoder().encode(FULL);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    assert.equal(parsePlan(bytes).version, parsed.version);
    assert.equal(parsePlan(withBom).text, FULL);
    assert.equal(parsePlan(`\ufeff${FULL}`).text, FULL);
  });

  it('measures spans in the original CRLF text', () => {
    const crlf = FULL.replace(/\n/g, '\r\n');
    const p = parsePlan(crlf);
    assert.deepEqual(p.diagnostics, []);
    const t = p.plan!.byId.get('PAY-1') as Task;
    assert.equal(crlf.slice(t.fieldSpans.status.start, t.fieldSpans.status.end), 'done');
    assert.deepEqual(p.positionAt(t.fieldSpans.status.start), { line: 32, col: 17 });
  });

  it('accepts single values where lists are expected and weekday names in full', () => {
    const p = parsePlan(`version: 1
project:
  name: X
  calendar: { workdays: [Monday, tue], holidays: 2026-01-01 }
milestones:
  - id: m
    title: M
    tasks:
      - { id: A, title: a, depends: m2, tags: solo }
  - id: m2
    title: M2
`);
    assert.deepEqual(p.diagnostics, []);
    assert.deepEqual(p.plan!.project.calendar.workdays, [1, 2]);
    assert.deepEqual(p.plan!.project.calendar.holidays, ['2026-01-01']);
    const a = p.plan!.byId.get('A') as Task;
    assert.deepEqual(a.depends, ['m2']);
    assert.deepEqual(a.tags, ['solo']);
  });

  it('uses the default calendar when none is given', () => {
    const p = parsePlan('version: 1\nproject: {name: X}\nmilestones: [{id: m, title: M, tasks: [{id: A, title: a, estimate: 1w}]}]\n');
    assert.deepEqual(p.plan!.project.calendar, { workdays: [1, 2, 3, 4, 5], hoursPerDay: 8, holidays: [] });
    assert.equal((p.plan!.byId.get('A') as Task).estimateHours, 40);
  });

  it('builds the plan best-effort: an invalid value omits the field and explains', () => {
    const p = parsePlan('version: 1\nproject: {name: X}\nmilestones:\n  - id: m\n    title: M\n    tasks:\n      - id: A\n        title: a\n        due: 2026-02-30\n        estimate: lots\n');
    const a = p.plan!.byId.get('A') as Task;
    assert.equal(a.due, undefined);
    assert.equal(a.estimate, undefined);
    assert.deepEqual(p.diagnostics.map((d) => d.code), ['bad-date', 'bad-duration']);
  });
});
