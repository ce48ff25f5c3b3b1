// Waymark: Generate Postmortem / Generate Status Report. Both run the core
// generators (src/core/report/generate.ts) under a progress notification and
// open the Markdown as an untitled document with its preview beside it; the
// postmortem's burndown is inline as a data: URI (the preview allows
// data:image/*). Git runs only in trusted workspaces.
import * as vscode from 'vscode';
import { GitError } from '../core/git/run';
import { PlanHistoryError } from '../core/git/planHistory';
import { generatePostmortem } from '../core/report/generate';
import { currentSprint, sprintBurndownSvg } from '../core/report/sprintSection';
import { computeStatusReport, defaultSince, renderStatusReport } from '../core/report/statusReport';
import type { PlanSnapshot, PlanStore } from './planStore';
import { earnedValueRule, postmortemLinkSettings } from './store/settings';
import { isViewNode, resolveMilestone } from './actions/targets';
import { COMMANDS } from './commands';

/** What the commands return (for tests and other commands): the opened document. */
export interface ReportResult {
  readonly document: vscode.TextDocument;
}

export function registerReports(context: vscode.ExtensionContext, store: PlanStore): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.generatePostmortem, (arg?: unknown) => postmortemCommand(store, arg)),
    vscode.commands.registerCommand(COMMANDS.generateStatusReport, (arg?: unknown) => statusReportCommand(store, arg)),
  );
}

/** A milestone id from a tree node (`milestoneId`, else `id`) or a plain string. */
export function milestoneArg(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object') {
    const o = arg as { milestoneId?: unknown; id?: unknown };
    if (typeof o.milestoneId === 'string') return o.milestoneId;
    if (typeof o.id === 'string') return o.id;
  }
  return undefined;
}

function uriArg(arg: unknown): vscode.Uri | undefined {
  if (arg && typeof arg === 'object') {
    const o = arg as { uri?: unknown; fileUri?: unknown };
    if (o.fileUri instanceof vscode.Uri) return o.fileUri;
    if (o.uri instanceof vscode.Uri) return o.uri;
  }
  return undefined;
}

async function pickMilestone(store: PlanStore, arg: unknown): Promise<{ snapshot: PlanSnapshot; milestoneId: string } | undefined> {
  const wanted = milestoneArg(arg);
  const snapshots = store.all().filter((s) => s.plan);
  if (wanted !== undefined) {
    // A tree node names its own plan (several may have a milestone of that id).
    const found = resolveMilestone(store, isViewNode(arg) ? arg : wanted, store.forUri(uriArg(arg)));
    if (!found) {
      void vscode.window.showErrorMessage(vscode.l10n.t('Waymark: no milestone \'{0}\' in project.yml.', wanted.slice(0, 80)));
      return undefined;
    }
    return { snapshot: found.snapshot, milestoneId: wanted };
  }
  const items = snapshots.flatMap((s) => s.plan!.milestones.map((m) => ({
    label: m.title,
    description: m.id,
    detail: [m.release ? vscode.l10n.t('release {0}', m.release) : vscode.l10n.t('not released (HEAD)'), m.due ? vscode.l10n.t('due {0}', m.due) : '', snapshots.length > 1 ? s.folder.name : '']
      .filter(Boolean).join(' · '),
    snapshot: s,
    milestoneId: m.id,
  })));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Waymark: project.yml has no milestones to write a postmortem for.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Generate Postmortem'), placeHolder: vscode.l10n.t('Milestone'), matchOnDescription: true });
  return picked && { snapshot: picked.snapshot, milestoneId: picked.milestoneId };
}

/**
 * Opens `markdown` as a new untitled document named `fileName` in `folder`,
 * so its tab says what it is and Save proposes that name there. A name of its
 * own also keeps VS Code from handing back a just-closed `Untitled-1` whose
 * removal has not reached the extension host yet (seen in the in-host tests).
 */
async function openReport(markdown: string, folder: vscode.WorkspaceFolder, fileName: string): Promise<vscode.TextDocument> {
  const uri = freeUntitledUri(folder, fileName);
  let document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.insert(uri, new vscode.Position(0, 0), markdown);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not write the report into ${fileName}`);
  if (document.languageId !== 'markdown') document = await vscode.languages.setTextDocumentLanguage(document, 'markdown');
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('markdown.showPreviewToSide', document.uri);
  return document;
}

/** `untitled:<folder>/<name>.md`, numbered when a document of that name is already open. */
function freeUntitledUri(folder: vscode.WorkspaceFolder, fileName: string): vscode.Uri {
  const safe = fileName.replace(/[^\w.-]+/g, '-');
  const stem = safe.replace(/\.md$/, '');
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${stem}.md` : `${stem}-${n}.md`;
    const uri = vscode.Uri.joinPath(folder.uri, name).with({ scheme: 'untitled' });
    if (!open.has(uri.toString())) return uri;
  }
}

function reportError(e: unknown): boolean {
  if (e instanceof PlanHistoryError || e instanceof GitError) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Waymark: {0}', e.message));
    return true;
  }
  return false;
}

async function postmortemCommand(store: PlanStore, arg: unknown): Promise<ReportResult | undefined> {
  if (!store.trusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Waymark: a postmortem reads the git history, which needs a trusted workspace.'));
    return undefined;
  }
  await store.ready();
  const target = await pickMilestone(store, arg);
  if (!target) return undefined;
  const { snapshot, milestoneId } = target;
  if (snapshot.fileUri.scheme !== 'file') {
    void vscode.window.showErrorMessage(vscode.l10n.t('Waymark: a postmortem needs project.yml in a local git repository.'));
    return undefined;
  }
  try {
    const markdown = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Waymark: writing the postmortem of {0}…', milestoneId) },
      async () => {
        const result = await generatePostmortem({
          repoDir: snapshot.folder.uri.fsPath,
          planFile: snapshot.fileUri.fsPath,
          planText: snapshot.parsed.text,
          plan: snapshot.plan,
          milestoneId,
          today: snapshot.today,
          rule: earnedValueRule(snapshot.folder),
          // The rules the Plan view closes tasks by, so the postmortem agrees with it.
          link: postmortemLinkSettings(snapshot.folder),
        });
        for (const s of result.data.history.skipped) {
          store.log.warn(`postmortem: skipped project.yml at ${s.sha.slice(0, 7)} (${s.day}): ${s.reason}`);
        }
        return result.markdown(svgDataUri(result.svg));
      },
    );
    return { document: await openReport(markdown, snapshot.folder, `postmortem-${milestoneId}.md`) };
  } catch (e) {
    if (reportError(e)) return undefined;
    throw e;
  }
}

async function statusReportCommand(store: PlanStore, arg: unknown): Promise<ReportResult | undefined> {
  await store.ready();
  const snapshot = store.forUri(uriArg(arg));
  if (!snapshot?.analysis) {
    void vscode.window.showErrorMessage(snapshot ? vscode.l10n.t('Waymark: project.yml does not parse, so there is no status to report.') : vscode.l10n.t('Waymark: no project.yml in this workspace.'));
    return undefined;
  }
  const since = typeof (arg as { since?: unknown } | undefined)?.since === 'string' && /^\d{4}-\d{2}-\d{2}$/.test((arg as { since: string }).since)
    ? { day: (arg as { since: string }).since, label: (arg as { since: string }).since }
    : defaultSince(snapshot.today);
  const markdown = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Waymark: writing the status report…') },
    async () => {
      const data = computeStatusReport({ analysis: snapshot.analysis!, since, gitNote: snapshot.historyNote });
      const sprint = currentSprint(data.sprints);
      return renderStatusReport(data, { sprintChartHref: sprint && svgDataUri(sprintBurndownSvg(sprint, data.today)) });
    },
  );
  return { document: await openReport(markdown, snapshot.folder, `status-report-${snapshot.today}.md`) };
}

/** The Markdown preview allows data:image/* but no files beside an untitled report. */
function svgDataUri(svg: string): string {
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
