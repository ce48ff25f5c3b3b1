// Completion of values in project.yml: ids in `depends`, people in
// `assignee`/`owner`, task ids in risk and sprint `tasks`, and the enum values
// of the format. Reads the raw text (yamlContext) so it works mid-edit; the
// latest plan that parsed only adds titles and names as details.
import * as vscode from 'vscode';
import type { Plan } from '../../core/model';
import { scanIds, valueContextAt } from './yamlContext';
import { idsOfPlan, suggestionsFor, type Suggestion } from './suggest';
import { spanRange, type PlanDocuments } from './planDocuments';

/** Space after `key:`, a list's `[` or `,`, a block item's `- `. */
export const COMPLETION_TRIGGERS = [' ', '[', ','];

const KIND: Record<Suggestion['kind'], vscode.CompletionItemKind> = {
  enum: vscode.CompletionItemKind.EnumMember,
  task: vscode.CompletionItemKind.Reference,
  milestone: vscode.CompletionItemKind.Module,
  person: vscode.CompletionItemKind.User,
};

export class PlanCompletions implements vscode.CompletionItemProvider {
  constructor(private readonly docs: PlanDocuments) {}

  provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    if (!this.docs.isPlan(doc)) return undefined;
    const text = doc.getText();
    const ctx = valueContextAt(text, doc.offsetAt(position));
    if (!ctx) return undefined;
    // Ids from the latest parse (at most one debounce old), else a line scan of this text.
    const plan = this.docs.latest(doc)?.lastPlan;
    const suggestions = suggestionsFor(ctx, plan ? idsOfPlan(plan) : scanIds(text));
    if (suggestions.length === 0) return undefined;
    const replace = spanRange(doc, ctx.replaceStart, ctx.replaceEnd);
    const insert = new vscode.Range(replace.start, position);
    return suggestions.map((s, i) => {
      const item = new vscode.CompletionItem(s.label, KIND[s.kind]);
      item.range = { inserting: insert, replacing: replace };
      item.insertText = ctx.needsSpace ? ` ${s.label}` : s.label;
      item.filterText = ctx.needsSpace ? ` ${s.label}` : s.label;
      item.sortText = String(i).padStart(5, '0'); // file order (enums: the format's order)
      const detail = describe(plan, s);
      if (detail) item.detail = detail;
      return item;
    });
  }
}

function describe(plan: Plan | undefined, s: Suggestion): string | undefined {
  if (s.kind === 'enum' || !plan) return undefined;
  const item = plan.byId.get(s.label);
  if (!item) return undefined;
  switch (item.kind) {
    case 'task': return `${item.title} (${item.status})`;
    case 'milestone': return `Milestone: ${item.title}`;
    case 'person': return item.name ?? undefined;
    default: return undefined;
  }
}
