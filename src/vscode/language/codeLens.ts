// A CodeLens row above each task's `id:` in project.yml: status (declared ->
// effective when commits changed it), progress and commits, float and the
// critical path when a schedule exists. Clicking the status sets it, clicking
// progress lists the linked commits (both are the editor UI's commands).
import * as vscode from 'vscode';
import type { Task } from '../../core/model';
import type { ParsedPlan } from '../../core/parse';
import type { PlanStore } from '../planStore';
import { taskLensTitles } from './hoverText';
import { taskFacts } from './facts';
import type { PlanDocuments } from './planDocuments';
import { COMMANDS } from '../commands';

export class PlanCodeLenses implements vscode.CodeLensProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeCodeLenses = this.changed.event;
  private readonly sub: vscode.Disposable;

  constructor(private readonly docs: PlanDocuments, private readonly store: PlanStore) {
    // New progress, commits or schedule: redraw (the text did not change, so VS Code would not).
    this.sub = store.onDidChange(() => this.changed.fire());
  }

  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!this.docs.isPlan(doc)) return [];
    // The user is looking at the plan: load progress and schedule (once; cheap afterwards).
    void this.store.ready();
    const pd = this.docs.get(doc);
    const plan = pd.lastPlan;
    if (!plan) return [];
    const snap = this.docs.snapshotFor(doc.uri);
    const lenses: vscode.CodeLens[] = [];
    // Positions from the current text's index (right even mid-edit), data from the latest plan.
    for (const def of pd.index.defined('task')) {
      const task = plan.byId.get(def.id);
      if (task?.kind !== 'task') continue;
      const line = doc.positionAt(def.start).line;
      const range = new vscode.Range(line, 0, line, 0);
      const facts = taskFacts(snap, task.id);
      const titles = taskLensTitles(task, facts, hasInvalidStatus(pd.parsed, task));
      // The editor UI's commands take `{ taskId, folder }` (folder: the workspace folder URI) so the
      // right plan is edited in a multi-root workspace. A project.yml the store does not own (a second
      // plan in one folder) gets read-only lenses: those commands could not find its tasks.
      const arg = snap ? { taskId: task.id, folder: snap.folder.uri.toString() } : undefined;
      lenses.push(new vscode.CodeLens(range, arg
        ? { title: titles.status, tooltip: vscode.l10n.t('Set the status of {0}', task.id), command: COMMANDS.setStatus, arguments: [arg] }
        : { title: titles.status, command: '' }));
      if (titles.progress) {
        const canList = arg && this.store.trusted && facts.commits !== undefined;
        lenses.push(new vscode.CodeLens(range, canList
          ? { title: titles.progress, tooltip: vscode.l10n.t('Show the commits linked to {0}', task.id), command: COMMANDS.showLinkedCommits, arguments: [arg] }
          : { title: titles.progress, command: '' }));
      }
      if (titles.schedule) lenses.push(new vscode.CodeLens(range, { title: titles.schedule, command: '' }));
    }
    return lenses;
  }

  dispose(): void {
    this.sub.dispose();
    this.changed.dispose();
  }
}

/** The task's written status has a diagnostic in this text (so `task.status` is only the default). */
function hasInvalidStatus(parsed: ParsedPlan, task: Task): boolean {
  if (parsed.plan?.byId.get(task.id) !== task) return false; // data from an older text: spans do not apply
  const span = task.fieldSpans.status;
  return !!span && parsed.diagnostics.some((d) => d.span.start === span.start && d.span.end === span.end && d.severity === 'error');
}
