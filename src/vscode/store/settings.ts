// The `waymark.*` settings a plan snapshot depends on.
import * as vscode from 'vscode';
import { EV_RULES, type EarnedValueRule, type Plan } from '../../core/model';
import type { LinkSettings } from '../../core/report/releaseCommits';

/** Settings whose change reloads every plan (showDoneTasks and branchTemplate are read by their users). */
export const STORE_SETTINGS = ['earnedValueRule', 'defaultBranch', 'closingWords', 'closeOnMerge'] as const;

/** `waymark.earnedValueRule` for a folder; '50/50' when unset or not a known rule. */
export function earnedValueRule(folder: vscode.WorkspaceFolder): EarnedValueRule {
  const r = vscode.workspace.getConfiguration('waymark', folder).get<string>('earnedValueRule', '50/50');
  return (EV_RULES as readonly string[]).includes(r) ? (r as EarnedValueRule) : '50/50';
}

/** `waymark.closeOnMerge` when the user set it (folder, workspace or user), else undefined. */
export function closeOnMergeSetting(config: vscode.WorkspaceConfiguration): boolean | undefined {
  const set = config.inspect<boolean>('closeOnMerge');
  return set?.workspaceFolderValue ?? set?.workspaceValue ?? set?.globalValue;
}

/** The setting when the user set it, else project.yml's `project.closeOnMerge`, else on. */
export function closeOnMergeOf(config: vscode.WorkspaceConfiguration, plan: Plan): boolean {
  return closeOnMergeSetting(config) ?? plan.project.closeOnMerge ?? true;
}

/**
 * The linking settings for a postmortem (`waymark.closingWords`, and
 * `waymark.closeOnMerge` only when set: unset, the plan at the release decides).
 */
export function postmortemLinkSettings(folder: vscode.WorkspaceFolder): LinkSettings {
  const config = vscode.workspace.getConfiguration('waymark', folder);
  const closeOnMerge = closeOnMergeSetting(config);
  return { closingWords: config.get<string[]>('closingWords'), ...(closeOnMerge !== undefined ? { closeOnMerge } : {}) };
}
