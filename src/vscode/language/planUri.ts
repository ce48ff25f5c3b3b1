// Which files the project.yml language features apply to. Kept apart (no
// `vscode` value import) because the activation bundle (src/extension.ts)
// loads the language features when such a document opens.
import type * as vscode from 'vscode';

export const PLAN_FILE_NAME = 'project.yml';

/** Local files, remotes and virtual file systems (GitHub repositories); not git:, untitled: or output. */
export const PLAN_SCHEMES = ['file', 'vscode-remote', 'vscode-vfs'] as const;

const SCHEMES = new Set<string>(PLAN_SCHEMES);

export function isPlanUri(uri: vscode.Uri): boolean {
  return SCHEMES.has(uri.scheme) && uri.path.endsWith(`/${PLAN_FILE_NAME}`);
}
