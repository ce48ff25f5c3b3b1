// `npm run test:electron`: the same in-host suite (test/vscode/suite) under
// @vscode/test-electron, which DOWNLOADS a desktop VS Code build first, so it
// only works on a machine that can reach the VS Code update servers (not in
// this project's offline CI; `npm run test:vscode` is the offline runner).
// Usage: npm run test:electron [-- --grep <text>] [-- --version <x.y.z|stable|insiders>]
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runTests } from '@vscode/test-electron';

const root = resolve(__dirname, '..', '..', '..');

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Same workspace as the offline runner: the demo repository when its builder exists. */
function makeWorkspace(dir: string): void {
  const builder = join(root, 'examples', 'demo', 'build-repo.mjs');
  const plan = join(root, 'examples', 'demo', 'project.yml');
  if (existsSync(builder)) execFileSync('node', [builder, dir], { stdio: 'inherit' });
  else if (existsSync(plan)) cpSync(plan, join(dir, 'project.yml'));
  else writeFileSync(join(dir, 'project.yml'), 'version: 1\nproject:\n  name: Fallback\nmilestones: []\n');
}

async function main(): Promise<void> {
  const workspace = mkdtempSync(join(tmpdir(), 'waymark-electron-'));
  try {
    makeWorkspace(workspace);
    const grep = option('--grep');
    await runTests({
      version: option('--version') ?? 'stable',
      extensionDevelopmentPath: root,
      extensionTestsPath: join(root, 'out', 'test', 'vscode', 'suite'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
      extensionTestsEnv: {
        WAYMARK_TEST_WORKSPACE: workspace,
        WAYMARK_REPO_ROOT: root,
        ...(grep ? { WAYMARK_TEST_GREP: grep } : {}),
      },
    });
  } finally {
    rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(`test:electron failed: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
