// The board inside the real VS Code: open it on the demo, wait for the
// webview's own `ready`, apply a card move through the message protocol (the
// message the webview posts on drop), check project.yml on disk, then undo it
// with VS Code's undo command. Restores project.yml afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveAndSettle, waitFor } from './waitFor';

interface BoardState {
  open: boolean; ready: boolean; rev: number; cards: number; title: string;
  received: { type: string }[];
  sent: { type: string; rev?: number; reqId?: number; ok?: boolean; reason?: string }[];
  refused: string[];
}
interface MoveAnswer { type: 'editResult'; reqId: number; ok: boolean; reason?: string }

const ws = process.env.WAYMARK_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = join(ws, 'project.yml');
const disk = () => readFileSync(file, 'utf8');
const board = () => vscode.commands.executeCommand<BoardState | undefined>('waymark.board.test.state');
const send = (m: unknown) => vscode.commands.executeCommand<MoveAnswer | undefined>('waymark.board.test.receive', m);

/** The lines of `after` that differ from `before`, which must have as many lines. */
function changedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  assert.equal(b.length, a.length, 'no line was added or removed');
  return b.filter((line, i) => line !== a[i]);
}

describe('Board', function () {
  this.timeout(60_000);
  let original = '';
  let doc: vscode.TextDocument;
  let store: { all(): readonly { parsed: { text: string } }[] };

  before(async () => {
    const api = await vscode.extensions.getExtension('waymark-dev.waymark')!.activate();
    await api.store.ready();
    store = api.store;
    original = disk();
    // project.yml open in an editor: moves go through a WorkspaceEdit (one undo step).
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (disk() !== original) writeFileSync(file, original);
  });

  it('opens titled by its folder and receives the webview ready message and the cards', async () => {
    await vscode.commands.executeCommand('waymark.openBoard');
    const s = await waitFor('the board webview to say ready and get its data', async () => {
      const st = await board();
      return st?.ready && st.sent.some((m) => m.type === 'init') ? st : undefined;
    });
    assert.equal(s.received[0].type, 'ready');
    assert.equal(s.refused.length, 0, `no message was refused: ${s.refused.join('; ')}`);
    assert.ok(s.cards >= 29, `all demo tasks were sent (${s.cards})`);
    assert.equal(s.title, `Board: ${vscode.workspace.workspaceFolders![0].name}`);
  });

  it('writes a card move to project.yml on disk as one changed line, and one undo restores it', async () => {
    const answer = await send({ type: 'move', reqId: 9001, task: 'RET-14', status: 'review' });
    assert.deepEqual(answer, { type: 'editResult', reqId: 9001, ok: true });
    const edited = disk();
    assert.deepEqual(changedLines(original, edited), ['        status: review']);
    assert.ok(edited.indexOf('status: review', edited.indexOf('id: RET-14')) < edited.indexOf('id: RET-15'), 'the status changed in RET-14');
    // The host pushes the new plan to the webview.
    await waitFor('a new init to the webview', async () => ((await board())?.sent.filter((m) => m.type === 'init').length ?? 0) >= 2);

    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
    await waitFor('project.yml to be the active editor', async () => vscode.window.activeTextEditor?.document === doc);
    await vscode.commands.executeCommand('undo');
    await waitFor('the undo to restore project.yml', async () => doc.getText() === original, 5_000);
    await saveAndSettle(doc, file, original);
    await waitFor('the plan store to reload project.yml', async () => store.all()[0]?.parsed.text === original);
  });

  it('refuses a move it cannot make, with the reason, and leaves the file alone', async () => {
    const unknown = await send({ type: 'move', reqId: 9002, task: 'NOPE-404', status: 'done' });
    assert.equal(unknown?.ok, false);
    assert.match(unknown?.reason ?? '', /no task NOPE-404/);
    const bad = await send({ type: 'move', reqId: 9003, task: 'RET-14', status: 'finished' });
    assert.equal(bad?.ok, false);
    assert.match(bad?.reason ?? '', /Invalid move: move: bad status/);
    assert.equal(disk(), original);
    const s = await board();
    assert.ok(s?.refused.some((r) => /bad status/.test(r)), 'the malformed message was logged as refused');
  });
});
