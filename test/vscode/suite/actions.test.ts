// Runs inside the real VS Code extension host on the demo workspace: drives
// every Plan-view action through the command API (explicit arguments instead
// of quick picks) and checks project.yml on disk, the tree items (through the
// `waymark.plan.testState` hook) and the status bar after Start Work. Restores
// project.yml and the branch afterwards, since all suites share the workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveAndSettle } from './waitFor';

const EXTENSION_ID = 'waymark-dev.waymark';

interface NodeState {
  id: string; kind: string; folderKey: string; label: string; description?: string; tooltip: string; icon?: string; iconColor?: string;
  contextValue?: string; accessibilityLabel: string; taskId?: string; milestoneId?: string; children: NodeState[];
}
interface ViewsState {
  plan: NodeState[]; planMessage?: string; planDescription?: string; myTasks: NodeState[]; myTasksMessage?: string;
  groupBy: string; filter: Record<string, unknown>; statusBar: { visible: boolean; text: string; taskId?: string; branch?: string };
}
interface Api {
  store: {
    ready(): Promise<void>; refresh(): Promise<void>; onDidChange: vscode.Event<unknown>;
    all(): readonly { fileUri: vscode.Uri; plan?: unknown; parsed: { text: string; diagnostics: readonly { severity: string; message: string; start: { line: number; col: number } }[] } }[];
  };
}

async function waitFor(what: string, predicate: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const ws = process.env.WAYMARK_TEST_WORKSPACE ?? vscode.workspace.workspaceFolders![0].uri.fsPath;
const file = join(ws, 'project.yml');
let api: Api;
let original = '';
let originalBranch = '';

const git = (...args: string[]) => execFileSync('git', args, { cwd: ws, encoding: 'utf8' }).trim();
const disk = () => readFileSync(file, 'utf8');
const state = async () => (await vscode.commands.executeCommand<ViewsState>('waymark.plan.testState'))!;

function all(nodes: readonly NodeState[]): NodeState[] {
  return nodes.flatMap((n) => [n, ...all(n.children)]);
}
async function taskNode(id: string): Promise<NodeState> {
  const n = all((await state()).plan).find((x) => x.taskId === id);
  assert.ok(n, `task ${id} is in the Plan view`);
  return n;
}

/** Lines of `after` not in `before` and the other way round (a line diff good enough for small edits). */
function lineDiff(before: string, after: string): { added: string[]; removed: string[] } {
  const a = before.split('\n');
  const b = after.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let ea = a.length;
  let eb = b.length;
  while (ea > i && eb > i && a[ea - 1] === b[eb - 1]) { ea--; eb--; }
  return { added: b.slice(i, eb), removed: a.slice(i, ea) };
}

/**
 * Writes project.yml the way a user would: through its document when VS Code
 * has it open (closed editors keep their document for a while, and the store
 * reads open documents first), else on disk; then waits for the store.
 */
async function setPlanText(text: string): Promise<void> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === file);
  if (open && open.getText() !== text) {
    const edit = new vscode.WorkspaceEdit();
    edit.replace(open.uri, new vscode.Range(0, 0, open.lineCount, 0), text);
    await vscode.workspace.applyEdit(edit);
  }
  if (open?.isDirty) await open.save();
  if (disk() !== text) writeFileSync(file, text);
  await api.store.refresh();
  // A reload started by the file watcher may still be on its way: wait for the store to hold the text.
  await waitFor('the store to reload project.yml', () => api.store.all()[0]?.parsed.text === text);
}

const restorePlan = () => setPlanText(original);

/** Resolves once the store has not changed for a second (at most 10 s). */
async function quiet(): Promise<void> {
  await new Promise<void>((resolve) => {
    let timer = setTimeout(done, 1000);
    const cap = setTimeout(done, 10_000);
    const sub = api.store.onDidChange(() => { clearTimeout(timer); timer = setTimeout(done, 1000); });
    function done() { clearTimeout(timer); clearTimeout(cap); sub.dispose(); resolve(); }
  });
}

describe('Plan view actions', function () {
  this.timeout(30_000);

  before(async () => {
    api = (await vscode.extensions.getExtension<Api>(EXTENSION_ID)!.activate());
    await api.store.ready();
    original = disk();
    originalBranch = git('branch', '--show-current');
    git('config', 'user.email', 'Ben@Harbor.example');
  });

  afterEach(restorePlan);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await restorePlan();
    if (git('branch', '--show-current') !== originalBranch) git('switch', '--end-of-options', originalBranch);
    git('branch', '-D', 'RET-15-accessibility-fixes-from-the-audit');
    git('config', '--unset', 'user.email');
    await vscode.commands.executeCommand('waymark.clearFilter');
    await vscode.commands.executeCommand('waymark.groupBy', 'milestone');
    // Hand the next suite a quiet store: the HEAD and ref watchers reload after a debounce.
    await quiet();
    await api.store.refresh();
  });

  it('shows milestones with progress, due, forecast and health, then backlog and risks', async () => {
    const s = await state();
    assert.deepEqual(s.plan.map((n) => n.label), ['Returns API beta', 'Customer returns portal', 'General availability', 'Backlog', 'Risks']);
    assert.equal(s.planDescription, 'Harbor Returns');
    const portal = s.plan[1];
    assert.equal(portal.contextValue, 'milestone');
    assert.match(portal.description ?? '', /^\d+% · due 2026-11-27/);
    assert.ok(['pass', 'warning', 'error'].includes(portal.icon ?? ''), `health icon, got ${portal.icon}`);
    assert.equal(portal.children.length, 11);
    assert.deepEqual(s.plan[3].children.map((n) => n.taskId), ['RET-29', 'RET-30']);
    assert.deepEqual(s.plan[4].children.map((n) => n.contextValue), ['risk', 'risk', 'risk']);
    for (const n of all(s.plan)) assert.ok(n.accessibilityLabel.length > 5, `accessibility label on ${n.label}`);
  });

  it('marks a task the commits closed as derived, and Accept Status from Commits writes it', async () => {
    const n = await taskNode('RET-11');
    assert.equal(n.contextValue, 'task derived');
    assert.match(n.description ?? '', /^→ done \(commits\) · ben · 3d/);
    assert.equal(n.icon, 'pass-filled');
    assert.equal(await vscode.commands.executeCommand('waymark.acceptDerivedStatus', n), true);
    // Only the value changes: the comment after it stays.
    assert.deepEqual(lineDiff(original, disk()), {
      added: ['        status: done    # a commit already closed it: Waymark offers to update this'],
      removed: ['        status: in-progress    # a commit already closed it: Waymark offers to update this'],
    });
    assert.equal((await taskNode('RET-11')).contextValue, 'task');
  });

  it('sets the status of one task by id: exactly one line changes and the tree follows', async () => {
    assert.equal(await vscode.commands.executeCommand('waymark.setStatus', 'RET-15', 'review'), true);
    const d = lineDiff(original, disk());
    assert.deepEqual(d.removed, []);
    assert.deepEqual(d.added, ['        status: review']);
    const n = await taskNode('RET-15');
    assert.equal(n.icon, 'eye');
    assert.match(n.accessibilityLabel, /status review/);
  });

  it('sets the status of a multi-selection in one edit', async () => {
    const a = await taskNode('RET-19');
    const b = await taskNode('RET-23');
    assert.equal(await vscode.commands.executeCommand('waymark.setStatus', a, [a, b], 'dropped'), true);
    const d = lineDiff(original, disk());
    assert.equal(d.added.filter((l) => l.trim() === 'status: dropped').length, 2);
    assert.equal((await taskNode('RET-19')).icon, 'circle-slash');
    assert.equal((await taskNode('RET-23')).icon, 'circle-slash');
  });

  it('refuses an unknown status without touching the file', async () => {
    assert.equal(await vscode.commands.executeCommand('waymark.setStatus', 'RET-15', 'finished'), false);
    assert.equal(disk(), original);
  });

  it('assigns and unassigns', async () => {
    assert.equal(await vscode.commands.executeCommand('waymark.assign', 'RET-30', 'dara'), true);
    assert.deepEqual(lineDiff(original, disk()).added, ['    assignee: dara']);
    assert.match((await taskNode('RET-30')).description ?? '', /^dara/);
    await restorePlan();
    assert.equal(await vscode.commands.executeCommand('waymark.assign', 'RET-25', ''), true);
    assert.deepEqual(lineDiff(original, disk()), { added: [], removed: ['        assignee: ben'] });
  });

  it('sets an estimate validated by the duration parser', async () => {
    assert.equal(await vscode.commands.executeCommand('waymark.setEstimate', 'RET-30', 'three days'), false);
    assert.equal(disk(), original);
    assert.equal(await vscode.commands.executeCommand('waymark.setEstimate', 'RET-25', '1d 4h'), true);
    assert.deepEqual(lineDiff(original, disk()), { added: ['        estimate: 1d 4h'], removed: ['        estimate: 2d'] });
    assert.match((await taskNode('RET-25')).description ?? '', /^ben · 1d 4h/);
  });

  it('edits dates, refusing a start after the due date', async () => {
    assert.equal(await vscode.commands.executeCommand('waymark.editDates', 'RET-25', { start: '2027-01-10', due: '2027-01-05' }), false);
    assert.equal(disk(), original);
    assert.equal(await vscode.commands.executeCommand('waymark.editDates', 'RET-25', { start: '2026-12-01', due: '2026-12-10' }), true);
    const d = lineDiff(original, disk());
    assert.deepEqual(d.removed, []);
    assert.deepEqual(d.added.map((l) => l.trim()).sort(), ['due: 2026-12-10', 'start: 2026-12-01']);
  });

  it('adds a task to a milestone with the next id, and it shows in the tree', async () => {
    const launch = (await state()).plan[2];
    const id = await vscode.commands.executeCommand('waymark.addTask', launch, { title: 'Post-launch review', assignee: 'ana' });
    assert.equal(id, 'RET-31');
    const d = lineDiff(original, disk());
    assert.deepEqual(d.removed, []);
    assert.deepEqual(d.added.map((l) => l.trim()), ['- id: RET-31', 'title: Post-launch review', 'assignee: ana']);
    const n = await taskNode('RET-31');
    assert.equal(n.label, 'RET-31 Post-launch review');
    assert.equal(n.id.includes('/m:launch/'), true);
  });

  it('moves a task to another milestone', async () => {
    assert.equal(await vscode.commands.executeCommand('waymark.moveTask', 'RET-29', 'launch'), true);
    const s = await state();
    assert.deepEqual(s.plan[3].children.map((n) => n.taskId), ['RET-30']);
    assert.equal(s.plan[2].children.at(-1)?.taskId, 'RET-29');
    // The block keeps its lines and comments, re-indented for its new list.
    assert.ok(disk().includes('      - id: RET-29\n        title: Offer an exchange instead of a refund\n        estimate: 2w\n        tags: [idea]\n'));
    assert.equal(disk().length, original.length + 4 * 4);
  });

  it('removes a task (confirmation skipped by argument)', async () => {
    assert.equal(await vscode.commands.executeCommand('waymark.removeTask', 'RET-30', { confirm: false }), true);
    assert.ok(!disk().includes('RET-30'));
    assert.deepEqual((await state()).plan[3].children.map((n) => n.taskId), ['RET-29']);
  });

  it('lists and copies the commits linked to a task', async () => {
    const shas = await vscode.commands.executeCommand<string[]>('waymark.showLinkedCommits', 'RET-11', { action: 'list' });
    assert.ok(shas && shas.length >= 2, `RET-11 has commits, got ${JSON.stringify(shas)}`);
    for (const sha of shas) assert.match(sha, /^[0-9a-f]{40}$/);
    const subjects = shas.map((sha) => git('log', '-1', '--format=%B', sha));
    for (const s of subjects) assert.match(s, /RET-11/i);
    assert.equal(await vscode.commands.executeCommand('waymark.showLinkedCommits', 'RET-11', { sha: shas[0], action: 'copy' }), true);
    assert.equal(await vscode.env.clipboard.readText(), shas[0]);
  });

  it('reveals a task in project.yml with its id selected', async () => {
    assert.equal(await vscode.commands.executeCommand('waymark.revealInFile', 'RET-12'), true);
    const editor = vscode.window.activeTextEditor;
    assert.ok(editor);
    assert.equal(editor.document.uri.fsPath, file);
    assert.equal(editor.document.getText(editor.selection), 'RET-12');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('edits an open project.yml through a WorkspaceEdit, as one undo step', async () => {
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    // The document may be a model kept from an earlier test whose file-watcher refresh has not arrived
    // yet: same text as the disk, older modification time. Saving it then fails as a conflict ("file is
    // newer"), which is what made "a clean document is saved" fail under load. Revert re-reads the disk.
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.isDirty, false);
    assert.equal(doc.getText(), original);
    assert.equal(await vscode.commands.executeCommand('waymark.setStatus', 'RET-17', 'blocked'), true);
    assert.deepEqual(lineDiff(original, doc.getText()).added, ['        status: blocked']);
    assert.equal(disk(), doc.getText(), 'a clean document is saved');
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.getText(), original);
    await saveAndSettle(doc, file, original);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('filters by assignee and groups by assignee', async () => {
    await vscode.commands.executeCommand('waymark.filter', { assignee: 'chen' });
    let s = await state();
    const tasks = all(s.plan).filter((n) => n.kind === 'task');
    assert.deepEqual(tasks.map((n) => n.taskId), ['RET-4', 'RET-7', 'RET-13', 'RET-14', 'RET-19', 'RET-23']);
    assert.match(s.planMessage ?? '', /^Filtered by assignee chen: 24 tasks hidden\./);
    await vscode.commands.executeCommand('waymark.clearFilter');
    await vscode.commands.executeCommand('waymark.groupBy', 'assignee');
    s = await state();
    assert.deepEqual(s.plan.map((n) => n.label), ['Ana Souza (ana)', 'Ben Okafor (ben)', 'Chen Wei (chen)', 'Dara Byrne (dara)', 'Unassigned', 'Risks']);
    await vscode.commands.executeCommand('waymark.groupBy', 'milestone');
  });

  it('lists my tasks (git user.email) critical first, then priority, then planned start', async () => {
    const s = await state();
    const ids = s.myTasks.map((n) => n.taskId);
    assert.equal(ids[0], 'RET-12', 'the critical, high-priority task comes first');
    assert.deepEqual([...ids].sort(), ['RET-12', 'RET-15', 'RET-25', 'RET-27'], 'ben’s open tasks; RET-10, RET-11 are done');
    assert.match(s.myTasksMessage ?? '', /^ben: 4 open tasks/);
  });

  it('shows a task in the Plan view by id (the status bar click)', async () => {
    assert.equal(await vscode.commands.executeCommand('waymark.openTask', { taskId: 'RET-14' }), true);
    assert.equal(await vscode.commands.executeCommand('waymark.openTask', 'RET-404'), false);
  });

  it('opens the first problem of a project.yml that does not parse, and the view says so', async () => {
    await setPlanText(original.replace('milestones:\n', 'milestones:\n  - id: [unclosed\n'));
    const snap = api.store.all()[0];
    const first = snap.parsed.diagnostics.find((d) => d.severity === 'error');
    assert.ok(first, 'the broken file has an error diagnostic');
    assert.equal(await vscode.commands.executeCommand('waymark.showFirstProblem'), true);
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.fsPath, file);
    assert.equal(editor?.selection.start.line, first.start.line - 1);
    const s = await state();
    if (!snap.plan) {
      assert.deepEqual(s.plan, []);
      assert.match(s.planMessage ?? '', /project\.yml does not parse \(line \d+: /);
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('starts work: creates the branch, sets the task in progress, shows it in the status bar', async () => {
    const result = await vscode.commands.executeCommand<{ ok: boolean; branch: string; message: string }>('waymark.startWork', 'RET-15');
    assert.ok(result?.ok, result?.message);
    assert.equal(result.branch, 'RET-15-accessibility-fixes-from-the-audit');
    assert.equal(git('branch', '--show-current'), 'RET-15-accessibility-fixes-from-the-audit');
    assert.deepEqual(lineDiff(original, disk()).added, ['        status: in-progress']);
    const s = await state();
    assert.equal(s.statusBar.visible, true);
    assert.equal(s.statusBar.taskId, 'RET-15');
    assert.match(s.statusBar.text, /^\$\(target\) RET-15 · \d+%$/);
  });

  it('refuses to switch to an existing branch at another commit while changes are uncommitted', async () => {
    git('branch', '-f', 'RET-17-load-test-the-returns-api', 'main~3');
    const before = git('branch', '--show-current');
    await setPlanText(`${original}# local change\n`);
    const result = await vscode.commands.executeCommand<{ ok: boolean; message: string }>('waymark.startWork', 'RET-17');
    assert.equal(result?.ok, false);
    assert.match(result?.message ?? '', /uncommitted changes/);
    assert.equal(git('branch', '--show-current'), before);
    assert.ok(disk().endsWith('# local change\n'), 'the local change is still there');
    git('branch', '-D', 'RET-17-load-test-the-returns-api');
  });
});
