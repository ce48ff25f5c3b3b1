import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { computeProgress } from '../../src/core/progress';
import { schedulePlan } from '../../src/core/schedule';
import { G, T, TaskFlag, isoToDay, validateHostMessage } from '../../src/protocol/gantt';
import { buildGanttData, diffGanttData } from '../../src/vscode/gantt/data';
import { forecastPlan } from '../../src/core/forecast/monteCarlo';

const YAML = `version: 1
project:
  name: Checkout revamp
  start: 2026-01-05
  calendar:
    holidays: [2026-01-19]
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
      - id: PAY-2
        title: Build <b>API</b>
        assignee: bo
        estimate: 5d
        depends: [PAY-1]
      - id: PAY-3
        title: Docs
        assignee: ana
        estimate: 1d
backlog:
  - id: PAY-40
    title: Idea
    estimate: 2d
`;

function build(text = YAML) {
  const parsed = parsePlan(text);
  assert.ok(parsed.plan, 'the fixture parses');
  const plan = parsed.plan;
  const progress = computeProgress(plan, undefined);
  const schedule = schedulePlan(plan, progress, { today: '2026-01-07' });
  return { data: buildGanttData({ plan, schedule, progress, today: '2026-01-07' }), schedule };
}

describe('gantt data from a real plan', () => {
  it('puts every task at its scheduled dates, grouped by milestone then backlog', () => {
    const { data, schedule } = build();
    assert.equal(validateHostMessage({ type: 'init', v: 1, rev: 1, data }), undefined);
    assert.deepEqual(data.groups.map((g) => [g[G.id], g[G.title], g[G.due]]), [['beta', 'Payments API beta', isoToDay('2026-01-23')], ['', 'Backlog', -1]]);
    assert.deepEqual(data.tasks.map((t) => t[T.id]), ['PAY-1', 'PAY-2', 'PAY-3', 'PAY-40']);
    for (const t of data.tasks) {
      const s = schedule.tasks.get(t[T.id]);
      assert.ok(s, `${t[T.id]} is scheduled`);
      assert.equal(t[T.start], isoToDay(s.plannedStart), `${t[T.id]} start`);
      assert.equal(t[T.finish], isoToDay(s.plannedFinish), `${t[T.id]} finish`);
      assert.equal((t[T.flags] & TaskFlag.critical) !== 0, s.critical, `${t[T.id]} critical`);
    }
    // PAY-1 (Mon-Wed) then PAY-2 (5 days from Thu): the chain the milestone waits for.
    const [p1, p2] = data.tasks;
    assert.equal(p1[T.start], isoToDay('2026-01-05'));
    assert.equal(p1[T.finish], isoToDay('2026-01-07'));
    assert.equal(p2[T.start], isoToDay('2026-01-08'));
    assert.equal(p2[T.finish], isoToDay('2026-01-14'));
    assert.ok(p1[T.flags] & TaskFlag.critical && p2[T.flags] & TaskFlag.critical);
    assert.deepEqual(p2[T.deps], ['PAY-1']);
    assert.equal(p2[T.title], 'Build <b>API</b>'); // plain text: the webview shows it with textContent
    assert.deepEqual(data.people, [['ana', 'Ana Souza'], ['bo', '']]);
    assert.equal(p2[T.assignee], 1);
    assert.deepEqual(data.calendar, { workdays: [1, 2, 3, 4, 5], holidays: [isoToDay('2026-01-19')] });
  });

  it('sends only the changed rows when an estimate changes', () => {
    const before = build().data;
    const after = build(YAML.replace('estimate: 5d', 'estimate: 6d')).data;
    const msg = diffGanttData(before, after, 4, 5);
    assert.equal(msg.type, 'update');
    if (msg.type !== 'update') return;
    // PAY-2 is longer; PAY-3 and PAY-40 gain a day of float; PAY-1 is unchanged and not sent.
    assert.deepEqual(msg.upsert.map((t) => t[T.id]), ['PAY-2', 'PAY-3', 'PAY-40']);
    assert.equal(msg.upsert[0][T.finish], isoToDay('2026-01-15'));
    assert.equal(msg.upsert[1][T.float], before.tasks[2][T.float] + 1);
    assert.deepEqual(msg.remove, []);
    assert.equal(msg.order, undefined);
    assert.equal(msg.baseRev, 4);
    assert.equal(validateHostMessage(msg, { groups: before.groups.length, people: before.people.length }), undefined);
  });

  it('reports removed tasks and a new order, and falls back to init when milestones change', () => {
    const before = build().data;
    const removed = build(YAML.replace('      - id: PAY-3\n        title: Docs\n        assignee: ana\n        estimate: 1d\n', '')).data;
    const msg = diffGanttData(before, removed, 1, 2);
    assert.equal(msg.type === 'update' && msg.remove.join(), 'PAY-3');
    const renamed = build(YAML.replace('id: beta', 'id: beta2')).data;
    assert.equal(diffGanttData(before, renamed, 1, 2).type, 'init');
    assert.equal(diffGanttData(undefined, before, 0, 1).type, 'init');
  });
});

describe('gantt data: the Monte Carlo band (issue 20)', () => {
  it('carries P50 and P95 per milestone (none for the backlog), in init and update, and the protocol checks them', () => {
    const parsed = parsePlan(YAML);
    const plan = parsed.plan!;
    const progress = computeProgress(plan, undefined);
    const schedule = schedulePlan(plan, progress, { today: '2026-01-07' });
    const forecast = forecastPlan(plan, progress, { today: '2026-01-07', runs: 200 });
    const data = buildGanttData({ plan, schedule, progress, today: '2026-01-07', forecast });
    const beta = forecast.milestones.get('beta')!;
    assert.deepEqual(data.bands, [isoToDay(beta.p50), isoToDay(beta.p95), -1, -1]);
    assert.ok(data.bands![0] <= data.bands![1]);
    assert.equal(validateHostMessage({ type: 'init', v: 1, rev: 1, data }), undefined);
    // Without a forecast: no band at all (the site and older callers).
    assert.equal(buildGanttData({ plan, schedule, progress, today: '2026-01-07' }).bands, undefined);
    // An update keeps the band; the webview applies it.
    const msg = diffGanttData(data, { ...data }, 1, 2);
    assert.equal(msg.type, 'update');
    assert.deepEqual((msg as { bands?: number[] }).bands, data.bands);
    // Refused: a band per group is two days, P50 before P95.
    assert.equal(validateHostMessage({ type: 'init', v: 1, rev: 1, data: { ...data, bands: [1, 2] } }), 'data: bands must be two days per group');
    assert.equal(validateHostMessage({ type: 'init', v: 1, rev: 1, data: { ...data, bands: [9, 2, -1, -1] } }), 'data: a band runs from P50 to a later P95');
    assert.equal(validateHostMessage({ type: 'init', v: 1, rev: 1, data: { ...data, bands: [9, -1, -1, -1] } }), 'data: a band runs from P50 to a later P95');
  });
});
