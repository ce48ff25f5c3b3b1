// The project.yml language features inside the real VS Code, on the demo
// workspace: typing an invalid status shows a diagnostic, its quick fix
// repairs the text, completion offers people and ids, hover shows a task's
// title, go-to-definition lands on the `id:`, and every task gets a CodeLens.
// The document is edited but never saved, and reverted at the end.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'waymark-dev.waymark';
const WAIT_MS = 15_000;

interface Api {
  store: { ready(): Promise<void>; all(): readonly { fileUri: vscode.Uri; parsed: { text: string }; plan?: { tasks: readonly { id: string }[] } }[] };
}

/** Polls `probe` until it returns a value (bounded; the test fails with `what` if it never does). */
async function eventually<T>(what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const end = Date.now() + WAIT_MS;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function lineOf(doc: vscode.TextDocument, re: RegExp, from = 0): number {
  for (let i = from; i < doc.lineCount; i++) if (re.test(doc.lineAt(i).text)) return i;
  throw new Error(`no line matching ${re} after line ${from}`);
}

/** Position of `needle` in line `line` (+ `delta` characters). */
function posIn(doc: vscode.TextDocument, line: number, needle: string, delta = 0): vscode.Position {
  const col = doc.lineAt(line).text.indexOf(needle);
  assert.ok(col >= 0, `'${needle}' on line ${line + 1}: ${doc.lineAt(line).text}`);
  return new vscode.Position(line, col + delta);
}

function waymarkDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'waymark');
}

function hoverText(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents).map((c) => (typeof c === 'string' ? c : c.value)).join('\n');
}

describe('language features (project.yml)', () => {
  let doc: vscode.TextDocument;
  let editor: vscode.TextEditor;
  let api: Api;
  let original: string;

  before(async () => {
    api = await vscode.extensions.getExtension<Api>(EXTENSION_ID)!.activate();
    const [uri] = await vscode.workspace.findFiles('project.yml');
    assert.ok(uri, 'demo workspace has project.yml');
    doc = await vscode.workspace.openTextDocument(uri);
    original = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    assert.equal(doc.getText(), original, 'the demo project.yml is unchanged when this suite starts');
    editor = await vscode.window.showTextDocument(doc);
    assert.equal(doc.languageId, 'yaml');
  });

  after(async () => {
    // Leave the file as it is on disk for the other suites.
    // Restore the exact text (an edit may have been saved, e.g. by auto save) and the file on disk.
    if (doc.getText() !== original) {
      const edit = new vscode.WorkspaceEdit();
      edit.replace(doc.uri, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), original);
      assert.ok(await vscode.workspace.applyEdit(edit));
    }
    if (doc.isDirty) await doc.save();
    assert.equal(Buffer.from(await vscode.workspace.fs.readFile(doc.uri)).toString('utf8'), original);
    // The store re-reads it after its debounce: wait, so later suites see the demo as it is.
    await eventually('the store to read the restored file', () => (api.store.all()[0].parsed.text === original ? true : undefined));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('a reload that finds the same problems leaves them alone, so an open quick-fix menu stays open', async () => {
    // Auto-save, a commit or a history rescan reloads the plan; setting the same problems again is a
    // marker change, on which VS Code recomputes code actions and closes the menu Ctrl+. opened.
    const same = (a: vscode.Diagnostic[]) => a.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.message}`);
    const before = same(await eventually('the demo\'s problems (warnings) listed', () => {
      const list = waymarkDiagnostics(doc.uri);
      return list.length ? list : undefined;
    }));
    // Opening the editor lists its own problems (debounced): let that settle before listening.
    await new Promise((r) => setTimeout(r, 750));
    let changes = 0;
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === doc.uri.toString())) return;
      changes++;
      console.log(`diagnostics changed: ${JSON.stringify(vscode.languages.getDiagnostics(doc.uri).map((d) => [d.source, d.range.start.line, d.message]))}`);
    });
    try {
      await (api.store as unknown as { refresh(): Promise<void> }).refresh();
      // The extension host delivers diagnostic changes debounced (tens of ms): give them time to arrive.
      await new Promise((r) => setTimeout(r, 750));
      assert.equal(changes, 0, 'the reload set the same problems again');
      assert.deepEqual(same(waymarkDiagnostics(doc.uri)), before);
    } finally {
      sub.dispose();
    }
  });

  it('typing an invalid status shows a diagnostic whose quick fix repairs it', async function () {
    // Ten keystrokes through the real `type` command: on a loaded machine each may take a second.
    this.timeout(90_000);
    const taskLine = lineOf(doc, /^\s*- id: RET-7$/);
    const statusLine = lineOf(doc, /^\s*status: review$/, taskLine);
    const start = posIn(doc, statusLine, 'review');
    // Select the value and type over it, one character at a time, as a user would.
    editor.selection = new vscode.Selection(start, start.translate(0, 'review'.length));
    for (const ch of 'in-progres') await vscode.commands.executeCommand('type', { text: ch });
    assert.equal(doc.lineAt(statusLine).text.trim(), 'status: in-progres');
    assert.ok(doc.isDirty, 'typed, not saved');

    // Diagnostics follow the typing (debounced), so wait for the one about the final text.
    const diag = await eventually('the bad-enum diagnostic', () =>
      waymarkDiagnostics(doc.uri).find((d) => d.code === 'bad-enum' && d.range.start.line === statusLine && d.message.includes("'in-progres'")));
    assert.equal(diag.message, "`status` must be one of todo, in-progress, review, blocked, done, dropped; 'in-progres' is not (did you mean 'in-progress'?).");
    assert.equal(diag.severity, vscode.DiagnosticSeverity.Error);
    // The demo plan is otherwise valid: this is the only error.
    const errors = waymarkDiagnostics(doc.uri).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
    assert.deepEqual(errors.map((d) => `${d.range.start.line + 1}: ${d.message}`), [`${statusLine + 1}: ${diag.message}`]);
    assert.deepEqual(
      [diag.range.start.line, diag.range.start.character, diag.range.end.line, diag.range.end.character],
      [statusLine, start.character, statusLine, start.character + 'in-progres'.length],
    );

    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range);
    const fix = actions.find((a) => a.title === "Change to 'in-progress'");
    assert.ok(fix, `quick fix offered; got ${actions.map((a) => a.title).join(', ')}`);
    assert.equal(fix.kind?.value, vscode.CodeActionKind.QuickFix.value);
    assert.equal(fix.isPreferred, true);
    assert.ok(fix.edit, 'the fix is a WorkspaceEdit');
    assert.ok(await vscode.workspace.applyEdit(fix.edit));

    assert.equal(doc.lineAt(statusLine).text.trim(), 'status: in-progress');
    await eventually('the diagnostic to disappear', () =>
      waymarkDiagnostics(doc.uri).some((d) => d.range.start.line === statusLine) ? undefined : true);
    // One undo step takes the fix back.
    await vscode.commands.executeCommand('undo');
    assert.equal(doc.lineAt(statusLine).text.trim(), 'status: in-progres');
  });

  it('completes people after `assignee:` and ids in `depends`', async () => {
    const taskLine = lineOf(doc, /^\s*- id: RET-7$/);
    const assigneeLine = lineOf(doc, /^\s*assignee: chen$/, taskLine);
    const people = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', doc.uri, posIn(doc, assigneeLine, 'chen'));
    const names = people.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const p of ['ana', 'ben', 'chen', 'dara']) assert.ok(names.includes(p), `${p} offered; got ${names.join(', ')}`);
    const chen = people.items.find((i) => i.label === 'chen');
    assert.equal(chen?.detail, 'Chen Wei');

    const dependsLine = lineOf(doc, /^\s*depends: \[RET-3\]$/, taskLine);
    const ids = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider', doc.uri, posIn(doc, dependsLine, '[', 1));
    const labels = ids.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const id of ['RET-1', 'RET-9', 'beta', 'portal']) assert.ok(labels.includes(id), `${id} offered; got ${labels.join(', ')}`);
    assert.ok(!labels.includes('RET-7'), 'a task is not offered as its own dependency');
    assert.ok(!labels.includes('ana'), 'people are not offered in depends');
  });

  it('hover on a task id in depends shows its title and status', async () => {
    const taskLine = lineOf(doc, /^\s*- id: RET-7$/);
    const dependsLine = lineOf(doc, /^\s*depends: \[RET-3\]$/, taskLine);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider', doc.uri, posIn(doc, dependsLine, 'RET-3', 2));
    const text = hoverText(hovers);
    assert.match(text, /Eligibility rules engine/);
    // core/text escapeMarkdown leaves a hyphen inside a word as it is (not Markdown syntax there)
    assert.match(text, /\*\*RET-3\*\*/);
    assert.match(text, /Status: `done`/);
  });

  it('go to definition from depends lands on the task id', async () => {
    const taskLine = lineOf(doc, /^\s*- id: RET-7$/);
    const dependsLine = lineOf(doc, /^\s*depends: \[RET-3\]$/, taskLine);
    const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>(
      'vscode.executeDefinitionProvider', doc.uri, posIn(doc, dependsLine, 'RET-3', 1));
    assert.equal(defs.length, 1);
    const d = defs[0];
    const range = 'targetRange' in d ? (d.targetSelectionRange ?? d.targetRange) : d.range;
    const idLine = lineOf(doc, /^\s*- id: RET-3$/);
    assert.equal(range.start.line, idLine);
    assert.equal(doc.getText(range), 'RET-3');

    const refs = await vscode.commands.executeCommand<vscode.Location[]>(
      'vscode.executeReferenceProvider', doc.uri, posIn(doc, idLine, 'RET-3'));
    const refLines = refs.map((r) => r.range.start.line);
    assert.ok(refLines.includes(idLine) && refLines.includes(dependsLine), `references include the definition and RET-7's depends: ${refLines}`);
  });

  it('shows a status CodeLens on every task', async () => {
    await api.store.ready();
    const tasks = api.store.all()[0].plan?.tasks ?? [];
    assert.ok(tasks.length > 10, 'the demo plan has tasks');
    const lenses = await eventually('CodeLenses', async () => {
      const l = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
      return l.filter((x) => x.command?.command === 'waymark.setStatus').length === tasks.length ? l : undefined;
    });
    const statusLenses = lenses.filter((x) => x.command?.command === 'waymark.setStatus');
    const folder = vscode.workspace.workspaceFolders![0].uri.toString();
    const args = statusLenses.map((x) => x.command!.arguments![0] as { taskId: string; folder: string });
    assert.deepEqual(args.map((a) => a.taskId), tasks.map((t) => t.id));
    assert.ok(args.every((a) => a.folder === folder), 'lenses name the workspace folder of the plan');
    const ret7 = statusLenses[args.findIndex((a) => a.taskId === 'RET-7')];
    assert.equal(ret7.range.start.line, lineOf(doc, /^\s*- id: RET-7$/));
    // Every lens on its own task's `id:` line (placed from the parsed plan's spans when the text parses).
    const escape = (id: string): string => id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    for (const [k, lens] of statusLenses.entries()) {
      assert.equal(lens.range.start.line, lineOf(doc, new RegExp(`^\\s*(- )?id: ${escape(args[k].taskId)}\\s*$`)), args[k].taskId);
    }
    // Trusted demo repository with history: progress lenses open the linked commits.
    const commitLens = lenses.find((x) => x.command?.command === 'waymark.showLinkedCommits');
    assert.ok(commitLens, 'a progress lens links to the commits');
    assert.match(commitLens.command!.title, /^\d+% · \d+ commits?$/);
  });

  it('the status CodeLens runs Set Status on its own task', async () => {
    // The lens passes { taskId, folder }; the editor UI's command takes a status as the next argument.
    const lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', doc.uri);
    const ret7 = lenses.find((x) => x.command?.command === 'waymark.setStatus' && (x.command.arguments![0] as { taskId: string }).taskId === 'RET-7');
    assert.ok(ret7?.command);
    // Edits are refused while the store's copy lags behind the editor: wait until it caught up.
    await eventually('the store to read the edited text', () => (api.store.all()[0].parsed.text === doc.getText() ? true : undefined));
    const ok = await vscode.commands.executeCommand<boolean>(ret7.command.command, ...ret7.command.arguments!, 'blocked');
    assert.equal(ok, true);
    const taskLine = lineOf(doc, /^\s*- id: RET-7$/);
    assert.equal(doc.lineAt(lineOf(doc, /^\s*status: /, taskLine)).text.trim(), 'status: blocked');
  });

  it('offers to write the status the commits imply, keeping the comment', async () => {
    await api.store.ready();
    // RET-11 says in-progress, but a commit on main closed it (the demo's history).
    const taskLine = lineOf(doc, /^\s*- id: RET-11$/);
    const statusLine = lineOf(doc, /^\s*status: in-progress\s+#/, taskLine);
    const comment = doc.lineAt(statusLine).text.slice(doc.lineAt(statusLine).text.indexOf('#'));
    const at = new vscode.Range(posIn(doc, statusLine, 'in-progress'), posIn(doc, statusLine, 'in-progress'));
    const action = await eventually('the status-from-commits action', async () => {
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, at);
      return actions.find((a) => a.title === "Set status of RET-11 to 'done' (from commits)");
    });
    assert.ok(action.edit);
    assert.ok(await vscode.workspace.applyEdit(action.edit));
    const line = doc.lineAt(statusLine).text;
    assert.match(line, /^\s*status: done\s+#/);
    assert.ok(line.endsWith(comment), 'the comment is kept');
  });
});
