// The editor's text-only helpers: cursor context for completion (works on
// half-typed files), the id scanner, the id index (definitions/references with
// exact offsets) and the suggestion catalogue. Real YAML text, no mocks.
import * as assert from 'node:assert/strict';
import { valueContextAt, scanIds } from '../../src/vscode/language/yamlContext';
import { buildIdIndex } from '../../src/vscode/language/idIndex';
import { idsOfPlan, suggestionsFor } from '../../src/vscode/language/suggest';
import { parsePlan } from '../../src/core/parse';

const PLAN = `version: 1
project:
  name: Checkout revamp   # comment
  key: PAY
  calendar:
    workdays: [mon, tue]
people:
  - id: ana
    name: Ana Souza
  - id: "bo"
    name: Bo
milestones:
  - id: beta
    title: Payments API beta
    depends: []
    tasks:
      - id: PAY-1
        title: Design payment schema
        status: done
        assignee: ana
      - title: Build API
        id: PAY-2
        depends: [PAY-1, beta]
        assignee: bo
        description: |
          id: not-an-id
          - depends: nope
      - id: PAY-3
        depends:
          - PAY-2
          - 
        status: todo
backlog:
- id: PAY-40
  title: Idea
  depends:
  - PAY-3
sprints:
  - { id: S1, start: 2026-01-05, end: 2026-01-16, tasks: [PAY-1, ] }
risks:
  - id: R1
    title: PSP sandbox unstable
    probability: medium
    owner: ana
    tasks: [PAY-3]
`;

/** Context at the position marked by `‸` in `marked` (the marker is removed). */
function at(marked: string) {
  const offset = marked.indexOf('‸');
  assert.ok(offset >= 0, 'test text needs a ‸ marker');
  const text = marked.slice(0, offset) + marked.slice(offset + 1);
  return valueContextAt(text, offset);
}

/** Offset of `needle`'s `nth` occurrence (0-based) in PLAN. */
function offsetOf(needle: string, nth = 0, text = PLAN): number {
  let i = -1;
  for (let k = 0; k <= nth; k++) {
    i = text.indexOf(needle, i + 1);
    assert.ok(i >= 0, `${needle} #${nth} not in text`);
  }
  return i;
}

describe('language: valueContextAt', () => {
  it('finds a task status value with its path and the task id', () => {
    const text = PLAN.replace('status: done', 'status: in-pro‸');
    const ctx = at(text);
    assert.ok(ctx);
    assert.deepEqual(ctx.path, ['milestones', 'tasks', 'status']);
    assert.equal(ctx.key, 'status');
    assert.equal(ctx.selfId, 'PAY-1');
    assert.equal(ctx.prefix, 'in-pro');
    assert.equal(ctx.inList, false);
    const bare = text.replace('‸', '');
    assert.equal(bare.slice(ctx.replaceStart, ctx.replaceEnd), 'in-pro');
  });

  it('finds the id of the task when `id:` comes after the cursor line', () => {
    const ctx = at(PLAN.replace('depends: [PAY-1, beta]', 'depends: [PAY-1, b‸eta]'));
    assert.ok(ctx);
    assert.deepEqual(ctx.path, ['milestones', 'tasks', 'depends']);
    assert.equal(ctx.selfId, 'PAY-2');
    assert.equal(ctx.inList, true);
    assert.equal(ctx.prefix, 'b');
    assert.deepEqual(ctx.existing, ['PAY-1']);
  });

  it('reads an empty block list item under depends', () => {
    const ctx = at(PLAN.replace('          - \n', '          - ‸\n'));
    assert.ok(ctx);
    assert.deepEqual(ctx.path, ['milestones', 'tasks', 'depends']);
    assert.equal(ctx.selfId, 'PAY-3');
    assert.equal(ctx.prefix, '');
    assert.deepEqual(ctx.existing, ['PAY-2']);
  });

  it('reads a block list at the same indent as its key (backlog)', () => {
    const ctx = at(PLAN.replace('  - PAY-3\nsprints', '  - PA‸Y-3\nsprints'));
    assert.ok(ctx);
    assert.deepEqual(ctx.path, ['backlog', 'depends']);
    assert.equal(ctx.selfId, 'PAY-40');
    assert.equal(ctx.prefix, 'PA');
  });

  it('reads a flow list inside a flow mapping (sprint tasks)', () => {
    const ctx = at(PLAN.replace('tasks: [PAY-1, ] }', 'tasks: [PAY-1, ‸] }'));
    assert.ok(ctx);
    assert.deepEqual(ctx.path, ['sprints', 'tasks']);
    assert.equal(ctx.selfId, 'S1');
    assert.deepEqual(ctx.existing, ['PAY-1']);
  });

  it('reads risk fields and the calendar', () => {
    assert.deepEqual(at(PLAN.replace('owner: ana', 'owner: ‸'))?.path, ['risks', 'owner']);
    assert.deepEqual(at(PLAN.replace('probability: medium', 'probability: ‸medium'))?.path, ['risks', 'probability']);
    assert.deepEqual(at(PLAN.replace('[mon, tue]', '[mon, tue, ‸]'))?.path, ['project', 'calendar', 'workdays']);
  });

  it('works on a half-typed file that does not parse as YAML', () => {
    const broken = `version: 1\nmilestones:\n  - id: m1\n    tasks:\n      - id: A\n        depends: [B, \n      - id: B\n        assignee: ‸`;
    const ctx = at(broken);
    assert.ok(ctx);
    assert.deepEqual(ctx.path, ['milestones', 'tasks', 'assignee']);
    assert.equal(ctx.selfId, 'B');
  });

  it('gives nothing on a key, in a comment, or inside a block scalar', () => {
    assert.equal(at(PLAN.replace('status: done', 'sta‸tus: done')), undefined);
    assert.equal(at(PLAN.replace('# comment', '# com‸ment')), undefined);
    assert.equal(at(PLAN.replace('id: not-an-id', 'id: not-an‸-id')), undefined);
  });

  it('handles CRLF line endings', () => {
    const crlf = PLAN.replace(/\n/g, '\r\n').replace('assignee: bo', 'assignee: b‸');
    const ctx = at(crlf);
    assert.ok(ctx);
    assert.deepEqual(ctx.path, ['milestones', 'tasks', 'assignee']);
    assert.equal(ctx.selfId, 'PAY-2');
    assert.equal(ctx.prefix, 'b');
  });
});

describe('language: scanIds', () => {
  it('finds every id with its kind and line, skipping block scalars', () => {
    const ids = scanIds(PLAN).map((s) => `${s.kind}:${s.id}@${s.line}`);
    assert.deepEqual(ids, [
      'person:ana@7', 'person:bo@9', 'milestone:beta@12', 'task:PAY-1@16', 'task:PAY-2@21',
      'task:PAY-3@27', 'task:PAY-40@33', 'sprint:S1@38', 'risk:R1@40',
    ]);
  });
});

describe('language: buildIdIndex', () => {
  const index = buildIdIndex(PLAN);

  it('locates the definition of each id exactly (quotes excluded)', () => {
    const def = index.definition('PAY-2');
    assert.ok(def);
    assert.equal(def.start, offsetOf('id: PAY-2') + 4);
    assert.equal(PLAN.slice(def.start, def.end), 'PAY-2');
    const bo = index.definition('bo');
    assert.ok(bo);
    assert.equal(bo.kind, 'person');
    assert.equal(PLAN.slice(bo.start, bo.end), 'bo');
    assert.equal(PLAN[bo.start - 1], '"');
    assert.equal(index.definition('S1')?.kind, 'sprint');
    assert.equal(index.definition('not-an-id'), undefined);
  });

  it('lists references from depends, assignee, owner and tasks', () => {
    const refs = index.all('PAY-3').map((o) => `${o.role}:${o.field}:${o.ownerId}`);
    assert.deepEqual(refs, ['definition:id:undefined', 'reference:depends:PAY-40', 'reference:tasks:R1']);
    const ana = index.all('ana').map((o) => `${o.role}:${o.field}:${o.ownerId}`);
    assert.deepEqual(ana, ['definition:id:undefined', 'reference:assignee:PAY-1', 'reference:owner:R1']);
    const pay1 = index.all('PAY-1').map((o) => `${o.field}:${o.ownerId}`);
    assert.deepEqual(pay1, ['id:undefined', 'depends:PAY-2', 'tasks:S1']);
  });

  it('finds the occurrence under a cursor, including right after the id', () => {
    const ref = offsetOf('[PAY-1, beta]') + 1;
    assert.equal(index.at(ref)?.id, 'PAY-1');
    assert.equal(index.at(ref + 5)?.id, 'PAY-1');
    assert.equal(index.at(offsetOf('title: Build API') + 8), undefined);
  });

  it('survives a file that does not parse', () => {
    const broken = PLAN.replace('depends: [PAY-1, beta]', 'depends: [PAY-1, beta');
    const idx = buildIdIndex(broken);
    assert.equal(idx.definition('PAY-1')?.kind, 'task');
    assert.doesNotThrow(() => buildIdIndex('\u0000\u0001: [{'));
    assert.equal(buildIdIndex('- a\n- b').occurrences.length, 0);
  });
});

describe('language: suggestionsFor', () => {
  const ids = scanIds(PLAN);

  it('offers task and milestone ids in depends, minus self and listed ones', () => {
    const ctx = at(PLAN.replace('depends: [PAY-1, beta]', 'depends: [PAY-1, ‸]'));
    assert.ok(ctx);
    assert.deepEqual(suggestionsFor(ctx, ids).map((s) => s.label), ['beta', 'PAY-3', 'PAY-40']);
    // The same from the parsed plan (what the editor uses once the file has parsed).
    const plan = parsePlan(PLAN).plan;
    assert.ok(plan);
    assert.deepEqual(suggestionsFor(ctx, idsOfPlan(plan)).map((s) => s.label), ['beta', 'PAY-3', 'PAY-40']);
  });

  it('offers people for assignee and owner, enums for status and risk fields', () => {
    const a = at(PLAN.replace('assignee: ana', 'assignee: ‸'));
    assert.ok(a);
    assert.deepEqual(suggestionsFor(a, ids).map((s) => s.label), ['ana', 'bo']);
    const s = at(PLAN.replace('status: done', 'status: ‸'));
    assert.ok(s);
    assert.deepEqual(suggestionsFor(s, ids).map((x) => x.label), ['todo', 'in-progress', 'review', 'blocked', 'done', 'dropped']);
    const p = at(PLAN.replace('probability: medium', 'probability: ‸'));
    assert.ok(p);
    assert.deepEqual(suggestionsFor(p, ids).map((x) => x.label), ['low', 'medium', 'high']);
    const r = at(PLAN.replace('tasks: [PAY-3]', 'tasks: [PAY-3, ‸]'));
    assert.ok(r);
    assert.deepEqual(suggestionsFor(r, ids).map((x) => x.label), ['PAY-1', 'PAY-2', 'PAY-40']);
  });

  it('offers nothing for free-text fields', () => {
    const t = at(PLAN.replace('title: Idea', 'title: Id‸ea'));
    assert.ok(t);
    assert.deepEqual(suggestionsFor(t, ids), []);
  });
});
