// Go to definition and find references for ids in project.yml: tasks,
// milestones, people, sprints and risks, from the id index of the document.
import * as vscode from 'vscode';
import { spanRange, type PlanDocuments } from './planDocuments';

export class PlanNavigation implements vscode.DefinitionProvider, vscode.ReferenceProvider, vscode.DocumentHighlightProvider {
  constructor(private readonly docs: PlanDocuments) {}

  provideDefinition(doc: vscode.TextDocument, position: vscode.Position): vscode.DefinitionLink[] | undefined {
    if (!this.docs.isPlan(doc)) return undefined;
    const { index } = this.docs.get(doc);
    const occ = index.at(doc.offsetAt(position));
    if (!occ) return undefined;
    const def = index.definition(occ.id);
    if (!def) return undefined;
    const target = spanRange(doc, def.start, def.end);
    return [{
      originSelectionRange: spanRange(doc, occ.start, occ.end),
      targetUri: doc.uri,
      targetRange: target,
      targetSelectionRange: target,
    }];
  }

  provideReferences(doc: vscode.TextDocument, position: vscode.Position, context: vscode.ReferenceContext): vscode.Location[] | undefined {
    if (!this.docs.isPlan(doc)) return undefined;
    const { index } = this.docs.get(doc);
    const occ = index.at(doc.offsetAt(position));
    if (!occ) return undefined;
    return index.all(occ.id)
      .filter((o) => context.includeDeclaration || o.role !== 'definition')
      .map((o) => new vscode.Location(doc.uri, spanRange(doc, o.start, o.end)));
  }

  /** Highlights every occurrence of the id under the cursor (definition as Write, references as Read). */
  provideDocumentHighlights(doc: vscode.TextDocument, position: vscode.Position): vscode.DocumentHighlight[] | undefined {
    if (!this.docs.isPlan(doc)) return undefined;
    const { index } = this.docs.get(doc);
    const occ = index.at(doc.offsetAt(position));
    if (!occ) return undefined;
    return index.all(occ.id).map((o) => new vscode.DocumentHighlight(
      spanRange(doc, o.start, o.end),
      o.role === 'definition' ? vscode.DocumentHighlightKind.Write : vscode.DocumentHighlightKind.Read,
    ));
  }
}
