// One board webview panel, for one plan (project.yml; its life is WebviewPanelHost's):
// data pushes, and the handling of every (validated)
// message the webview sends: card moves, reveal, quick menu, view state.
import * as vscode from 'vscode';
import {
  BOARD_PROTOCOL_VERSION, STATUSES, validateWebviewMessage,
  type BoardData, type HostMessage, type MoveOp, type WebviewMessage,
} from '../../protocol/board';
import type { PlanSnapshot } from '../planStore';
import type { PlanWriter } from '../planWriter';
import { folderKeyOf } from '../tree/sources';
import { personForEmail } from '../../core/progress';
import { readUserEmail, repoDirOf } from '../startWork';
import { buildBoardData, boardEdit } from './data';
import { COMMANDS } from '../commands';
import { panelOptions, revealTaskBeside, WebviewPanelHost, type PanelTestState } from '../webviewPanel';

export { panelOptions };

export const VIEW_TYPE = 'waymark.board';

export function boardTitle(folderName: string | undefined): string {
  return folderName ? vscode.l10n.t('Board: {0}', folderName) : vscode.l10n.t('Board');
}

/** What tests can observe through `waymark.board.test.state`. */
export interface BoardTestState extends PanelTestState<WebviewMessage> {
  file: string;
  title: string;
  rev: number;
  cards: number;
}

export class BoardPanel extends WebviewPanelHost<HostMessage, WebviewMessage, BoardTestState> {
  private rev = 0;
  private pendingFocus: { id?: string; milestone?: string } = {};
  private me = '';

  constructor(panel: vscode.WebviewPanel, context: vscode.ExtensionContext, writer: PlanWriter, readonly fileUri: vscode.Uri) {
    const title = boardTitle(vscode.workspace.getWorkspaceFolder(fileUri)?.name);
    panel.title = title;
    super(panel, context, writer, { name: 'board', title, editType: 'move', validate: validateWebviewMessage },
      { open: true, ready: false, file: fileUri.toString(), title, rev: 0, cards: 0, received: [], sent: [], refused: [] });
  }

  protected owns(s: PlanSnapshot): boolean {
    return s.fileUri.toString() === this.fileUri.toString();
  }

  protected onPlanChanged(): void {
    void this.refreshMe().then(() => this.push());
  }

  protected async onReady(): Promise<void> {
    await this.store.ready();
    await this.refreshMe();
    this.push();
  }

  private snapshot(): PlanSnapshot | undefined {
    return this.store.all().find((x) => x.fileUri.toString() === this.fileUri.toString());
  }

  /** Focuses a card, or filters to a milestone, once the webview is ready. */
  focus(target: { id?: string; milestone?: string }): void {
    if (!target.id && !target.milestone) return;
    if (this.ready && target.id) this.post({ type: 'focus', id: target.id });
    else this.pendingFocus = target;
    if (this.ready && target.milestone) this.push();
  }

  /** The person the user is (git user.email), for the "mine" filter. */
  private async refreshMe(): Promise<void> {
    const s = this.snapshot();
    const dir = s && this.store.trusted ? repoDirOf(s) : undefined;
    this.me = s?.plan && dir ? personForEmail(s.plan, await readUserEmail(dir)) ?? '' : '';
  }

  /** Sends the current plan as a full init (the board re-lays out its columns anyway). */
  push(): void {
    if (!this.ready) return;
    const data = this.data();
    const msg: HostMessage = { type: 'init', v: BOARD_PROTOCOL_VERSION, rev: ++this.rev, data };
    if (this.pendingFocus.id) msg.focus = this.pendingFocus.id;
    if (this.pendingFocus.milestone) msg.milestone = this.pendingFocus.milestone;
    this.pendingFocus = {};
    this.log.rev = this.rev;
    this.log.cards = data.cards.length;
    this.post(msg);
  }

  private data(): BoardData {
    const s = this.snapshot();
    const folder = vscode.workspace.getWorkspaceFolder(this.fileUri)?.name ?? '';
    if (!s?.plan) {
      const note = !s ? vscode.l10n.t('There is no project.yml here any more.') : vscode.l10n.t('project.yml could not be read: see the Problems view.');
      return { file: this.fileUri.toString(), folder, name: '', today: Math.floor(Date.now() / 86_400_000), people: [], milestones: [], sprints: [], me: '', cards: [], note, editable: false };
    }
    const note = [
      this.store.trusted ? '' : vscode.l10n.t('Restricted mode: no git, so no commits and no "mine".'),
      s.historyNote ?? '',
      s.parsed.syntaxOk ? '' : vscode.l10n.t('project.yml has syntax errors: the board shows the last plan that parsed, and moves are off.'),
    ].filter(Boolean).join(' ');
    return buildBoardData({ plan: s.plan, analysis: s.analysis, today: s.today, file: this.fileUri.toString(), folder, me: this.me, note, editable: s.parsed.syntaxOk });
  }

  protected async handle(m: WebviewMessage): Promise<HostMessage | undefined> {
    switch (m.type) {
      case 'move': {
        const answer = await this.move(m);
        this.post(answer);
        return answer;
      }
      case 'reveal':
        await this.reveal(m.task);
        return undefined;
      case 'menu':
        await this.menu(m.task);
        return undefined;
      default:
        return undefined;
    }
  }

  private async move(m: { reqId: number } & MoveOp): Promise<HostMessage> {
    const s = this.snapshot();
    if (!s?.plan) return { type: 'editResult', reqId: m.reqId, ok: false, reason: vscode.l10n.t('project.yml could not be read.') };
    const pending = m.status ? new Map([[m.task, m.status]]) : undefined;
    // The board shows the refusal itself (the card snaps back with the reason).
    const outcome = await this.writer.apply(folderKeyOf(s), (p) => boardEdit(p, m), { label: 'Board move', notify: false, pending });
    return outcome.applied ? { type: 'editResult', reqId: m.reqId, ok: true } : { type: 'editResult', reqId: m.reqId, ok: false, reason: outcome.reason };
  }

  private async reveal(taskId: string): Promise<void> {
    await revealTaskBeside(this.snapshot(), taskId, false);
  }

  /** Space on a card: what can be done to it, as a quick pick (keyboard and screen-reader friendly). */
  private async menu(taskId: string): Promise<void> {
    const s = this.snapshot();
    const plan = s?.plan;
    const task = plan?.byId.get(taskId);
    if (!s || !plan || !task || task.kind !== 'task') return;
    type Item = vscode.QuickPickItem & { run?: () => Promise<unknown> };
    const move = (op: Omit<MoveOp, 'task'>) => async () => {
      const answer = await this.move({ reqId: 0, task: taskId, ...op });
      if (answer.type === 'editResult' && !answer.ok) void vscode.window.showErrorMessage(vscode.l10n.t('Waymark did not change project.yml: {0}', answer.reason));
    };
    const effective = s.progress?.tasks.get(taskId)?.effective;
    const items: Item[] = [
      { label: '$(go-to-file) Open in project.yml', run: () => this.reveal(taskId) },
    ];
    if (effective && effective !== task.status) items.push({ label: `$(check) Accept the commits' status: ${effective}`, run: move({ status: effective }) });
    items.push({ label: vscode.l10n.t('Status'), kind: vscode.QuickPickItemKind.Separator });
    for (const st of STATUSES) if (st !== task.status) items.push({ label: vscode.l10n.t('Move to {0}', st), run: move({ status: st }) });
    items.push({ label: vscode.l10n.t('Milestone'), kind: vscode.QuickPickItemKind.Separator });
    for (const ms of plan.milestones) if (ms.id !== task.milestone) items.push({ label: vscode.l10n.t('Move to milestone {0}', ms.id), description: ms.title, run: move({ milestone: ms.id }) });
    if (task.milestone !== undefined) items.push({ label: vscode.l10n.t('Move to the backlog'), run: move({ milestone: '' }) });
    items.push({ label: vscode.l10n.t('Assignee'), kind: vscode.QuickPickItemKind.Separator });
    for (const p of plan.people) if (p.id !== task.assignee) items.push({ label: vscode.l10n.t('Assign to {0}', p.id), description: p.name, run: move({ assignee: p.id }) });
    if (task.assignee) items.push({ label: vscode.l10n.t('Unassign'), run: move({ assignee: '' }) });
    items.push({ label: '', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: '$(git-commit) Show linked commits', run: () => Promise.resolve(vscode.commands.executeCommand(COMMANDS.showLinkedCommits, { taskId, folder: folderKeyOf(s) })) });
    const pick = await vscode.window.showQuickPick(items, { title: `${taskId}: ${task.title}`, placeHolder: vscode.l10n.t('What to do with this card') });
    await pick?.run?.();
  }
}
