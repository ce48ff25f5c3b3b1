// Create project.yml offers the merge setup; accepted, the repository's git
// config holds Waymark's driver and .gitattributes routes project.yml to it.
// Restores .gitattributes and the git config afterwards (the workspace is shared).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const ws = process.env.WAYMARK_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders![0].uri.fsPath;
const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, encoding: 'utf8' }).trim();

describe('Create project.yml: merge setup', () => {
  it('sets merge.waymark.driver to the CLI inside the extension and routes project.yml to it', async () => {
    const ext = vscode.extensions.getExtension('waymark-dev.waymark')!;
    await ext.activate();
    const attributes = join(ws, '.gitattributes');
    const before = existsSync(attributes) ? readFileSync(attributes, 'utf8') : undefined;
    try {
      await vscode.commands.executeCommand('waymark.createProjectFile', vscode.Uri.file(ws), { setUpMerge: true });
      const driver = git('config', '--local', 'merge.waymark.driver');
      assert.ok(driver.includes(join(ext.extensionPath, 'dist', 'cli.js')), driver);
      assert.match(driver, / merge-driver %O %A %B %P --marker-size %L$/);
      assert.match(git('config', '--local', 'merge.waymark.name'), /Waymark/);
      assert.match(readFileSync(attributes, 'utf8'), /^project\.yml merge=waymark$/m);
    } finally {
      if (before === undefined) rmSync(attributes, { force: true }); else writeFileSync(attributes, before);
      git('config', '--local', '--remove-section', 'merge.waymark');
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });
});
