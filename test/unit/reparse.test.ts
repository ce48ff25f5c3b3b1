// The incremental reparse (src/core/reparse.ts) must give exactly what a full
// parsePlan of the new text gives: the same plan (every field and span), the
// same diagnostics with the same positions and fixes, and a syntax tree the
// edits work on. Checked after each of thousands of seeded random edits
// (characters typed and deleted, statuses changed, indentation broken, lines
// and comments added, blocks pasted) on the demo plan and on generated plans,
// each edit starting from the previous result, as the editor chains them.
// Also: the edits that are not clearly local take the full parse.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setStatus, setTaskField } from '../../src/core/edit';
import { parsePlan, type ParsedPlan } from '../../src/core/parse';
import { reparsePlan } from '../../src/core/reparse';
import { documentOf, documentShapeOf } from '../../src/core/syntaxTree';
import { visit } from 'yaml';
import { mulberry32 as rng } from './seededRandom';

const ROOT = join(__dirname, '../../..');
const DEMO = readFileSync(join(ROOT, 'examples/demo/project.yml'), 'utf8');

/** The bench's plan generator (bench/cases/parse.mjs), run in a child process: it is an ES module. */
function generated(n: number, seed: number): string {
  const url = `file://${join(ROOT, 'bench/cases/parse.mjs')}`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', `import { generatePlan } from ${JSON.stringify(url)}; process.stdout.write(generatePlan(${n}, ${seed}));`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** A parse as the editor makes it: one reparsePlan can start from (ParseOptions.reparse). */
const editorParse = (text: string) => parsePlan(text, { reparse: true });

/** Everything a caller can read of a parse. */
function seen(p: ParsedPlan): unknown {
  const probes = [0, 1, p.text.length >> 2, p.text.length >> 1, p.text.length - 1, p.text.length];
  for (let o = 0; o < p.text.length; o += 97) probes.push(o);
  const lines = p.text.split('\n').length;
  const lineStarts: number[] = [];
  for (let line = 1; line <= lines + 1; line++) lineStarts.push(p.offsetAt({ line, col: 1 }));
  return {
    text: p.text, version: p.version, syntaxOk: p.syntaxOk, plan: p.plan, diagnostics: p.diagnostics,
    positions: probes.map((o) => p.positionAt(o)), offsets: probes.map((o) => p.offsetAt(p.positionAt(o))), lineStarts,
  };
}

/** The edits Waymark would make on a parse, which read its syntax tree (first, middle and last task). */
function edits(p: ParsedPlan): unknown {
  const tasks = p.plan?.tasks ?? [];
  const picks = [tasks[0], tasks[tasks.length >> 1], tasks[tasks.length - 1]].filter((t) => t !== undefined);
  return picks.map((t) => [setStatus(p, t.id, t.status === 'done' ? 'todo' : 'done'), setTaskField(p, t.id, 'estimate', '2d')]);
}

/** Every node's range in the syntax tree, in document order (what edits and the id index read). */
function ranges(p: ParsedPlan): unknown[] {
  const doc = documentOf(p);
  const out: unknown[] = [doc?.range];
  if (doc) visit(doc, { Node(_k, n) { out.push(n.range); } });
  return out;
}

/** Offsets inside task entries: the edits the editor sees most (and the incremental path takes). */
function taskOffsets(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n      - id: '); i >= 0; i = text.indexOf('\n      - id: ', i + 1)) out.push(i + 9);
  return out;
}

const STATUSES = ['todo', 'in-progress', 'review', 'done', 'blocked', 'dnoe', '"done"', '[done]', ''];
/** Mostly what people type (letters, digits, spaces), sometimes what matters to YAML. */
const TYPED = [...'abcdefghijklmnopqrstuvwxyz0123456789    ', ...':-#"\'[],{}|>&*!\t\n'];

/** One random small edit of `text`: [offset, length removed, text inserted]. */
function randomEdit(text: string, r: () => number): [number, number, string] {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)];
  const inTask = taskOffsets(text);
  // Mostly inside a task (where typing happens), sometimes anywhere.
  const base = inTask.length && r() < 0.85 ? pick(inTask) + Math.floor(r() * 160) : Math.floor(r() * text.length);
  const at = Math.min(text.length, base);
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) < 0 ? text.length : text.indexOf('\n', at);
  switch (Math.floor(r() * 10)) {
    case 0: case 1: return [at, 0, pick(TYPED)]; // a character typed
    case 2: return [at, Math.min(1 + Math.floor(r() * 4), text.length - at), '']; // characters deleted
    case 3: { // a status changed
      const s = text.indexOf('status: ', at);
      if (s < 0) return [at, 0, 'x'];
      const v = s + 'status: '.length;
      const end = text.slice(v).search(/[ \n]/);
      return [v, end < 0 ? 0 : end, pick(STATUSES)];
    }
    case 4: return r() < 0.5 ? [lineStart, 0, ' '] : [lineStart, text[lineStart] === ' ' ? 1 : 0, '']; // indentation broken
    case 5: return [lineEnd, 0, pick(['\n        priority: high', '\n        tags: [ui]', '\n        estimate: 3x', '\n        depends: [NOPE-1]', '\n      - id: NEW-1\n        title: New'])]; // a line added
    case 6: return [lineEnd, 0, pick(['   # a comment', '\n        # a comment', '\n      # a comment', ' #'])]; // a comment added
    case 7: { // a block pasted (a copy of some task entry, at a line start)
      const from = inTask.length ? pick(inTask) - 2 : lineStart;
      const next = text.indexOf('\n      - ', from + 1);
      const block = text.slice(from, next < 0 ? Math.min(text.length, from + 200) : next + 1);
      return [lineStart, 0, block];
    }
    case 8: { // an id or a dependency changed: duplicates, unknown and self references
      const d = text.indexOf('depends: [', at);
      if (d < 0) return [at, 0, 'BEN-1, '];
      return [d + 'depends: ['.length, 0, pick(['NOPE-1, ', 'BEN-1, ', 'RET-1, ', 'M1, '])];
    }
    default: return [at, Math.min(Math.floor(r() * 3), text.length - at), pick(['x', '', ' ', ': ', '- '])];
  }
}

function apply(text: string, [at, len, ins]: [number, number, string]): string {
  return text.slice(0, at) + ins + text.slice(at + len);
}

/** Parses `next` from `prev` and checks it against a full parse; true when the incremental path ran. */
function step(prev: ParsedPlan, next: string, where: string, checkEdits: boolean): { got: ParsedPlan; incremental: boolean } {
  // The tree's shape, not documentOf: that would bring its ranges up to date after every edit,
  // and the moves an incremental reparse leaves pending must also add up over several edits.
  const tree = documentShapeOf(prev);
  const got = reparsePlan(prev, next);
  const want = parsePlan(next);
  assert.deepStrictEqual(seen(got), seen(want), where);
  if (checkEdits) {
    assert.deepStrictEqual(edits(got), edits(want), `edits after ${where}`);
    assert.deepStrictEqual(ranges(got), ranges(want), `syntax tree after ${where}`);
  }
  return { got, incremental: tree !== undefined && documentShapeOf(got) === tree };
}

/** Runs `steps` random edits from `text`, each reparsed from the last result and compared with a full parse. */
function chain(name: string, text: string, seed: number, steps: number): number {
  const r = rng(seed);
  let prev = editorParse(text);
  let incremental = 0;
  for (let i = 0; i < steps; i++) {
    const edit = randomEdit(prev.text, r);
    const where = `${name}, seed ${seed}, step ${i}: ${JSON.stringify(edit)}`;
    const before = prev;
    const done = step(prev, apply(prev.text, edit), where, i % 4 === 3);
    incremental += done.incremental ? 1 : 0;
    // The parse it started from still reads and edits as before (its tree comes back on demand).
    if (i % 9 === 0) assert.deepStrictEqual(edits(before), edits(parsePlan(before.text)), `edits of the previous parse, ${where}`);
    prev = done.got;
    // Half the edits are typed away again (undo); every few steps the file starts over, so the
    // chain does not drift into a file the fast reader leaves to yaml, where nothing is tested.
    if (r() < 0.5) {
      const undo: [number, number, string] = [edit[0], edit[2].length, before.text.slice(edit[0], edit[0] + edit[1])];
      const back = step(prev, apply(prev.text, undo), `undo of ${where}`, false);
      incremental += back.incremental ? 1 : 0;
      prev = back.got;
    }
    if (i % 10 === 9) prev = editorParse(text);
  }
  return incremental;
}

describe('incremental reparse', () => {
  let small: string;
  let medium: string;
  before(() => {
    small = generated(60, 3);
    medium = generated(400, 5);
  });

  it('equals a full parse after every random edit of the demo plan', function () {
    this.timeout(120_000); // a full parse and two deep comparisons per edit, on a shared machine
    let hits = 0;
    for (let seed = 1; seed <= 4; seed++) hits += chain('demo', DEMO, seed, 40);
    // Most edits are inside a task: the incremental path must be what ran there.
    assert.ok(hits > 40, `only ${hits} of about 240 edits took the incremental path`);
  });

  it('equals a full parse after every random edit of generated plans', function () {
    this.timeout(120_000);
    let hits = 0;
    for (let seed = 1; seed <= 4; seed++) hits += chain('generated 60', small, seed, 40);
    hits += chain('generated 400', medium, 101, 12);
    assert.ok(hits > 40, `only ${hits} of about 250 edits took the incremental path`);
  });

  it('types a title, a wrong dependency and takes it back, as the bench does, incrementally', () => {
    let prev = editorParse(medium);
    const at = medium.indexOf('"', medium.indexOf('- id: BEN-200\n')) + 1;
    const dep = medium.indexOf('depends: [', medium.indexOf('- id: BEN-201\n')) + 'depends: ['.length;
    const steps: [number, number, string][] = [[at, 0, 'x'], [at + 1, 0, 'y'], [dep + 2, 0, 'BEN-0, '], [dep + 2, 7, ''], [at, 2, '']];
    for (const s of steps) {
      const tree = documentShapeOf(prev);
      const next = reparsePlan(prev, apply(prev.text, s));
      assert.equal(documentShapeOf(next), tree, `not incremental: ${JSON.stringify(s)}`);
      assert.deepStrictEqual(seen(next), seen(parsePlan(next.text)));
      prev = next;
    }
    // Five edits' moves were pending: the tree, brought up to date, edits as a fresh parse's does.
    assert.deepStrictEqual(edits(prev), edits(parsePlan(prev.text)));
    assert.ok(prev.diagnostics.length === 0 && prev.text === medium);
  });

  it('keeps the tree\'s ranges right over a long run of edits nobody reads it between (it settles on its own)', () => {
    // Characters typed and deleted across the file: more moves than MovingTree keeps pending (64), some of them deletions.
    const r = rng(7);
    let prev = editorParse(medium);
    const tree = documentShapeOf(prev);
    for (let i = 0; i < 150; i++) {
      const titles = taskOffsets(prev.text).map((o) => prev.text.indexOf('"', o) + 1);
      const at = titles[Math.floor(r() * titles.length)];
      // Long insertions and deletions: the offsets each move treats differently from the one before are many.
      const end = prev.text.indexOf('"', at);
      const edit: [number, number, string] = r() < 0.4 ? [at, Math.min(end - at, 1 + Math.floor(r() * 30)), ''] : [at, 0, 'x'.repeat(1 + Math.floor(r() * 40))];
      prev = reparsePlan(prev, apply(prev.text, edit));
    }
    assert.equal(documentShapeOf(prev), tree, 'not incremental');
    assert.deepStrictEqual(ranges(prev), ranges(parsePlan(prev.text)));
    assert.deepStrictEqual(edits(prev), edits(parsePlan(prev.text)));
  });

  it('reports a dependency cycle typed into one task, and its end when typed away', () => {
    // BEN-201 depends on X: X depending on BEN-201 closes a cycle.
    const deps = medium.indexOf('depends: [', medium.indexOf('- id: BEN-201\n')) + 'depends: ['.length;
    const x = /^[^,\]]+/.exec(medium.slice(deps))![0];
    const at = medium.indexOf('depends: [', medium.indexOf(`- id: ${x}\n`)) + 'depends: ['.length;
    let prev = editorParse(medium);
    for (const s of [[at, 0, 'BEN-201, '], [at, 9, '']] as [number, number, string][]) {
      const tree = documentShapeOf(prev);
      const next = reparsePlan(prev, apply(prev.text, s));
      assert.equal(documentShapeOf(next), tree, `not incremental: ${JSON.stringify(s)}`);
      assert.deepStrictEqual(seen(next), seen(parsePlan(next.text)));
      prev = next;
    }
    assert.ok(prev.diagnostics.length === 0);
    const cyclic = reparsePlan(editorParse(medium), apply(medium, [at, 0, 'BEN-201, ']));
    assert.deepStrictEqual(cyclic.diagnostics.map((d) => d.code), ['cycle']);
  });

  it('takes the full parse when the edit is not clearly inside one task', () => {
    const t = small;
    const task = t.indexOf('- id: BEN-10\n');
    const next = t.indexOf('- id: BEN-11\n');
    const cases: [string, string][] = [
      ['the project name', apply(t, [t.indexOf('Parse bench') + 2, 0, 'x'])],
      ['a top-level key', apply(t, [t.indexOf('\nrisks:') + 1, 0, 'x'])],
      ['a tab inside a task', apply(t, [task + 8, 0, '\t'])],
      ['a CR inside a task', apply(t, [task + 8, 0, '\r'])],
      ['across two tasks', apply(t, [task + 10, next - task, ''])],
      ['the dash of a task', apply(t, [task + 1, 0, ' '])],
      ['a new task after the last line of one', apply(t, [next - 6, 0, '- id: NEW-1\n        title: New\n      '])],
      ['an anchor and an alias', apply(apply(t, [t.indexOf('\n', task + 14), 0, ' &t']), [next + 6, 0, ' *t #'])],
      ['a document marker', apply(t, [next - 6, 0, '---\n'])],
      ['a milestone\'s own key', apply(t, [t.indexOf('title: Milestone 1') + 9, 0, 'x'])],
      ['the indentation of a task\'s last line', apply(t, [t.lastIndexOf('\n', next - 7) + 1, 0, ' '])],
    ];
    for (const [what, text] of cases) {
      const prev = editorParse(t);
      const tree = documentOf(prev);
      const got = reparsePlan(prev, text);
      assert.notEqual(documentOf(got), tree, `${what}: the incremental path ran`);
      assert.deepStrictEqual(seen(got), seen(parsePlan(text)), what);
    }
    // A CRLF file is always read in full.
    const crlf = t.replace(/\n/g, '\r\n');
    const prev = editorParse(crlf);
    const tree = documentOf(prev);
    const got = reparsePlan(prev, apply(crlf, [crlf.indexOf('"', crlf.indexOf('- id: BEN-10\r\n')) + 1, 0, 'x']));
    assert.notEqual(documentOf(got), tree, 'CRLF: the incremental path ran');
    assert.deepStrictEqual(seen(got), seen(parsePlan(got.text)));
  });

  it('starts only from a parse asked to keep its reparse state (the CLI\'s parses keep none)', () => {
    const at = small.indexOf('"', small.indexOf('- id: BEN-5\n')) + 1;
    const cli = parsePlan(small);
    const tree = documentOf(cli);
    const full = reparsePlan(cli, apply(small, [at, 0, 'a']));
    assert.notEqual(documentOf(full), tree, 'the incremental path ran from a parse without the reparse option');
    assert.deepStrictEqual(seen(full), seen(parsePlan(full.text)));
    // The full parse reparsePlan fell back to is a base for the next one; so is a parse with the option.
    for (const base of [full, editorParse(full.text)]) {
      const kept = documentOf(base);
      const next = reparsePlan(base, apply(full.text, [at, 0, 'b']));
      assert.equal(documentOf(next), kept, 'not incremental from a parse kept for reparsing');
      assert.deepStrictEqual(seen(next), seen(parsePlan(next.text)));
    }
  });

  it('starts from a parse once: a second edit from the same parse is a full parse', () => {
    const prev = editorParse(small);
    const at = small.indexOf('"', small.indexOf('- id: BEN-5\n')) + 1;
    const tree = documentOf(prev);
    const a = reparsePlan(prev, apply(small, [at, 0, 'a']));
    const b = reparsePlan(prev, apply(small, [at, 0, 'b']));
    assert.equal(documentOf(a), tree);
    assert.notEqual(documentOf(b), tree);
    assert.deepStrictEqual(seen(a), seen(parsePlan(a.text)));
    assert.deepStrictEqual(seen(b), seen(parsePlan(b.text)));
    // The same text again is the same parse.
    assert.equal(reparsePlan(b, b.text), b);
  });
});
