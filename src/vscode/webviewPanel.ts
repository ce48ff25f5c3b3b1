// What every Waymark webview panel (Gantt, board) shares: its HTML with a
// strict CSP and a fresh nonce, its options (scripts on, only our bundles and
// media loadable), its life (WebviewPanelHost: handshake, validated messages,
// test log), and opening a task of project.yml beside the panel.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { PlanSnapshot, PlanStore } from './planStore';
import type { PlanWriter } from './planWriter';

/**
 * The display language and the extension's translations for the webview
 * (webview/l10n.ts reads them before it builds any text). Inside a JSON
 * script, so the CSP never runs it; `<` is escaped so no text closes the tag.
 */
function pageL10nJson(): string {
  return JSON.stringify({ language: vscode.env.language, bundle: vscode.l10n.bundle }).replace(/</g, '\\u003c');
}

const escapeAttr = (text: string): string => text.replace(/[^\w-]/g, '');

/** The page of the webview `name`: script dist/webview/<name>.js, style media/<name>.css. */
export function webviewHtml(webview: vscode.Webview, extensionUri: vscode.Uri, name: string, title: string): string {
  const nonce = randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
  const script = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', `${name}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', `${name}.css`));
  const csp = [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${webview.cspSource} 'nonce-${nonce}'`,
    `img-src ${webview.cspSource} data:`,
    `font-src ${webview.cspSource}`,
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="${escapeAttr(vscode.env.language)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}" nonce="${nonce}">
<title>${title.replace(/[<>&"']/g, '')}</title>
</head>
<body>
<div id="app"></div>
<script type="application/json" id="waymark-l10n">${pageL10nJson()}</script>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

export function panelOptions(extensionUri: vscode.Uri): vscode.WebviewPanelOptions & vscode.WebviewOptions {
  return {
    enableScripts: true,
    retainContextWhenHidden: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Opens project.yml beside the panel (so the panel stays visible) with the task's id selected; false when there is no such task. */
export async function revealTaskBeside(s: PlanSnapshot | undefined, taskId: string, preserveFocus: boolean): Promise<boolean> {
  const task = s?.plan?.byId.get(taskId);
  if (!s || !task || task.kind !== 'task') return false;
  const doc = await vscode.workspace.openTextDocument(s.fileUri);
  const span = task.fieldSpans.id ?? task.span;
  const range = new vscode.Range(doc.positionAt(span.start), doc.positionAt(span.end));
  await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preserveFocus, selection: range, preview: true });
  return true;
}

/** Appends to a test log, keeping its last `max` entries. */
export function pushCapped<T>(list: T[], item: T, max = 200): void {
  list.push(item);
  if (list.length > max) list.shift();
}

/**
 * The answer to an edit message that failed validation: an edit we cannot
 * read still gets a refusal, so the webview puts its bar or card back.
 * Undefined when the message is not an edit with a usable request id.
 */
export function refusalOfInvalid(raw: unknown, editType: string, err: string): { type: 'editResult'; reqId: number; ok: false; reason: string } | undefined {
  const r = raw as { type?: unknown; reqId?: unknown } | null;
  if (!r || r.type !== editType || !Number.isSafeInteger(r.reqId) || (r.reqId as number) < 0) return undefined;
  return { type: 'editResult', reqId: r.reqId as number, ok: false, reason: vscode.l10n.t('Invalid {0}: {1}', editType, err) };
}

/** One message the host sent, as tests see it. */
export interface SentEntry { type: string; rev?: number; reqId?: number; ok?: boolean; reason?: string }

/** What tests can observe of every panel; each panel adds its own fields. */
export interface PanelTestState<W> {
  open: boolean;
  ready: boolean;
  received: W[];
  sent: SentEntry[];
  refused: string[];
}

/** Which webview a panel hosts, and how its messages are checked. */
export interface PanelKind {
  /** Script dist/webview/<name>.js and style media/<name>.css. */
  name: string;
  /** The page's <title>; also names the panel in the log. */
  title: string;
  /** The message type that carries an edit (answered with an editResult even when invalid). */
  editType: string;
  /** An error for a message that is not a valid one, else undefined. */
  validate(raw: unknown): string | undefined;
}

/**
 * The life of a Waymark webview panel, the same for the Gantt and the board:
 * the page with its CSP, the ready handshake (the webview is destroyed when
 * hidden and says `ready` again when shown), every message validated before
 * it is handled, plan changes pushed, and a log tests read. A panel adds what
 * it shows (`onReady`, `onPlanChanged`) and what its messages do (`handle`).
 */
export abstract class WebviewPanelHost<H extends { type: string }, W extends { type: string }, S extends PanelTestState<W>> implements vscode.Disposable {
  protected ready = false;
  protected readonly store: PlanStore;
  protected readonly disposables: vscode.Disposable[] = [];
  private onDisposed: (() => void) | undefined;

  protected constructor(
    readonly panel: vscode.WebviewPanel,
    context: vscode.ExtensionContext,
    protected readonly writer: PlanWriter,
    private readonly kind: PanelKind,
    protected readonly log: S,
  ) {
    this.store = writer.store;
    panel.webview.options = panelOptions(context.extensionUri);
    panel.iconPath = vscode.Uri.joinPath(context.extensionUri, 'media', 'waymark-activity.svg');
    panel.webview.html = webviewHtml(panel.webview, context.extensionUri, kind.name, kind.title);
    this.disposables.push(
      panel.webview.onDidReceiveMessage((m: unknown) => { void this.receive(m); }),
      panel.onDidDispose(() => this.dispose()),
      panel.onDidChangeViewState(() => { if (!panel.visible) this.ready = false; this.onVisibility(panel.visible); }),
      this.store.onDidChange((s) => { if (this.owns(s)) this.onPlanChanged(); }),
    );
  }

  /** Whether a change of the plan `s` concerns this panel. */
  protected abstract owns(s: PlanSnapshot): boolean;
  /** The webview (re)started: send it everything. */
  protected abstract onReady(): Promise<void>;
  /** The panel's plan changed. */
  protected abstract onPlanChanged(): void;
  /** Handles a valid message other than `ready`; returns what it answered, for tests. */
  protected abstract handle(m: W): Promise<H | undefined>;
  /** The panel was shown or hidden (a hidden webview is gone until its next `ready`). */
  protected onVisibility(_visible: boolean): void { /* most panels need nothing */ }

  whenDisposed(fn: () => void): void {
    this.onDisposed = fn;
  }

  protected post(m: H): void {
    const o = m as H & Omit<SentEntry, 'type'>;
    const entry: SentEntry = { type: m.type };
    if (o.rev !== undefined) entry.rev = o.rev;
    if (m.type === 'editResult') { entry.reqId = o.reqId; entry.ok = o.ok; if (!o.ok) entry.reason = o.reason; }
    pushCapped(this.log.sent, entry);
    void this.panel.webview.postMessage(m);
  }

  /** Handles one message from the webview (tests call this too, through the test command). */
  async receive(raw: unknown): Promise<H | undefined> {
    const err = this.kind.validate(raw);
    if (err) {
      this.log.refused.push(err);
      this.store.log.warn(`${this.kind.title}: ignored a message from the webview: ${err}`);
      const answer = refusalOfInvalid(raw, this.kind.editType, err) as H | undefined;
      if (answer) this.post(answer);
      return answer;
    }
    const m = raw as W;
    pushCapped(this.log.received, m);
    if (m.type !== 'ready') return this.handle(m);
    this.ready = true;
    this.log.ready = true;
    await this.onReady();
    return undefined;
  }

  state(): S {
    return { ...this.log, received: [...this.log.received], sent: [...this.log.sent], refused: [...this.log.refused] };
  }

  dispose(): void {
    this.log.open = false;
    vscode.Disposable.from(...this.disposables).dispose();
    this.disposables.length = 0;
    this.panel.dispose();
    this.onDisposed?.();
  }
}
