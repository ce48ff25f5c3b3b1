// Which project.yml files are Waymark's: another tool's file (XcodeGen's spec)
// is recognised and left alone by the CLI; a plan, even a broken one, is not.
import * as assert from 'node:assert/strict';
import { copyFileSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parsePlan } from '../../src/core/parse';
import { foreignTopLevelKeys, isWaymarkPlan } from '../../src/core/planRecognition';
import { runCli } from './cliRun';
import { tempDir } from './gitRepoFixture';

const XCODEGEN = join(process.cwd(), 'test', 'fixtures', 'xcodegen', 'project.yml');

describe('plan recognition: whose project.yml', () => {
  it("XcodeGen's spec is another tool's file, with its keys named", () => {
    assert.deepEqual(foreignTopLevelKeys(parsePlan(readFileSync(XCODEGEN))), ['name', 'options', 'settings', 'packages', 'targets', 'schemes']);
  });

  const OTHERS: [string, string][] = [
    ['a compose-like file with a version', "version: '3'\nservices:\n  web: {image: nginx}\n"],
    ['one unknown key', 'name: x\n'],
  ];
  for (const [name, text] of OTHERS) {
    it(`not a plan: ${name}`, () => assert.equal(isWaymarkPlan(parsePlan(text)), false));
  }

  const PLANS: [string, string][] = [
    ['a valid plan', 'version: 1\nproject: {name: X}\nmilestones: []\n'],
    ['a plan with a mistyped key beside project', 'version: 1\nproject: {name: X}\nmilestone: []\n'],
    ['milestones without project', 'milestones: []\nname: x\n'],
    ['only Waymark keys, project missing', 'version: 1\npeople: []\n'],
    ['an empty file', ''],
    ['a comment only', '# my plan\n'],
    ['a YAML syntax error', 'name: [unclosed\n'],
    ['a list at the top', '- a\n- b\n'],
  ];
  for (const [name, text] of PLANS) {
    it(`still Waymark's (its problems are reported): ${name}`, () => assert.equal(isWaymarkPlan(parsePlan(text)), true));
  }
});

describe("cli: another tool's project.yml", () => {
  let dir: string;
  beforeEach(() => { dir = tempDir('waymark-xcodegen-'); copyFileSync(XCODEGEN, join(dir, 'project.yml')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });

  for (const argv of [['validate'], ['status'], ['list'], ['set-status', 'A-1', 'done']]) {
    it(`waymark ${argv[0]}: says it is not a Waymark plan, exit 1, and leaves the file alone`, async () => {
      const before = readFileSync(join(dir, 'project.yml'), 'utf8');
      const r = await runCli(argv, dir);
      assert.equal(r.code, 1, r.err);
      assert.equal(r.out, '');
      assert.match(r.err, new RegExp(`^waymark ${argv[0]}: project\\.yml is not a Waymark plan: its top level has no 'project' or 'milestones' key and has keys Waymark does not use \\('name', 'options', 'settings', 'packages', \\.\\.\\.\\); it is probably another tool's file \\(XcodeGen also uses project\\.yml\\)\\. Waymark leaves it alone\\.\\n$`));
      assert.equal(readFileSync(join(dir, 'project.yml'), 'utf8'), before);
    });
  }

  it('validate --json: an answer a script can parse; the other commands\' --json leave stdout empty', async () => {
    const r = await runCli(['validate', '--json'], dir);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.out) as { version: number; kind: string; valid: boolean; notAPlan: boolean; error: string };
    assert.equal(json.version, 1);
    assert.equal(json.kind, 'validation');
    assert.equal(json.valid, false);
    assert.equal(json.notAPlan, true);
    assert.match(json.error, /not a Waymark plan/);
    const status = await runCli(['status', '--json'], dir);
    assert.equal(status.code, 1);
    assert.equal(status.out, '');
    assert.match(status.err, /not a Waymark plan/);
  });

  it('a plan with errors is still validated as a plan', async () => {
    writeFileSync(join(dir, 'project.yml'), 'version: 1\nproject: {name: X}\n');
    const r = await runCli(['validate'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /missing/i);
    assert.doesNotMatch(r.err, /not a Waymark plan/);
  });
});
