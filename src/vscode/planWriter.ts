// The one writer of project.yml in the extension. Every surface that changes
// the plan (tree and palette commands, Start Work, the Gantt; next the board
// and language-model tools) calls `apply`:
//
//   const outcome = await writer.apply(folderKey, (parsed) => setStatus(parsed, 'PAY-3', 'done'), { label: 'Set Status' });
//   if (!outcome.applied) console.log(outcome.reason);
//
// - The edit is computed here, on the folder's current ParsedPlan, so it is never made against stale text.
// - project.yml open in an editor: one WorkspaceEdit (one undo step; a clean document is saved, a dirty
//   one is left to the user). Otherwise the core's writeIfUnchanged, the CLI's writer (atomic replace).
// - Refused, with the reason, when the core edit refuses (the file does not parse, unknown id, ...) or
//   the file changed underneath; the store then re-reads it.
// - The promise settles once the store holds the plan as written, so callers can chain edits or look.
// - `pending` statuses show in the views at once, until the store's next snapshot (the truth) replaces them.
// Quick fixes are code actions whose edit VS Code itself applies: they build it with `workspaceEditFor`.
import * as vscode from 'vscode';
import type { PlanSnapshot, PlanStore } from './planStore';
import type { TaskStatus, TextEdit } from '../core/model';
import type { ParsedPlan } from '../core/parse';
import { applyTextEdits, type EditResult } from '../core/edit';
import { writeIfUnchanged } from '../core/planFile';
import { decodeBytes } from '../core/parse';
import { contentHash } from '../core/yamlUtil';

export type PlanEdit = (parsed: ParsedPlan) => EditResult;

export interface PlanEditOptions {
  /** What the user did, for the log ("Set Status", "Gantt move"). */
  readonly label?: string;
  /** Statuses to show in the views while the edit is written and re-read (task id -> status). */
  readonly pending?: ReadonlyMap<string, TaskStatus>;
  /** Show a refusal as an error notification (default). A surface that shows it itself passes false. */
  readonly notify?: boolean;
}

export type PlanEditOutcome =
  | { readonly applied: true; readonly summary: string; readonly snapshot?: PlanSnapshot }
  | { readonly applied: false; readonly reason: string };

interface Pending {
  /** The plan text the statuses were set against; a snapshot with other text is newer and wins. */
  readonly base: string;
  readonly statuses: Map<string, TaskStatus>;
}

/** The WorkspaceEdit that applies core text edits to an open document. */
export function workspaceEditFor(doc: vscode.TextDocument, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(doc.uri, new vscode.Range(doc.positionAt(e.offset), doc.positionAt(e.offset + e.length)), e.newText);
  return edit;
}

export class PlanWriter implements vscode.Disposable {
  private readonly pending = new Map<string, Pending>();
  private readonly pendingChanged = new vscode.EventEmitter<void>();
  /** Fires when pending statuses appear or are dropped (the views redraw). */
  readonly onDidChangePending = this.pendingChanged.event;

  constructor(readonly store: PlanStore) {}

  /** Computes `edit` on the current plan of the folder `folderKey` and writes it (see the top of this file). */
  async apply(folderKey: string, edit: PlanEdit, options: PlanEditOptions = {}): Promise<PlanEditOutcome> {
    await this.store.ready();
    const snapshot = this.store.forFolderKey(folderKey);
    if (!snapshot) return this.refused(folderKey, vscode.l10n.t('there is no project.yml in that workspace folder.'), options);
    if (options.pending) this.showPending(folderKey, snapshot.parsed.text, options.pending);
    const result = edit(snapshot.parsed);
    if (!result.ok) return this.refused(folderKey, result.reason, options);
    if (result.edits.length === 0) return { applied: true, summary: result.summary, snapshot };
    const written = await this.write(snapshot, result.edits);
    if (!written.ok) {
      // Re-read what is there now, so that the next attempt starts from it.
      await this.store.reload(snapshot.folder);
      return this.refused(folderKey, written.reason, options);
    }
    for (const w of result.warnings) void vscode.window.showWarningMessage(w);
    this.store.log.info(`edit${options.label ? ` (${options.label})` : ''}: ${result.summary}`);
    await this.store.reloadWritten(snapshot.folder, written.text, written.fromDocument);
    return { applied: true, summary: result.summary, snapshot: this.store.forFolderKey(folderKey) };
  }

  /** The statuses shown ahead of the store for this snapshot, while it still holds the text they were set against. */
  pendingStatus(folderKey: string, currentText: string): ReadonlyMap<string, TaskStatus> | undefined {
    const entry = this.pending.get(folderKey);
    if (!entry) return undefined;
    if (entry.base !== currentText) {
      this.pending.delete(folderKey);
      return undefined;
    }
    return entry.statuses;
  }

  dispose(): void {
    this.pendingChanged.dispose();
  }

  private async write(snapshot: PlanSnapshot, edits: readonly TextEdit[]): Promise<{ ok: true; text: string; fromDocument: boolean } | { ok: false; reason: string }> {
    const uri = snapshot.fileUri;
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) {
      if (open.getText() !== snapshot.parsed.text) return { ok: false, reason: vscode.l10n.t('project.yml changed since Waymark read it. Try again now that it is up to date.') };
      const wasDirty = open.isDirty;
      if (!(await vscode.workspace.applyEdit(workspaceEditFor(open, edits)))) return { ok: false, reason: vscode.l10n.t('VS Code refused the edit (is the file read-only?).') };
      // The edit stands in the editor either way; a failed save only leaves the document dirty, so say so.
      if (!wasDirty && !(await open.save())) this.store.log.warn('project.yml: VS Code did not save the edited document; it stays modified in the editor.');
      return { ok: true, text: open.getText(), fromDocument: true };
    }
    if (uri.scheme === 'file') {
      const w = await writeIfUnchanged(uri.fsPath, snapshot.parsed.version, edits);
      return w.ok ? { ok: true, text: w.text, fromDocument: false } : w;
    }
    return this.writeVirtual(uri, snapshot.parsed.version, edits);
  }

  /** writeIfUnchanged's check for a file outside the local disk (virtual workspaces), through VS Code's file system. */
  private async writeVirtual(uri: vscode.Uri, version: string, edits: readonly TextEdit[]): Promise<{ ok: true; text: string; fromDocument: false } | { ok: false; reason: string }> {
    const bytes = await vscode.workspace.fs.readFile(uri);
    const decoded = decodeBytes(bytes);
    if (decoded.badOffset !== undefined || contentHash(decoded.text) !== version) {
      return { ok: false, reason: vscode.l10n.t('project.yml changed since Waymark read it. Try again now that it is up to date.') };
    }
    const text = applyTextEdits(decoded.text, edits);
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? '\ufeff' : '';
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(bom + text));
    return { ok: true, text, fromDocument: false };
  }

  private refused(folderKey: string, reason: string, options: PlanEditOptions): PlanEditOutcome {
    if (options.pending) this.dropPending(folderKey);
    if (options.notify !== false) void vscode.window.showErrorMessage(vscode.l10n.t('Waymark did not change project.yml: {0}', reason));
    return { applied: false, reason };
  }

  private showPending(folderKey: string, base: string, statuses: ReadonlyMap<string, TaskStatus>): void {
    let entry = this.pending.get(folderKey);
    if (!entry || entry.base !== base) this.pending.set(folderKey, (entry = { base, statuses: new Map() }));
    for (const [id, status] of statuses) entry.statuses.set(id, status);
    this.pendingChanged.fire();
  }

  private dropPending(folderKey: string): void {
    this.pending.delete(folderKey);
    this.pendingChanged.fire();
  }
}
