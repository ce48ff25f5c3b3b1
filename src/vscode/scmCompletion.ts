// Commit-message help in the Source Control input box (document scheme
// `vscode-scm`): task ids and closing words, from scmItems.ts. Works in
// untrusted workspaces too: it reads only the plan.
import * as vscode from 'vscode';
import type { PlanSnapshot, PlanStore } from './planStore';
import { DEFAULT_CLOSING_WORDS } from '../core/link';
import { commitCompletions } from './scmItems';
import { currentTaskId } from './statusBar';

/** The plans of the repository an SCM input box belongs to (`vscode-scm:git/scm0/input?rootUri=...`), else all. */
function snapshotsFor(store: PlanStore, doc: vscode.TextDocument): readonly PlanSnapshot[] {
  const root = new URLSearchParams(doc.uri.query).get('rootUri');
  if (root) {
    try {
      const rootPath = vscode.Uri.parse(root).fsPath;
      const match = store.all().filter((s) => s.fileUri.fsPath.startsWith(rootPath));
      if (match.length) return match;
    } catch {
      // Not a URI: offer every plan.
    }
  }
  return store.all();
}

/** The completion provider; src/extension.ts registers it for the `vscode-scm` scheme at activation. */
export function scmCompletion(store: PlanStore): vscode.CompletionItemProvider {
  return {
    async provideCompletionItems(doc, position) {
      await store.ready();
      const line = doc.lineAt(position.line).text.slice(0, position.character);
      const word = /[A-Za-z][\w.-]*$/.exec(line)?.[0] ?? '';
      const range = new vscode.Range(position.translate(0, -word.length), position);
      const snapshots = snapshotsFor(store, doc);
      const plans = snapshots.flatMap((s) => (s.plan
        ? [{ plan: s.plan, effective: (id: string) => s.progress?.tasks.get(id)?.effective }]
        : []));
      const words = vscode.workspace.getConfiguration('waymark', snapshots[0]?.folder).get<string[]>('closingWords') ?? [...DEFAULT_CLOSING_WORDS];
      return commitCompletions(plans, currentTaskId(), words).map((c) => {
        const item = new vscode.CompletionItem(
          c.description ? { label: c.label, description: c.description } : c.label,
          c.kind === 'task' ? vscode.CompletionItemKind.Reference : vscode.CompletionItemKind.Keyword,
        );
        item.detail = c.detail;
        item.sortText = c.sortText;
        item.filterText = c.filterText;
        item.range = range;
        return item;
      });
    },
  };
}
