// The standard `vscode-test` entry point (@vscode/test-cli): the in-host suite
// (test/vscode/suite) in a desktop VS Code, for the Extension Test Runner
// (Testing view) and `npx vscode-test`. Compile first: `npm run compile-tests
// && npm run build`.
//
// It DOWNLOADS a desktop VS Code (stable) into .vscode-test/ on first use,
// beside the offline harness's server build there (a desktop build cannot be
// made from it, so there is nothing to point at). CI and offline machines
// keep using test/vscode/run.mjs (`npm run test:vscode`), which also runs the
// end-to-end scripts and the packaged-extension check (test/vscode/README.md).
import { defineConfig } from '@vscode/test-cli';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(fileURLToPath(import.meta.url));
const suite = join(root, 'out', 'test', 'vscode', 'suite');

// The workspace every suite file expects: a temp copy of the demo repository
// (project.yml and its git history), as the offline runner makes it.
const workspace = mkdtempSync(join(tmpdir(), 'waymark-vscode-test-'));
execFileSync(process.execPath, [join(root, 'examples', 'demo', 'build-repo.mjs'), workspace], { stdio: 'ignore' });
process.on('exit', () => rmSync(workspace, { recursive: true, force: true }));

// The suite's own order (test/vscode/suite/index.ts): activation first, then
// the files that need project.yml never opened, then the rest by name.
const FIRST = ['activation.test.js', 'closedPlan.test.js', 'otherToolsFile.test.js'];
const rank = (f) => (FIRST.includes(f) ? FIRST.indexOf(f) : FIRST.length);
function suiteFiles() {
  try {
    return readdirSync(suite).filter((f) => f.endsWith('.test.js')).sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)).map((f) => join(suite, f));
  } catch {
    return ['out/test/vscode/suite/*.test.js']; // not compiled yet: vscode-test says no test was found
  }
}

export default defineConfig({
  label: 'Waymark in-host suite (demo workspace)',
  files: suiteFiles(),
  version: 'stable',
  workspaceFolder: workspace,
  launchArgs: ['--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
  env: { WAYMARK_TEST_WORKSPACE: workspace, WAYMARK_REPO_ROOT: root },
  mocha: { ui: 'bdd', timeout: 20_000 },
});
