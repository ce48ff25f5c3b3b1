// Runs inside the real VS Code extension host on the demo workspace: Waymark's
// language-model tools are listed in vscode.lm.tools and run through
// vscode.lm.invokeTool as an agent would, outside a chat request (no
// invocation token). VS Code then asks for the write's confirmation
// (prepareInvocation) in a modal dialog, which the test host's smoke-test
// driver answers itself ("Dialog requested during smoke test" in the log).
// The write goes through the store's writer into the open document: the file
// on disk changes by one line and one undo restores it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveAndSettle } from './waitFor';

const EXTENSION_ID = 'waymark-dev.waymark';
const TOOLS = ['plan_status', 'next_tasks', 'task_details', 'critical_path', 'set_task_status', 'update_task', 'add_task', 'validate_plan'];

const ws = process.env.WAYMARK_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = join(ws, 'project.yml');
const disk = () => readFileSync(file, 'utf8');

async function invoke(name: string, input: object): Promise<unknown> {
  const result = await vscode.lm.invokeTool(`waymark_${name}`, { input, toolInvocationToken: undefined });
  const part = result.content[0];
  assert.ok(part instanceof vscode.LanguageModelTextPart, 'the answer is text');
  return JSON.parse(part.value);
}

async function waitFor(what: string, predicate: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('language-model tools', () => {
  let original = '';

  before(async () => {
    const api = await vscode.extensions.getExtension(EXTENSION_ID)!.activate();
    // For the record (speed is measured by bench/, not asserted here): activation now registers the tools too.
    console.log(`waymark activation: ${api.activationMs.toFixed(1)} ms (activate() ${api.activateMs.toFixed(1)} ms)`);
    await api.store.ready();
    original = disk();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (disk() !== original) writeFileSync(file, original);
  });

  it('vscode.lm.tools lists Waymark\'s tools with their schemas', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('waymark_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), TOOLS.map((t) => `waymark_${t}`).sort());
    for (const t of ours) assert.equal((t.inputSchema as { additionalProperties?: boolean }).additionalProperties, false, t.name);
  });

  it('plan_status answers with the demo\'s milestones and forecast', async () => {
    const a = await invoke('plan_status', {}) as { project: { name: string; criticalPath: string[] }; milestones: { id: string; health: string }[] };
    assert.equal(a.project.name, 'Harbor Returns');
    assert.deepEqual(a.milestones.map((m) => m.id), ['beta', 'portal', 'launch']);
    assert.ok(a.project.criticalPath.length > 0);
  });

  it('refuses bad input with the reason, for the model to read', async () => {
    await assert.rejects(invoke('task_details', { id: '--upload-pack=x' }), /looks like a command-line option/);
    await assert.rejects(invoke('set_task_status', { id: 'RET-13', status: 'finished' }), /is not one of todo/);
    assert.equal(disk(), original);
  });

  it('set_task_status changes one line of project.yml on disk, and one undo restores it', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    const a = await invoke('set_task_status', { id: 'RET-13', status: 'review' }) as { changed: boolean; diff: string };
    assert.equal(a.changed, true);
    assert.match(a.diff, /\n\+ {8}status: review\n/);
    const before = original.split('\n');
    const at = before.indexOf('        title: Label and QR code download') + 1;
    const expected = [...before.slice(0, at), '        status: review', ...before.slice(at)].join('\n');
    // VS Code writes a saved document in place, so the file can be read half-written: wait for the whole text.
    await waitFor('the write to reach the disk', () => disk() === expected);
    // The confirmation dialog can leave focus elsewhere; undo acts on the active editor.
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    await waitFor('project.yml to be the active editor', () => vscode.window.activeTextEditor?.document === doc);
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo to restore project.yml', () => doc.getText() === original);
    await saveAndSettle(doc, file, original);
  });
});
