// The Gantt webview panel (its life is WebviewPanelHost's): data
// pushes (full, then incremental), and the handling of every (validated)
// message the webview sends: edits, reveal, baseline, export.
import * as vscode from 'vscode';
import {
  GANTT_PROTOCOL_VERSION, T, dayToIso, validateWebviewMessage,
  type EditOp, type GanttData, type HostMessage, type ViewState, type WebviewMessage,
} from '../../protocol/gantt';
import { addDependency, setTaskField, type EditResult } from '../../core/edit';
import type { PlanSnapshot } from '../planStore';
import type { PlanWriter } from '../planWriter';
import type { ParsedPlan } from '../../core/parse';
import type { Plan } from '../../core/model';
import { folderKeyOf } from '../tree/sources';
import { buildGanttData, diffGanttData } from './data';
import { pickBaseline } from './baseline';
import { COMMANDS } from '../commands';
import { panelOptions, revealTaskBeside, WebviewPanelHost, type PanelTestState } from '../webviewPanel';

export const VIEW_TYPE = 'waymark.gantt';

export { panelOptions };

/** What tests can observe through `waymark.gantt.test.state`. */
export interface GanttTestState extends PanelTestState<WebviewMessage> {
  visible: boolean;
  rev: number;
  tasks: number;
  /** Per task id, the dates the webview was last sent: planned start and finish, forecast start and finish (day numbers). */
  dates: Record<string, [number, number, number, number]>;
  viewState?: ViewState;
}

export class GanttPanel extends WebviewPanelHost<HostMessage, WebviewMessage, GanttTestState> {
  private rev = 0;
  /** What the webview holds; undefined until the first init after a ready. */
  private shown: GanttData | undefined;
  private pendingFocus: string | undefined;

  constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, writer: PlanWriter, private fileUri: vscode.Uri | undefined) {
    super(panel, context, writer, { name: 'gantt', title: vscode.l10n.t('Gantt'), editType: 'edit', validate: validateWebviewMessage },
      { open: true, ready: false, visible: true, rev: 0, received: [], sent: [], refused: [], tasks: 0, dates: {} });
  }

  protected override onVisibility(visible: boolean): void {
    this.log.visible = visible;
    if (!visible) this.shown = undefined;
  }

  protected onPlanChanged(): void {
    this.push();
  }

  protected async onReady(): Promise<void> {
    this.shown = undefined;
    await this.store.ready();
    this.push();
  }

  /** Whether this chart is of the plan in `fileUri` (a chart not yet tied to a plan is of any). */
  shows(fileUri: vscode.Uri): boolean {
    return !this.fileUri || this.fileUri.toString() === fileUri.toString();
  }

  protected owns(s: PlanSnapshot): boolean {
    return this.shows(s.fileUri);
  }

  private snapshot(): PlanSnapshot | undefined {
    const s = this.fileUri ? this.store.all().find((x) => x.fileUri.toString() === this.fileUri?.toString()) : this.store.forUri();
    if (s && !this.fileUri) this.fileUri = s.fileUri;
    return s;
  }

  /** Scrolls to a milestone or task once the webview is ready. */
  focus(id: string | undefined): void {
    if (!id) return;
    if (this.ready && this.shown) this.post({ type: 'focus', id });
    else this.pendingFocus = id;
  }

  /** Sends the current snapshot: everything after a ready, else only what changed. */
  push(): void {
    if (!this.ready) return;
    const s = this.snapshot();
    if (!s?.plan) {
      this.post({ type: 'init', v: GANTT_PROTOCOL_VERSION, rev: ++this.rev, data: emptyData(s) });
      this.shown = undefined;
      return;
    }
    const note = [
      this.store.trusted ? '' : vscode.l10n.t('Restricted mode: no git, so no actual dates or commits.'),
      s.historyNote ?? '',
      s.parsed.syntaxOk ? '' : vscode.l10n.t('project.yml has syntax errors: the chart shows the last plan that parsed, and edits are off.'),
    ].filter(Boolean).join(' ');
    const data = buildGanttData({ plan: s.plan, schedule: s.schedule, progress: s.progress, history: s.history, today: s.today, note, forecast: s.analysis?.forecast, health: s.analysis?.health });
    const msg = diffGanttData(this.shown, data, this.rev, this.rev + 1);
    this.rev++;
    if (msg.type === 'init' && this.pendingFocus) { msg.focus = this.pendingFocus; this.pendingFocus = undefined; }
    this.shown = data;
    this.log.rev = this.rev;
    this.log.tasks = data.tasks.length;
    this.log.dates = Object.fromEntries(data.tasks.map((t) => [t[T.id], [t[T.start], t[T.finish], t[T.forecastStart], t[T.forecastFinish]]]));
    this.post(msg);
  }

  protected async handle(m: WebviewMessage): Promise<HostMessage | undefined> {
    switch (m.type) {
      case 'resync':
        this.shown = undefined;
        this.push();
        return undefined;
      case 'edit': {
        const answer = await this.edit(m);
        this.post(answer);
        return answer;
      }
      case 'reveal':
        await this.reveal(m.task);
        return undefined;
      case 'pickBaseline': {
        const s = this.snapshot();
        const answer = await pickBaseline(this.store, s);
        this.post(answer);
        return answer;
      }
      case 'export':
        await saveExport(m.format, m.data, this.snapshot());
        return undefined;
      case 'state':
        this.log.viewState = m.state;
        return undefined;
    }
  }

  private async edit(m: { reqId: number } & EditOp): Promise<HostMessage> {
    const s = this.snapshot();
    if (!s?.plan) return { type: 'editResult', reqId: m.reqId, ok: false, reason: vscode.l10n.t('project.yml could not be read.') };
    // The chart shows the refusal itself (the bar snaps back with the reason).
    const outcome = await this.writer.apply(folderKeyOf(s), (p) => ganttEdit(p, m), { label: `Gantt ${m.op}`, notify: false });
    return outcome.applied ? { type: 'editResult', reqId: m.reqId, ok: true } : { type: 'editResult', reqId: m.reqId, ok: false, reason: outcome.reason };
  }

  private async reveal(taskId: string): Promise<void> {
    const s = this.snapshot();
    // The file opens beside the chart so the chart stays visible.
    if (!(await revealTaskBeside(s, taskId, true))) return;
    const task = s?.plan?.byId.get(taskId);
    if (!task || task.kind !== 'task') return;
    // And in the Plan tree. Done and dropped tasks may be hidden there, and the
    // tree command would then open the file over the chart: skip those.
    if (task.status !== 'done' && task.status !== 'dropped') {
      await Promise.resolve(vscode.commands.executeCommand(COMMANDS.openTask, taskId)).catch(() => undefined);
    }
  }
}

/** The core edit a Gantt gesture asks for, on the plan as it is now. */
function ganttEdit(p: ParsedPlan, m: EditOp): EditResult {
  const refuse = (reason: string): EditResult => ({ ok: false, reason });
  if (!p.plan) return refuse(vscode.l10n.t('project.yml could not be read.'));
  if (!p.syntaxOk) return refuse(vscode.l10n.t('project.yml has syntax errors; fix them before editing from the Gantt.'));
  const task = p.plan.byId.get(m.task);
  if (!task || task.kind !== 'task') return refuse(vscode.l10n.t('There is no task {0} in project.yml.', m.task));
  if (m.op === 'move') return setTaskField(p, m.task, 'start', dayToIso(m.start));
  if (m.op === 'estimate') return setTaskField(p, m.task, 'estimate', estimateFor(p.plan, task.assignee, m.days));
  if (!p.plan.byId.has(m.dependsOn)) return refuse(vscode.l10n.t('There is no task or milestone {0}.', m.dependsOn));
  return addDependency(p, m.task, m.dependsOn);
}

/**
 * The estimate to write for a bar that should last `days` working days: the
 * engine divides hours by hoursPerDay x the assignee's capacity, so a
 * half-time person's 4-day bar is 2 days of work.
 */
export function estimateFor(plan: Plan, assignee: string | undefined, days: number): string {
  const who = assignee ? plan.byId.get(assignee) : undefined;
  const capacity = who && who.kind === 'person' ? who.capacity : 1;
  const workDays = days * capacity;
  if (Number.isInteger(workDays)) return `${workDays}d`;
  const hours = Math.round(workDays * plan.project.calendar.hoursPerDay * 100) / 100;
  return `${hours}h`;
}

function emptyData(s: PlanSnapshot | undefined): GanttData {
  const today = Math.floor(Date.now() / 86_400_000);
  const why = !s ? vscode.l10n.t('No project.yml in this workspace.') : vscode.l10n.t('project.yml could not be read: see the Problems view.');
  return { name: '', today, start: -1, calendar: { workdays: [1, 2, 3, 4, 5], holidays: [] }, people: [], groups: [], tasks: [], note: why };
}

async function saveExport(format: 'svg' | 'png', data: string, s: PlanSnapshot | undefined): Promise<void> {
  const base = s ? vscode.Uri.joinPath(s.folder.uri, `gantt.${format}`) : undefined;
  const target = await vscode.window.showSaveDialog({
    defaultUri: base,
    filters: format === 'svg' ? { [vscode.l10n.t('SVG image')]: ['svg'] } : { [vscode.l10n.t('PNG image')]: ['png'] },
    title: vscode.l10n.t('Export Gantt as {0}', format.toUpperCase()),
  });
  if (!target) return;
  const bytes = format === 'svg' ? new TextEncoder().encode(data) : Buffer.from(data.slice(data.indexOf(',') + 1), 'base64');
  await vscode.workspace.fs.writeFile(target, bytes);
  void vscode.window.showInformationMessage(vscode.l10n.t('Gantt exported to {0}.', vscode.workspace.asRelativePath(target)));
}
