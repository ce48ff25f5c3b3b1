// Every language Waymark ships says everything English says: the manifest's
// texts (package.nls*.json) and the extension's and webviews' own
// (l10n/bundle.l10n*.json), with the same placeholders; and the English
// bundle holds every literal the code passes to l10n.t (else it is stale:
// run the export in CONTRIBUTING.md).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { buildPlanTree } from '../../src/vscode/tree/model';
import { shortDate, useDisplayLanguage } from '../../src/vscode/displayLanguage';

const ROOT = process.cwd();
const readJson = (p: string): Record<string, unknown> => JSON.parse(readFileSync(join(ROOT, p), 'utf8')) as Record<string, unknown>;
const placeholders = (text: string): string[] => (text.match(/\{\d+\}/g) ?? []).sort();
const textOf = (v: unknown): string => (typeof v === 'string' ? v : (v as { message: string }).message);

/** The other languages' files beside `english`, e.g. package.nls.de.json beside package.nls.json. */
function translations(dir: string, prefix: string): string[] {
  return readdirSync(join(ROOT, dir)).filter((f) => f.startsWith(`${prefix}.`) && f !== `${prefix}.json` && f.endsWith('.json')).map((f) => join(dir, f));
}

function sameKeysAndPlaceholders(english: Record<string, unknown>, other: Record<string, unknown>, name: string): void {
  assert.deepEqual(Object.keys(other).sort(), Object.keys(english).sort(), `${name}: the same keys as English`);
  for (const [key, value] of Object.entries(english)) {
    assert.deepEqual(placeholders(textOf(other[key])), placeholders(textOf(value)), `${name}: ${JSON.stringify(key)} keeps its placeholders`);
    assert.ok(textOf(other[key]).trim(), `${name}: ${JSON.stringify(key)} is not empty`);
  }
}

/** The string literals the code passes to l10n.t / vscode.l10n.t (the export's rule: a literal first argument). */
function literalsIn(dir: string, out = new Set<string>()): Set<string> {
  for (const name of readdirSync(join(ROOT, dir))) {
    const p = join(dir, name);
    if (statSync(join(ROOT, p)).isDirectory()) literalsIn(p, out);
    else if (p.endsWith('.ts')) {
      for (const m of readFileSync(join(ROOT, p), 'utf8').matchAll(/\bl10n\.t\(\s*'((?:[^'\\]|\\.)*)'/g)) out.add(m[1].replace(/\\(.)/g, '$1'));
    }
  }
  return out;
}

describe('localization', () => {
  const nls = readJson('package.nls.json');
  const bundle = readJson('l10n/bundle.l10n.json');

  it('ships German beside English', () => {
    assert.deepEqual(translations('.', 'package.nls'), ['package.nls.de.json']);
    assert.deepEqual(translations('l10n', 'bundle.l10n'), [join('l10n', 'bundle.l10n.de.json')]);
  });

  it('every package.nls.<lang>.json has every key of package.nls.json, placeholders kept', () => {
    for (const file of translations('.', 'package.nls')) sameKeysAndPlaceholders(nls, readJson(file), file);
  });

  it('every %key% of package.json has an English text, and every English text is used', () => {
    const used = new Set([...readFileSync(join(ROOT, 'package.json'), 'utf8').matchAll(/"%([^%"\s]+)%"/g)].map((m) => m[1]));
    assert.deepEqual([...used].filter((k) => !(k in nls)), [], 'placeholders without text');
    assert.deepEqual(Object.keys(nls).filter((k) => !used.has(k)), [], 'texts no placeholder uses');
    assert.equal(readJson('package.json').l10n, './l10n');
  });

  it('every bundle.l10n.<lang>.json has every key of bundle.l10n.json, placeholders kept', () => {
    for (const file of translations('l10n', 'bundle.l10n')) sameKeysAndPlaceholders(bundle, readJson(file), file);
  });

  it('bundle.l10n.json holds exactly the literals src/ and webview/ pass to l10n.t', () => {
    const literals = new Set([...literalsIn('src'), ...literalsIn('webview')]);
    assert.ok(literals.size > 100, `found ${literals.size} literals`);
    assert.deepEqual([...literals].filter((k) => !(k in bundle)), [], 'in the code, missing from the bundle (run the export)');
    assert.deepEqual(Object.keys(bundle).filter((k) => !literals.has(k)), [], 'in the bundle, no longer in the code');
  });

  it('the Plan view model speaks the configured language', () => {
    const plan = { milestones: [], backlog: [], tasks: [], risks: [], sprints: [], people: [], byId: new Map(), project: { name: 'P' } };
    const source = { key: 'k', folderName: 'f', plan } as unknown as Parameters<typeof buildPlanTree>[0][0];
    const german = readJson('l10n/bundle.l10n.de.json') as Record<string, string>;
    try {
      l10n.config({ contents: german });
      const roots = buildPlanTree([source, { ...source, key: 'k2' }]).roots;
      assert.match(String(roots[0].tooltip), /Ordner: f/);
      assert.match(String(roots[0].tooltip), /0 Aufgaben/);
    } finally {
      l10n.config({ contents: {} });
    }
    assert.match(String(buildPlanTree([source, { ...source, key: 'k2' }]).roots[0].tooltip), /Folder: f/);
  });

  it('the view models write dates in the display language (Intl), not with English month names', () => {
    try {
      useDisplayLanguage('de');
      assert.equal(shortDate('2026-03-09', '2026-01-01'), '9. März');
      assert.equal(shortDate('2027-12-09', '2026-01-01'), '9. Dez. 2027');
    } finally {
      useDisplayLanguage('en');
    }
    assert.equal(shortDate('2026-03-09', '2026-01-01'), 'Mar 9');
    assert.equal(shortDate('2027-12-09', '2026-01-01'), 'Dec 9, 2027');
  });
});
