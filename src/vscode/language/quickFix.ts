// Quick fixes from the core's diagnostics: every `fix` the validator attaches
// (the "did you mean" cases, removing a self-dependency) becomes a QuickFix
// code action whose edit is a WorkspaceEdit, so it is one undo step.
import * as vscode from 'vscode';
import type { Diagnostic } from '../../core/model';
import { DIAGNOSTIC_SOURCE } from './convert';
import { spanRange, type PlanDocuments } from './planDocuments';

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
    return actions;
  }

  private action(doc: vscode.TextDocument, d: Diagnostic, dRange: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction {
    const fix = d.fix!;
    const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    const edit = new vscode.WorkspaceEdit();
    for (const e of fix.edits) edit.replace(doc.uri, spanRange(doc, e.offset, e.offset + e.length), e.newText);
    action.edit = edit;
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
