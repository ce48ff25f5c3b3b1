import * as assert from 'node:assert/strict';
import { encodePlanText, hasUtf8Bom, parsePlan, type ParsedPlan } from '../../src/core/parse';
import { applyTextEdits, setStatus } from '../../src/core/edit';

function summary(p: ParsedPlan): string[] {
  return p.diagnostics.map((d) => `${d.code} ${d.start.line}:${d.start.col}-${d.end.line}:${d.end.col} ${d.message}`);
}

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((x) => (typeof x === 'string' ? [...Buffer.from(x, 'utf8')] : x)));

describe('hostile and broken input', () => {
  it('an empty file: no plan, a clear message and a fix that inserts a minimal plan', () => {
    const p = parsePlan('');
    assert.equal(p.plan, undefined);
    assert.deepEqual(summary(p), ['empty 1:1-1:1 project.yml is empty. It needs at least `version: 1`, a `project` with a `name`, and `milestones`.']);
    const fixedText = applyTextEdits('', p.diagnostics[0].fix!.edits);
    assert.deepEqual(parsePlan(fixedText).diagnostics, []);
  });

  it('only comments or a bare null count as empty', () => {
    assert.equal(parsePlan('# nothing yet\n').diagnostics[0].code, 'empty');
    assert.equal(parsePlan('~\n').diagnostics[0].code, 'empty');
  });

  it('a scalar or a list at the top', () => {
    assert.deepEqual(summary(parsePlan('hello')), ["not-a-mapping 1:1-1:6 project.yml must be a mapping of keys (version, project, milestones, ...) at the top, not 'hello'."]);
    const list = parsePlan('- a\n- b\n');
    assert.equal(list.plan, undefined);
    assert.deepEqual(summary(list), ['not-a-mapping 1:1-3:1 project.yml must be a mapping of keys (version, project, milestones, ...) at the top, not a list.']);
  });

  it('tabs in indentation', () => {
    const p = parsePlan('version: 1\nproject:\n\tname: X\nmilestones: []\n');
    assert.equal(p.syntaxOk, false);
    assert.deepEqual(summary(p), ['tab-indent 3:1-3:2 Tabs are not allowed in YAML indentation; indent with spaces.']);
  });

  it('duplicate keys', () => {
    const p = parsePlan('version: 1\nproject:\n  name: X\n  name: Y\nmilestones: []\n');
    assert.equal(p.syntaxOk, false);
    assert.deepEqual(summary(p), ["duplicate-key 4:3-4:7 Duplicate key 'name': a key may appear only once in a mapping; keep one of them."]);
  });

  it('an alias bomb is refused without expanding it', () => {
    const levels = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) levels.push(`${'abcdefghi'[i]}: &${'abcdefghi'[i]} [${Array(10).fill(`*${'abcdefghi'[i - 1]}`).join(', ')}]`);
    const p = parsePlan(`version: 1\n${levels.join('\n')}\n`);
    assert.equal(p.plan, undefined);
    assert.equal(p.syntaxOk, false);
    assert.deepEqual(summary(p), ['alias-bomb 3:8-3:9 Too many YAML alias expansions (more than 100): this looks like an alias bomb, so the file is not read.']);
  });

  it('a few anchors and aliases are fine', () => {
    const p = parsePlan('version: 1\nproject: {name: X}\nmilestones:\n  - id: m\n    title: &t Shared\n    tasks: [{id: A, title: *t}]\n');
    assert.deepEqual(p.diagnostics, []);
    assert.equal(p.plan!.tasks[0].title, 'Shared');
  });

  it('a file over the size cap is not parsed', () => {
    const p = parsePlan('version: 1\n'.repeat(200), { maxBytes: 1024 });
    assert.equal(p.plan, undefined);
    assert.deepEqual(summary(p), ['too-large 1:1-1:1 project.yml is 2.1 KB; Waymark reads plan files up to 1.0 KB, so this one was not parsed.']);
  });

  it('binary garbage (PNG header) is reported as not UTF-8 at its byte', () => {
    const p = parsePlan(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
    assert.equal(p.plan, undefined);
    assert.deepEqual(summary(p), ['encoding 1:1-1:1 project.yml is not valid UTF-8: byte 0x89 at line 1, column 1 (byte offset 0). Save the file as UTF-8.']);
  });

  it('NUL bytes in otherwise valid UTF-8', () => {
    const p = parsePlan(bytes('version: 1\nproject: {name: "a', [0], 'b"}\n'));
    assert.deepEqual(summary(p), ['binary 2:19-2:20 This is not a text file: it contains a NUL byte at line 2, column 19. project.yml must be UTF-8 text.']);
  });

  it('non-UTF-8 bytes (Latin-1) are located by line, column and byte offset', () => {
    const p = parsePlan(bytes('version: 1\nproject:\n  name: Caf', [0xe9], '\nmilestones: []\n'));
    assert.equal(p.syntaxOk, false);
    assert.deepEqual(summary(p), ['encoding 3:12-3:12 project.yml is not valid UTF-8: byte 0xe9 at line 3, column 12 (byte offset 31). Save the file as UTF-8.']);
  });

  it('the byte offset counts a BOM, the column counts characters', () => {
    const p = parsePlan(bytes([0xef, 0xbb, 0xbf], 'name: ü', [0xff]));
    assert.deepEqual(summary(p), ['encoding 1:8-1:8 project.yml is not valid UTF-8: byte 0xff at line 1, column 8 (byte offset 11). Save the file as UTF-8.']);
  });

  it('UTF-16 files are named as such', () => {
    const p = parsePlan(new Uint8Array([0xff, 0xfe, 0x76, 0x00]));
    assert.deepEqual(summary(p), ['encoding 1:1-1:1 This file is UTF-16 encoded; save project.yml as UTF-8.']);
  });

  it('a BOM is stripped from text and from bytes', () => {
    const plain = 'version: 1\nproject: {name: X}\nmilestones: []\n';
    assert.deepEqual(parsePlan(`\ufeff${plain}`).diagnostics, []);
    assert.equal(parsePlan(bytes([0xef, 0xbb, 0xbf], plain)).text, plain);
  });

  it('very long lines: messages stay short, positions stay exact', () => {
    const long = 'x'.repeat(200_000);
    const p = parsePlan(`version: 1\nproject: {name: X}\nmilestones:\n  - id: m\n    title: M\n    health: ${long}\n`);
    assert.equal(p.diagnostics.length, 1);
    const d = p.diagnostics[0];
    assert.equal(d.code, 'bad-enum');
    assert.ok(d.message.length < 200, d.message);
    assert.match(d.message, /'x{59}…' is not\.$/);
    assert.deepEqual([d.start, d.end], [{ line: 6, col: 13 }, { line: 6, col: 200_013 }]);
  });

  it('CRLF line endings: positions as in LF', () => {
    const p = parsePlan('version: 1\r\nproject:\r\n  name: X\r\nmilestones:\r\n  - id: m\r\n    title: M\r\n    due: 2026-13-01\r\n');
    assert.deepEqual(summary(p), ["bad-date 7:10-7:20 `due`: '2026-13-01' is not a date: there is no month 13."]);
  });

  it('unclosed quotes and brackets are syntax errors with positions; no edit allowed', () => {
    const p = parsePlan('version: 1\nproject: {name: X\nmilestones: []\n');
    assert.equal(p.syntaxOk, false);
    assert.deepEqual(summary(p), ['syntax 3:1-3:2 YAML syntax error: Flow map in block collection must be sufficiently indented and end with a }']);
  });

  it('several documents in one file', () => {
    const p = parsePlan('version: 1\n---\nversion: 2\n');
    assert.equal(p.syntaxOk, false);
    assert.equal(p.diagnostics[0].code, 'syntax');
    assert.equal(p.diagnostics[0].start.line, 2);
  });

  it('absurd nesting does not crash', () => {
    const p = parsePlan(`version: 1\nx: ${'['.repeat(5000)}${']'.repeat(5000)}\n`);
    assert.equal(p.syntaxOk, false);
    assert.equal(p.diagnostics[0].code, 'too-deep');
    assert.equal(p.diagnostics[0].message, 'Lists or mappings are nested too deeply to read; a plan needs only a few levels.');
  });

  it('numbers that are not finite', () => {
    const p = parsePlan('version: 1\nproject: {name: X}\nmilestones: [{id: m, title: M, tasks: [{id: A, title: a, estimate: .inf, progress: .nan}]}]\n');
    assert.deepEqual(summary(p), [
      "bad-duration 3:68-3:72 `estimate`: '.inf' is not a duration: it is not a finite number.",
      'bad-progress 3:84-3:88 `progress`: NaN is not a finite number.',
    ]);
  });

  it('keeps numeric ids and titles as written', () => {
    const p = parsePlan('version: 1\nproject: {name: X}\npeople: [{id: 12345678901234567890}]\nmilestones: [{id: m, title: 1.10}]\n');
    assert.deepEqual(p.diagnostics, []);
    assert.equal(p.plan!.people[0].id, '12345678901234567890');
    assert.equal(p.plan!.milestones[0].title, '1.10');
  });

  it('complex keys and non-mapping entries', () => {
    const p = parsePlan('version: 1\nproject: {name: X}\nmilestones: [{id: m, title: M, tasks: [5, ~]}]\n? [a, b]\n: c\n');
    assert.deepEqual(summary(p), [
      'bad-type 3:40-3:41 Each entry of `tasks` must be a mapping (key: value), not the number 5.',
      'bad-type 3:43-3:44 Each entry of `tasks` must be a mapping (key: value), not nothing.',
      'bad-key 4:3-4:9 Keys in project.yml must be plain words.',
    ]);
  });

  it('random bytes never throw', () => {
    let seed = 42;
    const rand = () => { seed = (seed * 1103515245 + 12345) & 0x7fffffff; return seed; };
    const alphabet = 'version: 1\nproject:{}[]-,&*!|>\'"#% \t\r\nid title tasks milestones depends 2026-01-01 ..';
    for (let i = 0; i < 300; i++) {
      let s = '';
      const n = rand() % 200;
      for (let k = 0; k < n; k++) s += alphabet[rand() % alphabet.length];
      const p = parsePlan(s);
      for (const d of p.diagnostics) {
        assert.ok(d.start.line >= 1 && d.start.col >= 1, JSON.stringify(s));
        assert.notEqual(d.code, 'internal', `${JSON.stringify(s)}: ${d.message}`);
      }
    }
  });

  const TASK_PLAN = (status: string, capacity = '1') => `version: 1\nproject: {name: X}\npeople:\n  - id: ana\n    capacity: ${capacity}\nmilestones:\n  - id: m\n    title: M\n    tasks:\n      - id: A\n        title: a\n        status: ${status}\n`;

  it('an undefined alias is an error at the alias, and the file is not edited', () => {
    const p = parsePlan(TASK_PLAN('*nosuch'));
    assert.equal(p.syntaxOk, false);
    assert.deepEqual(summary(p), ["unknown-alias 12:17-12:24 The alias '*nosuch' names no anchor: write '&nosuch' on a value above it, or write the value itself."]);
    assert.equal(setStatus(p, 'A', 'done').ok, false);
  });

  it('a double BOM: the second one is text, and an edit keeps every byte', () => {
    const body = bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], TASK_PLAN('todo'));
    const p = parsePlan(body);
    assert.equal(p.text.charCodeAt(0), 0xfeff);
    const r = setStatus(p, 'A', 'done');
    if (!r.ok) assert.fail(r.reason);
    assert.deepEqual(encodePlanText(r.text, hasUtf8Bom(body)), bytes([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], TASK_PLAN('done')));
  });

  it('an explicit tag is an error with a fix; an edit replaces the tag with the value', () => {
    const p = parsePlan(TASK_PLAN('!!binary ZG9uZQ=='));
    assert.deepEqual(summary(p), [
      "explicit-tag 12:17-12:34 Explicit YAML tags are not part of project.yml: remove '!!binary' and write the value as it is.",
      "bad-enum 12:26-12:34 `status` must be one of todo, in-progress, review, blocked, done, dropped; 'ZG9uZQ==' is not.",
    ]);
    assert.equal(applyTextEdits(p.text, p.diagnostics[0].fix!.edits), TASK_PLAN('ZG9uZQ=='));
    const r = setStatus(p, 'A', 'review');
    if (!r.ok) assert.fail(r.reason);
    assert.equal(r.text, TASK_PLAN('review'));
    const anchored = setStatus(parsePlan(TASK_PLAN('!!str &s todo')), 'A', 'review');
    assert.equal(anchored.ok && anchored.text, TASK_PLAN('&s review'), 'the anchor stays');
  });

  it('`capacity: !!merge <<` is a diagnostic at the value, not an internal error', () => {
    const p = parsePlan(TASK_PLAN('todo', '!!merge <<'));
    assert.deepEqual(summary(p), [
      "explicit-tag 5:15-5:25 Explicit YAML tags are not part of project.yml: remove '!!merge' and write the value as it is.",
      "out-of-range 5:23-5:25 `capacity`: '<<' is not a percentage: write e.g. 40% or 0.4.",
    ]);
    assert.ok(p.plan);
  });

  it('CR-only line endings are read (lines counted as an editor does); edits are refused with the reason', () => {
    const cr = TASK_PLAN('doen').replace(/\n/g, '\r');
    const p = parsePlan(cr);
    assert.equal(p.text, cr);
    assert.equal(p.plan!.tasks.length, 1);
    assert.deepEqual(summary(p).map((d) => d.slice(0, 20)), ['bad-enum 12:17-12:21']);
    const fixed = parsePlan(TASK_PLAN('todo').replace(/\n/g, '\r'));
    assert.deepEqual(fixed.diagnostics, []);
    assert.deepEqual(setStatus(fixed, 'A', 'done'), { ok: false, reason: 'project.yml has CR-only line endings; save it with LF or CRLF line endings before Waymark edits it.' });
  });

  it('runaway durations and capacities are refused with the limit', () => {
    const p = parsePlan(TASK_PLAN('todo', '1e-9').replace('        title: a\n', '        title: a\n        estimate: 400000w\n        spent: 20000000w\n'));
    assert.deepEqual(summary(p), [
      'out-of-range 5:15-5:19 `capacity` must be at least 5% (0.05 <= capacity <= 1).',
      "bad-duration 12:19-12:26 `estimate`: '400000w' is not a duration: it is more than 1000 working days (200w); split the work into several tasks.",
      'bad-duration 13:16-13:25 `spent`: it is more than 1000 working days (200w); split the work into several tasks.',
    ]);
    assert.deepEqual(parsePlan(TASK_PLAN('todo', '5%').replace('        title: a\n', '        title: a\n        estimate: 1000d\n')).diagnostics, []);
  });
});
