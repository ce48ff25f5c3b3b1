// The standard `vscode-test` entry point (.vscode-test.mjs, @vscode/test-cli):
// its configuration lists the in-host suite in the suite's own order, on a
// demo workspace, with the environment the suite reads. Running it downloads
// VS Code, so only the configuration is checked here (`--list-configuration`).
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';

const root = join(__dirname, '..', '..', '..');

describe('.vscode-test.mjs: the Extension Test Runner\'s configuration', function () {
  this.timeout(60_000);
  it('runs every suite file, activation first, in a demo workspace removed afterwards', () => {
    const out = execFileSync(join(root, 'node_modules', '.bin', 'vscode-test'), ['--list-configuration'], { cwd: root, encoding: 'utf8' });
    const [{ config }] = JSON.parse(out) as { config: { files: string[]; workspaceFolder: string; env: Record<string, string> } }[];
    const suite = join(root, 'out', 'test', 'vscode', 'suite');
    const expected = readdirSync(suite).filter((f) => f.endsWith('.test.js'));
    assert.deepEqual(config.files.map((f) => basename(f)).sort(), expected.sort());
    assert.deepEqual(config.files.slice(0, 3).map((f) => basename(f)), ['activation.test.js', 'closedPlan.test.js', 'otherToolsFile.test.js']);
    assert.deepEqual(config.env, { WAYMARK_TEST_WORKSPACE: config.workspaceFolder, WAYMARK_REPO_ROOT: root });
    assert.equal(existsSync(config.workspaceFolder), false, 'the temp workspace goes when vscode-test exits');
  });
});
