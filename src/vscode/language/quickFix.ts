// Quick fixes from the core's diagnostics: every `fix` the validator attaches
// (the "did you mean" cases, removing a self-dependency) becomes a QuickFix
// code action whose edit is a WorkspaceEdit, so it is one undo step. On a task
// whose commits imply another status, the same lightbulb offers to write it.
// VS Code applies a code action's edit itself; the edit is built by the plan
// writer's workspaceEditFor, the same conversion its own writes use.
import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/model';
import type { ParsedPlan } from '../../core/parse';
import { setStatus } from '../../core/edit';
import { DIAGNOSTIC_SOURCE } from './convert';
import { spanRange, type PlanDocuments } from './planDocuments';
import { workspaceEditFor } from '../planWriter';

export class PlanQuickFixes implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] };

  constructor(private readonly docs: PlanDocuments) {}

  provideCodeActions(doc: vscode.TextDocument, range: vscode.Range | vscode.Selection, context: vscode.CodeActionContext): vscode.CodeAction[] {
    if (context.only && !vscode.CodeActionKind.QuickFix.intersects(context.only)) return [];
    if (!this.docs.isPlan(doc)) return [];
    // Fixes are computed on the current text, so their offsets are this document's offsets.
    const { parsed } = this.docs.get(doc);
    if (parsed.text !== doc.getText()) return [];
    const actions: vscode.CodeAction[] = [];
    for (const d of parsed.diagnostics) {
      if (!d.fix || d.fix.edits.length === 0) continue;
      const dRange = spanRange(doc, d.span.start, d.span.end);
      if (!dRange.intersection(range) && !touches(dRange, range)) continue;
      actions.push(this.action(doc, d, dRange, context));
    }
    // One fix per diagnostic: the only fix is the preferred one (Ctrl+. applies it, "Fix All" may too).
    actions.push(...this.statusFromCommits(doc, range, parsed));
    return actions;
  }

  /** "Set status of RET-11 to 'done' (from commits)" on a task whose effective status differs. */
  private statusFromCommits(doc: vscode.TextDocument, range: vscode.Range, parsed: ParsedPlan): vscode.CodeAction[] {
    const progress = this.docs.snapshotFor(doc.uri)?.progress;
    const plan = parsed.plan;
    if (!progress || !plan || !parsed.syntaxOk) return [];
    const offset = doc.offsetAt(range.start);
    const task = plan.tasks.find((t) => t.span.start <= offset && offset <= t.span.end);
    const effective = task && progress.tasks.get(task.id)?.effective;
    if (!task || !effective || effective === task.status) return [];
    const result = setStatus(parsed, task.id, effective);
    if (!result.ok || result.edits.length === 0) return [];
    const action = new vscode.CodeAction(`Set status of ${task.id} to '${effective}' (from commits)`, vscode.CodeActionKind.QuickFix);
    action.edit = workspaceEditFor(doc, result.edits);
    return [action];
  }

  private action(doc: vscode.TextDocument, d: Diagnostic, dRange: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction {
    const fix = d.fix!;
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    action.edit = workspaceEditFor(doc, fix.edits);
    action.isPreferred = true;
    const matching = context.diagnostics.filter((v) => v.source === DIAGNOSTIC_SOURCE && v.code === d.code && v.range.start.isEqual(dRange.start));
    if (matching.length) action.diagnostics = matching;
    return action;
  }
}

/** An empty request range at either end of the diagnostic still counts (cursor right after a word). */
function touches(a: vscode.Range, b: vscode.Range): boolean {
  return b.isEmpty && (a.contains(b.start) || a.end.isEqual(b.start));
}
