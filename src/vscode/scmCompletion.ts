// Commit-message help in the Source Control input box: task ids (the current
// branch's task and open tasks first) and the closing words that make a
// commit close a task. Works in untrusted workspaces too: it reads only the plan.
import * as vscode from 'vscode';
import type { PlanSnapshot, PlanStore } from './planStore';
import { DEFAULT_CLOSING_WORDS } from '../core/link';
import { closingWordSuggestions } from './actions/naming';
import { currentTaskId } from './statusBar';

const OPEN_RANK: Record<string, number> = { 'in-progress': 1, 'review': 2, 'blocked': 3, 'todo': 4, 'done': 8, 'dropped': 9 };

/** The plan of the repository an SCM input box belongs to (`vscode-scm:git/scm0/input?rootUri=...`). */
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

export function registerScmCompletion(context: vscode.ExtensionContext, store: PlanStore): void {
  const provider: vscode.CompletionItemProvider = {
    async provideCompletionItems(doc, position) {
      await store.ready();
      const line = doc.lineAt(position.line).text.slice(0, position.character);
      const word = /[A-Za-z][\w.-]*$/.exec(line)?.[0] ?? '';
      const range = new vscode.Range(position.translate(0, -word.length), position);
      const current = currentTaskId();
      const items: vscode.CompletionItem[] = [];
      for (const snapshot of snapshotsFor(store, doc)) {
        const plan = snapshot.plan;
        if (!plan) continue;
        for (const task of plan.tasks) {
          const effective = snapshot.progress?.tasks.get(task.id)?.effective ?? task.status;
          const item = new vscode.CompletionItem({ label: task.id, description: task.title }, vscode.CompletionItemKind.Reference);
          item.detail = [effective, task.assignee].filter(Boolean).join(' · ');
          item.documentation = new vscode.MarkdownString().appendText(`${task.id} ${task.title}`);
          item.range = range;
          item.filterText = `${task.id} ${task.title}`;
          item.sortText = `${task.id === current ? 0 : OPEN_RANK[effective] ?? 5}-${String(task.order).padStart(6, '0')}`;
          items.push(item);
        }
      }
      const words = vscode.workspace.getConfiguration('waymark').get<string[]>('closingWords') ?? [...DEFAULT_CLOSING_WORDS];
      for (const w of closingWordSuggestions(words)) {
        const item = new vscode.CompletionItem(w, vscode.CompletionItemKind.Keyword);
        item.detail = 'closing word: the task is done once this commit is on the default branch';
        item.range = range;
        item.sortText = `7-${w}`;
        items.push(item);
      }
      return items;
    },
  };
  context.subscriptions.push(vscode.languages.registerCompletionItemProvider({ scheme: 'vscode-scm' }, provider));
}
