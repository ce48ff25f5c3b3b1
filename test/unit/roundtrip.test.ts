// Every edit kind on a heavily commented file, LF and CRLF: each edit removes
// and inserts exactly the expected text, so every other byte is unchanged.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan, type ParsedPlan } from '../../src/core/parse';
import { addDependency, addTask, moveTask, removeTask, setStatus, setTaskField, type EditResult } from '../../src/core/edit';
import type { Task } from '../../src/core/model';

// mocha runs from the repository root (npm scripts, .mocharc.json).
const LF = readFileSync(join(process.cwd(), 'test', 'fixtures', 'plan', 'commented.yml'), 'utf8');

interface Case {
  name: string;
  run(p: ParsedPlan): EditResult;
  /** Each edit as [removed text, inserted text], in file order, written with \n. */
  edits: [string, string][];
  check(t: (id: string) => Task | undefined): void;
}

const CASES: Case[] = [
  { name: 'set status', run: (p) => setStatus(p, 'PAY-2', 'done'), edits: [['in-progress', 'done']], check: (t) => assert.equal(t('PAY-2')!.status, 'done') },
  { name: 'set status in a flow mapping', run: (p) => setStatus(p, 'PAY-3', 'review'), edits: [['', ', status: review']], check: (t) => assert.equal(t('PAY-3')!.status, 'review') },
  { name: 'set estimate', run: (p) => setTaskField(p, 'PAY-1', 'estimate', '4d'), edits: [['3d', '4d']], check: (t) => assert.equal(t('PAY-1')!.estimateHours, 32) },
  { name: 'add a due date', run: (p) => setTaskField(p, 'PAY-1', 'due', '2026-01-09'), edits: [['', '        due: 2026-01-09\n']], check: (t) => assert.equal(t('PAY-1')!.due, '2026-01-09') },
  { name: 'set a double-quoted title', run: (p) => setTaskField(p, 'PAY-2', 'title', 'Build it'), edits: [['"Implement the API"', '"Build it"']], check: (t) => assert.equal(t('PAY-2')!.title, 'Build it') },
  { name: 'set progress', run: (p) => setTaskField(p, 'PAY-4', 'progress', '25%'), edits: [['', '        progress: 25%\n']], check: (t) => assert.equal(t('PAY-4')!.progress, 0.25) },
  { name: 'set assignee', run: (p) => setTaskField(p, 'PAY-1', 'assignee', 'bo'), edits: [['ana', 'bo']], check: (t) => assert.equal(t('PAY-1')!.assignee, 'bo') },
  { name: 'set priority', run: (p) => setTaskField(p, 'PAY-40', 'priority', 'low'), edits: [['', '    priority: low\n']], check: (t) => assert.equal(t('PAY-40')!.priority, 'low') },
  { name: 'set start', run: (p) => setTaskField(p, 'PAY-4', 'start', '2026-03-02'), edits: [['', '        start: 2026-03-02\n']], check: (t) => assert.equal(t('PAY-4')!.start, '2026-03-02') },
  {
    name: 'remove a block-scalar description', run: (p) => setTaskField(p, 'PAY-2', 'description', null),
    edits: [['        description: |\n          Multi-line\n          text here.\n', '']], check: (t) => assert.equal(t('PAY-2')!.description, undefined),
  },
  {
    name: 'add a task to a milestone', run: (p) => addTask(p, 'ga', { title: 'Rollout plan', estimate: '2d' }),
    edits: [['', '      - id: PAY-41\n        title: Rollout plan\n        estimate: 2d\n']], check: (t) => assert.equal(t('PAY-41')!.milestone, 'ga'),
  },
  {
    name: 'add a task to the backlog', run: (p) => addTask(p, null, { title: 'Someday' }),
    edits: [['', '  - id: PAY-41\n    title: Someday\n']], check: (t) => assert.equal(t('PAY-41')!.milestone, undefined),
  },
  {
    name: 'move a block task (with its comments) to the backlog, re-indented', run: (p) => moveTask(p, 'PAY-1', null),
    edits: [
      ['      # schema first\n      - id: PAY-1\n        title: Design payment schema   # agreed in standup\n        status: done\n        assignee: ana\n        estimate: 3d\n', ''],
      ['', '  # schema first\n  - id: PAY-1\n    title: Design payment schema   # agreed in standup\n    status: done\n    assignee: ana\n    estimate: 3d\n'],
    ],
    check: (t) => assert.equal(t('PAY-1')!.milestone, undefined),
  },
  {
    name: 'move a block task to another milestone', run: (p) => moveTask(p, 'PAY-4', 'beta'),
    edits: [
      ['', '      - id: PAY-4\n        title: Load test\n        depends:\n          - PAY-2   # needs the API\n'],
      ['      - id: PAY-4\n        title: Load test\n        depends:\n          - PAY-2   # needs the API\n', ''],
    ],
    check: (t) => assert.equal(t('PAY-4')!.milestone, 'beta'),
  },
  {
    name: 'move a flow-map task to the backlog', run: (p) => moveTask(p, 'PAY-3', null),
    edits: [['      - { id: PAY-3, title: Flow style task, depends: [PAY-2] }\n', ''], ['', '  - { id: PAY-3, title: Flow style task, depends: [PAY-2] }\n']],
    check: (t) => assert.equal(t('PAY-3')!.milestone, undefined),
  },
  {
    name: 'remove a task', run: (p) => removeTask(p, 'PAY-4'),
    edits: [['      - id: PAY-4\n        title: Load test\n        depends:\n          - PAY-2   # needs the API\n', '']], check: (t) => assert.equal(t('PAY-4'), undefined),
  },
  { name: 'add a dependency to a block list', run: (p) => addDependency(p, 'PAY-4', 'PAY-1'), edits: [['', '          - PAY-1\n']], check: (t) => assert.deepEqual(t('PAY-4')!.depends, ['PAY-2', 'PAY-1']) },
  { name: 'add a dependency to a flow list', run: (p) => addDependency(p, 'PAY-2', 'PAY-40'), edits: [['', ', PAY-40']], check: (t) => assert.deepEqual(t('PAY-2')!.depends, ['PAY-1', 'PAY-40']) },
  { name: 'add a depends key', run: (p) => addDependency(p, 'PAY-1', 'PAY-40'), edits: [['', '        depends: [PAY-40]\n']], check: (t) => assert.deepEqual(t('PAY-1')!.depends, ['PAY-40']) },
];

for (const [variant, eol] of [['LF', '\n'], ['CRLF', '\r\n']] as const) {
  const text = LF.replace(/\n/g, eol);
  const base = parsePlan(text);
  describe(`round trip on a commented file (${variant})`, () => {
    it('the fixture parses cleanly', () => {
      assert.deepEqual(base.diagnostics, []);
    });
    for (const c of CASES) {
      it(c.name, () => {
        const r = c.run(base);
        if (!r.ok) assert.fail(r.reason);
        const sorted = [...r.edits].sort((a, b) => a.offset - b.offset);
        assert.deepEqual(
          sorted.map((e) => [text.slice(e.offset, e.offset + e.length), e.newText]),
          c.edits.map(([rm, add]) => [rm.replace(/\n/g, eol), add.replace(/\n/g, eol)]),
        );
        // Outside the edits, the bytes are the original ones, in order.
        let pos = 0;
        let out = 0;
        for (const e of sorted) {
          const keep = text.slice(pos, e.offset);
          assert.equal(r.text.slice(out, out + keep.length), keep);
          out += keep.length + e.newText.length;
          pos = e.offset + e.length;
        }
        assert.equal(r.text.slice(out), text.slice(pos));
        if (eol === '\r\n') assert.equal(/(^|[^\r])\n/.test(r.text), false, 'a bare LF crept into a CRLF file');
        // Every comment survives, even on an edited line, unless its whole line was removed.
        const removed = sorted.map((e) => text.slice(e.offset, e.offset + e.length)).join('');
        for (const line of text.split(eol)) {
          const comment = line.includes('#') ? line.slice(line.indexOf('#')) : '';
          if (comment && !removed.includes(line)) assert.ok(r.text.includes(comment), `lost: ${comment}`);
        }
        const after = parsePlan(r.text);
        assert.deepEqual(after.diagnostics.filter((d) => d.severity === 'error' && d.code !== 'unknown-ref'), []);
        c.check((id) => after.plan!.byId.get(id) as Task | undefined);
      });
    }
  });
}
