// project.yml edited on two branches, merged by a real `git merge` through the
// driver `waymark init` installed: the merged text, the exit code, stderr.
import * as assert from 'node:assert/strict';
import { gitMerge } from './mergeRepo';

const BASE = `# Plan for the demo
version: 1
project:
  name: Demo
  key: PAY
  calendar:
    workdays: [mon, tue, wed, thu, fri]
    holidays: [2026-01-19]

people:
  - id: ana
    name: Ana Souza
    email: [ana@example.com]
  - id: ben
    name: Ben Okafor

milestones:
  - id: beta
    title: Beta
    due: 2026-02-27
    tasks:
      - id: PAY-1
        title: Design schema   # the first one
        status: todo
        assignee: ana
        estimate: 2d
        tags: [backend]
      - id: PAY-2
        title: Build API
        status: todo
        estimate: 3d
        depends: [PAY-1]
        description: |
          Endpoints for payments.
          Keep it small.
  - id: ga
    title: GA
    tasks:
      - { id: PAY-3, title: Docs, status: todo, estimate: 1d }
      - { id: PAY-4, title: Launch, status: todo }

backlog:
  - id: PAY-5
    title: Idea

sprints:
  - { id: S1, start: 2026-01-05, end: 2026-01-16, tasks: [PAY-1] }

risks:
  - id: R1
    title: PSP sandbox unstable
    probability: medium
    impact: high
    tasks: [PAY-2]
`;

/** Replaces exactly one occurrence (the test is wrong when `from` is missing or repeated). */
function sub(text: string, from: string, to: string): string {
  const i = text.indexOf(from);
  assert.ok(i >= 0 && text.indexOf(from, i + 1) < 0, `'${from}' must occur once`);
  return text.slice(0, i) + to + text.slice(i + from.length);
}

type Edit = (t: string) => string;
const edit = (...pairs: [string, string][]): Edit => (t) => pairs.reduce((acc, [a, b]) => sub(acc, a, b), t);
const both = (a: Edit, b: Edit): Edit => (t) => b(a(t));

const PAY1_STATUS_DONE = edit(['status: todo\n        assignee: ana', 'status: done\n        assignee: ana']);
const PAY1_ESTIMATE_5D = edit(['estimate: 2d', 'estimate: 5d']);
const PAY1_BLOCK = `      - id: PAY-1
        title: Design schema   # the first one
        status: todo
        assignee: ana
        estimate: 2d
        tags: [backend]
`;
const NEW_IN_BETA = (id: string, title: string): Edit => edit(['          Keep it small.\n', `          Keep it small.\n      - id: ${id}\n        title: ${title}\n`]);
const NEW_IN_BACKLOG = (id: string, title: string): Edit => edit(['    title: Idea\n', `    title: Idea\n  - id: ${id}\n    title: ${title}\n`]);
const CRLF = (t: string) => t.replace(/\n/g, '\r\n');

interface Scenario {
  name: string;
  base?: string;
  ours: Edit;
  theirs: Edit;
  /** The merged text; default: both edits applied one after the other to the base. */
  expect?: string | ((base: string) => string);
  code?: number;
  stderr?: RegExp;
}

const clean = (name: string, ours: Edit, theirs: Edit, expect?: Scenario['expect']): Scenario => ({ name, ours, theirs, expect });

const SCENARIOS: Scenario[] = [
  clean('status here, estimate there', PAY1_STATUS_DONE, PAY1_ESTIMATE_5D),
  clean('status here, estimate there, in a flow-style task', edit(['PAY-3, title: Docs, status: todo', 'PAY-3, title: Docs, status: done']), edit(['estimate: 1d }', 'estimate: 2d }'])),
  clean('the same change on both sides', PAY1_STATUS_DONE, PAY1_STATUS_DONE, (b) => PAY1_STATUS_DONE(b)),
  clean('tasks added on both sides, in different lists', NEW_IN_BETA('PAY-6', 'Ours'), NEW_IN_BACKLOG('PAY-7', 'Theirs')),
  clean('tasks added on both sides at the end of the same milestone', NEW_IN_BETA('PAY-6', 'Ours'), NEW_IN_BETA('PAY-7', 'Theirs'),
    (b) => NEW_IN_BETA('PAY-6', 'Ours\n      - id: PAY-7\n        title: Theirs')(b)),
  clean('moved to the backlog there, re-estimated here', PAY1_ESTIMATE_5D, edit([PAY1_BLOCK, ''], ['    title: Idea\n', `    title: Idea\n${PAY1_BLOCK.replace(/^ {4}/gm, '')}`]),
    (b) => edit([PAY1_BLOCK, ''], ['    title: Idea\n', `    title: Idea\n${PAY1_BLOCK.replace(/^ {4}/gm, '').replace('2d', '5d')}`])(b)),
  clean('moved here, re-estimated there', edit([PAY1_BLOCK, ''], ['    title: Idea\n', `    title: Idea\n${PAY1_BLOCK.replace(/^ {4}/gm, '')}`]), PAY1_ESTIMATE_5D,
    (b) => edit([PAY1_BLOCK, ''], ['    title: Idea\n', `    title: Idea\n${PAY1_BLOCK.replace(/^ {4}/gm, '').replace('2d', '5d')}`])(b)),
  clean('removed there, untouched here', PAY1_STATUS_DONE, edit(['      - { id: PAY-4, title: Launch, status: todo }\n', ''])),
  { name: 'removed there, changed here: conflict', ours: edit(['{ id: PAY-4, title: Launch, status: todo }', '{ id: PAY-4, title: Launch, status: done }']), theirs: edit(['      - { id: PAY-4, title: Launch, status: todo }\n', '']),
    expect: (b) => sub(b, '      - { id: PAY-4, title: Launch, status: todo }\n', '<<<<<<< ours\n      - { id: PAY-4, title: Launch, status: done }\n=======\n>>>>>>> theirs\n'), code: 1, stderr: /PAY-4: removed on their side, changed on ours/ },
  clean('depends merged as a set', edit(['depends: [PAY-1]', 'depends: [PAY-1, PAY-3]']), edit(['depends: [PAY-1]', 'depends: [PAY-1, PAY-5]']), (b) => sub(b, 'depends: [PAY-1]', 'depends: [PAY-1, PAY-3, PAY-5]')),
  clean('tags: one added here, one removed there', edit(['tags: [backend]', 'tags: [backend, api]']), edit(['tags: [backend]', 'tags: []']), (b) => sub(b, 'tags: [backend]', 'tags: [api]')),
  clean('sprint tasks merged as a set', edit(['tasks: [PAY-1] }', 'tasks: [PAY-1, PAY-2] }']), edit(['tasks: [PAY-1] }', 'tasks: [PAY-1, PAY-3] }']), (b) => sub(b, 'tasks: [PAY-1] }', 'tasks: [PAY-1, PAY-2, PAY-3] }')),
  clean('risk: status added here, impact changed there', edit(['    impact: high\n', '    impact: high\n    status: mitigated\n']), edit(['impact: high', 'impact: medium'])),
  clean('risk tasks merged as a set', edit(['tasks: [PAY-2]', 'tasks: [PAY-2, PAY-1]']), edit(['tasks: [PAY-2]', 'tasks: [PAY-2, PAY-4]']), (b) => sub(b, 'tasks: [PAY-2]', 'tasks: [PAY-2, PAY-1, PAY-4]')),
  clean('person renamed here, email added there', edit(['name: Ana Souza', 'name: Ana S. Souza']), edit(['email: [ana@example.com]', 'email: [ana@example.com, ana@work.example]'])),
  clean('people added on both sides', edit(['    name: Ben Okafor\n', '    name: Ben Okafor\n  - id: cy\n    name: Cy\n']), edit(['    name: Ben Okafor\n', '    name: Ben Okafor\n  - id: di\n    name: Di\n']),
    (b) => sub(b, '    name: Ben Okafor\n', '    name: Ben Okafor\n  - id: cy\n    name: Cy\n  - id: di\n    name: Di\n')),
  clean('a sprint added there, a risk added here', edit(['    tasks: [PAY-2]\n', '    tasks: [PAY-2]\n  - id: R2\n    title: Key person leaves\n    probability: low\n    impact: high\n']),
    edit(['tasks: [PAY-1] }\n', 'tasks: [PAY-1] }\n  - { id: S2, start: 2026-01-19, end: 2026-01-30 }\n'])),
  clean('block-scalar description changed there, status here', edit(['status: todo\n        estimate: 3d', 'status: review\n        estimate: 3d']), edit(['          Keep it small.\n', '          Keep it small.\n          Then document it.\n'])),
  { name: 'description changed on both sides: conflict around it', ours: edit(['Keep it small.', 'Keep it tiny.']), theirs: edit(['Keep it small.', 'Keep it short.']),
    expect: (b) => sub(b, '        description: |\n          Endpoints for payments.\n          Keep it small.\n', '<<<<<<< ours\n        description: |\n          Endpoints for payments.\n          Keep it tiny.\n=======\n        description: |\n          Endpoints for payments.\n          Keep it short.\n>>>>>>> theirs\n'), code: 1, stderr: /PAY-2 description: changed on both sides/ },
  clean('a comment changed there, a field here', PAY1_STATUS_DONE, edit(['# the first one', '# the very first one'])),
  clean('a comment line added above a task there, another task changed here', PAY1_STATUS_DONE, edit(['      - id: PAY-2\n', '      # needs PAY-1 first\n      - id: PAY-2\n'])),
  { name: 'CRLF: status here, estimate there', base: CRLF(BASE), ours: (t) => CRLF(PAY1_STATUS_DONE(t.replace(/\r\n/g, '\n'))), theirs: (t) => CRLF(PAY1_ESTIMATE_5D(t.replace(/\r\n/g, '\n'))),
    expect: () => CRLF(both(PAY1_STATUS_DONE, PAY1_ESTIMATE_5D)(BASE)) },
  { name: 'CRLF here, LF there: the task added there arrives with CRLF', base: CRLF(BASE), ours: (t) => CRLF(PAY1_STATUS_DONE(t.replace(/\r\n/g, '\n'))), theirs: (t) => NEW_IN_BACKLOG('PAY-7', 'Theirs')(t.replace(/\r\n/g, '\n')),
    expect: () => CRLF(both(PAY1_STATUS_DONE, NEW_IN_BACKLOG('PAY-7', 'Theirs'))(BASE)) },
  { name: 'id collision: theirs renumbered, its references follow', ours: NEW_IN_BACKLOG('PAY-6', 'Ours'), theirs: both(NEW_IN_BACKLOG('PAY-6', 'Theirs'), edit(['tasks: [PAY-1] }', 'tasks: [PAY-1, PAY-6] }'])),
    expect: (b) => both(NEW_IN_BACKLOG('PAY-6', 'Ours\n  - id: PAY-7\n    title: Theirs'), edit(['tasks: [PAY-1] }', 'tasks: [PAY-1, PAY-7] }']))(b), stderr: /both sides added task PAY-6; theirs is now PAY-7/ },
  clean('the same task added on both sides: kept once', NEW_IN_BACKLOG('PAY-6', 'Same'), NEW_IN_BACKLOG('PAY-6', 'Same'), (b) => NEW_IN_BACKLOG('PAY-6', 'Same')(b)),
  { name: 'the same field set to different values: conflict', ours: PAY1_STATUS_DONE, theirs: edit(['status: todo\n        assignee: ana', 'status: blocked\n        assignee: ana']),
    expect: (b) => sub(b, '        status: todo\n        assignee: ana', '<<<<<<< ours\n        status: done\n=======\n        status: blocked\n>>>>>>> theirs\n        assignee: ana'), code: 1, stderr: /PAY-1 status: changed on both sides/ },
  { name: 'conflict in a flow-style task: markers around its line', ours: edit(['{ id: PAY-4, title: Launch, status: todo }', '{ id: PAY-4, title: Launch, status: done }']), theirs: edit(['{ id: PAY-4, title: Launch, status: todo }', '{ id: PAY-4, title: Launch, status: review }']),
    expect: (b) => sub(b, '      - { id: PAY-4, title: Launch, status: todo }\n', '<<<<<<< ours\n      - { id: PAY-4, title: Launch, status: done }\n=======\n      - { id: PAY-4, title: Launch, status: review }\n>>>>>>> theirs\n'), code: 1 },
  clean('milestone: due changed here, title there', edit(['due: 2026-02-27', 'due: 2026-03-06']), edit(['title: Beta', 'title: Public beta'])),
  clean('a milestone added there, a task added here', NEW_IN_BETA('PAY-6', 'Ours'), edit(['\nbacklog:', '  - id: rc\n    title: Release candidate\n    tasks:\n      - id: PAY-9\n        title: Freeze\n\nbacklog:']),
    (b) => both(NEW_IN_BETA('PAY-6', 'Ours'), edit(['      - { id: PAY-4, title: Launch, status: todo }\n', '      - { id: PAY-4, title: Launch, status: todo }\n  - id: rc\n    title: Release candidate\n    tasks:\n      - id: PAY-9\n        title: Freeze\n']))(b)),
  clean('a milestone removed there, another edited here', PAY1_STATUS_DONE, edit(['  - id: ga\n    title: GA\n    tasks:\n      - { id: PAY-3, title: Docs, status: todo, estimate: 1d }\n      - { id: PAY-4, title: Launch, status: todo }\n', ''])),
  clean('project renamed here, a holiday added there', edit(['name: Demo', 'name: Demo 2']), edit(['holidays: [2026-01-19]', 'holidays: [2026-01-19, 2026-04-03]'])),
  clean('new fields on one task on both sides', edit(['        tags: [backend]\n', '        tags: [backend]\n        priority: high\n']), edit(['        estimate: 2d\n', '        estimate: 2d\n        due: 2026-01-30\n'])),
  { name: 'moved to different places on both sides: conflict at both places', ours: edit(['      - { id: PAY-4, title: Launch, status: todo }\n', ''], ['    title: Idea\n', '    title: Idea\n  - { id: PAY-4, title: Launch, status: todo }\n']),
    theirs: edit(['      - { id: PAY-4, title: Launch, status: todo }\n', ''], ['          Keep it small.\n', '          Keep it small.\n      - { id: PAY-4, title: Launch, status: todo }\n']),
    expect: (b) => edit(['      - { id: PAY-4, title: Launch, status: todo }\n', ''], ['          Keep it small.\n', '          Keep it small.\n<<<<<<< ours\n=======\n      - { id: PAY-4, title: Launch, status: todo }\n>>>>>>> theirs\n'],
      ['    title: Idea\n', '    title: Idea\n<<<<<<< ours\n  - { id: PAY-4, title: Launch, status: todo }\n=======\n>>>>>>> theirs\n'])(b), code: 1, stderr: /PAY-4: moved to the backlog on our side, to beta on theirs/ },
  { name: 'THEIRS does not parse: git merge-file merges the lines and stderr says why', ours: PAY1_STATUS_DONE, theirs: edit(['    title: Idea\n', '    title: [Idea\n']),
    expect: (b) => both(PAY1_STATUS_DONE, edit(['    title: Idea\n', '    title: [Idea\n']))(b), stderr: /THEIRS does not parse \(line \d+, column \d+: .*\); merging it line by line with git merge-file instead/ },
  clean('key order, quoting and blank lines kept', edit(['title: Build API', "title: 'Build: API'"]), edit(['    name: Ben Okafor\n', '    name: "Ben Okafor"\n'])),
];

describe('merge driver: real git merges of project.yml', function () {
  this.timeout(60000);
  for (const s of SCENARIOS) {
    it(s.name, async () => {
      const base = s.base ?? BASE;
      const r = await gitMerge(base, s.ours(base), s.theirs(base));
      const want = typeof s.expect === 'function' ? s.expect(base) : s.expect ?? both(s.ours, s.theirs)(base);
      assert.equal(r.text, want);
      if (s.code === 1) assert.notEqual(r.code, 0, 'git merge reports the conflict');
      else assert.equal(r.code, 0, r.stderr);
      if (s.stderr) assert.match(r.stderr, s.stderr);
    });
  }

  it('conflict markers take git\'s size (conflict-marker-size, passed as %L by the driver waymark init set up)', async () => {
    const theirs = edit(['status: todo\n        assignee: ana', 'status: blocked\n        assignee: ana']);
    const r = await gitMerge(BASE, PAY1_STATUS_DONE(BASE), theirs(BASE), 12);
    assert.notEqual(r.code, 0, 'git merge reports the conflict');
    assert.match(r.text, /^<{12} ours$/m);
    assert.match(r.text, /^={12}$/m);
    assert.match(r.text, /^>{12} theirs$/m);
    assert.doesNotMatch(r.text, /^<{7} /m);
  });
});
