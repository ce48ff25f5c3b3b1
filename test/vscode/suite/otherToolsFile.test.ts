// Another tool's project.yml (XcodeGen's spec) in the real VS Code: Waymark
// shows no plan for it, lists no problem on it (closed or open), and its
// language features stay out. The demo plan is put back after.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { expectDemoPlanBack, takePlanFile, waitFor, type StoreApi } from './waitFor';

const waymarkDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'waymark');

describe("another tool's project.yml (XcodeGen)", () => {
  let api: StoreApi;
  let file: string;
  let original: Buffer | undefined;
  let scratch: string | undefined;
  before(async function () {
    ({ api, file } = await takePlanFile());
    original = readFileSync(file);
    writeFileSync(file, readFileSync(join(process.env.WAYMARK_REPO_ROOT!, 'test', 'fixtures', 'xcodegen', 'project.yml')));
    await api.store.refresh();
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (scratch) rmSync(scratch, { recursive: true, force: true });
    if (!original) return; // failed before anything changed
    writeFileSync(file, original);
    await expectDemoPlanBack(api);
  });

  it('shows no plan and lists no problem on the file, closed or open, and offers no Waymark hover, CodeLens or completion', async () => {
    const uri = vscode.Uri.file(file);
    assert.deepEqual(api.store.all(), [], 'no plan for the folder');
    await waitFor('the plan\'s problems to be dropped', async () => waymarkDiagnostics(uri).length === 0);

    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    // A real plan opened after it: once its problems are listed, the earlier-scheduled pass over the XcodeGen file has run too.
    scratch = mkdtempSync(join(tmpdir(), 'waymark-plan-'));
    const plan = vscode.Uri.file(join(scratch, 'project.yml'));
    writeFileSync(plan.fsPath, 'version: 1\nproject: {name: X}\n');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(plan), { preview: false });
    await waitFor('the scratch plan\'s problems', async () => waymarkDiagnostics(plan).length > 0);
    assert.deepEqual(waymarkDiagnostics(uri).map((d) => d.message), []);

    const onName = new vscode.Position(doc.getText().split('\n').findIndex((l) => l.startsWith('name:')), 1);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, onName);
    assert.deepEqual(hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).filter((t) => /waymark|task|milestone/i.test(t)), []);
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri);
    assert.deepEqual(lenses ?? [], []);
    const end = new vscode.Position(doc.lineCount - 1, 0);
    const completion = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, end);
    const labels = completion.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.deepEqual(labels.filter((l) => ['milestones', 'people', 'backlog', 'sprints', 'risks'].includes(l)), []);
  });
});
