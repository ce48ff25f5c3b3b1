// The language features for project.yml, registered together: diagnostics,
// completion, hover, definition/references/highlights, quick fixes, CodeLens.
// All of them are thin glue over the core parser and the plan store.
import * as vscode from 'vscode';
import type { PlanStore } from '../planStore';
import { PlanCodeLenses } from './codeLens';
import { COMPLETION_TRIGGERS, PlanCompletions } from './completion';
import { PlanDiagnostics } from './diagnostics';
import { PlanHover } from './hover';
import { PlanNavigation } from './navigation';
import { PLAN_SELECTOR, PlanDocuments } from './planDocuments';
import { PlanQuickFixes } from './quickFix';

export function registerLanguageFeatures(context: vscode.ExtensionContext, store: PlanStore): void {
  const docs = new PlanDocuments(store);
  const navigation = new PlanNavigation(docs);
  const lenses = new PlanCodeLenses(docs, store);
  context.subscriptions.push(
    docs,
    new PlanDiagnostics(docs, store),
    vscode.languages.registerCompletionItemProvider(PLAN_SELECTOR, new PlanCompletions(docs), ...COMPLETION_TRIGGERS),
    vscode.languages.registerHoverProvider(PLAN_SELECTOR, new PlanHover(docs)),
    vscode.languages.registerDefinitionProvider(PLAN_SELECTOR, navigation),
    vscode.languages.registerReferenceProvider(PLAN_SELECTOR, navigation),
    vscode.languages.registerDocumentHighlightProvider(PLAN_SELECTOR, navigation),
    vscode.languages.registerCodeActionsProvider(PLAN_SELECTOR, new PlanQuickFixes(docs), PlanQuickFixes.metadata),
    lenses,
    vscode.languages.registerCodeLensProvider(PLAN_SELECTOR, lenses),
  );
}
