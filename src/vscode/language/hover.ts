// Hover on an id in project.yml (where it is defined or referenced): a task's
// title, declared and effective status, assignee, estimate, progress, commits
// and float; a milestone's or person's summary.
import * as vscode from 'vscode';
import { milestoneHoverMarkdown, personHoverMarkdown, taskHoverMarkdown } from './hoverText';
import { taskFacts } from './facts';
import { spanRange, type PlanDocuments } from './planDocuments';

export class PlanHover implements vscode.HoverProvider {
  constructor(private readonly docs: PlanDocuments) {}

  provideHover(doc: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.docs.isPlan(doc)) return undefined;
    const pd = this.docs.get(doc);
    const occ = pd.index.at(doc.offsetAt(position));
    const plan = pd.lastPlan;
    if (!occ || !plan) return undefined;
    const item = plan.byId.get(occ.id);
    if (!item) return undefined;
    const snap = this.docs.snapshotFor(doc.uri);
    let md: string;
    switch (item.kind) {
      case 'task': md = taskHoverMarkdown(plan, item, taskFacts(snap, item.id)); break;
      case 'milestone': md = milestoneHoverMarkdown(item, snap?.progress?.milestones.get(item.id)?.progress); break;
      case 'person': md = personHoverMarkdown(plan, item); break;
      default: return undefined;
    }
    // Not trusted, no HTML: the text is plan data, already escaped.
    const content = new vscode.MarkdownString(md);
    content.isTrusted = false;
    content.supportHtml = false;
    return new vscode.Hover(content, spanRange(doc, occ.start, occ.end));
  }
}
