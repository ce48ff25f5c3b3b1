// What every Waymark webview panel (Gantt, board) shares: its HTML with a
// strict CSP and a fresh nonce, its options (scripts on, only our bundles and
// media loadable), and opening a task of project.yml beside the panel.
import * as vscode from 'vscode';
import { randomBytes } from 'node:crypto';
import type { PlanSnapshot } from './planStore';

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
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}" nonce="${nonce}">
<title>${title.replace(/[<>&"']/g, '')}</title>
</head>
<body>
<div id="app"></div>
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
  return { type: 'editResult', reqId: r.reqId as number, ok: false, reason: `Invalid ${editType}: ${err}` };
}
