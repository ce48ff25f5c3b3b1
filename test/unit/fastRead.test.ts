// The fast read paths of project.yml must give exactly what yaml's own
// parseDocument gives: the same nodes (kind, value, range, style, comments),
// the same errors and warnings, hence the same plan and diagnostics. Checked
// on the demo, on generated plans of up to 2k tasks (the bench's generator),
// on hostile snippets and on seeded mutants of the demo (error cases).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, visit, isMap, isScalar, isSeq, type Document } from 'yaml';
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
export function shapeOf(doc: Document): unknown[] {
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

export function problemsOf(doc: Document): unknown {
  const p = (e: { code: string; pos: [number, number]; message: string }) => ({ code: e.code, pos: e.pos, message: e.message });
  return { errors: doc.errors.map(p), warnings: doc.warnings.map(p) };
}

const OPTIONS = { uniqueKeys: true, keepSourceTokens: false } as const;

/** Texts worth comparing: real plans, big plans, and broken ones. */
export function corpus(): { name: string; text: string }[] {
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
  const r = rng(20261207);
  for (let i = 0; i < 150; i++) texts.push({ name: `demo mutant ${i}`, text: mutate(DEMO, r) });
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
