// Keeps schemas/project.schema.json (what editors with the YAML extension use)
// and the validator (what Waymark reports) in agreement: same keys, same
// enums, same required keys, and the same verdict on real and broken files.
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { HEALTHS, LEVELS, PRIORITIES, RISK_STATUSES, TASK_STATUSES, WEEKDAYS } from '../../src/core/model';
import { parsePlan } from '../../src/core/parse';
import { isWaymarkPlan } from '../../src/core/planRecognition';
import { KNOWN_KEYS, REQUIRED_KEYS } from '../../src/core/validate';

type Schema = { [k: string]: unknown };
const ROOT = process.cwd();
const schema = JSON.parse(readFileSync(join(ROOT, 'schemas', 'project.schema.json'), 'utf8')) as Schema;

const ajv = new Ajv({ allErrors: true }) // strict by default: an unknown keyword is an error;
const validateSchema = ajv.compile(schema);

/** The schema's verdict (ajv, the JSON Schema validator): one `path: problem` per error. */
function check(v: unknown): string[] {
  return validateSchema(v) ? [] : (validateSchema.errors ?? []).map((e) => `${e.instancePath || '$'}: ${e.message ?? e.keyword}`);
}

function defs(): Record<string, Schema> { return schema.definitions as Record<string, Schema>; }
function propsOf(s: Schema): Record<string, Schema> { return s.properties as Record<string, Schema>; }
function enumAt(s: Schema): unknown { return s.enum ?? (s.items as Schema | undefined)?.enum; }

function planFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...planFiles(p));
    else if (name === 'project.yml') out.push(p);
  }
  return out;
}

describe('schema and validator agree', () => {
  it('on the keys of every kind and on required keys', () => {
    const kinds: [keyof typeof KNOWN_KEYS, Schema][] = [
      ['top', defs().plan], ['project', defs().project], ['calendar', propsOf(defs().project).calendar], ['budget', propsOf(defs().project).budget],
      ['person', defs().person], ['milestone', defs().milestone], ['task', defs().task], ['sprint', defs().sprint], ['risk', defs().risk],
    ];
    for (const [kind, s] of kinds) {
      assert.deepEqual(Object.keys(propsOf(s)).sort(), [...KNOWN_KEYS[kind]].sort(), kind);
      assert.deepEqual([...((s.required as string[] | undefined) ?? [])].sort(), [...REQUIRED_KEYS[kind]].sort(), `${kind} required`);
    }
  });

  it('on every enum', () => {
    assert.deepEqual(enumAt(propsOf(defs().task).status), [...TASK_STATUSES]);
    assert.deepEqual(enumAt(propsOf(defs().task).priority), [...PRIORITIES]);
    assert.deepEqual(enumAt(propsOf(defs().risk).probability), [...LEVELS]);
    assert.deepEqual(enumAt(propsOf(defs().risk).impact), [...LEVELS]);
    assert.deepEqual(enumAt(propsOf(defs().risk).status), [...RISK_STATUSES]);
    assert.deepEqual(enumAt(propsOf(defs().milestone).health), [...HEALTHS]);
    assert.deepEqual(enumAt(propsOf(propsOf(defs().project).calendar).workdays), [...WEEKDAYS]);
  });

  it('every property has a description (editors show it on hover)', () => {
    const missing: string[] = [];
    const walk = (s: Schema, path: string) => {
      for (const [k, p] of Object.entries((s.properties ?? {}) as Record<string, Schema>)) {
        if (typeof p.description !== 'string' || p.description === '') missing.push(`${path}.${k}`);
        walk(p, `${path}.${k}`);
      }
    };
    walk(schema, '$');
    for (const [k, d] of Object.entries(defs())) walk(d, k);
    assert.deepEqual(missing, []);
  });

  const examples = [...planFiles(join(ROOT, 'examples')), join(ROOT, 'test', 'fixtures', 'plan', 'commented.yml')];
  for (const file of examples) {
    it(`both accept ${file.slice(ROOT.length + 1)}`, () => {
      const text = readFileSync(file, 'utf8');
      assert.deepEqual(check(parseYaml(text)), []);
      assert.deepEqual(parsePlan(text).diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
    });
  }

  it("claims no other tool's project.yml (XcodeGen's spec), as the validator does", () => {
    const text = readFileSync(join(ROOT, 'test', 'fixtures', 'xcodegen', 'project.yml'), 'utf8');
    assert.deepEqual(check(parseYaml(text)), []);
    assert.equal(isWaymarkPlan(parsePlan(text)), false);
    const compose = "version: '3'\nservices: {web: {image: nginx}}\n";
    assert.deepEqual(check(parseYaml(compose)), []);
    assert.equal(isWaymarkPlan(parsePlan(compose)), false);
  });

  const HEAD = 'version: 1\nproject: {name: X}\n';
  const INVALID: [string, string, string][] = [
    ['wrong version', 'version: 2\nproject: {name: X}\nmilestones: []\n', 'bad-version'],
    ['no milestones', HEAD, 'missing-key'],
    ['no project name', 'version: 1\nproject: {key: P}\nmilestones: []\n', 'missing-key'],
    ['bad status', `${HEAD}milestones: [{id: m, title: M, tasks: [{id: A, title: a, status: doen}]}]\n`, 'bad-enum'],
    ['bad priority', `${HEAD}milestones: [{id: m, title: M, tasks: [{id: A, title: a, priority: urgent}]}]\n`, 'bad-enum'],
    ['bad health', `${HEAD}milestones: [{id: m, title: M, health: meh}]\n`, 'bad-enum'],
    ['bad date', `${HEAD}milestones: [{id: m, title: M, due: 2026-13-01}]\n`, 'bad-date'],
    ['bad duration', `${HEAD}milestones: [{id: m, title: M, tasks: [{id: A, title: a, estimate: soon}]}]\n`, 'bad-duration'],
    ['bad progress', `${HEAD}milestones: [{id: m, title: M, tasks: [{id: A, title: a, progress: 140%}]}]\n`, 'bad-progress'],
    ['capacity over 1', `${HEAD}milestones: []\npeople: [{id: a, capacity: 1.5}]\n`, 'out-of-range'],
    ['capacity zero', `${HEAD}milestones: []\npeople: [{id: a, capacity: 0}]\n`, 'out-of-range'],
    ['task without title', `${HEAD}milestones: [{id: m, title: M, tasks: [{id: A}]}]\n`, 'missing-key'],
    ['sprint without end', `${HEAD}milestones: []\nsprints: [{id: S, start: 2026-01-05}]\n`, 'missing-key'],
    ['risk without impact', `${HEAD}milestones: []\nrisks: [{id: R, title: r, probability: low}]\n`, 'missing-key'],
    ['bad risk status', `${HEAD}milestones: []\nrisks: [{id: R, title: r, probability: low, impact: low, status: gone}]\n`, 'bad-enum'],
    ['bad weekday', 'version: 1\nproject: {name: X, calendar: {workdays: [mon, fry]}}\nmilestones: []\n', 'bad-enum'],
    ['hours per day', 'version: 1\nproject: {name: X, calendar: {hoursPerDay: 30}}\nmilestones: []\n', 'out-of-range'],
    ['bad id', `${HEAD}milestones: [{id: '-x', title: M}]\n`, 'bad-id'],
    ['bad issue', `${HEAD}milestones: [{id: m, title: M, tasks: [{id: A, title: a, issue: 'see #12'}]}]\n`, 'bad-issue'],
    ['tasks not a list', `${HEAD}milestones: [{id: m, title: M, tasks: {id: A}}]\n`, 'bad-type'],
    ['bad holiday range', 'version: 1\nproject: {name: X, calendar: {holidays: [2026-01-01..2026-1-5]}}\nmilestones: []\n', 'bad-date'],
  ];
  for (const [name, text, code] of INVALID) {
    it(`both reject: ${name}`, () => {
      assert.notDeepEqual(check(parseYaml(text)), [], 'schema accepted it');
      const errors = parsePlan(text).diagnostics.filter((d) => d.severity === 'error');
      assert.ok(errors.some((d) => d.code === code), `validator: ${JSON.stringify(errors.map((d) => d.code))}`);
    });
  }
});
