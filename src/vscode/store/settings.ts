// The `waymark.*` settings a plan snapshot depends on.
import * as vscode from 'vscode';
import { EV_RULES, type EarnedValueRule } from '../../core/model';

/** Settings whose change reloads every plan (showDoneTasks and branchTemplate are read by their users). */
export const STORE_SETTINGS = ['earnedValueRule', 'defaultBranch', 'closingWords', 'closeOnMerge'] as const;

/** `waymark.earnedValueRule` for a folder; '50/50' when unset or not a known rule. */
export function earnedValueRule(folder: vscode.WorkspaceFolder): EarnedValueRule {
  const r = vscode.workspace.getConfiguration('waymark', folder).get<string>('earnedValueRule', '50/50');
  return (EV_RULES as readonly string[]).includes(r) ? (r as EarnedValueRule) : '50/50';
}
