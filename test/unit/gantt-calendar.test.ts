// The Gantt's drag preview runs on the engine's calendar (src/core/calendar.ts
// through webview/gantt/layout.ts): for a person with a day off, the dates the
// preview shows are the dates the schedule computes once the edit is written.
import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { setTaskField } from '../../src/core/edit';
import { schedulePlan } from '../../src/core/schedule';
import { T, isoToDay, type GanttData } from '../../src/protocol/gantt';
import { buildGanttData } from '../../src/vscode/gantt/data';
import { ChartCalendars, forwardPass, successors } from '../../webview/gantt/layout';
import { planOf } from './planFixture';

// A runs Mon 2 - Tue 3 March; B waits for A; dev is off on Thursday 5 March.
const YAML = `version: 1
project:
  name: Days off
  start: 2026-03-02
people:
  - id: dev
    off: [2026-03-05]
milestones:
  - id: m
    title: M
    tasks:
      - id: A
        title: First
        assignee: dev
        estimate: 2d
      - id: B
        title: Second
        assignee: dev
        estimate: 2d
        depends: [A]
`;
const TODAY = '2026-03-01';

function chart(text: string): GanttData {
  const plan = planOf(text);
  return buildGanttData({ plan, schedule: schedulePlan(plan, undefined, { today: TODAY }), today: TODAY });
}
const row = (d: GanttData, id: string) => d.tasks.find((t) => t[T.id] === id)!;
const dates = (d: GanttData, id: string): [number, number] => [row(d, id)[T.start], row(d, id)[T.finish]];

describe('gantt preview and schedule: one calendar', () => {
  it('sends the people’s days off to the chart', () => {
    const d = chart(YAML);
    assert.deepEqual(d.daysOff, [[isoToDay('2026-03-05')]]);
    // Before the edit the schedule already skips the day off: B runs Wed 4 and Fri 6.
    assert.deepEqual(dates(d, 'B'), [isoToDay('2026-03-04'), isoToDay('2026-03-06')]);
  });

  it('previews a longer task with the dates the schedule then computes', () => {
    const d = chart(YAML);
    const cals = new ChartCalendars(d);
    const a = d.tasks.indexOf(row(d, 'A'));
    const [start] = dates(d, 'A');
    // Drag A's end to make it 3 working days, as the chart does.
    const cal = cals.forPerson(row(d, 'A')[T.assignee]);
    const finish = cal.finishAfter(start, 3);
    const preview = forwardPass(d, successors(d), cals, a, start, finish);
    const b = d.tasks.indexOf(row(d, 'B'));

    const edited = setTaskField(parsePlan(YAML), 'A', 'estimate', '3d');
    assert.ok(edited.ok);
    const after = chart(edited.text);
    assert.deepEqual([start, finish], dates(after, 'A'));
    assert.deepEqual(preview.tasks.get(b), dates(after, 'B'));
    // Thursday is dev's day off: B runs Fri 6 and Mon 9.
    assert.deepEqual(dates(after, 'B'), [isoToDay('2026-03-06'), isoToDay('2026-03-09')]);
  });
});
