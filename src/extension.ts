// Waymark's entry point. Activation stays cheap: it only registers features.
// The plan store parses project.yml and reads git when a view first asks.
import * as vscode from 'vscode';
import { PlanStore } from './vscode/planStore';
import { PlanWriter } from './vscode/planWriter';
import { registerProjectScaffold } from './vscode/createProject';
// --- feature imports (one line per feature module) ---
import { registerLanguageFeatures } from './vscode/language';
import { registerViews } from './vscode/tree';
import { registerActions } from './vscode/actions';
import { registerGantt } from './vscode/gantt';
import { registerBoard } from './vscode/board';
import { registerReports } from './vscode/reports';
import { registerSprintBurndown } from './vscode/sprintBurndown';
import { COMMANDS } from './vscode/commands';
import { registerLanguageModelTools } from './vscode/lmTools';
import { registerDocs } from './vscode/docs';
import { registerWalkthroughProgress } from './vscode/walkthrough';
import * as l10n from '@vscode/l10n';
import { useDisplayLanguage } from './vscode/displayLanguage';
// --- end feature imports ---

/** Set by the bundle's first line (esbuild banner) so activation time includes module load. */
declare const __waymarkLoadStart: number | undefined;
declare const __waymarkCpuStart: NodeJS.CpuUsage | undefined;

// This thread's CPU time where Node has it (>= 23.9), else the process's (other threads count too).
const cpuUsage = (process as { threadCpuUsage?: (prev?: NodeJS.CpuUsage) => NodeJS.CpuUsage }).threadCpuUsage ?? process.cpuUsage;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

// Module evaluation ends here: every import above has run. It is timed on its
// own because VS Code may keep a loaded module waiting (other extensions,
// auth providers) before it calls activate(), and that wait is not ours.
const moduleLoad = typeof __waymarkLoadStart === 'number'
  ? { ms: performance.now() - __waymarkLoadStart, cpuMs: typeof __waymarkCpuStart === 'object' ? cpuMs(cpuUsage.call(process, __waymarkCpuStart)) : undefined }
  : undefined;

export interface WaymarkApi {
  readonly store: PlanStore;
  /** The one writer of project.yml (planWriter.ts), for tests and other extensions' tools. */
  readonly writer: PlanWriter;
  /** Module load + activate(), in milliseconds, as measured inside the extension host. */
  readonly activationMs: number;
  /** CPU time of the same two spans (the bench's load-independent figure); undefined without the banner. */
  readonly activationCpuMs?: number;
  /** The two parts: evaluating the bundle, and the activate() call. */
  readonly loadMs?: number;
  readonly activateMs: number;
}

export function activate(context: vscode.ExtensionContext): WaymarkApi {
  const started = performance.now();
  const cpuStarted = cpuUsage.call(process);
  // The view models and hover texts (no `vscode` import, so plain mocha tests them) translate with
  // @vscode/l10n: hand it the bundle VS Code loaded for the display language.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });
  useDisplayLanguage(vscode.env.language);
  const store = new PlanStore(context);
  const writer = new PlanWriter(store);
  context.subscriptions.push(store, writer);
  registerProjectScaffold(context, store);
  context.subscriptions.push(vscode.commands.registerCommand(COMMANDS.refresh, () => store.refresh()));
  // --- feature registrations (one line per feature module) ---
  registerLanguageFeatures(context, store);
  registerViews(context, writer);
  registerActions(context, writer);
  registerGantt(context, writer);
  registerBoard(context, writer);
  registerReports(context, store);
  registerSprintBurndown(context, store);
  registerLanguageModelTools(context, writer);
  registerDocs(context);
  registerWalkthroughProgress(context, store);
  // --- end feature registrations ---
  const activateMs = performance.now() - started;
  const activateCpuMs = cpuMs(cpuUsage.call(process, cpuStarted));
  return {
    store,
    writer,
    activationMs: (moduleLoad?.ms ?? 0) + activateMs,
    activationCpuMs: moduleLoad?.cpuMs !== undefined ? moduleLoad.cpuMs + activateCpuMs : undefined,
    loadMs: moduleLoad?.ms,
    activateMs,
  };
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
