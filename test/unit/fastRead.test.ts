// The fast read paths of project.yml must give exactly what yaml's own
// parseDocument gives: the same nodes (kind, value, range, style, comments),
// the same errors and warnings, hence the same plan and diagnostics. Checked
// on the demo, on generated plans of up to 2k tasks (the bench's generator),
// on hostile snippets and on seeded mutants of the demo (error cases).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, visit, isMap, isPair, isScalar, isSeq, type Document } from 'yaml';
import { readFastDocument } from '../../src/core/fastYaml';
import { parsePlan } from '../../src/core/parse';
import { parseYamlDocument } from '../../src/core/yamlLib';
import { mutate } from './mutants';
import { mulberry32 as rng } from './seededRandom';

const ROOT = join(__dirname, '../../..');
const DEMO = readFileSync(join(ROOT, 'examples/demo/project.yml'), 'utf8');

/** The bench's plan generator (bench/cases/parse.mjs), run in a child process: it is an ES module. */
function generated(n: number, seed: number): string {
  const url = `file://${join(ROOT, 'bench/cases/parse.mjs')}`;
  return execFileSync(process.execPath, ['--input-type=module', '-e', `import { generatePlan } from ${JSON.stringify(url)}; process.stdout.write(generatePlan(${n}, ${seed}));`], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Every property of every node that a reader of the Document can see, in document order. */
function shapeOf(doc: Document): unknown[] {
  const out: unknown[] = [{ range: doc.range, comment: doc.comment, commentBefore: doc.commentBefore, contents: doc.contents === null ? null : 'node' }];
  const common = (n: { range?: unknown; comment?: unknown; commentBefore?: unknown; spaceBefore?: unknown; anchor?: unknown; tag?: unknown }) =>
    ({ range: n.range, comment: n.comment, commentBefore: n.commentBefore, spaceBefore: n.spaceBefore, anchor: n.anchor, tag: n.tag });
  visit(doc, {
    Scalar(_k, n) { out.push({ kind: 'scalar', ...common(n), value: n.value, type: n.type, source: n.source, format: n.format, minFractionDigits: n.minFractionDigits }); },
    Map(_k, n) { out.push({ kind: 'map', ...common(n), flow: n.flow, items: n.items.length }); },
    Seq(_k, n) { out.push({ kind: 'seq', ...common(n), flow: n.flow, items: n.items.length }); },
    Pair(_k, n) { out.push({ kind: 'pair', key: isScalar(n.key) || isMap(n.key) || isSeq(n.key) ? 'node' : n.key, value: n.value === null ? null : 'node' }); },
    Alias(_k, n) { out.push({ kind: 'alias', ...common(n), source: n.source }); },
  });
  return out;
}

function problemsOf(doc: Document): unknown {
  const p = (e: { code: string; pos: [number, number]; message: string }) => ({ code: e.code, pos: e.pos, message: e.message });
  return { errors: doc.errors.map(p), warnings: doc.warnings.map(p) };
}

const OPTIONS = { uniqueKeys: true, keepSourceTokens: false } as const;

let texts: { name: string; text: string }[] | undefined;

/** Texts worth comparing: real plans, big plans, and broken ones (built once). */
function corpus(): { name: string; text: string }[] {
  return (texts ??= buildCorpus());
}

function buildCorpus(): { name: string; text: string }[] {
  const texts = [
    { name: 'demo', text: DEMO },
    { name: 'demo, CRLF', text: DEMO.replace(/\n/g, '\r\n') },
    { name: 'generated 200 tasks', text: generated(200, 7) },
    { name: 'generated 2000 tasks', text: generated(2000, 11) },
    { name: 'two documents', text: 'version: 1\n---\nversion: 2\n' },
    { name: 'duplicate key', text: 'version: 1\nversion: 1\n' },
    { name: 'tab indent', text: 'project:\n\tname: x\n' },
    { name: 'anchors', text: 'a: &x [1, 2]\nb: *x\nc: !!str 3\n' },
    { name: 'empty', text: '' },
  ];
  // Where comments, blank lines and block text end decides ranges: each shape yaml treats its own way.
  const snippets = [
    'a:\n  b: 1\n\n  # c\nd: 2\n', 'a:\n  - x: 1\n    # c\n  - x: 2\n    # tail\n# top\nd: 2\n', 'a: |\n  t\n\n\nb: 1\n',
    'a: |\n  t\n  # no\n\nb: 1', 'a:   # c\n  b: 1\n', 'a: # c\nb: 1\n', 'a: [1, 2]   # c\nb: "x y"  \n', 'k:\n- a\n- b\n', 'a:\n  b:\n  c: 1\n',
    'a:\n  b: 1\n\nd: 2\n', '# head\n\na: 1\n', 'a:\n  # about b\n  b: 1\n', 'a:\n  - x: 1\n  # sep\n  - x: 2\n', 'a:\n  - x: 1\n\n  # sep\n\n  - x: 2\n',
    'a:   \nb: 1\n', 'a: x   \n', 'a: 1\n# end\n', 'a:\n  b: 1\n# end\n', 'a:\n  b: 1\n  # end\n', 'a: |\n  t\n\n', 'a: |\n  t\n# c\nb: 1\n',
    'a:\n  - b\n  # c\nd: 1\n', 'a: { x: 1 }\nb: [ a ]\nc: {x: [1, 2]}   \n', 'k:\n- a\n# c\nd: 1\n', 'a:\n  b: 1\n  # end\n\nc: 1\n', 'a:\n  b: |-\n    t\n\n  c: 1\n',
    '# h\na: 1\n# e\n', "a: 'It''s'\nb: \"\"\nc: ''\n", 'a: |-\n  x\n    y\n\n  z\n', 'a: |\n  x', 'a: 0.50\nb: 0x1F\nc: 1e3\nd: .inf\ne: ~\nf: True\ng: 007\n',
    'a:\n  - [1, {b: c}]\n  - "q"\n  - {}\n', 'a:\n  b:\n    - c\n      # deep\n  # mid\nd: 1\n', 'a:\n  - b: 1\n    c: 2\n# x\n  - b: 3\n', 'a: b #c\n', 'a: b#c\n',
    'a: http://x.y/z?q=1\nb: [http://x.y, c]\n', 'a:\n  -  b: 1\n     c: 2\n', 'a: x\n  y\n', 'a: [x,\n  y]\n', 'a: - b\n', 'a:\n    b: 1\n  c: 2\n', 'a: 1\na: 2\n',
    'a:\n  - b\n  -\n  - c\n', 'a: "x\\ty"\n', 'a: "x\n  y"\n', 'a: >\n  x\n', 'a: |2\n   x\n', 'a: |+\n  x\n\n', 'a: [a, ]\n', '- a\n- b\n', 'a\n', 'a: {b}\n',
    'a:\n  b: 1\n  # c\n  d: 2\n', 'a: {b: 1, b: 2}\n', 'a: [{b: 1}, {b: 1, c: [x, x]}]\n', 'a:\n  - b: 1\n    # c\n    d: 2\n  # e\n  - b: 3\n', 'a:\n  b:\n  # c\n  d: 1\n', 'a:\n\n  # c\n\n  b: 1\n',
  ];
  snippets.forEach((text, i) => texts.push({ name: `snippet ${i}: ${JSON.stringify(text)}`, text }, { name: `snippet ${i}, CRLF`, text: text.replace(/\n/g, '\r\n') }));
  texts.push({ name: 'generated 200 tasks, CRLF', text: texts[2].text.replace(/\n/g, '\r\n') }, { name: 'CRLF and a lone CR', text: 'a: 1\r\nb: 2\rc: 3\r\n' });
  const r = rng(20261207);
  for (let i = 0; i < 300; i++) texts.push({ name: `demo mutant ${i}`, text: mutate(DEMO, r) });
  return texts;
}

describe('fast read of project.yml: same Document as yaml parseDocument', function () {
  this.timeout(120_000);
  const texts = corpus();

  it('parseYamlDocument (the parser without its per-token environment read)', () => {
    for (const { name, text } of texts) {
      const want = parseDocument(text, { ...OPTIONS, prettyErrors: false });
      const got = parseYamlDocument(text, OPTIONS);
      assert.deepStrictEqual(shapeOf(got), shapeOf(want), name);
      assert.deepStrictEqual(problemsOf(got), problemsOf(want), name);
    }
  });
});

describe('fast read of project.yml: the fast reader builds what yaml builds', function () {
  this.timeout(120_000);
  const texts = corpus();
  /** Comments on nodes are not built by the fast reader (nothing reads them); everything else must match. */
  const withoutComments = (doc: Document) => shapeOf(doc).slice(1).map((x) => {
    const { comment: _c, commentBefore: _cb, spaceBefore: _sb, ...rest } = x as Record<string, unknown>;
    return rest;
  });

  it('reads the demo and generated plans itself', () => {
    for (const { name, text } of texts.filter((t) => t.name.startsWith('demo,') || t.name === 'demo' || t.name.startsWith('generated'))) {
      assert.ok(readFastDocument(text), `${name}: left to yaml`);
    }
  });

  it('builds the same nodes, or leaves the text to yaml', () => {
    let fast = 0;
    for (const { name, text } of texts) {
      const got = readFastDocument(text);
      if (!got) continue;
      fast++;
      const want = parseDocument(text, { ...OPTIONS, prettyErrors: false });
      assert.deepStrictEqual(problemsOf(want), { errors: [], warnings: [] }, `${name}: read fast, but yaml reports problems`);
      assert.deepStrictEqual(withoutComments(got), withoutComments(want), name);
    }
    assert.ok(fast > 10, `only ${fast} texts were read fast`);
  });

  it('its nodes are yaml nodes to every reader: kinds, classes, own properties, clone, edits, output', () => {
    const got = readFastDocument(DEMO)!;
    const want = parseDocument(DEMO, { ...OPTIONS, prettyErrors: false });
    const nodes = (doc: Document): unknown[] => {
      const out: unknown[] = [];
      visit(doc, { Node(_k, n) { out.push(n); }, Pair(_k, n) { out.push(n); } });
      return out;
    };
    const a = nodes(got);
    const b = nodes(want);
    assert.equal(a.length, b.length);
    a.forEach((n, i) => {
      const m = b[i] as object;
      // Its class's prototype, or one between (where the fast reader keeps the kind symbol).
      const proto = Object.getPrototypeOf(n) as object;
      assert.ok(proto === Object.getPrototypeOf(m) || Object.getPrototypeOf(proto) === Object.getPrototypeOf(m), `node ${i}: class`);
      assert.ok(n instanceof (m.constructor as new () => object), `node ${i}: instanceof`);
      const kinds: ((x: unknown) => boolean)[] = [isMap, isSeq, isScalar, isPair];
      for (const is of kinds) assert.equal(is(n), is(m), `node ${i}: ${is.name}`);
      // The same enumerable own keys (yaml's optional ones aside) and the same hidden ones.
      const keys = (x: object) => Object.keys(x).filter((k) => !['comment', 'commentBefore', 'spaceBefore', 'srcToken'].includes(k)).sort();
      assert.deepEqual(keys(n as object), keys(m), `node ${i}: keys`);
      assert.equal(Object.getOwnPropertyDescriptor(n, 'schema')?.enumerable, Object.getOwnPropertyDescriptor(m, 'schema')?.enumerable, `node ${i}: schema`);
    });
    assert.deepEqual(got.toJS(), want.toJS());
    const copy = got.clone();
    assert.deepEqual(copy.toJS(), want.toJS());
    copy.setIn(['project', 'name'], 'Renamed');
    assert.equal(copy.getIn(['project', 'name']), 'Renamed');
    assert.equal(got.getIn(['project', 'name']), want.getIn(['project', 'name']), 'the clone is a copy');
    got.setIn(['project', 'name'], 'Renamed');
    want.setIn(['project', 'name'], 'Renamed');
    // (Its output lacks the comments, which the fast reader does not build: Waymark's edits are splices of the text.)
    assert.deepEqual(got.toJS(), want.toJS());
    assert.deepEqual(String(got.get('project', true)), String(want.get('project', true)));
  });
});

describe('fast read of project.yml: the same plan and diagnostics either way', function () {
  this.timeout(120_000);
  /** The plan as data: Maps as entries, so that deepStrictEqual sees every item and field. */
  const data = (x: unknown) => (x === undefined ? undefined : JSON.parse(JSON.stringify(x, (_k, v: unknown) => (v instanceof Map ? [...v] : v instanceof Set ? [...v] : v))) as unknown);

  it('parsePlan gives the same plan, diagnostics (with line and column) and syntax verdict', () => {
    for (const { name, text } of corpus()) {
      const fast = parsePlan(text);
      const slow = parsePlan(text, { yamlOnly: true });
      assert.deepStrictEqual(data(fast.diagnostics), data(slow.diagnostics), name);
      assert.deepStrictEqual(data(fast.plan), data(slow.plan), name);
      assert.equal(fast.syntaxOk, slow.syntaxOk, name);
      assert.equal(fast.version, slow.version, name);
    }
  });

  it('a plan read fast still reports its rule diagnostics at the same line and column', () => {
    const text = 'version: 1\nproject:\n  name: P\nmilestones:\n  - id: M1\n    tasks:\n      - id: T1\n        status: doing   # typo\n        estimate: 3x\n';
    assert.ok(readFastDocument(text), 'left to yaml');
    const got = parsePlan(text).diagnostics.map((d) => `${d.code}@${d.start.line}:${d.start.col}`);
    assert.deepStrictEqual(got, parsePlan(text, { yamlOnly: true }).diagnostics.map((d) => `${d.code}@${d.start.line}:${d.start.col}`));
    assert.ok(got.includes('bad-enum@8:17') && got.some((d) => d.startsWith('bad-duration@9:')), got.join(', '));
  });
});
