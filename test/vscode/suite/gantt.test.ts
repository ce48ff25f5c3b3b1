// The Gantt inside the real VS Code: open it on the demo, wait for the
// webview's own `ready`, apply a drag edit through the message protocol (the
// same message the webview posts on drop), check project.yml on disk, then
// undo it with VS Code's undo command. Restores project.yml afterwards.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isoToDay } from '../../../src/protocol/gantt';
import { saveAndSettle, waitFor } from './waitFor';

interface GanttState {
  open: boolean; ready: boolean; rev: number; tasks: number;
  dates: Record<string, [number, number, number, number]>;
  received: { type: string }[];
  sent: { type: string; rev?: number; reqId?: number; ok?: boolean; reason?: string }[];
  refused: string[];
}
interface EditAnswer { type: 'editResult'; reqId: number; ok: boolean; reason?: string }

const ws = process.env.WAYMARK_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = join(ws, 'project.yml');
const disk = () => readFileSync(file, 'utf8');
const gantt = async () => (await vscode.commands.executeCommand<GanttState | undefined>('waymark.gantt.test.state'));
const send = (m: unknown) => vscode.commands.executeCommand<EditAnswer | undefined>('waymark.gantt.test.receive', m);

/** Lines of `after` that are not at the same place in `before` (one inserted line expected). */
function insertedLines(before: string, after: string): string[] {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  assert.equal(a.length - i - j, 0, 'no original line was changed or removed');
  return b.slice(i, b.length - j);
}

/** Focuses project.yml's editor, runs VS Code's undo command, and waits for the text it should restore. */
async function undoTo(doc: vscode.TextDocument, expected: string): Promise<void> {
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One, preserveFocus: false });
  await waitFor('project.yml to be the active editor', async () => vscode.window.activeTextEditor?.document === doc);
  await vscode.commands.executeCommand('undo');
  await waitFor('the undo to restore project.yml', async () => doc.getText() === expected, 5_000);
}

describe('Gantt', function () {
  this.timeout(60_000);
  let original = '';
  let doc: vscode.TextDocument;
  let store: { all(): readonly { parsed: { text: string }; schedule?: { tasks: ReadonlyMap<string, { plannedStart: string; forecastStart: string; forecastFinish: string }> } }[] };
  /** Edits are computed from the store's snapshot: let it catch up with the undo first (else it refuses, rightly). */
  const storeHas = (text: string) => waitFor('the plan store to reload project.yml', async () => store.all()[0]?.parsed.text === text);

  before(async () => {
    const api = await vscode.extensions.getExtension('waymark-dev.waymark')!.activate();
    await api.store.ready();
    store = api.store;
    original = disk();
    // project.yml open in an editor: edits go through a WorkspaceEdit (one undo step).
    doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.One });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    if (disk() !== original) writeFileSync(file, original);
  });

  it('opens scrolled to a milestone and receives the webview ready message', async () => {
    await vscode.commands.executeCommand('waymark.openGantt', 'portal');
    const s = await waitFor('the Gantt webview to say ready and get its data', async () => {
      const st = await gantt();
      return st?.ready && st.sent.some((m) => m.type === 'init') ? st : undefined;
    });
    assert.equal(s.received[0].type, 'ready');
    assert.equal(s.refused.length, 0, `no message was refused: ${s.refused.join('; ')}`);
    assert.ok(s.tasks >= 28, `all demo tasks were sent (${s.tasks})`);
  });

  it('sends every task its forecast dates beside its planned ones (issue 20: the chart draws the forecast)', async () => {
    const s = (await gantt())!;
    const schedule = store.all()[0].schedule!;
    let moved = 0;
    for (const [id, [start, , fStart, fFinish]] of Object.entries(s.dates)) {
      const ts = schedule.tasks.get(id);
      if (!ts) continue;
      assert.equal(start, isoToDay(ts.plannedStart), `${id}: planned start`);
      assert.deepEqual([fStart, fFinish], [isoToDay(ts.forecastStart), isoToDay(ts.forecastFinish)], `${id}: forecast dates`);
      if (fStart !== start) moved++;
    }
    // RET-15, todo and planned in the past, is forecast after its planned finish (the demo's slip the chart shows).
    const ret15 = s.dates['RET-15'];
    assert.ok(ret15 && ret15[2] > ret15[1], `RET-15 is forecast after its planned finish: ${JSON.stringify(ret15)}`);
    assert.ok(moved > 0, 'some tasks are forecast away from their plan');
    assert.equal(s.refused.length, 0, `the webview took the rows: ${s.refused.join('; ')}`);
  });

  it('applies a drag (move start) to project.yml on disk and undoes it with one undo', async () => {
    const answer = await send({ type: 'edit', reqId: 7001, op: 'move', task: 'RET-15', start: isoToDay('2026-11-18') });
    assert.deepEqual(answer, { type: 'editResult', reqId: 7001, ok: true });
    const edited = disk();
    assert.deepEqual(insertedLines(original, edited), ['        start: 2026-11-18']);
    const at = edited.indexOf('        start: 2026-11-18');
    assert.ok(at > edited.indexOf('id: RET-15') && at < edited.indexOf('id: RET-16'), 'the start went into RET-15');
    // The host pushes the new schedule to the webview as an incremental update.
    await waitFor('an update to the webview', async () => (await gantt())?.sent.some((m) => m.type === 'update'));

    await undoTo(doc, original);
    await saveAndSettle(doc, file, original);
    await storeHas(original);
  });

  it('changes an estimate by dragging the bar end, and refuses bad or impossible edits with a reason', async () => {
    const ok = await send({ type: 'edit', reqId: 7002, op: 'estimate', task: 'RET-15', days: 4 });
    assert.deepEqual(ok, { type: 'editResult', reqId: 7002, ok: true });
    const text = disk();
    const block = text.slice(text.indexOf('id: RET-15'), text.indexOf('id: RET-16'));
    assert.match(block, /\n {8}estimate: 4d\n/);
    const at = original.indexOf('estimate: 2d', original.indexOf('id: RET-15'));
    assert.equal(text, `${original.slice(0, at)}estimate: 4d${original.slice(at + 'estimate: 2d'.length)}`, 'only the estimate changed');
    await undoTo(doc, original);
    await saveAndSettle(doc, file, original);
    await storeHas(original);

    const unknown = await send({ type: 'edit', reqId: 7003, op: 'move', task: 'RET-999', start: isoToDay('2026-11-18') });
    assert.deepEqual(unknown, { type: 'editResult', reqId: 7003, ok: false, reason: 'There is no task RET-999 in project.yml.' });
    const invalid = await send({ type: 'edit', reqId: 7004, op: 'move', task: 'RET-15', start: '2026-11-18' });
    assert.deepEqual(invalid, { type: 'editResult', reqId: 7004, ok: false, reason: 'Invalid edit: edit: bad start day' });
    assert.equal(await send({ type: 'eval', code: 'process.exit()' }), undefined);
    assert.ok((await gantt())!.refused.includes('unknown message type "eval"'));
    assert.equal(disk(), original);
  });

  it('reads a baseline from a git tag, and refuses refs that are not a tag or commit', async () => {
    type Baseline = { type: 'baseline'; label: string | null; rows: [string, number, number][]; reason?: string };
    const b = (await vscode.commands.executeCommand<Baseline>('waymark.gantt.test.baseline', 'v0.9.0'))!;
    assert.equal(b.label, 'v0.9.0');
    // The plan at the beta release already had the beta tasks, with their planned dates then.
    const ret1 = b.rows.find((r) => r[0] === 'RET-1');
    assert.ok(ret1, 'RET-1 is in the baseline');
    assert.ok(ret1[1] >= isoToDay('2026-09-07') && ret1[2] >= ret1[1]);
    const bad = (await vscode.commands.executeCommand<Baseline>('waymark.gantt.test.baseline', '--output=/tmp/x'))!;
    assert.deepEqual([bad.label, bad.rows], [null, []]);
    assert.equal(bad.reason, "'--output=/tmp/x' is not a commit id or tag name.");
    const missing = (await vscode.commands.executeCommand<Baseline>('waymark.gantt.test.baseline', 'v9.9.9'))!;
    assert.equal(missing.label, null);
    assert.match(missing.reason ?? '', /v9\.9\.9/);
  });
});
