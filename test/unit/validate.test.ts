import * as assert from 'node:assert/strict';
import { parsePlan } from '../../src/core/parse';
import { applyTextEdits } from '../../src/core/edit';
import { closest, editDistance, tarjan } from '../../src/core/validate';
import type { Diagnostic } from '../../src/core/model';

/** Header lines 1-3; the body starts on line 4. */
const HEAD = 'version: 1\nproject: {name: X}\nmilestones:\n';
const PEOPLE = 'people:\n  - id: ana\n';

function diags(text: string): Diagnostic[] { return [...parsePlan(text).diagnostics]; }

/** The one diagnostic with `code`, as `line:col-line:col message`. */
function one(text: string, code: string): { where: string; message: string; d: Diagnostic } {
  const found = diags(text).filter((d) => d.code === code);
  assert.equal(found.length, 1, `expected one '${code}', got ${JSON.stringify(diags(text).map((d) => `${d.code}: ${d.message}`))}`);
  const d = found[0];
  return { where: `${d.start.line}:${d.start.col}-${d.end.line}:${d.end.col}`, message: d.message, d };
}

function fixed(text: string, d: Diagnostic): string {
  assert.ok(d.fix, 'expected a fix');
  return applyTextEdits(text, d.fix.edits);
}

describe('validate: value rules', () => {
  it('enum values, with a did-you-mean fix', () => {
    const t = `${HEAD}  - id: m\n    title: M\n    tasks:\n      - id: A\n        title: a\n        status: in-progres\n        priority: urgent\n`;
    const [status, priority] = diags(t).filter((d) => d.code === 'bad-enum');
    assert.deepEqual([status.start, status.end], [{ line: 9, col: 17 }, { line: 9, col: 27 }]);
    assert.equal(status.message, "`status` must be one of todo, in-progress, review, blocked, done, dropped; 'in-progres' is not (did you mean 'in-progress'?).");
    assert.match(fixed(t, status), /status: in-progress\n/);
    assert.equal(priority.message, "`priority` must be one of low, medium, high, critical; 'urgent' is not.");
    assert.deepEqual(priority.start, { line: 10, col: 19 });
  });

  it('a far-off enum value gets no suggestion and no fix', () => {
    const t = `${HEAD}  - id: m\n    title: M\n    health: terrible\n`;
    const s = one(t, 'bad-enum');
    assert.equal(s.message, "`health` must be one of on-track, at-risk, off-track; 'terrible' is not.");
    assert.equal(s.d.fix, undefined);
    assert.equal(s.where, '6:13-6:21');
  });

  it('risk levels and statuses', () => {
    const t = `${HEAD}  []\nrisks:\n  - id: R1\n    title: r\n    probability: hihg\n    impact: low\n    status: closd\n`;
    const ds = diags(t).filter((d) => d.code === 'bad-enum');
    assert.deepEqual(ds.map((d) => [d.start.line, d.start.col, d.fix?.edits[0].newText]), [[8, 18, 'high'], [10, 13, 'closed']]);
  });

  it('invalid dates name the reason', () => {
    const t = `${HEAD}  - id: m\n    title: M\n    due: 2026-02-30\n  - id: n\n    title: N\n    due: 2026-13-01\n  - id: o\n    title: O\n    due: 26-1-1\n`;
    const ds = diags(t);
    assert.deepEqual(ds.map((d) => [d.code, d.start.line, d.start.col, d.end.col, d.message]), [
      ['bad-date', 6, 10, 20, "`due`: '2026-02-30' is not a date: February 2026 has 28 days."],
      ['bad-date', 9, 10, 20, "`due`: '2026-13-01' is not a date: there is no month 13."],
      ['bad-date', 12, 10, 16, "`due`: '26-1-1' is not a date: dates are written YYYY-MM-DD."],
    ]);
  });

  it('leap days are real dates only in leap years', () => {
    assert.deepEqual(diags(`${HEAD}  - {id: m, title: M, due: 2028-02-29}\n`), []);
    assert.equal(one(`${HEAD}  - {id: m, title: M, due: 2100-02-29}\n`, 'bad-date').message, "`due`: '2100-02-29' is not a date: February 2100 has 28 days.");
  });

  it('date ranges in holidays and days off', () => {
    const t = 'version: 1\nproject:\n  name: X\n  calendar:\n    holidays: [2026-01-10..2026-01-05, 2026-01-01..3000-01-01]\nmilestones: []\n';
    const ds = diags(t);
    assert.deepEqual(ds.map((d) => [d.code, d.start.line, d.start.col, d.message]), [
      ['bad-date', 5, 16, '`holidays`: the range 2026-01-10..2026-01-05 ends before it starts.'],
      ['bad-date', 5, 40, '`holidays`: the range 2026-01-01..3000-01-01 spans 355747 days; at most 3660 are allowed.'],
    ]);
  });

  it('durations', () => {
    const t = `${HEAD}  - id: m\n    title: M\n    tasks:\n      - {id: A, title: a, estimate: 3 days}\n      - {id: B, title: b, estimate: -2}\n      - {id: C, title: c, estimate: 1d 4h}\n`;
    const ds = diags(t);
    assert.deepEqual(ds.map((d) => [d.code, d.start.line, d.start.col, d.message]), [
      ['bad-duration', 7, 37, "`estimate`: '3 days' is not a duration: write a number followed by h (hours), d (days) or w (weeks), e.g. 3d or 1d 4h."],
      ['bad-duration', 8, 37, "`estimate`: '-2' is not a duration: a duration cannot be negative."],
    ]);
  });

  it('percentages: 40 is refused with a fix to 40%, 150% is out of range', () => {
    const t = `${HEAD}  - id: m\n    title: M\n    tasks:\n      - id: A\n        title: a\n        progress: 40\n      - id: B\n        title: b\n        progress: 150%\n`;
    const ds = diags(t);
    assert.deepEqual(ds.map((d) => [d.code, d.start.line, d.start.col, d.message]), [
      ['bad-progress', 9, 19, '`progress`: 40 is more than 1: write 40% for a percentage or a share between 0 and 1.'],
      ['bad-progress', 12, 19, '`progress`: 150% is more than 100%.'],
    ]);
    assert.match(fixed(t, ds[0]), /progress: 40%\n/);
  });

  it('capacity must be in (0, 1]', () => {
    const t = `version: 1\nproject: {name: X}\nmilestones: []\npeople:\n  - {id: a, capacity: 0}\n  - {id: b, capacity: 1.5}\n  - {id: c, capacity: 80%}\n`;
    const ds = diags(t);
    assert.deepEqual(ds.map((d) => [d.code, d.start.line, d.start.col, d.message]), [
      ['out-of-range', 5, 23, '`capacity` must be more than 0 (0 < capacity <= 1).'],
      ['out-of-range', 6, 23, '`capacity`: 1.5 is more than 1: write 1.5% for a percentage or a share between 0 and 1.'],
    ]);
  });

  it('wrong types', () => {
    const t = `version: 1\nproject:\n  name: [a, b]\n  calendar: { hoursPerDay: eight }\nmilestones: {a: 1}\npeople: text\n`;
    const ds = diags(t);
    assert.deepEqual(ds.map((d) => [d.code, d.start.line, d.start.col, d.message]), [
      ['bad-type', 3, 9, '`name` must be a single value, not a list.'],
      ['bad-type', 4, 28, "`hoursPerDay` must be a number, not 'eight'."],
      ['bad-type', 5, 13, '`milestones` must be a list, not a mapping.'],
      ['bad-type', 6, 9, "`people` must be a list, not 'text'."],
    ]);
  });

  it('list entries that are not mappings', () => {
    const s = one(`${HEAD}  - just a string\n`, 'bad-type');
    assert.equal(s.message, "Each entry of `milestones` must be a mapping (key: value), not 'just a string'.");
    assert.equal(s.where, '4:5-4:18');
  });

  it('ids must be safe tokens', () => {
    const s = one(`${HEAD}  - {id: '--force', title: M}\n`, 'bad-id');
    assert.equal(s.message, "'--force' is not a valid id: use letters, digits, '.', '_' and '-', starting with a letter or digit.");
    assert.equal(s.where, '4:10-4:19');
  });

  it('issue references', () => {
    const s = one(`${HEAD}  - id: m\n    title: M\n    tasks: [{id: A, title: a, issue: 'owner repo 12'}]\n`, 'bad-issue');
    assert.equal(s.message, "`issue`: 'owner repo 12' is not an issue reference; write 123 or owner/repo#123.");
  });

  it('a defaultBranch that could be a git option is refused', () => {
    const s = one('version: 1\nproject: {name: X, defaultBranch: --upload-pack=x}\nmilestones: []\n', 'bad-branch');
    assert.equal(s.where, '2:35-2:50');
  });

  it('workdays: unknown names get a suggestion, an empty week is an error', () => {
    const t = 'version: 1\nproject:\n  name: X\n  calendar: { workdays: [mon, tue, wendsday] }\nmilestones: []\n';
    const s = one(t, 'bad-enum');
    assert.equal(s.message, "`workdays`: 'wendsday' is not a weekday; use sun, mon, tue, wed, thu, fri, sat.");
    const e = one('version: 1\nproject:\n  name: X\n  calendar: { workdays: [] }\nmilestones: []\n', 'no-workdays');
    assert.equal(e.where, '4:25-4:27');
  });
});

describe('validate: structure', () => {
  it('missing version gets a fix that adds it', () => {
    const t = 'project: {name: X}\nmilestones: []\n';
    const s = one(t, 'missing-version');
    assert.equal(s.message, 'project.yml is missing `version: 1` (the format version Waymark understands).');
    assert.equal(s.where, '1:1-1:19');
    assert.deepEqual(diags(fixed(t, s.d)), []);
  });

  it('an unknown version is a clear error', () => {
    const s = one('version: 2\nproject: {name: X}\nmilestones: []\n', 'bad-version');
    assert.equal(s.message, 'Waymark understands format version 1; this file says 2.');
    assert.equal(s.where, '1:10-1:11');
  });

  it('missing required keys', () => {
    const t = 'version: 1\nproject: {}\nmilestones:\n  - id: m\n  - title: no id\n';
    assert.deepEqual(diags(t).map((d) => [d.code, d.start.line, d.start.col, d.message]), [
      ['missing-key', 2, 10, 'Project is missing `name`.'],
      ['missing-key', 4, 5, "Milestone 'm' is missing `title`."],
      ['missing-key', 5, 5, 'A milestone is missing `id`.'],
    ]);
    assert.equal(one('version: 1\nproject: {name: X}\n', 'missing-key').message, 'project.yml is missing `milestones`.');
  });

  it('a required key with no value, with a fix for empty milestones', () => {
    const t = 'version: 1\nproject:\nmilestones:   # none yet\n';
    assert.deepEqual(diags(t).map((d) => [d.code, d.start.line, d.start.col, d.end.col, d.message]), [
      ['missing-key', 2, 1, 8, '`project` has no value.'],
      ['missing-key', 3, 1, 11, '`milestones` has no value; write `milestones: []` when there are none yet.'],
    ]);
    assert.equal(fixed(t, diags(t)[1]), 'version: 1\nproject:\nmilestones: []   # none yet\n');
  });

  it('unknown keys are warnings with a rename fix when close', () => {
    const t = `${HEAD}  - id: m\n    title: M\n    tasks:\n      - id: A\n        titel: a\n        title: b\n        asignee: x\n        colour: red\n`;
    const ds = diags(t).filter((d) => d.code === 'unknown-key');
    assert.deepEqual(ds.map((d) => [d.severity, d.start.line, d.start.col, d.end.col, d.message, d.fix?.edits[0].newText]), [
      ['warning', 8, 9, 14, "Unknown key 'titel' in a task; it is kept but ignored.", undefined],
      ['warning', 10, 9, 16, "Unknown key 'asignee' in a task (did you mean 'assignee'?); it is kept but ignored.", 'assignee'],
      ['warning', 11, 9, 15, "Unknown key 'colour' in a task; it is kept but ignored.", undefined],
    ]);
  });

  it('unknown top-level keys', () => {
    const t = 'version: 1\nproject: {name: X}\nmilestones: []\nrisk:\n  - id: R\n';
    const s = one(t, 'unknown-key');
    assert.equal(s.message, "Unknown key 'risk' in project.yml (did you mean 'risks'?); it is kept but ignored.");
    assert.equal(s.where, '4:1-4:5');
  });
});

describe('validate: cross-item rules', () => {
  it('duplicate ids across kinds point at both', () => {
    const t = `version: 1\nproject: {name: X}\npeople:\n  - id: beta\nmilestones:\n  - id: beta\n    title: M\n`;
    const ds = diags(t).filter((d) => d.code === 'duplicate-id');
    assert.deepEqual(ds.map((d) => [d.start.line, d.start.col, d.message]), [
      [4, 9, "Duplicate id 'beta': used again by the milestone at line 6. Ids must be unique across tasks, milestones, people, sprints and risks."],
      [6, 9, "Duplicate id 'beta': already used by the person at line 4. Ids must be unique across tasks, milestones, people, sprints and risks."],
    ]);
  });

  it('unknown references in depends, assignee, owner, risk tasks and sprint tasks', () => {
    const t = `version: 1\nproject: {name: X}\n${PEOPLE}milestones:\n  - id: m\n    title: M\n    depends: [nope]\n    tasks:\n      - id: PAY-1\n        title: a\n        assignee: anna\n        depends: [PAY-2]\nsprints:\n  - {id: S, start: 2026-01-05, end: 2026-01-09, tasks: [PAY-11]}\nrisks:\n  - {id: R, title: r, probability: low, impact: low, owner: bob, tasks: [PAY-9]}\n`;
    const ds = diags(t).filter((d) => d.code === 'unknown-ref');
    assert.deepEqual(ds.map((d) => [d.start.line, d.start.col, d.message, d.fix?.edits[0].newText]), [
      [8, 15, "Unknown task or milestone 'nope'.", undefined],
      [12, 19, "Unknown person 'anna' in people (did you mean 'ana'?).", 'ana'],
      [13, 19, "Unknown task or milestone 'PAY-2' (did you mean 'PAY-1'?).", 'PAY-1'],
      [15, 57, "Unknown task 'PAY-11' (did you mean 'PAY-1'?).", 'PAY-1'],
      [17, 61, "Unknown person 'bob' in people.", undefined],
      [17, 74, "Unknown task 'PAY-9' (did you mean 'PAY-1'?).", 'PAY-1'],
    ]);
  });

  it('self-dependency, with a fix that removes the entry', () => {
    const t = `${HEAD}  - id: m\n    title: M\n    tasks:\n      - {id: A, title: a}\n      - id: B\n        title: b\n        depends: [A, B]\n`;
    const s = one(t, 'self-dependency');
    assert.equal(s.message, "'B' depends on itself.");
    assert.equal(s.where, '10:22-10:23');
    assert.match(fixed(t, s.d), /depends: \[A\]\n/);
  });

  it('dependency cycles name the whole cycle', () => {
    const t = `${HEAD}  - id: m\n    title: M\n    tasks:\n      - {id: A, title: a, depends: [C]}\n      - {id: B, title: b, depends: [A]}\n      - {id: C, title: c, depends: [B]}\n`;
    const s = one(t, 'cycle');
    assert.equal(s.message, 'Dependency cycle: A -> C -> B -> A. Nothing in a cycle can ever start; remove one of these dependencies.');
    assert.equal(s.where, '7:37-7:38');
  });

  it('a task depending on its own milestone is a cycle', () => {
    const s = one(`${HEAD}  - id: m\n    title: M\n    tasks:\n      - {id: A, title: a, depends: [m]}\n`, 'cycle');
    assert.equal(s.message.split('.')[0], 'Dependency cycle: m -> A -> m');
  });

  it('a cycle through a milestone dependency (A inherits m1\'s dependency on m2)', () => {
    const t = `${HEAD}  - id: m1\n    title: M1\n    depends: [m2]\n    tasks: [{id: A, title: a}]\n  - id: m2\n    title: M2\n    tasks: [{id: B, title: b, depends: [A]}]\n`;
    assert.equal(one(t, 'cycle').message.split('.')[0], 'Dependency cycle: m2 -> B -> A -> m2');
  });

  it('due before start, sprint end before start', () => {
    const t = `${HEAD}  - id: m\n    title: M\n    tasks: [{id: A, title: a, start: 2026-03-02, due: 2026-02-27}]\nsprints:\n  - {id: S, start: 2026-01-16, end: 2026-01-05}\n`;
    const a = one(t, 'due-before-start');
    assert.equal(a.message, "Task 'A' is due 2026-02-27, before its start 2026-03-02.");
    assert.equal(a.where, '6:55-6:65');
    const b = one(t, 'end-before-start');
    assert.equal(b.message, "Sprint 'S' ends 2026-01-05, before it starts 2026-01-16.");
    assert.equal(b.where, '8:5-8:48');
  });

  it('finds a cycle in a 15k-task chain without overflowing the stack (a recursive DFS would)', () => {
    const n = 15_000;
    const lines = [`${HEAD}  - id: m\n    title: M\n    tasks:\n`];
    for (let i = 0; i < n; i++) lines.push(`      - {id: T${i}, title: t, depends: [T${(i + 1) % n}]}\n`);
    const ds = parsePlan(lines.join('')).diagnostics;
    assert.equal(ds.length, 1);
    assert.equal(ds[0].code, 'cycle');
    assert.ok(ds[0].message.startsWith('Dependency cycle: T0 -> T1 -> T2 -> '));
    assert.ok(ds[0].message.includes('T14999 -> T0.'));
  });
});

describe('validate: helpers', () => {
  it('editDistance counts adjacent swaps as one edit', () => {
    assert.equal(editDistance('doen', 'done'), 1);
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('abc', 'abc'), 0);
  });
  it('closest suggests only plausible typos', () => {
    assert.equal(closest('hihg', ['low', 'medium', 'high']), 'high');
    assert.equal(closest('xyz', ['low', 'medium', 'high']), undefined);
    assert.equal(closest('DONE', ['todo', 'done']), 'done');
  });
  it('tarjan handles a 100k-node chain iteratively', () => {
    const n = 100_000;
    const adj = Array.from({ length: n }, (_, i) => [(i + 1) % n]);
    const comps = tarjan(adj);
    assert.equal(comps.length, 1);
    assert.equal(comps[0].length, n);
  });
  it('tarjan finds strongly connected components', () => {
    const comps = tarjan([[1], [2], [0], [3], []]).map((c) => c.sort()).sort();
    assert.deepEqual(comps, [[0, 1, 2], [3], [4]]);
  });
});
