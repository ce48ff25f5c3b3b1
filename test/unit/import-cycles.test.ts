// No runtime import cycle in src/ or webview/: a cycle makes module
// initialisation order matter (a half-initialised module hands out undefined
// exports) and ties layers together. Type-only imports are erased by the
// compiler and do not count; neither do lazy require() calls.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..', '..');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'vendor' && name !== 'node_modules') sourceFiles(p, out); }
    else if (p.endsWith('.ts') && !p.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Relative modules a file loads at runtime: `import`/`export ... from` that are not type-only, and bare `import '...'`. */
export function runtimeImports(text: string): string[] {
  const specs: string[] = [];
  const re = /^\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s*['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[5]) { specs.push(m[5]); continue; }
    if (m[2]) continue;
    const clause = m[3];
    const braces = /\{([^}]*)\}/.exec(clause);
    const outside = braces ? clause.replace(braces[0], '').replace(/,/g, '').trim() : clause.trim();
    const names = braces ? braces[1].split(',').map((s) => s.trim()).filter(Boolean) : [];
    // `import { type A, type B } from` loads nothing either.
    if (!outside && names.length > 0 && names.every((n) => n.startsWith('type '))) continue;
    specs.push(m[4]);
  }
  return specs.filter((s) => s.startsWith('.'));
}

function resolveModule(from: string, spec: string): string | undefined {
  const base = resolve(dirname(from), spec);
  for (const c of [`${base}.ts`, join(base, 'index.ts')]) if (existsSync(c)) return c;
  return undefined;
}

/** Every cycle's members (strongly connected components of more than one module, or a self-import). */
export function findCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const cycles: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index); low.set(v, index); index++;
    stack.push(v); on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) { visit(w); low.set(v, Math.min(low.get(v)!, low.get(w)!)); }
      else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const comp: string[] = [];
      let w: string;
      do { w = stack.pop()!; on.delete(w); comp.push(w); } while (w !== v);
      if (comp.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(comp.sort());
    }
  };
  for (const v of graph.keys()) if (!idx.has(v)) visit(v);
  return cycles;
}

describe('imports: no runtime cycle', () => {
  it('finds cycles, and ignores type-only imports (the checker itself)', () => {
    assert.deepEqual(runtimeImports(`import type { A } from './a';\nimport { type B } from './b';\nimport { c, type D } from './c';\nexport { e } from './e';\nexport type { F } from './f';\nimport './g';\nimport x from 'yaml';`),
      ['./c', './e', './g']);
    assert.deepEqual(findCycles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]])), [['a', 'b', 'c']]);
    assert.deepEqual(findCycles(new Map([['a', ['b']], ['b', []]])), []);
  });

  it('src/ and webview/ import each other without a cycle', () => {
    const files = [...sourceFiles(join(ROOT, 'src')), ...sourceFiles(join(ROOT, 'webview'))];
    assert.ok(files.length > 50, `found only ${files.length} source files under ${ROOT}`);
    const graph = new Map<string, string[]>();
    for (const f of files) {
      graph.set(f, runtimeImports(readFileSync(f, 'utf8')).map((s) => resolveModule(f, s)).filter((x): x is string => x !== undefined));
    }
    const cycles = findCycles(graph).map((c) => c.map((f) => relative(ROOT, f)));
    assert.deepEqual(cycles, [], `runtime import cycles:\n${cycles.map((c) => `  ${c.join(' <-> ')}`).join('\n')}`);
  });
});
