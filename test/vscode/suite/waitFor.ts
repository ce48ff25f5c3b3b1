// Polling helper shared by the in-host suite files (not a test file itself).

/** Polls `probe` every 100 ms until it returns something truthy; throws after `ms`. */
export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | false>, ms = 15_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** What the suites that swap project.yml use of the extension's API. */
export interface StoreApi { store: { ready(): Promise<void>; refresh(): Promise<void>; all(): readonly { plan?: unknown }[] } }

/**
 * For suites that change the workspace's project.yml on disk: the activated
 * API and the file, once no editor holds it (every editor is closed first: an
 * open editor's text is what the store reads, and a save would write it
 * back). Fails when a document of it is still open: VS Code keeps a closed
 * editor's document for minutes, so such suites run before any other opens
 * it (see the order in index.ts).
 */
export async function takePlanFile(): Promise<{ api: StoreApi; file: string }> {
  const vscode = await import('vscode');
  const { join } = await import('node:path');
  const api = await vscode.extensions.getExtension<StoreApi>('waymark-dev.waymark')!.activate();
  await api.store.ready();
  const file = join(vscode.workspace.workspaceFolders![0].uri.fsPath, 'project.yml');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  const open = () => vscode.workspace.textDocuments.some((d) => d.uri.fsPath === file && !d.isClosed);
  for (let i = 0; i < 100 && open(); i++) await new Promise((r) => setTimeout(r, 50));
  if (open()) throw new Error('project.yml is still open in a document: this suite must run before the suites that open it (index.ts)');
  return { api, file };
}

/** After the demo plan's bytes are back on disk: the store shows its plan again (a closed editor's document may lag behind the disk for a moment). */
export async function expectDemoPlanBack(api: StoreApi): Promise<void> {
  await waitFor('the demo plan to be back', async () => {
    await api.store.refresh();
    return Boolean(api.store.all()[0]?.plan);
  });
}

/**
 * Saves `doc` (after an undo) and waits until the editor is clean and `file` on disk holds `expected`.
 * The web workbench auto-saves 1 s after a change (files.autoSave defaults to afterDelay there, and an
 * undo's auto-save first waits 500 ms): when that save is already running, `doc.save()` returns false
 * and the document stays dirty until the auto-save lands. An edit made while it is dirty is left
 * unsaved (planWriter saves only clean documents), so the next edit must start from a clean one.
 */
export async function saveAndSettle(doc: import('vscode').TextDocument, file: string, expected: string): Promise<void> {
  const { readFileSync } = await import('node:fs');
  const saved = await doc.save();
  await waitFor(`project.yml saved and restored on disk (save() returned ${saved})`, async () => !doc.isDirty && readFileSync(file, 'utf8') === expected, 10_000);
}
