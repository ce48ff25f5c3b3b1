// "Read the Format": the format guide shipped inside the extension
// (docs/format.md), shown as a Markdown preview, so the welcome view's link
// works offline and without a repository URL.
import * as vscode from 'vscode';
import { COMMANDS } from './commands';

export function registerDocs(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.readFormat, () =>
    vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.joinPath(context.extensionUri, 'docs', 'format.md'))));
}
