// Problems panel for project.yml: the core's parse/validate diagnostics for
// open plans as the user types (debounced), for the plan on disk when it is
// not open, plus the schedule's problems (missed deadlines, over-allocated
// people) from the store's latest schedule, placed on the current text.
import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/model';
import type { ParsedPlan } from '../../core/parse';
import { EDITOR_MAX_BYTES, parsePlan } from '../../core/parse';
import { readPlanFile } from '../../core/planFile';
import { documentOf } from '../../core/syntaxTree';
import type { PlanSnapshot, PlanStore } from '../planStore';
import { toVsDiagnostic } from './convert';
import { buildIdIndex, type IdIndex } from './idIndex';
import { scheduleProblems } from './scheduleProblems';
import { isPlanUri, PLAN_FILE_NAME, type PlanDocuments } from './planDocuments';
import { typingDelay } from './pacing';

export class PlanDiagnostics implements vscode.Disposable {
  readonly collection = vscode.languages.createDiagnosticCollection('waymark');
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** How long the last validation of each document took (ms), to pace the next one. */
  private readonly cost = new Map<string, number>();
  private readonly subs: vscode.Disposable[] = [];

  constructor(private readonly docs: PlanDocuments, private readonly store: PlanStore) {
    this.subs.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length) this.schedule(e.document, typingDelay(this.cost.get(e.document.uri.toString())));
      }),
      vscode.workspace.onDidCloseTextDocument((d) => this.onClose(d)),
      store.onDidChange((s) => this.onSnapshot(s)),
      // An open editor's problems follow its text (refresh); a closed file's were the plan's.
      store.onDidDropPlan((uri) => { if (!this.isOpen(uri)) this.collection.delete(uri); }),
    );
    // A deleted plan has no problems left to list (an open, unsaved editor keeps its own).
    const watcher = vscode.workspace.createFileSystemWatcher(`**/${PLAN_FILE_NAME}`, true, true, false);
    this.subs.push(watcher, watcher.onDidDelete((uri) => { if (!this.isOpen(uri)) this.collection.delete(uri); }));
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
    for (const s of store.all()) this.onSnapshot(s);
  }

  /** Validates an open document now (tests and the debounce timer call this). */
  refresh(doc: vscode.TextDocument): void {
    if (doc.isClosed) return;
    const started = performance.now();
    const fresh = this.docs.latest(doc)?.version !== doc.version; // a parse happens now: time it
    if (!this.docs.isPlan(doc, true)) {
      // Another tool's project.yml (or one that turned into it while edited) lists nothing.
      if (isPlanUri(doc.uri)) this.collection.delete(doc.uri);
      return;
    }
    const pd = this.docs.get(doc);
    const extra = this.scheduleFor(doc.uri, pd.parsed);
    this.set(doc.uri, pd.parsed, extra, () => pd.index, (line) => (line < doc.lineCount ? doc.lineAt(line).text : undefined));
    if (fresh) this.cost.set(doc.uri.toString(), performance.now() - started);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isPlanUri(doc.uri)) return;
    const key = doc.uri.toString();
    const prev = this.timers.get(key);
    if (prev) clearTimeout(prev);
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      try {
        this.refresh(doc);
      } catch (e) {
        // A bug here must never surface while the user types; the store logs to the output channel.
        this.store.log.error(`project.yml diagnostics failed: ${(e as Error).stack ?? e}`);
      }
    }, delay));
  }

  private isOpen(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
  }

  private onSnapshot(s: PlanSnapshot): void {
    const open = this.isOpen(s.fileUri);
    if (open) {
      this.refresh(open); // the schedule may have changed; the parse is cached
      return;
    }
    this.fromParsed(s.fileUri, s.parsed);
  }

  private onClose(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
    this.cost.delete(key);
    if (!isPlanUri(doc.uri)) return;
    this.collection.delete(doc.uri);
    // The store's plan keeps its problems listed from the file on disk (the editor may have
    // been closed without saving, so read the disk rather than trust the last text).
    if (!this.docs.snapshotFor(doc.uri)) return;
    const onDisk = doc.uri.scheme === 'file'
      ? readPlanFile(doc.uri.fsPath, { maxBytes: EDITOR_MAX_BYTES })
      : Promise.resolve(vscode.workspace.fs.readFile(doc.uri)).then((bytes) => parsePlan(bytes, { maxBytes: EDITOR_MAX_BYTES }));
    onDisk.then(
      (parsed) => { if (!this.isOpen(doc.uri)) this.fromParsed(doc.uri, parsed); },
      () => { /* deleted or unreadable: nothing to list */ },
    );
  }

  private fromParsed(uri: vscode.Uri, parsed: ParsedPlan): void {
    const lines = parsed.text.split('\n');
    let index: IdIndex | undefined;
    this.set(uri, parsed, this.scheduleFor(uri, parsed), () => (index ??= buildIdIndex(parsed.text, documentOf(parsed))), (line) => lines[line]);
  }

  /**
   * Schedule problems: the store's schedule (keyed by ids) laid over this text's plan, so the
   * warnings stay put while the user types and the store has not recomputed yet (a few
   * hundred ms, or longer while it rescans history). Figures may lag by that long; positions
   * never do.
   */
  private scheduleFor(uri: vscode.Uri, parsed: ParsedPlan): Diagnostic[] {
    const snap = this.docs.snapshotFor(uri);
    if (!snap?.schedule || !parsed.plan) return [];
    const codes = new Set(parsed.diagnostics.map((d) => d.code));
    return scheduleProblems(parsed.text, parsed.plan, snap.schedule, (o) => parsed.positionAt(o), codes,
      { scheduleFromOtherText: snap.parsed.text !== parsed.text });
  }

  private set(uri: vscode.Uri, parsed: ParsedPlan, extra: readonly Diagnostic[], index: () => IdIndex, lineText: (line: number) => string | undefined): void {
    const list = [...parsed.diagnostics, ...extra].map((d) => toVsDiagnostic(d, uri, parsed, lineText, index));
    // Every store reload (a save, a history rescan) lands here with the same problems. Setting them
    // again is a marker change, and VS Code then recomputes code actions, which closes a quick-fix
    // menu the user just opened with Ctrl+. (seen in the language e2e when auto-save fired).
    if (sameDiagnostics(this.collection.get(uri), list)) return;
    this.collection.set(uri, list);
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    vscode.Disposable.from(...this.subs).dispose();
    this.collection.dispose();
  }
}

/** What a user sees of a problem: where, how bad, what it says, its code and link, its tags and related places. */
function diagnosticKey(d: vscode.Diagnostic): string {
  const r = d.range;
  const code = typeof d.code === 'object' ? `${d.code.value} ${d.code.target.toString()}` : String(d.code ?? '');
  const related = (d.relatedInformation ?? []).map((i) => `${i.location.uri.toString()}:${i.location.range.start.line}:${i.location.range.start.character}:${i.message}`);
  return JSON.stringify([r.start.line, r.start.character, r.end.line, r.end.character, d.severity, d.message, d.source, code, d.tags ?? [], related]);
}

function sameDiagnostics(current: readonly vscode.Diagnostic[] | undefined, next: readonly vscode.Diagnostic[]): boolean {
  if (!current || current.length !== next.length) return false;
  return current.every((d, i) => diagnosticKey(d) === diagnosticKey(next[i]));
}
