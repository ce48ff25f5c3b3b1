// Registers the task commands of the Plan and My Tasks views (context menus,
// inline buttons, palette, keyboard). Argument conventions: see targets.ts.
import * as vscode from 'vscode';
import type { PlanWriter } from '../planWriter';
import {
  acceptDerivedStatusCommand, addTaskCommand, assignCommand, editDatesCommand, moveTaskCommand, removeTaskCommand,
  setEstimateCommand, setStatusCommand,
} from './edits';
import { revealInFileCommand, showLinkedCommitsCommand } from './navigate';
import { resolveTargets } from './targets';
import { startWork, type StartWorkResult } from '../startWork';
import { updateStatusBar } from '../statusBar';
import { views } from '../tree';
import { folderKeyOf } from '../tree/sources';
import { COMMANDS, type CommandId } from '../commands';

export function registerActions(context: vscode.ExtensionContext, writer: PlanWriter): void {
  const { store } = writer;
  const reg = (id: CommandId, fn: (...args: unknown[]) => unknown) => context.subscriptions.push(vscode.commands.registerCommand(id, fn));
  reg(COMMANDS.setStatus, (a, b, c) => setStatusCommand(writer, a, b, c));
  reg(COMMANDS.acceptDerivedStatus, (a, b) => acceptDerivedStatusCommand(writer, a, b));
  reg(COMMANDS.assign, (a, b) => assignCommand(writer, a, b));
  reg(COMMANDS.setEstimate, (a, b) => setEstimateCommand(writer, a, b));
  reg(COMMANDS.editDates, (a, b) => editDatesCommand(writer, a, b));
  reg(COMMANDS.addTask, async (a, b) => {
    const id = await addTaskCommand(writer, a, b);
    // Show the new task where the user will look for it (not in tests that pass the fields).
    if (id && (typeof b !== 'object' || b === null || Array.isArray(b))) {
      const t = store.findTask(id);
      if (t) await views()?.revealTask(folderKeyOf(t.snapshot), id);
    }
    return id;
  });
  reg(COMMANDS.moveTask, (a, b) => moveTaskCommand(writer, a, b));
  reg(COMMANDS.removeTask, (a, b) => removeTaskCommand(writer, a, b));
  reg(COMMANDS.revealInFile, (a, b) => revealInFileCommand(store, a, b));
  reg(COMMANDS.showLinkedCommits, (a, b) => showLinkedCommitsCommand(store, a, b));
  reg(COMMANDS.startWork, async (a): Promise<StartWorkResult | undefined> => {
    const targets = await resolveTargets(store, a, undefined, vscode.l10n.t('Start work on which task?'));
    if (!targets) return undefined;
    const { snapshot, task } = targets[0];
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Starting work on {0}', task.id) },
      () => startWork(writer, snapshot, task),
    );
    await updateStatusBar();
    // Not awaited: a notification stays until dismissed.
    if (result.ok) void vscode.window.showInformationMessage(result.message);
    else void vscode.window.showErrorMessage(result.message);
    return result;
  });
}
